"""Tests of graphkit.pdf: PDFs are generated at test time with reportlab, never committed.

Fonts. The Chinese text is set in reportlab's built-in CID font MSung-Light (Adobe-CNS1, the
Traditional Chinese collection) rather than an embedded TrueType font: the machine has no CJK
font, Debian's fonts-noto-cjk (56 MB) is CFF-flavoured OpenType, which reportlab cannot embed,
and fonts-arphic-uming (8 MB) would be a system dependency for a test; a non-embedded CID font
needs no file at all, and pdfminer knows its CMaps. One catch: reportlab's UnicodeCIDFont
declares MSung-Light with the CMap ``UniGB-UCS2-H`` (Simplified Chinese, Adobe-GB1) although
it writes UTF-16BE for a CNS1 font, so every reader maps the codes into the wrong collection:
pdfplumber reads ``相關科技專案`` back as ``鈸梀砟首菡宅``. Declaring the matching CMap,
``UniCNS-UCS2-H``, gives a correct file that pdfplumber maps back exactly, apart from the few
characters in ``_FONT_LIMITS``. The same font declared with ``Identity-H`` has codes that no
Unicode map covers: a genuine "font without a ToUnicode map" file, read as ``(cid:N)``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

pdfplumber = pytest.importorskip(
    "pdfplumber", reason="PDF tests need the 'pdf' extra: pip install 'graphkit[pdf]'"
)
pytest.importorskip("reportlab", reason="PDF tests build their PDFs with reportlab (dev extra)")

from reportlab.lib import colors, pdfencrypt  # noqa: E402
from reportlab.lib.pagesizes import A4, A5  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from graphkit.errors import InputError  # noqa: E402
from graphkit.pdf import MAX_PAGES, MAX_UNREADABLE_SHARE, read_pdf, unreadable_share  # noqa: E402
from graphkit.pdfbomb import MAX_INFLATED_BYTES, MAX_STREAM_BYTES, decode, filters_of  # noqa: E402
from graphkit.read import read  # noqa: E402
from tests.corpus import corpus_file  # noqa: E402

BANNER = "誠摯邀請您填寫《2025/2026產業技術白皮書》使用者問卷調查，您的支持是我們的動力"
BANNER_URL = "<https://tier.surveycake.biz/s/eL2Zq>"
FOOTER = "2025/2026產業技術白皮書"


# ------------------------------------------------------------------------------ fonts


def _msung(name: str, cmap: str) -> str:
    """Register MSung-Light under ``name`` with the CMap ``cmap``; see the module docstring."""
    font = UnicodeCIDFont("MSung-Light")
    font.encodingName = cmap
    font.name = font.fontName = name
    pdfmetrics.registerFont(font)
    return name


@pytest.fixture(scope="session")
def cjk() -> str:
    """A Traditional Chinese font whose text pdfplumber maps back to Unicode."""
    return _msung("MSung-Light-CNS", "UniCNS-UCS2-H")


@pytest.fixture(scope="session")
def no_unicode_map() -> str:
    """The same font declared with Identity-H: its codes map to no Unicode (``(cid:N)``)."""
    return _msung("MSung-Light-Identity", "Identity-H")


# --------------------------------------------------------------------------- builders


def _body(font: str, size: float = 10.5) -> ParagraphStyle:
    return ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.6, wordWrap="CJK")


def _document(
    path: Path, story: list[object], *, pagesize: tuple[float, float] = A4, **kw: object
) -> Path:
    SimpleDocTemplate(str(path), pagesize=pagesize, **kw).build(story)
    return path


def _canvas_pdf(path: Path, pages: Sequence[Callable[[Canvas], None]]) -> Path:
    """A PDF with one page per drawing function."""
    canvas = Canvas(str(path), pagesize=A4)
    for draw in pages:
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return path


def _whitepaper_slice() -> list[str]:
    """The corpus's first article that closes with a 相關科技專案 block and an 執行單位 line.

    Found by structure, not by line number: from the title above its 重點摘要 to the
    執行單位 line of its block.
    """
    lines = corpus_file("whitepaper").read_text(encoding="utf-8").splitlines()
    block = next(
        i
        for i, ln in enumerate(lines)
        if ln.strip() == "相關科技專案"
        and any(x.startswith("執行單位：") for x in lines[i : i + 6])
    )
    agencies = next(j for j in range(block, block + 6) if lines[j].startswith("執行單位："))
    summary = max(k for k in range(block) if lines[k].strip() == "重點摘要")
    title = max(k for k in range(summary) if lines[k].strip())
    return [ln.strip().translate(_FONT_LIMITS) for ln in lines[title : agencies + 1] if ln.strip()]


#: What the test font cannot carry through a round trip: MSung-Light has no superscript digits
#: (footnote marks), and Adobe-CNS1 gives U+FF0F back as U+2215. Not the extractor's doing.
_FONT_LIMITS = str.maketrans({"¹": None, "²": None, "³": None, "／": "/"})


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------ (a) multi-page corpus text


def test_multipage_whitepaper_text_without_furniture(tmp_path: Path, cjk: str) -> None:
    source = _whitepaper_slice()
    programme = next(ln for ln in source if re.search(r"（\d{4}~\d{4}年）$", ln))
    agencies = source[-1]
    first_page = 137  # a real page number of the white paper, so numbers have three digits

    def furniture(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(cjk, 8)
        canvas.drawString(36, height - 22, BANNER)
        canvas.drawString(36, height - 32, BANNER_URL)
        canvas.drawString(36, 26, FOOTER)
        canvas.drawCentredString(width / 2, 14, str(first_page + doc.page - 1))
        canvas.restoreState()

    path = tmp_path / "whitepaper.pdf"
    SimpleDocTemplate(
        str(path), pagesize=A5, topMargin=48, bottomMargin=44, leftMargin=36, rightMargin=36
    ).build(
        [Paragraph(escape(ln), _body(cjk)) for ln in source],
        onFirstPage=furniture,
        onLaterPages=furniture,
    )
    with pdfplumber.open(path) as pdf:  # the premise: several pages, furniture on each
        pages = len(pdf.pages)
        raw = (pdf.pages[1].extract_text() or "").splitlines()
    assert 2 <= pages <= 4, "the slice should fill two to four A5 pages"
    assert raw[:2] == [BANNER, BANNER_URL]
    assert raw[-2:] == [FOOTER, str(first_page + 1)]

    text = read_pdf(path)
    out = text.splitlines()

    assert len(text.split("\n\f")) == pages  # pages joined with a form-feed line
    assert "相關科技專案" in out
    assert programme in out
    assert agencies in out
    assert not any("誠摯邀請" in ln or "surveycake" in ln for ln in out)
    assert FOOTER not in out
    assert not any(re.fullmatch(r"\d+", ln) for ln in out), "page numbers are furniture"
    # Nothing lost, nothing added, nothing reordered: the body is the source, line breaks aside.
    assert _squeeze(text) == _squeeze("".join(source))
    # No space was invented: every extracted line is a piece of one source line. A Chinese
    # line split by spaces (執 行 單 位) would fail here.
    for line in out:
        if line:
            assert any(line in src for src in source), line


def test_alternating_headers_are_furniture_but_a_heading_once_is_not(
    tmp_path: Path, cjk: str
) -> None:
    source = _whitepaper_slice()
    body = [ln[:40].strip() for ln in source if len(ln) > 40][:5]

    def page(n: int) -> Callable[[Canvas], None]:
        def draw(c: Canvas) -> None:
            c.setFont(cjk, 9)
            # Left pages carry the book, right pages the part: each on about half the pages.
            c.drawString(40, 810, "產業技術白皮書" if n % 2 else "產業技術篇 半導體及光電領域")
            c.setFont(cjk, 11)
            if n == 2:
                c.drawString(40, 780, "相關科技專案")  # opens one page: a heading, not furniture
            c.drawString(40, 760, body[n - 1])
            c.drawString(280, 30, f"- {n} -")

        return draw

    text = read_pdf(_canvas_pdf(tmp_path / "alternating.pdf", [page(n) for n in range(1, 6)]))
    assert text.splitlines() == [
        body[0],
        "",
        "相關科技專案",
        body[1],
        "",
        body[2],
        "",
        body[3],
        "",
        body[4],
    ]


# ------------------------------------------------------------------- CJK spacing


def test_cjk_spacing_letterspaced_and_mixed_lines(tmp_path: Path, cjk: str) -> None:
    def draw(c: Canvas) -> None:
        # Tracking of a third of an em, as in a spread-out heading: pdfplumber's default 3 pt
        # tolerance gives "執 行 單 位 ： 工 業 ..." and "A I C h i p l e t".
        c.saveState()  # char spacing is graphics state: keep it off the lines below
        t = c.beginText(40, 780)
        t.setFont(cjk, 10.5)
        t.setCharSpace(3.5)
        t.textLine("執行單位：工業技術研究院 低延遲AI Chiplet整合")
        c.drawText(t)
        c.restoreState()
        # A quarter-em gap between Chinese and Latin without a space glyph (layout programs'
        # CJK/Latin spacing), and Latin words placed without space glyphs (as TeX does).
        c.setFont(cjk, 10)
        x = 40.0
        for word, gap in (("低延遲", 2.5), ("AI", 3.0), ("Chiplet", 2.5), ("整合發展計畫", 0.0)):
            c.drawString(x, 740, word)
            x += pdfmetrics.stringWidth(word, cjk, 10) + gap
        # A space glyph between two Chinese phrases is the document's own: it stays.
        c.setFont(cjk, 18)
        c.drawString(40, 700, "建構系統級應用方案 邁向AI晶片新時代")

    out = read_pdf(_canvas_pdf(tmp_path / "spacing.pdf", [draw])).splitlines()
    assert out == [
        "執行單位：工業技術研究院 低延遲AI Chiplet整合",
        "低延遲AI Chiplet整合發展計畫",
        "建構系統級應用方案 邁向AI晶片新時代",
    ]


def test_glyphs_drawn_twice_are_read_once(tmp_path: Path, cjk: str) -> None:
    def draw(c: Canvas) -> None:
        c.setFont(cjk, 12)
        for dx in (0.0, 0.3):  # fake bold: the same line again, a third of a point to the right
            c.drawString(60 + dx, 760, "執行單位：工業技術研究院")

    assert read_pdf(_canvas_pdf(tmp_path / "bold.pdf", [draw])) == "執行單位：工業技術研究院"


# ------------------------------------------------------------------------- (b) tables


def test_table_rows_are_tab_separated_and_not_repeated(tmp_path: Path, cjk: str) -> None:
    style = _body(cjk, 9)
    rows = [
        ["計畫名稱", "目的", "申請資訊"],
        [
            "A+企業創新研發淬鍊計畫",
            "補助企業投入創新前瞻技術研發，從事創新研發到價值創造之研發活動",
            "https://aiplus.tdp.org.tw",
        ],
        ["科研成果價值創造計畫", "因應國家科技政策與國際競爭趨勢", ""],
    ]
    table = Table(
        [[Paragraph(escape(c), style) for c in r] for r in rows], colWidths=[110, 190, 150]
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    box = Table([[Paragraph("晶片是一種專為人工智慧運算設計的晶片。", style)]], colWidths=[300])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = _document(
        tmp_path / "table.pdf",
        [
            Paragraph("表2-1-1-2 先進製程與封裝相關補助計畫", _body(cjk)),
            Spacer(1, 6),
            table,
            Spacer(1, 6),
            Paragraph("執行單位：工業技術研究院", _body(cjk)),
            Spacer(1, 6),
            box,
        ],
    )

    out = read_pdf(path).splitlines()
    assert out == [
        "表2-1-1-2 先進製程與封裝相關補助計畫",
        "計畫名稱\t目的\t申請資訊",
        # The purpose cell wraps in the PDF; its row is still one line.
        "A+企業創新研發淬鍊計畫\t補助企業投入創新前瞻技術研發，從事創新研發到價值創造之研發活動"
        "\thttps://aiplus.tdp.org.tw",
        "科研成果價值創造計畫\t因應國家科技政策與國際競爭趨勢\t",
        "執行單位：工業技術研究院",
        # A framed one-column box is a paragraph, not a table: no tabs.
        "晶片是一種專為人工智慧運算設計的晶片。",
    ]


# ------------------------------------------------------------- (c) no text layer


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    def scan(c: Canvas) -> None:
        c.setFillColor(colors.lightgrey)
        c.rect(60, 200, 470, 560, fill=1)  # where a scanned page image would be

    path = _canvas_pdf(tmp_path / "scanned.pdf", [scan, scan])
    with pytest.raises(InputError, match=r"no usable text layer \(no text on any of its 2"):
        read_pdf(path)


def test_partly_scanned_pdf_is_refused(tmp_path: Path, cjk: str) -> None:
    def text(c: Canvas) -> None:
        c.setFont(cjk, 11)
        c.drawString(60, 760, "執行單位：工業技術研究院")

    def scan(c: Canvas) -> None:
        c.rect(60, 200, 470, 560, fill=1)

    path = _canvas_pdf(tmp_path / "partly.pdf", [text, scan, scan])
    with pytest.raises(InputError, match=r"only 1 of 3 pages have text"):
        read_pdf(path)


# ------------------------------------------------ (d) glyphs without a Unicode map


def test_font_without_unicode_map_is_refused(tmp_path: Path, no_unicode_map: str) -> None:
    def draw(c: Canvas) -> None:
        c.setFont(no_unicode_map, 12)
        c.drawString(60, 760, "執行單位：工業技術研究院")
        c.drawString(60, 740, "低延遲晶片整合發展計畫")

    path = _canvas_pdf(tmp_path / "cid.pdf", [draw])
    with pdfplumber.open(path) as pdf:  # the premise: pdfplumber sees (cid:N) placeholders
        assert (pdf.pages[0].extract_text() or "").startswith("(cid:")
    with pytest.raises(InputError, match=r"have no Unicode mapping"):
        read_pdf(path)


def test_few_unmapped_glyphs_become_replacement_characters(
    tmp_path: Path, cjk: str, no_unicode_map: str
) -> None:
    def draw(c: Canvas) -> None:
        c.setFont(cjk, 11)
        for i in range(8):
            c.drawString(60, 760 - 16 * i, "科技專案聚焦前瞻晶片研發、先進製程與異質整合。")
        c.setFont(no_unicode_map, 11)
        c.drawString(60, 600, "小知識")

    text = read_pdf(_canvas_pdf(tmp_path / "some-cid.pdf", [draw]))
    assert "(cid:" not in text
    assert text.splitlines()[-1] == "\ufffd" * 3


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("", 0.0),
        ("執行單位：工業技術研究院", 0.0),
        ("(cid:12)(cid:34)(cid:56)", 1.0),
        ("(cid:12)(cid:34) 研究院\n\ufffd\ufffd", 4 / 7),
        ("\ufffd研究", 1 / 3),
    ],
)
def test_unreadable_share(text: str, share: float) -> None:
    assert unreadable_share(text) == pytest.approx(share)


def test_threshold_is_a_share_of_glyphs() -> None:
    assert 0 < MAX_UNREADABLE_SHARE < 0.5
    assert unreadable_share("(cid:1)" + "字" * 9) <= MAX_UNREADABLE_SHARE


# ------------------------------------------------- (e) corrupt, truncated, encrypted


@pytest.fixture
def valid_pdf(tmp_path: Path, cjk: str) -> Path:
    story: list[object] = [Paragraph("科技專案聚焦前瞻晶片研發。" * 20, _body(cjk))] * 3
    return _document(tmp_path / "valid.pdf", story)


def test_truncated_pdf_is_refused(tmp_path: Path, valid_pdf: Path) -> None:
    data = valid_pdf.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"truncated\.pdf: not a readable PDF .*cut short"):
        read_pdf(path)


def test_corrupt_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"this is not a PDF body\n" * 40 + b"%%EOF\n")
    with pytest.raises(InputError, match=r"not a readable PDF \(.*\); the file is .*corrupt$"):
        read_pdf(path)


def test_encrypted_pdf_is_refused(tmp_path: Path, cjk: str) -> None:
    path = tmp_path / "encrypted.pdf"
    lock = pdfencrypt.StandardEncryption("open-sesame", ownerPassword="owner", strength=128)
    canvas = Canvas(str(path), encrypt=lock)
    canvas.setFont(cjk, 11)
    canvas.drawString(60, 760, "執行單位：工業技術研究院")
    canvas.save()
    with pytest.raises(InputError, match=r"encrypted and needs a password"):
        read_pdf(path)


def test_missing_pdfplumber_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, valid_pdf: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # makes `import pdfplumber` fail
    with pytest.raises(InputError, match=r"pip install 'graphkit\[pdf\]'"):
        read_pdf(valid_pdf)


# ------------------------------------------------ issue 13 item 13: decompression bombs


def _raw_pdf(path: Path, objects: Sequence[bytes]) -> Path:
    """Write a PDF of ``objects`` (object 1 the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def _stream(data: bytes, filters: bytes = b"/FlateDecode", extra: bytes = b"") -> bytes:
    return b"<< /Length %d /Filter %s %s>>\nstream\n" % (len(data), filters, extra) + (
        data + b"\nendstream"
    )


def _zeros(size: int) -> bytes:
    """``size`` zero bytes, deflated (about a thousandth of the size), made in 1 MiB steps."""
    deflater = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    out = [deflater.compress(chunk) for _ in range(size >> 20)]
    return b"".join([*out, deflater.compress(bytes(size % (1 << 20))), deflater.flush()])


def _one_page_with(streams: Sequence[bytes]) -> list[bytes]:
    """Catalog, pages, one page whose contents are ``streams``, then the streams."""
    refs = b" ".join(b"%d 0 R" % (4 + i) for i in range(len(streams)))
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [%s] >>" % refs,
        *streams,
    ]


