"""Loader for reports with no layout graphkit knows: free prose, hard-wrapped or not.

Lines broken by the PDF are re-joined into paragraphs (a line that does not end a sentence
continues on the next), short lines repeated on many pages are dropped as running headers,
and the title, publisher and year are taken from the first lines. Everything is a PARAGRAPH
block with no hierarchy. The year is the first of ``dates`` (most to least certain) that a
first line holds: a full date (2025-12-18, 2017.09.12, 發布日期:2025年11月19日,
中華民國106年1月18日, March 2026) before a year on a line that is no sentence (a title or a
dateline: 2026全球製造業科技趨勢報告, 113年度預算評估報告), then the current year named in
prose (今(2025)年, 今（114）年), and last a year with a month in prose (2023年11月, an event's
date). A bare year in prose gives none: in news it is more often a target (預估至2034年), a
history (自2019年啟動) or a cited year than the date, and no year is better than a wrong one.
Settings are in ``schema/rules/generic_report.json``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain
from types import MappingProxyType
from typing import ClassVar

from graphkit.normalise import normalise_name
from graphkit.records import Block, BlockKind, DocumentInfo, Segmented, SourceText
from graphkit.rulefile import RulesFile

from .lines import Line, drop_furniture, ends_complete, join_lines, split_lines

RULES = "generic_report"

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class GenericSettings:
    """``schema/rules/generic_report.json``, checked and compiled."""

    sample_chars: int
    max_score: float
    min_marks: int
    weak_factor: float
    furniture: tuple[re.Pattern[str], ...]
    repeat_min: int
    repeat_max_len: int
    min_broken: int
    head_lines: int
    dates: tuple[re.Pattern[str], ...]
    roc_offset: int
    months: Mapping[str, int]
    publisher: tuple[re.Pattern[str], ...]
    headings: tuple[re.Pattern[str], ...]
    title_label: re.Pattern[str]


def load_settings(rf: RulesFile | None = None) -> GenericSettings:
    """The loader's settings: ``schema/rules/generic_report.json`` unless ``rf`` is given.

    A bad field raises :class:`~graphkit.errors.SchemaError` naming the file and the field.
    """
    rf = rf or RulesFile.packaged(RULES)
    months, detect = rf.section("months"), rf.section("detect")
    return GenericSettings(
        sample_chars=detect.integer("sample_chars", minimum=1),
        max_score=detect.number("max_score"),
        min_marks=detect.integer("min_marks"),
        weak_factor=detect.number("weak_factor"),
        furniture=rf.patterns("furniture"),
        repeat_min=rf.integer("repeat_min"),
        repeat_max_len=rf.integer("repeat_max_len", minimum=1),
        min_broken=rf.integer("min_broken", minimum=1),
        head_lines=rf.integer("head_lines", minimum=1),
        dates=rf.patterns("dates"),
        roc_offset=rf.integer("roc_offset", minimum=1),
        months=MappingProxyType({m: months.integer(m, minimum=1) for m in months.data}),
        publisher=rf.patterns("publisher"),
        headings=rf.patterns("headings"),
        title_label=rf.pattern("title_label"),
    )


@dataclass(frozen=True, slots=True)
class GenericReportLoader:
    """Paragraphs of prose with their offsets."""

    name: ClassVar[str] = "generic-report"
    settings: GenericSettings

    def detect(self, text: str) -> float:
        """Prose in Chinese: the share of CJK characters, capped (0.5: any family claims first)."""
        s = self.settings
        sample = text[: s.sample_chars]
        if not sample.strip():
            return 0.0
        share = len(_CJK.findall(sample)) / max(1, len(sample.strip()))
        # The text is normalised (NFKC): a full-width comma is "," by now.
        marks = sample.count("。") + sample.count(",")
        return min(s.max_score, share) if marks >= s.min_marks else s.weak_factor * share

    def segment(self, source: SourceText, text: str) -> Segmented:
        s = self.settings
        lines = drop_furniture(
            split_lines(text),
            s.furniture,
            repeat_min=s.repeat_min,
            repeat_max_len=s.repeat_max_len,
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
            if any(h.match(s) for h in self.settings.headings):  # 第 1 條: a block of its own
                flush()
                out.append(Block(BlockKind.PARAGRAPH, s, ln.offset))
                continue
            # A line continues the paragraph when the previous one stopped mid-sentence and
            # no blank line separates them (hard-wrapped prose), or the previous line was long
            # and unfinished (a paragraph broken by a page).
            if (
                para
                and not ends_complete(para[-1].stripped)
                and (not blank or len(para[-1].stripped) >= self.settings.min_broken)
            ):
                para.append(ln)
            else:
                flush()
                para.append(ln)
            blank = False
        flush()
        return out

    def _date(self, head: list[str]) -> tuple[int | None, str | None]:
        """The year and the month (``YYYY-MM``, where printed) of the first of ``dates`` a head
        line holds; a ROC year (民國106年) is read with ``roc_offset`` added."""
        for pattern in self.settings.dates:
            m = next((m for s in head if (m := pattern.search(s))), None)
            if m is None:
                continue
            found = m.groupdict()
            year = int(found["year"]) if found.get("year") else None
            if found.get("roc"):
                year = int(found["roc"]) + self.settings.roc_offset
            name = found.get("monthname")
            month = self.settings.months.get(name, 0) if name else int(found.get("month") or 0)
            return year, f"{year:04d}-{month:02d}" if year and month else None
        return None, None

    def _info(self, source: SourceText, lines: list[Line]) -> DocumentInfo:
        head = [ln.stripped for ln in lines[: self.settings.head_lines] if ln.stripped]
        # The law database labels its title (法規名稱：專利法): that line, whatever its length.
        label = self.settings.title_label
        labelled = (label.sub("", s) for s in head if label.match(s))
        titled = (s for s in head if len(s) >= 4 and _CJK.search(s))
        title = next((normalise_name(s) for s in chain(labelled, titled) if _CJK.search(s)), None)
        year, published = self._date(head)
        publisher = None
        # Patterns from the most to the least specific: the first that matches anywhere wins.
        for pattern in self.settings.publisher:
            m = next((m for s in head if (m := pattern.search(s))), None)
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
