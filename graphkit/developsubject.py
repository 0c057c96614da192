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

from collections.abc import Iterable, Sequence

from .developsrules import DevelopsSettings

__all__ = [
    "by_others",
    "by_programme",
    "clause_end",
    "clause_start",
    "field_trend",
    "find_all",
    "firm_led",
    "for_use",
    "helped",
    "home_led",
    "last_own",
    "opening_agencies",
    "party_led",
    "serves_another",
    "verb_ends",
]


def find_all(text: str, word: str) -> list[int]:
    """Every position of ``word`` in ``text``, left to right, none overlapping the one before.

    >>> find_all("開發與研發開發", "開發"), find_all("aaaa", "aa"), find_all("x", "y")
    ([0, 5], [0, 2], [])
    """
    if not word:
        return list(range(len(text) + 1))
    out = []
    at = text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + len(word))
    return out


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


def last_own(
    text: str,
    settings: DevelopsSettings,
    start: int = 0,
    end: int | None = None,
    agencies: Sequence[int] = (),
) -> int:
    """Where the programme (one of ``own``: 本計畫, 科技專案 …, or one of ``agencies``: where
    an agency opens a clause, its executing agency's work being the programme's) is last named
    in ``text[start:end]``, or -1."""
    end = len(text) if end is None else end
    named = (a for a in agencies if start <= a < end)
    return max((*(text.rfind(w, start, end) for w in settings.own), *named), default=-1)


def clause_start(text: str, at: int, breaks: frozenset[str]) -> int:
    """Where the clause holding position ``at`` of ``text`` starts (after a break)."""
    return max((i + 1 for i in range(at) if text[i] in breaks), default=0)


def opening_agencies(text: str, found: Iterable[int], settings: DevelopsSettings) -> list[int]:
    """Which of the agencies ``found`` in ``text`` (where they are named) open a clause
    (…產業積極投入X，工研院開發Y): subjects of their own; one inside a clause (與工研院合作)
    is none.

    >>> from graphkit.developsrules import load_settings
    >>> opening_agencies("產業投入X,工研院開發Y,並與工研院合作", [6, 16], load_settings())
    [6]
    """
    breaks = settings.clause_breaks
    return [a for a in found if not text[clause_start(text, a, breaks) : a].strip()]


def by_programme(
    before: str, settings: DevelopsSettings, owned: bool = False, agencies: Sequence[int] = ()
) -> bool:
    """Whether the last subject named in ``before`` is the programme (科技專案還將專注於…;
    ``agencies``: see :func:`last_own`); with ``owned`` (a section whose heading states the
    programme's work) the programme is the subject until another is named."""
    own = last_own(before, settings, agencies=agencies)
    return max(own, 0 if owned else -1) > _others(before, settings)


def by_others(before: str, settings: DevelopsSettings, agencies: Sequence[int] = ()) -> bool:
    """Whether the last subject named in ``before`` is another party (先進國家紛紛投入…)."""
    return _others(before, settings) > last_own(before, settings, agencies=agencies)


def home_led(
    before: str, left: int, settings: DevelopsSettings, agencies: Sequence[int] = ()
) -> bool:
    """Whether the last subject named in ``before`` (the sentence up to a mention whose
    clause starts at ``left``) is an industry or a firm (``home_parties``: 產業, 業界, 廠;
    ``firms``) rather than the programme (or one of ``agencies``, see :func:`last_own`).

    Such a party is a subject when a verb of work follows it (after ``subject_adverbs`` only;
    a weaker ``own_verbs`` one only after an adverb: 產業正積極推動X, not 產業發展上) that no
    qualifier's end follows (業界自主研發的X: a qualifier): in the mention's clause
    (有助於產業提前布局X), or opening its own clause, whose subject the clauses after it keep
    (創新醫材產業不斷突破…，開發X). Never one after a partner's cue in its clause (與國內廠商
    合作開發X, 鏈結國內業者，…), the object of a work verb (整合上下游產業建立X), a place (於國內
    晶圓廠導入X), the programme's own thing (本計畫之示範工廠) or inside one of ``not_parties``
    (工廠: a plant, not a maker); one ending its clause (協助國內業者，開發X) is the helped, whose
    help is the programme's purpose: no subject.

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> home_led("產業長期深耕", 0, s), home_led("產業不斷突破瓶頸，開發", 9, s)
    (True, True)
    >>> home_led("協助國內業者，依循趨勢，導入", 12, s), home_led("我國產業，科技專案開發", 5, s)
    (False, False)
    >>> home_led("協助業者建立A，開發", 8, s), home_led("業界自主研發的", 0, s)
    (False, False)
    >>> home_led("服務產業發展上，透過", 8, s), home_led("與國內廠商共同開發", 0, s)
    (False, False)
    """
    named = [
        i
        for w in (*settings.home_parties, *settings.firms)
        for i in find_all(before, w)
        if _subject(before, (i, i + len(w)), left, settings, agencies)
    ]
    return max(named, default=-1) > last_own(before, settings, agencies=agencies)


