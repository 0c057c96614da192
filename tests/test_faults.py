"""Inputs that fight back: killed builds, a dying store, concurrent builds, readers during a
build, a full disk, and injection payloads. Each test uses the real corpus and the real
embedded store; builds run as separate ``graphkit`` processes where a process must die."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphkit import read as read_module
from graphkit.corrections import APPLIED_NAME, applied_digest, record_applied
from graphkit.errors import InputError, QueryError, StoreError
from graphkit.ledger import Ledger
from graphkit.normalise import normalise_name
from graphkit.pipeline import Pipeline, build_files
from graphkit.read import read
from graphkit.records import Graph, GraphNode, Label
from graphkit.store import server as server_module
from graphkit.store.falkordb import FalkorDBStore, Limits
from graphkit.store.process import WATCHDOG_NAME
from graphkit.workspace import Workspace
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


def wait_for(path: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} did not appear"
        time.sleep(0.05)


def digest(path: Path) -> str:
    return Workspace(path).digest()


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
                seen.add(tuple(store.run(SNAPSHOT).rows[0]))

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
    ws = Workspace(store)
    docs = ws.documents()
    assert [d["name"] for d in docs] == [doc.name]
    assert docs[0]["edition"] == PAYLOADS[2]
    names = {r["n"] for r in ws.cypher("MATCH (p:Programme) RETURN p.name AS n").records()}
    # Stored as text (the one normaliser trims quotes and punctuation at a name's edges).
    assert normalise_name(programme) in names, names
    counts = ws.stats()
    assert counts["nodes"]["Programme"] == 2
    probe = run_graphkit(
        "query", "agencies-by-technology", "--param", f"technology={PAYLOADS[0]}", "--store", store
    )
    assert probe.returncode == 0
    assert ws.stats() == counts


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
    wait_for(store / server_module.PID_NAME)  # the server runs: the build is under way
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


# ---------------------------------------------------------------- issue 13: reproduced failures


def _wait_threads(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)


def test_13_2_a_folder_that_is_not_a_store_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o700)
    (folder / "thesis.docx").write_text("years of work")
    (folder / "ledger").mkdir()
    (folder / "ledger" / "0123456789abcdef-0123456789abcdef.json.gz").write_text("mine")
    with pytest.raises(StoreError, match=r"is not a graphkit store .*thesis\.docx"):
        Workspace(folder).build([corpus_file("chapter")])
    assert sorted(p.name for p in folder.iterdir()) == ["ledger", "thesis.docx"]
    assert (folder / "ledger" / "0123456789abcdef-0123456789abcdef.json.gz").exists()


def test_13_2_an_empty_folder_becomes_a_marked_store(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir(mode=0o700)
    with FalkorDBStore(folder) as store:
        assert store.counts() == {"nodes": {}, "relationships": {}}
    assert (folder / "graphkit-store").is_file()


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_13_3_a_store_writable_by_others_is_refused(tmp_path: Path, mode: int) -> None:
    FalkorDBStore(tmp_path / "store").close()
    (tmp_path / "store").chmod(mode)
    with pytest.raises(StoreError, match=r"writable by group or others .*chmod 700"):
        Workspace(tmp_path / "store").stats()


@pytest.mark.parametrize("name", ["graphkit.lock", "graphkit-start.lock", "redis.log"])
def test_13_3_a_planted_symlink_is_never_followed(tmp_path: Path, name: str) -> None:
    FalkorDBStore(tmp_path / "store").close()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "store" / name).unlink(missing_ok=True)
    (tmp_path / "store" / name).symlink_to(victim)
    with pytest.raises(StoreError, match=f"{name} is a symlink"):
        Workspace(tmp_path / "store").stats()
    assert victim.read_text() == "precious"


def test_13_3_a_symlink_at_corrections_applied_is_never_written_through(tmp_path: Path) -> None:
    """The digest of the applied corrections is written atomically and never via a symlink,
    whether the symlink is there when the store is opened or planted while it is in use."""
    store = tmp_path / "store"
    Workspace(store).build([EXAMPLES[0]])
    applied = store / APPLIED_NAME
    assert applied_digest(store) == applied.read_text(encoding="utf-8") == ""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    applied.unlink()
    applied.symlink_to(victim)
    with pytest.raises(StoreError, match=r"corrections\.applied is a symlink"):
        Workspace(store).build([EXAMPLES[1]])
    with pytest.raises(StoreError, match=r"corrections\.applied is a symlink"):
        record_applied(store, "f" * 64)
    with pytest.raises(StoreError, match="symlink"):
        applied_digest(store)
    assert victim.read_text() == "precious" and applied.is_symlink()
    applied.unlink()
    record_applied(store, "e" * 64)
    assert applied_digest(store) == "e" * 64
    assert sorted(p.name for p in store.iterdir() if "applied" in p.name) == [APPLIED_NAME]


def test_13_3_a_planted_socket_symlink_is_not_connected_to(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "other") as other:
        FalkorDBStore(tmp_path / "store").close()
        (tmp_path / "store" / "redis.sock").symlink_to(other.socket_path)
        with pytest.raises(StoreError, match=r"redis\.sock is a symlink"):
            Workspace(tmp_path / "store").stats()


def test_13_11_read_commands_never_create_stores(tmp_path: Path) -> None:
    typo = tmp_path / "typo"
    with pytest.raises(StoreError, match=r"no graphkit store at .*build one first"):
        Workspace(typo).query("documents")
    assert not typo.exists()
    typo.mkdir(mode=0o700)  # an empty folder is no store either
    with pytest.raises(StoreError, match="no graphkit store"):
        Workspace(typo).stats()
    assert list(typo.iterdir()) == []
    done = run_graphkit("query", "documents", "--store", tmp_path / "typo2")
    assert done.returncode == 1
    assert "no graphkit store" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "typo2").exists()


def test_13_11_a_failing_build_leaves_no_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG not text")
    with pytest.raises(InputError):
        Workspace(tmp_path / "new").build([bad])
    assert not (tmp_path / "new").exists()


def test_13_1_a_slow_query_stops_at_the_limit(tmp_path: Path) -> None:
    slow = (
        "UNWIND range(1, 5000) AS a UNWIND range(1, 5000) AS b "
        "WITH a + b AS s WHERE s < 0 RETURN count(s)"
    )
    with FalkorDBStore(tmp_path / "store", limits=Limits(timeout=1.0)) as store:
        started = time.monotonic()
        with pytest.raises(
            QueryError, match=r"longer than the limit of 1 s.*GRAPHKIT_QUERY_TIMEOUT"
        ):
            store.run(slow)
        assert time.monotonic() - started < 10
        assert store.run("RETURN 1 AS one").rows == ((1,),)


def test_13_1_a_greedy_query_stops_at_the_memory_cap(tmp_path: Path) -> None:
    limits = Limits(query_memory_mb=64, server_memory_mb=512)
    with FalkorDBStore(tmp_path / "store", limits=limits) as store:
        with pytest.raises(
            QueryError, match=r"more than the limit of 64 MiB.*GRAPHKIT_QUERY_MEMORY"
        ):
            store.run("UNWIND range(1, 300000000) AS x RETURN collect(x)")
        assert store.run("RETURN 1 AS one").rows == ((1,),)


def test_13_1_deeply_nested_literals_are_refused_before_the_server(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "store") as store:
        started = time.monotonic()
        for query, params in (
            ("RETURN " + "[" * 40 + "1" + "]" * 40 + " AS x", None),
            ("RETURN $x AS x", {"x": json_nested(40)}),
        ):
            with pytest.raises(QueryError, match="nest"):
                store.run(query, params)
        assert time.monotonic() - started < 2
        assert store.run("RETURN '[[[[[[[[[[[[[[[[' AS ok").rows == (("[" * 16,),)


def json_nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def test_13_1_environment_sets_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHKIT_QUERY_TIMEOUT", "2.5")
    monkeypatch.setenv("GRAPHKIT_QUERY_MEMORY", "128")
    assert Limits.from_env().timeout == 2.5
    assert Limits.from_env().query_memory_mb == 128
    monkeypatch.setenv("GRAPHKIT_QUERY_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="GRAPHKIT_QUERY_TIMEOUT='soon' is not a positive number"):
        Limits.from_env()


def test_13_5_racing_clients_never_lose_the_server(tmp_path: Path) -> None:
    """20 clients opening, querying and closing at once: none sees the server go away."""
    path = tmp_path / "store"
    with FalkorDBStore(path) as store:
        store.write(small_graph())
    errors: list[BaseException] = []

    def client() -> None:
        for _ in range(5):
            try:
                with FalkorDBStore(path) as store:
                    assert store.counts()["nodes"] == {"Agency": 1}
            except BaseException as exc:
                errors.append(exc)

    _wait_threads([threading.Thread(target=client) for _ in range(20)])
    assert errors == []
    assert not (path / server_module.PID_NAME).exists()  # the last one out stopped it


def _watchdog_pid(store: Path) -> int:
    """The pid the store's watchdog writes into ``redis.watchdog`` once it runs."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError, ValueError):
            return int((store / WATCHDOG_NAME).read_text())
        time.sleep(0.05)
    raise AssertionError(f"no watchdog wrote its pid into {store / WATCHDOG_NAME}")


