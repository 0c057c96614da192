"""Editions across years: incremental loads, diffs and exact removal, on the real white paper
and a second edition made from it at test time (tests/editions.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphkit.catalog import get
from graphkit.diff import diff
from graphkit.errors import InputError, QueryError
from graphkit.ledger import PATHS_NAME, STATE_NAME
from graphkit.mergestate import FILE_NAME as MERGE_STATE
from graphkit.normalise import normalise_name
from graphkit.pipeline import Pipeline
from graphkit.store.base import GraphStore
from graphkit.workspace import Workspace
from tests.corpus import corpus_file, report_files
from tests.editions import next_edition


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, list[str]]]:
    folder = tmp_path_factory.mktemp("editions")
    first = folder / "whitepaper-first.txt"
    first.write_text(corpus_file("whitepaper").read_text(encoding="utf-8"), encoding="utf-8")
    text, changes = next_edition(first.read_text(encoding="utf-8"))
    second = folder / "whitepaper-second.txt"
    second.write_text(text, encoding="utf-8")
    return first, second, changes


@pytest.fixture(scope="module")
def two_editions(
    tmp_path_factory: pytest.TempPathFactory,
    editions: tuple[Path, Path, dict[str, list[str]]],
    pipeline: Pipeline,
) -> Iterator[GraphStore]:
    ws = Workspace(tmp_path_factory.mktemp("two-editions"))
    ws.build(editions[:2], pipeline=pipeline)
    with ws.open() as store:
        yield store


def test_editions_detected_and_stored(two_editions: GraphStore) -> None:
    editions = {d["edition"] for d in two_editions.documents()}
    assert editions == {"2025/2026", "2026/2027"}
    (row,) = two_editions.run(
        "MATCH (a:Agency {name: '工業技術研究院'}) RETURN a.editions AS e, size(a.sources) AS s"
    ).records()
    assert sorted(row["e"]) == ["2025/2026", "2026/2027"] and row["s"] == 2


def test_diff_shows_new_ended_and_continuing(
    two_editions: GraphStore, editions: tuple[Path, Path, dict[str, list[str]]]
) -> None:
    changes = editions[2]
    result = diff(two_editions, "2025/2026", "2026/2027")
    assert {p["name"] for p in result.new} == {normalise_name(n) for n in changes["added"]}
    assert {p["name"] for p in result.ended} == {normalise_name(n) for n in changes["dropped"]}
    assert len(result.continuing) >= 60
    # The second edition writes an agency by its short name: still the same agency.
    rows = two_editions.run(
        "MATCH (a:Agency) WHERE a.name IN ['金屬中心', '金屬工業研究發展中心'] "
        "RETURN a.name AS name, a.editions AS editions"
    ).records()
    assert [(r["name"], sorted(r["editions"])) for r in rows] == [
        ("金屬工業研究發展中心", ["2025/2026", "2026/2027"])
    ]
    assert all(p["agency"] != "金屬中心" for p in result.entering)
    assert result.counts["Programme"]["2026/2027"] < result.counts["Programme"]["2025/2026"]
    as_json = result.as_json()
    assert set(as_json) == {"editions", "counts", "programmes", "agencies_on_technologies"}


def test_diff_of_an_unknown_edition(two_editions: GraphStore) -> None:
    with pytest.raises(QueryError, match="not loaded"):
        diff(two_editions, "2025/2026", "1999/2000")


def test_agencies_by_technology_reflects_both_editions(two_editions: GraphStore) -> None:
    q = get("agencies-by-technology")
    years = {r["year"] for r in two_editions.run(q.cypher, q.bind()).records()}
    # The second edition shifted every span by a year: the latest year appears only through it.
    programmes = two_editions.run(
        "MATCH (p:Programme)-[:DEVELOPS]->(:Technology {name: '碳化矽'}) "
        "RETURN max(p.end_year) AS y"
    ).records()[0]["y"]
    assert max(years) == programmes


def test_removing_an_edition_restores_the_other_exactly(
    tmp_path: Path, editions: tuple[Path, Path, dict[str, list[str]]], pipeline: Pipeline
) -> None:
    first, second, _ = editions
    both, one = Workspace(tmp_path / "both"), Workspace(tmp_path / "one")
    both.build([first, second], pipeline=pipeline)
    one.build([first], pipeline=pipeline)
    assert both.digest() != one.digest()
    report = both.remove([second.name])
    assert [d.status for d in report.documents] == ["removed"]
    assert both.digest() == one.digest()
    assert both.stats() == one.stats()
    # Only the ledger entries of loaded documents remain, beside the fingerprints of the
    # graph written whole last, the merge state and the path index.
    names = sorted(p.name for p in both.ledger.path.iterdir())
    assert len(names) == 4 and names[1:] == [STATE_NAME, MERGE_STATE, PATHS_NAME]


def test_load_order_does_not_matter(
    tmp_path: Path, editions: tuple[Path, Path, dict[str, list[str]]], pipeline: Pipeline
) -> None:
    first, second, _ = editions
    ab, ba = Workspace(tmp_path / "ab"), Workspace(tmp_path / "ba")
    ab.build([first], pipeline=pipeline)
    ab.build([second], pipeline=pipeline)
    ba.build([second, first], pipeline=pipeline)
    assert ab.digest() == ba.digest()


def test_changed_file_replaces_its_old_version(
    tmp_path: Path, editions: tuple[Path, Path, dict[str, list[str]]], pipeline: Pipeline
) -> None:
    first, second, _ = editions
    doc = tmp_path / "paper.txt"
    store, fresh = Workspace(tmp_path / "s"), Workspace(tmp_path / "fresh")
    doc.write_bytes(first.read_bytes())
    store.build([doc], pipeline=pipeline)
    doc.write_bytes(second.read_bytes())
    report = store.build([doc], pipeline=pipeline)
    assert [d.status for d in report.documents] == ["replaced"]
    assert any("new version" in w for w in report.warnings)
    fresh.build([doc], pipeline=pipeline)
    assert store.digest() == fresh.digest()


def test_edition_label_given_on_the_command_line(tmp_path: Path, pipeline: Pipeline) -> None:
    ws = Workspace(tmp_path / "s")
    ws.build([corpus_file("chapter")], pipeline=pipeline, edition="2025-test")
    assert {d["edition"] for d in ws.documents()} == {"2025-test"}
    # Same file, another label: not a no-op, the label changes.
    report = ws.build([corpus_file("chapter")], pipeline=pipeline, edition="x")
    assert [d.status for d in report.documents] == ["replaced"]
    assert {d["edition"] for d in ws.documents()} == {"x"}


def test_removing_an_unknown_document(tmp_path: Path, pipeline: Pipeline) -> None:
    ws = Workspace(tmp_path / "s")
    ws.build([corpus_file("chapter")], pipeline=pipeline)
    with pytest.raises(InputError, match="not a loaded document"):
        ws.remove(["nothing.txt"])


def test_13_15_editions_compare_within_a_series(tmp_path: Path, pipeline: Pipeline) -> None:
    """Issue 13 item 15: the AIF 2023 survey and the KPMG 2026 report counted as editions of
    the white paper's series."""
    ws = Workspace(tmp_path / "s")
    ws.build([corpus_file("chapter"), *report_files()], pipeline=pipeline)
    rows = ws.cypher("MATCH (d:Document) RETURN d.edition AS edition, d.series AS series")
    series = {r["edition"]: r["series"] for r in rows.records()}
    assert series["2025/2026"] == "產業技術白皮書"
    assert len(set(series.values())) == len(series) == 3  # 2023, 2025/2026, 2026
    for a, b in (("2023", "2025/2026"), ("2025/2026", "2026")):
        with pytest.raises(QueryError, match="belong to different series"):
            ws.diff(a, b)


def test_13_15_new_in_edition_ignores_other_series(tmp_path: Path, pipeline: Pipeline) -> None:
    ws = Workspace(tmp_path / "s")
    ws.build([corpus_file("chapter"), *report_files()], pipeline=pipeline)
    alone = Workspace(tmp_path / "alone")
    alone.build([corpus_file("chapter")], pipeline=pipeline)
    # With one edition of the white paper loaded, everything in it is new in it, whatever
    # other series (a 2023 survey, a 2026 report) also name.
    new = ws.query("new-in-edition", {"edition": "2025/2026"}).records()
    assert new == alone.query("new-in-edition", {"edition": "2025/2026"}).records()
    assert {"label": "Technology", "entity": "人工智慧"} in new
