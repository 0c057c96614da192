"""The embedded FalkorDB store, against a real redis-server with the FalkorDB module."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from graphkit.errors import QueryError, StoreError
from graphkit.output import to_json
from graphkit.records import Graph, GraphEdge, GraphNode, Label, NodeRef, RelType
from graphkit.store import cypher, falkordb_answers, sockets
from graphkit.store import falkordb as falkordb_module
from graphkit.store import server as server_module
from graphkit.store.base import QueryResult, Statement
from graphkit.store.falkordb import FalkorDBStore
from graphkit.store.results import NodeValue, PathValue, RelationshipValue

# ------------------------------------------------------------------------- helpers


def node(label: Label, id_: str, **props: Any) -> GraphNode:
    return GraphNode(label, id_, {"name": id_, **props})


def edge(rel: RelType, src: GraphNode, dst: GraphNode, **props: Any) -> GraphEdge:
    return GraphEdge(rel, NodeRef(src.label, src.id), NodeRef(dst.label, dst.id), props)


def small_graph() -> Graph:
    """Two documents: d1 supports the technology and DEVELOPS, both support the agency.

    Every node and relationship carries ``sources``, as the build stage gives them.
    """
    d1 = node(Label.DOCUMENT, "d1", sources=["d1"])
    d2 = node(Label.DOCUMENT, "d2", sources=["d2"])
    itri = node(Label.AGENCY, "itri", aliases=["工研院"], sources=["d1", "d2"])
    ai = node(Label.TECHNOLOGY, "ai", aliases=["AI"], sources=["d1"])
    return Graph(
        nodes=(d1, d2, itri, ai),
        edges=(
            edge(RelType.DEVELOPS, itri, ai, sources=["d1"], evidence="ITRI develops AI"),
            edge(RelType.MENTIONED_IN, ai, d1, sources=["d1"]),
            edge(RelType.MENTIONED_IN, itri, d2, sources=["d2"]),
        ),
    )


def graph_keys(store: FalkorDBStore) -> list[str]:
    """GRAPH.LIST, through a connection of the test's own."""
    with redis.Redis(unix_socket_path=str(store.socket_path), decode_responses=True) as conn:
        return sorted(conn.execute_command("GRAPH.LIST"))


def test_an_answer_that_is_not_text_is_a_clear_query_error(tmp_path: Path) -> None:
    """A stored string cut inside a character (as FalkorDB's substring() can leave it)."""
    with FalkorDBStore(tmp_path / "store") as store:
        with redis.Redis(unix_socket_path=str(store.socket_path)) as conn:
            conn.execute_command("GRAPH.QUERY", store.graph_name, b"CREATE (:T {s: '\xe4\xb8'})")
        with pytest.raises(QueryError, match=r"the store answered bytes that are not UTF-8 text"):
            store.run("MATCH (t:T) RETURN t.s", read_only=True)
        assert store.run("MATCH (t:T) RETURN count(t)", read_only=True).rows == ((1,),)


def pid_alive(pid: int) -> bool:
    return server_module.pid_alive(pid)


def wait_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while pid_alive(pid):
        assert time.monotonic() < deadline, f"process {pid} still running"
        time.sleep(0.02)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FalkorDBStore]:
    with FalkorDBStore(tmp_path / "store") as opened:
        yield opened


# ------------------------------------------------------------------ server life