def _wait_dead(pids: list[int], timeout: float) -> float:
    """Seconds until every pid has ended; fails after ``timeout``."""
    start = time.monotonic()
    while any(_alive(pid) for pid in pids):
        assert time.monotonic() - start < timeout, f"still running after {timeout} s: {pids}"
        time.sleep(0.1)
    return time.monotonic() - start


def test_13_5_a_server_whose_only_client_is_killed_stops_by_itself(tmp_path: Path) -> None:
    """kill -9 of the only graphkit process, in the middle of a query: its server and watchdog
    are gone within the query timeout plus the grace period, with no other graphkit command,
    after a clean SHUTDOWN; the store opens again with the same graph."""
    store = tmp_path / "store"
    built = run_graphkit("build", corpus_file("chapter"), "--store", store)
    assert built.returncode == 0, built.stderr
    before = digest(store)
    assert not (store / server_module.PID_NAME).exists()  # closed: stopped by the last one out
    log = store / server_module.LOG_NAME
    logged = log.stat().st_size
    slow = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(a + b)"
    victim = subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli", "cypher", slow, "--store", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "GRAPHKIT_QUERY_TIMEOUT": "4"},
    )
    wait_for(store / server_module.PID_NAME)
    server = int((store / server_module.PID_NAME).read_text())
    watchdog = _watchdog_pid(store)
    time.sleep(1.0)  # the query runs
    victim.kill()
    victim.wait(timeout=60)
    assert _alive(server)  # nothing stopped it on the way out
    took = _wait_dead([server, watchdog], timeout=60)
    assert took < 4 + 3 + 20  # query timeout + grace + a loaded machine's slack
    assert not (store / server_module.PID_NAME).exists()  # removed by redis on SHUTDOWN
    assert (store / WATCHDOG_NAME).read_text() == ""  # the watchdog left its lock
    assert b"ready to exit, bye bye" in log.read_bytes()[logged:]  # SHUTDOWN, not a kill
    assert digest(store) == before


