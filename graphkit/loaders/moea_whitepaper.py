"""Loader for the MOEA 產業技術白皮書 (Industrial Technology White Paper) layout.

The structure it follows, all of it configured in ``schema/rules/moea_whitepaper.json``:

* Part II has one section per 領域 (domain), each with chapters (``第一章 …``). A chapter opens
  with a 總論 overview holding 技術研發措施, 法規調適 (regulations) and 補助獎勵措施 (a table of
  subsidy schemes), then its articles.
* An article is a title line followed by ``重點摘要``; it runs to the end of its closing
  相關科技專案 block: programme lines ``NAME（YYYY~YYYY年）`` and ``執行單位：`` lines, parsed
  here into :class:`~graphkit.records.ProgrammeList` records. Text after the block (a chapter
  heading, the next chapter's overview) is not the article's.
* Appendices: 大事記 (dated events), 中英文名詞索引 (glossary rows), 產業技術訊息相關連網
  (directory rows with URLs). Part II's policy-tools section has a table of 執行單位法人 URLs.
* Page furniture (the survey banner, page numbers, table-of-contents lines) is dropped and
  paragraphs broken across pages are re-joined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from graphkit.records import (
    AgencyRow,
    Block,
    BlockKind,
    BlockRecord,
    DatedEvent,
    DirectoryRow,
    DocumentInfo,
    ExecutorLine,
    GlossaryRow,
    ProgrammeLine,
    ProgrammeList,
    RegulationLine,
    Segmented,
    SourceText,
    SubsidyRow,
)
from graphkit.rulefile import RulesFile

from .lines import (
    Line,
    drop_furniture,
    ends_complete,
    join_lines,
    next_index,
    next_text,
    split_lines,
)

RULES = "moea_whitepaper"


class Kind(StrEnum):
    """The white paper's block kinds besides :attr:`~graphkit.records.BlockKind.PARAGRAPH`."""

    PROGRAMME_BLOCK = "programme_block"  # a 相關科技專案 block: programme and 執行單位 lines
    SUBSIDY_ROW = "subsidy_row"  # a row of a per-chapter 補助計畫 table: name, purpose
    REGULATION_LINE = "regulation_line"  # a 法規調適 line
    GLOSSARY_ROW = "glossary_row"  # a 中英文名詞索引 row: zh, "English, ABBR"
    DIRECTORY_ROW = "directory_row"  # a 產業技術訊息相關連網 row: continent, country, name, url
    AGENCY_ROW = "agency_row"  # a row of the 執行單位法人 table: name, url
    EVENT = "event"  # a 大事記 entry


@dataclass(frozen=True, slots=True)
class WhitePaperSettings:
    """``schema/rules/moea_whitepaper.json``, checked and compiled."""

    markers: tuple[str, ...]
    min_markers: int
    below_min_factor: float
    default_publisher: str | None
    title: re.Pattern[str]
    publisher: re.Pattern[str]
    published: re.Pattern[str]
    furniture: tuple[re.Pattern[str], ...]
    section: re.Pattern[str]
    domain: re.Pattern[str]
    chapter: re.Pattern[str]
    chapter_list_item: re.Pattern[str]
    overview: re.Pattern[str]
    article_marker: re.Pattern[str]
    appendix: re.Pattern[str]
    block_start: re.Pattern[str]
    event_date: re.Pattern[str]
    footnote: re.Pattern[str]
    programme_line: re.Pattern[str]
    agency_line: re.Pattern[str]
    agency_separators: re.Pattern[str]
    overview_parts: tuple[tuple[str, re.Pattern[str]], ...]
    table_headers: tuple[tuple[str, re.Pattern[str]], ...]
    appendices: tuple[tuple[str, str], ...]
    min_broken: int
    event_title_max: int


