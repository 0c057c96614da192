"""A body's name leading a technology's printed name is its owner, not a part of the name.

The chunker (:mod:`graphkit.chunk`) reads the run of nouns before a head or before 技術 as one
name; news writes the owner first (工研院矽光子技術, 台積電先進封裝技術). Where the recogniser
knows a body (an agency or an organisation) that starts such a name and ends inside it, the name
is what follows the body: 工研院|矽光子技術 names 矽光子, the institute is mentioned on its own.
A name shorter than the chunker's ``min_chars`` once cut is none (工研院|AI技術: AI is the
lexicon's, found without the chunker).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .records import Label, Mention

#: The labels of bodies, which own the technologies named after them.
OWNERS = frozenset({Label.AGENCY, Label.ORGANIZATION})


def without_owners(
    chunks: Sequence[Mention], found: Sequence[Mention], least: int
) -> list[Mention]:
    """``chunks`` (the chunker's mentions) cut after a body of ``found`` that starts one and
    ends inside it; those left shorter than ``least`` characters dropped.

    >>> body = Mention(Label.AGENCY, "工研院", 0, 0, 3)
    >>> tech = Mention(Label.TECHNOLOGY, "工研院矽光子技術", 0, 0, 8, key="工研院矽光子")
    >>> [(m.text, m.start, m.key) for m in without_owners([tech], [body], 3)]
    [('矽光子技術', 3, '矽光子')]
    """
    bodies = {(m.block, m.start): m.end for m in found if m.label in OWNERS}
    out: list[Mention] = []
    for c in chunks:
        end = bodies.get((c.block, c.start))
        if end is None or end >= c.end:
            out.append(c)
            continue
        cut = end - c.start
        owner, text = c.text[:cut], c.text[cut:]
        key = c.key or c.text
        name = key[cut:] if key.startswith(owner) else key
        space = len(text) - len(text.lstrip())  # 工研院 AI 晶片: the space after the owner
        text, name, end = text[space:], name.lstrip(), end + space
        if len(name) >= least:
            out.append(replace(c, text=text, start=end, key=name if name != text else None))
    return out
