"""The embedded default store: FalkorDB in a redis-server that graphkit runs itself.

The store directory (see :mod:`graphkit.store.directory`) holds everything the server keeps::

    graphkit-data/            mode 0700
      graphkit-store          marker: this folder is a graphkit store
      redis.sock              unix socket (mode 0700), unless the path is too long
      redis.pid               pid of the redis-server serving this directory
      redis.log               the server's log (redis.log.1: the one before)
      appendonlydir/          append-only file: every committed write, fsync'd before it returns
      graphkit.lock           held (flock) by the graphkit process writing to the store
      graphkit-start.lock     held while a graphkit process starts, joins or leaves the server
      ledger/                 extractions of the loaded documents (graphkit.ledger)

The server (:mod:`graphkit.store.server`) listens on the unix socket only, is shared by the
graphkit processes using the directory and stopped by the last one to leave.

A :meth:`~FalkorDBStore.write` replaces the stored graph, all or nothing: the new graph is
written to a staging key and renamed over the live key (``RENAME`` is atomic in redis). Readers
see the old graph or the new one, never a part. :meth:`~FalkorDBStore.lock` holds the store's
lock across a whole read-compute-write cycle, so two builds never interleave.
Values the server cannot take (:mod:`graphkit.store.values`) are refused before anything is
sent. Every query runs under the server's limits (:class:`~graphkit.store.server.Limits`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import falkordb
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from ..errors import Errors, GraphkitError, QueryError, StoreError
from ..records import Graph, RelType
from . import cypher, directory
from .base import GraphStore, QueryResult, Statement, delta_statement, write_statements
from .falkordb_answers import READ_ATTEMPTS, answer, read_watched, read_watched_all
from .falkordb_schema import ensure_schema_on
from .schema_file import indexed_properties
from .server import CLIENT_PREFIX, FalkorDBServer, Limits
from .values import index_problem, nesting_problem, params_problem

T = TypeVar("T")

if TYPE_CHECKING:
    from ..delta import Delta

__all__ = ["FalkorDBStore", "Limits"]

LOCK_NAME: Final = "graphkit.lock"
#: Suffix of the key a write builds its new graph under before renaming it over the live key.
STAGING_SUFFIX: Final = ":graphkit-staging"
#: Suffix of the key holding the marker of the graph written last (:meth:`FalkorDBStore.mark`).
MARKER_SUFFIX: Final = ":graphkit-marker"
#: Seconds the client waits beyond the server's own timeout before calling the server lost.
_SOCKET_MARGIN: Final = 15.0


class FalkorDBStore(GraphStore):
    """A FalkorDB graph in a redis-server that graphkit starts and stops itself.

    Args:
        path: The store directory.
        graph: Name of the graph (the redis key) inside the server.
        create: Make the store when ``path`` is missing or an empty folder. Without it, a
            missing store is an error: read commands never create stores.
        limits: Query timeout and memory caps (default: :meth:`Limits.from_env`).
        start_timeout: Seconds to wait for the server to start answering.
        lock_timeout: Seconds a write waits for another graphkit process writing to the same
            store before giving up with a :class:`~graphkit.errors.StoreError`.

    Raises:
        StoreError: The directory cannot be used or the server cannot be started or reached.

    Example:
        >>> with FalkorDBStore(tmp / "store") as store:  # doctest: +SKIP
        ...     store.ensure_schema()
        ...     store.write(graph)
        ...     store.counts()
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = "./graphkit-data",
        graph: str = "graphkit",
        *,
        create: bool = True,
        limits: Limits | None = None,
        start_timeout: float = 30.0,
        lock_timeout: float = 600.0,
    ) -> None:
        if not graph or not isinstance(graph, str):
            raise StoreError(Errors.E030.format(path=path, detail="the graph name is empty"))
        self._dir = directory.prepare(Path(path), create=create)
        self._name = graph
        self._staging = graph + STAGING_SUFFIX
        self._marker = graph + MARKER_SUFFIX
        self._lock_timeout = lock_timeout
        self._lock_depth = 0
        self._limits = limits or Limits.from_env()
        self._server = FalkorDBServer(self._dir, self._limits, start_timeout)
        # Every connection of this object carries this name, so the server can tell whether
        # other graphkit stores still use it.
        self._client_name = f"{CLIENT_PREFIX}{os.getpid()}-{id(self):x}"
        self._db: Any = None
        self._closed = False
        try:
            with self._server.start_lock():
                self._server.ensure_running()
                self._db = falkordb.FalkorDB(
                    unix_socket_path=str(self._server.socket),
                    socket_connect_timeout=5,
                    socket_timeout=self._limits.max_timeout + _SOCKET_MARGIN,
                    client_name=self._client_name,
                    retry=Retry(NoBackoff(), 0),  # never re-send a write: fail and report
                )
                # connected (and named) before the start lock is released, so a process
                # leaving meanwhile sees this one and leaves the server running
                self._db.connection.ping()
            self._prepare_graph()
        except redis.exceptions.RedisError as exc:
            self.close()
            raise StoreError(Errors.E030.format(path=self._dir, detail=self._lost(exc))) from exc
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ properties

    @property
    def path(self) -> Path:
        """The store directory."""
        return self._dir

    @property
    def graph_name(self) -> str:
        """The name of the graph inside the server."""
        return self._name

    @property
    def socket_path(self) -> Path:
        """The unix socket the server listens on."""
        return self._server.socket

    @property
    def owns_server(self) -> bool:
        """Whether this object started the server (any graphkit process may stop it last)."""
        return self._server.started

    @property
    def server_pid(self) -> int | None:
        """Process id of the redis-server, when known."""
        return self._server.pid

    @property
    def limits(self) -> Limits:
        """The query limits of this store's server."""
        return self._limits

    # ------------------------------------------------------------------ server life

    def _prepare_graph(self) -> None:
        """Make sure the live key is a graph, and drop a staging key a crashed write left."""
        conn = self._db.connection
        kind = conn.type(self._name)
        if kind == "none":
            # A read-only query on a missing key is an error; an empty graph answers "nothing".
            # This no-op creates it without changing any graph that appears meanwhile.
            self._db.select_graph(self._name).query("RETURN 0")
        elif kind != "graphdata":
            raise StoreError(
                Errors.E030.format(
                    path=self._dir, detail=f"key {self._name!r} holds a {kind}, not a graph"
                )
            )
        with contextlib.suppress(StoreError), self.lock(timeout=0):
            conn.delete(self._staging)

    def close(self) -> None:
        """Close the connection; stop the server when no other graphkit process uses it.

        ``SHUTDOWN`` flushes the append-only file, so the store reopens with every write.
        Safe to call twice.
        """
        if self._closed:
            return
        self._closed = True
        conn = self._db.connection if self._db is not None else None
        self._db = None
        with contextlib.suppress(StoreError):
            self._server.leave(conn, self._client_name)

    # ------------------------------------------------------------------ locking

    @contextlib.contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """Exclusive lock on DIR/graphkit.lock, shared by every graphkit process.

        Re-entrant within this object, so a caller can hold it around a read-compute-write
        cycle that calls :meth:`write` inside.
        """
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        wait = self._lock_timeout if timeout is None else timeout
        with directory.flock(self._dir / LOCK_NAME, wait, self._dir):
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0

    # ------------------------------------------------------------------ schema

    def ensure_schema(self) -> None:
        """Create the indexes of ``schema/falkordb/indexes.cypher`` and a unique id per label.

        Idempotent: only what is missing is created.

        Raises:
            SchemaError: The index file holds a statement graphkit cannot read.
            StoreError: The server refuses an index or constraint.
        """
        self._check_open()
        with self.lock():
            self._guard(lambda: ensure_schema_on(self._db, self._name, self._dir), Errors.E030)

    # ------------------------------------------------------------------ write

    def write(self, graph: Graph) -> None:
        """Replace the stored graph with ``graph``, all or nothing, durably.

        Statements from :func:`~graphkit.store.base.write_statements` run on an empty staging
        graph that then replaces the live one in one atomic ``RENAME``. When this returns, the
        new graph is fsync'd to disk.

        Raises:
            StoreError: A value cannot be sent, the server refused a statement or stopped
                (nothing is committed), or another graphkit process kept the store locked
                longer than ``lock_timeout``.
        """
        self._check_open()
        problem = index_problem(graph, indexed_properties())
        if problem:
            raise StoreError(Errors.E033.format(detail=problem))
        statements = write_statements(graph)
        for number, statement in enumerate(statements, start=1):
            problem = params_problem(statement.params)
            if problem:
                raise StoreError(Errors.E033.format(detail=f"statement {number}: {problem}"))
        with self.lock():
            self._commit(statements)

    def write_changes(self, graph: Graph, delta: Delta) -> None:
        """Turn the stored graph into ``graph`` by applying ``delta``, in one query.

        The whole delta is one ``GRAPH.QUERY`` (:func:`~graphkit.store.base.delta_statement`):
        FalkorDB runs a write query under the graph's write lock, so readers see the graph
        before or after it, and rolls back (its undo log) every change of a query that fails
        or times out. The append-only file records it as one command, fsync'd before this
        returns; the server rewrites that file when it has doubled.

        Raises:
            StoreError: As :meth:`write`; nothing is changed.
        """
        self._check_open()
        problem = index_problem(graph, indexed_properties())
        if problem:
            raise StoreError(Errors.E033.format(detail=problem))
        statement = delta_statement(delta)
        problem = params_problem(statement.params)
        if problem:
            raise StoreError(Errors.E033.format(detail=f"the changes: {problem}"))
        with self.lock():
            conn = self._db.connection
            try:
                conn.delete(self._marker)
                if delta.size():
                    self._execute(self._db.select_graph(self._name), statement)
            except redis.exceptions.ConnectionError as exc:
                raise StoreError(Errors.E033.format(detail=self._lost(exc))) from exc
            except redis.exceptions.RedisError as exc:
                raise StoreError(
                    Errors.E033.format(detail=f"the changes were refused: {exc}")
                ) from exc

    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts per label and relationship counts per type, of one graph.

        A count of one type is answered from the graph's matrices, a count grouped by type
        reads every relationship (0.07 s at 90,000): one query per type, all on a connection
        that WATCHes the graph, and read again if a build changed it in between.
        """
        self._check_open()
        queries = [cypher.COUNT_LABELS, *(cypher.count_type(rel) for rel in RelType)]
        timeout = int(self._limits.timeout * 1000)
        labels, *types = self._answered(
            "counts",
            True,
            lambda: read_watched_all(self._db.connection, self._name, queries, timeout),
        )
        rels = [rel.value for rel in RelType]
        per_type = [(rel, int(rows[0][0])) for rel, rows in zip(rels, types, strict=True) if rows]
        return {
            "nodes": {str(label): int(count) for label, count in labels},
            "relationships": dict(sorted((typ, n) for typ, n in per_type if n)),
        }

    def marker(self) -> str | None:
        """The token :meth:`mark` set, unless a write came since (a redis key beside the graph)."""
        self._check_open()
        value = self._db.connection.get(self._marker)
        return value.decode("utf-8") if isinstance(value, bytes) else value

    def mark(self, token: str) -> None:
        """Record ``token`` as the marker of the stored graph (fsync'd like every write)."""
        self._check_open()
        with self.lock():
            self._db.connection.set(self._marker, token)

    def _commit(self, statements: Sequence[Statement]) -> None:
        conn = self._db.connection
        try:
            conn.delete(self._marker)
            conn.delete(self._staging)  # left by a write that crashed
            # RENAME keeps indexes and constraints on the live key; the staging graph gets its
            # schema before MERGE runs, so the unique constraints hold during the write.
            ensure_schema_on(self._db, self._staging, self._dir)
            target = self._db.select_graph(self._staging)
            for number, statement in enumerate(statements, start=1):
                try:
                    self._execute(target, statement)
                except redis.exceptions.ResponseError as exc:
                    raise _StatementRefusedError(number, exc) from exc
            conn.execute_command("RENAME", self._staging, self._name)
            self._compact(conn)
        except redis.exceptions.ConnectionError as exc:
            raise StoreError(Errors.E033.format(detail=self._lost(exc))) from exc
        except BaseException as exc:
            with contextlib.suppress(redis.exceptions.RedisError):
                conn.delete(self._staging)
            if isinstance(exc, _StatementRefusedError):
                raise StoreError(Errors.E033.format(detail=str(exc))) from exc.__cause__
            if isinstance(exc, redis.exceptions.RedisError):
                raise StoreError(Errors.E033.format(detail=str(exc))) from exc
            raise

    @staticmethod
    def _compact(conn: Any) -> None:
        """Rewrite the append-only file in the background, now that a build replaced the graph.

        Every write replaces the whole graph, so the file would otherwise grow with every
        build ever made, and each start would replay them all (with the schema commands of
        each, which the server logs as errors on replay). The rewrite holds the live graph
        once; the write itself was fsync'd before this, so a failed rewrite loses nothing.
        """
        with contextlib.suppress(redis.exceptions.ResponseError):  # one already running
            conn.execute_command("BGREWRITEAOF")

    def _execute(self, target: Any, statement: Statement) -> None:
        """Run one write statement on ``target`` (a graph of the falkordb client)."""
        target.query(
            statement.query, dict(statement.params), timeout=int(self._limits.max_timeout * 1000)
        )

    # ------------------------------------------------------------------ query

    def run(
        self, query: str, params: Mapping[str, Any] | None = None, *, read_only: bool = True
    ) -> QueryResult:
        """Run one parameterised Cypher query.

        Args:
            query: Cypher, with every value as a ``$parameter``.
            params: Parameter values (str, int, float, bool, None, lists and maps of them).
            read_only: Run as ``GRAPH.RO_QUERY``: the server itself refuses any write.

        Returns:
            Column names and rows; nodes, relationships and paths become the typed values of
            :mod:`graphkit.store.results` (relationships with their end nodes' graph ids),
            everything else plain Python values.

        Raises:
            QueryError: A parameter cannot be sent, or the server refused the query.
            StoreError: The server is not answering, or (``read_only=False``) another graphkit
                process holds the store's write lock too long.
        """
        self._check_open()
        values = dict(params or {})
        problem = params_problem(values)
        if problem:
            raise QueryError(Errors.E023.format(detail=problem))
        problem = nesting_problem(query, values)
        if problem:
            raise QueryError(Errors.E032.format(detail=problem))
        timeout = int(self._limits.timeout * 1000)

        def run_it() -> QueryResult | None:
            if read_only:
                return read_watched(self._db.connection, self._name, query, values, timeout)
            with self.lock():  # no graphkit process writes meanwhile: ends read safely
                # The graph may change: the fingerprints kept for delta writes no longer
                # describe it, so the next build reads the store's own graph.
                self._db.connection.delete(self._marker)
                graph = self._db.select_graph(self._name)
                return answer(graph, graph.query(query, values or None, timeout=timeout))

        return self._answered("query", read_only, run_it)

    def _answered(self, what: str, read_only: bool, read: Callable[[], T | None]) -> T:
        """What ``read`` returns, the server's errors as graphkit's; ``None`` (a build changed
        the graph during every try of a watched read) is a StoreError naming ``what``."""
        try:
            found = read()
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise StoreError(Errors.E030.format(path=self._dir, detail=self._lost(exc))) from exc
        except redis.exceptions.ResponseError as exc:
            raise self._refusal(exc, read_only) from exc
        except UnicodeDecodeError as exc:
            # FalkorDB's string functions can cut a character of stored text in two (seen with
            # substring() on Chinese evidence): the answer is not text, and says so
            detail = (
                f"the store answered bytes that are not UTF-8 text ({exc}); a string function "
                "such as substring() may have cut a character of stored text in two: return "
                "the whole property instead"
            )
            raise QueryError(Errors.E035.format(detail=detail)) from exc
        if found is None:
            detail = f"the graph changed during each of {READ_ATTEMPTS} tries of the {what}"
            raise StoreError(Errors.E030.format(path=self._dir, detail=detail))
        return found

    # ------------------------------------------------------------------ helpers

    def _check_open(self) -> None:
        if self._closed or self._db is None:
            raise StoreError(Errors.E030.format(path=self._dir, detail="the store is closed"))

    def _guard(self, action: Callable[[], None], template: str) -> None:
        try:
            action()
        except redis.exceptions.ConnectionError as exc:
            raise StoreError(template.format(path=self._dir, detail=self._lost(exc))) from exc
        except redis.exceptions.RedisError as exc:
            raise StoreError(template.format(path=self._dir, detail=str(exc))) from exc

    def _lost(self, exc: Exception) -> str:
        if isinstance(exc, redis.exceptions.TimeoutError):
            return (
                f"the FalkorDB server gave no answer within "
                f"{self._limits.max_timeout + _SOCKET_MARGIN:g} s ({exc})"
            )
        return self._server.lost(exc)

    def _refusal(self, exc: redis.exceptions.ResponseError, read_only: bool) -> GraphkitError:
        """The message for a query the server refused or stopped."""
        detail = str(exc)
        lim = self._limits
        if "timed out" in detail.lower():
            return QueryError(
                Errors.E035.format(
                    detail=f"it ran longer than the limit of {lim.timeout:g} s; narrow it, or "
                    "raise the limit with GRAPHKIT_QUERY_TIMEOUT=SECONDS"
                )
            )
        if "mem consumption exceeded" in detail or "maxmemory" in detail:
            return QueryError(
                Errors.E035.format(
                    detail=f"it needed more than the limit of {lim.query_memory_mb} MiB; narrow "
                    "it, or raise the limit with GRAPHKIT_QUERY_MEMORY=MIB"
                )
            )
        if read_only and "read-only" in detail:
            detail = f"the query writes, but was run read-only ({detail})"
        return QueryError(Errors.E032.format(detail=detail))

    def __repr__(self) -> str:
        return f"FalkorDBStore({str(self._dir)!r}, graph={self._name!r})"


class _StatementRefusedError(Exception):
    """A write statement the server refused (internal: becomes a StoreError)."""

    def __init__(self, number: int, exc: Exception) -> None:
        super().__init__(f"statement {number} was refused: {exc}")