def load_settings(rf: RulesFile | None = None) -> WhitePaperSettings:
    """The family's settings: ``schema/rules/moea_whitepaper.json`` unless ``rf`` is given.

    Raises:
        SchemaError: a field is missing, of the wrong type or a bad regular expression; the
            message names the file and the field.
    """
    rf = rf or RulesFile.packaged(RULES)
    detect, appendices = rf.section("detect"), rf.section("appendices")
    defaults = rf.section("defaults")
    pat = rf.pattern
    return WhitePaperSettings(
        markers=detect.texts("markers"),
        min_markers=detect.integer("min_markers", minimum=1),
        below_min_factor=detect.number("below_min_factor"),
        default_publisher=defaults.text("publisher") if "publisher" in defaults.data else None,
        title=pat("title"),
        publisher=re.compile(rf.text("publisher"), re.MULTILINE),
        published=re.compile(rf.text("published"), re.MULTILINE),
        furniture=rf.patterns("furniture"),
        section=pat("section"),
        domain=pat("domain"),
        chapter=pat("chapter"),
        chapter_list_item=pat("chapter_list_item"),
        overview=pat("overview"),
        article_marker=pat("article_marker"),
        appendix=pat("appendix"),
        block_start=pat("block_start"),
        event_date=pat("event_date"),
        footnote=pat("footnote"),
        programme_line=pat("programme_line"),
        agency_line=pat("agency_line"),
        agency_separators=pat("agency_separators"),
        overview_parts=rf.section("overview_parts").patterns_by_name(),
        table_headers=rf.section("table_header").patterns_by_name(),
        appendices=tuple((k, appendices.text(k)) for k in appendices.data),
        min_broken=rf.integer("min_broken", minimum=1),
        event_title_max=rf.integer("event_title_max", minimum=1),
    )


@dataclass(frozen=True, slots=True)
class MoeaWhitePaperLoader:
    """Segments the white paper into blocks along its hierarchy."""

    name: ClassVar[str] = "moea-whitepaper"
    settings: WhitePaperSettings

    def detect(self, text: str) -> float:
        """Share of the family's markers found in the text, capped at 1."""
        found = sum(1 for m in self.settings.markers if m in text)
        need = self.settings.min_markers
        return 1.0 if found >= need else self.settings.below_min_factor * found / need

    def segment(self, source: SourceText, text: str) -> Segmented:
        """The document's blocks, in document order."""
        lines = drop_furniture(split_lines(text), self.settings.furniture)
        blocks = _Walk(self.settings, lines).run()
        return Segmented(info=self._info(source, text), text=text, blocks=tuple(blocks))

    def _info(self, source: SourceText, text: str) -> DocumentInfo:
        s = self.settings
        title = edition = published = None
        year: int | None = None
        m = s.title.search(text)
        if m:
            title, edition = m.group("title"), m.group("edition")
        m = s.publisher.search(text)
        publisher = m.group("publisher") if m else s.default_publisher
        m = s.published.search(text)
        if m:
            year = int(m.group("year"))
            published = f"{year:04d}-{int(m.group('month')):02d}"
        elif edition:
            year = int(edition[:4])
        return DocumentInfo(
            source=source.name,
            sha256=source.sha256,
            family=self.name,
            title=title,
            publisher=publisher,
            edition=edition,
            year=year,
            published=published,
        )


# ------------------------------------------------------------------------ the walk


@dataclass
class _Place:
    """Where the walk is in the document hierarchy."""

    domain: str | None = None
    chapter: str | None = None
    article: str | None = None
    overview_part: str | None = None
    table: str | None = None
    appendix: str | None = None
    event_date: str | None = None
    event_title: str | None = None
    title_just_read: bool = False  # the line before was an entry's title: this one is its body
    directory_place: tuple[str, str] = ("", "")


