"""graphkit against a live Neo4j 5.26 server (the test server of neo4j-server/).

The corpus is built into an embedded store; ``graphkit push`` mirrors it into Neo4j, and
after every change (a second push, a removal, a new edition) the Neo4j graph must equal the
embedded one whole: every node with its labels and properties, every relationship with its
endpoints and properties. The read commands give the same output with ``--neo4j`` as without.
Failures (a wrong password, no server, a server that dies in the middle of a push) must say
what went wrong and leave the previous graph in Neo4j as it was.

The tests of this module share one server and run in file order: each push changes the graph
the next test starts from.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from neo4j import Driver, GraphDatabase, ManagedTransaction

from graphkit.cli import main
from graphkit.delta import diff, fingerprints, stored
from graphkit.errors import StoreError
from graphkit.pipeline import Pipeline, push
from graphkit.records import Label
from graphkit.store import cypher
from graphkit.store.base import GraphStore, content_digest
from graphkit.store.falkordb import FalkorDBStore
from graphkit.store.neo4j import Neo4jStore
from graphkit.workspace import Workspace
from tests.corpus import GOLD, all_files, corpus_file
from tests.editions import next_edition
from tests.neo4j_server import Connection, Neo4jServer
from tests.test_delta import MOVED, OLD, patch_delta

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

# Every node but the one recording the push (cypher.MARKER_LABEL, outside the contract).
WHOLE_NODES = f"{cypher.GRAPH_NODES} RETURN labels(n) AS labels, properties(n) AS props"
WHOLE_EDGES = (
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS src, b.id AS dst, properties(r) AS props"
)


def whole(store: GraphStore) -> dict[str, list[str]]:
    """Every node and relationship of ``store`` with all its properties, in a set order."""

    def canon(rows: tuple[tuple[Any, ...], ...]) -> list[str]:
        return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)

    return {
        "nodes": canon(store.run(WHOLE_NODES).rows),
        "relationships": canon(store.run(WHOLE_EDGES).rows),
    }


def env_of(connection: Connection, password: str | None = None) -> dict[str, str]:
    return {
        "NEO4J_USER": connection.user,
        "NEO4J_PASSWORD": password or connection.password,
    }


def cli(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, args, env=env)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Path]:
    """A store directory holding the whole corpus (the embedded store is closed between uses)."""
    path = tmp_path_factory.mktemp("neo4j-live")
    Workspace(path).build(all_files(), pipeline=pipeline)
    yield path


@pytest.fixture(scope="module")
def neo4j(neo4j_server: Connection) -> Iterator[Neo4jStore]:
    """The test server through the store, with a driver the test made (injected)."""
    driver = GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password))
    with driver, Neo4jStore(neo4j_server.uri, driver=driver) as store:
        # A fresh database, whichever tests used the session's server before.
        store.run("MATCH (n) DETACH DELETE n", read_only=False)
        yield store


@pytest.fixture(scope="module")
def later_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The white paper's next edition (synthetic: shifted years), written once per module."""
    paper = corpus_file("whitepaper")
    text, _ = next_edition(paper.read_text(encoding="utf-8"))
    later = tmp_path_factory.mktemp("edition") / "moea-whitepaper-2026-2027.txt"
    later.write_text(text, encoding="utf-8")
    return later


@pytest.fixture
def synced(
    workspace: Path, neo4j_server: Connection, later_edition: Path, pipeline: Pipeline
) -> Path:
    """The workspace holding both editions, pushed to Neo4j: a read command then compares the
    same graph on both, whichever tests ran before (loading an edition again changes nothing,
    and a push with nothing new sends nothing)."""
    Workspace(workspace).build([later_edition], pipeline=pipeline)
    push_cli(workspace, neo4j_server)
    return workspace


def embedded(path: Path) -> dict[str, list[str]]:
    with FalkorDBStore(path) as store:
        return whole(store)


def push_cli(path: Path, connection: Connection) -> Result:
    result = cli(["push", "--neo4j", connection.uri, "--store", str(path)], env_of(connection))
    assert result.exit_code == 0, result.output
    return result


# ------------------------------------------------------------------ push


def test_push_into_a_fresh_database_equals_the_embedded_graph(
    workspace: Path, neo4j_server: Connection, neo4j: Neo4jStore
) -> None:
    assert neo4j.run("MATCH (n) RETURN count(n) AS n").rows == ((0,),)
    result = push_cli(workspace, neo4j_server)
    want = embedded(workspace)
    assert f"nodes: {len(want['nodes'])} in Neo4j" in result.output
    assert whole(neo4j) == want


