"""The store directory: what makes a folder a graphkit store, and what graphkit trusts in it.

A store directory is created by graphkit with mode 0700 and a marker file
(:data:`MARKER_NAME`). graphkit refuses to use a folder that

* is not a store: it has files but no marker (so ``--store ~/Documents`` never turns a folder
  of the user's files into a store, nor prunes them), unless it is empty or holds only the
  files an older graphkit left (which is then marked);
* is not the user's own, or is writable by group or others (anyone who can write into it
  could plant a symlink or a socket graphkit would follow);
* holds one of graphkit's own file names as a symlink or as the wrong kind of file.

Files graphkit opens in it are opened with ``O_NOFOLLOW`` (and ``O_EXCL`` where it creates
them), so a symlink is an error, never followed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from ..errors import Errors, StoreError

__all__ = [
    "LEDGER_NAME",
    "MARKER_NAME",
    "check_entry",
    "flock",
    "open_private",
    "os_detail",
    "prepare",
    "read_private",
    "write_atomic",
    "write_private",
]

MARKER_NAME: Final = "graphkit-store"
LEDGER_NAME: Final = "ledger"
MARKER_TEXT: Final = "graphkit store, format 1: made by graphkit; do not edit\n"
#: What graphkit keeps in a store, and the kind of file each name must be.
KNOWN: Final[dict[str, int]] = {
    MARKER_NAME: stat.S_IFREG,
    LEDGER_NAME: stat.S_IFDIR,
    "appendonlydir": stat.S_IFDIR,
    "redis.sock": stat.S_IFSOCK,
    "redis.pid": stat.S_IFREG,
    "redis.owner": stat.S_IFREG,
    "redis.log": stat.S_IFREG,
    "redis.log.1": stat.S_IFREG,
    "graphkit.lock": stat.S_IFREG,
    "graphkit-start.lock": stat.S_IFREG,
    "dump.rdb": stat.S_IFREG,
    "corrections.applied": stat.S_IFREG,
    "redis.watchdog": stat.S_IFREG,
}
_UNSAFE_CHARS = frozenset("\n\r\x00")


def prepare(path: Path, *, create: bool) -> Path:
    """Check (and with ``create``, make) a store directory; return its resolved path.

    Raises:
        StoreError: The directory is missing (without ``create``), is not a graphkit store,
            is not private to this user, or holds a symlink where graphkit keeps a file.
    """
    path = path.expanduser()
    if _UNSAFE_CHARS & set(str(path)):
        raise StoreError(
            Errors.E030.format(
                path=repr(str(path)), detail="the path holds a newline or NUL; choose another"
            )
        )
    try:
        if not path.exists():
            if not create:
                raise StoreError(Errors.E034.format(path=path))
            with contextlib.suppress(FileExistsError):  # another graphkit made it meanwhile
                path.mkdir(mode=0o700, parents=True)
                path.chmod(0o700)  # mkdir's mode is filtered by the umask
        elif not path.is_dir():
            raise StoreError(Errors.E030.format(path=path, detail="exists and is not a directory"))
        path = path.resolve()
        _check_private(path)
        _check_marked(path, create=create)
        for name in KNOWN:
            check_entry(path, name)
        return path
    except OSError as exc:
        raise StoreError(Errors.E030.format(path=path, detail=os_detail(exc))) from exc


def _check_private(path: Path) -> None:
    info = path.stat()
    if info.st_uid != os.getuid():
        raise StoreError(
            Errors.E030.format(
                path=path,
                detail=f"belongs to user id {info.st_uid}, not to you (uid {os.getuid()}); "
                "graphkit only uses a store you own",
            )
        )
    if info.st_mode & 0o022:
        raise StoreError(
            Errors.E030.format(
                path=path,
                detail=f"is writable by group or others (mode {stat.S_IMODE(info.st_mode):o}); "
                f"make it private (chmod 700 {path}) or use another --store",
            )
        )


def _check_marked(path: Path, *, create: bool) -> None:
    marker = path / MARKER_NAME
    if marker.is_symlink() or marker.exists():
        check_entry(path, MARKER_NAME)
        return
    names = {entry.name for entry in path.iterdir()}
    legacy = bool(names) and names <= set(KNOWN)  # left by graphkit before the marker
    if not names and not create:
        raise StoreError(Errors.E034.format(path=path))
    if names and not legacy:
        shown = ", ".join(sorted(names)[:3]) + (" …" if len(names) > 3 else "")
        raise StoreError(
            Errors.E030.format(
                path=path,
                detail=f"is not a graphkit store (no {MARKER_NAME} file; it holds {shown}); "
                "graphkit only uses an empty folder or one it made: pick another --store",
            )
        )
    if create or legacy:
        try:
            write_private(marker, MARKER_TEXT, exclusive=True)
        except StoreError:
            if not marker.exists():  # not another graphkit marking it at the same moment
                raise
            check_entry(path, MARKER_NAME)


def check_entry(store_dir: Path, name: str) -> None:
    """Refuse a graphkit file in ``store_dir`` that is a symlink, foreign, or the wrong kind."""
    try:
        info = (store_dir / name).lstat()
    except FileNotFoundError:
        return
    kind = stat.S_IFMT(info.st_mode)
    want = KNOWN.get(name, stat.S_IFREG)
    if kind == stat.S_IFLNK or kind != want or info.st_uid != os.getuid():
        what = "a symlink" if kind == stat.S_IFLNK else "not a file graphkit made"
        raise StoreError(
            Errors.E030.format(
                path=store_dir,
                detail=f"{name} is {what}; graphkit never follows or reuses it: "
                f"remove {store_dir / name} if you did not put it there",
            )
        )


def open_private(path: Path, flags: int, *, exclusive: bool = False) -> int:
    """``os.open`` a file of the store: never through a symlink, created mode 0600.

    Raises:
        StoreError: The file is a symlink or another kind of file, or cannot be opened.
    """
    flags |= os.O_NOFOLLOW | os.O_CLOEXEC
    if exclusive:
        flags |= os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        raise StoreError(Errors.E030.format(path=path.parent, detail=os_detail(exc))) from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        os.close(fd)
        raise StoreError(
            Errors.E030.format(path=path.parent, detail=f"{path.name} is not a file graphkit made")
        )
    return fd


def write_private(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write a small file of the store (a pid, the marker) without following symlinks."""
    if not exclusive:
        check_entry(path.parent, path.name)
        path.unlink(missing_ok=True)
    fd = open_private(path, os.O_WRONLY, exclusive=True)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def write_atomic(path: Path, text: str) -> None:
    """Replace a file of the store durably, all or nothing, without following symlinks.

    The text goes to a new temporary file (``O_EXCL | O_NOFOLLOW``), is fsynced and renamed
    over ``path``; a symlink or foreign file at ``path`` is refused first (:func:`check_entry`).

    Raises:
        StoreError: ``path`` is a symlink or not a file graphkit made, or cannot be written.
    """
    check_entry(path.parent, path.name)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = open_private(tmp, os.O_WRONLY, exclusive=True)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)  # rename replaces a name, it never writes through a symlink
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(Errors.E030.format(path=path.parent, detail=os_detail(exc))) from exc


def read_private(path: Path) -> str | None:
    """The text of a small file of the store, or None when it is missing; never via a symlink.

    Raises:
        StoreError: ``path`` is a symlink or not a file graphkit made, or cannot be read.
    """
    if not os.path.lexists(path):
        return None
    fd = open_private(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


@contextlib.contextmanager
def flock(path: Path, timeout: float, store_dir: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path``, waiting up to ``timeout`` seconds.

    The holder's pid is written into the file while it is held, so a process that gives up
    can say who holds it. The file is opened without following symlinks.
    """
    fd = open_private(path, os.O_RDWR | os.O_CREAT)
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


def os_detail(exc: OSError) -> str:
    """An OSError as a sentence with the fix, for the common cases."""
    reason = exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied{where}: graphkit needs to read and write the store"
    if exc.errno == errno.EROFS:
        return f"the file system is read-only{where}: use a store on a writable disk"
    if exc.errno == errno.ENOSPC:
        return f"the disk is full{where}: free space and run again"
    if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symlink
        return f"a symlink{where} where graphkit keeps its own file; remove it"
    return f"{reason}{where}"
