"""Read stage: turn a path into decoded text, or refuse it with a message naming the file.

Only this stage (and the stores) touch files. Text files are decoded as UTF-8 (with or without
BOM), UTF-16 (with or without BOM) or Big5/CP950; anything else must be named with
``encoding=``. PDF files go through :mod:`graphkit.pdf`.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from .errors import Errors, InputError
from .records import SourceText

#: Longest line accepted. Real extractions have lines of a few hundred characters; a file that
#: is one enormous line is not a document layout graphkit understands.
MAX_LINE = 200_000

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP/Office archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xd0\xcf\x11\xe0", "an OLE/legacy Office file"),
)

# Control characters other than tab, newline, carriage return and form feed (page break).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read(path: str | Path, encoding: str | None = None) -> SourceText:
    """Read one input file.

    Args:
        path: the file to read (``.txt`` or any text file; ``.pdf`` via pdfplumber).
        encoding: force a text encoding instead of detecting it.

    Raises:
        InputError: missing path, directory, empty, binary, undecodable, control characters,
            truncated multi-byte character, or a line longer than :data:`MAX_LINE`.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(Errors.E001.format(path=p))
    if p.is_dir():
        raise InputError(Errors.E002.format(path=p))
    raw = p.read_bytes()
    if not raw.strip():
        raise InputError(Errors.E003.format(path=p))
    sha = hashlib.sha256(raw).hexdigest()
    if raw.startswith(b"%PDF-"):
        from .pdf import read_pdf  # optional dependency, imported only for PDFs

        text = read_pdf(p)
        used = "pdf"
    else:
        text, used = decode(raw, p, encoding)
    check_text(text, p)
    return SourceText(path=str(p), name=p.name, text=text, sha256=sha, encoding=used)


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes, detecting the encoding unless one is given."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise InputError(
                Errors.E006.format(path=path, encoding=encoding, detail="unknown encoding")
            ) from exc
        return _strict(raw, path, encoding), encoding
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw, path, "utf-8-sig"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, path, "utf-16"), "utf-16"
    for magic, what in _BINARY_MAGIC:
        if raw.startswith(magic):
            raise InputError(Errors.E004.format(path=path, detail=what))
    if b"\x00" in raw:
        utf16 = _guess_utf16(raw)
        if utf16:
            return _strict(raw, path, utf16), utf16
        if raw.count(b"\x00") > max(8, len(raw) // 100):
            raise InputError(Errors.E004.format(path=path, detail="many NUL bytes"))
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(raw):
            raise InputError(
                Errors.E011.format(
                    path=path,
                    detail=f"ends inside a UTF-8 character at byte {exc.start:,} (truncated file?)",
                )
            ) from exc
    return _detect_legacy(raw, path)


def _strict(raw: bytes, path: Path, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            Errors.E006.format(
                path=path, encoding=encoding, detail=f"{exc.reason} at byte {exc.start:,}"
            )
        ) from exc


def _guess_utf16(raw: bytes) -> str | None:
    """UTF-16 without BOM: one byte of every ASCII character is NUL, on one side only."""
    if len(raw) % 2:
        return None
    even = raw[0::2].count(0)
    odd = raw[1::2].count(0)
    candidates = []
    if odd > 4 * max(even, 1):
        candidates.append("utf-16-le")
    if even > 4 * max(odd, 1):
        candidates.append("utf-16-be")
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return enc
    return None


def _detect_legacy(raw: bytes, path: Path) -> tuple[str, str]:
    """Not UTF-8: accept Big5/CP950 when the detector is sure, else ask for --encoding."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(Errors.E004.format(path=path, detail="no text encoding fits"))
    enc = best.encoding.lower().replace("_", "")
    if enc in {"big5", "cp950", "big5hkscs"} and best.chaos < 0.2:
        return _strict(raw, path, "cp950"), "cp950"
    raise InputError(
        Errors.E005.format(
            path=path,
            detail=f"not UTF-8; best guess {best.encoding} with {best.chaos:.0%} noise",
        )
    )


def check_text(text: str, path: Path) -> None:
    """Refuse decoded text that would corrupt the store or the segmenter."""
    bad = _CONTROL.search(text)
    if bad:
        char = repr(bad.group())
        raise InputError(
            Errors.E007.format(
                path=path,
                offset=f"{bad.start():,}",
                detail=f"found {char}; remove them (e.g. tr -d '\\000-\\010') and load again",
            )
        )
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > MAX_LINE:
        raise InputError(Errors.E008.format(path=path, length=longest, limit=MAX_LINE))
    if not text.strip():
        raise InputError(Errors.E003.format(path=path))
