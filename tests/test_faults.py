"""Inputs that fight back: killed builds, a dying store, concurrent builds, readers during a
build, a full disk, and injection payloads. Each test uses the real corpus and the real
embedded store; builds run as separate ``graphkit`` processes where a process must die."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphkit.errors import StoreError
from graphkit.ledger import Ledger
from graphkit.normalise import normalise_name
from graphkit.pipeline import Pipeline, build_files
from graphkit.store import server as server_module
from graphkit.store.falkordb import FalkorDBStore
from tests.corpus import corpus_file

pytestmark = pytest.mark.slow

SNAPSHOT = (
    "MATCH (n) WITH count(n) AS nodes "
    "OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships"
)


def papers() -> list[Path]:
    return [corpus_file("chapter"), corpus_file("whitepaper")]


def graphkit(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_graphkit(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def digest(path: Path) -> str:
    with FalkorDBStore(path) as store:
        return store.digest()


@pytest.fixture(scope="module")
def clean_digest(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The digest of an uninterrupted build of the two white-paper files."""
    path = tmp_path_factory.mktemp("clean")
    done = run_graphkit("build", *papers(), "--store", path)
    assert done.returncode == 0, done.stderr
    return digest(path)


@pytest.fixture
def stopped_servers() -> Iterator[None]:
    """Nothing to set up; the stores opened in a test stop the servers they adopt."""
    yield


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_sigkill_at_random_points_then_rerun_gives_the_clean_graph(
    tmp_path: Path, clean_digest: str, seed: int
) -> None:
    delay = random.Random(seed).uniform(0.3, 3.5)
    store = tmp_path / "store"
    victim = graphkit("build", *papers(), "--store", store)
    time.sleep(delay)
    victim.send_signal(signal.SIGKILL)
    victim.communicate()
    rerun = run_graphkit("build", *papers(), "--store", store)
    assert rerun.returncode == 0, rerun.stderr
    assert "done in" in rerun.stdout
    assert digest(store) == clean_digest, f"killed after {delay:.2f} s"


def test_store_dying_mid_load_is_a_clear_error_and_a_rerun_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline, clean_digest: str
) -> None:
    path = tmp_path / "store"
    ledger = Ledger(path / "ledger")
    sent = 0
    original = FalkorDBStore._execute

    def dying(self: FalkorDBStore, target: object, statement: object) -> None:
        nonlocal sent
        sent += 1
        if sent == 5 and self.server_pid:
            os.kill(self.server_pid, signal.SIGKILL)
            time.sleep(0.2)
        original(self, target, statement)  # type: ignore[arg-type]

    monkeypatch.setattr(FalkorDBStore, "_execute", dying)
    with FalkorDBStore(path) as store, pytest.raises(StoreError) as err:
        build_files(papers(), store, ledger, pipeline=pipeline)
    message = str(err.value)
    assert "nothing was committed" in message and str(path) in message
    monkeypatch.setattr(FalkorDBStore, "_execute", original)
    with FalkorDBStore(path) as store:
        report = build_files(papers(), store, ledger, pipeline=pipeline)
        assert {d.status for d in report.documents} == {"loaded"}
    assert digest(path) == clean_digest


