"""Loading at a cost proportional to the change (issue 12): change detection before any
extraction, and extraction across worker processes with an order-free merge. Real corpus,
real embedded store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from graphkit.errors import InputError
from graphkit.ledger import Ledger
from graphkit.pipeline import Pipeline, build_files
from graphkit.store.falkordb import FalkorDBStore
from graphkit.workspace import Workspace
from tests.corpus import corpus_file, report_files

_UNCHANGED_BUILD = """
import json, sys
from graphkit.workspace import Workspace
report = Workspace(sys.argv[1]).build(sys.argv[2:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "jieba", "torch"))
print(json.dumps({
    "statuses": [d.status for d in report.documents],
    "heavy": heavy,
    "pipeline_imported": "graphkit.pipeline" in sys.modules,
}))
"""


def _writes(store: FalkorDBStore) -> int:
    """The server's count of writes (the store never snapshots, so it only grows)."""
    conn = redis.Redis(unix_socket_path=str(store.socket_path))
    try:
        return int(conn.info("persistence")["rdb_changes_since_last_save"])
    finally:
        conn.close()


def test_unchanged_file_is_recognised_without_pipeline_or_write(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    files = [corpus_file("chapter"), *report_files()]
    ws = Workspace(tmp_path / "store")
    ws.build(files, pipeline=pipeline)
    # Held open so the server (and its write counter) lives across the second build.
    with FalkorDBStore(ws.path, create=False) as store:
        digest, writes = store.digest(), _writes(store)
        run = subprocess.run(
            [sys.executable, "-c", _UNCHANGED_BUILD, str(ws.path), *map(str, files)],
            capture_output=True,
            text=True,
            check=True,
        )
        seen = json.loads(run.stdout)
        assert seen["statuses"] == ["unchanged"] * len(files)
        assert seen["heavy"] == [] and seen["pipeline_imported"] is False
        assert _writes(store) == writes
        assert store.digest() == digest


def test_one_changed_file_among_unchanged_is_extracted_alone(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    chapter = tmp_path / "chapter.txt"
    chapter.write_text(corpus_file("chapter").read_text(encoding="utf-8"), encoding="utf-8")
    ws = Workspace(tmp_path / "store")
    ws.build([chapter, *report_files()], pipeline=pipeline)
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("工業技術研究院", "工研院", 1),
        encoding="utf-8",
    )
    made: list[Pipeline] = []

    def factory() -> Pipeline:
        made.append(pipeline)
        return pipeline

    report = ws.build([chapter, *report_files()], pipeline=factory, jobs=1)
    assert [d.status for d in report.documents] == ["replaced", "unchanged", "unchanged"]
    assert len(made) == 1
    fresh = Workspace(tmp_path / "fresh")
    fresh.build([chapter, *report_files()], pipeline=pipeline, jobs=1)
    assert ws.digest() == fresh.digest()


def test_workers_and_order_do_not_change_the_graph(tmp_path: Path, pipeline: Pipeline) -> None:
    files = [corpus_file("chapter"), *report_files()]
    one, two = Workspace(tmp_path / "one"), Workspace(tmp_path / "two")
    one.build(files, pipeline=pipeline, jobs=1)
    report = two.build(list(reversed(files)), pipeline=pipeline, jobs=2)
    assert {d.status for d in report.documents} == {"loaded"}
    assert [d.path for d in report.documents] == [str(f) for f in reversed(files)]
    # The same graph as the pipeline's own one-process build.
    with FalkorDBStore(tmp_path / "reference", create=True) as reference:
        build_files(files, reference, Ledger(reference.path / "ledger"), pipeline=pipeline)
        assert one.digest() == two.digest() == reference.digest()
    assert sorted(p.name for p in (two.path / "ledger").iterdir()) == sorted(
        p.name for p in (one.path / "ledger").iterdir()
    )


def test_bad_file_among_many_leaves_store_untouched(tmp_path: Path, pipeline: Pipeline) -> None:
    ws = Workspace(tmp_path / "store")
    ws.build([corpus_file("chapter")], pipeline=pipeline)
    digest = ws.digest()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")  # an empty file is refused when read
    with pytest.raises(InputError):
        ws.build([*report_files(), bad], pipeline=pipeline, jobs=2)
    assert ws.digest() == digest
    assert len(ws.documents()) == 1


def test_the_pipeline_is_made_ahead_only_for_content_the_ledger_lacks(tmp_path: Path) -> None:
    from graphkit.errors import BackendError
    from graphkit.loading import warm_pipeline
    from graphkit.pipeline import make_pipeline
    from graphkit.read import read

    ledger = Ledger(tmp_path / "ledger")
    chapter, report = read(corpus_file("chapter")), read(report_files()[0])
    made: list[Pipeline] = []

    def factory() -> Pipeline:
        made.append(Pipeline())
        return made[-1]

    got = warm_pipeline([chapter], ledger, factory)
    assert got is not factory and callable(got)
    pipeline = got()
    assert made == [pipeline]
    assert pipeline.chunker.is_word("技術")  # jieba's dictionary is loaded already
    ledger.save(pipeline.extract_document(chapter)[0])
    assert ledger.knows(chapter.sha256) and not ledger.knows(report.sha256)
    assert not ledger.knows(chapter.sha256, report.sha256) and ledger.knows()
    assert warm_pipeline([chapter], ledger, factory) is factory  # nothing new: left as given
    assert warm_pipeline([chapter, report], ledger, pipeline) is pipeline  # made already
    failing = warm_pipeline([report], ledger, lambda: make_pipeline("ckip"))
    assert callable(failing)
    with pytest.raises(BackendError, match="ckip-model"):
        failing()  # type: ignore[operator]
    assert len(made) == 1


def test_files_an_earlier_graphkit_extracted_are_extracted_again(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    """A ledger entry keeps the fingerprint of the code, knowledge and recogniser options that
    made it: after an upgrade, a file given again is extracted again ("re-extracted"), and the
    build names the loaded documents not given that keep an earlier extraction."""
    files = [corpus_file("chapter"), *report_files()]
    ws = Workspace(tmp_path / "store")
    ws.build(files, pipeline=pipeline, jobs=1)
    digest = ws.digest()
    report = ws.build(files[:1], pipeline=pipeline, jobs=1, recogniser=("upgraded",))
    assert [d.status for d in report.documents] == ["re-extracted"]
    others = ", ".join(sorted(Path(f).name for f in report_files()))
    assert report.warnings == [
        "2 loaded document(s) extracted by an earlier graphkit (its code, lexicons or rules have "
        "changed since) or with other recogniser options keep that extraction: build their "
        f"files again to extract them anew: {others}"
    ]
    assert ws.digest() == digest  # the same rules extract the same graph
    report = ws.build(files, pipeline=pipeline, jobs=1, recogniser=("upgraded",))
    assert [d.status for d in report.documents] == ["unchanged", "re-extracted", "re-extracted"]
    assert report.warnings == []
    report = ws.build(files, pipeline=pipeline, jobs=1, recogniser=("upgraded",))
    assert [d.status for d in report.documents] == ["unchanged"] * 3
