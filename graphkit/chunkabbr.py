"""A technology's Latin abbreviation glued to a Chinese name or field word: one name, as printed.

IC設計, AI聊天機器人, AI影像晶片模組: the lexicon knows IC and AI, and would name the technology
(積體電路, 人工智慧) in place of the compound the text prints. The compound is the name:
the abbreviation, then a technology the lexicon knows by its Chinese name (聊天機器人, 機器人) or
one field word (設計, 通訊, 系統: the chunker's one-word ``generic`` names), then any head words
after it (設備, 晶片|模組), each a word of the segmenter's. The abbreviation must be a technology
in the lexicon, and no end of a longer one (生成式AI運算): ITRI設計 is no name, nor AI產業
(產業 is no field word).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from .chunkwords import CLAUSE, Token
from .records import BlockKind, Label, Mention, Segmented

#: A Latin word (letters and digits, one letter at least) right before a Chinese character.
_GLUED = re.compile(r"(?<![A-Za-z0-9.\-_/])(?=[0-9]*[A-Za-z])[A-Za-z0-9]+(?=[\u4e00-\u9fff])")

#: How many characters before an abbreviation a longer name holding it may start (生成式AI).
LONGEST_BEFORE = 6


def abbreviated(
    seg: Segmented,
    labelled: Mapping[str, bool],
    terms: Mapping[str, str],
    fields: frozenset[str],
    heads: frozenset[str],
    tag: Callable[[str], list[Token]],
) -> list[Mention]:
    """The compounds of a technology's Latin abbreviation in the prose blocks of ``seg``.

    ``labelled`` tells whether a lower-case lexicon name is a technology's, ``terms`` gives the
    technology each lower-case name of one names (its Chinese names are the known ones),
    ``fields`` the field words (設計, 通訊) and ``heads`` the words that may end the compound
    after them (設備, 模組). An abbreviation before its own Chinese name (AI人工智慧) is the
    name printed twice, no compound."""
    longest = sorted((k for k in terms if not k.isascii() and len(k) > 1), key=len, reverse=True)
    out: list[Mention] = []
    for i, b in enumerate(seg.blocks):
        if b.kind != BlockKind.PARAGRAPH:
            continue
        for clause in CLAUSE.finditer(b.text):
            text = clause.group()
            tokens: list[Token] | None = None  # the clause's tokens, segmented once if needed
            for m in _GLUED.finditer(text):
                if not labelled.get(m.group().lower()) or _ends_name(text, m, labelled):
                    continue
                tokens = tokens if tokens is not None else tag(text)
                end, name = _compound_end(text, m.end(), tokens, longest, fields, heads)
                same = name is not None and terms.get(name) == terms.get(m.group().lower())
                if end is not None and not same and m.start() in {at for _, _, at in tokens}:
                    a, z = clause.start() + m.start(), clause.start() + end
                    out.append(Mention(Label.TECHNOLOGY, b.text[a:z], i, a, z, source="chunk"))
    return out


def _compound_end(
    text: str,
    at: int,
    tokens: Sequence[Token],
    known: Sequence[str],
    fields: frozenset[str],
    heads: frozenset[str],
) -> tuple[int | None, str | None]:
    """Where the compound whose Chinese part starts at ``at`` ends: after the longest known
    name or the field word there, and the head words that follow (None: neither is there);
    and the known name, if one."""
    words = {start: word for word, _, start in tokens}
    edges = {*words, len(text)}
    if at not in edges:
        return None, None  # the abbreviation ends inside a word
    name = next((k for k in known if text.startswith(k, at) and at + len(k) in edges), None)
    end = None if name is None else at + len(name)
    if end is None and words.get(at) in fields:
        end = at + len(words[at])
    while end is not None and words.get(end) in heads:
        end += len(words[end])
    return end, name


def _ends_name(text: str, m: re.Match[str], labelled: Mapping[str, bool]) -> bool:
    """Whether the abbreviation ends a longer name of the lexicon (生成式|AI運算): that name's,
    no compound's."""
    before = text[max(0, m.start() - LONGEST_BEFORE) : m.start()]
    return any(before[k:].lower() + m.group().lower() in labelled for k in range(len(before)))
