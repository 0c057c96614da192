"""Names joined by a slash (高導熱/低介電損耗樹脂材料, CU/DU/RU網元系統): the chunker's spans
hold the words a slash glued before them joins to their first word."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .chunkwords import Span, Token, punct

if TYPE_CHECKING:
    from .chunk import ChunkSettings

SLASHES = "/／"


def slash_start(tokens: Sequence[Token], start: int, settings: ChunkSettings) -> int:
    """Where a name printed at ``start`` right after a slash glued to a word before it starts:
    the slash joins that word to the name's first (高導熱／低介電損耗樹脂材料, CU/DU/RU網元系統,
    電機/電控/電電池), so the name holds the words it joins. A joined word is the words of one
    script back to punctuation, a function word or a cue word, of ``slash_chars`` at most; a
    Latin one is an acronym in capitals (a unit is none: Tb/s)."""
    at = {t[2]: k for k, t in enumerate(tokens)}
    k = at.get(start - 1)
    while k is not None and k > 0 and tokens[k][0] in SLASHES and not punct(tokens[k - 1][0]):
        j, chars, latin = k - 1, 0, tokens[k - 1][0].isascii()
        if latin and not tokens[j][0].isupper():
            break  # Tb/s, Wh/Kg: a unit, no acronyms joined (CU/DU, 2D/3D)
        while j >= 0 and not _joined_end(tokens[j], latin, settings):
            if (chars := chars + len(tokens[j][0])) > settings.slash_chars:
                break
            start, j = tokens[j][2], j - 1
        k = j if j >= 0 and tokens[j][0] in SLASHES and tokens[j][2] + 1 == start else None
    return start


def slashed(tokens: Sequence[Token], span: Span, settings: ChunkSettings) -> Span:
    """``span`` holding the words a slash glued before it joins to its first (:func:`slash_start`);
    the name proper starts there too unless a modifier was left out of it."""
    start = slash_start(tokens, span[0], settings)
    if start == span[0]:
        return span
    return start, span[1], start if span[2] == span[0] else span[2], span[3]


def _joined_end(token: Token, latin: bool, settings: ChunkSettings) -> bool:
    """Whether ``token`` is no part of a word a slash joins: a mark, a function word, a cue word,
    or a word of the other script (基站|CU/DU)."""
    word, flag, _ = token
    return (
        punct(word)
        or word in SLASHES
        or flag in settings.technique_breaks
        or word in settings.verbs
        or word in settings.not_first
        or word in settings.technique_stops
        or word.isascii() != latin
    )