def test_13_5_the_watchdog_leaves_a_server_in_use_alone(tmp_path: Path) -> None:
    """One watchdog per server, and it never stops a server a graphkit client is connected to,
    however long the client stays idle."""
    path = tmp_path / "store"
    with FalkorDBStore(path) as store:
        store.write(small_graph())
        watchdog = _watchdog_pid(path)
        with FalkorDBStore(path) as second:  # joins: no second watchdog
            assert second.server_pid == store.server_pid
        time.sleep(3 + 2)  # past the grace period, idle
        assert store.server_pid and _alive(store.server_pid) and _alive(watchdog)
        assert store.counts()["nodes"] == {"Agency": 1}
        assert [p for p in _watchdogs() if str(path) in p] == [f"{watchdog}:{path}"]
    took = _wait_dead([watchdog], timeout=30)  # the last one out stopped the server
    assert took < 10


def test_13_5_the_watchdog_leaves_a_store_with_a_planted_lock(tmp_path: Path) -> None:
    """A symlink planted where the start lock is: graphkit refuses the store, and its watchdog
    leaves (it looped for ever in a first version), touching neither the link nor the server."""
    path = tmp_path / "store"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    store = FalkorDBStore(path)
    watchdog, server = _watchdog_pid(path), store.server_pid
    assert server
    (path / server_module.START_LOCK_NAME).unlink()
    (path / server_module.START_LOCK_NAME).symlink_to(victim)
    store.close()  # cannot leave through the planted lock: the server stays
    try:
        assert _wait_dead([watchdog], timeout=30) < 15
        assert _alive(server) and victim.read_text() == "precious"
    finally:
        os.kill(server, signal.SIGTERM)
        _wait_dead([server], timeout=30)