def test_start_and_stop(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = FalkorDBStore(path)
    try:
        assert store.owns_server
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
        assert store.socket_path == path.resolve() / "redis.sock"
        assert stat.S_ISSOCK(store.socket_path.stat().st_mode)
        assert stat.S_IMODE(store.socket_path.stat().st_mode) == 0o700
        assert int((path / "redis.pid").read_text()) == store.server_pid
        assert (path / "appendonlydir").is_dir()
        assert store.run("RETURN 1 AS one") == QueryResult(("one",), ((1,),))
        assert store.counts() == {"nodes": {}, "relationships": {}}
        pid = store.server_pid
        assert pid is not None
    finally:
        store.close()
    assert not pid_alive(pid)
    assert not (path / "redis.sock").exists()
    assert not (path / "redis.pid").exists()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.run("RETURN 1")


def test_counts_per_type_equal_the_grouped_count(store: FalkorDBStore) -> None:
    """Counted one type at a time (from FalkorDB's matrices), as one grouped query counts."""
    store.ensure_schema()
    store.write(small_graph())
    assert store.counts() == {
        "nodes": {"Agency": 1, "Document": 2, "Technology": 1},
        "relationships": {"DEVELOPS": 1, "MENTIONED_IN": 2},
    }
    grouped = store.run(cypher.COUNT_TYPES).rows
    assert list(store.counts()["relationships"].items()) == [(t, n) for t, n in grouped]


def test_no_tcp_port(store: FalkorDBStore) -> None:
    with redis.Redis(unix_socket_path=str(store.socket_path), decode_responses=True) as conn:
        assert conn.config_get("port") == {"port": "0"}
        assert conn.config_get("appendonly") == {"appendonly": "yes"}
        assert conn.config_get("appendfsync") == {"appendfsync": "always"}


def test_data_survives_close_and_reopen(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "store") as store:
        store.ensure_schema()
        store.write(small_graph())
        before = store.counts()
        names = store.run("MATCH (n) RETURN n.id AS id ORDER BY id").rows
    with FalkorDBStore(tmp_path / "store") as store:
        assert store.counts() == before
        assert store.run("MATCH (n) RETURN n.id AS id ORDER BY id").rows == names
        # the unique constraints came back too
        with pytest.raises(QueryError, match="unique constraint"):
            store.run("CREATE (:Agency {id: 'itri'})", read_only=False)


def test_write_is_durable_when_it_returns(tmp_path: Path) -> None:
    """Kill -9 right after write(): the append-only file already holds the build."""
    with FalkorDBStore(tmp_path / "store") as store:
        store.write(small_graph())
        before = store.counts()
        assert store.server_pid is not None
        os.kill(store.server_pid, signal.SIGKILL)
    # the crash left redis.pid and redis.sock behind; opening recovers from them
    assert (tmp_path / "store" / "redis.pid").exists()
    with FalkorDBStore(tmp_path / "store") as store:
        assert store.counts() == before


@pytest.mark.parametrize("stale_pid", ["dead", "alive-not-redis"])
def test_recovers_from_stale_pid_and_socket(tmp_path: Path, stale_pid: str) -> None:
    path = tmp_path / "store"
    path.mkdir(mode=0o700)
    if stale_pid == "dead":
        gone = subprocess.Popen([sys.executable, "-c", "pass"])
        gone.wait()
        pid = gone.pid
    else:
        pid = os.getpid()  # alive, but not a redis-server
    (path / "redis.pid").write_text(f"{pid}\n")
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(path / "redis.sock"))  # a socket file nobody listens on
    leftover.close()
    with FalkorDBStore(path) as store:
        assert store.owns_server
        assert store.server_pid != pid
        assert store.run("RETURN 2 AS two").rows == ((2,),)


def test_second_store_shares_the_server_and_leaves_it_running(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "store") as first:
        first.write(small_graph())
        with FalkorDBStore(tmp_path / "store") as second:
            assert not second.owns_server
            assert second.server_pid == first.server_pid
            assert second.counts() == first.counts()
        assert first.counts()["nodes"]["Agency"] == 1  # still served


def test_adopts_a_server_whose_graphkit_process_died(tmp_path: Path) -> None:
    path = tmp_path / "store"
    script = textwrap.dedent(
        f"""
        import os
        from graphkit.store.falkordb import FalkorDBStore
        store = FalkorDBStore({str(path)!r})
        print(store.server_pid, flush=True)
        os._exit(0)  # as if killed: the server is left running
        """
    )
    # a long grace: the server's watchdog must not stop the orphan before this test adopts it
    env = {**os.environ, "GRAPHKIT_SERVER_GRACE": "600"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, env=env)
    orphan = int(done.stdout)
    try:
        assert pid_alive(orphan)
        store = FalkorDBStore(path)
        assert not store.owns_server  # it did not start it, but it is the last to leave
        assert store.server_pid == orphan
        store.close()
        wait_gone(orphan)
    finally:
        if pid_alive(orphan):
            os.kill(orphan, signal.SIGKILL)


