"""The reader accepts the encodings documents come in and refuses bad files by name."""

from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.read import MAX_LINE, read
from tests.corpus import corpus_file

SAMPLE = (
    "相關科技專案\n化合物半導體元件關鍵技術計畫（2022~2025年）\n執行單位：工業技術研究院\n" * 20
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_reads_the_real_whitepaper_as_utf8() -> None:
    src = read(corpus_file("whitepaper"))
    assert src.encoding == "utf-8"
    assert "相關科技專案" in src.text
    assert len(src.sha256) == 64


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_detects_bom_and_utf16(tmp_path: Path, encoding: str, expected: str) -> None:
    src = read(write(tmp_path, "doc.txt", SAMPLE.encode(encoding)))
    assert src.text.lstrip("\ufeff") == SAMPLE
    assert src.encoding == expected


def test_detects_big5(tmp_path: Path) -> None:
    text = corpus_file("whitepaper").read_text(encoding="utf-8")[20000:40000]
    data = text.encode("cp950", errors="ignore")
    src = read(write(tmp_path, "big5.txt", data))
    assert src.encoding == "cp950"
    assert "產業" in src.text


def test_explicit_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "doc.txt", SAMPLE.encode("cp950"))
    assert read(path, encoding="big5").text == SAMPLE


def test_unknown_encoding_name(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        read(write(tmp_path, "doc.txt", b"abc"), encoding="klingon")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        ("zip.txt", b"PK\x03\x04" + b"\x00" * 100, "binary"),
        ("nul.txt", ("正文" * 50).encode() + b"\x00" * 50 + ("正文" * 50).encode(), "binary|NUL"),
        ("ctrl.txt", "執行單位：工研院\x07\n".encode(), "control characters"),
        ("stray-nul.txt", "執行單位：\x00工研院\n".encode(), "NUL bytes or control"),
        ("truncated.txt", "執行單位：工業技術研究院".encode()[:-1], "truncated"),
        ("latin.txt", "Caf\xe9 na\xefve r\xe9sum\xe9 ".encode("latin-1") * 3, "encoding"),
    ],
)
def test_bad_files_are_refused_by_name(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError, match=message) as err:
        read(path)
    assert name in str(err.value)


def test_huge_single_line(tmp_path: Path) -> None:
    path = write(tmp_path, "oneline.txt", ("字" * (MAX_LINE + 1)).encode())
    with pytest.raises(InputError, match="single line") as err:
        read(path)
    assert "oneline.txt" in str(err.value)


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)


def test_form_feed_page_breaks_are_text(tmp_path: Path) -> None:
    src = read(write(tmp_path, "pages.txt", "第一頁\f第二頁\n".encode()))
    assert "第二頁" in src.text
