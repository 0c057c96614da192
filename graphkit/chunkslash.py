"""Names joined by a slash (高導熱/低介電損耗樹脂材料, CU/DU/RU網元系統): the chunker's spans
hold the words a slash glued before them joins to their first word."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from .chunkwords import Span, Token, cue_word, punct

if TYPE_CHECKING:
    from .chunk import ChunkSettings

SLASHES = "/／"


#: Whether the words on either side of a slash (the joined word, the text after the slash) name
#: a thing of their own: then the slash lists two things, it joins no words into one name.
Stands = Callable[[str, str], bool]


def slash_start(
    tokens: Sequence[Token], start: int, settings: ChunkSettings, stands: Stands | None = None
) -> int:
    """Where a name printed at ``start`` right after a slash glued to a word before it starts:
    the slash joins that word to the name's first (高導熱／低介電損耗樹脂材料, CU/DU/RU網元系統),
    so the name holds the words it joins. A joined word is the words of one script back to
    punctuation, a function word or a cue word, of ``slash_chars`` at most; a Latin one is an
    acronym in capitals (a unit is none: Tb/s). Where ``stands`` says a side names a thing of
    its own (a known technology, a name by its head: 碳化矽/氮化鎵功率元件, 智慧眼鏡/頭戴式裝置),
    the slash lists two things and joins nothing."""
    at = {t[2]: k for k, t in enumerate(tokens)}
    k = at.get(start - 1)
    while k is not None and k > 0 and tokens[k][0] in SLASHES and not punct(tokens[k - 1][0]):
        j, chars, latin = k - 1, 0, tokens[k - 1][0].isascii()
        if latin and not tokens[j][0].isupper():
            break  # Tb/s, Wh/Kg: a unit, no acronyms joined (CU/DU, 2D/3D)
        joined = start
        while j >= 0 and not _joined_end(tokens[j], latin, settings):
            if (chars := chars + len(tokens[j][0])) > settings.slash_chars:
                break
            joined, j = tokens[j][2], j - 1
        left = "".join(t[0] for t in tokens[j + 1 : k])
        right = "".join(t[0] for t in tokens[k + 1 : k + 4])
        if joined == start or (stands is not None and stands(left, right)):
            break
        start = joined
        k = j if j >= 0 and tokens[j][0] in SLASHES and tokens[j][2] + 1 == start else None
    return start


def stands(
    known: Sequence[str], labelled: Mapping[str, bool], s: ChunkSettings, left: str, right: str
) -> bool:
    """Whether the words on either side of a slash name things of their own: the joined word a
    known technology (``labelled``: every lexicon name in lower case, and whether it names one),
    a name by its head or a smart kind (智慧眼鏡/頭戴式裝置), or the text after the slash starting
    with a known technology (``known``: 碳化矽/氮化鎵功率元件, LED/OLED顯示面板)."""
    latin = re.match(r"[A-Za-z][A-Za-z0-9]*", right)
    smart = left.startswith(tuple(s.smart.prefixes)) and len(left) > max(map(len, s.smart.prefixes))
    return (
        labelled.get(left.lower(), False)
        or left.endswith(tuple(s.heads))
        or smart
        or right.startswith(tuple(known))
        or (latin is not None and labelled.get(latin.group().lower(), False))
    )


def slashed(
    tokens: Sequence[Token], span: Span, settings: ChunkSettings, stands: Stands | None = None
) -> Span:
    """``span`` holding the words a slash glued before it joins to its first (:func:`slash_start`);
    the name proper starts there too unless a modifier was left out of it."""
    start = slash_start(tokens, span[0], settings, stands)
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
        or cue_word(word, settings)
        or word.isascii() != latin
    )