def test_failed_start_reports_the_log(tmp_path: Path) -> None:
    path = tmp_path / "store"
    FalkorDBStore(path).close()
    manifest = next((path / "appendonlydir").glob("*.manifest"))
    manifest.write_text("garbage that is no manifest\n")
    with pytest.raises(StoreError, match=r"(?s)append-only file .* is damaged.*server says"):
        FalkorDBStore(path)


def test_a_graphkit_file_of_the_wrong_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store"
    path.mkdir(mode=0o700)
    (path / "appendonlydir").write_text("not a directory")
    with pytest.raises(StoreError, match="appendonlydir is not a file graphkit made"):
        FalkorDBStore(path)


def test_store_path_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        FalkorDBStore(tmp_path / "file")


def test_long_store_path_puts_the_socket_in_a_private_temp_dir(tmp_path: Path) -> None:
    path = tmp_path / ("long-" * 12) / ("path-" * 12)
    with FalkorDBStore(path) as store:
        sock = store.socket_path
        assert len(os.fsencode(path / "redis.sock")) > sockets.MAX_SOCKET_PATH
        assert path.resolve() not in sock.parents
        assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700
        store.write(small_graph())
        assert (path / "redis.pid").exists() and (path / "appendonlydir").is_dir()
    assert not sock.exists()
    with FalkorDBStore(path) as store:  # the same socket path is found again
        assert store.socket_path == sock
        assert store.counts()["nodes"]["Technology"] == 1
    sock.parent.rmdir()


# ------------------------------------------------------------------------- schema


def test_ensure_schema_is_idempotent(store: FalkorDBStore) -> None:
    store.ensure_schema()
    store.ensure_schema()
    indexes = store.run("CALL db.indexes() YIELD label, properties, entitytype").rows
    assert {row[0] for row in indexes} == {label.value for label in Label}
    assert all(set(row[1]) == {"id", "name"} and row[2] == "NODE" for row in indexes)
    constraints = store.run("CALL db.constraints() YIELD type, label, properties, status").rows
    assert sorted(row[1] for row in constraints) == sorted(label.value for label in Label)
    assert all(row[0] == "UNIQUE" and row[2] == ["id"] for row in constraints)
    assert all(row[3] == "OPERATIONAL" for row in constraints)
    store.run("CREATE (:Policy {id: 'p'})", read_only=False)
    with pytest.raises(QueryError, match="unique constraint"):
        store.run("CREATE (:Policy {id: 'p'})", read_only=False)


def test_first_write_creates_the_schema(store: FalkorDBStore) -> None:
    store.write(small_graph())
    constraints = store.run("CALL db.constraints() YIELD label, status").rows
    assert len(constraints) == len(Label)
    assert {row[1] for row in constraints} == {"OPERATIONAL"}


# -------------------------------------------------------------------------- query


def test_read_only_is_enforced_by_the_server(store: FalkorDBStore) -> None:
    with pytest.raises(QueryError, match="read-only"):
        store.run("CREATE (:Agency {id: 'x'})")
    with pytest.raises(QueryError, match="read-only"):
        store.run("MATCH (n) DETACH DELETE n")
    assert store.counts() == {"nodes": {}, "relationships": {}}
    store.run("CREATE (:Agency {id: 'x'})", read_only=False)
    assert store.counts()["nodes"] == {"Agency": 1}


def test_run_errors_are_query_errors(store: FalkorDBStore) -> None:
    with pytest.raises(QueryError, match="refused the query"):
        store.run("MATCH (n RETURN n")
    with pytest.raises(QueryError, match="NUL"):
        store.run("RETURN $x AS x", {"x": "a\x00b"})
    with pytest.raises(QueryError, match="finite"):
        store.run("RETURN $x AS x", {"x": float("nan")})
    with pytest.raises(QueryError, match="64-bit"):
        store.run("RETURN $x AS x", {"x": 2**70})
    with pytest.raises(QueryError, match="plain name"):
        store.run("RETURN $x AS x", {"x": {"a`b": 1}})