def test_13_13_a_stream_inflating_to_a_gigabyte_is_a_bomb(tmp_path: Path) -> None:
    """Issue 13 item 13: a PDF bomb was "truncated or corrupt", after pdfminer had inflated it."""
    bomb = _zeros(1 << 30)
    assert len(bomb) < 2 << 20  # a small file
    path = _raw_pdf(tmp_path / "bomb.pdf", _one_page_with([_stream(bomb)]))
    message = (
        rf"^.*bomb\.pdf: one of its streams expands past {MAX_STREAM_BYTES >> 20} MB: "
        r"refusing it \(a decompression bomb\?\)$"
    )
    with pytest.raises(InputError, match=message):
        read(path)


def test_nested_flate_filters_are_inflated_all_the_way(tmp_path: Path) -> None:
    inner = _zeros(MAX_STREAM_BYTES + 1)
    outer = zlib.compress(inner, 9)
    assert len(outer) < 64 << 10
    nested = _stream(outer, b"[/FlateDecode /Fl]")
    path = _raw_pdf(tmp_path / "nested.pdf", _one_page_with([nested]))
    with pytest.raises(InputError, match=r"nested\.pdf: one of its streams expands past"):
        read_pdf(path)


def test_streams_under_the_limit_one_by_one_but_over_it_together(tmp_path: Path) -> None:
    each = MAX_STREAM_BYTES - (1 << 20)
    many = MAX_INFLATED_BYTES // each + 1
    stream = _stream(_zeros(each))
    path = _raw_pdf(tmp_path / "many.pdf", _one_page_with([stream] * many))
    message = rf"many\.pdf: its streams expand past {MAX_INFLATED_BYTES >> 20} MB in all: refusing"
    with pytest.raises(InputError, match=message):
        read_pdf(path)


