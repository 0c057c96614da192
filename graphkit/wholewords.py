"""Whole words: a lexicon's Chinese name is no name inside a longer word the segmenter keeps.

高通 in 高通量, 矽光 in 矽光子: :func:`whole_words` drops such mentions, and those that start
inside one word and end inside the next (中鋼 in 其中|鋼鐵業), segmenting only the
clauses that hold one (with the chunker's segmenter, :meth:`graphkit.chunk.Chunker.tag`). A
Roman numeral is no name in a run of numerals either: III (資策會's abbreviation) in Phase I、II、
III和IV期 (``numeral_runs`` in ``schema/rules/recognise.json``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from .chunkwords import CLAUSE
from .knowledge import rules
from .records import Label, Mention, Segmented

if TYPE_CHECKING:
    from .chunk import Chunker
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
    for m in mentions:
        if m.source in sources and _in_numeral_run(m, seg.blocks[m.block].text):
            continue
        if m.source in sources and _ends_in_a_word(m, seg.blocks[m.block].text):
            continue
        if m.source not in sources or m.text.isascii():
            out.append(m)
            continue
        text = seg.blocks[m.block].text
        if m.block not in clauses:
            clauses[m.block] = [c.span() for c in CLAUSE.finditer(text)]
        spans = clauses[m.block]
        at = bisect_right(spans, (m.start, len(text) + 1)) - 1
        if at < 0 or m.end > spans[at][1]:
            out.append(m)
            continue
        start, end = spans[at]
        if (m.block, start) not in tagged:
            tokens = chunker.tag(text[start:end])
            tagged[m.block, start] = tokens, [(start + s, start + s + len(w)) for w, _, s in tokens]
        tokens, words = tagged[m.block, start]
        if any(_cut(m, t, text, chunker) for t in words) or _straddles(m, words):
            continue
        if _head_begins_a_word(m, words):
            continue
        if m.label is Label.TECHNOLOGY and _kind_of(m, kept.get(m.block, ())):
            continue
        out.append(m)
    return out


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
