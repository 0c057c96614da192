"""Who the subject of a technology's work is: the programme, another party or a firm.

The last subject named before a mention decides whose work a clause states (graph contract v2:
DEVELOPS is the programme's own work): the programme (``own``: 本計畫, 科技專案 …), another
party (``others``: 各國, 大廠 …; ``parties`` in the clause: 國際大廠開發X, 導入國外X), a firm
or named organisation (``firms``: 臺塑導入X, 協助廠商建立X), an industry or a maker a work verb
follows (``home_parties``: 產業也加速導入X, 電動巴士廠運用X) or a party a verb of help names
(``helps``: 有助於我國提前布局X). Settings are
``schema/rules/develops.json`` (:mod:`graphkit.developsrules`); read by
:func:`graphkit.develops.own_work`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .developsrules import DevelopsSettings

__all__ = [
    "by_others",
    "by_programme",
    "find_all",
    "firm_led",
    "helped",
    "home_led",
    "last_own",
    "party_led",
]


def find_all(text: str, word: str) -> list[int]:
    """Every position of ``word`` in ``text``."""
    return [m.start() for m in re.finditer(re.escape(word), text)]


def party_led(whole: str, at: int, verbs: Iterable[str], settings: DevelopsSettings) -> bool:
    """Whether the clause ``whole`` names another party as its subject or source, before the
    mention at ``at``: before its first work verb (國際大廠開發X), or after it outside a
    qualifier of the mention (導入國外X); a party in a qualifier that 之 or 的 closes before the
    mention describes what is worked on (研發具國際競爭優勢之X).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> v = s.work_verbs
    >>> party_led("國際大廠積極開發量子電腦", 8, v, s), party_led("導入國外量子電腦", 4, v, s)
    (True, True)
    >>> party_led("研發具國際競爭優勢之晶片", 10, v, s), party_led("規劃晶片等國際標準", 2, v, s)
    (False, False)
    """
    verb = min((i for v in verbs if (i := whole.find(v)) >= 0), default=len(whole))
    return any(
        i < verb or not any(q in whole[i:at] for q in settings.qualifier_ends)
        for p in settings.parties
        for i in find_all(whole[:at], p)  # after the mention, it is neither
    )


def last_own(text: str, settings: DevelopsSettings, start: int = 0, end: int | None = None) -> int:
    """Where the programme (one of ``own``: 本計畫, 科技專案 …) is last named in
    ``text[start:end]``, or -1."""
    end = len(text) if end is None else end
    return max((text.rfind(w, start, end) for w in settings.own), default=-1)


def by_programme(before: str, settings: DevelopsSettings, owned: bool = False) -> bool:
    """Whether the last subject named in ``before`` is the programme (科技專案還將專注於…);
    with ``owned`` (a section whose heading states the programme's work) the programme is
    the subject until another is named."""
    return max(last_own(before, settings), 0 if owned else -1) > _others(before, settings)


def by_others(before: str, settings: DevelopsSettings) -> bool:
    """Whether the last subject named in ``before`` is another party (先進國家紛紛投入…)."""
    return _others(before, settings) > last_own(before, settings)


def home_led(before: str, left: int, settings: DevelopsSettings) -> bool:
    """Whether the last subject named in ``before`` (the sentence up to a mention whose
    clause starts at ``left``) is an industry or a firm (``home_parties``: 產業, 業界;
    ``firms``) rather than the programme.

    Such a party is a subject when a verb of work follows it (after ``subject_adverbs`` only;
    a weaker ``own_verbs`` one only after an adverb: 產業正積極推動X, not 產業發展上) that no
    qualifier's end follows (業界自主研發的X: a qualifier): in the mention's clause
    (有助於產業提前布局X), or opening its own clause, whose subject the clauses after it keep
    (創新醫材產業不斷突破…，開發X). One that ends a clause after a verb of help (``helps``:
    協助國內業者，…導入X) is the subject of what follows too. Never one after a partner's cue
    in its clause (與國內廠商合作開發X, 鏈結國內業者，…).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> home_led("產業長期深耕", 0, s), home_led("產業不斷突破瓶頸，開發", 9, s)
    (True, True)
    >>> home_led("協助國內業者，依循趨勢，導入", 12, s), home_led("我國產業，科技專案開發", 5, s)
    (True, False)
    >>> home_led("協助業者建立A，開發", 8, s), home_led("業界自主研發的", 0, s)
    (False, False)
    >>> home_led("服務產業發展上，透過", 8, s), home_led("與國內廠商共同開發", 0, s)
    (False, False)
    """
    named = [
        i
        for w in (*settings.home_parties, *settings.firms)
        for i in find_all(before, w)
        if _subject(before, (i, i + len(w)), left, settings)
    ]
    return max(named, default=-1) > last_own(before, settings)


def helped(before: str, verbs: Iterable[str], settings: DevelopsSettings) -> bool:
    """Whether the work verb last named in ``before`` (the mention's clause up to it) is
    said of a party a verb of help names before it (``helps``: 有助於我國提前布局X, 帶動產業
    導入X): the work of the helped, not the programme's; not with only adverbs between the two
    (協助建立X: the programme's work for others).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> v = (*s.work_verbs, *s.own_verbs)
    >>> helped("有助於我國提前布局", v, s), helped("帶動產業導入", v, s)
    (True, True)
    >>> helped("協助建立", v, s), helped("協助產業,開發", v, s), helped("開發", v, s)
    (False, False, False)
    """
    verb = _last(before, verbs)
    if verb < 0:
        return False
    help_at = max(
        (i + len(h) for h in settings.helps for i in find_all(before[:verb], h)), default=-1
    )
    if help_at < 0:
        return False
    between = before[help_at:verb]
    adverbs = sorted(settings.subject_adverbs, key=len, reverse=True)
    while tail := next((a for a in adverbs if between.endswith(a)), ""):
        between = between[: -len(tail)]
    return bool(between) and not any(c in settings.clause_breaks for c in between)


def _subject(text: str, span: tuple[int, int], left: int, settings: DevelopsSettings) -> bool:
    """Whether the party at ``span`` of ``text`` is a subject of the work (see
    :func:`home_led`; the mention's clause starts at ``left``)."""
    start, at = span
    opening = text[_clause_start(text, start, settings) : start]
    acting = (*settings.work_verbs, *settings.means, *settings.own_verbs, *settings.helps)
    others = tuple(v for v in acting if v not in settings.partners)  # 結合: a cue and a means
    if _last(opening, settings.partners) > _last(opening, others):
        return False  # 鏈結國內業者 (not 「監控與管控系統」協助國內業者: 與 joins a name)
    adverbs = sorted(settings.subject_adverbs, key=len, reverse=True)
    while step := next((len(a) for a in adverbs if text.startswith(a, at)), 0):
        at += step
    if at < len(text) and text[at] in settings.clause_breaks:
        return any(h in opening for h in settings.helps)  # 協助國內業者，…
    verbs = (*settings.work_verbs, *settings.means)
    verbs += settings.own_verbs if at > span[1] else ()
    verb = next((v for v in verbs if text.startswith(v, at)), None)
    if verb is None or text.startswith(settings.qualifier_ends, at + len(verb)):
        return False
    return start >= left or _last(opening, acting) < 0


def _last(text: str, words: Iterable[str]) -> int:
    """Where one of ``words`` is last named in ``text``, or -1."""
    return max((text.rfind(w) for w in words), default=-1)


def _clause_start(text: str, at: int, settings: DevelopsSettings) -> int:
    """Where the clause holding position ``at`` of ``text`` starts."""
    return max((i + 1 for i in range(at) if text[i] in settings.clause_breaks), default=0)


def _others(before: str, settings: DevelopsSettings) -> int:
    """Where another party is last named in ``before`` as a subject, not as the owner of a
    noun (地方政府的水利單位: 之 or 的 after it) nor as what a background cue's contrast
    relies on (依賴國外進口: one of ``contrast_cues`` right before it), or -1. Other background
    words keep a party the subject (隨著各國積極布局…, 市場大廠紛紛推出…).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> _others("政府推動", s), _others("結合地方政府的水利單位", s), _others("整合其它模組", s)
    (0, -1, -1)
    >>> _others("原料大多依賴國外進口", s), _others("隨著各國積極布局", s)
    (-1, 2)
    """
    ends, cues = settings.qualifier_ends, settings.contrast_cues
    return max(
        (i for w in settings.others for i in find_all(before, w)
         if not before.startswith(ends, i + len(w)) and not _inside_word(before, i, w, settings)
         and not before.endswith(cues, 0, i)),
        default=-1,
    )  # fmt: skip


def _inside_word(text: str, at: int, word: str, settings: DevelopsSettings) -> bool:
    """Whether ``word`` at ``at`` is part of one of ``not_others`` (它 in 其它)."""
    return any(
        at >= n.index(word) and text.startswith(n, at - n.index(word))
        for n in settings.not_others
        if word in n
    )


def firm_led(
    text: str, bounds: tuple[int, int], actors: Sequence[int], settings: DevelopsSettings
) -> bool:
    """Whether a firm or a named organisation (at one of ``actors``) in ``text[left:start]``
    (``bounds``: the mention's clause up to it) is the subject of the work: named after the
    programme, not after a partner's cue, and no qualifier's end (之, 的) between it and the
    mention.

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> firm_led("協助廠商建立回收產線", (0, 6), (), s)
    True
    >>> firm_led("開發符合廠商需求的回收產線", (0, 9), (), s)
    False
    >>> firm_led("與國內廠商合作開發回收產線", (0, 9), (), s)
    False
    >>> firm_led("臺塑導入影像辨識", (0, 4), (0,), s), firm_led("導入影像辨識", (0, 2), (), s)
    (True, False)
    """
    left, start = bounds
    named = [i for w in settings.firms for i in find_all(text[left:start], w)]
    named += [a - left for a in actors if left <= a < start]
    own = last_own(text, settings, left, start)
    own = own - left if own >= 0 else -1
    return any(
        i > own
        and not any(q in text[left + i : start] for q in settings.qualifier_ends)
        and not any(p in text[max(left, left + i - 4) : left + i] for p in settings.partners)
        for i in named
    )
