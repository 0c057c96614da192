"""The reader's decisions at their edges, and its exact messages."""

from __future__ import annotations

import hashlib
import os
import re
import socket
from pathlib import Path

import pytest

import graphkit.read as read_module
from graphkit.errors import InputError
from graphkit.read import MAX_LINE, read
from graphkit.records import SourceText

BINARY_TAIL = "graphkit reads UTF-8/UTF-16/Big5 text and PDF files"


def write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path, encoding: str | None = None) -> str:
    with pytest.raises(InputError) as err:
        read(path, encoding=encoding)
    return str(err.value)


def test_a_forced_encoding_that_does_not_fit_names_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "甲".encode() * 500 + b"\xff")
    assert refusal(path, "utf-8") == (
        f"{path}: cannot be decoded as utf-8: invalid start byte at byte 1,500"
    )


def test_a_bom_that_lies_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfabc\xff")
    # (The byte offset counts from after the BOM.)
    assert refusal(path).startswith(f"{path}: cannot be decoded as utf-8-sig: invalid start byte")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_needs_more_than_four_ascii_characters(
    tmp_path: Path, codec: str
) -> None:
    assert read(write(tmp_path, "abcde".encode(codec))).encoding == codec
    assert read(write(tmp_path, "abcde".encode(codec))).text == "abcde"
    # Four NULs are too few to call it UTF-16; as UTF-8 the NULs are control characters.
    message = refusal(write(tmp_path, "abcd".encode(codec)))
    assert "contains NUL bytes or control characters" in message


def test_utf16_without_bom_is_refused_when_it_decodes_to_control_characters(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "abcdefgh\x07".encode("utf-16-le"))
    # Not UTF-16 after all, and nine NUL bytes are too many for text.
    assert refusal(path) == f"{path}: looks binary (many NUL bytes); {BINARY_TAIL}"


def test_many_nul_bytes_of_odd_length_are_binary(tmp_path: Path) -> None:
    path = write(tmp_path, b"a\x00" * 20 + b"b")
    assert refusal(path) == f"{path}: looks binary (many NUL bytes); {BINARY_TAIL}"


def test_bytes_no_encoding_fits_are_binary(tmp_path: Path) -> None:
    path = write(tmp_path, bytes(range(128, 256)) * 3)
    assert refusal(path) == f"{path}: looks binary (no text encoding fits); {BINARY_TAIL}"