def test_an_image_stream_is_not_counted(tmp_path: Path) -> None:
    """pdfplumber reads an image's size, never its pixels: a large blank image is no bomb."""
    text = b"BT /F1 12 Tf 72 720 Td (Silicon carbide power devices) Tj ET"
    text += b" q 10 0 0 10 0 0 cm /Im1 Do Q"
    image = _zeros(MAX_STREAM_BYTES + 1)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    resources = b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >>"
    objects = _one_page_with([_stream(zlib.compress(text))])
    objects[2] = objects[2].replace(b"/Contents", resources + b" /Contents")
    pixels = b"/Subtype /Image /Width 8192 /Height 8193 /ColorSpace /DeviceGray "
    pixels += b"/BitsPerComponent 8 "
    path = _raw_pdf(tmp_path / "image.pdf", [*objects, font, _stream(image, extra=pixels)])
    assert read_pdf(path) == "Silicon carbide power devices"


def _lzw_zeros(codes: int) -> bytes:
    """LZW codes (clear, then each code one zero longer than the last, up to the 12-bit
    table's end, then its longest string again) for about 3,800 zeros per 12 bits."""
    out, acc, held, width, table = bytearray(), 0, 0, 9, 258
    for n, code in enumerate([256, 0, *(min(258 + i, 4095) for i in range(codes))]):
        acc, held = (acc << width) | code, held + width
        while held >= 8:
            out.append((acc >> (held - 8)) & 0xFF)
            held -= 8
        table += n >= 2  # every code after the first literal adds an entry
        width = {511: 10, 1023: 11, 2047: 12}.get(table, width)
    return bytes(out + bytes([(acc << (8 - held)) & 0xFF] if held else []))


