"""The watchdog of a store's server: it stops the server once no graphkit process uses it.

A graphkit process leaving the server stops it when it is the last client (see
:meth:`~graphkit.store.server.FalkorDBServer.leave`). A process killed with ``kill -9`` never
leaves: the kernel closes its connection, but nobody stops the server. Redis has no option to
exit when its last client goes, so each server gets a small detached watchdog process
(``python -m graphkit.store.watchdog``), started with it under the start lock.

Every :data:`TICK` seconds the watchdog counts the server's connections named like graphkit
clients (:data:`~graphkit.store.server.CLIENT_PREFIX`; its own connection has no name). When
there has been none for a grace period (3 s, ``GRAPHKIT_SERVER_GRACE``), it takes the start
lock, counts again and, still finding none, stops the server as a leaving process would
(SHUTDOWN, which fsyncs the append-only file). A process joining holds the same lock from
its probe until its named connection is open, so it never meets a server the watchdog is
stopping. The watchdog exits
when the server is gone, whoever stopped it.

One watchdog per store: it holds an ``flock`` on ``redis.watchdog`` (and writes its pid there)
for its whole life. :func:`graphkit.store.process.ensure_watchdog` takes that lock before
starting one and hands the locked file to it, so a second is never started while one runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import redis

from ..errors import StoreError
from .directory import check_entry, open_private
from .limits import env_number
from .process import is_orphaned_redis, is_our_redis, pid_alive, read_pid, terminate
from .server import (
    CLIENT_PREFIX,
    PID_NAME,
    START_LOCK_NAME,
    FalkorDBServer,
    Limits,
)
from .sockets import SOCKET_NAME, client, probe, socket_path

__all__ = ["TICK", "graphkit_clients", "server_running", "watch"]

#: Seconds between two looks at the server.
TICK: Final = 0.5
#: Seconds a running server may answer nothing at all (not even "loading") before the
#: watchdog kills it as hung (``GRAPHKIT_SERVER_HUNG``). Queries run on the server's worker
#: threads and never keep it from answering; its own work (loading, a rewrite, SHUTDOWN)
#: answers or ends within seconds. Well above the longest query a client waits for.
HUNG_AFTER: Final = 300.0


def server_running(store_dir: Path) -> bool:
    """Whether the redis-server of ``store_dir`` (by its pid file) is running."""
    pid = read_pid(store_dir / PID_NAME)
    if pid is None or not pid_alive(pid):
        return False
    return is_our_redis(pid, store_dir) or not Path("/proc/self").exists()


def graphkit_clients(socket: Path) -> int | None:
    """How many graphkit connections the server has; None when it cannot tell now.

    Raises:
        StoreError: ``redis.sock`` is a symlink or not a socket: it is never connected to.
    """
    check_entry(socket.parent, SOCKET_NAME)
    try:
        with client(socket) as conn:
            clients = conn.client_list()
    except (redis.exceptions.RedisError, OSError):
        return None
    return sum(str(c.get("name", "")).startswith(CLIENT_PREFIX) for c in clients)


def watch(store_dir: Path, lock_fd: int, grace: float, tick: float = TICK) -> None:
    """Watch the server of ``store_dir`` until it is gone, stopping it when nobody uses it.

    ``lock_fd`` (the locked ``redis.watchdog``) is closed under the start lock once the server
    is gone: a process starting a new server then always finds the file free and starts a new
    watchdog, never one that is about to exit.
    """
    socket = socket_path(store_dir)
    server = read_pid(store_dir / PID_NAME)  # started just before its watchdog
    hung_after = env_number("GRAPHKIT_SERVER_HUNG", HUNG_AFTER)
    last_seen = last_answer = time.monotonic()
    while True:
        time.sleep(tick)
        try:
            if server_running(store_dir):
                users = graphkit_clients(socket)
                if users is None and probe(socket) == "absent":
                    if time.monotonic() - last_answer >= hung_after and _kill_hung(store_dir):
                        _release(lock_fd)
                        return
                    continue
                last_answer = time.monotonic()
                if users != 0:  # in use, or busy (loading, or too slow to answer): look again
                    last_seen = time.monotonic() if users else last_seen
                    continue
                if time.monotonic() - last_seen < grace:
                    continue
            # decide under the start lock, which a joining process holds until connected
            with _start_lock(store_dir) as held:
                if not held:
                    continue  # someone is joining or leaving: look again
                if server_running(store_dir) and graphkit_clients(socket) == 0:
                    FalkorDBServer(store_dir, Limits()).stop()
                if not server_running(store_dir):
                    _release(lock_fd)
                    return
        except StoreError:
            # A file where graphkit keeps its lock or socket is a symlink or a stranger's:
            # graphkit refuses such a store, and so does its watchdog, which leaves without
            # touching the server (the next graphkit command names the file). But a store
            # folder deleted under its server leaves a server nobody can reach or stop: its
            # watchdog stops it (its data is gone with the folder).
            if (
                server is not None
                and not store_dir.exists()
                and is_orphaned_redis(server, store_dir)
            ):
                terminate(server)
            _release(lock_fd)
            return
        last_seen = time.monotonic()


def _kill_hung(store_dir: Path) -> bool:
    """Kill the server of ``store_dir``, which answers nothing; whether it is gone.

    Its main thread is stuck (a FalkorDB lock-up): no client gets an answer, SHUTDOWN is
    never read. Every write was fsync'd before it was answered, so killing loses nothing.
    Done under the start lock, so no process is starting or joining a server meanwhile.
    """
    with _start_lock(store_dir) as held:
        if not held:
            return False  # someone is joining or leaving: look again
        pid = read_pid(store_dir / PID_NAME)
        if pid is not None and server_running(store_dir):
            terminate(pid)
        return not server_running(store_dir)


@contextlib.contextmanager
def _start_lock(store_dir: Path) -> Iterator[bool]:
    """Hold the start lock if it is free now; yield whether it is held.

    Raises:
        StoreError: The lock file cannot be opened (a symlink, a foreign file, no store).
    """
    # never created here: the starting process made it, and a watchdog whose store folder is
    # being deleted must not put a file back into it (rm -rf then fails: "not empty")
    fd = open_private(store_dir / START_LOCK_NAME, os.O_RDWR)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock


def _release(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.close(fd)


def main(argv: list[str]) -> int:
    """``python -m graphkit.store.watchdog FD STORE_DIR GRACE``, as
    :func:`graphkit.store.process.ensure_watchdog` starts it."""
    fd, store_dir, grace = int(argv[1]), Path(argv[2]), float(argv[3])
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    watch(store_dir, fd, grace)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
