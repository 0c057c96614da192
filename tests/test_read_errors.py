"""The reader's decisions at their edges, and its exact messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.read import read

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
