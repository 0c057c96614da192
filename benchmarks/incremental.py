"""Cost of a change (issue 12): whole ``graphkit`` processes on stores of N synthetic editions.

For each N it times, side by side in one run, each as its own ``graphkit`` process:

* ``build 1 edition``: edition 1 into an empty store (the reference of every ratio);
* ``build N (1 worker)`` and ``build N (W workers)``: editions 1..N in one run into empty
  stores, with ``--jobs 1`` and ``--jobs W``;
* ``add 1``: edition N+1 into the N-edition store;
* ``load again``: edition N+1 once more, unchanged;
* ``remove 1``: ``graphkit remove`` of edition N+1.

It prints a markdown table and writes ``results/incremental.md`` (with the load average at
start and end: the machine may be shared). Usage, from the repository root::

    .venv/bin/python -m benchmarks.incremental                # N = 1 and 20
    .venv/bin/python -m benchmarks.incremental --editions 1,20,50 --workers 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import editions, measure

RESULTS = Path(__file__).resolve().parent / "results"
GRAPHKIT = str(Path(sys.executable).parent / "graphkit")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    shared = os.environ.get("GRAPHKIT_SHARED")
    corpus = Path(shared) / "corpus" if shared else measure.REPO_ROOT.parent / "shared" / "corpus"
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--editions", default="1,20", help="store sizes N, comma-separated (1,20)")
    p.add_argument("--workers", type=int, default=2, help="workers of the parallel build (2)")
    p.add_argument("--corpus", type=Path, default=corpus, help="folder of the white paper")
    p.add_argument("--out", type=Path, default=RESULTS, help="where incremental.md goes")
    p.add_argument("--rss-method", choices=("auto", "time", "wait4"), default="auto")
    args = p.parse_args(argv)
    args.counts = sorted({int(n) for n in args.editions.split(",") if n.strip()})
    if not args.counts or min(args.counts) < 1:
        p.error("--editions needs store sizes of at least 1")
    return args


def say(message: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    print(f"[incremental {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def graphkit(method: measure.RssMethod, *args: str) -> measure.ProcessRun:
    """One measured ``graphkit`` process; stops the benchmark when it fails."""
    run = measure.run_measured([GRAPHKIT, *args], method=method)
    measure.check(run, f"graphkit {args[0]}")
    return run


def whitepaper(corpus: Path) -> Path:
    """The full white paper: the largest corpus file with programme blocks."""
    papers = [f for f in corpus.glob("*.txt") if "相關科技專案" in f.read_text(encoding="utf-8")]
    if not papers:
        raise SystemExit(f"no white paper in {corpus} (set --corpus or GRAPHKIT_SHARED)")
    return max(papers, key=lambda f: f.stat().st_size)


def measure_n(
    n: int, files: list[Path], work: Path, workers: int, method: measure.RssMethod
) -> list[dict[str, Any]]:
    """The operations at store size ``n`` (``files`` holds editions 1..n+1)."""
    base, extra = files[:n], files[n]
    rows: list[tuple[str, measure.ProcessRun]] = []

    def op(what: str, *args: str) -> None:
        say(f"N={n}: {what}")
        rows.append((what, graphkit(method, *args)))

    op("build 1 edition into an empty store", "build", str(files[0]), "--store", str(work / "one"))
    op(f"build {n} editions, 1 worker", "build", *map(str, base), "--store", str(work / "serial"),
       "--jobs", "1")  # fmt: skip
    store = str(work / "parallel")
    op(f"build {n} editions, {workers} workers", "build", *map(str, base), "--store", store,
       "--jobs", str(workers))  # fmt: skip
    op(f"add edition {n + 1}", "build", str(extra), "--store", store)
    unchanged = graphkit(method, "build", str(extra), "--store", store)
    if "unchanged" not in unchanged.stdout:
        raise SystemExit(f"edition {n + 1} was not reported unchanged:\n{unchanged.stdout}")
    rows.append((f"load edition {n + 1} again (unchanged)", unchanged))
    op(f"remove edition {n + 1}", "remove", extra.name, "--store", store)
    reference = rows[0][1].wall_s
    return [
        {
            "editions": n,
            "operation": what,
            "wall_s": run.wall_s,
            "ratio": run.wall_s / reference,
            "peak_rss_mb": run.max_rss_kb / 1024,
        }
        for what, run in rows
    ]


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a markdown table."""
    lines = [
        "| N | operation | wall (s) | × build of 1 edition | peak RSS (MB) |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['editions']} | {r['operation']} | {r['wall_s']:.2f} | {r['ratio']:.2f} "
            f"| {r['peak_rss_mb']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every size, print the table, write ``incremental.md``."""
    args = parse_args(argv)
    method = measure.choose_rss_method(args.rss_method)
    paper = whitepaper(args.corpus)
    text = paper.read_text(encoding="utf-8")
    load_start = measure.load_average()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="graphkit-incremental-") as tmp:
        for n in args.counts:
            work = Path(tmp) / f"n{n}"
            files = editions.write_editions(text, n + 1, work / "editions", paper.stem)
            rows.extend(measure_n(n, files, work, args.workers, method))
            shutil.rmtree(work)
    load_end = measure.load_average()
    info = measure.machine_info()
    body = "\n".join(
        [
            "# Incremental loads (issue 12)",
            "",
            f"Run {started}, commit {info['commit']}{' (dirty tree)' if info['tree_dirty'] else ''}"
            f", {info['cores']} cores ({info['cpu']}), Python {info['python']}.",
            f"Load average (1, 5, 15 min) at start {load_start}, at end {load_end}: the machine "
            "is shared, so the figures carry that load.",
            "",
            "Every figure is one whole `graphkit` process (start-up, store server start and stop"
            " included); synthetic editions from `benchmarks/editions.py`; the ratio is to the"
            " build of edition 1 into an empty store measured in the same run and N.",
            "",
            table(rows),
            "",
        ]
    )
    print(body)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "incremental.md").write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
