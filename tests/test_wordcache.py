"""graphkit's copy of jieba's prefix dictionary: jieba's own, read only from a private file."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import jieba
import pytest

from graphkit import wordcache
from graphkit.wordcache import CACHE_NAME, initialise


@pytest.fixture(scope="module")
def reference() -> Any:
    """jieba's own prefix dictionary, as jieba builds or loads it."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("GRAPHKIT_CACHE", str(path))
    return path


def made(monkeypatch: pytest.MonkeyPatch | None = None) -> Any:
    tokenizer = jieba.Tokenizer()
    if monkeypatch is not None:  # reading the cache must not build the dictionary
        monkeypatch.setattr(tokenizer, "gen_pfdict", lambda *_: pytest.fail("built again"))
    initialise(tokenizer)
    return tokenizer


def same(tokenizer: Any, reference: Any) -> bool:
    return bool(
        tokenizer.initialized
        and tokenizer.total == reference.total
        and tokenizer.FREQ == reference.FREQ
    )


def planted(reference: Any) -> bytes:
    """A cache with the right key and a dictionary of one word: found only if it is read."""
    key = wordcache._key(reference)
    return marshal.dumps((key, {"假": 1}, 1))


def test_the_dictionary_is_built_once_then_read_from_a_private_file(
    folder: Path, reference: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert same(made(), reference)
    cache = folder / CACHE_NAME
    assert cache.stat().st_mode & 0o777 == 0o600 and folder.stat().st_mode & 0o777 == 0o700
    assert same(made(monkeypatch), reference)


def test_a_cache_of_another_word_list_is_made_again(folder: Path, reference: Any) -> None:
    folder.mkdir(mode=0o700)
    (folder / CACHE_NAME).write_bytes(marshal.dumps((("other", 1, 1), {"假": 1}, 1)))
    assert same(made(), reference)
    key, _, _ = marshal.loads((folder / CACHE_NAME).read_bytes())
    assert key == wordcache._key(reference)


def test_a_damaged_cache_is_made_again(folder: Path, reference: Any) -> None:
    folder.mkdir(mode=0o700)
    (folder / CACHE_NAME).write_bytes(b"\x00garbage")
    assert same(made(), reference)


def test_a_symlinked_cache_is_never_read(folder: Path, reference: Any, tmp_path: Path) -> None:
    folder.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(planted(reference))
    elsewhere.chmod(0o600)
    (folder / CACHE_NAME).symlink_to(elsewhere)
    assert same(made(), reference)
    assert elsewhere.read_bytes() == planted(reference)  # its target untouched


def test_a_cache_others_may_write_is_never_read(folder: Path, reference: Any) -> None:
    folder.mkdir(mode=0o700)
    cache = folder / CACHE_NAME
    cache.write_bytes(planted(reference))
    cache.chmod(0o666)
    assert same(made(), reference)


def test_a_folder_others_may_write_gets_no_cache(folder: Path, reference: Any) -> None:
    folder.mkdir()
    folder.chmod(0o777)
    assert same(made(), reference)
    assert list(folder.iterdir()) == []


def test_the_cache_folder_follows_graphkit_then_xdg_then_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRAPHKIT_CACHE", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert wordcache.cache_folder() == tmp_path / "mine"
    monkeypatch.delenv("GRAPHKIT_CACHE")
    assert wordcache.cache_folder() == tmp_path / "xdg" / "graphkit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert wordcache.cache_folder() == tmp_path / "home" / ".cache" / "graphkit"
