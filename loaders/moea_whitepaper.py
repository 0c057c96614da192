"""Loader for the MOEA 產業技術白皮書 (Industrial Technology White Paper) layout.

The structure it follows, all of it configured in ``schema/rules/moea_whitepaper.json``:

* Part II has one section per 領域 (domain), each with chapters (``第一章 …``). A chapter opens
  with a 總論 overview holding 技術研發措施, 法規調適 (regulations) and 補助獎勵措施 (a table of
  subsidy schemes), then its articles.
* An article is a title line followed by ``重點摘要``; it runs to the end of its closing
  相關科技專案 block: programme lines ``NAME（YYYY~YYYY年）`` and ``執行單位：`` lines.
  Text after the block (a chapter heading, the next chapter's overview) is not the article's.
* Appendices: 大事記 (dated events), 中英文名詞索引 (glossary rows), 產業技術訊息相關連網
  (directory rows with URLs). Part II's policy-tools section has a table of 執行單位法人 URLs.
* Page furniture (the survey banner, page numbers, table-of-contents lines) is dropped and
  paragraphs broken across pages are re-joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from graphkit.knowledge import rules
from graphkit.records import Block, BlockKind, DocumentInfo, Segmented, SourceText
from graphkit.segment import (
    Line,
    compile_all,
    drop_furniture,
    ends_complete,
    join_lines,
    split_lines,
)

#: A paragraph line shorter than this is a heading, never the first half of a broken paragraph.
_MIN_BROKEN = 30


@dataclass
class _State:
    """Where the segmenter is in the document hierarchy while it walks the lines."""

    domain: str | None = None
    chapter: str | None = None
    article: str | None = None
    overview_part: str | None = None
    table: str | None = None
    appendix: str | None = None
    event_date: str | None = None
    event_title: str | None = None
    directory_place: list[str] = field(default_factory=lambda: ["", ""])


class MoeaWhitePaperLoader:
    """Segments the white paper into blocks along its hierarchy."""

    name = "moea-whitepaper"

    @cached_property
    def _rules(self) -> dict[str, object]:
        return rules("moea_whitepaper")

    def _re(self, key: str) -> re.Pattern[str]:
        return re.compile(str(self._rules[key]))

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        keys = (
            "section", "domain", "chapter", "chapter_list_item", "overview", "article_marker",
            "appendix", "block_start", "event_date", "footnote",
        )  # fmt: skip
        pats = {k: self._re(k) for k in keys}
        # Programme and 執行單位 lines are read by the extractor too: one definition of each.
        shared = rules("extract")
        pats["programme_line"] = re.compile(shared["programme_line"])
        pats["agency_line"] = re.compile(shared["agency_line"])
        parts: dict[str, str] = self._rules["overview_parts"]  # type: ignore[assignment]
        headers: dict[str, str] = self._rules["table_header"]  # type: ignore[assignment]
        pats.update({f"part:{k}": re.compile(v) for k, v in parts.items()})
        pats.update({f"table:{k}": re.compile(v) for k, v in headers.items()})
        return pats

    # ------------------------------------------------------------------ detect

    def detect(self, text: str) -> float:
        """Share of the family's markers found in the text, capped at 1."""
        spec: dict[str, object] = self._rules["detect"]  # type: ignore[assignment]
        markers: list[str] = spec["markers"]  # type: ignore[assignment]
        found = sum(1 for m in markers if m in text)
        need = int(spec["min_markers"])  # type: ignore[call-overload]
        return min(1.0, found / need) if found >= need else 0.2 * found / need

    # ----------------------------------------------------------------- segment

    def segment(self, source: SourceText, text: str) -> Segmented:
        info = self._info(source, text)
        lines = drop_furniture(
            split_lines(text),
            compile_all(self._rules["furniture"]),  # type: ignore[arg-type]
        )
        blocks = self._walk(lines)
        return Segmented(info=info, text=text, blocks=tuple(blocks))

    def _info(self, source: SourceText, text: str) -> DocumentInfo:
        defaults: dict[str, str] = self._rules["defaults"]  # type: ignore[assignment]
        title = edition = publisher = published = None
        year: int | None = None
        m = self._re("title").search(text)
        if m:
            title, edition = m.group("title"), m.group("edition")
        m = re.search(str(self._rules["publisher"]), text, re.MULTILINE)
        publisher = m.group("publisher") if m else defaults.get("publisher")
        m = re.search(str(self._rules["published"]), text, re.MULTILINE)
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

    def _walk(self, lines: list[Line]) -> list[Block]:
        p = self._patterns
        st = _State()
        out: list[Block] = []
        para: list[Line] = []

        def place() -> dict[str, str | None]:
            return {"domain": st.domain, "chapter": st.chapter, "article": st.article}

        def flush() -> None:
            if not para:
                return
            body = join_lines(para)
            if st.appendix == "events":
                cells = (st.event_date or "", st.event_title or "")
                out.append(Block(BlockKind.EVENT, body, para[0].offset, cells=cells, **place()))
            else:
                out.append(Block(BlockKind.PARAGRAPH, body, para[0].offset, **place()))
            para.clear()

        def emit(kind: BlockKind, ln: Line, cells: tuple[str, ...] = ()) -> None:
            flush()
            out.append(Block(kind, ln.stripped, ln.offset, cells=cells, **place()))

        i = 0
        n = len(lines)
        while i < n:
            ln = lines[i]
            s = ln.stripped
            i += 1
            if not s:
                continue
            nxt = _next_text(lines, i)

            # --- document hierarchy -------------------------------------------------
            if p["section"].match(s):
                flush()
                st = _State()
                continue
            m = p["appendix"].match(s)
            if m:
                flush()
                st = _State(appendix=self._appendix_kind(m.group("name")))
                continue
            if p["chapter_list_item"].match(s):
                continue
            m = p["domain"].match(s)
            if m and st.appendix is None:
                flush()
                st = _State(domain=m.group("name"))
                continue
            m = p["chapter"].match(s)
            if m and st.appendix is None:
                flush()
                st.chapter, st.article, st.overview_part, st.table = (
                    m.group("name"),
                    None,
                    None,
                    None,
                )
                continue
            if p["overview"].match(s):
                flush()
                st.article, st.overview_part, st.table = None, "overview", None
                continue
            if nxt is not None and p["article_marker"].match(nxt) and st.chapter is not None:
                flush()
                st.article, st.overview_part, st.table = s, None, None
                continue
            if p["article_marker"].match(s):
                continue

            # --- the 相關科技專案 block that closes an article --------------------------
            if p["block_start"].match(s):
                flush()
                i = self._programme_block(lines, i, ln, out, place())
                st.article = None
                continue

            # --- chapter overview parts -----------------------------------------------
            if st.article is None and st.chapter is not None:
                part = self._overview_part(s)
                if part:
                    flush()
                    st.overview_part, st.table = part, None
                    rest = p["part:regulation"].match(s)
                    if part == "regulation" and rest and rest.group("rest"):
                        emit(BlockKind.REGULATION_LINE, ln)
                    continue

            # --- tables ---------------------------------------------------------------
            table = self._table_header(s)
            if table:
                flush()
                st.table = table
                continue
            if st.table and "\t" in ln.text:
                cells = tuple(c.strip() for c in ln.text.split("\t"))
                if st.table == "directory" and len(cells) >= 4:
                    place_cells = [
                        c or prev for c, prev in zip(cells[:2], st.directory_place, strict=True)
                    ]
                    st.directory_place = place_cells
                    cells = (*place_cells, *cells[2:])
                kind = self._row_kind(st, cells)
                if kind is not None:
                    emit(kind, ln, cells)
                continue
            if st.table and "\t" not in ln.text:
                st.table = None

            # --- appendices -----------------------------------------------------------
            if st.appendix == "events":
                m = p["event_date"].match(s)
                if m:
                    flush()
                    st.event_date = f"{int(m.group('year')):04d}-{int(m.group('month')):02d}"
                    continue
                if s.startswith("【") or (len(s) < 60 and not ends_complete(s) and not para):
                    flush()
                    st.event_title = s.strip("【】")
                    continue

            # --- prose ----------------------------------------------------------------
            if st.overview_part == "regulation" and st.article is None:
                emit(BlockKind.REGULATION_LINE, ln)
                continue
            if p["footnote"].match(s):
                # A footnote printed between the two halves of a paragraph broken by the page:
                # its own block, and the paragraph may still continue after it.
                out.append(Block(BlockKind.PARAGRAPH, s, ln.offset, **place()))
                continue
            if para and _continues(para[-1].stripped, s):
                para.append(ln)
                continue
            flush()
            para.append(ln)
            if ends_complete(s) or len(s) < _MIN_BROKEN:
                flush()
        flush()
        out.sort(
            key=lambda b: b.offset
        )  # footnotes are emitted before the paragraph they interrupt
        return out

    # ----------------------------------------------------------------- helpers

    def _programme_block(
        self, lines: list[Line], i: int, start: Line, out: list[Block], where: dict[str, str | None]
    ) -> int:
        """Collect programme and 執行單位 lines after a 相關科技專案 marker; return next index."""
        p = self._patterns
        cells: list[str] = []
        n = len(lines)
        while i < n:
            s = lines[i].stripped
            if not s:
                i += 1
                continue
            if p["agency_line"].match(s):
                # An agency list that ends with a separator continues on the next line.
                while s.endswith(("、", ",")) and i + 1 < n and lines[i + 1].stripped:
                    i += 1
                    s += lines[i].stripped
                cells.append(s)
                i += 1
                continue
            if p["programme_line"].match(s):
                cells.append(s)
                i += 1
                continue
            nxt = _next_text(lines, i + 1)
            if nxt and p["programme_line"].match(s + nxt) and not p["programme_line"].match(nxt):
                # A programme name broken over two lines.
                cells.append(s + nxt)
                i = _next_index(lines, i + 1) + 1
                continue
            break
        out.append(
            Block(
                BlockKind.PROGRAMME_BLOCK,
                "\n".join(cells),
                start.offset,
                cells=tuple(cells),
                **where,
            )
        )  # type: ignore[arg-type]
        return i

    def _overview_part(self, s: str) -> str | None:
        for part in ("measures", "regulation", "subsidy"):
            if self._patterns[f"part:{part}"].match(s):
                return part
        return None

    def _table_header(self, s: str) -> str | None:
        for table in ("subsidy", "regulation", "agency", "glossary", "directory"):
            if self._patterns[f"table:{table}"].match(s):
                return table
        return None

    def _appendix_kind(self, name: str) -> str:
        kinds: dict[str, str] = self._rules["appendices"]  # type: ignore[assignment]
        for kind, marker in kinds.items():
            if marker in name:
                return kind
        return "other"

    @staticmethod
    def _row_kind(st: _State, cells: tuple[str, ...]) -> BlockKind | None:
        if st.table == "subsidy":
            if not cells[0]:
                return None
            return (
                BlockKind.REGULATION_LINE
                if st.overview_part == "regulation"
                else BlockKind.SUBSIDY_ROW
            )
        if st.table == "regulation":
            return BlockKind.REGULATION_LINE
        if st.table == "agency":
            return BlockKind.AGENCY_ROW if cells[0] else None
        if st.table == "glossary":
            return BlockKind.GLOSSARY_ROW if cells[0] and len(cells) > 1 and cells[1] else None
        if st.table == "directory":
            return BlockKind.DIRECTORY_ROW if len(cells) >= 4 and cells[2] and cells[3] else None
        return None


def _next_index(lines: list[Line], i: int) -> int:
    while i < len(lines) and not lines[i].stripped:
        i += 1
    return i


def _next_text(lines: list[Line], i: int) -> str | None:
    j = _next_index(lines, i)
    return lines[j].stripped if j < len(lines) else None


def _continues(prev: str, s: str) -> bool:
    """Whether line ``s`` continues the paragraph whose last line is ``prev``."""
    return len(prev) >= _MIN_BROKEN and not ends_complete(prev) and len(s) >= 2


LOADER = MoeaWhitePaperLoader()