def test_a_second_push_changes_nothing(
    workspace: Path, neo4j_server: Connection, neo4j: Neo4jStore
) -> None:
    before = whole(neo4j)
    push_cli(workspace, neo4j_server)
    assert whole(neo4j) == before == embedded(workspace)


def test_push_after_remove_equals_the_embedded_graph(
    workspace: Path, neo4j_server: Connection, neo4j: Neo4jStore
) -> None:
    first = all_files()[0]
    removed = cli(["remove", first.name, "--store", str(workspace)])
    assert removed.exit_code == 0, removed.output
    push_cli(workspace, neo4j_server)
    names = {r[0] for r in neo4j.run("MATCH (d:Document) RETURN d.name").rows}
    assert first.name not in names
    assert whole(neo4j) == embedded(workspace)
    # Put it back: the graph of every document again.
    Workspace(workspace).build([first])
    push_cli(workspace, neo4j_server)
    assert whole(neo4j) == embedded(workspace)


def test_push_after_a_new_edition_equals_the_embedded_graph(
    workspace: Path,
    neo4j_server: Connection,
    neo4j: Neo4jStore,
    pipeline: Pipeline,
    later_edition: Path,
) -> None:
    later = later_edition
    ws = Workspace(workspace)
    with ws.open() as store:
        before = fingerprints(store.stored())
    ws.build([later], pipeline=pipeline)
    with ws.open() as store:
        changes = diff(before, store.stored())
        report = push(store, ws.ledger, neo4j)
    # Only the new edition's changes are sent: its new items and the shared ones whose
    # sources and editions grew.
    assert not report.whole and report.sent == changes.size()
    assert changes.delete_nodes == () and changes.delete_edges == ()
    assert (
        0
        < report.sent
        < sum(report.counts["nodes"].values()) + sum(report.counts["relationships"].values())
    )
    editions = {r[0] for r in neo4j.run("MATCH (d:Document) RETURN d.edition").rows}
    assert {"2025/2026", "2026/2027"} <= editions
    assert whole(neo4j) == embedded(workspace)


def test_a_push_with_nothing_new_sends_nothing_and_full_sends_all(
    workspace: Path, neo4j_server: Connection, neo4j: Neo4jStore
) -> None:
    result = push_cli(workspace, neo4j_server)
    assert "sent the changes: 0 nodes and relationships" in result.output
    full = cli(["push", "--full", "--neo4j", neo4j_server.uri, "--store", str(workspace)],
               env_of(neo4j_server))  # fmt: skip
    assert full.exit_code == 0, full.output
    want = embedded(workspace)
    total = len(want["nodes"]) + len(want["relationships"])
    assert f"sent the whole graph: {total} nodes and relationships" in full.output
    assert whole(neo4j) == want


def test_a_push_after_changes_made_elsewhere_diffs_against_neo4j(
    workspace: Path, neo4j_server: Connection, neo4j: Neo4jStore
) -> None:
    """Without a matching record (marker gone), the push reads Neo4j's graph and repairs it."""
    neo4j.run("MATCH (m:GraphkitMarker) DELETE m", read_only=False)
    neo4j.run("MATCH (t:Technology) WITH t LIMIT 1 SET t.name = 'changed'", read_only=False)
    result = push_cli(workspace, neo4j_server)
    assert "sent the changes: 1 nodes and relationships" in result.output
    assert whole(neo4j) == embedded(workspace)


def test_a_delta_push_leaves_other_data_alone(
    workspace: Path, neo4j_server: Connection, neo4j: Neo4jStore
) -> None:
    neo4j.run("CREATE (:Note {text: 'keep me'})", read_only=False)
    neo4j.run("MATCH (m:GraphkitMarker) DELETE m", read_only=False)  # Neo4j's graph is read
    result = push_cli(workspace, neo4j_server)
    assert "sent the changes: 0 nodes and relationships" in result.output
    assert neo4j.run("MATCH (n:Note) RETURN n.text").rows == (("keep me",),)
    neo4j.run("MATCH (n:Note) DELETE n", read_only=False)
    assert whole(neo4j) == embedded(workspace)


# ------------------------------------------------------------------ schema


def test_every_contract_label_has_its_unique_id_constraint(neo4j: Neo4jStore) -> None:
    neo4j.ensure_schema()  # as every push does first; idempotent
    rows = neo4j.run(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties AS props"
    ).rows
    unique = {label for label, props in rows if props == ["id"]}
    assert unique >= {label.value for label in Label}