def test_results_are_typed_values(store: FalkorDBStore) -> None:
    store.write(small_graph())
    result = store.run(
        "MATCH p = (a:Agency)-[r:DEVELOPS]->(t:Technology) "
        "RETURN a, r, p, {name: a.name, n: 1.5, ok: true} AS m, [a.id, null] AS l"
    )
    assert result.columns == ("a", "r", "p", "m", "l")
    (row,) = result.records()
    itri, ai = (
        store.run("MATCH (n {id: $id}) RETURN n", {"id": i}).rows[0][0] for i in ("itri", "ai")
    )
    assert itri == NodeValue(
        "itri",
        ("Agency",),
        {
            "id": "itri",
            "name": "itri",
            "aliases": ["工研院"],
            "keys": [],
            "sources": ["d1", "d2"],
            "editions": [],
        },
    )
    assert row["a"] == itri
    develops = RelationshipValue(
        "DEVELOPS",
        "itri",
        "ai",
        {"evidence": "ITRI develops AI", "sources": ["d1"], "editions": []},
    )
    assert row["r"] == develops
    assert row["p"] == PathValue((itri, ai), (develops,))
    assert row["m"] == {"name": "itri", "n": 1.5, "ok": True}
    assert row["l"] == ["itri", None]
    assert json.loads(to_json([row]))[0]["r"] == {
        "type": "DEVELOPS",
        "start": "itri",
        "end": "ai",
        "properties": {"evidence": "ITRI develops AI", "sources": ["d1"], "editions": []},
    }


def test_relationships_alone_carry_their_end_ids(store: FalkorDBStore) -> None:
    """The end nodes are not in the answer: their ids are read from the same graph."""
    store.write(small_graph())
    rows = store.run("MATCH ()-[r]->() RETURN r ORDER BY r.sources, type(r)").rows
    assert [(r.type, r.start, r.end) for (r,) in rows] == [
        ("DEVELOPS", "itri", "ai"),
        ("MENTIONED_IN", "ai", "d1"),
        ("MENTIONED_IN", "itri", "d2"),
    ]
    (listed,) = store.run("MATCH (:Agency)-[r:DEVELOPS]->() RETURN {rels: collect(r)} AS m").rows
    assert listed[0] == {
        "rels": [RelationshipValue("DEVELOPS", "itri", "ai", rows[0][0].properties)]
    }


