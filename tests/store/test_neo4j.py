"""The Neo4j store.

Two parts:

* What the store sends, checked against a recording stand-in for the driver (no Neo4j server
  can run where these tests run): the exact statements and parameters, in which transaction
  and of which kind, and how the store turns driver errors into graphkit's.
* ``@pytest.mark.neo4j``: the real corpus built into a real server, compared with the embedded
  store. Runs only when ``NEO4J_URI`` is set (``docker compose up -d``, then export
  ``NEO4J_URI=neo4j://localhost:7687`` and ``NEO4J_PASSWORD``).

  WARNING: the live tests replace the graph in the database they are given (``NEO4J_DATABASE``,
  else the server's default database): every node with a label of the graph contract is
  deleted first. They refuse (skip) a database that holds any other node.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from neo4j.exceptions import (
    AuthError,
    ClientError,
    CypherSyntaxError,
    Neo4jError,
    ServiceUnavailable,
    TransientError,
)
from neo4j.graph import Graph as DriverGraph
from neo4j.graph import Node as DriverNode

from graphkit import knowledge
from graphkit.catalog import SavedQuery, catalogue
from graphkit.errors import QueryError, SchemaError, StoreError
from graphkit.ledger import Ledger
from graphkit.pipeline import BuildReport, Pipeline, build_files, remove_documents
from graphkit.records import Graph, GraphEdge, GraphNode, Label, NodeRef, RelType
from graphkit.store import neo4j as neo4j_module
from graphkit.store.base import QueryResult, Statement, write_statements
from graphkit.store.cypher import DELETE_GRAPH
from graphkit.store.falkordb import FalkorDBStore
from graphkit.store.neo4j import Neo4jStore, open_neo4j, schema_statements
from tests.corpus import all_files

ENV = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")

# ------------------------------------------------------------------ the recording stand-in


@dataclass
class Transaction:
    """One managed transaction as the stand-in saw it."""

    kind: str  # "read" or "write"
    database: str | None
    statements: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    committed: bool = False


class FakeResult:
    def __init__(self, columns: list[str], rows: list[list[Any]], query_type: str) -> None:
        self._columns, self._rows, self._query_type = columns, rows, query_type

    def keys(self) -> list[str]:
        return self._columns

    def __iter__(self) -> Iterator[SimpleNamespace]:
        return iter(SimpleNamespace(values=lambda row=row: list(row)) for row in self._rows)

    def consume(self) -> SimpleNamespace:
        writes = self._query_type != "r"
        counters = SimpleNamespace(contains_updates=writes, contains_system_updates=False)
        return SimpleNamespace(query_type=self._query_type, counters=counters)


class FakeServer:
    """Stands in for ``neo4j.GraphDatabase``: makes drivers, records every transaction.

    ``answer(query, params)`` gives ``(columns, rows, query_type)`` for a statement;
    ``fail(attempt, number)`` may return an exception for the ``number``-th statement of a
    transaction function's ``attempt``-th run (the driver re-runs the function after a
    retryable error, as ``Session.execute_*`` does).
    """

    def __init__(self) -> None:
        self.drivers: list[FakeDriver] = []
        self.transactions: list[Transaction] = []
        self.answer: Callable[[str, dict[str, Any]], tuple[list[str], list[list[Any]], str]] = (
            lambda query, params: ([], [], "w" if "MERGE" in query or "DELETE" in query else "r")
        )
        self.fail: Callable[[int, int], Exception | None] = lambda attempt, number: None
        self.connect_error: Exception | None = None

    def driver(self, uri: str, *, auth: tuple[str, str], **config: Any) -> FakeDriver:
        made = FakeDriver(self, uri, auth, config)
        self.drivers.append(made)
        return made


class FakeDriver:
    def __init__(
        self, server: FakeServer, uri: str, auth: tuple[str, str], config: dict[str, Any]
    ) -> None:
        self.server, self.uri, self.auth, self.config = server, uri, auth, config
        self.closed = False

    def verify_connectivity(self) -> None:
        if self.server.connect_error is not None:
            raise self.server.connect_error

    def session(self, database: str | None = None) -> FakeSession:
        return FakeSession(self.server, database)

    def close(self) -> None:
        self.closed = True


class FakeSession:
    def __init__(self, server: FakeServer, database: str | None) -> None:
        self.server, self.database = server, database

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def execute_read(self, work: Callable[[Any], Any]) -> Any:
        return self._managed("read", work)

    def execute_write(self, work: Callable[[Any], Any]) -> Any:
        return self._managed("write", work)

    def _managed(self, kind: str, work: Callable[[Any], Any]) -> Any:
        for attempt in (1, 2, 3):
            tx = Transaction(kind, self.database)
            self.server.transactions.append(tx)
            try:
                answer = work(FakeTx(self.server, tx, attempt))
            except Neo4jError as exc:
                if exc.is_retryable() and attempt < 3:
                    continue
                raise
            tx.committed = True
            return answer
        raise AssertionError("unreachable")


class FakeTx:
    def __init__(self, server: FakeServer, tx: Transaction, attempt: int) -> None:
        self.server, self.tx, self.attempt = server, tx, attempt

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> FakeResult:
        params = copy.deepcopy(parameters or {})
        self.tx.statements.append((query, params))
        failure = self.server.fail(self.attempt, len(self.tx.statements))
        if failure is not None:
            raise failure
        return FakeResult(*self.server.answer(query, params))


def server_error(code: str, message: str) -> Neo4jError:
    """An error as the driver builds it from a server's FAILURE message (code and message)."""
    return Neo4jError._hydrate_neo4j(code=code, message=message)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> FakeServer:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    fake = FakeServer()
    monkeypatch.setattr(neo4j_module, "GraphDatabase", fake)
    return fake


