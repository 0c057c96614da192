"""Loader for reports with no layout graphkit knows: free prose, hard-wrapped or not.

Lines broken by the PDF are re-joined into paragraphs (a line that does not end a sentence
continues on the next), short lines repeated on many pages are dropped as running headers,
and the title, publisher and year are taken from the first lines. Everything is a PARAGRAPH
block with no hierarchy. Settings are in ``schema/rules/generic_report.json``.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from graphkit.knowledge import rules
from graphkit.normalise import normalise_name
from graphkit.records import Block, BlockKind, DocumentInfo, Segmented, SourceText
from graphkit.segment import (
    Line,
    compile_all,
    drop_furniture,
    ends_complete,
    join_lines,
    split_lines,
)

_CJK = re.compile(r"[\u4e00-\u9fff]")


class GenericReportLoader:
    """Paragraphs of prose with their offsets."""

    name = "generic-report"

    @cached_property
    def _rules(self) -> dict[str, Any]:
        return rules("generic_report")

    def detect(self, text: str) -> float:
        """Prose in Chinese: the share of CJK characters, scaled so a real report reaches 0.5."""
        sample = text[:20000]
        if not sample.strip():
            return 0.0
        share = len(_CJK.findall(sample)) / max(1, len(sample.strip()))
        sentences = sample.count("。") + sample.count("，")
        return min(0.5, share) if sentences >= 3 else 0.1 * share

    def segment(self, source: SourceText, text: str) -> Segmented:
        lines = drop_furniture(
            split_lines(text),
            compile_all(self._rules["furniture"]),
            repeat_min=int(self._rules["repeat_min"]),
            repeat_max_len=int(self._rules["repeat_max_len"]),
        )
        blocks = self._paragraphs(lines)
        return Segmented(info=self._info(source, lines), text=text, blocks=tuple(blocks))

    def _paragraphs(self, lines: list[Line]) -> list[Block]:
        out: list[Block] = []
        para: list[Line] = []
        blank = False

        def flush() -> None:
            if para:
                out.append(Block(BlockKind.PARAGRAPH, join_lines(para), para[0].offset))
                para.clear()

        for ln in lines:
            s = ln.stripped
            if not s:
                blank = True
                continue
            # A line continues the paragraph when the previous one stopped mid-sentence and
            # no blank line separates them (hard-wrapped prose), or the previous line was long
            # and unfinished (a paragraph broken by a page).
            if (
                para
                and not ends_complete(para[-1].stripped)
                and (not blank or len(para[-1].stripped) >= int(self._rules["min_broken"]))
            ):
                para.append(ln)
            else:
                flush()
                para.append(ln)
            blank = False
        flush()
        return out

    def _info(self, source: SourceText, lines: list[Line]) -> DocumentInfo:
        head = [ln.stripped for ln in lines[: int(self._rules["head_lines"])] if ln.stripped]
        title = next((normalise_name(s) for s in head if len(s) >= 4 and _CJK.search(s)), None)
        year = None
        published = None
        for s in head:
            m = re.search(self._rules["date"], s)
            if m:
                year = int(m.group("year"))
                month = m.group("month")
                months: dict[str, int] = self._rules["months"]
                num = months.get(month, 0) if month and not month.isdigit() else int(month or 0)
                published = f"{year:04d}-{num:02d}" if num else None
                break
        if year is None and title:
            m = re.search(r"(19|20)\d{2}", title)
            year = int(m.group()) if m else None
        publisher = None
        # Patterns from the most to the least specific: the first that matches anywhere wins.
        for pattern in self._rules["publisher"]:
            m = next((m for s in head if (m := re.search(pattern, s))), None)
            if m:
                publisher = normalise_name(m.group("publisher"))
                break
        return DocumentInfo(
            source=source.name,
            sha256=source.sha256,
            family=self.name,
            title=title,
            publisher=publisher,
            edition=str(year) if year else None,
            year=year,
            published=published,
        )


LOADER = GenericReportLoader()