def test_a_read_runs_again_when_a_build_replaces_the_graph_meanwhile(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Internal ids mean something only in the graph that gave them (the WATCH in the read)."""
    store.write(small_graph())
    calls: list[list[Any]] = []
    original = falkordb_answers._graph_ids

    def build_in_between(graph: Any, keys: list[Any]) -> dict[Any, Any]:
        calls.append(keys)
        if len(calls) == 1:  # another process's build lands between the query and the lookup
            store.write(small_graph())
        return original(graph, keys)

    monkeypatch.setattr(falkordb_answers, "_graph_ids", build_in_between)
    (row,) = store.run("MATCH (:Agency)-[r:DEVELOPS]->() RETURN r").rows
    assert len(calls) == 2
    assert (row[0].start, row[0].end) == ("itri", "ai")


def test_a_read_the_builds_keep_overtaking_is_an_error(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(small_graph())
    original = falkordb_answers._graph_ids

    def build_every_time(graph: Any, keys: list[Any]) -> dict[Any, Any]:
        store.write(small_graph())
        return original(graph, keys)

    monkeypatch.setattr(falkordb_answers, "_graph_ids", build_every_time)
    with pytest.raises(StoreError, match="the graph changed during each of 3 tries of the query"):
        store.run("MATCH ()-[r]->() RETURN r")
    assert store.run("MATCH (n) RETURN count(n) AS n").rows == ((4,),)


def test_reads_what_another_connection_wrote(tmp_path: Path) -> None:
    """No stale cache of label and property names between two stores on one server."""
    with FalkorDBStore(tmp_path / "store") as first:
        first.write(small_graph())
        assert first.run("MATCH (n:Agency) RETURN n").rows[0][0].labels == ("Agency",)
        with FalkorDBStore(tmp_path / "store") as second:
            extra = GraphNode(Label.POLICY, "p1", {"name": "p1", "zzz_new_prop": 7})
            second.write(Graph(nodes=(extra,), edges=()))
        (row,) = first.run("MATCH (n:Policy) RETURN n").rows
        assert row[0].labels == ("Policy",)
        assert row[0].properties["zzz_new_prop"] == 7


PAYLOADS = [
    "x'}) DETACH DELETE n //",
    '"; MATCH (n) DELETE n',
    "x\\'}) DETACH DELETE n //",
    'back\\slash "quoted" \\"',
    "`tick` ${param} $rows",
    "line\nbreak\ttab\rend",
    "臺灣 ＡＩ\u3000全形",
    "x" * 4096,
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_payloads_are_stored_as_text(store: FalkorDBStore, payload: str) -> None:
    victim = node(Label.AGENCY, "victim")
    evil = GraphNode(Label.AGENCY, "evil", {"name": payload, "aliases": [payload]})
    store.write(Graph(nodes=(victim, evil), edges=()))
    assert store.counts()["nodes"] == {"Agency": 2}
    got = store.run("MATCH (n:Agency {id: 'evil'}) RETURN n.name AS name, n.aliases AS aliases")
    assert got.rows == ((payload, [payload]),)
    assert store.run("RETURN $p AS p", {"p": payload}).rows == ((payload,),)
    assert store.run("MATCH (n:Agency) WHERE n.name = $p RETURN n.id", {"p": payload}).rows == (
        ("evil",),
    )


# -------------------------------------------------------------------------- write


@pytest.mark.parametrize("bad", ["", "a ", " a", "a\n", "\ta", "a\r", "臺" * 1366])
def test_ids_and_names_the_index_cannot_match_are_refused(store: FalkorDBStore, bad: str) -> None:
    """FalkorDB's index trims ASCII whitespace: MERGE on such an id would crash the server."""
    store.write(small_graph())
    before = store.counts()
    with pytest.raises(StoreError, match=r"node Agency .* has id .*clean them before the store"):
        store.write(Graph(nodes=(node(Label.AGENCY, bad),), edges=()))
    with pytest.raises(StoreError, match=r"node Agency 'ok' has name"):
        store.write(Graph(nodes=(node(Label.AGENCY, "ok", name=bad),), edges=()))
    itri = NodeRef(Label.AGENCY, "itri")
    with pytest.raises(StoreError, match="DEVELOPS relationship names node id"):
        store.write(
            Graph(
                nodes=(),
                edges=(GraphEdge(RelType.DEVELOPS, itri, NodeRef(Label.TECHNOLOGY, bad), {}),),
            )
        )
    assert store.counts() == before
    assert store.run("RETURN 1 AS alive").rows == ((1,),)


def test_write_is_idempotent_and_replaces_the_graph(store: FalkorDBStore) -> None:
    store.write(small_graph())
    once = store.counts()
    store.write(small_graph())
    assert store.counts() == once
    assert once == {
        "nodes": {"Agency": 1, "Document": 2, "Technology": 1},
        "relationships": {"DEVELOPS": 1, "MENTIONED_IN": 2},
    }
    other = Graph(nodes=(node(Label.AGENCY, "itri", aliases=["ITRI"], sources=["d3"]),), edges=())
    store.write(other)
    assert store.counts() == {"nodes": {"Agency": 1}, "relationships": {}}
    (row,) = store.run("MATCH (a:Agency {id: 'itri'}) RETURN a.aliases, a.sources").rows
    assert row == (["ITRI"], ["d3"])
    store.write(Graph(nodes=(), edges=()))
    assert store.counts() == {"nodes": {}, "relationships": {}}
    # The schema survives an empty graph: the next write still has its constraints.
    store.write(small_graph())
    assert store.counts() == once


def test_write_leaves_no_staging_key(store: FalkorDBStore) -> None:
    store.write(small_graph())
    assert graph_keys(store) == [store.graph_name]


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"name": "a\x00b"}, r"\$rows\[0\]\.props\.name contains a NUL character.*node id 'bad'"),
        ({"aliases": ["ok", "a\x00"]}, r"\$rows\[0\]\.aliases\[1\] contains a NUL"),
        ({"score": float("nan")}, "not a finite number"),
        ({"count": 2**64}, "64-bit"),
    ],
)
def test_bad_value_refused_before_anything_is_sent(
    store: FalkorDBStore, props: dict[str, Any], message: str
) -> None:
    store.write(small_graph())
    before = store.counts()
    with pytest.raises(StoreError, match=message):
        store.write(Graph(nodes=(node(Label.AGENCY, "bad", **props),), edges=()))
    assert store.counts() == before
    assert graph_keys(store) == [store.graph_name]