@pytest.fixture
def store(server: FakeServer) -> Iterator[Neo4jStore]:
    with Neo4jStore("neo4j://db.example:7687", password="s3cret-pass") as opened:
        yield opened


def node(label: Label, id_: str, **props: Any) -> GraphNode:
    return GraphNode(label, id_, {"name": id_, **props})


def edge(rel: RelType, src: GraphNode, dst: GraphNode, **props: Any) -> GraphEdge:
    return GraphEdge(rel, NodeRef(src.label, src.id), NodeRef(dst.label, dst.id), props)


def small_graph(technologies: int = 1) -> Graph:
    doc = node(Label.DOCUMENT, "d1", sources=["d1"], editions=["2025/2026"])
    itri = node(Label.AGENCY, "itri", aliases=["工研院", "ITRI"], sources=["d1"])
    programme = node(Label.PROGRAMME, "p1", start_year=2024, end_year=2027, sources=["d1"])
    techs = [
        node(Label.TECHNOLOGY, f"t{i}", aliases=[f"T{i}"], sources=["d1"])
        for i in range(technologies)
    ]
    edges = [
        edge(RelType.EXECUTED_BY, programme, itri, sources=["d1"], evidence="執行單位：工研院")
    ]
    edges += [
        edge(RelType.DEVELOPS, programme, t, sources=["d1"], mentions=2, evidence="…")
        for t in techs
    ]
    edges += [edge(RelType.MENTIONED_IN, t, doc, sources=["d1"], count=1) for t in techs]
    return Graph(nodes=(doc, itri, programme, *techs), edges=tuple(edges))


def sent(statements: list[Statement]) -> list[tuple[str, dict[str, Any]]]:
    return [(s.query, dict(s.params)) for s in statements]


# ------------------------------------------------------------------ connecting


