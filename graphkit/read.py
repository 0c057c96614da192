"""Read stage: turn a path into decoded text, or refuse it with a message naming the file.

Only this stage (and the stores) touch files. Text files are decoded as UTF-8 (with or without
BOM), UTF-16 (with or without BOM) or Big5/CP950; anything else must be named with
``encoding=``. PDF files go through :mod:`graphkit.pdf`.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from pathlib import Path

from .errors import Errors, InputError
from .normalise import drop_invisible
from .records import SourceText

#: Longest line accepted. Real extractions have lines of a few hundred characters; a file that
#: is one enormous line is not a document layout graphkit understands.
MAX_LINE = 200_000
#: Largest file read, in bytes. The white paper is under 1 MB as text and a few MB as PDF; a
#: larger input is refused before it is read, so a wrong path (a disk image, /dev/zero)
#: cannot take the machine's memory.
MAX_BYTES = 256 << 20

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
    raw = _read_regular(p)
    if not raw.strip():
        raise InputError(Errors.E003.format(path=p))
    sha = hashlib.sha256(raw).hexdigest()
    if raw.startswith(b"%PDF-"):
        from .pdf import read_pdf  # optional dependency, imported only for PDFs

        text = read_pdf(p)
        used = "pdf"
    else:
        text, used = decode(raw, p, encoding)
    text = drop_invisible(text)
    check_text(text, p)
    return SourceText(path=str(p), name=p.name, text=text, sha256=sha, encoding=used)


def _read_regular(p: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; anything else is refused unread.

    A FIFO would block forever, a device (``/dev/zero``) never end, a socket not open.
    """
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputError(Errors.E001.format(path=p)) from None
    except OSError as exc:
        raise InputError(Errors.E011.format(path=p, detail=exc.strerror or exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(Errors.E002.format(path=p))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Errors.E011.format(path=p, detail=f"is {_kind(info.st_mode)}, not a file"))
    if info.st_size > MAX_BYTES:
        raise InputError(
            Errors.E011.format(
                path=p,
                detail=f"is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} "
                "(split the document, or check the path)",
            )
        )
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the check, open does not hang
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(Errors.E011.format(path=p, detail="is not a regular file"))
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(Errors.E011.format(path=p, detail=exc.strerror or exc)) from exc
    if len(raw) > MAX_BYTES:
        raise InputError(Errors.E011.format(path=p, detail=f"grew past {MAX_BYTES:,} bytes"))
    return raw


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes, detecting the encoding unless one is given."""
    if encoding:
        try:
            text_codec = codecs.lookup(encoding)._is_text_encoding
        except LookupError as exc:
            raise InputError(
                Errors.E006.format(path=path, encoding=encoding, detail="unknown encoding")
            ) from exc
        if not text_codec:
            raise InputError(
                Errors.E006.format(
                    path=path, encoding=encoding, detail="not a text encoding (try big5 or utf-8)"
                )
            )
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
        _mostly_utf8(raw, path, exc)
    return _detect_legacy(raw, path)


def _mostly_utf8(raw: bytes, path: Path, exc: UnicodeDecodeError) -> None:
    """Refuse a UTF-8 file with a few lines in another encoding, naming the first line."""
    bad = raw.decode("utf-8", errors="replace").count("\ufffd")
    if bad * 50 >= len(raw):
        return  # mostly not UTF-8: let the detector try the legacy encodings
    line = raw.count(b"\n", 0, exc.start) + 1
    raise InputError(
        Errors.E011.format(
            path=path,
            detail=f"is UTF-8 except line {line:,} (byte {exc.start:,}), which is in another "
            "encoding (Big5?); convert that line to UTF-8 and load again",
        )
    )


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
