"""Processes by pid: is one alive, is it this store's redis-server, stop it."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path
from typing import Final

__all__ = ["is_our_redis", "pid_alive", "read_pid", "terminate", "wait_gone"]

_POLL: Final = 0.02


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


def is_our_redis(pid: int, store_dir: Path) -> bool:
    """Whether ``pid`` is a redis-server working in ``store_dir`` (Linux /proc; else False)."""
    try:
        comm = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip()
        cwd = Path(f"/proc/{pid}/cwd").readlink()
    except OSError:
        return False
    return comm.startswith("redis-server") and cwd == store_dir


def terminate(pid: int) -> None:
    """Stop a server that did not stop after SHUTDOWN: SIGTERM, then SIGKILL.

    Killing loses nothing committed: the append-only file is fsync'd on every write.
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        wait_gone(pid, 10.0)
        if not pid_alive(pid):
            return


def wait_gone(pid: int, timeout: float) -> None:
    """Wait up to ``timeout`` seconds for ``pid`` to end."""
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(_POLL)