def helped(before: str, verbs: Iterable[str], settings: DevelopsSettings) -> bool:
    """Whether the work verb last named in ``before`` (the mention's clause up to it) is
    said of a party a verb of help names before it (``helps``: 有助於我國提前布局X, 帶動產業
    導入X): the work of the helped, not the programme's; not with only adverbs between the two
    (協助建立X: the programme's work for others), nor with the programme named between
    (協助業者導入本計畫開發之X: its own work) or a joint work's word (``joint``) right before
    the verb (促進產學研合作開發X: work the programme is part of).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> v = (*s.work_verbs, *s.own_verbs)
    >>> helped("有助於我國提前布局", v, s), helped("帶動產業導入", v, s)
    (True, True)
    >>> helped("協助建立", v, s), helped("協助產業,開發", v, s), helped("開發", v, s)
    (False, False, False)
    >>> helped("協助業者導入本計畫開發", v, s), helped("促進產學研合作開發", v, s)
    (False, False)
    """
    verb = _last(before, verbs)
    if verb < 0:
        return False
    help_at = max(
        (i + len(h) for h in settings.helps for i in find_all(before[:verb], h)), default=-1
    )
    if help_at < 0 or last_own(before, settings, help_at, verb) >= 0:
        return False
    if before.endswith(settings.joint, 0, verb):
        return False
    between = before[help_at : _skip_adverbs(before, verb, settings, back=True)]
    return bool(between) and not any(c in settings.clause_breaks for c in between)


def _subject(
    text: str,
    span: tuple[int, int],
    left: int,
    settings: DevelopsSettings,
    agencies: Sequence[int] = (),
) -> bool:
    """Whether the party at ``span`` of ``text`` is a subject of the work (see
    :func:`home_led`; the mention's clause starts at ``left``)."""
    start, at = span
    begin = clause_start(text, start, settings.clause_breaks)
    if _inside_word(text, start, text[start:at], settings.not_parties):
        return False  # 示範工廠: a plant
    opening = text[begin:start]
    acting = (*settings.work_verbs, *settings.means, *settings.own_verbs, *settings.helps)
    others = tuple(v for v in acting if v not in settings.partners)  # 結合: a cue and a means
    if _last(opening, settings.partners) > _last(opening, others):
        return False  # 鏈結國內業者 (not 「監控與管控系統」協助國內業者: 與 joins a name)
    helper = _last(opening, settings.helps)
    if _last(opening, (*settings.work_verbs, *settings.means)) > helper:
        return False  # 整合上下游產業建立X: the object of a work verb
    own = last_own(text, settings, begin, start, agencies)
    if helper < 0 and own >= 0 and _placed(text[own:start], settings):
        return False  # 於國內晶圓廠導入X, 本計畫之示範工廠導入X
    at = _skip_adverbs(text, at, settings)
    verbs = (*settings.work_verbs, *settings.means)
    verbs += settings.own_verbs if at > span[1] else ()
    verb = next((v for v in verbs if text.startswith(v, at)), None)
    if verb is None or text.startswith(settings.qualifier_ends, at + len(verb)):
        return False
    return start >= left or _last(opening, acting) < 0


def clause_end(text: str, at: int, breaks: frozenset[str]) -> int:
    """Where the clause holding ``at`` ends: its next break, or the text's end."""
    return next((i for i in range(at, len(text)) if text[i] in breaks), len(text))


