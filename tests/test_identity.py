"""Document identity (issue 13 item 6): known by path, named by file name, one copy of a content.

The integration tests build the two short files of ``examples/`` into real embedded stores.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.errors import StoreError
from graphkit.identity import LoadedDocument, identify
from graphkit.ledger import PATHS_NAME
from graphkit.records import SourceText
from graphkit.workspace import Workspace

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))


def _source(path: str, sha: str) -> SourceText:
    return SourceText(path, Path(path).name, "text", sha, "utf-8")


# ---------------------------------------------------------------------- the rule, pure


def test_rule_table() -> None:
    loaded = {
        "document:w.txt": LoadedDocument("w.txt", "s1", "/d/2024/w.txt"),
        "document:old.txt": LoadedDocument("old.txt", "s9", None),  # path never recorded
    }
    sources = [
        _source("/d/2024/w.txt", "s2"),  # same path, new content: that document
        _source("/d/2025/w.txt", "s3"),  # same name, other path: a new document, disambiguated
        _source("/e/2025/w.txt", "s4"),  # 2025/w.txt taken too: one more folder
        _source("/d/copy/x.txt", "s9"),  # the content of old.txt from another path: old.txt
        _source("/d/new/old.txt", "s8"),  # a name whose path was never recorded: that document
        _source("/d/unique.txt", "s5"),  # a free name: the plain name
    ]
    got = [(i.document_id, i.source.name, i.same_as) for i in identify(sources, loaded)]
    assert got == [
        ("document:w.txt", "w.txt", None),
        ("document:2025/w.txt", "2025/w.txt", None),
        ("document:e/2025/w.txt", "e/2025/w.txt", None),
        ("document:old.txt", "x.txt", loaded["document:old.txt"]),
        ("document:old.txt", "old.txt", None),
        ("document:unique.txt", "unique.txt", None),
    ]


def test_same_content_twice_in_one_build_is_one_document() -> None:
    first, second = identify([_source("/a/p.txt", "s"), _source("/b/q.txt", "s")], {})
    assert (first.document_id, first.same_as) == ("document:p.txt", None)
    assert second.document_id == "document:p.txt"
    assert second.same_as == LoadedDocument("p.txt", "s", "/a/p.txt")


def test_one_build_names_files_by_path_order_not_argument_order() -> None:
    """Two same-named files, and two copies of one content, in either order: the same ids."""
    named = [_source("/d/2025/w.txt", "s2"), _source("/d/2024/w.txt", "s1")]
    copies = [_source("/b/q.txt", "s"), _source("/a/p.txt", "s")]
    for sources in (named + copies, list(reversed(named + copies))):
        got = {i.source.path: (i.document_id, i.same_as) for i in identify(sources, {})}
        assert got == {
            "/d/2024/w.txt": ("document:w.txt", None),
            "/d/2025/w.txt": ("document:2025/w.txt", None),
            "/a/p.txt": ("document:p.txt", None),
            "/b/q.txt": ("document:p.txt", LoadedDocument("p.txt", "s", "/a/p.txt")),
        }
    # the answers come back in the order the files were given
    assert [i.source.path for i in identify(named, {})] == ["/d/2025/w.txt", "/d/2024/w.txt"]


def test_old_content_moved_away_while_its_path_gets_new_content_is_kept() -> None:
    loaded = {"document:w.txt": LoadedDocument("w.txt", "s2024", "/d/w.txt")}
    sources = [_source("/d/w.txt", "s2025"), _source("/d/archive/w-2024.txt", "s2024")]
    got = [(i.document_id, i.same_as) for i in identify(sources, loaded)]
    assert got == [("document:w.txt", None), ("document:w-2024.txt", None)]


def test_the_same_name_in_the_root_folder_falls_back_to_the_full_path() -> None:
    loaded = {"document:w.txt": LoadedDocument("w.txt", "s1", "/x/w.txt")}
    (ident,) = identify([_source("/w.txt", "s2")], loaded)
    assert ident.document_id == "document:/w.txt"


# ------------------------------------------------------------------ real stores


@pytest.fixture
def two_years(tmp_path: Path) -> tuple[Path, Path]:
    """``2024/whitepaper.txt`` and ``2025/whitepaper.txt``: one name, two contents."""
    for year, example in zip(("2024", "2025"), EXAMPLES, strict=True):
        (tmp_path / year).mkdir()
        (tmp_path / year / "whitepaper.txt").write_bytes(example.read_bytes())
    return tmp_path / "2024" / "whitepaper.txt", tmp_path / "2025" / "whitepaper.txt"


def _docs(ws: Workspace) -> list[tuple[str, str]]:
    return [(d["id"], d["name"]) for d in ws.documents()]


def test_one_name_from_two_folders_is_two_documents(
    tmp_path: Path, two_years: tuple[Path, Path]
) -> None:
    first, second = two_years
    ws = Workspace(tmp_path / "s")
    ws.build([first])
    report = ws.build([second])
    assert [(d.document_id, d.status) for d in report.documents] == [
        ("document:2025/whitepaper.txt", "loaded")
    ]
    assert report.warnings == []
    both = [("document:2025/whitepaper.txt", "2025/whitepaper.txt"),
            ("document:whitepaper.txt", "whitepaper.txt")]  # fmt: skip
    assert _docs(ws) == both
    paths = json.loads((ws.ledger.path / PATHS_NAME).read_text(encoding="utf-8"))
    assert paths == {
        "document:2025/whitepaper.txt": str(second.resolve()),
        "document:whitepaper.txt": str(first.resolve()),
    }
    # In one build, in either order, the ids and the graph are the same.
    one = Workspace(tmp_path / "one")
    assert [d.status for d in one.build([first, second]).documents] == ["loaded", "loaded"]
    assert one.digest() == ws.digest()
    reverse = Workspace(tmp_path / "reverse")
    assert [(d.document_id, d.status) for d in reverse.build([second, first]).documents] == [
        ("document:2025/whitepaper.txt", "loaded"),
        ("document:whitepaper.txt", "loaded"),
    ]
    assert _docs(reverse) == both
    assert reverse.digest() == ws.digest()
    # Built again: both unchanged, each known by its path.
    again = ws.build([second, first])
    assert [(d.document_id, d.status) for d in again.documents] == [
        ("document:2025/whitepaper.txt", "unchanged"),
        ("document:whitepaper.txt", "unchanged"),
    ]
    # Removed by the name the build gave it.
    ws.remove(["2025/whitepaper.txt"])
    assert _docs(ws) == [("document:whitepaper.txt", "whitepaper.txt")]
    paths = json.loads((ws.ledger.path / PATHS_NAME).read_text(encoding="utf-8"))
    assert paths == {"document:whitepaper.txt": str(first.resolve())}


def test_new_content_at_the_same_path_is_a_new_version(tmp_path: Path) -> None:
    doc = tmp_path / "paper.txt"
    ws, fresh = Workspace(tmp_path / "s"), Workspace(tmp_path / "fresh")
    doc.write_bytes(EXAMPLES[0].read_bytes())
    ws.build([doc])
    doc.write_bytes(EXAMPLES[1].read_bytes())
    report = ws.build([doc])
    assert [(d.document_id, d.status) for d in report.documents] == [
        ("document:paper.txt", "replaced")
    ]
    assert report.warnings == [
        f"{doc}: new content for the loaded document paper.txt: a new version of it, "
        "which replaces the old one"
    ]
    fresh.build([doc])
    assert ws.digest() == fresh.digest()


def test_the_same_content_from_another_path_is_not_loaded_twice(
    tmp_path: Path, two_years: tuple[Path, Path]
) -> None:
    first, _ = two_years
    copy = tmp_path / "copy" / "renamed.txt"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    ws = Workspace(tmp_path / "s")
    ws.build([first])
    before = ws.digest()
    report = ws.build([copy])
    assert [(d.document_id, d.status) for d in report.documents] == [
        ("document:whitepaper.txt", "duplicate")
    ]
    assert report.warnings == [
        f"{copy}: same content as the document whitepaper.txt loaded from {first.resolve()}; "
        "not loaded twice"
    ]
    assert ws.digest() == before
    # Both in one build: loaded once.
    one = Workspace(tmp_path / "one")
    assert [d.status for d in one.build([first, copy]).documents] == ["loaded", "duplicate"]
    assert one.digest() == before


def test_a_store_without_recorded_paths_keeps_the_file_name_rule(
    tmp_path: Path, two_years: tuple[Path, Path]
) -> None:
    """Stores built before paths were recorded: the same name is the same document."""
    first, second = two_years
    ws = Workspace(tmp_path / "s")
    ws.build([first])
    (ws.ledger.path / PATHS_NAME).unlink()
    unchanged = ws.build([first])  # records the path, changes nothing else
    assert [d.status for d in unchanged.documents] == ["unchanged"]
    assert json.loads((ws.ledger.path / PATHS_NAME).read_text(encoding="utf-8")) == {
        "document:whitepaper.txt": str(first.resolve())
    }
    (ws.ledger.path / PATHS_NAME).unlink()
    report = ws.build([second])
    assert [(d.document_id, d.status) for d in report.documents] == [
        ("document:whitepaper.txt", "replaced")
    ]
    assert _docs(ws) == [("document:whitepaper.txt", "whitepaper.txt")]


def test_a_damaged_path_index_is_named(tmp_path: Path, two_years: tuple[Path, Path]) -> None:
    first, _ = two_years
    ws = Workspace(tmp_path / "s")
    ws.build([first])
    (ws.ledger.path / PATHS_NAME).write_text('{"document:whitepaper.txt": 3', encoding="utf-8")
    with pytest.raises(StoreError, match=rf"{PATHS_NAME} is unreadable .*; delete it"):
        ws.build([first])