def test_a_legacy_encoding_that_is_not_big5_asks_for_one(tmp_path: Path) -> None:
    path = write(tmp_path, "Caf\xe9 na\xefve r\xe9sum\xe9 ".encode("latin-1") * 3)
    message = refusal(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: cannot tell the text encoding \(not UTF-8; best guess "
        r"\S+ with \d+% noise\); say it with --encoding \(e\.g\. --encoding big5\)",
        message,
    ), message


def test_missing_directory_and_empty_messages(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert refusal(missing) == f"{missing}: no such file or directory"
    assert refusal(tmp_path) == (
        f"{tmp_path}: is a directory, not a file (pass the files inside it, e.g. {tmp_path}/*.txt)"
    )
    empty = write(tmp_path, b" \n\t ")
    assert refusal(empty) == f"{empty}: the file is empty"
    # Blank once decoded: a UTF-8 BOM and spaces.
    bom = write(tmp_path, b"\xef\xbb\xbf   ", "bom.txt")
    assert refusal(bom) == f"{bom}: the file is empty"


@pytest.mark.parametrize(
    ("magic", "what"),
    [
        (b"PK\x03\x04", "a ZIP/Office archive"),
        (b"\x7fELF", "an ELF executable"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1f\x8b", "gzip data"),
        (b"\xd0\xcf\x11\xe0", "an OLE/legacy Office file"),
    ],
)
def test_known_binary_formats_are_named(tmp_path: Path, magic: bytes, what: str) -> None:
    path = write(tmp_path, magic + b"text" * 10)
    assert refusal(path) == f"{path}: looks binary ({what}); {BINARY_TAIL}"


@pytest.mark.parametrize(
    ("size", "nuls", "binary"),
    [(101, 8, False), (101, 9, True), (1001, 10, False), (1001, 11, True)],
)
def test_nul_bytes_beyond_one_percent_or_eight_are_binary(
    tmp_path: Path, size: int, nuls: int, binary: bool
) -> None:
    path = write(tmp_path, b"\x00" * nuls + b"a" * (size - nuls))
    message = refusal(path)
    if binary:
        assert message == f"{path}: looks binary (many NUL bytes); {BINARY_TAIL}"
    else:
        assert message.startswith(f"{path}: contains NUL bytes or control characters at offset 0")


def test_a_file_cut_inside_a_character_is_called_truncated(tmp_path: Path) -> None:
    path = write(tmp_path, "甲".encode() * 500 + "乙".encode()[:2])
    assert refusal(path) == (
        f"{path}: ends inside a UTF-8 character at byte 1,500 (truncated file?)"
    )
    # Cut in the middle of the file instead: not a truncation, an unknown encoding.
    inner = write(tmp_path, "甲".encode()[:2] + "乙".encode() * 5, "inner.txt")
    assert "truncated" not in refusal(inner)


def test_control_characters_are_located(tmp_path: Path) -> None:
    path = write(tmp_path, ("甲" * 1500 + "\x07").encode())
    assert refusal(path) == (
        f"{path}: contains NUL bytes or control characters at offset 1,500; "
        "found '\\x07'; remove them (e.g. tr -d '\\000-\\010') and load again"
    )


def test_the_longest_line_accepted(tmp_path: Path) -> None:
    ok = write(tmp_path, ("字" * MAX_LINE + "\n短\n").encode(), "ok.txt")
    assert len(read(ok).text) == MAX_LINE + 3
    long = write(tmp_path, ("短\n" + "字" * (MAX_LINE + 1)).encode(), "long.txt")
    assert refusal(long) == (
        f"{long}: a single line of {MAX_LINE + 1:,} characters exceeds the limit of {MAX_LINE:,}"
    )


def test_source_text_fields(tmp_path: Path) -> None:
    data = "執行單位:工研院\n".encode()
    path = write(tmp_path, data, "src.txt")
    assert read(path) == SourceText(
        path=str(path),
        name="src.txt",
        text="執行單位:工研院\n",
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="utf-8",
    )
    assert read(str(path)).path == str(path)


def test_unknown_encoding_name_message(tmp_path: Path) -> None:
    path = write(tmp_path, b"abc")
    assert refusal(path, "klingon") == (f"{path}: cannot be decoded as klingon: unknown encoding")


def test_utf16_with_bom_that_does_not_decode(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8")
    assert refusal(path).startswith(f"{path}: cannot be decoded as utf-16: ")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_guess_weighs_nuls_on_both_sides(tmp_path: Path, codec: str) -> None:
    # Six NULs on one side, two on the other (Ā is U+0100): not four times as many.
    path = write(tmp_path, "abcdefĀĀ".encode(codec))
    assert "contains NUL bytes or control characters" in refusal(path)


def test_an_invalid_last_byte_is_not_a_truncation(tmp_path: Path) -> None:
    path = write(tmp_path, "甲".encode() * 5 + b"\xff")
    assert "truncated" not in refusal(path)


def test_a_bom_alone_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf")
    assert refusal(path) == f"{path}: the file is empty"


def test_special_files_are_refused_unread(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert refusal(fifo) == f"{fifo}: is a named pipe (FIFO), not a file"
    sock_path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        assert refusal(sock_path) == f"{sock_path}: is a socket, not a file"
    assert refusal(Path("/dev/null")) == "/dev/null: is a device, not a file"
    inside = write(tmp_path, b"x") / "below.txt"
    assert refusal(inside) == f"{inside}: Not a directory"


def test_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_module, "MAX_BYTES", 1_000)
    assert len(read(write(tmp_path, b"a" * 1_000)).text) == 1_000
    big = write(tmp_path, b"a" * 1_001, "big.txt")
    assert refusal(big) == (
        f"{big}: is 1,001 bytes; the limit is 1,000 (split the document, or check the path)"
    )


def test_a_utf8_file_with_one_foreign_line_names_it(tmp_path: Path) -> None:
    head = "第一行。\n".encode() * 30
    path = write(tmp_path, head + "第二行".encode("big5") + "\n尾。\n".encode())
    assert refusal(path) == (
        f"{path}: is UTF-8 except line 31 (byte {len(head):,}), which is in another encoding "
        "(Big5?); convert that line to UTF-8 and load again"
    )
    blank_first = write(tmp_path, b"\n" + head + "第二行".encode("big5"), "blank.txt")
    assert refusal(blank_first).startswith(f"{blank_first}: is UTF-8 except line 32 ")
    # One bad byte in fifty or more: not mostly UTF-8, so the legacy detector decides.
    mostly = write(tmp_path, b"a" * 50 + b"\xff", "mostly.txt")
    assert refusal(mostly).startswith(f"{mostly}: is UTF-8 except line 1 (byte 50)")
    legacy = write(tmp_path, b"a" * 49 + b"\xff", "legacy.txt")
    assert "is UTF-8 except" not in refusal(legacy)


def test_a_codec_that_is_not_a_text_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, b"YWJj")
    assert refusal(path, "base64") == (
        f"{path}: cannot be decoded as base64: not a text encoding (try big5 or utf-8)"
    )