def for_use(text: str, end: int, settings: DevelopsSettings) -> bool:
    """Whether ``for_use`` follows the mention ending at ``end`` (天線用液態金屬, X生產專用Y)
    with no verb of an effect or of work in what it matched (數位分身縮短所需工時: 所需 is said
    of the time the work shortens).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> for_use("細胞治療所需製程", 2, s), for_use("分身縮短所需工時", 2, s)
    (True, False)
    """
    found = settings.for_use.match(text, end)
    verbs = (*settings.effects, *settings.work_verbs)
    return found is not None and not any(v in found.group() for v in verbs)


def field_trend(
    text: str,
    span: tuple[int, int],
    bounds: tuple[int, int],
    settings: DevelopsSettings,
    agencies: Sequence[int],
) -> bool:
    """Whether a clause after the mention's (any later one: …X，提高Y，將會是Z的關鍵) or the
    mention's own after it (開發X已成為…的趨勢) calls the sentence a trend or a focus of the
    field (``trends``), and no work of the programme's own states the mention: the programme
    (or an agency opening a clause) named before it in the sentence as the subject and a work
    verb before it in its clause (工研院開發X，並整合Y，將是…的關鍵: X and Y are its work).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> t = "本計畫開發X,並整合Y,將是關鍵"
    >>> field_trend(t, (10, 11), (7, 11), s, ()), field_trend(t[3:], (7, 8), (4, 8), s, ())
    (False, True)
    """
    (start, end), (left, right) = span, bounds
    later = (i + 1 for i in range(right, len(text)) if text[i] in settings.clause_breaks)
    if not any(settings.trends.match(text, i) for i in later) and not settings.trends.search(
        text, end, right
    ):
        return False
    if last_own(text, settings, left, right, agencies) >= 0:
        return False  # 本計畫整合地面網路…，將是未來的發展重點
    own = by_programme(text[:start], settings, agencies=agencies)
    return not (own and verb_ends(text[left:start], settings.work_verbs, settings))


def serves_another(text: str, bounds: tuple[int, int], settings: DevelopsSettings) -> bool:
    """Whether the sentence ``text`` states no work (no work verb, no ``own_verbs``) and
    opens with the mention's clause (``bounds``), a means (透過, 搭配 …) of no thing of the
    programme's (透過本計畫之X), that the main clause after it follows with a subject of its
    own, a modal after it within ``modal_reach`` (``modals``: 透過感測晶片，醫療器材不再受限…):
    the means of what another does or can do, not the programme's work (not 結合X，能識別Y,
    whose subject is the programme's, nor 搭配X，此系統可…: the programme's own system).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> t = "搭配遠距醫療平臺,醫師可即時追蹤療效"
    >>> serves_another(t, (0, 8), s), serves_another("結合預測技術,能識別工令單", (0, 6), s)
    (True, False)
    >>> serves_another("透過預測技術,提升效能", (0, 6), s)
    False
    """
    left, right = bounds
    if verb_ends(text, (*settings.work_verbs, *settings.own_verbs), settings):
        return False
    if text[:left].strip() or not text[left:right].lstrip().startswith(settings.means_opens):
        return False
    if last_own(text, settings, left, right) >= 0:
        return False  # 透過本計畫之協作機器人技術，業者可…: the programme's own thing
    after = text[right + 1 : clause_end(text, right + 1, settings.clause_breaks)].lstrip()
    at = min(
        (i for m in settings.modals for i in find_all(after, m)
         if not after.startswith(settings.capacities, i)),  # 能量, 能力: nouns
        default=-1,
    )  # fmt: skip
    acts = (*settings.work_verbs, *settings.means, *settings.effects, *settings.helps)
    if last_own(after, settings, 0, at) >= 0:
        return False  # 搭配X，此系統可…: the programme's own system is the subject
    return 0 < at <= settings.modal_reach and not any(v in after[:at] for v in acts)