def test_the_server_refuses_a_second_node_with_an_existing_id(neo4j: Neo4jStore) -> None:
    before = whole(neo4j)
    (existing,) = neo4j.run("MATCH (a:Agency) RETURN a.id ORDER BY a.id LIMIT 1").rows[0]
    with pytest.raises(Exception, match="already exists"):
        neo4j.run("CREATE (:Agency {id: $id})", {"id": existing}, read_only=False)
    assert whole(neo4j) == before


# ------------------------------------------------------------------ read commands


def both(args: list[str], workspace: Path, connection: Connection) -> tuple[Result, Result]:
    """The same command on the embedded store and on Neo4j."""
    local = cli([*args, "--store", str(workspace)])
    remote = cli([*args, "--store", str(workspace), "--neo4j", connection.uri], env_of(connection))
    return local, remote


@pytest.mark.parametrize(
    "args",
    [
        ["query", "agencies-by-technology", "--param", "technology=SiC", "--format", "json"],
        ["query", "programmes-of-agency", "--param", "agency=ITRI", "--format", "json"],
        ["stats", "--format", "json"],
        ["diff", "2025/2026", "2026/2027", "--format", "json"],
        ["cypher", "MATCH (t:Technology) RETURN t.name AS name ORDER BY name", "--format", "csv"],
        ["eval", "--gold", str(GOLD), "--format", "json"],
    ],
    ids=lambda args: args[0] if args[0] != "query" else args[1],
)
def test_read_commands_answer_the_same_from_neo4j(
    args: list[str], synced: Path, neo4j_server: Connection
) -> None:
    local, remote = both(args, synced, neo4j_server)
    # eval exits 1 here, on both: the second edition's shifted years miss the gold's.
    assert local.exit_code == (1 if args[0] == "eval" else 0), local.output
    assert remote.exit_code == local.exit_code, remote.output
    if "--format" in args and args[args.index("--format") + 1] == "json":
        assert json.loads(remote.stdout) == json.loads(local.stdout)
    else:
        assert remote.stdout == local.stdout


def test_stats_counts_match(synced: Path, neo4j_server: Connection) -> None:
    local, remote = both(["stats", "--format", "json"], synced, neo4j_server)

    def as_counts(result: Result) -> dict[str, int]:
        return {f"{r['kind']}:{r['name']}": r["count"] for r in json.loads(result.stdout)}

    assert as_counts(remote) == as_counts(local)
    assert as_counts(remote)["node:Programme"] > 0


def exported(folder: Path) -> dict[str, Any]:
    """The content of exported files: JSON and GraphML parsed (a map's key order, and so
    GraphML's key numbering, follows the store's property order), CSV as bytes."""
    out: dict[str, Any] = {}
    for f in sorted(folder.iterdir()):
        if f.suffix == ".json":
            out[f.name] = json.loads(f.read_text(encoding="utf-8"))
        elif f.suffix == ".graphml":
            g = nx.read_graphml(f)
            out[f.name] = (list(g.nodes(data=True)), list(g.edges(keys=True, data=True)))
        else:
            out[f.name] = f.read_bytes()
    return out


@pytest.mark.parametrize("fmt", ["json", "csv", "graphml"])
def test_export_from_neo4j_writes_the_same_content(
    fmt: str, synced: Path, neo4j_server: Connection, tmp_path: Path
) -> None:
    written = {}
    for where, extra, env in (
        ("embedded", [], None),
        ("neo4j", ["--neo4j", neo4j_server.uri], env_of(neo4j_server)),
    ):
        out = tmp_path / where
        args = ["export", "--format", fmt, "--out", str(out), "--store", str(synced), *extra]
        result = cli(args, env)
        assert result.exit_code == 0, result.output
        written[where] = exported(out)
    want = written["embedded"]
    assert want and all(want.values())
    assert written["neo4j"] == want


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:Agency {id: 'graphkit-test-must-not-exist'})",
        "MATCH (a:Agency) SET a.touched = true",
        "MATCH (n) DETACH DELETE n",
        "CREATE CONSTRAINT nope IF NOT EXISTS FOR (x:Nope) REQUIRE x.id IS UNIQUE",
    ],
)
def test_writes_through_graphkit_cypher_are_refused(
    query: str, workspace: Path, neo4j_server: Connection, neo4j: Neo4jStore
) -> None:
    before = whole(neo4j)
    result = cli(
        ["cypher", query, "--store", str(workspace), "--neo4j", neo4j_server.uri],
        env_of(neo4j_server),
    )
    assert result.exit_code != 0
    assert "read-only" in result.output
    assert whole(neo4j) == before


# ------------------------------------------------------------------ failures