def test_13_5_the_grace_period_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHKIT_SERVER_GRACE", "-1")
    with pytest.raises(StoreError, match="GRAPHKIT_SERVER_GRACE='-1' is not a positive number"):
        FalkorDBStore(tmp_path / "store")
    assert not (tmp_path / "store" / server_module.PID_NAME).exists()  # nothing started


def test_13_5_a_hung_server_whose_client_is_killed_is_killed_by_its_watchdog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that answers nothing at all (a FalkorDB lock-up: here SIGSTOPped) with its only
    client killed: SHUTDOWN cannot reach it, so after GRAPHKIT_SERVER_HUNG seconds its
    watchdog kills it, and the next command starts a new server on the same graph."""
    monkeypatch.setenv("GRAPHKIT_SERVER_HUNG", "3")
    path = tmp_path / "store"
    with FalkorDBStore(path) as store:
        store.write(small_graph())
        before = store.digest()
    holder = _hold_open(path)  # keeps the server in use, then dies with kill -9
    server = int((path / server_module.PID_NAME).read_text())
    watchdog = _watchdog_pid(path)
    os.kill(server, signal.SIGSTOP)
    holder.kill()
    holder.communicate(timeout=60)  # waits for it and closes its pipe
    took = _wait_dead([server, watchdog], timeout=90)
    assert took >= 3  # not before the server had answered nothing for that long
    with FalkorDBStore(path) as store:
        assert store.server_pid != server and store.digest() == before


#: A graphkit client that opens a store, says so, and stays until killed.
HOLD_OPEN = """
import sys, time
from graphkit.store.falkordb import FalkorDBStore
store = FalkorDBStore(sys.argv[1])
print("open", flush=True)
time.sleep(3600)
"""


def _hold_open(path: Path) -> subprocess.Popen[bytes]:
    """A graphkit client process holding the store at ``path`` open, once it has opened it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(path)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"open"
    return holder


def _watchdogs() -> list[str]:
    """``pid:store`` of every running watchdog process."""
    found = []
    for proc in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            if b"graphkit.store.watchdog" in argv:
                store = argv[argv.index(b"graphkit.store.watchdog") + 2].decode()
                found.append(f"{proc.name}:{store}")
    return found


