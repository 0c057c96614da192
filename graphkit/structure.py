"""Names the document's structure states (執行單位 lines, table rows), as mentions.

They go to the resolve stage with the recognisers' mentions (the resolver completes truncated
agency names), so extract reads their entities from the resolved mentions and never asks the
resolver anything.
"""

from __future__ import annotations

from .records import (
    AgencyRow,
    BlockRecord,
    DirectoryRow,
    ExecutorLine,
    GlossaryRow,
    Label,
    Mention,
    ProgrammeLine,
    ProgrammeList,
    Segmented,
)
from .terms import split_abbr


def structure_mentions(seg: Segmented) -> list[Mention]:
    """Names the document's structure states, as mentions for the resolve stage.

    The executing agencies of 執行單位 lines (``executing-agency``: the resolver completes
    truncated names) and the name of glossary, directory and agency-table rows
    (``table-row``). Extract then reads their entities from the resolved mentions and never
    asks the resolver anything.
    """
    out: list[Mention] = []
    for i, b in enumerate(seg.blocks):
        if isinstance(b.record, ProgrammeList):
            for line, at in record_lines(b.record):
                if isinstance(line, ExecutorLine):
                    out.extend(_executor_mentions(line, at, i))
            continue
        cell = (row_name(b.record) or "").strip()
        name = split_abbr(cell)[0] if cell else ""
        start = b.text.find(cell) if cell else -1
        if name and start >= 0:
            out.append(Mention(Label.TECHNOLOGY, cell, i, start, start + len(cell), key=name,
                               source="table-row"))  # fmt: skip
    return out


def row_name(row: BlockRecord | None) -> str | None:
    """The name a table row gives (glossary, directory or agency table), if it is one."""
    if isinstance(row, GlossaryRow):
        return row.zh
    if isinstance(row, AgencyRow | DirectoryRow):
        return row.name
    return None


#: Mentions made from the document's structure (:func:`structure_mentions`).
STRUCTURE_SOURCES = frozenset({"executing-agency", "table-row"})


def record_lines(
    record: ProgrammeList,
) -> list[tuple[ProgrammeLine | ExecutorLine, int]]:
    """The lines of a 相關科技專案 block with their offsets in its text (one line a line)."""
    out, at = [], 0
    for line in record.lines:
        out.append((line, at))
        at += len(line.text) + 1
    return out


def _executor_mentions(line: ExecutorLine, at: int, block: int) -> list[Mention]:
    """One mention per agency an 執行單位 line names, at its offset in the block."""
    out, cursor = [], line.text.find(":") + 1  # after 執行單位: (the text is normalised)
    for name in line.agencies:
        bare = name.strip()
        start = line.text.find(bare, cursor)
        if not bare or start < 0:
            continue
        cursor = start + len(bare)
        out.append(Mention(Label.AGENCY, bare, block, at + start, at + cursor,
                           source="executing-agency"))  # fmt: skip
    return out
