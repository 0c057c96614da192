"""Whole words: a lexicon's Chinese name is no name inside a longer word the segmenter keeps.

高通 in 高通量, 矽光 in 矽光子: :func:`whole_words` drops such mentions, and those that start
inside one word and end inside the next (中鋼 in 其中|鋼鐵業), segmenting only the
clauses that hold one (with the chunker's segmenter, :meth:`graphkit.chunk.Chunker.tag`). A
Roman numeral is no name in a run of numerals either: III (資策會's abbreviation) in Phase I、II、
III和IV期 (``numeral_runs`` in ``schema/rules/recognise.json``). A known technology's name
glued before a head word names the longer thing built on it (:func:`headed_known`: 量子退火|
機器, RFID|紗線, 燃料電池|重型|卡車), and is no mention of its own where it starts one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache, partial
from typing import TYPE_CHECKING

from .chunkhead import headed
from .chunkshape import unknown_word_after
from .chunkwords import CLAUSE, STOP, punct
from .knowledge import rules
from .records import Label, Mention, Segmented
from .vocabulary import vocabulary

if TYPE_CHECKING:
    from .chunk import Chunker
    from .chunksettings import ChunkSettings
    from .chunkwords import Token


def whole_words(
    seg: Segmented, mentions: Sequence[Mention], chunker: Chunker, sources: frozenset[str]
) -> list[Mention]:
    """``mentions`` without the Chinese names of ``sources`` that end or start inside a word
    the segmenter keeps whole: 高通 is no name in 高通量, nor 半導體 in 化合物半導體 when
    jieba keeps that one word. Only the clauses holding such a mention are segmented."""
    clauses: dict[int, list[tuple[int, int]]] = {}
    # A clause's tokens, tagged once, and its words' offsets in the block's text.
    tagged: dict[tuple[int, int], tuple[list[Token], list[tuple[int, int]]]] = {}
    kept: dict[int, list[tuple[int, int]]] = {}
    for n in chunker.recognise(seg):  # the chunker's names that stay (printed twice, stated …)
        kept.setdefault(n.block, []).append((n.start, n.end))
    out: list[Mention] = []
    kinds: list[Mention] = []  # known names that end a longer name the chunker keeps
    words_of = partial(_words_of, seg, chunker, clauses, tagged)
    for m in mentions:
        if m.source in sources and _in_numeral_run(m, seg.blocks[m.block].text):
            continue
        if m.source in sources and _ends_in_a_word(m, seg.blocks[m.block].text):
            continue
        if m.source not in sources or m.text.isascii():
            out.append(m)
            continue
        text = seg.blocks[m.block].text
        if (clause := words_of(m)) is None:
            out.append(m)
            continue
        _, words = clause
        if any(_cut(m, t, text, chunker) for t in words) or _straddles(m, words):
            continue
        if _head_begins_a_word(m, words):
            continue
        if m.label is Label.TECHNOLOGY and _kind_of(m, kept.get(m.block, ())):
            kinds.append(m)  # it may still be glued before a head (氫燃料電池|巴士)
            continue
        out.append(m)
    compounds = headed_known(seg, [*out, *kinds], chunker, sources, kept, words_of)
    named: dict[int, list[tuple[int, int]]] = {}
    for c in compounds:
        named.setdefault(c.block, []).append((c.start, c.end))
    out = [m for m in out if not _starts_one(m, named.get(m.block, ()))]
    others: dict[int, list[Mention]] = {}  # the names of other labels, by block
    for o in mentions:
        if o.label is not Label.TECHNOLOGY:
            others.setdefault(o.block, []).append(o)
    out = [m for m in out if not _crosses(m, others.get(m.block, ()))]
    background = partial(_background, seg=seg, settings=chunker.settings)
    out = _alone_in_article(seg, out, kept, background)
    return out + compounds


def _crosses(m: Mention, others: Sequence[Mention]) -> bool:
    """Whether the technology ``m`` crosses the edge of a name of another label in its block
    (``others``: 路徑規劃 in 2050淨零排放路徑|規劃, a policy's name and the word after it): a
    piece of neither."""
    return m.label is Label.TECHNOLOGY and any(
        o.start < m.start < o.end < m.end or m.start < o.start < m.end < o.end for o in others
    )


def _background(m: Mention, seg: Segmented, settings: ChunkSettings) -> bool:
    """Whether ``m`` is a known technology's name (the lexicon's) printed as background to an
    article that prints it nowhere else (``background`` of rules/chunk.json): in a clause about
    a market's or a sector's figures or a trend (``market``: 億美元, 市占率, 產值 …: the
    market's subject) or about the work abroad (``abroad``: 國外, 美國, 歐盟 …: another's work),
    or after words that name where the work applies (``applied``: 可應用於5G通訊站、電力站:
    the fields it serves; not past a qualifier's end: 適用於工廠餘熱回收的熱泵 is the work) or
    what it replaces (``replaced``: 取代傳統鑄鍛成型; not ``not_replaced``: 傳統產業, a client).
    A market or a country in a sentence that names the programme (``subjects``: 本計畫開發熱泵，
    年產值可達5億元) is said of its work: no background. :func:`_alone_in_article` asks only of
    mentions inside articles that start no longer name."""
    if m.label is not Label.TECHNOLOGY or m.source != "lexicon":
        return False
    b, text = settings.background, seg.blocks[m.block].text
    start = max(text.rfind(end, 0, m.start) for end in b.sentence_ends) + 1
    ends = [at for at in (text.find(end, m.end) for end in b.sentence_ends) if at >= 0]
    sentence = text[start : min(ends, default=len(text))]
    # a sentence naming the programme tells its work (本計畫開發之無人機已外銷日本)
    said = any(word in sentence for word in (*b.market, *b.abroad))
    if said and not any(word in sentence for word in b.subjects):
        return True
    left = max(text.rfind(mark, 0, m.start) for mark in b.clause_breaks) + 1
    before = text[left : m.start]
    for word in b.not_replaced:
        before = before.replace(word, "")
    at = max((before.rfind(word) for word in b.applied), default=-1)
    if at >= 0 and not any(q in before[at:] for q in b.qualifier_ends):
        return True
    return any(word in before for word in b.replaced)


def _alone_in_article(
    seg: Segmented,
    mentions: list[Mention],
    kept: dict[int, list[tuple[int, int]]],
    background: Callable[[Mention], bool] = lambda _: False,
) -> list[Mention]:
    """``mentions`` without a technology's known name that starts a longer name the chunker
    keeps (碳化矽 of 碳化矽功率元件) in an article that never prints it alone: there it is a
    piece of the thing named, as 量子退火 of 量子退火|機器 is (:func:`_starts_one`); nor one
    whose mention is ``background`` (:func:`_background`: a market's figures or a trend, work
    abroad, where the work applies, what it replaces; asked only of mentions in articles) in an
    article that prints it nowhere else. Where the article prints it alone too, it stays a
    mention in both places; outside articles (news, a report's prose) nothing changes.
    Measured on the other domains' article gold: precision up, recall unchanged."""

    def article(m: Mention) -> tuple[str | None, ...] | None:
        b = seg.blocks[m.block]
        return (b.domain, b.chapter, b.article) if b.article is not None else None

    inner = {
        id(m)
        for m in mentions
        if article(m) is not None and (_starts_one(m, kept.get(m.block, ())) or background(m))
    }
    alone = {
        (article(m), m.key or m.text)
        for m in mentions
        if m.label is Label.TECHNOLOGY and id(m) not in inner
    }
    return [m for m in mentions if id(m) not in inner or (article(m), m.key or m.text) in alone]


def _starts_one(m: Mention, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the technology ``m`` starts one of the longer names at ``spans`` of its block
    (量子退火 of 量子退火|機器): a piece of the thing named there, no mention of its own
    (measured: the article gold names the field where it is printed alone, the news gold the
    machine only)."""
    return m.label is Label.TECHNOLOGY and any(a == m.start and z > m.end for a, z in spans)


def _words_of(
    seg: Segmented,
    chunker: Chunker,
    clauses: dict[int, list[tuple[int, int]]],
    tagged: dict[tuple[int, int], tuple[list[Token], list[tuple[int, int]]]],
    m: Mention,
) -> tuple[list[Token], list[tuple[int, int]]] | None:
    """The tokens of the clause ``m`` lies in (offsets in the clause) and its words' spans in
    the block's text, segmented once per clause; None when ``m`` crosses a clause's edge."""
    text = seg.blocks[m.block].text
    if m.block not in clauses:
        clauses[m.block] = [c.span() for c in CLAUSE.finditer(text)]
    spans = clauses[m.block]
    at = bisect_right(spans, (m.start, len(text) + 1)) - 1
    if at < 0 or m.end > spans[at][1]:
        return None
    start, end = spans[at]
    if (m.block, start) not in tagged:
        tokens = chunker.tag(text[start:end])
        tagged[m.block, start] = tokens, [(start + s, start + s + len(w)) for w, _, s in tokens]
    return tagged[m.block, start]


def headed_known(
    seg: Segmented,
    mentions: Sequence[Mention],
    chunker: Chunker,
    sources: frozenset[str],
    kept: dict[int, list[tuple[int, int]]],
    words_of: Callable[[Mention], tuple[list[Token], list[tuple[int, int]]] | None],
) -> list[Mention]:
    """The longer things a known technology's name glued before a head word names: a word of
    the chunker's heads or ``known_heads`` (a product noun: 機器, 巴士, 紗線), or one
    ending in a device's character, that ends the compound (量子退火|機器, RFID|紗線), perhaps
    after a quality (稀土|高效|馬達); a lone noun glued before the known name starts it
    (氫|燃料電池|巴士). A name the chunker keeps across the compound's span names it already;
    one that ends in the known name (氫燃料電池) yields to it."""
    s = chunker.settings
    out: list[Mention] = []
    for m in mentions:
        if m.label is not Label.TECHNOLOGY or m.source not in sources:
            continue
        if (clause := words_of(m)) is None:
            continue
        tokens, words = clause
        k = next((i for i, (a, _) in enumerate(words) if a == m.end), None)
        if k is None or not any(a == m.start for a, _ in words):
            continue
        if k + 1 < len(tokens) and _modifier(tokens[k], s) and not _modifier(tokens[k + 1], s):
            k += 1  # 稀土|高效|馬達, 燃料電池|重型|卡車: a quality of the thing before its head
        head, after = tokens[k], tokens[k + 1] if k + 1 < len(tokens) else STOP
        word = head[0]
        named = word in s.known_heads or headed(head, tokens[k - 1], s, after)
        if not named or word in s.generic or (len(word) < 2 and word not in s.known_heads):
            continue  # 半導體|材料, AI|系統: a generic word names no thing of its own
        if after[1].startswith(_goes_on()) or unknown_word_after(tokens, after, s):
            continue  # 碳化矽|晶圓|製程, 碳化矽馬達|驅|控|器: the compound goes on
        end = words[k][1]
        own = kept.get(m.block, ())
        if any(a < end and m.start < z for a, z in own if not (a < m.start and z == m.end)):
            continue  # a name the chunker keeps there already
        start, first = m.start, next(i for i, (a, _) in enumerate(words) if a == m.start)
        wider = min((a for a, z in own if a < m.start and z == m.end), default=m.start)
        lead = [t for t, (a, _) in zip(tokens, words, strict=True) if wider <= a < m.start]
        if lead and not any(t[1] == "v" for t in lead):
            start = wider  # 質子交換膜燃料電池|巴士: the chunker's name of the kind starts it
        elif first > 0 and _lone_noun(tokens, first, s):
            start = words[first - 1][0]  # 有關|氫|燃料電池|空壓機: a lone noun names its kind
        text = seg.blocks[m.block].text
        out.append(Mention(Label.TECHNOLOGY, text[start:end], m.block, start, end, source="chunk"))
    return out


@cache
def _goes_on() -> tuple[str, ...]:
    """jieba's flags' first letters of a word that goes on a compound after its head (a noun,
    a verbal noun, a Latin word, an abbreviation, an idiom: 晶片|聯盟(j)): rules/vocabulary.json
    'compound_flags'."""
    return vocabulary().compound_flags


@cache
def _no_start_after() -> tuple[str, ...]:
    """Flags' first letters of a word after which a lone noun starts no compound: one that goes
    on a compound, a numeral or a measure word (rules/vocabulary.json 'count_flags'), an
    adjective or a distinguishing word (a, b)."""
    return (*vocabulary().compound_flags, *vocabulary().count_flags, "a", "b")


def _modifier(token: Token, settings: ChunkSettings) -> bool:
    """Whether ``token`` qualifies the thing whose head follows it: an adjective or a
    distinguishing word of two characters (高效, 重型), or one of the chunker's modifiers."""
    word, flag, _ = token
    return (flag in ("a", "b") and len(word) == 2) or word in settings.modifiers


def _lone_noun(tokens: Sequence[Token], k: int, settings: ChunkSettings) -> bool:
    """Whether the word before ``tokens[k]`` is a lone noun character (氫, 鋰) that starts the
    compound: glued to it, after a word that is no noun (a verb, a mark, the clause's start)."""
    word, flag, at = tokens[k - 1]
    if len(word) != 1 or flag != "n" or at + 1 != tokens[k][2]:
        return False
    prior = tokens[k - 2] if k > 1 else STOP
    if prior is not STOP and not punct(prior[0]) and len(prior[0]) < 2:
        return False  # 隨|著, 新|型|態: a piece of the word before
    return prior[1] == "vn" or not prior[1].startswith(_no_start_after())


def _kind_of(m: Mention, names: Sequence[tuple[int, int]]) -> bool:
    """Whether ``m`` ends a longer name the chunker keeps (仿生協作型|機器人, 微光|發光二極體):
    that name's head, which names a kind of it, not the known thing itself. A longer span
    the chunker drops (採購|商規無人機, printed once and stated nowhere) takes nothing."""
    return any(a < m.start and m.end == z for a, z in names)


def _head_begins_a_word(m: Mention, words: Sequence[tuple[int, int]]) -> bool:
    """Whether a law's name ends in a one-character head (``law_heads`` of
    ``schema/rules/recognise.json``: 法) that starts a longer word of the segmenter: 專利法|規
    (patent regulations), 醫療法|人 (a medical corporation) name no law, 依專利法|規定 does."""
    if m.label is not Label.REGULATION or not m.text.endswith(_law_heads()):
        return False
    return any(a == m.end - 1 and b > m.end for a, b in words)


@cache
def _law_heads() -> tuple[str, ...]:
    return tuple(rules("recognise")["law_heads"])


def _straddles(m: Mention, tokens: Sequence[tuple[int, int]]) -> bool:
    """Whether ``m`` starts inside a word and ends inside one (the end of one word and the start
    of the next, or the middle of one): no name (中鋼 in 其中|鋼鐵業; 中|鋼 is one)."""
    starts_inside = any(a < m.start < b for a, b in tokens)
    return starts_inside and any(a < m.end < b for a, b in tokens)


def _cut(m: Mention, token: tuple[int, int], text: str, chunker: Chunker) -> bool:
    """Whether ``m`` cuts ``token`` so that it reads as a piece of a longer word: it takes two
    or more of the token's characters and what it leaves is no word of its own (高通|量, 矽光|子;
    not 稀土|元素, not 技術司|法 where only one character is shared)."""
    t_start, t_end = token
    for edge in (m.start, m.end):
        if not t_start < edge < t_end:
            continue
        inside = (max(m.start, t_start), min(m.end, t_end))
        outside = text[t_start:edge] if edge == m.start else text[edge:t_end]
        if inside[1] - inside[0] >= 2 and not (len(outside) >= 2 and chunker.is_word(outside)):
            return True
        if len(outside) >= 2 and not chunker.is_word(outside):
            return True  # 熱管|理機制: one character of a longer word, and the rest no word
    return False


@cache
def _continuations() -> tuple[str, ...]:
    return tuple(rules("orgs")["not_body_before"])


def _ends_in_a_word(m: Mention, text: str) -> bool:
    """Whether a body's name ends on the first character of a word that is no part of it
    (``not_body_before`` in ``schema/rules/orgs.json``): 能源部|門 and 交通部|門 are the energy
    and transport sectors, not the ministries.

    >>> from graphkit.records import Label
    >>> t = "能源部門排放,能源部預算"
    >>> [_ends_in_a_word(Mention(Label.AGENCY, "能源部", 0, a, a + 3), t) for a in (0, 7)]
    [True, False]
    """
    return any(w[0] == m.text[-1:] and text.startswith(w, m.end - 1) for w in _continuations())


@cache
def _numeral_runs() -> re.Pattern[str]:
    return re.compile(rules("recognise")["numeral_runs"])


def _in_numeral_run(m: Mention, text: str) -> bool:
    """Whether ``m`` is a Roman numeral inside a run of them (Phase I、II、III和IV期, III期).

    >>> from graphkit.records import Label
    >>> phase, iii = "臨床試驗(Phase I、II、III和IV期)", "資策會(III)與工研院"
    >>> def at(t: str) -> Mention:
    ...     return Mention(Label.AGENCY, "III", 0, t.index("III"), t.index("III") + 3)
    >>> _in_numeral_run(at(phase), phase), _in_numeral_run(at(iii), iii)
    (True, False)
    """
    if not _ROMAN.fullmatch(m.text):
        return False
    return any(
        r.start() <= m.start and m.end <= r.end()
        for r in _numeral_runs().finditer(text, max(0, m.start - 12), m.end + 12)
    )


_ROMAN = re.compile(r"[IVX]+")