def test_13_9_a_truncated_append_only_file_is_reported_not_emptied(tmp_path: Path) -> None:
    path = tmp_path / "store"
    done = run_graphkit("build", corpus_file("chapter"), "--store", path)
    assert done.returncode == 0, done.stderr
    ledger = sorted(p.name for p in (path / "ledger").iterdir())
    files = [p for p in (path / "appendonlydir").iterdir() if p.suffix != ".manifest"]
    aof = max(files, key=lambda p: p.stat().st_size)
    aof.write_bytes(aof.read_bytes()[: aof.stat().st_size // 2])
    for command in (("stats",), ("build", corpus_file("chapter"))):
        done = run_graphkit(*command, "--store", path)
        assert done.returncode == 1
        assert "append-only file" in done.stderr and "is damaged" in done.stderr
        assert "Traceback" not in done.stderr and "CRITICAL" not in done.stderr
        assert "redis-check-aof" not in done.stderr  # a tool graphkit does not ship
    assert sorted(p.name for p in (path / "ledger").iterdir()) == ledger  # nothing pruned


def test_13_9_a_torn_last_command_is_reported_not_dropped(tmp_path: Path) -> None:
    """A crash in the middle of appending a command leaves it cut short at the end of the file:
    redis would drop it and serve the rest (its default, aof-load-truncated yes)."""
    path = tmp_path / "store"
    with FalkorDBStore(path) as store:
        store.write(small_graph())
    incr = next(p for p in (path / "appendonlydir").iterdir() if ".incr." in p.name)
    with incr.open("ab") as fh:
        fh.write(b"*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nval")  # 5 bytes promised, 3 written
    with pytest.raises(StoreError, match=r"append-only file in .* is damaged") as refused:
        FalkorDBStore(path)
    assert "Unexpected end of file" in str(refused.value)
    assert "redis-check-aof" not in str(refused.value)  # a tool graphkit does not ship


def small_graph() -> Graph:
    itri = GraphNode(Label.AGENCY, "agency:itri", {"name": "工研院"})
    return Graph(nodes=(itri,), edges=())


def test_13_7_invisible_characters_change_nothing(tmp_path: Path, pipeline: Pipeline) -> None:
    clean = corpus_file("chapter").read_text(encoding="utf-8")
    lines = clean.splitlines(keepends=True)
    # a BOM before every heading-like line, zero-width and bidi characters inside names
    dirty = "".join("\ufeff" + line if line[:1] in "第壹貳參一二三" else line for line in lines)
    dirty = dirty.replace("工研院", "工\u200b研\u200d院").replace("經濟部", "經濟\u202e部")
    assert dirty != clean
    for name, text in (("clean", clean), ("dirty", dirty)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "chapter.txt").write_text(text, encoding="utf-8")
    a = pipeline.extract_document(read(tmp_path / "clean" / "chapter.txt"))[0]
    b = pipeline.extract_document(read(tmp_path / "dirty" / "chapter.txt"))[0]
    assert {n.id for n in b.nodes} == {n.id for n in a.nodes}
    assert len(b.relations) == len(a.relations)


def test_13_8_special_files_are_refused_unread(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"pipe\.txt: is a named pipe"):
        read(fifo)
    with pytest.raises(InputError, match="/dev/zero: is a device"):
        read("/dev/zero")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(tmp_path / "s.txt"))
    try:
        with pytest.raises(InputError, match=r"s\.txt: is a socket"):
            read(tmp_path / "s.txt")
    finally:
        sock.close()
    assert time.monotonic() - started < 5


def test_13_8_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("字" * 1000, encoding="utf-8")
    monkeypatch.setattr(read_module, "MAX_BYTES", 1000)
    with pytest.raises(InputError, match=r"big\.txt: is 3,000 bytes; the limit is 1,000"):
        read(big)


def test_13_8_sigterm_during_a_query_leaves_no_server(tmp_path: Path) -> None:
    path = tmp_path / "store"
    FalkorDBStore(path).close()
    slow = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(a + b)"
    victim = subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli", "cypher", slow, "--store", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "GRAPHKIT_QUERY_TIMEOUT": "3"},
    )
    wait_for(path / server_module.PID_NAME)
    pid = int((path / server_module.PID_NAME).read_text())
    time.sleep(1.0)
    victim.send_signal(signal.SIGTERM)
    _, err = victim.communicate(timeout=60)
    assert victim.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in err
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)


