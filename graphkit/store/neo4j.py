"""The analysts' store: a Neo4j server, reached through the official driver.

graphkit does not run Neo4j itself: point it at a server (``docker compose up -d`` starts
one, see ``docker-compose.yml``) with a URI and a password, given as arguments or in the
environment::

    NEO4J_URI neo4j://localhost:7687 (or bolt://, neo4j+s://, ...); NEO4J_USER (default
    "neo4j"); NEO4J_PASSWORD, required; NEO4J_DATABASE (default: the server's default)

The store runs the Cypher the embedded store runs (:mod:`graphkit.store.cypher`):

* :meth:`Neo4jStore.write` replaces the graph in **one** managed write transaction
  (``session.execute_write``): it detach-deletes every node with a contract label (other nodes
  stay), then writes the build; :meth:`Neo4jStore.write_changes` applies a difference in one
  transaction. Both commit whole or not at all, and clear the marker node
  (:data:`~graphkit.store.cypher.MARKER_LABEL`); a driver's re-run after a transient failure
  runs the same idempotent statements.
* :meth:`Neo4jStore.run` answers read-only queries in a managed *read* transaction
  (``session.execute_read``), where the server refuses writes, and also checks the result
  summary: a query that reports any update fails before its transaction commits, so it is
  rolled back even on a server that lets a read transaction write.

:meth:`~graphkit.store.base.GraphStore.lock` is the base class's no-op (a server has no lock
file): two pushes into one database at once each write what their store holds, the later commit
wins, so pushes into one database should take turns.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from ..errors import Errors, QueryError, StoreError
from ..records import Graph
from . import cypher
from .base import GraphStore, QueryResult, Statement, delta_statements, write_statements
from .neo4j_errors import (
    DATABASE_NOT_FOUND,
    blames_statement,
    describe,
    excerpt,
    is_read_only_refusal,
    without_userinfo,
    writes,
)
from .results import Decoder
from .schema_file import neo4j_statements
from .values import NEO4J, params_problem

if TYPE_CHECKING:
    from ..delta import Delta

__all__ = ["Neo4jStore", "open_neo4j"]

ENV_URI: Final = "NEO4J_URI"
ENV_USER: Final = "NEO4J_USER"
ENV_PASSWORD: Final = "NEO4J_PASSWORD"
ENV_DATABASE: Final = "NEO4J_DATABASE"
DEFAULT_USER: Final = "neo4j"
#: URI schemes of the Bolt protocol. The driver also takes http(s):// (a preview of the Query
#: API), which has other transaction semantics; graphkit does not use it.
BOLT_SCHEMES: Final = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
_IDS_OF: Final = "MATCH (n) WHERE elementId(n) IN $keys RETURN elementId(n) AS key, n.id AS id"


class Neo4jStore(GraphStore):
    """A graph in a Neo4j server (4.4, 5.x or 2025.x), through the official Python driver.

    Every argument falls back to an environment variable when it is ``None`` (or empty).

    Args:
        uri: Server address, e.g. ``neo4j://localhost:7687``; else ``NEO4J_URI``.
        user: User name; else ``NEO4J_USER``, else ``"neo4j"``.
        password: Password; else ``NEO4J_PASSWORD``. There is no default.
        database: Database name; else ``NEO4J_DATABASE``, else the server's default one.
        connection_timeout: Seconds to wait for a connection to open.
        driver: A driver made by the caller (``neo4j.GraphDatabase.driver(...)``), used
            instead of making one from the arguments; the caller closes it.

    Raises:
        StoreError: No URI or no password is given, the URI is not a Neo4j URI, the server
            cannot be reached, or it refuses the credentials.

    Example:
        >>> with Neo4jStore("neo4j://localhost:7687", password="...") as store:  # doctest: +SKIP
        ...     store.write(graph)
    """

    def __init__(
        self,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        *,
        connection_timeout: float = 15.0,
        driver: Driver | None = None,
    ) -> None:
        self._closed = False
        self._driver: Any = None
        self._owns_driver = driver is None
        self._database = database or os.environ.get(ENV_DATABASE) or None
        if driver is not None:
            # The caller's driver (the neo4j-graphrag writer pattern): the caller configured it
            # and closes it; the URI and user only name the server in messages.
            self._uri = uri or "(the given driver)"
            self._where = without_userinfo(self._uri)
            self._user = user or os.environ.get(ENV_USER) or DEFAULT_USER
            self._driver = driver
        else:
            self._connect(uri, user, password, connection_timeout)
        try:
            # Fail here, with a clear message, rather than in the middle of a build.
            self._driver.verify_connectivity()
        except BaseException as exc:
            self.close()
            if isinstance(exc, Neo4jError | DriverError):
                raise self._store_error(exc, Errors.E030) from exc
            raise

    def _connect(
        self, uri: str | None, user: str | None, password: str | None, timeout: float
    ) -> None:
        """Check the URI and credentials (given or from ``NEO4J_*``) and make a driver."""
        given_uri = uri or os.environ.get(ENV_URI) or ""
        if not given_uri.strip():
            raise StoreError(
                Errors.E030.format(
                    path="Neo4j",
                    detail=f"no server URI: give one (e.g. neo4j://localhost:7687) or set "
                    f"{ENV_URI}",
                )
            )
        self._uri = given_uri.strip()
        self._where = without_userinfo(self._uri)
        self._user = user or os.environ.get(ENV_USER) or DEFAULT_USER
        secret = password or os.environ.get(ENV_PASSWORD) or ""
        if not secret:
            raise StoreError(
                Errors.E030.format(
                    path=self._where,
                    detail=f"no password for user {self._user!r}: set {ENV_PASSWORD} "
                    "(graphkit has no default password)",
                )
            )
        scheme = self._uri.partition("://")[0].lower() if "://" in self._uri else ""
        if scheme not in BOLT_SCHEMES:
            raise StoreError(
                Errors.E030.format(
                    path=self._where,
                    detail="graphkit talks to Neo4j over Bolt: use neo4j://HOST:7687 or "
                    "bolt://HOST:7687 (neo4j+s:// or bolt+s:// for TLS; 7474 is the browser's "
                    "HTTP port)",
                )
            )
        try:
            self._driver = GraphDatabase.driver(
                self._uri, auth=(self._user, secret), connection_timeout=timeout
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(
                Errors.E030.format(
                    path=self._where,
                    detail=f"not a usable Neo4j URI ({exc}); use neo4j://HOST:7687 or "
                    "bolt://HOST:7687 (neo4j+s:// or bolt+s:// for TLS)",
                )
            ) from exc

    # ------------------------------------------------------------------ properties

    @property
    def uri(self) -> str:
        """The server URI (as given, credentials in it included)."""
        return self._uri

    @property
    def user(self) -> str:
        """The user graphkit logs in as."""
        return self._user

    @property
    def database(self) -> str | None:
        """The database name, or ``None`` for the server's default database."""
        return self._database

    # ------------------------------------------------------------------ schema

    def ensure_schema(self) -> None:
        """Run ``schema/neo4j/constraints.cypher``: id constraints first, then name indexes.

        Every statement says ``IF NOT EXISTS``, so this is idempotent. Each runs in its own
        write transaction (Neo4j does not mix schema and data changes in one transaction).

        Raises:
            SchemaError: The file holds a statement that is not ``CREATE CONSTRAINT`` or
                ``CREATE INDEX``, or a label of the contract has no unique ``id`` constraint.
            StoreError: The server refuses a statement or cannot be reached.
        """
        self._check_open()
        for query in neo4j_statements():
            self._write([Statement(query, {})], Errors.E030)

    # ------------------------------------------------------------------ write

    def write(self, graph: Graph) -> None:
        """Replace the graph with ``graph`` in one transaction (the marker cleared, see above).

        Raises StoreError when a value cannot be sent, a statement is refused or the connection
        is lost: then nothing is committed."""
        self._check_open()
        clear = [Statement(cypher.CLEAR_MARKER, {}), Statement(cypher.DELETE_GRAPH, {})]
        self._write_checked([*clear, *write_statements(graph)])

    def write_changes(self, graph: Graph, delta: Delta) -> None:
        """Clear the marker, apply ``delta`` (``delta_statements``) in one transaction."""
        self._check_open()
        self._write_checked([Statement(cypher.CLEAR_MARKER, {}), *delta_statements(delta)])

    def marker(self) -> str | None:
        """The token on the marker node (:data:`~graphkit.store.cypher.MARKER_LABEL`)."""
        rows = self.run(cypher.MARKER).rows
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def mark(self, token: str) -> None:
        """Record ``token`` on the marker node, outside the contract's labels."""
        self._write([Statement(cypher.SET_MARKER, {"token": token})], Errors.E033)

    def _write_checked(self, statements: list[Statement]) -> None:
        """Check every value, then run ``statements`` in one write transaction."""
        for number, statement in enumerate(statements, start=1):
            if problem := params_problem(statement.params, rules=NEO4J):
                raise StoreError(Errors.E033.format(detail=f"statement {number}: {problem}"))
        self._write(statements, Errors.E033)

    def _write(self, statements: Sequence[Statement], template: str) -> None:
        """Run ``statements`` in order in one managed write transaction."""
        reached = [0]  # the statement the last attempt got to, for the error message

        def work(tx: ManagedTransaction) -> None:
            for number, statement in enumerate(statements, start=1):
                reached[0] = number
                tx.run(statement.query, dict(statement.params)).consume()

        try:
            with self._driver.session(database=self._database) as session:
                session.execute_write(work)
        except Neo4jError as exc:
            if reached[0] and blames_statement(exc):
                statement = statements[reached[0] - 1]
                detail = (
                    f"statement {reached[0]} of {len(statements)} was refused: "
                    f"{describe(exc)}: {excerpt(statement.query)}"
                )
                raise StoreError(template.format(path=self._where, detail=detail)) from exc
            raise self._store_error(exc, template) from exc
        except DriverError as exc:
            raise self._store_error(exc, template) from exc

    # ------------------------------------------------------------------ query

    def run(
        self, query: str, params: Mapping[str, Any] | None = None, *, read_only: bool = True
    ) -> QueryResult:
        """Run one parameterised Cypher query.

        Args:
            query: Cypher, with every value as a ``$parameter``.
            params: Parameter values (str, int, float, bool, None, lists and maps of them).
            read_only: Run in a read transaction, which the server refuses to write in; a
                query whose summary still reports an update is rolled back and refused.

        Returns:
            Column names and rows; nodes, relationships and paths become the typed values of
            :mod:`graphkit.store.results` (relationships with their end nodes' graph ids, read
            in the same transaction), temporal values ISO 8601 strings: equal to what the
            FalkorDB store returns for the same graph.

        Raises:
            QueryError: A parameter cannot be sent, the server refused the query, or a
                read-only query tried to write.
            StoreError: The server cannot be reached, refuses the credentials, or has no
                such database.
        """
        self._check_open()
        values = dict(params or {})
        problem = params_problem(values, rules=NEO4J)
        if problem:
            raise QueryError(Errors.E023.format(detail=problem))

        try:
            with self._driver.session(database=self._database) as session:
                execute = session.execute_read if read_only else session.execute_write
                answer: QueryResult = execute(partial(_answer, query=query, values=values,
                                                      read_only=read_only))  # fmt: skip
        except _WroteInReadOnlyError as exc:
            raise QueryError(
                Errors.E032.format(
                    detail=f"the query writes, but was run read-only ({exc}); nothing was changed"
                )
            ) from exc
        except Neo4jError as exc:
            if read_only and is_read_only_refusal(exc):
                raise QueryError(
                    Errors.E032.format(
                        detail=f"the query writes, but was run read-only ({describe(exc)})"
                    )
                ) from exc
            if blames_statement(exc):
                raise QueryError(Errors.E032.format(detail=describe(exc))) from exc
            raise self._store_error(exc, Errors.E030) from exc
        except DriverError as exc:
            raise self._store_error(exc, Errors.E030) from exc
        return answer

    # ------------------------------------------------------------------ life

    def close(self) -> None:
        """Close the driver this store made (not a given one). Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._driver is not None and self._owns_driver:
            self._driver.close()
        self._driver = None

    def _check_open(self) -> None:
        if self._closed or self._driver is None:
            raise StoreError(Errors.E030.format(path=self._where, detail="the store is closed"))

    def _store_error(self, exc: Neo4jError | DriverError, template: str) -> StoreError:
        """A StoreError that says what went wrong with the server, the connection or login."""
        if isinstance(exc, AuthError):
            detail = (
                f"the server refused the credentials of user {self._user!r} ({describe(exc)}); "
                f"check {ENV_USER} and {ENV_PASSWORD}"
            )
        elif isinstance(exc, Neo4jError) and exc.code == DATABASE_NOT_FOUND:
            detail = (
                f"the server has no database {self._database!r} ({describe(exc)}); "
                f"check {ENV_DATABASE}"
            )
        elif isinstance(exc, IncompleteCommit):
            # Not "nothing was committed": the server may have committed before the
            # connection dropped. The build is idempotent, so running it again is safe.
            return StoreError(
                Errors.E030.format(
                    path=self._where,
                    detail=f"the connection dropped while committing ({exc}); the server may "
                    "or may not have committed the build: run it again (re-running a build "
                    "is safe)",
                )
            )
        elif isinstance(exc, ServiceUnavailable | SessionExpired):
            detail = (
                f"cannot reach the Neo4j server ({exc}); is it running and healthy? "
                "(docker compose up -d, then docker compose ps)"
            )
        else:
            detail = describe(exc)
        if template == Errors.E033:
            return StoreError(template.format(detail=f"{self._where}: {detail}"))
        return StoreError(template.format(path=self._where, detail=detail))

    def __repr__(self) -> str:
        return f"Neo4jStore({self._where!r}, user={self._user!r}, database={self._database!r})"


def open_neo4j(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> Neo4jStore:
    """Connect to a Neo4j server; arguments left out come from ``NEO4J_*`` variables.

    See :class:`Neo4jStore` for the arguments and errors.
    """
    return Neo4jStore(uri, user, password, database)


def _answer(
    tx: ManagedTransaction, query: str, values: dict[str, Any], read_only: bool
) -> QueryResult:
    """The transaction function of :meth:`Neo4jStore.run`: rows as typed values."""
    result = tx.run(query, values)
    columns = tuple(map(str, result.keys()))
    decoder = Decoder()
    raw = [[_typed(value, decoder) for value in record.values()] for record in result]
    summary = result.consume()
    if read_only and writes(summary):
        # Raised inside the transaction function: the driver rolls back, not commits.
        raise _WroteInReadOnlyError(summary.query_type)
    return QueryResult(columns, decoder.rows(raw, partial(_graph_ids, tx)))


def _graph_ids(tx: ManagedTransaction, keys: list[Any]) -> dict[Any, Any]:
    """Graph ids (``id`` properties) of the nodes whose element ids are ``keys``."""
    return dict(record.values() for record in tx.run(_IDS_OF, {"keys": keys}))


class _WroteInReadOnlyError(Exception):
    """A read-only query reported updates (internal: becomes a QueryError)."""

    def __init__(self, query_type: str | None) -> None:
        super().__init__(f"the server classified it as query type {query_type!r}")


# ---------------------------------------------------------------------- values


def _typed(value: Any, decoder: Decoder) -> Any:
    """Driver values (Node, Relationship, Path, temporal, spatial) as typed or plain values."""
    if isinstance(value, Node):
        return decoder.node(value.element_id, value.labels, _typed(dict(value), decoder))
    if isinstance(value, Relationship):
        start, end = (None if node is None else node.element_id for node in value.nodes)
        return decoder.relationship(value.type, start, end, _typed(dict(value), decoder))
    if isinstance(value, Path):
        nodes = [_typed(node, decoder) for node in value.nodes]
        return decoder.path(nodes, [_typed(rel, decoder) for rel in value.relationships])
    if isinstance(value, Date | DateTime | Time | Duration):
        return value.iso_format()
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    return decoder.nested(value, _typed)
