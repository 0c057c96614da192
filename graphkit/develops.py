"""DEVELOPS rules: which technologies an article presents as its programme's own work.

The graph contract (v2) reads DEVELOPS as the programme's own work: the technical subject of
its name, and what the text says the programme develops, builds, integrates, verifies or
demonstrates, never background, market context, contrasts or other parties' work. Each rule
is a pure function over text; :class:`graphkit.extract.Extractor` applies them to the
technologies recognised in the programme's article. The cue words are data
(``schema/rules/develops.json``), read once into frozen :class:`DevelopsSettings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .developsclause import aimed, background_in, background_opening, effect_in, waste_of, year_led
from .developsname import named_in, named_subjects
from .developsrules import RULES, DevelopsSettings, load_settings
from .developsubject import (
    by_others,
    by_programme,
    clause_end,
    clause_start,
    field_trend,
    find_all,
    firm_led,
    for_use,
    helped,
    home_led,
    last_own,
    opening_agencies,
    party_led,
    serves_another,
    verb_ends,
)

__all__ = [
    "RULES",
    "DevelopsSettings",
    "clause",
    "gloss_head",
    "load_settings",
    "named_in",
    "named_subjects",
    "own_work",
]


def clause(
    text: str, start: int, end: int, breaks: frozenset[str], intros: tuple[str, ...] = ()
) -> tuple[int, int]:
    """The clause of ``text`` holding the span ``[start, end)``: between break characters.

    A break right after one of ``intros`` (如：A、B) opens a list of the clause before it,
    and does not end that clause, nor does a break before a clause that starts with one
    (投入核心技術研發，涵蓋A、B); a break inside brackets (氮化鋁(Aluminum Nitride, AlN)) ends
    nothing outside them.

    >>> clause("隨著5G成熟，本計畫開發6G。", 12, 14, frozenset("，。"))
    (7, 14)
    >>> clause("本計畫開發材料，如：SiC。", 10, 13, frozenset("，。："), ("如",))
    (0, 13)
    >>> clause("本計畫開發材料，例如：SiC。", 11, 14, frozenset("，。："), ("例如",))
    (0, 14)
    >>> clause("本計畫開發材料，包括SiC。", 10, 13, frozenset("，。"), ("包括",))
    (0, 13)
    """
    text = _bracketed.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1], text)
    left = clause_start(text, start, breaks)
    # The longest intro the text before the break ends with: 例如, not the 如 it ends with.
    intro = max(
        (w for w in intros if left > 1 and text[: left - 1].endswith(w)), key=len, default=None
    )
    if intro is not None:  # …關鍵技術，如：A、B: back to the clause the list belongs to
        at = left - 1 - len(intro)
        left = clause_start(text, at, breaks)
        if left == at and at > 0:  # the intro opens its clause (，如：)
            left = clause_start(text, at - 1, breaks)
    elif left > 0 and any(len(w) > 1 and text.startswith(w, left) for w in intros):
        left = clause_start(text, left - 1, breaks)  # …研發，涵蓋A、B (not 如何, 如果: a word)
    return left, clause_end(text, end, breaks)


#: Brackets and what they hold (one level): a gloss, an abbreviation.
_bracketed = re.compile(r"\([^()]*\)|（[^（）]*）")


def own_work(
    text: str,
    start: int,
    end: int,
    settings: DevelopsSettings,
    lead: str = "",
    ventures: bool = False,
    actors: Sequence[int] = (),
    owned: bool = False,
    agencies: Sequence[int] = (),
) -> bool:
    """Whether the mention at ``[start, end)`` of ``text`` is stated as the programme's work.

    Its clause must have a work verb before the mention with no verb of an effect between
    them (or, when the programme is the subject, a work verb after it; or the work stated
    right after it: X技術開發) and no background cue, and the text no markup. The subject is
    the last one named before the mention, in ``lead`` (the text before the sentence:
    本計畫開發晶片。此外，結合X技術: the programme's means) or the sentence. With ``ventures``
    the programme's weaker verbs (``own_verbs``: 發展, 推動 …) state its work too; without,
    as when the chunker vouches for a name it does not know, only the work verbs and means do.
    ``actors`` are where organisations are named in ``text``: in the mention's clause, before
    it, they are the subject of the work, as ``firms`` are (臺塑導入X, 協助廠商建立X); an agency
    (at one of ``agencies``) opening a clause names the programme (…產業投入X，工研院開發Y). With
    ``owned`` (the heading states its work) the programme is the subject until another is named.

    >>> s = load_settings()
    >>> own_work("隨著5G技術發展已臻於成熟，本計畫開發6G關鍵技術。", 2, 4, s)
    False
    >>> own_work("隨著5G技術發展已臻於成熟，本計畫開發6G關鍵技術。", 19, 21, s)
    True
    >>> own_work("科技專案還將專注於SRAM陣列技術的研發。", 9, 15, s)
    True
    >>> t = "此外，結合預測技術。"
    >>> own_work(t, 5, 7, s), own_work(t, 5, 7, s, "本計畫開發晶片。")
    (False, True)
    """
    if _marked(text, start, end, settings) or settings.titles.search(text):
        return False
    if _item_title(text, start, end, settings):
        return True  # ■ 動態庫存預測技術 精準管理庫存 ■, - 二、智慧調參技術：…
    if (quoted := _own_quote(text, start, end, settings)) is not None:
        return quoted  # 科技專案「X技術」: X is the work; 科技專案「半導體合金金屬靶」: a name
    left, right = _list_clause(text, start, end, settings)
    agencies = opening_agencies(text, agencies, settings)
    own_subject = last_own(text, settings, left, start, agencies) >= 0
    if left > 0 and text.startswith(settings.conjunctions, left) and not own_subject:
        # …的提煉，與X: one list; not when the clause names the programme itself (國際大廠開發Y，
        # 與本計畫開發的X互補: X is the programme's, whoever the clause before is about)
        left = clause(text, left - 1, left - 1, settings.clause_breaks, settings.list_intros)[0]
    # 2025年繼續發展X: the programme's timeline (a party named before: _vetoed's by_others)
    ours = by_programme(lead + text[:start], settings, owned, [len(lead) + a for a in agencies])
    ours = ours or year_led(text, left, start, settings)
    verbs = settings.work_verbs
    if ours:  # 科技專案透過X, 科技專案發展X: the programme's means and its ventures are work
        verbs = (*verbs, *settings.means, *(settings.own_verbs if ventures else ()))
    if _vetoed(text, (start, end), (left, right), settings, (actors, agencies), ours, verbs):
        return False
    if _work_after(text, (start, end), left, settings):
        return True  # X技術開發, X的研發 (not X的研發團隊: its people; 加速X研發: an aim)
    return _stated(text, (start, end), (left, right), settings, verbs, ours and ventures, ours)


def _work_after(text: str, span: tuple[int, int], left: int, settings: DevelopsSettings) -> bool:
    """Whether the work is stated right after the mention at ``span`` (``work_after``: X技術
    開發, X的研發), not as a capacity (X的研發團隊) nor as an aim of an effect's verb before
    the mention in its clause (from ``left``: 進而加速X研發的蓬勃發展, :func:`aimed`).

    >>> s = load_settings()
    >>> _work_after("開發SRAM技術的研發", (2, 8), 0, s), _work_after("X的研發團隊", (0, 1), 0, s)
    (True, False)
    """
    after = settings.work_after.match(text, span[1])
    if after is None:
        return False
    capacity = text.startswith(settings.capacities, after.end()) and not text.startswith(
        settings.not_times, after.end()
    )  # X的研發團隊, not X的研發策略性…
    return not capacity and not aimed(text, span[0], left, settings)


def _marked(text: str, start: int, end: int, settings: DevelopsSettings) -> bool:
    """Whether ``markup`` makes the sentence no statement of work: an HTML tag anywhere in it
    (a table's cells), a formula (LaTeX) only in the mention's clause (開發即時偵測槽液成份濃度，
    提供 $>5 \\mu m$ 超標異常的分級預警: prose with a formula in another clause).

    >>> s = load_settings()
    >>> t = "本計畫開發X技術，提供 $>5$ 預警"
    >>> _marked(t, 5, 8, s), _marked(t, 12, 14, s), _marked("<td>開發X技術", 6, 9, s)
    (False, True, True)
    """
    found = list(settings.markup.finditer(text))
    if any(m.group().startswith("<") for m in found):
        return True
    left, right = clause(text, start, end, settings.clause_breaks)
    return any(m.start() < right and m.end() > left for m in found)


def _list_clause(text: str, start: int, end: int, settings: DevelopsSettings) -> tuple[int, int]:
    """The clause of the mention at ``[start, end)`` (:func:`clause`), read with the clause
    a list intro before it belongs to (如：A、B), unless a verb follows the mention in its own
    clause: then that is a clause of its own, no list (例如，mRNA疫苗與基因治療藥物可透過…).

    >>> s = load_settings()
    >>> t = "設計藥物,例如,mRNA疫苗與基因治療藥物可透過輸入資料"
    >>> _list_clause(t, 15, 19, s), _list_clause("開發材料,例如,SiC等", 8, 11, s)
    ((8, 28), (0, 12))
    """
    left, right = clause(text, start, end, settings.clause_breaks, settings.list_intros)
    bare = clause(text, start, end, settings.clause_breaks)[0]
    verbs = (*settings.work_verbs, *settings.means, *settings.own_verbs)
    listed = bare > left and text[: bare - 1].endswith(settings.list_intros)  # 例如，X
    if listed and verb_ends(text[end:right], verbs, settings):
        return bare, right
    return left, right


def _stated(
    text: str,
    span: tuple[int, int],
    bounds: tuple[int, int],
    settings: DevelopsSettings,
    verbs: tuple[str, ...],
    ventures: bool,
    ours: bool,
) -> bool:
    """Whether a work verb of the mention's clause (``bounds``) takes the mention at ``span``
    as its object: before it with no effect's verb between, or after a clause of the means,
    or (``ours``: the programme is the subject) later in the clause (see :func:`own_work`)."""
    (start, end), (left, right) = span, bounds
    before, whole = text[left:start], text[left:right]
    # Without the programme as the subject, 是 before the verb describes a thing (它…是製作X的材料).
    verb = max(verb_ends(before, verbs, settings, copula=not ours), default=-1)
    if verb >= 0 and _companion(whole, verb, (start - left, end - left), settings):
        return False  # 建立與控制器及X結合的方案: what the thing worked on goes with
    if verb >= 0:  # the work verb's object, unless an effect's verb or a use comes between
        between = before[verb:]
        return not effect_in(between, settings) and not _applied(between, settings)
    later = (*settings.work_verbs, *(settings.own_verbs if ventures else ()))
    return _means_first(text, start, end, (left, right), settings, later) or (
        ours and (_work_later(text[end:right], settings) or _vehicle(text, span, bounds, settings))
    )


def _vehicle(
    text: str, span: tuple[int, int], bounds: tuple[int, int], settings: DevelopsSettings
) -> bool:
    """Whether the mention at ``span`` is what the work is carried by or built on: 以 opening
    its clause (``bounds``) or right after one of ``own``, one of ``vehicles`` right after it
    (以X為載體).

    >>> s = load_settings()
    >>> t = "並透過簡化製程,以高密度構裝基板為載體,促進低碳製程"
    >>> _vehicle(t, (9, 16), (8, 19), s), _vehicle("以高密度構裝基板,促進", (1, 8), (0, 8), s)
    (True, False)
    >>> u = "業者難以半導體為核心"
    >>> _vehicle(u, (4, 7), (0, 10), s), _vehicle("本計畫以半導體為核心", (4, 7), (0, 10), s)
    (False, True)
    """
    (start, end), (left, right) = span, bounds
    if settings.vehicles.match(text, end, right) is None:
        return False
    # 以 opening the clause or right after the programme (本計畫以X為核心), not inside a word
    # (難以, 可以) nor one of 'not_means' (以及, 以往)
    before = text[left:start].lstrip()
    opens = before.startswith("以") and not before.startswith(settings.not_means)
    return opens or any(f"{own}以" in before for own in settings.own)


def _applied(between: str, settings: DevelopsSettings) -> bool:
    """Whether ``between`` (the text from the work verb to the mention) says what the result
    is for or applied to (``applications``: 適用於, 應用於) with no qualifier's end (之, 的;
    right after the verb, ``application_ends``: 等 too) closing that before the mention: the
    mention is the use, not the work.

    >>> s = load_settings()
    >>> _applied("材料應用於汽車、風電等關鍵", s), _applied("適用於室內環境的", s)
    (True, False)
    >>> _applied("應用於腦神經、體外診斷等", s)
    False
    """
    uses = {(i, i + len(a)) for a in settings.applications for i in find_all(between, a)}
    return any(
        not any(
            q in between[end:]
            for q in (settings.application_ends if start == 0 else settings.qualifier_ends)
        )
        for start, end in uses
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in uses)
    )  # 用於 inside 應用於 is that one use


def _vetoed(
    text: str,
    span: tuple[int, int],
    bounds: tuple[int, int],
    settings: DevelopsSettings,
    named: tuple[Sequence[int], Sequence[int]],
    ours: bool,
    verbs: tuple[str, ...],
) -> bool:
    """Whether the sentence or the clause (``bounds``) of the mention at ``span`` says it is
    not the programme's work whatever its verbs: background, another party or a firm as the
    subject, what the work does without or is for, a definition, a condition, a trend, a
    purpose, a sector, or examples of an industry (see :func:`own_work`; ``named``: where
    organisations and agencies opening a clause are named)."""
    (start, end), (left, right), (actors, agencies) = span, bounds, named
    whole = text[left:right]
    if background_in(text, span, bounds, settings, ours):
        return True
    if by_others(text[:start], settings, agencies):
        return True
    if whole.lstrip().startswith(settings.future) and not ours:
        return True  # 未來，這些模組可結合X: a prospect (未來本計畫將開發X: the programme's plan)
    if home_led(text[:start], left, settings, agencies):
        return True  # 產業也加速導入X, 國內工具機廠陸續導入X: the industry's or a maker's work
    if background_opening(text, settings):
        return True  # 傳統上，…開發X: the whole sentence is background
    if firm_led(text, (left, start), actors, settings):
        return True
    if helped(text[left:start], (*settings.work_verbs, *settings.own_verbs), settings):
        return True  # 有助於我國提前布局X, 帶動產業導入X: the helped party's work
    if text[:start].endswith((*settings.negations, *settings.wastes)):
        return True  # 無GNSS環境: what the work does without; 廢棄PC塑膠: the waste it recycles
    if waste_of(text, end, settings):
        return True  # 精密鑄造廢棄陶殼模材: the waste comes from the mention's process
    if for_use(text, end, settings):
        return True  # 天線用液態金屬: what the thing worked on is for
    if text[:start].endswith(settings.places) and settings.field_uses.match(text, end):
        return True  # 突破X材料於衛星通訊領域之應用: the field the result is applied in
    if not ours and any(d in text[:start] for d in settings.definitions):
        return True  # X是一種…技術，能夠快速製作Y: a technique described, not work
    if party_led(whole, start - left, verbs, settings):
        return True
    if text[right + 1 :].lstrip().startswith(settings.consequences):
        return True  # 實現X的製造，則必須…: a condition, not work
    if field_trend(text, span, bounds, settings, agencies):
        return True  # 整合…的3D通訊網路，將是…的發展重點: a trend of the field
    if settings.purpose.match(whole) or settings.sector.match(text, end):
        return True
    if serves_another(text, (left, right), settings):
        return True  # 搭配遠距醫療平臺，醫師可即時追蹤療效: the means of another's doing
    if _located(text[left:start], settings) and not _worked_on(text, end, right, settings):
        return True  # 科技專案在光電元件開發WDM: the field (not 在X元件設計，: the work)
    return _examples(text, gloss_head(text, start), settings)  # 各行各業（工具機…）


def _located(before: str, settings: DevelopsSettings) -> bool:
    """Whether ``before`` (the mention's clause up to it) is only a locative after the
    programme's name (``locative``): the mention is the field the work is done in, unless a
    work verb ends its clause (本科技專案在矽基WDM元件設計，: the work, see :func:`_vetoed`).

    >>> s = load_settings()
    >>> _located("科技專案在", s), _located("於", s), _located("科技專案致力於", s)
    (True, True, False)
    """
    text = before.lstrip()
    own = max((w for w in settings.own if text.startswith(w)), key=len, default="")
    return settings.locative.fullmatch(text[len(own) :]) is not None


def _worked_on(text: str, end: int, right: int, settings: DevelopsSettings) -> bool:
    """Whether the locative clause states work on the mention ending at ``end``: a work verb
    ends the clause (在矽基WDM元件設計，), or follows the mention (``work_after``) with only
    one of ``locative_ends`` after it (在碳化矽長晶技術的研發上: the nominalised work).

    >>> s = load_settings()
    >>> t = "在碳化矽長晶技術的研發上"
    >>> _worked_on(t, 6, len(t), s), _worked_on("在光電元件開發16通道WDM", 5, 15, s)
    (True, False)
    """
    if text[end:right].endswith(settings.work_verbs):
        return True
    after = settings.work_after.match(text, end)
    return after is not None and text[after.end() : right].strip() in settings.locative_ends


def _companion(whole: str, verb: int, span: tuple[int, int], settings: DevelopsSettings) -> bool:
    """Whether the mention at ``span`` of the clause ``whole`` is inside a qualifier after the
    work verb (ending at ``verb``) that names what the thing worked on goes with (建立與國產設備
    控制器及製程產線結合的AI方案; ``companions``), not the thing itself.

    >>> s = load_settings()
    >>> t = "建立與控制器及製程產線結合的AI方案"
    >>> _companion(t, 2, (7, 11), s), _companion(t, 2, (14, 16), s)
    (True, False)
    """
    return any(
        q.start() >= verb and q.start() < span[0] and span[1] <= q.end()
        for q in settings.companions.finditer(whole)
    )


def _examples(text: str, head: int, settings: DevelopsSettings) -> bool:
    """Whether ``text`` up to ``head`` ends with examples of an industry or a field: an open
    bracket after one within 60 characters (各行各業（工具機、半導體…), or a list after 例如 or
    比如 that no clause break ends, however long its items and their glosses are.

    >>> s = load_settings()
    >>> t = "更多應用，比如太空層網路(Space-Based Network)、天空層網路(Air-Based Network)、"
    >>> _examples(t + "地面層網路", len(t), s), _examples("領域（" + "持續" * 40, 83, s)
    (True, False)
    """
    found = settings.examples.search(text, max(0, head - 150), head)
    if found is None:
        return False
    brackets = sum(found.group().count(c) for c in "（(") - sum(
        found.group().count(c) for c in "）)"
    )
    return found.start() >= head - 60 or brackets == 0


def gloss_head(text: str, start: int) -> int:
    """Where the bracket of the Latin gloss a mention is in opens, or ``start`` for any other.

    >>> gloss_head("比如太空層網路(Space-Based Network)", 8), gloss_head("比如AI", 2)
    (7, 2)
    """
    gloss = _open_gloss.search(text, 0, start)
    return gloss.start() if gloss else start


#: An open bracket of Latin words up to a position: a gloss.
_open_gloss = re.compile(r"[(（][A-Za-z0-9 ,.'-]*$")


def _means_first(
    text: str,
    start: int,
    end: int,
    bounds: tuple[int, int],
    settings: DevelopsSettings,
    verbs: Iterable[str] = (),
) -> bool:
    """Whether the mention's clause (``bounds``) opens with the means (以X技術, 透過X) of a
    work verb that follows, in the clause or the next: 以X等技術，建立Y (not 以降低X: an aim).

    >>> s = load_settings()
    >>> t = "以擬真模擬與單一化控制器等技術，建立產線整合"
    >>> _means_first(t, 8, 13, (0, 16), s)
    True
    >>> t = "以降低資料中心耗能，建立產線整合"
    >>> _means_first(t, 3, 7, (0, 9), s)
    False
    """
    left, right = bounds
    opening = text[left:right].lstrip()
    if not opening.startswith(settings.means_opens) or opening.startswith(settings.not_means):
        return False
    if effect_in(text[left:start], settings):
        return False
    after = right + 1 if right < len(text) else right
    rest = text[end : clause_end(text, after, settings.clause_breaks)]
    return bool(verb_ends(rest, verbs or settings.work_verbs, settings))


def _work_later(after: str, settings: DevelopsSettings) -> bool:
    """Whether ``after`` holds a work verb that is not a noun's modifier (研發能量, 設計人才).

    >>> s = load_settings()
    >>> _work_later("與電路設計方面的優勢", s), _work_later("與矽光子元件開發", s)
    (False, True)
    """
    return bool(verb_ends(after, settings.work_verbs, settings))


def _item_title(text: str, start: int, end: int, settings: DevelopsSettings) -> bool:
    """Whether the mention is the technique a heading or a numbered item opens with.

    >>> s = load_settings()
    >>> _item_title("■ 動態庫存預測技術 精準管理庫存 ■", 2, 8, s)
    True
    >>> _item_title("- 二、智慧調參技術：透過AI模型", 4, 10, s)
    True
    >>> _item_title("■ 全球AI晶片技術發展趨勢 ■", 4, 8, s)
    False
    """
    if not settings.item_opens.match(text[:start]):
        return False
    at = end - 2 if text[start:end].endswith("技術") else end  # the name may hold its 技術
    return settings.item_technique.match(text, at) is not None


def _own_quote(text: str, start: int, end: int, settings: DevelopsSettings) -> bool | None:
    """Whether the mention fills a quote that names the programme or one of its parts by its
    subject (科技專案項下之「X技術」, 本計畫「X開發」): the technique it is named after; a
    mention inside such a quote that does not fill it is a piece of the name (科技專案「半導體
    合金金屬靶」: False); None for a mention in no such quote.

    >>> s = load_settings()
    >>> _own_quote("科技專案項下之「稀土還原技術」，即為", 8, 12, s)
    True
    >>> _own_quote("科技專案「半導體合金金屬靶」開發", 5, 8, s)  # a part of the quote
    False
    >>> _own_quote("業者「稀土還原技術」", 3, 7, s), _own_quote("科技專案開發稀土", 6, 8, s)
    (None, None)
    """
    quote = text.rfind("「", 0, start)
    if quote < 0 or "」" in text[quote:start]:
        return None
    words = "|".join(re.escape(w) for w in settings.own)
    if not re.search(rf"(?:{words})(?:項下之?|之|的)?$", text[:quote]):
        return None
    suffixes = "|".join(re.escape(w) for w in settings.name_suffixes)
    return quote + 1 == start and re.match(rf"(?:{suffixes})*」", text[end:]) is not None