def test_two_builds_at_once_do_not_duplicate(tmp_path: Path, clean_digest: str) -> None:
    store = tmp_path / "store"
    first = graphkit("build", *papers(), "--store", store)
    second = graphkit("build", *reversed(papers()), "--store", store)
    outs = [p.communicate(timeout=300) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outs
    statuses = sorted(
        line.split()[0] for out, _ in outs for line in out.splitlines() if ".txt" in line
    )
    # One process loaded both files; the other waited for the lock and found them loaded.
    assert statuses == ["loaded", "loaded", "unchanged", "unchanged"]
    assert digest(store) == clean_digest


def test_queries_during_a_build_see_a_consistent_graph(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    chapter, paper = papers()
    assert run_graphkit("build", chapter, "--store", store_dir).returncode == 0
    with FalkorDBStore(store_dir) as store:
        before = store.run(SNAPSHOT).rows[0]
        seen: set[tuple[int, int]] = set()
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                seen.add(tuple(store.run(SNAPSHOT).rows[0]))  # type: ignore[arg-type]

        poller = threading.Thread(target=poll)
        poller.start()
        try:
            build = run_graphkit("build", paper, "--store", store_dir)
        finally:
            stop.set()
            poller.join()
        assert build.returncode == 0, build.stderr
        after = store.run(SNAPSHOT).rows[0]
    assert seen <= {before, after}, seen
    assert before in seen


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB filesystem: the corpus graph's append-only file needs about 2 MB."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(mount / "store", ignore_errors=True)
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_is_an_error_not_silence(tiny_disk: Path, clean_digest: str) -> None:
    store = tiny_disk / "store"
    built = run_graphkit("build", *papers(), "--store", store)
    assert built.returncode == 1
    assert "graphkit: error" in built.stderr
    assert "done in" not in built.stdout
    assert "looks full" in built.stderr
    # With space again, a re-run gives the clean graph: the half-written write never counted.
    grown = subprocess.run(["mount", "-o", "remount,size=64M", str(tiny_disk)], check=False)
    assert grown.returncode == 0
    rerun = run_graphkit("build", *papers(), "--store", store)
    assert rerun.returncode == 0, rerun.stderr
    assert digest(store) == clean_digest


PAYLOADS = [
    "x'}) DETACH DELETE n //",
    '"; MATCH (n) DETACH DELETE n; //',
    "`) CALL db.labels() //",
]


def test_injection_payloads_are_stored_as_literal_text(tmp_path: Path) -> None:
    sample = (Path(__file__).resolve().parents[1] / "examples" / "sample-whitepaper.txt").read_text(
        encoding="utf-8"
    )
    name = PAYLOADS[0].replace("/", "_")
    doc = tmp_path / f"{name}.txt"
    programme = PAYLOADS[1].strip() + "計畫"
    doc.write_text(sample.replace("寬能隙功率元件示範計畫", programme), encoding="utf-8")
    store = tmp_path / "store"
    built = run_graphkit("build", doc, "--store", store, "--edition", PAYLOADS[2])
    assert built.returncode == 0, built.stderr
    with FalkorDBStore(store) as s:
        docs = s.documents()
        assert [d["name"] for d in docs] == [doc.name]
        assert docs[0]["edition"] == PAYLOADS[2]
        names = {r["n"] for r in s.run("MATCH (p:Programme) RETURN p.name AS n").records()}
        # Stored as text (the one normaliser trims quotes and punctuation at a name's edges).
        assert normalise_name(programme) in names, names
        counts = s.counts()
    assert counts["nodes"]["Programme"] == 2
    probe = run_graphkit(
        "query", "agencies-by-technology", "--param", f"technology={PAYLOADS[0]}", "--store", store
    )
    assert probe.returncode == 0
    with FalkorDBStore(store) as s:
        assert s.counts() == counts


def test_store_refuses_writes_from_the_cypher_command_even_with_tricks(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_graphkit("build", corpus_file("chapter"), "--store", store).returncode == 0
    before = digest(store)
    for query in (
        "MATCH (n) DETACH DELETE n",
        "MATCH (n) WITH n LIMIT 1 SET n.name = 'x' RETURN n",
        "CALL db.idx.fulltext.createNodeIndex('Technology', 'name')",
    ):
        result = run_graphkit("cypher", query, "--store", store)
        assert result.returncode == 1, query
        assert "graphkit: error" in result.stderr
    assert digest(store) == before


def test_stale_server_of_a_killed_build_is_adopted_and_stopped(tmp_path: Path) -> None:
    store = tmp_path / "store"
    victim = graphkit("build", corpus_file("chapter"), "--store", store)
    time.sleep(1.5)
    victim.send_signal(signal.SIGKILL)
    victim.communicate()
    done = run_graphkit("stats", "--store", store)
    assert done.returncode == 0, done.stderr
    pid_file = store / server_module.PID_NAME
    assert not pid_file.exists() or not _alive(int(pid_file.read_text().strip() or 0))


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
