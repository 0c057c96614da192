"""The Neo4j test server of ``neo4j-server/``: built with Maven, run in a JVM of its own.

:func:`build` compiles the launcher (offline when Maven's local repository already holds
Neo4j, online otherwise: a fresh machine downloads it once into ``~/.m2``) and returns the
``java`` command line; :class:`Neo4jServer` starts it and reads the three lines it prints when
Bolt accepts connections. Closing the server's stdin stops it (the launcher's contract), so a
test run that dies leaves no server behind.

The pytest fixture ``neo4j_server`` (tests/conftest.py) uses these; ``make neo4j-dev`` runs the
same launcher in the foreground.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

ROOT: Final = Path(__file__).resolve().parent.parent / "neo4j-server"
MAIN_CLASS: Final = "graphkit.neo4j.Server"
#: The server's heap cap. Neo4j lets one transaction use 70 % of it: a whole push of the graph
#: of 50 synthetic editions (about 88,000 nodes and relationships) needed more than the 537 MB
#: a 768 MB heap allows (benchmarks/neo4j.py failed with MemoryPoolOutOfMemoryError).
HEAP: Final = "-Xmx2g"
START_TIMEOUT: Final = 300.0  # seconds: a cold JVM on a busy two-core machine is slow


class ServerError(RuntimeError):
    """The launcher could not be built or started (the message says which and why)."""


@dataclass(frozen=True, slots=True)
class Connection:
    """Where a running test server listens, and how to log in."""

    uri: str
    user: str
    password: str


def missing_tools() -> list[str]:
    """The tools of the build that are not on PATH (java, mvn)."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def build() -> list[str]:
    """Compile the launcher with Maven and return the command that runs it.

    Raises:
        ServerError: Maven failed both offline and online (its output is in the message).
    """
    base = ["mvn", "-q", "-B", "-f", str(ROOT / "pom.xml"), "compile"]
    offline = subprocess.run([*base, "-o"], capture_output=True, text=True, check=False)
    if offline.returncode != 0:
        online = subprocess.run(base, capture_output=True, text=True, check=False)
        if online.returncode != 0:
            output = (online.stdout + online.stderr).strip()[-3000:]
            raise ServerError(f"mvn compile in {ROOT} failed:\n{output}")
    classpath = (ROOT / "target" / "classpath.txt").read_text(encoding="utf-8").strip()
    return [
        "java",
        HEAP,
        "-cp",
        os.pathsep.join([str(ROOT / "target" / "classes"), classpath]),
        MAIN_CLASS,
    ]


class Neo4jServer:
    """One running launcher process. Use as a context manager, or call :meth:`stop`.

    Args:
        command: What :func:`build` returned.
        log: File for the server's stderr (Neo4j's own log).
        data: Keep the database in this directory (it survives the process) instead of a
            fresh temporary one; a server started again on it finds the graph it left.
    """

    def __init__(self, command: list[str], log: Path, data: Path | None = None) -> None:
        self.log = log
        extra = ["--data", str(data)] if data is not None else []
        self._err: IO[bytes] = log.open("ab")
        self.process = subprocess.Popen(
            [*command, *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._err,
            text=True,
        )
        try:
            self.connection = self._read_connection()
        except BaseException:
            self.kill()
            raise

    def _read_connection(self) -> Connection:
        lines: dict[str, str] = {}
        done = threading.Event()

        def read() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                key, _, value = line.strip().partition("=")
                lines[key] = value
                if len(lines) == 3:
                    break
            done.set()

        threading.Thread(target=read, daemon=True).start()
        started = time.monotonic()
        if not done.wait(START_TIMEOUT) or len(lines) < 3:
            code = self.process.poll()
            state = f"exited with status {code}" if code is not None else "did not answer"
            raise ServerError(
                f"the Neo4j test server {state} within {time.monotonic() - started:.0f} s; "
                f"its log: {self.log}\n{self._tail()}"
            )
        return Connection(lines["NEO4J_URI"], lines["NEO4J_USER"], lines["NEO4J_PASSWORD"])

    def _tail(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-2000:]
        except OSError:
            return ""

    def stop(self, timeout: float = 60.0) -> None:
        """Close stdin (the launcher shuts Neo4j down cleanly) and wait; kill after ``timeout``."""
        if self.process.poll() is None and self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close_files()

    def kill(self) -> None:
        """End the server at once (SIGKILL): no shutdown, as a crash would."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self._close_files()

    def _close_files(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None and not stream.closed:
                with contextlib.suppress(OSError):
                    stream.close()
        self._err.close()

    def __enter__(self) -> Neo4jServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
