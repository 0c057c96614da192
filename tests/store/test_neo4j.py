"""The Neo4j store.

Checked against a recording stand-in for the driver:

* What the store sends: the exact statements and parameters, in which transaction and of which
  kind, and how the store turns driver errors into graphkit's.
* What a live server rarely shows: a transaction function re-run after a transient error,
  a missing database, a commit whose outcome is unknown, values the driver cannot pack.

Everything a live server can show is tested against one (the test server of neo4j-server/):
tests/store/test_neo4j_live.py and tests/store/test_neo4j_queries.py.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from neo4j.exceptions import (
    ClientError,
    CypherSyntaxError,
    Neo4jError,
    ServiceUnavailable,
    TransientError,
)
from neo4j.graph import Graph as DriverGraph
from neo4j.graph import Node as DriverNode

from graphkit import knowledge
from graphkit.delta import diff, fingerprints, stored
from graphkit.errors import QueryError, SchemaError, StoreError
from graphkit.records import Graph, GraphEdge, GraphNode, Label, NodeRef, RelType
from graphkit.store import neo4j as neo4j_module
from graphkit.store.base import QueryResult, Statement, delta_statements, write_statements
from graphkit.store.cypher import CLEAR_MARKER, DELETE_GRAPH, MARKER, SET_MARKER
from graphkit.store.neo4j import Neo4jStore, open_neo4j
from graphkit.store.results import NodeValue, RelationshipValue
from graphkit.store.schema_file import neo4j_statements

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
    """A store on an injected stand-in driver (the driver's owner closes it)."""
    driver = FakeDriver(server, "neo4j://db.example:7687", ("neo4j", "s3cret-pass"), {})
    with Neo4jStore("neo4j://db.example:7687", driver=driver) as opened:  # type: ignore[arg-type]
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
    assert server.drivers == [], "an injected driver: the store made none"
    with pytest.raises(StoreError, match="closed"):
        store.run("RETURN 1 AS one")


def test_a_store_closes_the_driver_it_made_not_a_given_one(server: FakeServer) -> None:
    with Neo4jStore("neo4j://db.example:7687", password="s3cret-pass"):
        pass
    assert server.drivers[-1].closed
    given = FakeDriver(server, "neo4j://db.example:7687", ("neo4j", "pw"), {})
    with Neo4jStore(driver=given) as store:  # type: ignore[arg-type]
        assert "given driver" in repr(store)
    assert not given.closed


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
        neo4j_statements()
    monkeypatch.setattr(knowledge, "read_text", lambda path: "MATCH (n) DETACH DELETE n;")
    with pytest.raises(SchemaError, match="CREATE CONSTRAINT or CREATE INDEX"):
        neo4j_statements()


def test_refused_schema_statement_names_it(store: Neo4jStore, server: FakeServer) -> None:
    server.fail = lambda attempt, number: server_error(
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists", "An equivalent index exists"
    )
    with pytest.raises(StoreError, match="An equivalent index exists") as raised:
        store.ensure_schema()
    assert "CREATE CONSTRAINT" in str(raised.value)


# ------------------------------------------------------------------ write

CLEAR: tuple[str, dict[str, Any]] = (CLEAR_MARKER, {})


def test_write_sends_exactly_the_shared_statements_in_one_write_transaction(
    store: Neo4jStore, server: FakeServer
) -> None:
    graph = small_graph(technologies=3)
    store.write(graph)
    assert len(server.transactions) == 1
    tx = server.transactions[0]
    assert (tx.kind, tx.committed) == ("write", True)
    assert tx.statements == [CLEAR, (DELETE_GRAPH, {}), *sent(write_statements(graph))]


def test_write_keeps_the_batches_in_order(store: Neo4jStore, server: FakeServer) -> None:
    graph = small_graph(technologies=1203)  # three batches of Technology nodes, and of edges
    expected = [CLEAR, (DELETE_GRAPH, {}), *sent(write_statements(graph))]
    assert len(expected) > 10
    store.write(graph)
    assert [tx.statements for tx in server.transactions] == [expected]


def test_write_changes_sends_the_delta_statements_in_one_transaction(
    store: Neo4jStore, server: FakeServer
) -> None:
    old, new = small_graph(technologies=2), small_graph(technologies=3)
    delta = diff(fingerprints(stored(old)), stored(new))
    store.write_changes(new, delta)
    assert len(server.transactions) == 1
    tx = server.transactions[0]
    assert (tx.kind, tx.committed) == ("write", True)
    assert tx.statements == [CLEAR, *sent(delta_statements(delta))]
    assert len(tx.statements) == 1 + len(delta_statements(delta)) > 1


def test_the_marker_is_one_node_outside_the_contract(store: Neo4jStore, server: FakeServer) -> None:
    store.mark("t1")
    assert server.transactions[-1].statements == [(SET_MARKER, {"token": "t1"})]
    assert "GraphkitMarker" in MARKER and all(f":{lab.value}" not in MARKER for lab in Label)


def test_delete_graph_removes_only_contract_labels() -> None:
    for label in Label:
        assert f"n:{label.value}" in DELETE_GRAPH
    assert DELETE_GRAPH.startswith("MATCH (n) WHERE ") and DELETE_GRAPH.endswith(" DETACH DELETE n")


def test_writing_an_empty_graph_empties_it(store: Neo4jStore, server: FakeServer) -> None:
    store.write(Graph(nodes=(), edges=()))
    assert [tx.statements for tx in server.transactions] == [[CLEAR, (DELETE_GRAPH, {})]]


def test_a_retried_write_sends_the_whole_build_again(store: Neo4jStore, server: FakeServer) -> None:
    graph = small_graph(technologies=2)
    server.fail = lambda attempt, number: (
        TransientError("deadlock detected") if (attempt, number) == (1, 3) else None
    )
    store.write(graph)
    first, second = server.transactions
    assert not first.committed and len(first.statements) == 3
    assert second.committed
    assert second.statements == [CLEAR, (DELETE_GRAPH, {}), *sent(write_statements(graph))]


def test_refused_write_names_the_statement_and_commits_nothing(
    store: Neo4jStore, server: FakeServer
) -> None:
    server.fail = lambda attempt, number: (
        server_error(
            "Neo.ClientError.Statement.TypeError",
            "Property values can only be of primitive types or arrays thereof",
        )
        if number == 3
        else None
    )
    graph = small_graph()
    with pytest.raises(StoreError, match="nothing was committed") as raised:
        store.write(graph)
    total = 2 + len(write_statements(graph))  # the marker and the old graph deleted first
    assert f"statement 3 of {total} was refused" in str(raised.value)
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


def test_driver_values_become_typed_values(store: Neo4jStore, server: FakeServer) -> None:
    """End nodes the answer lacks are looked up by element id in the same transaction."""
    graph = DriverGraph()
    props = {"id": "technology:碳化矽", "name": "碳化矽", "aliases": ["SiC"]}
    tech = DriverNode(graph, "4:x:1", 1, ["Technology"], props)
    programme = DriverNode(graph, "4:x:7", 7)  # only an end node: no labels, no properties
    develops = graph.relationship_type("DEVELOPS")(graph, "5:x:2", 2, {"mentions": 3})
    develops._start_node, develops._end_node = programme, tech

    def answer(query: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]], str]:
        if "elementId(n) IN $keys" in query:
            return ["key", "id"], [["4:x:7", "programme:p1"]], "r"
        return ["t", "r", "m"], [[tech, develops, {"n": [tech]}]], "r"

    server.answer = answer
    [row] = store.run("MATCH (t)<-[r]-() RETURN t, r, {n: [t]} AS m").rows
    typed_tech = NodeValue("technology:碳化矽", ("Technology",), props)
    assert row == (
        typed_tech,
        RelationshipValue("DEVELOPS", "programme:p1", "technology:碳化矽", {"mentions": 3}),
        {"n": [typed_tech]},
    )
    [tx] = server.transactions
    assert (tx.kind, tx.statements[1]) == (
        "read",
        (
            "MATCH (n) WHERE elementId(n) IN $keys RETURN elementId(n) AS key, n.id AS id",
            {"keys": ["4:x:7"]},
        ),
    )


def test_counts_use_the_shared_queries_read_only(store: Neo4jStore, server: FakeServer) -> None:
    server.answer = lambda query, params: (
        (["label", "count"], [["Agency", 2]], "r")
        if "labels(n)" in query
        else (["type", "count"], [["DEVELOPS", 5]], "r")
    )
    assert store.counts() == {"nodes": {"Agency": 2}, "relationships": {"DEVELOPS": 5}}
    assert [tx.kind for tx in server.transactions] == ["read", "read"]