def verb_ends(
    text: str, verbs: Iterable[str], settings: DevelopsSettings, copula: bool = False
) -> list[int]:
    """Where each of the ``verbs`` in ``text`` ends, unless a noun it modifies (研發能量) or a
    time (完成之後) follows it or a passive's mark (經驗證) or a negation (``undone``: 尚未開發)
    comes right before it; with ``copula``, unless a copula comes right before it (是製作).

    >>> from graphkit.developsrules import load_settings
    >>> verb_ends("研發能量，開發晶片，完成之後", ["研發", "開發", "完成"], load_settings())
    [7]
    >>> verb_ends("開發後段封裝，完成後切割", ["開發", "完成"], load_settings())
    [2]
    >>> verb_ends("是製作基地臺", ["製作"], load_settings(), copula=True)
    []
    >>> verb_ends("經驗證適用於鑄造", ["驗證"], load_settings())  # passive: 'verified'
    []
    >>> verb_ends("國內尚未開發晶片", ["開發"], load_settings())  # not done
    []
    """
    skip = (*settings.capacities, *settings.times)
    return [
        i + len(v)
        for v in verbs
        for i in find_all(text, v)
        if (
            not text.startswith(skip, i + len(v)) or text.startswith(settings.not_times, i + len(v))
        )
        and not (copula and settings.copulas.search(text, 0, i))
        and not settings.passives.search(text, 0, i)
        and not text.endswith(settings.undone, 0, i)
    ]


def _placed(opening: str, settings: DevelopsSettings) -> bool:
    """Whether ``opening`` (a party's clause from the programme's name, or an agency's, up to
    the party) makes the party a place (one of ``places`` in it: 本計畫於國內晶圓廠) or the
    programme's own thing (one of ``own`` and a qualifier's end: 本計畫之示範工廠), not a
    subject (在產業紛紛導入X的同時: no subject before the locative, the industry's work).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> _placed("本計畫於國內", s), _placed("本計畫之示範", s), _placed("國內", s)
    (True, True, False)
    """
    owned = (f"{w}{q}" for w in settings.own for q in settings.qualifier_ends)
    return any(p in opening for p in (*settings.places, *owned))


def _skip_adverbs(text: str, at: int, settings: DevelopsSettings, back: bool = False) -> int:
    """Where the run of ``subject_adverbs`` that starts at ``at`` of ``text`` ends (``back``:
    that ends at ``at`` starts).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> _skip_adverbs("產業也加速導入", 2, s), _skip_adverbs("我國提前布局", 4, s, back=True)
    (5, 2)
    """
    adverbs = sorted(settings.subject_adverbs, key=len, reverse=True)
    while step := next(
        (len(a) for a in adverbs if (text.endswith(a, 0, at) if back else text.startswith(a, at))),
        0,
    ):
        at += -step if back else step
    return at


def _last(text: str, words: Iterable[str]) -> int:
    """Where one of ``words`` is last named in ``text``, or -1."""
    return max((text.rfind(w) for w in words), default=-1)


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
         if not before.startswith(ends, i + len(w))
         and not _inside_word(before, i, w, settings.not_others)
         and not before.endswith(cues, 0, i)),
        default=-1,
    )  # fmt: skip


def _inside_word(text: str, at: int, word: str, words: Iterable[str]) -> bool:
    """Whether ``word`` at ``at`` is part of one of ``words`` (它 in 其它, 廠 in 工廠)."""
    return any(
        at >= n.index(word) and text.startswith(n, at - n.index(word)) for n in words if word in n
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
        and not _partnered(
            text[max(left, left + i - settings.partner_reach) : left + i],
            text[left + i : start],
            settings,
        )
        for i in named
    )


def _partnered(before: str, after: str, settings: DevelopsSettings) -> bool:
    """Whether ``before`` (the text right before a firm) holds a partner's cue (與, 攜手 …) with
    no verb of work or means after it: the firm is the partner of the work, not its subject
    (與國內相關業者合作建立X; not 與X整合，協助廠商建立Y). A cue further back than right before
    the firm, past words of ``partner_between`` (國內, 相關), needs one of ``joint`` after it
    (``after``: up to the mention): otherwise its 與 joins words of the firm's name
    (國內紡織與成衣相關業者積極導入X: their work).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> _partnered("將與國內相關", "業者合作建立", s)
    True
    >>> _partnered("紡織與成衣相關", "業者積極導入", s)
    False
    >>> _partnered("將與", "業者導入", s), _partnered("與X整合並協助", "廠商", s)
    (True, False)
    >>> _partnered("", "", s)
    False
    """
    cue = max((before.rfind(p) + len(p) for p in settings.partners if p in before), default=-1)
    if cue < 0:
        return False
    verbs = (*settings.work_verbs, *settings.means, *settings.helps)
    if any(v in before[cue:] for v in verbs):
        return False
    rest = before[cue:]
    for word in sorted(settings.partner_between, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest or any(j in after for j in settings.joint)