def _run_length_zeros(runs: int) -> bytes:
    return b"\x81\x00" * runs + b"\x80"  # 128 zeros a run, then EOD


@pytest.mark.parametrize(
    ("filters", "encode"),
    [
        (b"[/ASCII85Decode /FlateDecode]", lambda z: base64.a85encode(z) + b"~>"),
        (b"[/A85 /Fl]", lambda z: b"<~" + base64.a85encode(z, wrapcol=72) + b"~>"),
        (b"[/ASCIIHexDecode /FlateDecode]", lambda z: binascii.hexlify(z) + b">"),
        (b"[/AHx /Fl /Fl]", lambda z: binascii.hexlify(zlib.compress(z, 9)) + b">"),
    ],
    ids=["a85-flate", "a85-abbreviated", "hex-flate", "hex-nested-flate"],
)
def test_a_bomb_behind_a_text_filter_is_refused(
    tmp_path: Path, filters: bytes, encode: Callable[[bytes], bytes]
) -> None:
    """The check counted only streams whose first filter is Flate: an ASCII85 or ASCIIHex
    wrapper let pdfminer inflate the gigabyte."""
    raw = encode(_zeros(MAX_STREAM_BYTES + 1))
    path = _raw_pdf(tmp_path / "wrapped.pdf", _one_page_with([_stream(raw, filters)]))
    with pytest.raises(InputError, match=r"wrapped\.pdf: one of its streams expands past 64 MB"):
        read_pdf(path)


