"""Read PDF files: the text layer of every page, tables as tab-separated rows, furniture removed.

:func:`read_pdf` is called by :func:`graphkit.read.read` for files that start with ``%PDF-``.
It needs the optional ``pdf`` extra (pdfplumber); the imports happen inside the functions so
that ``import graphkit.pdf`` works without it.

What it does to each page, and why:

* **Running text** is rebuilt line by line from pdfplumber's characters, deciding the spaces
  here: Chinese is set without spaces, and a justified or letter-spaced line puts gaps between
  every character, which pdfplumber's default absolute tolerance (3 pt) turns into
  ``執 行 單 位``. Gaps are measured in ems beyond the line's own tracking; see
  :data:`WORD_GAP_EM` and :data:`CJK_GAP_EM`.
* **Tables** (ruled tables of two or more columns, found by ``page.find_tables``) are written one
  row a line with the cells separated by tabs (``計畫名稱\\t目的\\t申請資訊``), which is what
  the segmenter reads, and their characters are taken out of the running text so nothing is
  said twice. A cell's wrapped lines are joined into one.
* **Page furniture** -- running headers and footers, page numbers -- is found by frequency:
  a line near the top or bottom of many pages is not body text. Nothing is hard-coded.
* **Refusals**: a PDF without a usable text layer (scanned, or fonts without a Unicode map)
  raises ``E009``; an encrypted, truncated or corrupt one raises ``E011``; a decompression
  bomb (streams that decode past the limits of :mod:`graphkit.pdfbomb` through any chain of
  filters, checked before pdfplumber reads anything, or more than :data:`MAX_PAGES` pages)
  raises ``E012``.

Pages are joined with a line holding only a form feed (``"\\n\\f"``, :data:`PAGE_BREAK`): to the
segmenter that is a blank line, and counting form feeds before an offset gives its page
(``evidence_page``). Lines within a page are joined with ``"\\n"``.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .errors import Errors, InputError
from .pdfbomb import refuse_bomb

if TYPE_CHECKING:  # pdfplumber is optional: only the type checker imports it here
    from pdfplumber.page import Page

#: A character is a ``dict`` of pdfplumber attributes (``text``, ``x0``, ``top``, ``size`` ...).
Obj = dict[str, Any]

# ------------------------------------------------------------------------------- thresholds

#: Between two non-CJK glyphs, a gap wider than the line's tracking plus this share of the font
#: size is a word space that has no space glyph (as TeX writes them). Latin word spaces are
#: 0.25-0.33 em, kerning stays within 0.05 em. Measured in ems, not pdfplumber's absolute 3 pt,
#: which is 0.4 em in a 7.5 pt footnote and 0.1 em in a 30 pt title.
WORD_GAP_EM = 0.2

#: Next to a CJK character a gap up to the line's tracking plus this share of the font size is
#: typesetting, not a space: justification spreads Chinese lines by fractions of an em, and
#: layout programs add a quarter-em gap between Chinese and Latin (the text says ``低延遲AI``,
#: not ``低延遲 AI``). A wider gap (a column gutter, a tab stop) becomes a space, and so does a
#: space glyph (``方案 邁向``), whatever its width.
CJK_GAP_EM = 0.6

#: Characters whose tops differ by at most this many points are on one line (pdfplumber's
#: default). Mixed CJK and Latin fonts on one baseline differ by 1-2 pt; lines are 12+ pt apart.
LINE_TOLERANCE = 3.0

#: Two copies of a glyph (same text, font and size) this close, in points, are one glyph drawn
#: twice (pdfplumber's ``dedupe_chars`` default).
DEDUPE_TOLERANCE = 1.0

#: Between two pages: ends the last line of one page and adds a line holding a form feed.
PAGE_BREAK: Final = "\n\f"


def page_of(text: str, offset: int) -> int:
    r"""The 1-based page of ``offset`` in text read from a PDF (pages end with PAGE_BREAK).

    >>> page_of("one\n\ftwo\n\fthree", 7)
    2
    """
    return text.count("\f", 0, offset) + 1


#: How many lines at the top and at the bottom of a page may be furniture: a two-line banner
#: or a header with a rule and a subtitle, and a footer line plus a page number.
EDGE_LINES = 3

#: A line is furniture when it is at a page edge on at least this share of the pages (and on at
#: least two). 0.4 rather than "most": running headers that alternate between left and right
#: pages are each on half the pages, one fewer when the count is odd. Structural headings that
#: may open a page stay well below it (the white paper has under 140 ``相關科技專案`` lines in
#: about 480 pages). A banner printed on a few divider pages only (the white paper's survey
#: invitation, 29 pages) stays too: that is the loader's furniture patterns' job. Digits are
#: ignored when comparing, so page numbers and dated headers match.
FURNITURE_SHARE = 0.4

#: Refuse the text layer when more than this share of its glyphs are unreadable: ``(cid:N)``
#: (a font without a ToUnicode map) or U+FFFD. A broken font usually covers a whole script, so
#: real files are either near 0 (a decorative font) or near 1 (the Chinese body font); a fifth
#: is already more text lost than the graph can afford, and OCR is the fix. Below it the
#: unreadable glyphs are kept as U+FFFD so offsets and neighbours stay honest.
MAX_UNREADABLE_SHARE = 0.2

#: Refuse a PDF when fewer than this share of its pages have any text after furniture removal:
#: a partly scanned document would otherwise lose its scanned pages without a word. Covers,
#: photos and dividers without text are well under half of a real document.
MIN_TEXT_PAGE_SHARE = 0.5

#: A PDF with more pages than this is refused unread: the 產業技術白皮書 has about 480 pages, and
#: a page tree of tens of thousands of tiny pages costs minutes and memory for no text.
MAX_PAGES = 5000

_CID = re.compile(r"\(cid:\d+\)")
_SPACE_RUN = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class _Line:
    """One output line of a page: running text or a table row, and where it starts."""

    top: float
    text: str
    is_row: bool = False


# -------------------------------------------------------------------------------- public


def read_pdf(path: Path) -> str:
    """Extract the text of a PDF: running text, tables as tab-separated rows, no furniture.

    Args:
        path: the PDF file.

    Returns:
        The document's text, pages separated by a blank line. Glyphs without a Unicode mapping
        (at most :data:`MAX_UNREADABLE_SHARE` of them) are U+FFFD.

    Raises:
        InputError: ``E010`` when pdfplumber is not installed; ``E012`` for a decompression
            bomb; ``E011`` when the file is encrypted, truncated or corrupt; ``E009`` when it
            has no usable text layer.
    """
    try:
        import pdfplumber
    except ImportError as exc:
        raise InputError(Errors.E010.format(path=path)) from exc
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    refuse_bomb(path)
    pages: list[list[_Line]] = []
    try:
        with _pdfminer_quiet(), pdfplumber.open(path) as pdf:
            _refuse_many_pages(path, pdf.doc)
            for page in pdf.pages:
                pages.append(_page_lines(page))
                page.close()  # drop the page's parsed objects: white papers run to 500 pages
    except (PdfminerException, PSException, MalformedPDFException) as exc:
        raise InputError(Errors.E011.format(path=path, detail=_describe(exc, path))) from exc

    if not pages:
        raise InputError(Errors.E009.format(path=path, detail="it has no pages"))
    pages = _drop_furniture(pages)
    texts = ["\n".join(ln.text for ln in page) for page in pages]
    _check_text_layer(path, texts)
    # pdfminer's "(cid:N)" is a placeholder, not text: keep one U+FFFD per lost glyph.
    return _CID.sub("\ufffd", PAGE_BREAK.join(texts))


@contextmanager
def _pdfminer_quiet() -> Iterator[None]:
    """pdfminer's warnings about a font's metrics (``Could not get FontBBox``, one per glyph
    run: hundreds for a law's PDF) kept off the user's terminal while a file is read; its
    errors still show."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def unreadable_share(text: str) -> float:
    """Share of the glyphs in extracted ``text`` that have no Unicode mapping.

    A ``(cid:N)`` token (pdfminer's placeholder for a glyph of a font without a ToUnicode map)
    and U+FFFD each count as one unreadable glyph; every other non-space character as one
    readable glyph. Text without glyphs gives 0.0.

    >>> unreadable_share("(cid:12)(cid:34)ab")
    0.5
    """
    tokens = len(_CID.findall(text))
    rest = _CID.sub("", text)
    bad = tokens + rest.count("\ufffd")
    good = sum(1 for ch in rest if not ch.isspace() and ch != "\ufffd")
    return bad / (bad + good) if bad + good else 0.0


# ------------------------------------------------------------------------------ per page


def _page_lines(page: Page) -> list[_Line]:
    """A page's running text and table rows, top to bottom."""
    chars = _dedupe(page.chars)
    rows: list[_Line] = []
    boxes: list[tuple[float, float, float, float]] = []
    for table in page.find_tables():
        # A ruled box with one column is a framed paragraph (a sidebar, a 小知識 box), not a
        # table: leave it in the running text, where its lines are re-joined like any other.
        if max((len(r.cells) for r in table.rows), default=0) < 2:
            continue
        boxes.append(table.bbox)
        for row in table.rows:
            cells = [_cell_text(chars, c) if c is not None else "" for c in row.cells]
            if any(cells):
                rows.append(_Line(top=row.bbox[1], text="\t".join(cells), is_row=True))
    body = [c for c in chars if not any(_inside(c, box) for box in boxes)]
    lines = rows + _text_lines(body)
    lines.sort(key=lambda ln: ln.top)  # stable: a table's rows keep their order
    return lines


def _dedupe(chars: list[Obj]) -> list[Obj]:
    """Drop characters drawn again at (nearly) the same place, keeping the stream order.

    Some producers fake bold by drawing each glyph twice, slightly shifted: without this
    ``執執行行``. The same rule as pdfplumber's ``dedupe_chars`` (same text, font and size within
    :data:`DEDUPE_TOLERANCE` points), whose final ``sorted(key=chars.index)`` is quadratic in a
    page's characters: it made reading a 36-page manual three times slower (6.5 s, not 1.9 s).
    """
    from pdfplumber.utils.clustering import cluster_objects

    order = {id(c): i for i, c in enumerate(chars)}
    same_glyph = itemgetter("upright", "text", "fontname", "size")
    kept: list[Obj] = []
    for _, group in itertools.groupby(sorted(chars, key=same_glyph), key=same_glyph):
        for row in cluster_objects(list(group), itemgetter("doctop"), DEDUPE_TOLERANCE):
            for copies in cluster_objects(row, itemgetter("x0"), DEDUPE_TOLERANCE):
                kept.append(min(copies, key=itemgetter("doctop", "x0")))
    kept.sort(key=lambda c: order[id(c)])
    return kept


def _text_lines(chars: list[Obj]) -> list[_Line]:
    """Group characters into lines of text, deciding the spaces between them CJK-aware."""
    if not chars:
        return []
    from pdfplumber.utils.clustering import cluster_objects
    from pdfplumber.utils.text import extract_words

    # pdfplumber groups the characters into lines (and handles rotated text); the spaces within
    # an upright line are decided by _spell. keep_blank_chars keeps space glyphs as characters,
    # so a space the document really has is never lost, however narrow.
    words = extract_words(
        chars, return_chars=True, keep_blank_chars=True, y_tolerance=LINE_TOLERANCE
    )
    out: list[_Line] = []
    for line in cluster_objects(words, itemgetter("top"), LINE_TOLERANCE):
        upright = sorted((w for w in line if w["upright"]), key=itemgetter("x0"))
        pieces = [_spell([ch for w in upright for ch in w["chars"]])]
        pieces += [str(w["text"]) for w in line if not w["upright"]]
        text = _SPACE_RUN.sub(" ", " ".join(pieces)).strip()
        if text:
            out.append(_Line(top=min(w["top"] for w in line), text=text))
    return out


def _spell(glyphs: Sequence[Obj]) -> str:
    """The text of one upright line, with a space wherever a gap is wider than typesetting.

    A gap counts after subtracting the line's tracking (its median gap between neighbouring
    glyphs), so a letter-spaced line is not taken apart; what is left must exceed
    :data:`CJK_GAP_EM` next to a CJK character and :data:`WORD_GAP_EM` elsewhere.
    """
    gaps = [_gap(a, b) for a, b in itertools.pairwise(glyphs) if _is_glyph_pair(a, b)]
    # Too few pairs say nothing about tracking ("A B" would look like tracking of one space).
    tracking = statistics.median(gaps) if len(gaps) >= 4 else 0.0
    parts: list[str] = []
    for i, ch in enumerate(glyphs):
        prev = glyphs[i - 1] if i else None
        if prev is not None and _is_glyph_pair(prev, ch):
            cjk = _is_cjk(prev["text"][-1:]) or _is_cjk(ch["text"][:1])
            if _gap(prev, ch) - tracking > (CJK_GAP_EM if cjk else WORD_GAP_EM):
                parts.append(" ")
        parts.append(str(ch["text"]))
    return "".join(parts)


def _is_glyph_pair(a: Obj, b: Obj) -> bool:
    """Whether neither of two neighbours is a space glyph (which speaks for itself)."""
    return not (str(a["text"]).isspace() or str(b["text"]).isspace())


def _gap(a: Obj, b: Obj) -> float:
    """The gap from glyph ``a`` to the next glyph ``b``, in ems of ``a``'s font size."""
    size = float(a.get("size") or 0) or float(a["bottom"] - a["top"]) or 1.0
    return (float(b["x0"]) - float(a["x1"])) / size


def _cell_text(chars: Iterable[Obj], bbox: tuple[float, float, float, float]) -> str:
    """The text of one table cell, its wrapped lines joined into one."""
    lines = [ln.text for ln in _text_lines([c for c in chars if _inside(c, bbox)])]
    text = ""
    for piece in lines:
        text = _join_wrapped(text, piece)
    return text.replace("\t", " ")


def _join_wrapped(a: str, b: str) -> str:
    """Join two lines of one wrapped cell: a space only between two Latin letters or digits."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def _inside(obj: Obj, bbox: tuple[float, float, float, float]) -> bool:
    """Whether an object's centre lies in ``bbox`` (the rule ``Table.extract`` uses)."""
    x0, top, x1, bottom = bbox
    h_mid = (obj["x0"] + obj["x1"]) / 2
    v_mid = (obj["top"] + obj["bottom"]) / 2
    return bool(x0 <= h_mid < x1 and top <= v_mid < bottom)


def _is_cjk(ch: str) -> bool:
    """Whether a character is set on the CJK grid (ideographs, kana, full-width punctuation)."""
    return bool(ch) and unicodedata.east_asian_width(ch) in {"W", "F"}


# -------------------------------------------------------------------------- furniture


def _drop_furniture(pages: Sequence[Sequence[_Line]]) -> list[list[_Line]]:
    """Remove running headers, footers and page numbers found by their frequency.

    A running-text line among the first or last :data:`EDGE_LINES` lines of a page is furniture
    when the same line, digits ignored, is at an edge of at least :data:`FURNITURE_SHARE` of
    the pages and of two pages or more. Lines in the middle of a page and table rows are kept.
    """
    need = max(2, math.ceil(FURNITURE_SHARE * len(pages)))
    if len(pages) < need:
        return [list(p) for p in pages]
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_furniture_key(page[i].text) for i in _edge_indexes(page)})
    furniture = {key for key, n in seen.items() if n >= need}
    out: list[list[_Line]] = []
    for page in pages:
        edge = {i for i in _edge_indexes(page) if _furniture_key(page[i].text) in furniture}
        out.append([ln for i, ln in enumerate(page) if i not in edge])
    return out