def test_failing_write_leaves_the_previous_graph(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(small_graph())
    before = store.counts()
    rows = store.run("MATCH (n) RETURN n ORDER BY n.id").rows

    def broken(graph: Graph) -> list[Statement]:
        # a real first statement (it would add a node), then one the server refuses
        add = Statement(cypher.merge_nodes(Label.POLICY), {"rows": [{"id": "p", "props": {}}]})
        return [add, Statement("MATCH (n) SET n.x = ", {})]

    monkeypatch.setattr(falkordb_module, "write_statements", broken)
    with pytest.raises(StoreError, match=r"nothing was committed.*statement 2 was refused"):
        store.write(small_graph())
    assert store.counts() == before
    assert store.run("MATCH (n) RETURN n ORDER BY n.id").rows == rows
    assert graph_keys(store) == [store.graph_name]


def test_constraint_violation_rolls_back(
    store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write(small_graph())
    before = store.counts()

    def with_duplicate(graph: Graph) -> list[Statement]:
        twice = Statement("CREATE (:Agency {id: 'itri'})", {})
        return [twice, twice]

    monkeypatch.setattr(falkordb_module, "write_statements", with_duplicate)
    with pytest.raises(StoreError, match="unique constraint"):
        store.write(small_graph())
    assert store.counts() == before
    assert graph_keys(store) == [store.graph_name]


def test_server_dying_mid_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store"
    with FalkorDBStore(path) as store:
        store.write(small_graph())
        before = store.counts()
        original = store._execute
        calls = 0

        def die_after_first(target: Any, statement: Statement) -> None:
            nonlocal calls
            calls += 1
            if calls == 2:
                assert store.server_pid is not None
                os.kill(store.server_pid, signal.SIGKILL)
                wait_gone(store.server_pid)
            original(target, statement)

        monkeypatch.setattr(store, "_execute", die_after_first)
        with pytest.raises(StoreError, match="stopped answering"):
            store.write(small_graph())
    with FalkorDBStore(path) as store:
        assert store.counts() == before
        assert graph_keys(store) == [store.graph_name]  # the crashed staging key is gone


# ------------------------------------------------------------------------- locking


def hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the store's write lock, as a writing graphkit would."""
    script = textwrap.dedent(
        f"""
        import fcntl, os, sys, time
        fd = os.open({str(path / "graphkit.lock")!r}, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.write(fd, f"{{os.getpid()}}\\n".encode())
        print("locked", flush=True)
        time.sleep({seconds})
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_write_lock_times_out_naming_the_holder(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "store", lock_timeout=0.3) as store:
        holder = hold_lock(store.path, 30)
        try:
            with pytest.raises(StoreError, match=rf"in use by .*\(pid {holder.pid}\)"):
                store.write(small_graph())
            with pytest.raises(StoreError, match=rf"pid {holder.pid}"):
                store.run("CREATE (:Agency {id: 'x'})", read_only=False)
            assert store.run("RETURN 1 AS x").rows == ((1,),)  # reading needs no lock
        finally:
            holder.kill()
            holder.wait()
            assert holder.stdout is not None
            holder.stdout.close()
        store.write(small_graph())
        assert store.counts()["nodes"]["Agency"] == 1


def test_write_waits_for_the_lock(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "store") as store:
        holder = hold_lock(store.path, 0.5)
        try:
            started = time.monotonic()
            store.write(small_graph())
            assert time.monotonic() - started >= 0.3
            assert holder.wait(timeout=5) == 0
        finally:
            holder.kill()
            holder.wait()
            assert holder.stdout is not None
            holder.stdout.close()
        assert store.counts()["nodes"]["Agency"] == 1


def test_lock_serialises_read_modify_write_cycles(tmp_path: Path) -> None:
    """Two writers each read the graph, add a node and write it back under lock(): none lost."""
    path = tmp_path / "store"
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            with FalkorDBStore(path) as mine:
                for i in range(6):
                    with mine.lock():
                        rows = mine.run("MATCH (t:Technology) RETURN t.id AS id").records()
                        ids = [r["id"] for r in rows] + [f"{prefix}{i}"]
                        mine.write(
                            Graph(nodes=tuple(node(Label.TECHNOLOGY, x) for x in ids), edges=())
                        )
        except BaseException as exc:  # reported below
            errors.append(exc)

    with FalkorDBStore(path) as store:
        threads = [threading.Thread(target=writer, args=(p,)) for p in "ab"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert store.counts()["nodes"] == {"Technology": 12}


def test_13_4_starts_and_builds_do_not_grow_the_log_or_the_append_only_file(
    tmp_path: Path,
) -> None:
    """Issue 13 item 4: each start replayed every build's schema commands, logging each."""
    path = tmp_path / "store"
    sizes = []
    for _ in range(6):
        with FalkorDBStore(path) as store:
            store.ensure_schema()
            store.write(small_graph())
        sizes.append(sum(f.stat().st_size for f in (path / "appendonlydir").iterdir()))
    log = (path / "redis.log").read_text(encoding="utf-8")
    assert "CRITICAL" not in log
    assert len(log.splitlines()) <= 6 * 3  # a few lines per start, not per replayed command
    assert max(sizes[1:]) <= sizes[1] * 1.2, sizes  # the file holds the graph once


def test_13_4_a_large_log_is_rotated(tmp_path: Path) -> None:
    path = tmp_path / "store"
    FalkorDBStore(path).close()
    (path / "redis.log").write_text("x" * (server_module.MAX_LOG_BYTES + 1))
    FalkorDBStore(path).close()
    assert (path / "redis.log.1").stat().st_size > server_module.MAX_LOG_BYTES
    assert (path / "redis.log").stat().st_size < 10_000


def test_13_13_an_overlong_name_names_the_documents_it_came_from(store: FalkorDBStore) -> None:
    """Issue 13 item 13: a name over 4096 bytes failed a multi-file build naming no file."""
    long = node(Label.AGENCY, "long", name="臺" * 1366, sources=["document:b.txt"])
    with pytest.raises(StoreError, match=r"has name .* \(from document:b\.txt\)"):
        store.write(Graph(nodes=(long,), edges=()))


def test_a_write_through_run_clears_the_marker_of_delta_writes(store: FalkorDBStore) -> None:
    # The fingerprints a delta write trusts describe the graph only while nothing else wrote:
    # a write that keeps every count (a property set) must still make the next build re-read.
    store.write(small_graph())
    store.mark("token")
    store.run("MATCH (n) RETURN count(n)")
    assert store.marker() == "token"
    store.run("MATCH (n:Agency) SET n.name = 'changed'", read_only=False)
    assert store.marker() is None


def _wedge_first(
    monkeypatch: pytest.MonkeyPatch, count: int, *, while_loading: bool = False
) -> list[int]:
    """Make the first ``count`` servers started answer nothing (a real server, SIGSTOPped).

    FalkorDB can come up with its registry of graphs locked for good (seen once in a thousand
    starts): such a server accepts connections and answers no graph command; the same lock-up
    can catch it while it reads its append-only file. A stopped process is the same to its
    clients, and that is what these tests start: stopped once it answers PING, or
    (``while_loading``) as soon as it has written its pid file.
    """
    method = "_launch" if while_loading else "_came_up"
    original = getattr(server_module.FalkorDBServer, method)
    wedged: list[int] = []

    def then_wedge(self: server_module.FalkorDBServer, *args: Any) -> Any:
        result = original(self, *args)
        if len(wedged) < count and self.pid is not None:
            os.kill(self.pid, signal.SIGSTOP)
            wedged.append(self.pid)
        return result

    monkeypatch.setattr(server_module.FalkorDBServer, method, then_wedge)
    monkeypatch.setenv("GRAPHKIT_SERVER_CANARY", "1")
    return wedged


def test_a_server_wedged_from_the_start_is_killed_and_started_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wedged = _wedge_first(monkeypatch, 1)
    with FalkorDBStore(tmp_path / "store") as store:
        assert len(wedged) == 1 and not pid_alive(wedged[0])
        assert store.server_pid not in (None, wedged[0])
        store.write(small_graph())
        assert store.counts()["nodes"] == {"Agency": 1, "Document": 2, "Technology": 1}
        keys = graph_keys(store)
    assert server_module.CANARY_KEY not in keys  # the canary leaves nothing behind


def _rewrite_all(conn: redis.Redis, timeout: float = 60) -> None:
    """Rewrite the append-only file whole and wait for it: the file's growth may have started
    a rewrite of its own (scheduled, or running: then BGREWRITEAOF is refused), so ask again
    until it is taken, then wait until none is scheduled or running."""
    deadline = time.monotonic() + timeout
    while True:
        server_module._finish_rewrite(conn, timeout)
        try:
            conn.bgrewriteaof()
            break
        except redis.ResponseError as exc:  # one started between the wait and the ask
            if "already in progress" not in str(exc) or time.monotonic() > deadline:
                raise
    while time.monotonic() < deadline:
        info = conn.info("persistence")
        if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
            return
        time.sleep(0.05)
    raise TimeoutError("the append-only file rewrite did not finish")


def test_a_server_slow_to_read_its_append_only_file_is_waited_for_while_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start timeout counts time without progress, not the whole load: a real server
    reads 40,000 keys here with Redis's own per-key load delay (``key-load-delay``, in µs),
    about 4 s in all, against a start timeout of 1.5 s."""
    store_dir = tmp_path / "store"
    with FalkorDBStore(store_dir) as store:
        store.write(small_graph())
        with sockets.client(sockets.socket_path(store_dir), 60) as conn:
            with conn.pipeline(transaction=False) as pipe:
                for i in range(40_000):
                    pipe.set(f"padding:{i}", "x" * 200)
                pipe.execute()
            _rewrite_all(conn)  # all into the base file, which is read key by key
    arguments = server_module.FalkorDBServer._arguments
    # Redis answers (and counts bytes read) every 4 KiB, about 130 of these keys: a few tens
    # of ms even on a busy machine, far below the start timeout.
    slowed = ["--key-load-delay", "100", "--loading-process-events-interval-bytes", "4096"]
    monkeypatch.setattr(
        server_module.FalkorDBServer, "_arguments", lambda self: [*arguments(self), *slowed]
    )
    started = time.monotonic()
    with FalkorDBStore(store_dir, start_timeout=1.5) as store:
        assert time.monotonic() - started > 1.5
        assert store.counts()["nodes"] == {"Agency": 1, "Document": 2, "Technology": 1}


def test_a_server_wedged_while_loading_is_killed_and_started_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FalkorDBStore(tmp_path / "store") as store:
        store.write(small_graph())
    wedged = _wedge_first(monkeypatch, 1, while_loading=True)
    with FalkorDBStore(tmp_path / "store", start_timeout=2) as store:
        assert len(wedged) == 1 and not pid_alive(wedged[0])
        assert store.server_pid not in (None, wedged[0])
        assert store.counts()["nodes"] == {"Agency": 1, "Document": 2, "Technology": 1}


def test_a_start_that_fails_unexpectedly_leaves_no_server_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever goes wrong after the launch, no server is left without a watchdog."""
    launch = server_module.FalkorDBServer._launch
    launched: list[int] = []

    def recorded(self: server_module.FalkorDBServer) -> None:
        launch(self)
        assert self.pid is not None
        launched.append(self.pid)

    def broken(self: server_module.FalkorDBServer) -> bool:
        raise RuntimeError("interrupted")

    monkeypatch.setattr(server_module.FalkorDBServer, "_launch", recorded)
    monkeypatch.setattr(server_module.FalkorDBServer, "_graphs_answer", broken)
    with pytest.raises(RuntimeError, match="interrupted"):
        FalkorDBStore(tmp_path / "store")
    assert len(launched) == 1 and not pid_alive(launched[0])


def test_a_server_wedged_at_every_start_is_a_clear_error_with_nothing_left_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_module, "START_ATTEMPTS", 2)
    wedged = _wedge_first(monkeypatch, 2)
    with pytest.raises(
        StoreError,
        match=r"started 2 times but each time it either read nothing more of its append-only "
        r"file for 30 s or its graph module answered no graph command within 1 s",
    ):
        FalkorDBStore(tmp_path / "store")
    assert len(wedged) == 2 and not any(pid_alive(pid) for pid in wedged)
