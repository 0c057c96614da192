"""Cost of a change (issue 12): whole ``graphkit`` processes on stores of N synthetic editions.

For each N it times, side by side in one run, each as its own ``graphkit`` process:

* ``build 1 edition``: edition 1 into an empty store (the reference of every ratio);
* ``build N (1 worker)`` and ``build N (W workers)``: editions 1..N in one run into empty
  stores, with ``--jobs 1`` and ``--jobs W``;
* ``add 1``: edition N+1 into the N-edition store;
* ``load again``: edition N+1 once more, unchanged;
* ``remove 1``: ``graphkit remove`` of edition N+1.

Then the many-documents workload: ``--news`` synthetic news-sized documents cut from the corpus
paragraphs (``benchmarks/news.py``) built in one run, and one more added, loaded again and
removed. Last, the growth exponent of each operation in store size: the slope of log(wall)
over log(N) across the sizes measured (0 = flat, 1 = proportional to the store).

It prints markdown tables and writes ``results/incremental.md`` (with the load average at
start and end: the machine may be shared). Usage, from the repository root::

    .venv/bin/python -m benchmarks.incremental                # N = 1 and 20
    .venv/bin/python -m benchmarks.incremental --editions 1,20,50 --workers 2 --news 2000
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import editions, measure, news

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
    p.add_argument("--news", type=int, default=2000, help="news documents (2000; 0: none)")
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


def measure_news(
    count: int, corpus: Path, work: Path, workers: int, method: measure.RssMethod
) -> list[dict[str, Any]]:
    """Build ``count`` news documents in one run, then add one, load it again, remove it."""
    files = news.write_news(corpus, count + 1, work / "news")
    base, extra = files[:count], files[count]
    listing = work / "files.txt"
    listing.write_text("\n".join(map(str, base)), encoding="utf-8")
    store = str(work / "store")
    rows: list[tuple[str, measure.ProcessRun]] = []

    def op(what: str, *args: str) -> None:
        say(f"news: {what}")
        rows.append((what, graphkit(method, *args)))

    op("build 1 news document into an empty store", "build", str(base[0]), "--store",
       str(work / "one"))  # fmt: skip
    op(f"build {count} news documents, {workers} workers", "build", *map(str, base), "--store",
       store, "--jobs", str(workers))  # fmt: skip
    op(f"add news document {count + 1}", "build", str(extra), "--store", store)
    op(f"load news document {count + 1} again (unchanged)", "build", str(extra), "--store", store)
    op(f"remove news document {count + 1}", "remove", extra.name, "--store", store)
    reference = rows[0][1].wall_s
    return [
        {"editions": count, "operation": what, "wall_s": run.wall_s,
         "ratio": run.wall_s / reference, "peak_rss_mb": run.max_rss_kb / 1024}
        for what, run in rows
    ]  # fmt: skip


def _kind(operation: str) -> str:
    """An operation's name without its sizes ("add edition 21" → "add edition")."""
    return " ".join(w for w in operation.split() if not w.isdigit())


def growth(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Least-squares slope of log(wall) over log(N), per operation, across store sizes."""
    series: dict[str, list[tuple[float, float]]] = {}
    for r in rows:
        series.setdefault(_kind(r["operation"]), []).append(
            (math.log(r["editions"]), math.log(r["wall_s"]))
        )
    out: dict[str, float] = {}
    for kind, points in series.items():
        if len(points) < 2:
            continue
        mx = sum(x for x, _ in points) / len(points)
        my = sum(y for _, y in points) / len(points)
        var = sum((x - mx) ** 2 for x, _ in points)
        if var:
            out[kind] = sum((x - mx) * (y - my) for x, y in points) / var
    return out


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
    news_rows: list[dict[str, Any]] = []
    # a store's watchdog may still be leaving as its folder is deleted: never lose the figures
    with tempfile.TemporaryDirectory(
        prefix="graphkit-incremental-", ignore_cleanup_errors=True
    ) as tmp:
        for n in args.counts:
            work = Path(tmp) / f"n{n}"
            files = editions.write_editions(text, n + 1, work / "editions", paper.stem)
            rows.extend(measure_n(n, files, work, args.workers, method))
            shutil.rmtree(work)
        if args.news:
            news_rows = measure_news(args.news, args.corpus, Path(tmp) / "news", args.workers,
                                     method)  # fmt: skip
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
            *_news_section(news_rows),
            "Growth exponent of each operation in store size N (slope of log wall over log N;"
            " 0 is flat, 1 proportional to the store):",
            "",
            "| operation | exponent |",
            "| --- | ---: |",
            *(f"| {kind} | {value:.2f} |" for kind, value in growth(rows).items()),
            "",
        ]
    )
    print(body)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "incremental.md").write_text(body, encoding="utf-8")
    return 0


def _news_section(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    return [
        "Many small documents (`benchmarks/news.py`: news-sized documents cut from the corpus"
        " paragraphs); N is the number of documents, the ratio is to building one of them.",
        "",
        table(rows),
        "",
    ]


if __name__ == "__main__":
    raise SystemExit(main())
