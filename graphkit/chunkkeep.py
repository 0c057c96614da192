"""Which of a document's chunked names are kept (:mod:`graphkit.chunk`): the last step.

A name printed once is as likely a fragment as a name: the chunker keeps names seen twice, or
stated (as work, as a technique, with clean word edges, listed beside another name, or a kind
of a technology the lexicon knows). Whatever their count, it drops names that name a sector
where they stand and names made of abstract words only (:func:`abstract`). The words it reads
are ``min_count``, ``joiners``, ``abstract_qualifiers`` and ``generic`` of
``schema/rules/chunk.json``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from . import chunkwords as w
from .chunkwords import Token
from .records import Block, Mention

if TYPE_CHECKING:
    from .chunk import ChunkSettings


def kept(
    mentions: Sequence[Mention],
    blocks: Sequence[Block],
    stated: set[str],
    settings: ChunkSettings,
    kind: Callable[[str], bool],
    sectors: tuple[str, ...],
    tag: Callable[[str], list[Token]],
) -> list[Mention]:
    """The mentions of ``mentions`` the chunker keeps.

    ``stated`` holds the names a rule vouched for where they were printed; names listed beside
    another name (A、B與C: the items' edges are the list's joiners) and kinds of a technology
    the lexicon knows (``kind``: 人形機器人) join them here. A name followed by a sector's word
    (通訊模組|廠, of ``sectors``) or listed among industries names a sector there.
    """
    names = [m.key or m.text for m in mentions]
    stated = stated | w.listed(blocks, mentions, settings.joiners)
    stated |= {name for name in set(names) if kind(name)}
    seen = Counter(names)
    return [
        m
        for m, name in zip(mentions, names, strict=True)
        if (seen[name] >= settings.min_count or name in stated)
        and not w.sector(blocks[m.block].text, m.start, m.end, sectors, fields=True)
        and not abstract(name, tag, settings)
    ]


def abstract(name: str, tag: Callable[[str], list[Token]], settings: ChunkSettings) -> bool:
    """Whether ``name`` is two words: an abstract qualifier (``abstract_qualifiers``: 軟體,
    硬體, 品質 …, saying which side or aspect of a thing) and a generic word after it
    (品質|檢測, 最佳化|模組, 決策|模組): a kind of no particular thing. A head word that is no
    generic word names a thing after one (硬體|加速器, 決策|引擎, 品質|感測器, 軟體|機器人), as a
    technical word in front of a generic one does (影像|檢測)."""
    if not name.startswith(tuple(settings.abstract_qualifiers)):
        return False  # its first word can be none of them: no need to segment it
    tokens = tag(name)
    if len(tokens) != 2 or tokens[0][0] not in settings.abstract_qualifiers:
        return False
    return tokens[1][0] in settings.generic