def test_13_13_a_utf8_file_with_one_big5_line_names_the_line(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    text = "第一章 總論\n" * 50
    mixed.write_bytes(text.encode("utf-8") + "工業技術研究院\n".encode("big5") + text.encode())
    with pytest.raises(InputError, match=r"mixed\.txt: is UTF-8 except line 51 .*Big5"):
        read(mixed)


def test_13_13_a_pdf_bomb_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber", reason="needs the 'pdf' extra")
    deflater = zlib.compressobj(9)
    zeros = b"".join(deflater.compress(bytes(1 << 20)) for _ in range(256)) + deflater.flush()
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(zeros), zeros)
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(b"%PDF-1.7\n1 0 obj\n" + body + b"\nendobj\n%%EOF\n")
    store = tmp_path / "store"
    done = run_graphkit("build", corpus_file("chapter"), bomb, "--store", store)
    assert done.returncode == 1
    assert "bomb.pdf: one of its streams expands past 64 MB: refusing it" in done.stderr
    assert "Traceback" not in done.stderr
    assert not store.exists()


def test_13_6_two_files_with_one_name_are_never_silently_merged(tmp_path: Path) -> None:
    """Issue 13 item 6: 2024/whitepaper.txt then 2025/whitepaper.txt replaced it silently, and
    in one build the second was dropped with a warning and exit 0. Now they are two documents
    (tests/test_identity.py holds the whole rule)."""
    examples = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))
    for year, example in zip(("2024", "2025"), examples, strict=True):
        (tmp_path / year).mkdir()
        (tmp_path / year / "whitepaper.txt").write_bytes(example.read_bytes())
    first, second = tmp_path / "2024" / "whitepaper.txt", tmp_path / "2025" / "whitepaper.txt"
    one = Workspace(tmp_path / "one")
    assert [d.status for d in one.build([first, second]).documents] == ["loaded", "loaded"]
    ws = Workspace(tmp_path / "two")
    ws.build([first])
    report = ws.build([second])
    assert [(d.document_id, d.status) for d in report.documents] == [
        ("document:2025/whitepaper.txt", "loaded")
    ]
    ids = ["document:2025/whitepaper.txt", "document:whitepaper.txt"]
    assert [d["id"] for d in ws.documents()] == [d["id"] for d in one.documents()] == ids


def test_13_10_a_read_only_store_is_a_message(tiny_disk: Path) -> None:
    store = tiny_disk / "store"
    built = run_graphkit("build", EXAMPLES[0], "--store", store)
    assert built.returncode == 0, built.stderr
    # The server's watchdog leaves (closing its file there) within a tick of the server's
    # stop; a file open for writing makes the remount "busy".
    deadline = time.monotonic() + 30
    while any(p.endswith(f":{store}") for p in _watchdogs()) and time.monotonic() < deadline:
        time.sleep(0.1)
    ro = subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=False)
    assert ro.returncode == 0
    try:
        for command in (("stats",), ("build", EXAMPLES[1])):
            done = run_graphkit(*command, "--store", store)
            assert done.returncode == 1
            assert "read-only" in done.stderr and "Traceback" not in done.stderr, done.stderr
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tiny_disk)], check=False)


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))


def test_13_5_a_server_whose_store_folder_is_deleted_is_stopped_by_its_watchdog(
    tmp_path: Path,
) -> None:
    """rm -rf of a store folder while a client holds it, then the client killed: nobody can
    reach that server any more (its socket and pid file are gone), so its watchdog stops it
    (it left it running for ever in a first version: nine orphans after repeated rebuilds)."""
    path = tmp_path / "store"
    holder = _hold_open(path)
    server = int((path / server_module.PID_NAME).read_text())
    watchdog = _watchdog_pid(path)
    shutil.rmtree(path)
    holder.kill()
    holder.communicate(timeout=60)  # waits for it and closes its pipe
    assert _wait_dead([server, watchdog], timeout=60) < 30
