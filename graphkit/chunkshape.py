"""The chunker's rules of a name's shape (:mod:`graphkit.chunk`): clean word edges and smart kinds.

A name printed once is kept when its word edges are clean (:func:`clean_edges`); a smart
prefix and one noun word glued after it name a smart kind of a thing (:func:`smart`). The
words and jieba flags they read are ``clean_*``, ``smart`` and ``smart_not`` of
``schema/rules/chunk.json``; the patterns of lists (:func:`kinds`, :func:`verb_items`) are its
``kinds_list``, ``kinds_items`` and ``middle_item``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .chunkhead import headed
from .chunkwords import CLAUSE, NOUNS, STOP, Span, Token, cue_word, in_marked, lone, punct
from .records import BlockKind, Label, Mention, Segmented
from .rulefile import RulesFile

if TYPE_CHECKING:
    from .chunk import ChunkSettings


#: A Latin modifier that may be coordinated: a number and its letters (2D, 2.5D, 4G).
_NUMBER_LETTER = re.compile(r"\d+(?:\.\d+)?[A-Za-z]+")
#: The fields of :class:`CleanEdges`, each a list ``clean_<field>`` of ``rules/chunk.json``.
CLEAN = (
    "before", "after", "first_not", "not_before", "not_after", "joining", "start_not",
    "kind_not", "news_first_not", "news_not_before",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CleanEdges:
    """jieba flags of a name's clean edges (``clean_*`` in ``rules/chunk.json``): a verb of two
    characters or more before it (``before``), a verb or an adverb after it (``after``), and
    the flags its first word may not have (``first_not``: an adjective, a number, a verbal noun);
    ``not_before``: verbs jieba tags that modify the name (通用|邏輯晶片); ``not_after``: words
    after it that make it a qualifier (X|用|Y: Y for X); ``joining``: marks
    that join a word to the one after (II-|VI, Tb/|s); ``start_not``: flags a name's first word
    may not have at the clause's start, where it is the clause's subject (令人|型機器人);
    ``kind_not``: the first letters of the flags no item of a list ending in 等 holds (a verb, a
    preposition, an adverb: :func:`kinds`); ``news_first_not`` and ``news_not_before``: the flags
    of a first word a name printed once in a news item may not have (a number, an idiom) and of
    the word before it that would count it (兩|顆: :func:`news_shape`)."""

    before: frozenset[str]
    after: frozenset[str]
    first_not: frozenset[str]
    not_before: frozenset[str]
    not_after: frozenset[str]
    joining: frozenset[str]
    start_not: frozenset[str]
    kind_not: frozenset[str]
    news_first_not: frozenset[str]
    news_not_before: frozenset[str]


def clean_edges(tokens: Sequence[Token], start: int, end: int, settings: ChunkSettings) -> bool:
    """Whether the name printed at ``[start, end)`` has clean word edges, so that one printing
    is enough: the clause's start, a mark, a function word or a verb of two characters or more
    before it (引進|大數據AI模型); a mark, a function word, a verb or an adverb after it
    (…|具備, …|的); no verb inside (強國|邁向|晶片創新引擎); and a first word of two
    characters or more that is neither a cue word nor an adjective, a number or a verbal noun
    (完整|半導體, 調整|模型)."""
    clean = settings.clean
    inside = _within(tokens, start, end)
    if not inside or any(t[1] == "v" and t[0] not in settings.heads for t in inside):
        return False
    if any(t[0] in settings.qualifiers for t in inside):
        return False  # 通訊系統|關鍵|模組: a category of the parts of a thing, no name
    if inside[-1][0] in settings.generic:
        return False  # …天線|模組, 6G|網路: a generic part, named when printed again
    word, flag, _ = inside[0]
    generic = word in settings.generic or word in settings.trailing  # 製程|架構, 技術|量測
    if len(word) < 2 or flag in clean.first_not or word in settings.not_first or generic:
        return False
    # The clause's start or end (the chunker's clause boundary) is a clean edge.
    before = _word_before(tokens, start)
    if before is STOP and inside[0][1] in clean.start_not:
        return False  # ，令人|型機器人得以…: the clause's subject glued to the name
    after = next((t for t in tokens if t[2] == end), STOP)
    left = punct(before[0]) and before[0] not in clean.joining  # II-|VI半導體
    left = left or before[1] in settings.technique_breaks
    left = left or (
        before[1] in clean.before and len(before[0]) > 1 and before[0] not in clean.not_before
    )
    right = punct(after[0]) or after[1] in settings.technique_breaks or after[1] in clean.after
    right = right and after[0] not in clean.not_after  # 人造鑄造|用|砂材: what it is for
    return left and right and not unknown_word_after(tokens, after, settings)


def news_shape(tokens: Sequence[Token], start: int, end: int, settings: ChunkSettings) -> bool:
    """Whether a name printed once in a short document (a news item: its word edges are not
    asked) still has a name's shape: no generic word last (AI負載|預測|模型), no first word
    that is a number or an idiom, no count right before it (兩|顆|實驗衛星: one of a kind).
    Verbs stay inside (手術|導航|機器人): jieba tags many technical words as verbs."""
    inside = _within(tokens, start, end)
    if not inside or inside[-1][0] in settings.generic:
        return False
    if inside[0][1] in settings.clean.news_first_not:
        return False
    return _word_before(tokens, start)[1] not in settings.clean.news_not_before


def _within(tokens: Sequence[Token], start: int, end: int) -> list[Token]:
    """The words of the name printed at ``[start, end)``."""
    return [t for t in tokens if start <= t[2] and t[2] + len(t[0]) <= end]


def _word_before(tokens: Sequence[Token], start: int) -> Token:
    """The word ending where the name starts, or :data:`STOP` (the clause's start)."""
    return next((t for t in tokens if t[2] >= 0 and t[2] + len(t[0]) == start), STOP)


def unknown_word_after(tokens: Sequence[Token], after: Token, settings: ChunkSettings) -> bool:
    """Whether lone characters glued right after a name, one a noun's after the first, start
    a word the segmenter does not know (碳化矽馬達|驅|控|器: the name is a piece of 馬達驅控器),
    not function words or verbs (…晶片|將|可|提升)."""
    run: list[Token] = []
    for t in tokens[tokens.index(after) :] if after[2] >= 0 else ():
        glued = not run or t[2] == run[-1][2] + 1
        if not lone(t, settings) or not glued:
            break
        run.append(t)
    return any(t[1].startswith("n") for t in run[1:])


@dataclass(frozen=True, slots=True)
class Smart:
    """``smart`` and ``smart_not`` of ``rules/chunk.json``: the words that make a smart kind of
    a thing (智慧, 智能), and the abstract words after them that name no thing (國家, 轉型)."""

    prefixes: frozenset[str]
    not_after: frozenset[str]
    not_before: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Devices:
    """``suffixes`` of ``rules/chunk.json``: the last characters that name a device (器, 儀, 網);
    ``suffix_joins``: that character glued to the next one as another word (網|路, 機|台: no
    device ends there); ``suffix_not``: words ending in one that name no device (安全網)."""

    suffixes: tuple[str, ...]
    joins: frozenset[str]
    not_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class ListShapes:
    """``kinds_list``, ``kinds_items`` and ``middle_item`` of ``rules/chunk.json``: a list that
    opens its clause and ends in 等 (group 1 its items), what parts its items, and a list's
    middle item between two 、."""

    kinds: re.Pattern[str]
    items: re.Pattern[str]
    middle: re.Pattern[str]


def load_lists(rf: RulesFile) -> ListShapes:
    """:class:`ListShapes` from the chunker's rules file."""
    return ListShapes(
        rf.pattern("kinds_list"), rf.pattern("kinds_items"), rf.pattern("middle_item")
    )


@cache
def packaged_lists() -> ListShapes:
    """:class:`ListShapes` of the packaged ``rules/chunk.json`` (the chunker's settings hold
    none of their own yet)."""
    return load_lists(RulesFile.packaged("chunk"))


def load_smart(words: Callable[[str], tuple[str, ...]]) -> Smart:
    """:class:`Smart` from the rules file's word lists."""
    return Smart(
        frozenset(words("smart")), frozenset(words("smart_not")), words("smart_not_before")
    )


def load_devices(words: Callable[[str], tuple[str, ...]]) -> Devices:
    """:class:`Devices` from the rules file's word lists."""
    return Devices(
        words("suffixes"), frozenset(words("suffix_joins")), frozenset(words("suffix_not"))
    )


#: jieba's flags of the thing a smart prefix qualifies (工廠/n, 座艙/n, 城市/ns).
SMART_FLAGS = frozenset({"n", "nz", "vn", "l", "j", "ns"})
#: ... and of a word after it that it qualifies (智慧工廠|轉型, 智慧口腔|照護(v)).
SMART_VERBS = SMART_FLAGS | {"v"}


def smart(tokens: Sequence[Token], settings: ChunkSettings) -> list[Span]:
    """Smart kinds of a thing: a prefix of ``smart`` (智慧, 智能) and one noun word of two
    characters or more glued after it (智慧|工廠, AI|智慧|座艙 with a Latin word glued before),
    not one starting with an abstract word (``smart_not``: 智慧|國家, 智慧|化發展), not a
    generic, framing or business word, nor a head word (智慧|機器人 is a name by its head);
    not before another noun word (智慧|工廠|轉型) unless that is a cue word (智慧工廠|成為)."""
    s, out = settings, []
    padded = [STOP, *tokens, STOP, STOP]
    other = {*s.generic, *s.framing, *s.business, *s.technique_not_last}
    not_after = tuple(s.smart.not_after)
    for k in range(1, len(padded) - 2):
        word, _, at = padded[k]
        thing, after = padded[k + 1], padded[k + 2]
        glued = at >= 0 and thing[2] == at + len(word)
        if word not in s.smart.prefixes or not glued or thing[1] not in SMART_FLAGS:
            continue
        abstract = thing[0].startswith(not_after)  # 智慧|化發展, 智慧|國家
        if len(thing[0]) < 2 or thing[0] in other or abstract or headed(thing, None, s):
            continue
        if after[0].startswith(s.smart.not_before):
            continue  # 智慧城市|展, 智慧醫療|論壇: an event's or a body's name
        cue = after[0] in s.verbs or after[0] in s.not_first  # |成為, |相關: the clause's
        if after[1] in SMART_VERBS and len(after[0]) > 1 and after[0] not in s.trailing and not cue:
            continue  # 智慧工廠|轉型, 智慧電動|輔助…: it qualifies the word after it
        latin = padded[k - 1]
        start = latin[2] if latin[1] == "eng" and latin[2] + len(latin[0]) == at else at
        end = thing[2] + len(thing[0])
        out.append((start, end, start, end))
    return out


def coordinated(tokens: Sequence[Token], span: Span, coordinators: frozenset[str]) -> Span:
    """``span`` with the first of two coordinated modifiers before it: the words right before
    a coordinator and the name's first words, ending in the same character, qualify the same
    head (多核與|眾核運算晶片, 2D/|3D整合封裝, 2.5D/|3D堆疊), so the name holds both. A name
    whose modifier was left out (高效能…) stays as it is. Latin modifiers are coordinated only
    as a number and a letter (2D, 4G: many acronyms share a last letter: NPU與TPU, AR與VR)."""
    start, end, name_start, name_end = span
    k = next((i for i, t in enumerate(tokens) if t[2] == start), 0)
    if name_start != start or k < 2 or tokens[k - 1][0] not in coordinators:
        return span
    latin = tokens[k][0].isascii() and tokens[k][0].isalnum()
    words = ""
    for t in tokens[k:]:
        words += t[0]
        if len(words) > 3 or t[2] + len(t[0]) >= name_end:
            return span
        j, before = k - 1, ""
        while j > 0 and tokens[j - 1][2] >= 0:
            word = tokens[j - 1][0]
            if latin:  # 2.5D: 2|.|5D, back to the Latin name's first character
                more = word.isascii() and word.strip() == word and word not in coordinators
            else:  # the same number of characters, whole words
                more = len(before) < len(words) and not punct(word)
            if not more:
                break
            j -= 1
            before = word + before
        same = (len(before) == len(words) or latin) and before[-1:] == words[-1]
        shaped = not latin or all(_NUMBER_LETTER.fullmatch(w) for w in (before, words))
        ok = same and shaped and before != words and before[:1].isalnum()
        if ok and before.isascii() == latin:
            return tokens[j][2], end, tokens[j][2], name_end
        if latin:
            return span
    return span


def marked(
    text: str,
    found: Sequence[Span],
    settings: ChunkSettings,
    tag: Callable[[str], list[Token]],
    markup: Sequence[tuple[int, int]] = (),
    lists: ListShapes | None = None,
) -> list[Span]:
    """``found`` with the names the marks of ``text`` give (:func:`quoted`, :func:`kinds`), none
    in ``markup`` (spans of a table's HTML or a formula); ``lists``: :func:`packaged_lists`
    unless given."""
    lists = lists or packaged_lists()
    out = kinds(text, quoted(text, found, settings), settings, tag, lists)
    out = sorted({*out, *verb_items(text, settings, tag, lists)})
    return [f for f in out if not in_marked(markup, f[0], f[1])]


#: A quoted term: 「…」 with no clause mark inside.
_QUOTE = re.compile(r"「([^「」，。；：、！？,;:!?\n]+)」")


def quoted(text: str, found: Sequence[Span], settings: ChunkSettings) -> list[Span]:
    """``found`` with each quoted term that ends in a head word and starts with a name found in
    it named whole: the quote's marks are its edges (「藍光雷射口內掃描系統」, which jieba cuts
    at 口(q) after 藍光雷射); and with a quoted term in which nothing is found that ends in one
    of ``quote_tails``, not in a generic word, and holds only ``quote_name``'s characters."""
    out = list(found)
    ends = (*settings.heads, *settings.tails)
    for m in _QUOTE.finditer(text):
        a, z = m.span(1)
        if not settings.min_chars <= z - a <= settings.max_chars or not m.group(1).endswith(ends):
            continue
        inside = [f for f in out if a <= f[0] and f[1] <= z]
        # 「智慧射頻熱消融系統」: a quote the chunker names nothing in, ending in a strong tail,
        # is a name whole (not 「智慧解決方案+設備」, 「以人為本的長照服務系統」, 「新創生態系統」)
        generic = tuple(g for g in settings.generic if len(g) > 2)
        whole = not inside and m.group(1).endswith(settings.quote_tails)
        whole = whole and not m.group(1).endswith(generic)
        if any(f[0] == a for f in inside) or (whole and settings.quote_name.fullmatch(m.group(1))):
            out = [f for f in out if f not in inside] + [(a, z, a, z)]
    return sorted(out)


def kinds(
    text: str,
    found: Sequence[Span],
    settings: ChunkSettings,
    tag: Callable[[str], list[Token]],
    lists: ListShapes | None = None,
) -> list[Span]:
    """``found`` with the items of a list that opens its clause and ends in 等 right before a
    name found by its head: kinds of that thing, names each (，光纖雷射、紫外光雷射與超音波等
    加工設備 names three). No item holds a verb, an adverb or a preposition (``tag``'s flags:
    ，滿足|AI、HPC…等, 研發|應用於腦神經、…等: the clause's verb, not a list of names) nor ends
    in a bound attributive (侵入式), nor is a place or a body (a word tagged one of
    ``clean_start_not``: 加拿大、澳大利亞與俄羅斯等鈾燃料 names where it is used). The list and
    its items are ``lists``' (:func:`packaged_lists` unless given)."""
    lists = lists or packaged_lists()
    starts = {f[0] for f in found}
    out = list(found)
    for m in lists.kinds.finditer(text):
        if m.end() not in starts:
            continue
        items, at = [], m.start(1)
        for piece in lists.items.split(m.group(1)):
            items.append((at, at + len(piece)))
            at += len(piece) + 1
        if len(items) > 1 and all(_kind(text[a:z], settings, tag) for a, z in items):
            out += [(a, z, a, z) for a, z in items if (a, z, a, z) not in out]
    return sorted(out)


def _kind(item: str, settings: ChunkSettings, tag: Callable[[str], list[Token]]) -> bool:
    """Whether ``item`` of a list ending in 等 may name a kind of the thing after it."""
    if not settings.min_chars <= len(item) <= settings.max_chars or not item.isalnum():
        return False
    tags = {f for _, f, _ in tag(item)}
    if tags & settings.clean.start_not:
        return False  # 加拿大、澳大利亞與俄羅斯等鈾燃料: places (or bodies), where it is used
    flags = {f[:1] for f in tags}
    return not flags & settings.clean.kind_not and not item.endswith(settings.attributives)


def modified_known(
    seg: Segmented,
    known: Sequence[str],
    modifiers: Sequence[str],
    tag: Callable[[str], list[Token]],
    keyed: bool = True,
    framing: frozenset[str] = frozenset(),
) -> list[Mention]:
    """A technology the lexicon knows printed with one of the chunker's ``modifiers`` in front,
    each a word of its own (高速|量子運算): the printed form names the known one (its ``key``),
    or (not ``keyed``) a kind of it of its own name (AI|影像辨識), unless a noun after it heads
    the phrase (HPC|半導體|產業: a sector, as the chunker's names yield to one), other than a
    ``framing`` word (產品, 市場)."""
    if not known or not modifiers:
        return []
    alternatives = "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
    mods = "|".join(re.escape(m) for m in sorted(modifiers, key=len, reverse=True))
    pattern = re.compile(f"({mods})({alternatives})")
    out: list[Mention] = []
    for i, b in enumerate(seg.blocks):
        if b.kind != BlockKind.PARAGRAPH:
            continue
        for clause in CLAUSE.finditer(b.text):
            edges: set[int] | None = None  # the clause's word edges, segmented once if needed
            for m in pattern.finditer(clause.group()):
                if edges is None:
                    edges = {at for _, _, at in tag(clause.group())} | {len(clause.group())}
                if {m.start(), m.start(2), m.end()} <= edges and not (
                    not keyed and _headed_after(tag(clause.group()), m.end(), framing)
                ):
                    a, z = clause.start() + m.start(), clause.start() + m.end()
                    key = m.group(2) if keyed else None
                    out.append(Mention(Label.TECHNOLOGY, b.text[a:z], i, a, z, key=key,
                                       source="chunk"))  # fmt: skip
    return out


def _headed_after(tokens: Sequence[Token], end: int, framing: frozenset[str]) -> bool:
    """Whether the word at ``end`` is a noun of two characters or more that heads the phrase
    (no ``framing`` word): what goes before it only qualifies it."""
    after = next((t for t in tokens if t[2] == end), None)
    return after is not None and after[1] in NOUNS and len(after[0]) > 1 and after[0] not in framing


def verb_items(
    text: str,
    settings: ChunkSettings,
    tag: Callable[[str], list[Token]],
    lists: ListShapes | None = None,
) -> list[Span]:
    """A list's middle item (``lists.middle``) that is a verb of two characters and a head word
    (、入軌|火箭、): the verb qualifies the thing (a list's items are names, not clauses); no cue
    verb (開發, 強化)."""
    out: list[Span] = []
    for m in (lists or packaged_lists()).middle.finditer(text):
        tokens = tag(m.group())
        if len(tokens) != 2 or tokens[0][1] != "v" or len(tokens[0][0]) != 2:
            continue
        verb, head = tokens[0][0], tokens[1][0]
        cue = cue_word(verb, settings)
        if not cue and head.endswith(settings.heads) and head not in settings.generic:
            out.append((m.start(), m.end(), m.start(), m.end()))
    return out
