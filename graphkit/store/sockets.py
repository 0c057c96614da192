"""Reaching a FalkorDB server over its unix socket (:mod:`graphkit.store.server`): where the
socket is, a plain client, and whether the server answers or is still loading."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Final

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from ..errors import Errors, StoreError
from .directory import check_entry

SOCKET_NAME: Final = "redis.sock"
#: sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included.
MAX_SOCKET_PATH: Final = 103 if sys.platform == "darwin" else 107
#: Seconds a probe waits for PING's answer (a server busy loading answers at once).
PROBE_TIMEOUT: Final = 10.0
#: What :func:`loading_progress` says of a server that has loaded, and of one that does not
#: answer (both below any count of bytes read).
READY: Final = -1
ABSENT: Final = -2


def socket_path(store_dir: Path) -> Path:
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


def client(socket: Path, timeout: float = 10.0) -> redis.Redis:
    """A short-lived plain redis connection (probing, SHUTDOWN), waiting ``timeout`` s a reply."""
    return redis.Redis(
        unix_socket_path=str(socket),
        socket_connect_timeout=2,
        socket_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
        decode_responses=True,
        # no CLIENT SETINFO on connecting: two round trips more, each a pause of a loading
        # server
        driver_info=None,
    )


def socket_there(socket: Path) -> bool:
    """Whether the server's socket file is there to connect to.

    Raises:
        StoreError: The path is a symlink or not a socket: it could lead to another server.
    """
    if not socket.is_symlink() and not socket.exists():
        return False
    check_entry(socket.parent, SOCKET_NAME)
    return True


def probe(socket: Path, timeout: float = PROBE_TIMEOUT) -> str:
    """``"ready"``, ``"loading"`` (answering, still reading its AOF) or ``"absent"``.

    A socket path that is a symlink or not a socket is refused, never connected to: it could
    lead to another server.
    """
    if not socket_there(socket):
        return "absent"
    try:
        with client(socket, timeout) as conn:
            conn.ping()
    except redis.exceptions.BusyLoadingError:
        return "loading"
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
        return "absent"
    return "ready"


def loading_progress(conn: redis.Redis) -> int:
    """How many bytes of its append-only file the server on ``conn`` has read while loading;
    :data:`READY` once it has loaded, :data:`ABSENT` if it does not answer."""
    try:
        info = conn.info("persistence")
    except (redis.exceptions.RedisError, OSError):
        return ABSENT
    if not int(info.get("loading", 0)):
        return READY
    return int(info.get("loading_loaded_bytes", 0))