@dataclass
class _Walk:
    """One pass over a document's lines.

    Each ``_step`` looks at a non-blank line and either takes it (returns True) or leaves it to
    the next step; the last step, prose, takes every line. The place in the hierarchy and the
    open paragraph are this object's state, for this one document.
    """

    settings: WhitePaperSettings
    lines: list[Line]
    i: int = 0
    at: _Place = field(default_factory=_Place)
    out: list[Block] = field(default_factory=list)
    para: list[Line] = field(default_factory=list)

    def run(self) -> list[Block]:
        steps: tuple[Callable[[Line], bool], ...] = (
            self._hierarchy,
            self._chapter_parts,
            self._programme_block,
            self._overview_part,
            self._table,
            self._event,
            self._prose,
        )
        while self.i < len(self.lines):
            ln = self.lines[self.i]
            self.i += 1
            if ln.stripped:
                next(step for step in steps if step(ln))
        self._flush()
        # Footnotes are emitted before the paragraph they interrupt; the sort is stable.
        self.out.sort(key=lambda b: b.offset)
        return self.out

    # ------------------------------------------------------------------- output

    def _block(
        self, kind: Kind | BlockKind, text: str, offset: int, record: BlockRecord | None
    ) -> Block:
        at = self.at
        return Block(kind, text, offset, at.domain, at.chapter, at.article, record)

    def _flush(self) -> None:
        """Close the open paragraph (an event's body inside the chronology)."""
        if not self.para:
            return
        body, offset = join_lines(self.para), self.para[0].offset
        if self.at.appendix == "events":
            event = DatedEvent(self.at.event_date or "", self.at.event_title or "")
            self.out.append(self._block(Kind.EVENT, body, offset, event))
        else:
            self.out.append(self._block(BlockKind.PARAGRAPH, body, offset, None))
        self.para.clear()

    def _emit(self, kind: Kind, ln: Line, record: BlockRecord) -> None:
        self._flush()
        self.out.append(self._block(kind, ln.stripped, ln.offset, record))

    # -------------------------------------------------------------------- steps

    def _hierarchy(self, ln: Line) -> bool:
        """Section, appendix and domain headings start a new place; chapter lists are skipped."""
        s, p = ln.stripped, self.settings
        if p.section.match(s):
            self._flush()
            self.at = _Place()
            return True
        m = p.appendix.match(s)
        if m:
            self._flush()
            self.at = _Place(appendix=self._appendix_kind(m.group("name")))
            return True
        if p.chapter_list_item.match(s):
            return True
        m = p.domain.match(s)
        if m and self.at.appendix is None:
            self._flush()
            self.at = _Place(domain=m.group("name"))
            return True
        return False

    def _chapter_parts(self, ln: Line) -> bool:
        """Chapter headings, the 總論 overview, and article titles (the line before 重點摘要)."""
        s, p, at = ln.stripped, self.settings, self.at
        m = p.chapter.match(s)
        if m and at.appendix is None:
            self._flush()
            at.chapter, at.article, at.overview_part, at.table = m.group("name"), None, None, None
            return True
        if p.overview.match(s):
            self._flush()
            at.article, at.overview_part, at.table = None, "overview", None
            return True
        nxt = next_text(self.lines, self.i)
        if nxt is not None and p.article_marker.match(nxt) and at.chapter is not None:
            self._flush()
            at.article, at.overview_part, at.table = s, None, None
            return True
        return p.article_marker.match(s) is not None

    def _programme_block(self, ln: Line) -> bool:
        """A 相關科技專案 block closes its article: collect its lines into one record."""
        if not self.settings.block_start.match(ln.stripped):
            return False
        self._flush()
        entries: list[ProgrammeLine | ExecutorLine] = []
        while (entry := self._programme_entry()) is not None:
            entries.append(entry)
        text = "\n".join(e.text for e in entries)
        self.out.append(
            self._block(Kind.PROGRAMME_BLOCK, text, ln.offset, ProgrammeList(tuple(entries)))
        )
        self.at.article = None
        return True

    def _programme_entry(self) -> ProgrammeLine | ExecutorLine | None:
        """The next programme or 執行單位 line of a block (``None`` where the block ends)."""
        p, lines = self.settings, self.lines
        self.i = next_index(lines, self.i)
        if self.i >= len(lines):
            return None
        s = lines[self.i].stripped
        if p.block_start.match(s):  # the Chinese heading after the English one: same block
            self.i += 1
            return self._programme_entry()
        if p.agency_line.match(s):
            # An agency list that ends with a separator continues on the next line, unless that
            # line is the block's next programme or 執行單位 line.
            while s.endswith(("、", ",")) and self._continues_list(self.i + 1):
                self.i += 1
                s += lines[self.i].stripped
            self.i += 1
            return self._executors(s)
        if p.programme_line.match(s):
            self.i += 1
            return self._programme(s)
        nxt = next_text(lines, self.i + 1)
        if nxt and p.programme_line.match(s + nxt) and not p.programme_line.match(nxt):
            # A programme name broken over two lines.
            self.i = next_index(lines, self.i + 1) + 1
            return self._programme(s + nxt)
        return None

    def _continues_list(self, j: int) -> bool:
        """Whether line ``j`` carries on an agency list broken after a separator."""
        if j >= len(self.lines) or not self.lines[j].stripped:
            return False
        s, p = self.lines[j].stripped, self.settings
        return not (p.programme_line.match(s) or p.agency_line.match(s))

    def _programme(self, line: str) -> ProgrammeLine:
        m = self.settings.programme_line.match(line)
        assert m is not None  # the caller matched it
        start = int(m.group("start"))
        return ProgrammeLine(m.group("name"), start, int(m.group("end") or start), line)

    def _executors(self, line: str) -> ExecutorLine:
        m = self.settings.agency_line.match(line)
        assert m is not None  # the caller matched it
        names = self.settings.agency_separators.split(m.group("agencies"))
        return ExecutorLine(tuple(n for n in names if n.strip()), line)

    def _overview_part(self, ln: Line) -> bool:
        """技術研發措施 / 法規調適 / 補助獎勵措施 headings of a chapter overview."""
        at = self.at
        if at.article is not None or at.chapter is None:
            return False
        parts = self.settings.overview_parts
        found = next(((part, m) for part, pat in parts if (m := pat.match(ln.stripped))), None)
        if found is None:
            return False
        part, m = found
        self._flush()
        at.overview_part, at.table = part, None
        if part == "regulation" and m.groupdict().get("rest"):
            self._emit(Kind.REGULATION_LINE, ln, RegulationLine())
        return True

    def _table(self, ln: Line) -> bool:
        """A table header opens a table; its tab-separated rows become row records."""
        at = self.at
        table = next(
            (name for name, pat in self.settings.table_headers if pat.match(ln.stripped)), None
        )
        if table is not None:
            self._flush()
            at.table = table
            return True
        if at.table and "\t" in ln.text:
            cells = tuple(c.strip() for c in ln.text.split("\t"))
            if at.table == "directory" and len(cells) >= 4:
                # Continent and country are printed once for the rows below them.
                place = (cells[0] or at.directory_place[0], cells[1] or at.directory_place[1])
                at.directory_place = place
                cells = (*place, *cells[2:])
            row = _row(at, cells)
            if row is not None:
                kind, record = row
                self._emit(kind, ln, record)
            return True
        at.table = None
        return False

    def _event(self, ln: Line) -> bool:
        """In the 大事記 appendix: a date line, or an entry's title."""
        at, s = self.at, ln.stripped
        if at.appendix != "events":
            return False
        m = self.settings.event_date.match(s)
        if m:
            self._flush()
            at.event_date = f"{int(m.group('year')):04d}-{int(m.group('month')):02d}"
            at.title_just_read = False
            return True
        short = len(s) < self.settings.event_title_max
        # A short line right after a title is its body's first line, broken by the page width.
        untitled = short and not ends_complete(s) and not self.para and not at.title_just_read
        if s.startswith("【") or untitled:
            self._flush()
            at.event_title = s.strip("【】")
            at.title_just_read = True
            return True
        at.title_just_read = False
        return False

    def _prose(self, ln: Line) -> bool:
        """Regulation lines of an overview, footnotes, and paragraphs re-joined across pages."""
        s, at = ln.stripped, self.at
        if at.overview_part == "regulation" and at.article is None:
            self._emit(Kind.REGULATION_LINE, ln, RegulationLine())
        elif self.settings.footnote.match(s):
            # A footnote printed between the two halves of a paragraph broken by the page:
            # its own block, and the paragraph may still continue after it.
            self.out.append(self._block(BlockKind.PARAGRAPH, s, ln.offset, None))
        elif self.para and self._continues(self.para[-1].stripped, s):
            self.para.append(ln)
        else:
            self._flush()
            self.para.append(ln)
            if ends_complete(s) or len(s) < self.settings.min_broken:
                self._flush()
        return True

    def _continues(self, prev: str, s: str) -> bool:
        """Whether line ``s`` continues the paragraph whose last line is ``prev``."""
        return len(prev) >= self.settings.min_broken and not ends_complete(prev) and len(s) >= 2

    def _appendix_kind(self, name: str) -> str:
        return next((kind for kind, marker in self.settings.appendices if marker in name), "other")


def _row(at: _Place, cells: tuple[str, ...]) -> tuple[Kind, BlockRecord] | None:
    """The kind and record of a table row, or ``None`` for a row the table does not use."""
    if at.table == "subsidy" and cells[0]:
        if at.overview_part == "regulation":
            return Kind.REGULATION_LINE, RegulationLine(cells)
        return Kind.SUBSIDY_ROW, SubsidyRow(cells[0], cells[1] or None)
    if at.table == "regulation":
        return Kind.REGULATION_LINE, RegulationLine(cells)
    if at.table == "agency" and cells[0]:
        return Kind.AGENCY_ROW, AgencyRow(cells[0], cells[1])
    if at.table == "glossary" and cells[0] and cells[1]:
        return Kind.GLOSSARY_ROW, GlossaryRow(cells[0], cells[1])
    if at.table == "directory" and len(cells) >= 4 and cells[2] and cells[3]:
        return Kind.DIRECTORY_ROW, DirectoryRow(*cells[:4])
    return None