def test_environment_fallbacks(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://graph.example:7687")
    monkeypatch.setenv("NEO4J_USER", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-the-env")
    monkeypatch.setenv("NEO4J_DATABASE", "graphkit")
    with Neo4jStore() as store:
        store.run("RETURN 1 AS one")
        assert (store.uri, store.user, store.database) == (
            "bolt://graph.example:7687",
            "analyst",
            "graphkit",
        )
    driver = server.drivers[-1]
    assert driver.uri == "bolt://graph.example:7687"
    assert driver.auth == ("analyst", "from-the-env")
    assert driver.closed
    assert [tx.database for tx in server.transactions] == ["graphkit"]


def test_arguments_override_the_environment(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://env.example:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-the-env")
    with open_neo4j("neo4j://arg.example:7687", "me", "from-args", "db2") as store:
        assert isinstance(store, Neo4jStore)
        store.run("RETURN 1 AS one")
    assert (server.drivers[-1].uri, server.drivers[-1].auth) == (
        "neo4j://arg.example:7687",
        ("me", "from-args"),
    )
    assert server.transactions[-1].database == "db2"


def test_user_defaults_to_neo4j_and_database_to_the_servers_default(server: FakeServer) -> None:
    with Neo4jStore("neo4j://localhost:7687", password="pw-123456") as store:
        store.run("RETURN 1 AS one")
    assert server.drivers[-1].auth == ("neo4j", "pw-123456")
    assert server.transactions[-1].database is None


def test_no_uri_is_a_clear_error(server: FakeServer) -> None:
    with pytest.raises(StoreError, match="NEO4J_URI"):
        Neo4jStore(password="pw-123456")
    assert server.drivers == []


def test_no_password_is_an_error_never_a_default(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://localhost:7687")
    with pytest.raises(StoreError, match="NEO4J_PASSWORD") as raised:
        Neo4jStore()
    assert "no password for user 'neo4j'" in str(raised.value)
    with pytest.raises(StoreError, match="NEO4J_PASSWORD"):
        Neo4jStore(password="")
    assert server.drivers == [], "no connection is tried without a password"


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "redis://x:6379"])
def test_only_bolt_uris(server: FakeServer, uri: str) -> None:
    with pytest.raises(StoreError, match="neo4j://HOST:7687"):
        Neo4jStore(uri, password="pw-123456")
    assert server.drivers == []


def test_refused_credentials(server: FakeServer) -> None:
    server.connect_error = AuthError("The client is unauthorized due to authentication failure.")
    with pytest.raises(StoreError, match="refused the credentials of user 'neo4j'") as raised:
        Neo4jStore("neo4j://localhost:7687", password="wrong-password")
    assert "NEO4J_PASSWORD" in str(raised.value)
    assert "wrong-password" not in str(raised.value)
    assert server.drivers[-1].closed


def test_unreachable_server(server: FakeServer) -> None:
    server.connect_error = ServiceUnavailable("Couldn't connect to localhost:7687")
    with pytest.raises(StoreError, match="cannot reach the Neo4j server") as raised:
        Neo4jStore("neo4j://localhost:7687", password="pw-123456")
    assert "docker compose up -d" in str(raised.value)
    assert server.drivers[-1].closed


def test_messages_and_repr_never_show_a_password(server: FakeServer) -> None:
    server.connect_error = ServiceUnavailable("down")
    with pytest.raises(StoreError) as raised:
        Neo4jStore("neo4j://neo4j:inline-secret@localhost:7687", password="pw-123456")
    assert "inline-secret" not in str(raised.value)
    assert "neo4j://localhost:7687" in str(raised.value)
    server.connect_error = None
    with Neo4jStore("neo4j://localhost:7687", password="pw-123456") as store:
        assert "pw-123456" not in repr(store)


def test_closed_store_refuses_work(store: Neo4jStore, server: FakeServer) -> None:
    store.close()
    store.close()
    assert server.drivers[-1].closed
    with pytest.raises(StoreError, match="closed"):
        store.run("RETURN 1 AS one")


# ------------------------------------------------------------------ schema


def test_ensure_schema_runs_the_schema_file_constraints_first(
    store: Neo4jStore, server: FakeServer
) -> None:
    store.ensure_schema()
    file_text = knowledge.read_text("neo4j/constraints.cypher")
    in_file = [s.strip() for s in re.sub(r"//[^\n]*", "", file_text).split(";") if s.strip()]
    queries = [tx.statements[0][0] for tx in server.transactions]
    assert sorted(queries) == sorted(" ".join(s.split()) for s in in_file)
    assert all(tx.kind == "write" and tx.committed for tx in server.transactions)
    assert all(len(tx.statements) == 1 for tx in server.transactions), "one per transaction"
    kinds = ["constraint" if q.startswith("CREATE CONSTRAINT") else "index" for q in queries]
    assert kinds == sorted(kinds), "every constraint before any index"
    for label in Label:
        assert any(f"(n:{label.value}) REQUIRE n.id IS UNIQUE" in q for q in queries), label


def test_schema_file_must_give_every_label_a_unique_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        knowledge,
        "read_text",
        lambda path: "CREATE CONSTRAINT a IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;",
    )
    with pytest.raises(SchemaError, match="no unique constraint on id for Programme"):
        schema_statements()
    monkeypatch.setattr(knowledge, "read_text", lambda path: "MATCH (n) DETACH DELETE n;")
    with pytest.raises(SchemaError, match="CREATE CONSTRAINT or CREATE INDEX"):
        schema_statements()


def test_refused_schema_statement_names_it(store: Neo4jStore, server: FakeServer) -> None:
    server.fail = lambda attempt, number: server_error(
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists", "An equivalent index exists"
    )
    with pytest.raises(StoreError, match="An equivalent index exists") as raised:
        store.ensure_schema()
    assert "CREATE CONSTRAINT" in str(raised.value)


# ------------------------------------------------------------------ write


def test_write_sends_exactly_the_shared_statements_in_one_write_transaction(
    store: Neo4jStore, server: FakeServer
) -> None:
    graph = small_graph(technologies=3)
    store.write(graph)
    assert len(server.transactions) == 1
    tx = server.transactions[0]
    assert (tx.kind, tx.committed) == ("write", True)
    assert tx.statements == [(DELETE_GRAPH, {}), *sent(write_statements(graph))]


def test_write_keeps_the_batches_in_order(store: Neo4jStore, server: FakeServer) -> None:
    graph = small_graph(technologies=1203)  # three batches of Technology nodes, and of edges
    expected = [(DELETE_GRAPH, {}), *sent(write_statements(graph))]
    assert len(expected) > 10
    store.write(graph)
    assert [tx.statements for tx in server.transactions] == [expected]


def test_delete_graph_removes_only_contract_labels() -> None:
    for label in Label:
        assert f"n:{label.value}" in DELETE_GRAPH
    assert DELETE_GRAPH.startswith("MATCH (n) WHERE ") and DELETE_GRAPH.endswith(" DETACH DELETE n")


def test_writing_an_empty_graph_empties_it(store: Neo4jStore, server: FakeServer) -> None:
    store.write(Graph(nodes=(), edges=()))
    assert [tx.statements for tx in server.transactions] == [[(DELETE_GRAPH, {})]]


def test_a_retried_write_sends_the_whole_build_again(store: Neo4jStore, server: FakeServer) -> None:
    graph = small_graph(technologies=2)
    server.fail = lambda attempt, number: (
        TransientError("deadlock detected") if (attempt, number) == (1, 3) else None
    )
    store.write(graph)
    first, second = server.transactions
    assert not first.committed and len(first.statements) == 3
    assert second.committed
    assert second.statements == [(DELETE_GRAPH, {}), *sent(write_statements(graph))]


def test_refused_write_names_the_statement_and_commits_nothing(
    store: Neo4jStore, server: FakeServer
) -> None:
    server.fail = lambda attempt, number: (
        server_error(
            "Neo.ClientError.Statement.TypeError",
            "Property values can only be of primitive types or arrays thereof",
        )
        if number == 2
        else None
    )
    graph = small_graph()
    with pytest.raises(StoreError, match="nothing was committed") as raised:
        store.write(graph)
    total = 1 + len(write_statements(graph))
    assert f"statement 2 of {total} was refused" in str(raised.value)
    assert "primitive types" in str(raised.value)
    assert not any(tx.committed for tx in server.transactions)


def test_value_neo4j_cannot_take_is_refused_before_sending(
    store: Neo4jStore, server: FakeServer
) -> None:
    big = node(Label.PROGRAMME, "p", start_year=2**70)
    with pytest.raises(StoreError, match="64-bit"):
        store.write(Graph(nodes=(big,), edges=()))
    assert server.transactions == []


def test_lost_connection_during_write(store: Neo4jStore, server: FakeServer) -> None:
    server.fail = lambda attempt, number: ServiceUnavailable("connection reset")
    with pytest.raises(StoreError, match="cannot reach the Neo4j server"):
        store.write(small_graph())


# ------------------------------------------------------------------ run


def test_reads_run_in_a_read_transaction(store: Neo4jStore, server: FakeServer) -> None:
    server.answer = lambda query, params: (["name", "years"], [["碳化矽", [2024, 2025]]], "r")
    result = store.run("MATCH (t:Technology {name: $name}) RETURN t.name", {"name": "碳化矽"})
    assert result == QueryResult(("name", "years"), (("碳化矽", [2024, 2025]),))
    [tx] = server.transactions
    assert (tx.kind, tx.committed) == ("read", True)
    assert tx.statements == [
        ("MATCH (t:Technology {name: $name}) RETURN t.name", {"name": "碳化矽"})
    ]


def test_writes_run_in_a_write_transaction_when_asked(
    store: Neo4jStore, server: FakeServer
) -> None:
    store.run("MATCH (n:Agency) SET n.seen = true", read_only=False)
    assert [tx.kind for tx in server.transactions] == ["write"]


def test_read_only_query_that_writes_is_rolled_back(store: Neo4jStore, server: FakeServer) -> None:
    # A server that let a read transaction write: the summary gives it away.
    server.answer = lambda query, params: ([], [], "w")
    with pytest.raises(QueryError, match="run read-only"):
        store.run("CREATE (:Agency {id: 'x'})")
    [tx] = server.transactions
    assert tx.kind == "read" and not tx.committed


def test_server_refusing_a_write_in_a_read_transaction(
    store: Neo4jStore, server: FakeServer
) -> None:
    server.fail = lambda attempt, number: server_error(
        "Neo.ClientError.Statement.AccessMode",
        "Writing in read access mode not allowed. Attempted write to internal graph 0 (neo4j)",
    )
    with pytest.raises(QueryError, match="the query writes, but was run read-only"):
        store.run("CREATE (:Agency {id: 'x'})")


def test_query_errors(store: Neo4jStore, server: FakeServer) -> None:
    server.fail = lambda attempt, number: server_error(
        "Neo.ClientError.Statement.SyntaxError", "Invalid input 'RETRUN'"
    )
    with pytest.raises(QueryError, match="Invalid input 'RETRUN'"):
        store.run("MATCH (n) RETRUN n")
    server.fail = lambda attempt, number: CypherSyntaxError("Invalid input")
    with pytest.raises(QueryError, match="Invalid input"):
        store.run("MATCH (n) RETRUN n")
    server.fail = lambda attempt, number: server_error(
        "Neo.ClientError.Database.DatabaseNotFound", "Graph not found: nosuch"
    )
    with pytest.raises(StoreError, match="no database"):
        store.run("RETURN 1 AS one")
    with pytest.raises(QueryError, match="64-bit"):
        store.run("RETURN $x AS x", {"x": 2**64})


def test_client_errors_are_query_errors(store: Neo4jStore, server: FakeServer) -> None:
    server.fail = lambda attempt, number: ClientError("Unknown function 'vecf32'")
    with pytest.raises(QueryError, match="vecf32"):
        store.run("RETURN vecf32([1.0]) AS v")


def test_driver_values_become_plain_values(store: Neo4jStore, server: FakeServer) -> None:
    graph = DriverGraph()
    tech = DriverNode(graph, "4:x:1", 1, ["Technology"], {"name": "碳化矽", "aliases": ["SiC"]})
    develops = graph.relationship_type("DEVELOPS")(graph, "5:x:2", 2, {"mentions": 3})
    server.answer = lambda query, params: (["t", "r", "m"], [[tech, develops, {"n": tech}]], "r")
    [row] = store.run("MATCH (t)<-[r]-() RETURN t, r, {n: t} AS m").rows
    plain_tech = {"labels": ["Technology"], "properties": {"name": "碳化矽", "aliases": ["SiC"]}}
    assert row == (
        plain_tech,
        {"type": "DEVELOPS", "properties": {"mentions": 3}},
        {"n": plain_tech},
    )
    json.dumps(row)


def test_counts_use_the_shared_queries_read_only(store: Neo4jStore, server: FakeServer) -> None:
    server.answer = lambda query, params: (
        (["label", "count"], [["Agency", 2]], "r")
        if "labels(n)" in query
        else (["type", "count"], [["DEVELOPS", 5]], "r")
    )
    assert store.counts() == {"nodes": {"Agency": 2}, "relationships": {"DEVELOPS": 5}}
    assert [tx.kind for tx in server.transactions] == ["read", "read"]


# ------------------------------------------------------------------ live: a real Neo4j server


#: Marks of every live test: skipped at collection time, before any fixture is built, when no
#: server is named.
live = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="needs a Neo4j server: `docker compose up -d`, then export "
    "NEO4J_URI=neo4j://localhost:7687 and NEO4J_PASSWORD=<the password in NEO4J_AUTH> "
    "(WARNING: the live tests replace graphkit's graph in that database)",
)