def _furniture_key(text: str) -> str:
    """What makes two edge lines "the same": spaces dropped, every number one ``#``."""
    return _DIGITS.sub("#", _SPACE_RUN.sub("", text))


def _edge_indexes(page: Sequence[_Line]) -> set[int]:
    """Indexes of the running-text lines within :data:`EDGE_LINES` of the page's edges."""
    text = [i for i, ln in enumerate(page) if not ln.is_row]
    return set(text[:EDGE_LINES] + text[-EDGE_LINES:])


# ----------------------------------------------------------------------------- refusals


def _check_text_layer(path: Path, pages: Sequence[str]) -> None:
    """Raise ``E009`` unless the text layer is there and readable."""
    with_text = sum(1 for p in pages if p.strip())
    if not with_text:
        detail = f"no text on any of its {len(pages)} page(s); it looks scanned"
        raise InputError(Errors.E009.format(path=path, detail=detail))
    if with_text < MIN_TEXT_PAGE_SHARE * len(pages):
        detail = f"only {with_text} of {len(pages)} pages have text; it looks partly scanned"
        raise InputError(Errors.E009.format(path=path, detail=detail))
    share = unreadable_share("\n".join(pages))
    if share > MAX_UNREADABLE_SHARE:
        detail = (
            f"{share:.0%} of its characters have no Unicode mapping, shown as (cid:N) or "
            "U+FFFD: its fonts lack a ToUnicode map"
        )
        raise InputError(Errors.E009.format(path=path, detail=detail))