def test_a_wrong_password_is_a_clear_error_and_changes_nothing(
    workspace: Path, neo4j_server: Connection, neo4j: Neo4jStore
) -> None:
    before = whole(neo4j)
    result = cli(
        ["push", "--neo4j", neo4j_server.uri, "--store", str(workspace)],
        env_of(neo4j_server, password="not-the-password"),
    )
    assert result.exit_code != 0
    assert "refused the credentials of user 'neo4j'" in result.output
    assert "not-the-password" not in result.output
    assert whole(neo4j) == before


def test_an_unreachable_server_is_a_clear_error(workspace: Path, neo4j_server: Connection) -> None:
    with socket.socket() as probe:  # a port nobody listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        result = cli(
            ["stats", "--store", str(workspace), "--neo4j", f"bolt://127.0.0.1:{port}"],
            env_of(neo4j_server),
        )
    assert result.exit_code != 0
    assert "cannot reach the Neo4j server" in result.output


class KillingDriver:
    """A real driver whose write transactions run ``kill`` before their ``at``-th statement.

    Everything else is the driver's own: the statements go to the real server, which dies
    (SIGKILL) in the middle of the transaction as it would in a crash.
    """

    def __init__(self, driver: Driver, kill: Any, at: int) -> None:
        self._driver, self._kill, self._at = driver, kill, at

    def verify_connectivity(self) -> None:
        self._driver.verify_connectivity()

    def session(self, **config: Any) -> Any:
        return _KillingSession(self._driver.session(**config), self._kill, self._at)

    def close(self) -> None:
        self._driver.close()


class _KillingSession:
    def __init__(self, session: Any, kill: Any, at: int) -> None:
        self._session, self._kill, self._at = session, kill, at

    def __enter__(self) -> _KillingSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self._session.close()

    def execute_read(self, work: Any) -> Any:
        return self._session.execute_read(work)

    def execute_write(self, work: Any) -> Any:
        at, kill = self._at, self._kill

        def killing(tx: ManagedTransaction) -> Any:
            count = [0]
            run = tx.run

            def counted(query: str, parameters: Any = None) -> Any:
                count[0] += 1
                if count[0] == at:
                    kill()
                return run(query, parameters)

            tx.run = counted  # type: ignore[method-assign]
            return work(tx)

        return self._session.execute_write(killing)


def test_a_server_dying_mid_push_leaves_the_previous_graph(
    workspace: Path, neo4j_command: list[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    log = tmp_path / "neo4j.log"
    with Neo4jServer(neo4j_command, log, data=data) as server:
        conn = server.connection
        with (
            FalkorDBStore(workspace) as source,
            Neo4jStore(conn.uri, conn.user, conn.password) as target,
        ):
            assert len(source.documents()) > 1
            previous = whole(source)
            push(source, Workspace(workspace).ledger, target)
            assert whole(target) == previous
        driver = GraphDatabase.driver(
            conn.uri, auth=(conn.user, conn.password), max_transaction_retry_time=2.0
        )
        killing: Any = KillingDriver(driver, server.kill, at=5)
        with FalkorDBStore(workspace) as source:
            other = _another_graph(source, workspace)
        with (
            Neo4jStore(conn.uri, driver=killing) as target,
            pytest.raises(StoreError, match="cannot reach the Neo4j server"),
        ):
            target.write(other)
        driver.close()
        assert server.process.poll() is not None  # it really died
    with Neo4jServer(neo4j_command, log, data=data) as again:
        conn = again.connection
        with Neo4jStore(conn.uri, conn.user, conn.password) as target:
            assert whole(target) == previous


def _another_graph(source: FalkorDBStore, workspace: Path) -> Any:
    """The graph of the store's documents but the first: different from the one pushed."""
    from graphkit.build import build

    ledger = Workspace(workspace).ledger
    docs = sorted((d["id"], d["sha256"]) for d in source.documents())
    return build(ledger.load(doc, sha) for doc, sha in docs[1:])


# ------------------------------------------------------------------ patches (last: clears Neo4j)


def test_patches_apply_on_neo4j_as_on_the_embedded_store(neo4j: Neo4jStore) -> None:
    """The list pieces and property changes a build sends to FalkorDB mean the same on Neo4j."""
    neo4j.run("MATCH (n) DETACH DELETE n", read_only=False)
    neo4j.ensure_schema()
    neo4j.write(OLD)
    neo4j.write_changes(MOVED, patch_delta(stored(OLD), stored(MOVED)))
    assert neo4j.digest() == content_digest(stored(MOVED))
    neo4j.write_changes(OLD, patch_delta(stored(MOVED), stored(OLD)))
    assert neo4j.digest() == content_digest(stored(OLD))
    neo4j.run("MATCH (n) DETACH DELETE n", read_only=False)