@pytest.fixture(scope="module")
def neo4j_build(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> Iterator[tuple[Neo4jStore, BuildReport, Ledger]]:
    """The corpus built into the server named by NEO4J_URI, after emptying graphkit's graph."""
    store = Neo4jStore()  # NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE
    try:
        contract = {label.value for label in Label}
        labels = store.run("MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label").rows
        foreign = sorted(str(r[0]) for r in labels if r[0] not in contract)
        if foreign:
            pytest.skip(
                f"the database holds nodes graphkit did not write (labels {', '.join(foreign)}); "
                "the live tests replace the graph, so point NEO4J_DATABASE at a scratch "
                "database or empty this one"
            )
        store.ensure_schema()
        store.write(Graph(nodes=(), edges=()))  # start from nothing: a build, not an update
        ledger = Ledger(tmp_path_factory.mktemp("neo4j-ledger"))
        report = build_files(all_files(), store, ledger, pipeline=pipeline)
        yield store, report, ledger
    finally:
        store.close()


#: Saved queries that pick one answer among equally good ones (the first of several shortest
#: chains); for these only the listed columns must agree between stores.
ANY_OF_EQUALS: dict[str, tuple[str, ...]] = {"shortest-connection": ("hops",)}


def _canon(row: tuple[Any, ...]) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def _order_keys(query: SavedQuery, columns: tuple[str, ...]) -> list[int] | None:
    """Column positions of the final ORDER BY, if every key is a returned column."""
    body = query.cypher
    returned = body.rfind("RETURN")
    match = re.search(r"ORDER BY\s+(.+?)(?:\s+LIMIT\b.*)?\s*$", body[returned:], re.S)
    if match is None:
        return None
    keys = [re.sub(r"\s+(ASC|DESC)$", "", k.strip(), flags=re.I) for k in match[1].split(",")]
    if not all(k in columns for k in keys):
        return None
    return [columns.index(k) for k in keys]


def assert_same_answer(query: SavedQuery, got: QueryResult, want: QueryResult) -> None:
    """Row by row where the query orders them; as multisets among rows the order leaves tied.

    With a LIMIT, the rows of the last tied group are whichever the engine met first, so
    only their sort keys must agree.
    """
    assert got.columns == want.columns, query.name
    assert len(got.rows) == len(want.rows), query.name
    if query.name in ANY_OF_EQUALS:
        cols = [got.columns.index(c) for c in ANY_OF_EQUALS[query.name]]
        assert [[r[i] for i in cols] for r in got.rows] == [
            [r[i] for i in cols] for r in want.rows
        ], query.name
        return
    keys = _order_keys(query, got.columns)
    if keys is None:
        assert sorted(map(_canon, got.rows)) == sorted(map(_canon, want.rows)), query.name
        return

    def key_of(row: tuple[Any, ...]) -> str:
        return _canon(tuple(row[i] for i in keys))

    assert [key_of(r) for r in got.rows] == [key_of(r) for r in want.rows], query.name
    limited = re.search(r"\bLIMIT\b", query.cypher[query.cypher.rfind("RETURN") :]) is not None
    last = key_of(want.rows[-1]) if want.rows else None
    groups: dict[str, tuple[list[str], list[str]]] = {}
    for mine, theirs in zip(got.rows, want.rows, strict=True):
        groups.setdefault(key_of(mine), ([], []))[0].append(_canon(mine))
        groups.setdefault(key_of(theirs), ([], []))[1].append(_canon(theirs))
    for key, (mine_rows, their_rows) in groups.items():
        if limited and key == last:
            continue
        assert sorted(mine_rows) == sorted(their_rows), f"{query.name}: rows ordered by {key}"


@pytest.mark.neo4j
@pytest.mark.slow
@live
def test_live_build_has_the_embedded_stores_counts(
    neo4j_build: tuple[Neo4jStore, BuildReport, Ledger], corpus_store: FalkorDBStore
) -> None:
    store, report, _ = neo4j_build
    assert [d.status for d in report.documents] == ["loaded"] * len(report.documents)
    assert store.counts() == corpus_store.counts()


@pytest.mark.neo4j
@pytest.mark.slow
@live
def test_live_build_holds_the_same_graph(
    neo4j_build: tuple[Neo4jStore, BuildReport, Ledger], corpus_store: FalkorDBStore
) -> None:
    assert neo4j_build[0].digest() == corpus_store.digest()


@pytest.mark.neo4j
@pytest.mark.slow
@live
@pytest.mark.parametrize("name", sorted(catalogue()))
def test_live_saved_query_answers_as_the_embedded_store(
    neo4j_build: tuple[Neo4jStore, BuildReport, Ledger], corpus_store: FalkorDBStore, name: str
) -> None:
    query = catalogue()[name]
    got = neo4j_build[0].run(query.cypher, query.bind())
    want = corpus_store.run(query.cypher, query.bind())
    assert_same_answer(query, got, want)


@pytest.mark.neo4j
@pytest.mark.slow
@live
def test_live_read_only_queries_cannot_write(
    neo4j_build: tuple[Neo4jStore, BuildReport, Ledger],
) -> None:
    store = neo4j_build[0]
    before = store.counts()
    with pytest.raises(QueryError, match="read-only"):
        store.run("CREATE (:Agency {id: 'graphkit-test-must-not-exist'})")
    with pytest.raises(QueryError, match="read-only"):
        store.run("MATCH (a:Agency) SET a.touched = true")
    assert store.counts() == before


@pytest.mark.neo4j
@pytest.mark.slow
@live
def test_live_remove_and_reload_restores_the_graph(
    neo4j_build: tuple[Neo4jStore, BuildReport, Ledger], pipeline: Pipeline
) -> None:
    """Runs last: it changes the graph and puts it back."""
    store, _, ledger = neo4j_build
    digest = store.digest()
    first = all_files()[0]
    remove_documents([first.name], store, ledger)
    assert first.name not in {d["name"] for d in store.documents()}
    assert store.digest() != digest
    report = build_files([first], store, ledger, pipeline=pipeline)
    assert [d.status for d in report.documents] == ["loaded"]
    assert store.digest() == digest