def _refuse_many_pages(path: Path, doc: Any) -> None:
    """Raise ``E012`` when the page tree holds more than :data:`MAX_PAGES` pages.

    The tree's ``/Count`` is checked first (cheap, but a file may lie), then the pages are
    walked lazily, stopping at the first one past the limit.
    """
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    count = resolve1(resolve1(doc.catalog.get("Pages")) or {}).get("Count")
    if not isinstance(count, int) or count <= MAX_PAGES:
        count = sum(1 for _ in itertools.islice(PDFPage.create_pages(doc), MAX_PAGES + 1))
    if count > MAX_PAGES:
        detail = f"it has more than {MAX_PAGES:,} pages"
        raise InputError(Errors.E012.format(path=path, detail=detail))


def _describe(exc: Exception, path: Path) -> str:
    """Say why pdfplumber could not open or parse the file."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    # pdfplumber wraps pdfminer's exception as the first argument of PdfminerException.
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return (
            "the PDF is encrypted and needs a password; save a decrypted copy first "
            "(e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)"
        )
    if isinstance(cause, PDFEncryptionError):
        return f"the PDF is encrypted in a way graphkit cannot open ({cause})"
    what = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    detail = f"not a readable PDF ({what}); the file is truncated or corrupt"
    if not _ends_with_eof_marker(path):
        detail += " - it does not end with %%EOF, so it was probably cut short"
    return detail


def _ends_with_eof_marker(path: Path) -> bool:
    """Whether the last KiB holds ``%%EOF``, where the PDF standard says readers look for it."""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - 1024))
        return b"%%EOF" in fh.read()
