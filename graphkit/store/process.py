"""Processes by pid: is one alive, is it this store's redis-server, stop it; the watchdog."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Final

from ..errors import Errors, StoreError
from .directory import open_private

__all__ = [
    "WATCHDOG_GRACE",
    "WATCHDOG_NAME",
    "ensure_watchdog",
    "is_our_redis",
    "pid_alive",
    "read_pid",
    "terminate",
    "wait_gone",
]

_POLL: Final = 0.02
WATCHDOG_NAME: Final = "redis.watchdog"
#: Seconds a server may run with no graphkit client before its watchdog stops it.
WATCHDOG_GRACE: Final = 3.0
#: Forks and lets the launching process exit at once: the watchdog is nobody's child, so no
#: graphkit process is left with a child to reap (or a warning about one still running).
_LAUNCH: Final = (
    "import os, sys\n"
    "if os.fork() == 0:\n"
    "    args = [sys.executable, '-m', 'graphkit.store.watchdog', *sys.argv[1:]]\n"
    "    os.execv(sys.executable, args)\n"
    "os._exit(0)\n"
)


def ensure_watchdog(store_dir: Path, grace: float = WATCHDOG_GRACE) -> None:
    """Start the watchdog of ``store_dir``'s server unless one is running.

    Call under the start lock, with the server running. The watchdog stops the server after
    ``grace`` seconds with no graphkit client (:mod:`graphkit.store.watchdog`).

    Raises:
        StoreError: ``redis.watchdog`` is a symlink or foreign file, or the watchdog cannot be
            started.
    """
    fd = open_private(store_dir / WATCHDOG_NAME, os.O_RDWR | os.O_CREAT)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a watchdog holds it
        package_root = str(Path(__file__).resolve().parents[2])
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_root, path)))}
        try:
            subprocess.run(
                [sys.executable, "-c", _LAUNCH, str(fd), str(store_dir), repr(grace)],
                pass_fds=(fd,),  # the locked file: held by the watchdog from now on
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd="/",
                env=env,
                start_new_session=True,  # a Ctrl-C of the command does not reach it
                timeout=30,
                check=True,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise StoreError(
                Errors.E030.format(path=store_dir, detail=f"cannot start the watchdog: {exc}")
            ) from exc
    finally:
        os.close(fd)  # the lock stays with the watchdog's copy of the file


def read_pid(path: Path) -> int | None:
    """The pid in a pid file, or None when it is missing, a symlink or not a number."""
    if path.is_symlink():
        return None
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and 0 < int(text) < 1 << 22 else None


def pid_alive(pid: int) -> bool:
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


def _redis_cwd(pid: int) -> str | None:
    """The working directory of ``pid`` if it is a redis-server (Linux /proc; else None)."""
    try:
        comm = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip()
        cwd = Path(f"/proc/{pid}/cwd").readlink()
    except OSError:
        return None
    return str(cwd) if comm.startswith("redis-server") else None


def is_our_redis(pid: int, store_dir: Path) -> bool:
    """Whether ``pid`` is a redis-server working in ``store_dir`` (Linux /proc; else False)."""
    return _redis_cwd(pid) == str(store_dir)


def is_orphaned_redis(pid: int, store_dir: Path) -> bool:
    """Whether ``pid`` is a redis-server whose store directory was deleted under it (Linux)."""
    return _redis_cwd(pid) == f"{store_dir} (deleted)"


def terminate(pid: int) -> None:
    """Stop a server that did not stop after SHUTDOWN: SIGTERM, then SIGKILL.

    Killing loses nothing committed: the append-only file is fsync'd on every write.
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
            os.kill(pid, signal.SIGCONT)  # a stopped process acts on SIGTERM only once resumed
        wait_gone(pid, 10.0)
        if not pid_alive(pid):
            return


def wait_gone(pid: int, timeout: float) -> None:
    """Wait up to ``timeout`` seconds for ``pid`` to end."""
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(_POLL)
