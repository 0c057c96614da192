"""Builds and removes that write only the difference (issue 12, delta writes): after any
sequence of adds and removes the store holds exactly the graph of a fresh build, whether the
difference came from the ledger's fingerprints or from the store; a build killed at any point
of a delta write leaves the old graph or the new one. Real corpus, real embedded store."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from graphkit.delta import Fingerprints, diff, fingerprints, stored
from graphkit.ledger import STATE_NAME, Ledger
from graphkit.loading import FULL_WRITE_SHARE, write_graph
from graphkit.mergestate import MergeState
from graphkit.pipeline import Pipeline
from graphkit.records import Graph
from graphkit.store.base import content_digest
from graphkit.store.falkordb import MARKER_SUFFIX, FalkorDBStore
from graphkit.workspace import Workspace
from tests.corpus import corpus_file, report_files
from tests.editions import next_edition

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("files")
    text = corpus_file("whitepaper").read_text(encoding="utf-8")
    out = {"first": folder / "whitepaper-first.txt", "second": folder / "whitepaper-second.txt"}
    out["first"].write_text(text, encoding="utf-8")
    out["second"].write_text(next_edition(text)[0], encoding="utf-8")
    out["chapter"] = corpus_file("chapter")
    out["report"] = report_files()[0]
    return out


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Which write each commit used ("full" or "delta"), for the stores named "store"."""
    seen: list[str] = []
    full, changes = FalkorDBStore.write, FalkorDBStore.write_changes

    def spy_full(self: FalkorDBStore, graph: Graph) -> None:
        if self.path.name == "store":
            seen.append("full")
        full(self, graph)

    def spy_changes(self: FalkorDBStore, graph: Graph, delta: object) -> None:
        if self.path.name == "store":
            seen.append("delta")
        changes(self, graph, delta)  # type: ignore[arg-type]

    monkeypatch.setattr(FalkorDBStore, "write", spy_full)
    monkeypatch.setattr(FalkorDBStore, "write_changes", spy_changes)
    yield seen


def _fresh_digest(root: Path, paths: list[Path], pipeline: Pipeline) -> str:
    fresh = Workspace(root)
    fresh.build(paths, pipeline=pipeline, jobs=1)
    return fresh.digest()


def test_adds_and_removes_equal_a_fresh_build(
    tmp_path: Path, files: dict[str, Path], pipeline: Pipeline, writes: list[str]
) -> None:
    ws = Workspace(tmp_path / "store")
    steps: list[tuple[str, str]] = [
        ("build", "chapter"), ("build", "first"), ("build", "second"), ("remove", "first"),
        ("build", "report"), ("remove", "chapter"), ("build", "first"),
    ]  # fmt: skip
    loaded: list[str] = []
    expected_writes: list[str] = []
    previous: Fingerprints | None = None
    for step, (action, name) in enumerate(steps):
        if action == "build":
            ws.build([files[name]], pipeline=pipeline, jobs=1)
            loaded.append(name)
        else:
            ws.remove([files[name].name])
            loaded.remove(name)
        ledger = Ledger(ws.path / "ledger")
        with ws.open() as store:
            extractions = [ledger.load(d["id"], d["sha256"]) for d in store.documents()]
            with MergeState(ledger.path) as state:
                assert state.token() == store.marker()  # the state describes the store
                kept = state.fingerprints()
        from graphkit.build import build

        new = stored(build(extractions))
        assert ws.digest() == content_digest(new), f"after step {step}: {action} {name}"
        assert kept == fingerprints(new)
        # Into an empty store: whole; after that the difference, unless it is larger than
        # the new graph (removing most of a store), which is written whole.
        larger = (
            previous is not None and diff(previous, new).size() > FULL_WRITE_SHARE * kept.size()
        )
        expected_writes.append("full" if previous is None or larger else "delta")
        previous = kept
        if step in (3, 6):
            paths = [files[n] for n in loaded]
            assert ws.digest() == _fresh_digest(tmp_path / f"fresh{step}", paths, pipeline)
    assert writes == expected_writes
    assert writes.count("delta") >= len(steps) - 2  # adds and small removals: differences


def test_a_lost_marker_or_ledger_state_falls_back_to_the_store(
    tmp_path: Path, files: dict[str, Path], pipeline: Pipeline, writes: list[str]
) -> None:
    ws = Workspace(tmp_path / "store")
    ws.build([files["chapter"], files["report"]], pipeline=pipeline, jobs=1)
    with FalkorDBStore(ws.path, create=False) as store:
        conn = redis.Redis(unix_socket_path=str(store.socket_path))
        conn.delete(store.graph_name + MARKER_SUFFIX)
        conn.close()
        assert store.marker() is None
    ws.remove([files["report"].name])
    assert ws.digest() == _fresh_digest(tmp_path / "fresh1", [files["chapter"]], pipeline)
    (ws.path / "ledger" / STATE_NAME).write_bytes(b"not gzip")
    ws.build([files["report"]], pipeline=pipeline, jobs=1)
    both = _fresh_digest(tmp_path / "fresh2", [files["chapter"], files["report"]], pipeline)
    assert ws.digest() == both
    assert writes == ["full", "delta", "delta"]