def test_a_run_length_bomb_after_flate_is_refused(tmp_path: Path) -> None:
    """Flate gives 2 MB of runs, which RunLengthDecode makes 128 MB: every step counts."""
    runs = zlib.compress(_run_length_zeros(1 << 20), 9)
    assert len(runs) < 16 << 10
    path = _raw_pdf(tmp_path / "rl.pdf", _one_page_with([_stream(runs, b"[/Fl /RL]")]))
    with pytest.raises(InputError, match=r"rl\.pdf: one of its streams expands past 64 MB"):
        read_pdf(path)


def test_an_lzw_bomb_is_refused(tmp_path: Path) -> None:
    codes = _lzw_zeros(4100 + (MAX_STREAM_BYTES // 3838))
    assert len(codes) < 48 << 10
    path = _raw_pdf(tmp_path / "lzw.pdf", _one_page_with([_stream(codes, b"/LZWDecode")]))
    with pytest.raises(InputError, match=r"lzw\.pdf: one of its streams expands past 64 MB"):
        read_pdf(path)


def test_text_filters_under_the_limit_are_read(tmp_path: Path) -> None:
    text = b"BT /F1 12 Tf 72 720 Td (Silicon carbide power devices) Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects = _one_page_with([_stream(binascii.hexlify(zlib.compress(text)) + b">", b"[/AHx /Fl]")])
    objects[2] = objects[2].replace(
        b"/Contents", b"/Resources << /Font << /F1 5 0 R >> >> /Contents"
    )
    path = _raw_pdf(tmp_path / "hex.pdf", [*objects, font])
    assert read_pdf(path) == "Silicon carbide power devices"


def test_each_filter_decodes_as_pdfminer_does() -> None:
    """The check's decoders give pdfminer's output, so its counts are pdfminer's sizes."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.lzw import lzwdecode
    from pdfminer.runlength import rldecode

    data = bytes(range(256)) * 300 + bytes(5000) + b"end"
    a85 = b"<~" + base64.a85encode(data, wrapcol=60) + b"~>"
    hexed = b" ".join(binascii.hexlify(data[i : i + 33]) for i in range(0, len(data), 33))
    hexed += b" a>"  # an odd digit before the end
    literal_runs = b"".join(bytes([len(c) - 1]) + c for c in (data[:100], data[100:228]))
    rl = literal_runs + b"\xfe\x07" + _run_length_zeros(3000)
    lzw = _lzw_zeros(5000)
    for raw, name, theirs in [
        (zlib.compress(data), "Fl", zlib.decompress),
        (a85, "A85", ascii85decode),
        (hexed, "AHx", asciihexdecode),
        (rl, "RL", rldecode),
        (lzw, "LZW", lzwdecode),
    ]:
        pieces = list(decode(raw, [name]))
        assert b"".join(pieces) == theirs(raw), name
        assert max(map(len, pieces)) <= 2 << 20, name  # bounded pieces
    assert len(lzwdecode(lzw)) > 10 << 20  # 6 KiB of codes


def test_filters_are_read_from_the_stream_dictionary() -> None:
    assert filters_of(b"1 0 obj << /Length 5 /Filter /FlateDecode >>") == ["FlateDecode"]
    assert filters_of(b"<< /Filter [ /A85/Fl ] /DecodeParms [null null] >>") == ["A85", "Fl"]
    assert filters_of(b"<< /Length 5 >>") == []


def _pages(path: Path, pages: int, count: int) -> Path:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    return _raw_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            *[page] * pages,
        ],
    )


@pytest.mark.parametrize("count", [MAX_PAGES + 1, 1], ids=["honest-count", "lying-count"])
def test_more_pages_than_the_limit_is_a_bomb(tmp_path: Path, count: int) -> None:
    path = _pages(tmp_path / "pages.pdf", MAX_PAGES + 1, count)
    message = rf"pages\.pdf: it has more than {MAX_PAGES:,} pages: refusing it \(a decompression"
    with pytest.raises(InputError, match=message):
        read_pdf(path)


def test_as_many_pages_as_the_limit_are_read(tmp_path: Path) -> None:
    path = _pages(tmp_path / "pages.pdf", MAX_PAGES, MAX_PAGES)
    with pytest.raises(InputError, match=r"no text on any of its 5000 page\(s\)"):
        read_pdf(path)


# ----------------------------------------------------------- (f) through read()


def test_read_dispatches_pdf(tmp_path: Path, cjk: str) -> None:
    path = _document(
        tmp_path / "programme.pdf",
        [
            Paragraph("相關科技專案", _body(cjk)),
            Paragraph("低延遲AI Chiplet整合發展計畫（2024~2027年）", _body(cjk)),
            Paragraph("執行單位：工業技術研究院、金屬工業研究發展中心", _body(cjk)),
        ],
    )
    source = read(path)
    assert source.encoding == "pdf"
    assert source.name == "programme.pdf"
    assert source.text.splitlines() == [
        "相關科技專案",
        "低延遲AI Chiplet整合發展計畫（2024~2027年）",
        "執行單位：工業技術研究院、金屬工業研究發展中心",
    ]
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_read_refuses_a_truncated_pdf(tmp_path: Path, valid_pdf: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(valid_pdf.read_bytes()[:900])
    with pytest.raises(InputError, match=r"cut\.pdf: not a readable PDF"):
        read(path)


# ------------------------------------------------------ issue 13 item 15: evidence_page


def test_relationships_from_a_pdf_carry_the_page_of_their_evidence(tmp_path: Path) -> None:
    from graphkit.normalise import normalise
    from graphkit.workspace import Workspace
    from tests.corpus import CORPUS

    pdfs = sorted((CORPUS / "pdf").glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"no PDF in {CORPUS / 'pdf'}")
    pages = [normalise(page) for page in read(pdfs[0]).text.split("\n\f")]
    ws = Workspace(tmp_path / "store")
    ws.build([pdfs[0]])
    rows = ws.cypher(
        "MATCH ()-[r]->() WHERE r.evidence_offset IS NOT NULL "
        "RETURN r.evidence AS evidence, r.evidence_page AS page"
    ).records()
    assert rows
    for row in rows:
        assert 1 <= row["page"] <= len(pages)
        # the evidence is on that page (its first words: a sentence may run onto the next)
        assert _squeeze(row["evidence"])[:8] in _squeeze(pages[row["page"] - 1]), row


def test_pdfminer_s_font_warnings_stay_off_the_terminal(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The corpus's law PDF makes pdfminer warn "Could not get FontBBox" hundreds of times:
    none reaches the user's stderr, and the logger's level is left as it was."""
    import logging

    from tests.corpus import CORPUS

    pdfs = sorted((CORPUS / "pdf").glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"no PDF in {CORPUS / 'pdf'}")
    with caplog.at_level(logging.WARNING):
        text = read(pdfs[0]).text
    assert text and not [r for r in caplog.records if r.name.startswith("pdfminer")]
    assert logging.getLogger("pdfminer").level == logging.NOTSET
