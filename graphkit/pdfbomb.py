"""The decompression-bomb check of a PDF, run before pdfplumber parses anything.

pdfminer decodes a whole stream in one call per filter, with no bound: a few hundred KiB of
deflated zeros become gigabytes in memory. :func:`refuse_bomb` decodes every stream pdfminer
would decode, through its whole chain of filters, in bounded pieces, counting bytes and keeping
none, and raises ``E012`` when one stream's data at any step of its chain passes
:data:`MAX_STREAM_BYTES`, or the streams together pass :data:`MAX_INFLATED_BYTES`.

The filters that can expand their input, and so are decoded here as pdfminer would:
``FlateDecode`` (``Fl``), ``LZWDecode`` (``LZW``), ``RunLengthDecode`` (``RL``),
``ASCII85Decode`` (``A85``) and ``ASCIIHexDecode`` (``AHx``), in any order and nesting. The
check stops at a filter pdfminer passes through undecoded (``DCTDecode``, ``JPXDecode``,
``JBIG2Decode``) or cannot decode (``Crypt``, unknown names), counting what came before.
Image streams are skipped: pdfplumber reads their size, never their pixels. Limits:
``CCITTFaxDecode`` (a fax-image filter, which pdfminer decodes in any stream) is not decoded
here, and a filter named through an indirect reference is not followed.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

from .errors import Errors, InputError

__all__ = ["MAX_INFLATED_BYTES", "MAX_STREAM_BYTES", "decode", "filters_of", "refuse_bomb"]

#: Decompression-bomb limits. Real files are far below: a page's content stream is tens of KiB,
#: an embedded CJK font program a few MiB; the 2.7 MB e-bike regulation inflates to 5.3 MB.
MAX_STREAM_BYTES: Final = 64 << 20
MAX_INFLATED_BYTES: Final = 512 << 20

#: How much output one step of a decoder gives at most (and how the raw data is cut).
_CHUNK: Final = 1 << 20
_RAW_PIECE: Final = 64 << 10

#: ``stream`` followed by its end of line: where a stream's data starts (PDF 32000-1 7.3.8).
_STREAM_START = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]+")
_NOT_85 = re.compile(rb"[^!-uz~]+")
_A85_START = re.compile(rb"^\s*<?\s*~")

Decoder = Callable[[Iterable[bytes]], Iterator[bytes]]


def refuse_bomb(path: Path) -> None:
    """Raise ``E012`` when the file's streams decode past the limits.

    Every stream's data follows the keyword ``stream`` in the file itself (streams cannot sit in
    object streams), so scanning the bytes finds all of them without trusting the cross-reference
    table. A stream's filters are read from its dictionary, the text since the ``obj`` that opens
    it.
    """
    data = path.read_bytes()
    total = 0
    pos = 0
    while (found := _STREAM_START.search(data, pos)) is not None:
        start = found.end()
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        pos = end
        head = data[max(0, data.rfind(b"obj", 0, found.start())) : found.start()]
        decoders = [_DECODERS[name] for name in _decoded(filters_of(head))]
        if not decoders or _IMAGE.search(head):
            continue
        total += _largest_step(path, memoryview(data)[start:end], decoders, total)


def filters_of(head: bytes) -> list[str]:
    """The filter names a stream dictionary lists, in the order they are applied.

    >>> filters_of(b"<< /Length 9 /Filter [/ASCII85Decode /FlateDecode] >>")
    ['ASCII85Decode', 'FlateDecode']
    """
    found = _FILTER.search(head)
    if found is None:
        return []
    return [name.decode("latin-1") for name in _NAME.findall(found.group(1))]


def _decoded(names: list[str]) -> list[str]:
    """The leading filters pdfminer decodes and this check follows (abbreviations spelled out)."""
    out = []
    for name in names:
        name = _ABBREVIATIONS.get(name, name)
        if name not in _DECODERS:
            break
        out.append(name)
    return out


def decode(raw: bytes, names: Iterable[str]) -> Iterator[bytes]:
    """The output of the filters ``names`` applied in turn to ``raw``, in bounded pieces.

    >>> b"".join(decode(b"48656C6C6F>", ["AHx"]))
    b'Hello'
    """
    pieces = _pieces(memoryview(raw))
    for name in names:
        pieces = _DECODERS[_ABBREVIATIONS.get(name, name)](pieces)
    return pieces


def _pieces(raw: memoryview) -> Iterator[bytes]:
    return (bytes(raw[i : i + _RAW_PIECE]) for i in range(0, len(raw), _RAW_PIECE))


def _largest_step(path: Path, raw: memoryview, decoders: list[Decoder], before: int) -> int:
    """Decode one stream, counting each filter's output; the largest count, or raise ``E012``.

    pdfminer holds a filter's whole output while the next one runs, so every step counts, not
    only the last.
    """
    sizes = [0] * len(decoders)
    pieces = _pieces(raw)
    for step, decoder in enumerate(decoders):
        pieces = _counted(decoder(pieces), sizes, step)
    for _ in pieces:
        largest = max(sizes)
        if largest > MAX_STREAM_BYTES:
            detail = f"one of its streams expands past {MAX_STREAM_BYTES >> 20} MB"
            raise InputError(Errors.E012.format(path=path, detail=detail))
        if before + largest > MAX_INFLATED_BYTES:
            detail = f"its streams expand past {MAX_INFLATED_BYTES >> 20} MB in all"
            raise InputError(Errors.E012.format(path=path, detail=detail))
    return max(sizes)


def _counted(pieces: Iterator[bytes], sizes: list[int], step: int) -> Iterator[bytes]:
    for piece in pieces:
        sizes[step] += len(piece)
        yield piece


# ------------------------------------------------------------------------------ decoders
# Each takes the encoded data in pieces and yields the decoded data in pieces of at most about
# _CHUNK bytes. Damaged data ends the output where it breaks, as pdfminer stops there too: what
# pdfminer makes of it is not this check's business, only how much it could be.


def _inflate(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """FlateDecode: a zlib stream."""
    inflater = zlib.decompressobj()
    for piece in pieces:
        pending = piece
        while pending and not inflater.eof:
            try:
                out = inflater.decompress(pending, _CHUNK)
            except zlib.error:
                return
            if out:
                yield out
            pending = inflater.unconsumed_tail
        if inflater.eof:
            return


def _ascii_hex(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """ASCIIHexDecode: pairs of hex digits; an odd last digit is followed by a 0.

    Every hex digit counts, even past the ``>`` that ends the data and across white space or
    other bytes: pdfminer decodes the pairs it finds anywhere, and this count must never be
    smaller than its output.
    """
    carry = b""
    for piece in pieces:
        text = carry + _NOT_HEX.sub(b"", piece)
        even = len(text) & ~1
        carry = text[even:]
        yield binascii.unhexlify(text[:even])
    if carry:
        yield binascii.unhexlify(carry + b"0")


def _ascii85(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """ASCII85Decode: groups of five characters ``!``-``u`` up to ``~``; ``z`` is four zeros.

    A leading ``<~`` or ``~`` is skipped (pdfminer strips it), other bytes are skipped too, and
    a last partial group counts only when the data ends with ``~``: never less than pdfminer
    decodes.
    """
    carry = b""
    first = True
    for piece in pieces:
        if first and piece:
            piece, first = _A85_START.sub(b"", piece, count=1), False
        text, end, _ = _NOT_85.sub(b"", piece).partition(b"~")
        text = carry + text.replace(b"z", b"!!!!!")  # z stands only between groups
        cut = len(text) if end else len(text) - len(text) % 5
        carry = text[cut:]
        try:
            yield base64.a85decode(text[:cut])
        except ValueError:  # a z inside a group, which pdfminer refuses too
            return
        if end:
            return


def _run_length(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """RunLengthDecode: a length byte, then that many literal bytes or one byte repeated."""
    data = b""
    out: list[bytes] = []
    size = 0
    for piece in pieces:
        data += piece
        at = 0
        while at < len(data):
            length = data[at]
            if length == 128:
                yield b"".join(out)
                return
            need = length + 2 if length < 128 else 2
            if at + need > len(data):
                break  # the run continues in the next piece
            literal = length < 128
            run = data[at + 1 : at + need] if literal else data[at + 1 : at + 2] * (257 - length)
            out.append(run)
            size += len(run)
            at += need
            if size >= _CHUNK:
                yield b"".join(out)
                out, size = [], 0
        data = data[at:]
    yield b"".join(out)


def _lzw(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """LZWDecode, by pdfminer's own decoder (which yields one code's output at a time)."""
    from pdfminer.lzw import LZWDecoder

    out: list[bytes] = []
    size = 0
    for word in LZWDecoder(_Reader(iter(pieces))).run():  # type: ignore[arg-type]
        out.append(word)
        size += len(word)
        if size >= _CHUNK:
            yield b"".join(out)
            out, size = [], 0
    yield b"".join(out)


class _Reader:
    """A file's ``read`` over data given in pieces (what pdfminer's LZW decoder reads from)."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._buffer = b""
        self._at = 0

    def read(self, size: int) -> bytes:
        if self._at + size > len(self._buffer):
            rest = [self._buffer[self._at :]]
            have = len(rest[0])
            while have < size and (piece := next(self._pieces, None)) is not None:
                rest.append(piece)
                have += len(piece)
            self._buffer, self._at = b"".join(rest), 0
        out = self._buffer[self._at : self._at + size]
        self._at += len(out)
        return out


_DECODERS: Final[dict[str, Decoder]] = {
    "FlateDecode": _inflate,
    "LZWDecode": _lzw,
    "RunLengthDecode": _run_length,
    "ASCII85Decode": _ascii85,
    "ASCIIHexDecode": _ascii_hex,
}
_ABBREVIATIONS: Final = {
    "Fl": "FlateDecode",
    "LZW": "LZWDecode",
    "RL": "RunLengthDecode",
    "A85": "ASCII85Decode",
    "AHx": "ASCIIHexDecode",
}