def test_fingerprints_of_another_graph_are_not_trusted(tmp_path: Path, pipeline: Pipeline) -> None:
    """Kept fingerprints whose counts disagree with the store are set aside for the store."""
    ws = Workspace(tmp_path / "store")
    ws.build([corpus_file("chapter")], pipeline=pipeline, jobs=1)
    ledger = Ledger(ws.path / "ledger")
    with ws.open() as store:
        token = store.marker()
        real = fingerprints(store.stored())
        fake = type(real)(dict(list(real.nodes.items())[:-1]), real.edges)
        ledger.save_state(str(token), fake)
        graph = Graph((), ())
        write_graph(store, ledger, graph, store.counts())
        assert store.digest() == content_digest(stored(graph))


_KILLING_BUILD = """
import os, signal, sys
from graphkit.ledger import Ledger
from graphkit.store.falkordb import FalkorDBStore
point = sys.argv[1]
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if point == "before-write":
    FalkorDBStore.write_changes = die
elif point == "before-state":
    original = FalkorDBStore.write_changes
    def then_die(self, graph, delta):
        original(self, graph, delta)
        die()
    FalkorDBStore.write_changes = then_die
elif point == "before-mark":
    FalkorDBStore.mark = die
from graphkit.workspace import Workspace
Workspace(sys.argv[2]).build(sys.argv[3:], jobs=1)
"""


@pytest.mark.parametrize("point", ["before-write", "before-state", "before-mark", "random"])
def test_sigkill_during_a_delta_write_leaves_old_or_new_and_a_rerun_is_exact(
    tmp_path: Path, files: dict[str, Path], pipeline: Pipeline, point: str
) -> None:
    base, extra = [files["chapter"]], files["report"]
    new = _fresh_digest(tmp_path / "new", [*base, extra], pipeline)
    ws = Workspace(tmp_path / "store")
    ws.build(base, pipeline=pipeline, jobs=1)
    old = ws.digest()
    command = [sys.executable, "-c", _KILLING_BUILD, point, str(ws.path), str(extra)]
    if point == "random":
        victim = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(random.Random(12).uniform(2.0, 6.0))
        victim.send_signal(signal.SIGKILL)
        victim.communicate()
    else:
        done = subprocess.run(command, capture_output=True, check=False)
        assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    after = ws.digest()
    assert after in (old, new)
    if point == "before-write":
        assert after == old
    if point in ("before-state", "before-mark"):
        assert after == new
    ws.build([*base, extra], pipeline=pipeline, jobs=1)
    assert ws.digest() == new
    ws.remove([extra.name])
    assert ws.digest() == old


def _state_token(ws: Workspace) -> str | None:
    with MergeState(ws.path / "ledger") as state:
        return state.token()


def test_the_merge_state_is_trusted_only_while_it_describes_the_store(
    tmp_path: Path, files: dict[str, Path], pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter, report = files["chapter"], files["report"]
    ws = Workspace(tmp_path / "store")
    ws.build([chapter], pipeline=pipeline, jobs=1)
    redone: list[int] = []
    change = MergeState.change

    def spy(self: MergeState, add: list[object], drop: list[str]) -> object:
        redone.append(len(add) + len(drop))
        return change(self, add, drop)  # type: ignore[arg-type]

    monkeypatch.setattr(MergeState, "change", spy)
    ws.build([report], pipeline=pipeline, jobs=1)  # the state describes the store: used
    with ws.open() as store:
        assert _state_token(ws) == store.marker() is not None
    assert redone == [1]
    (ws.path / "ledger" / "merge.sqlite").unlink()  # gone: the whole path, which makes it again
    ws.remove([report.name])
    assert redone == [1]
    assert ws.digest() == _fresh_digest(tmp_path / "fresh1", [chapter], pipeline)
    with ws.open() as store:
        assert _state_token(ws) == store.marker() is not None
    # a corrections file: the stored graph is no merge of parts, so the state is set aside
    (ws.path / "corrections.json").write_text(
        '[{"action": "reject", "label": "Agency", "name": "不存在的機構"}]', encoding="utf-8"
    )
    ws.build([report], pipeline=pipeline, jobs=1)
    assert redone == [1] and _state_token(ws) is None
    (ws.path / "corrections.json").unlink()
    ws.remove([report.name])  # no corrections any more: the whole path makes the state again
    assert redone == [1] and _state_token(ws) is not None
    ws.build([report], pipeline=pipeline, jobs=1)
    assert redone == [1, 1]
    both = _fresh_digest(tmp_path / "fresh2", [chapter, report], pipeline)
    assert ws.digest() == both
