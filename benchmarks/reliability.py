"""Reliability benchmark: many graphkit commands from concurrent clients against one store.

Runs N mixed commands (builds, queries, stats, ad-hoc Cypher, removes, and commands killed
with SIGKILL or SIGTERM at a random moment) from C concurrent clients, each command a real
``python -m graphkit.cli`` process on one store directory, then counts

* **tracebacks** — a Python traceback on any command's stderr (a killed process prints none);
* **hangs** — a command still running after ``--timeout`` seconds (default 900: longer than
  the 600 s a build may wait for the store's write lock behind other builds; it is then
  killed);
* **leaked servers** — redis-servers (or their watchdogs) of the store still running once
  every client has ended and the grace period has passed, with no other graphkit command run:
  a server outlives a kill -9 of its last client only until its watchdog stops it; then, the
  same after the final check's commands;
* **solo kills** — after the mixed run, graphkit commands run alone and killed with SIGKILL
  (a build, a slow query): seconds from the kill until the store's server and watchdog are gone;
* **graph equality** — the final graph against a fresh build of the documents the store says
  are loaded, compared by content digest.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.reliability                    # 1,000 commands, 8 clients
    .venv/bin/python -m benchmarks.reliability --commands 200     # a shorter run

Loopback only: the store's server listens on a unix socket in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))
#: (kind, weight): what the clients run.
MIX = (
    ("build", 14),
    ("query", 30),
    ("stats", 14),
    ("cypher", 12),
    ("remove", 8),
    ("kill-build", 8),
    ("kill-query", 7),
    ("term-query", 7),
)


@dataclass
class Tally:
    """What the run saw, shared by the client threads (under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    kinds: Counter[str] = field(default_factory=Counter)
    exits: Counter[str] = field(default_factory=Counter)
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def corpus_files(corpus: Path) -> list[Path]:
    """Small inputs that build quickly: the examples and the white paper's AI chapter."""
    chapter = corpus / "moea-whitepaper-2025-2026-ch-ai.txt"
    return [*EXAMPLES, *([chapter] if chapter.is_file() else [])]


def command(kind: str, rng: random.Random, files: list[Path], store: Path) -> list[str]:
    """The graphkit arguments for one command of ``kind``."""
    if kind in ("build", "kill-build"):
        chosen = rng.sample(files, rng.randint(1, len(files)))
        return ["build", *map(str, chosen), "--store", str(store)]
    if kind == "remove":
        return ["remove", rng.choice(files).name, "--store", str(store)]
    if kind == "stats":
        return ["stats", "--format", "json", "--store", str(store)]
    if kind == "cypher":
        return [
            "cypher",
            "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n",
            "--store",
            str(store),
        ]
    name = rng.choice(["documents", "agencies-by-technology", "programmes-of-agency"])
    return ["query", name, "--format", "json", "--store", str(store)]


def run_one(kind: str, args: list[str], rng: random.Random, timeout: float, tally: Tally) -> None:
    """Run one command to its end (or kill it), and record what happened."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    if kind.startswith(("kill-", "term-")):
        time.sleep(rng.uniform(0.2, 4.0))
        proc.send_signal(signal.SIGKILL if kind.startswith("kill-") else signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        with tally.lock:
            tally.hangs.append(" ".join(args[:2]))
    elapsed = time.monotonic() - started
    with tally.lock:
        tally.kinds[kind] += 1
        tally.exits[f"{kind}: exit {proc.returncode}"] += 1
        tally.seconds.append(elapsed)
        if "Traceback" in err:
            tally.tracebacks.append(err[-2000:])


def client(
    n: int, plan: list[str], files: list[Path], store: Path, timeout: float, tally: Tally
) -> None:
    """One client: run its share of the plan, one command after another."""
    rng = random.Random(n)
    for kind in plan:
        run_one(kind, command(kind, rng, files, store), rng, timeout, tally)


def servers_of(store: Path) -> list[int]:
    """Pids of redis-servers working in ``store`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
            cwd = (entry / "cwd").readlink()
        except OSError:
            continue
        if comm.startswith("redis-server") and cwd == store.resolve():
            found.append(int(entry.name))
    return found


def watchdogs_of(store: Path) -> list[int]:
    """Pids of the watchdog processes of ``store`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"graphkit.store.watchdog" in argv and str(store.resolve()).encode() in argv:
            found.append(int(entry.name))
    return found


def wait_quiet(store: Path, timeout: float) -> tuple[float, list[int]]:
    """Seconds until no server or watchdog of ``store`` runs, and those left after ``timeout``."""
    started = time.monotonic()
    while (left := servers_of(store) + watchdogs_of(store)) and (
        time.monotonic() - started < timeout
    ):
        time.sleep(0.1)
    return time.monotonic() - started, left


def solo_kills(store: Path, files: list[Path], rounds: int, seed: int) -> list[float | None]:
    """Kill a lone build or slow query with SIGKILL; seconds until its server has stopped
    by itself (None: still running after 60 s)."""
    rng = random.Random(seed)
    slow = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(a + b)"
    took: list[float | None] = []
    for n in range(rounds):
        target = store if n % 2 else store.with_name(f"solo-{n}")  # a build with work to do
        if n % 2:
            args = ["cypher", slow, "--store", str(target)]
        else:
            args = ["build", "--store", str(target), *map(str, rng.sample(files, 2))]
        proc = subprocess.Popen(
            [sys.executable, "-m", "graphkit.cli", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
        )
        deadline = time.monotonic() + 120
        while not servers_of(target) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.3, 3.0))
        proc.kill()
        proc.wait()
        seconds, left = wait_quiet(target, 60.0)
        took.append(None if left else round(seconds, 1))
    return took


def graphkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )


def final_check(store: Path, files: list[Path], work: Path) -> dict[str, object]:
    """Compare the store's graph with a fresh build of the documents it says are loaded."""
    from graphkit.errors import GraphkitError
    from graphkit.pipeline import document_id
    from graphkit.read import read
    from graphkit.workspace import Workspace

    try:
        loaded = sorted(str(d["id"]) for d in Workspace(store).documents())
    except GraphkitError as exc:
        return {"loaded": None, "equal": False, "error": str(exc)}
    by_id = {document_id(read(f)): f for f in files}
    chosen = [by_id[d] for d in loaded if d in by_id]
    if len(chosen) != len(loaded):
        return {"loaded": loaded, "equal": False, "error": "a loaded document is not an input"}
    if not chosen:
        return {"loaded": loaded, "equal": not Workspace(store).stats()["nodes"]}
    fresh = work / "fresh"
    done = graphkit("build", *map(str, chosen), "--store", str(fresh))
    if done.returncode != 0:
        return {"loaded": loaded, "equal": False, "error": done.stderr.strip()}
    return {"loaded": loaded, "equal": Workspace(store).digest() == Workspace(fresh).digest()}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commands", type=int, default=1000, help="commands in all")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    # A build may wait up to 600 s for the store's write lock (FalkorDBStore lock_timeout)
    # behind other builds before it gives up with a message: that wait is by design, so a
    # command counts as hung only past it.
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a hang")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--solo-kills", type=int, default=6, help="lone commands killed at the end")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    opts = parse(argv)
    files = corpus_files(opts.corpus)
    rng = random.Random(opts.seed)
    plan = rng.choices([k for k, _ in MIX], [w for _, w in MIX], k=opts.commands)
    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="graphkit-reliability-") as tmp:
        work = Path(tmp)
        store = work / "store"
        done = graphkit("build", *map(str, files), "--store", str(store))
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        threads = [
            threading.Thread(
                target=client,
                args=(n, plan[n :: opts.clients], files, store, opts.timeout, tally),
            )
            for n in range(opts.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
        # no graphkit command now: the watchdogs alone must stop what kills left running
        quiet_after, left_by_kills = wait_quiet(store, 30.0)
        solo = solo_kills(store, files, opts.solo_kills, opts.seed)
        check = final_check(store, files, work)
        _, after_check = wait_quiet(store, 30.0)
        _, fresh_left = wait_quiet(work / "fresh", 30.0)
        leaked = left_by_kills + after_check + fresh_left
        for pid in leaked:
            os.kill(pid, signal.SIGKILL)
    seconds = sorted(tally.seconds)
    figures = {
        "commands": sum(tally.kinds.values()),
        "clients": opts.clients,
        "timeout_seconds": opts.timeout,
        "wall_seconds": round(wall, 1),
        "median_command_seconds": round(seconds[len(seconds) // 2], 2) if seconds else None,
        "max_command_seconds": round(seconds[-1], 2) if seconds else None,
        "tracebacks": len(tally.tracebacks),
        "hangs_past_timeout": len(tally.hangs),
        "seconds_until_no_server_after_the_run": round(quiet_after, 1),
        "servers_or_watchdogs_left_30s_after_the_run": len(left_by_kills),
        "solo_kill_seconds_until_server_gone": solo,
        "leaked_servers": len(leaked),
        "final_graph_equals_fresh_build": check["equal"],
        "loaded_at_end": check["loaded"],
        "by_kind": dict(sorted(tally.kinds.items())),
        "exits": dict(sorted(tally.exits.items())),
    }
    return report(figures, tally, check, bool(leaked) or None in solo)


def report(figures: dict[str, object], tally: Tally, check: dict[str, object], lost: bool) -> int:
    """Print the figures (JSON on stdout, tracebacks on stderr); 0 when all went well."""
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    for trace in tally.tracebacks[:3]:
        print("--- traceback:\n" + trace, file=sys.stderr)
    if "error" in check:
        print(f"final check: {check['error']}", file=sys.stderr)
    ok = not tally.tracebacks and not tally.hangs and not lost and check["equal"] is True
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
