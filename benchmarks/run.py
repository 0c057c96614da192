"""Benchmarks: speed, memory and scaling of graphkit, beside a transformer NER baseline.

One command, from the repository root::

    .venv/bin/python -m benchmarks.run            # the full run (about 10 minutes)
    .venv/bin/python -m benchmarks.run --quick    # a smoke run (about 2 minutes)

It measures, on the real corpus: stage timings (medians of ``--runs`` runs), the whole
``graphkit build`` into a fresh embedded store (its own process, under ``/usr/bin/time -v``),
the latency of every saved query on a warm store, the ckip-transformers bert-base NER baseline
on a sample of the white paper, and the scaling of one build over N synthetic editions. It
compares each figure with the issue's targets, profiles what misses one, prints a markdown
table and writes ``latest.md`` and ``latest.json`` to ``--out`` (``benchmarks/results``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import editions, measure, report, stages
from .measure import REPO_ROOT, RssMethod

#: Presets: the full configuration and the quick one (options given explicitly win).
FULL = {
    "runs": 5,
    "query_runs": 50,
    "query_warmup": 5,
    "baseline_chars": 20_000,
    "editions": "1,5,20,50",
}
QUICK = {
    "runs": 2,
    "query_runs": 10,
    "query_warmup": 2,
    "baseline_chars": 1_020,
    "editions": "1,5",
}
PROFILE_TOP = 12


def default_corpus() -> Path:
    """``$GRAPHKIT_SHARED/corpus``, else ``../shared/corpus`` beside the clone."""
    shared = os.environ.get("GRAPHKIT_SHARED")
    return Path(shared) / "corpus" if shared else REPO_ROOT.parent / "shared" / "corpus"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Options; unset ones take the preset (full, or quick with ``--quick``)."""
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__.split("\n\n")[0],
        epilog="Example: .venv/bin/python -m benchmarks.run --quick --out /tmp/bench",
    )
    p.add_argument("--quick", action="store_true", help="smoke-run preset: " + str(QUICK))
    p.add_argument("--corpus", type=Path, default=None, help="folder of *.txt (default: shared)")
    p.add_argument("--main-file", help="the white paper's file name (default: largest file)")
    p.add_argument("--runs", type=int, help=f"runs per stage timing ({FULL['runs']})")
    p.add_argument("--query-runs", type=int, help=f"timed runs per query ({FULL['query_runs']})")
    p.add_argument("--query-warmup", type=int, help=f"untimed runs ({FULL['query_warmup']})")
    p.add_argument(
        "--baseline-chars",
        type=int,
        help=f"baseline sample size in characters ({FULL['baseline_chars']:,}; 0 skips it)",
    )
    p.add_argument(
        "--baseline-python",
        default=sys.executable,
        help="interpreter that runs the baseline (one with torch and ckip-transformers)",
    )
    p.add_argument(
        "--baseline-inputs",
        default="packed,paragraphs",
        help="baseline input modes: packed (full windows; the target's) and/or paragraphs",
    )
    p.add_argument("--editions", help=f"edition counts N, comma-separated ({FULL['editions']})")
    p.add_argument(
        "--rss-method",
        choices=("auto", "time", "wait4"),
        default="auto",
        help="peak RSS of subprocesses: GNU time -v, or os.wait4 (auto: time when installed)",
    )
    p.add_argument(
        "--profile",
        choices=("auto", "always", "never"),
        default="auto",
        help="cProfile the slow part of every missed target (auto), of every target, or none",
    )
    p.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks" / "results")
    args = p.parse_args(argv)
    preset = QUICK if args.quick else FULL
    for key, value in preset.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    args.corpus = args.corpus or default_corpus()
    args.edition_counts = sorted({int(n) for n in str(args.editions).split(",") if n.strip()})
    if args.runs < 1 or args.query_runs < 1 or not args.edition_counts:
        p.error("--runs, --query-runs and --editions need at least one")
    return args


def say(message: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------ sections


def whole_build(
    files: Sequence[Path], store: Path, method: RssMethod, profile_out: Path | None = None
) -> dict[str, Any]:
    """One ``graphkit build`` of ``files`` into the fresh ``store``, in its own process."""
    out = store.parent / f"{store.name}.json"
    command = [sys.executable, "-m", "benchmarks.wholebuild", "--store", str(store)]
    command += ["--json-out", str(out)]
    if profile_out:
        command += ["--profile-out", str(profile_out)]
    run = measure.run_measured([*command, *map(str, files)], method=method)
    measure.check(run, "graphkit build")
    inner = json.loads(out.read_text(encoding="utf-8"))
    return {
        **inner,
        "wall_s": run.wall_s,
        "max_rss_kb": run.max_rss_kb,
        "combined_peak_kb": inner["peak_rss_self_kb"] + inner["peak_rss_children_kb"],
    }


def whole_builds(
    files: Sequence[Path], runs: int, workdir: Path, method: RssMethod, chars: int
) -> tuple[dict[str, Any], Path]:
    """Medians over ``runs`` cold builds; returns them and the last run's store."""
    done = []
    store = workdir
    for i in range(runs):
        store = workdir / f"whole-{i}"
        done.append(whole_build(files, store, method))
    build_s = measure.median([d["build_s"] for d in done])
    wall_s = measure.median([d["wall_s"] for d in done])
    summary = {
        "runs": runs,
        "build_s": build_s,
        "imports_s": measure.median([d["imports_s"] for d in done]),
        "wall_s": wall_s,
        "chars_per_s": chars / build_s,
        "chars_per_s_wall": chars / wall_s,
        "max_rss_kb": max(d["max_rss_kb"] for d in done),
        "graphkit_peak_kb": max(d["peak_rss_self_kb"] for d in done),
        "server_peak_kb": max(d["peak_rss_children_kb"] for d in done),
        "combined_peak_kb": max(d["combined_peak_kb"] for d in done),
        "each": done,
    }
    return summary, store


def baseline(args: argparse.Namespace, main_file: Path, method: RssMethod) -> dict[str, Any]:
    """The ckip-transformers baseline in its own process (torch stays out of this one)."""
    if args.baseline_chars <= 0:
        return {"available": False, "reason": "skipped (--baseline-chars 0)", "install": ""}
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        out = Path(tmp) / "baseline.json"
        command = [args.baseline_python, "-m", "benchmarks.baseline", "--text", str(main_file)]
        command += ["--vocab-from", str(args.corpus), "--json-out", str(out)]
        command += ["--chars", str(args.baseline_chars), "--inputs", args.baseline_inputs]
        run = measure.run_measured(command, method=method)
        measure.check(run, "the baseline")
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if not result["available"]:
        say(f"baseline not run: {result['reason']}; install it with: {result['install']}")
        return result
    return {**result, "max_rss_kb": run.max_rss_kb, "wall_s": run.wall_s}


def scaling(
    text: str, counts: Sequence[int], workdir: Path, method: RssMethod, stem: str
) -> list[dict[str, Any]]:
    """One build of N synthetic editions per N, each into a fresh store."""
    rows = []
    for n in counts:
        folder = workdir / f"editions-{n}"
        paths = editions.write_editions(text, n, folder, stem)
        say(f"scaling: {n} edition(s)")
        done = whole_build(paths, workdir / f"editions-store-{n}", method)
        rows.append(
            {
                "editions": n,
                "chars": sum(len(p.read_text(encoding="utf-8")) for p in paths),
                "wall_s": done["wall_s"],
                "build_s": done["build_s"],
                "imports_s": done["imports_s"],
                "max_rss_kb": done["max_rss_kb"],
                "graphkit_peak_kb": done["peak_rss_self_kb"],
                "server_peak_kb": done["peak_rss_children_kb"],
                "combined_peak_kb": done["combined_peak_kb"],
            }
        )
    return rows


# ------------------------------------------------------------------------ profiles


def take_profiles(
    wanted: set[str],
    args: argparse.Namespace,
    files: Sequence[Path],
    main_file: Path,
    query_store: Path,
    results: dict[str, Any],
    workdir: Path,
    method: RssMethod,
) -> dict[str, Any]:
    """cProfile each slow part in ``wanted``: extraction, whole_build, queries, editions."""
    out: dict[str, Any] = {}
    if "extraction" in wanted:
        say("profiling: extraction of the white paper")
        from graphkit.pipeline import Pipeline
        from graphkit.read import read

        pipeline = Pipeline()
        source = read(main_file)
        path = workdir / "extraction.prof"
        measure.profile_call(lambda: pipeline.extract_document(source), path)
        out["extraction"] = _summary(path, f"Pipeline.extract_document({main_file.name}), warm")
    if "whole_build" in wanted:
        say("profiling: whole build of the corpus")
        path = workdir / "whole.prof"
        whole_build(files, workdir / "profile-store", method, profile_out=path)
        out["whole_build"] = _summary(path, "`graphkit build` of the corpus, cold process")
    if "queries" in wanted:
        worst = max(results["queries"], key=lambda q: q["p95_ms"])
        say(f"profiling: saved query {worst['name']}")
        import falkordb

        from graphkit.catalog import get
        from graphkit.store.falkordb import FalkorDBStore

        query = get(worst["name"])
        params = query.bind()
        path = workdir / "query.prof"
        with FalkorDBStore(query_store) as store:

            def repeat() -> None:
                for _ in range(args.query_runs):
                    store.run(query.cypher, params)

            measure.profile_call(repeat, path)
            # The client only waits on the socket: the server's own profile says where it goes.
            client = falkordb.FalkorDB(unix_socket_path=str(store.socket_path))
            plan = client.select_graph(store.graph_name).profile(query.cypher, params)
            client.close()
        out["queries"] = _summary(path, f"{args.query_runs} runs of {worst['name']}")
        out["queries"]["server_plan"] = "\n".join(plan.plan)
    if "editions" in wanted:
        n = max(args.edition_counts)
        say(f"profiling: build of {n} edition(s)")
        paths = sorted((workdir / f"editions-{n}").glob("*.txt"))
        path = workdir / "editions.prof"
        whole_build(paths, workdir / "profile-editions-store", method, profile_out=path)
        out["editions"] = _summary(path, f"`graphkit build` of {n} editions, cold process")
    return out


def _summary(path: Path, what: str) -> dict[str, Any]:
    summary = measure.summarise_profile(path, PROFILE_TOP)
    top = summary["by_own_time"][:5]
    summary["what"] = what
    summary["summary"] = "most own time in " + "; ".join(
        f"{r['function']} {r['own_s']:.2f} s" for r in top
    )
    return summary


# ------------------------------------------------------------------------ main


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark, print the table, write the results."""
    args = parse_args(argv)
    method = measure.choose_rss_method(args.rss_method)
    if method == "wait4" and not measure.time_binary_available():
        say(f"{measure.TIME_BINARY} not found (apt-get install time): peak RSS from os.wait4")
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no *.txt files in {args.corpus} (set --corpus or GRAPHKIT_SHARED)")
    main_file = (
        args.corpus / args.main_file
        if args.main_file
        else max(files, key=lambda p: p.stat().st_size)
    )
    texts = {p.name: p.read_text(encoding="utf-8-sig") for p in files}
    results: dict[str, Any] = {
        "config": {
            "runs": args.runs,
            "query_runs": args.query_runs,
            "query_warmup": args.query_warmup,
            "baseline_chars": args.baseline_chars,
            "baseline_inputs": args.baseline_inputs,
            "editions": ",".join(map(str, args.edition_counts)),
            "rss_method": method,
            "profile": args.profile,
            "quick": args.quick,
        },
        "machine": measure.machine_info(),
        "load_average": {"start": measure.load_average()},
        "corpus": {
            "folder": str(args.corpus),
            "main_file": main_file.name,
            "files": [
                {"name": p.name, "bytes": p.stat().st_size, "chars": len(texts[p.name])}
                for p in files
            ],
            "chars": sum(len(t) for t in texts.values()),
        },
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        work = Path(tmp)
        say(f"stage timings: {args.runs} run(s) over {len(files)} files")
        results["stages"] = stages.stage_timings(files, args.runs, work)
        results["stages"]["peak_rss_kb"] = measure.self_peak_kb()
        say(f"whole build: {args.runs} cold run(s)")
        results["whole_build"], store = whole_builds(
            files, args.runs, work, method, results["corpus"]["chars"]
        )
        say(f"saved queries: {args.query_runs} runs each")
        results["queries"] = stages.query_latency(store, args.query_runs, args.query_warmup)
        say(f"baseline: {args.baseline_chars:,} chars through ckip-transformers (0: skipped)")
        results["baseline"] = baseline(args, main_file, method)
        b = results["baseline"]
        wb = results["whole_build"]
        results["ratio"] = {
            mode: {
                "whole_build": wb["chars_per_s"] / m["chars_per_s"],
                "whole_build_wall": wb["chars_per_s_wall"] / m["chars_per_s"],
            }
            for mode, m in (b["modes"].items() if b["available"] else ())
        }
        results["scaling"] = scaling(
            texts[main_file.name], args.edition_counts, work, method, main_file.stem
        )
        results["scaling_exponents"] = report.growth_exponents(
            [(r["editions"], r["build_s"]) for r in results["scaling"]]
        )
        targets = report.evaluate(results)
        wanted: set[str] = set()
        if args.profile == "always":
            wanted = {"extraction", "whole_build", "queries", "editions"}
        elif args.profile == "auto":
            wanted = {t.profile for t in targets if t.profile}
        results["profiles"] = take_profiles(
            wanted, args, files, main_file, store, results, work, method
        )
    results["targets"] = report.target_rows(targets)
    results["load_average"]["end"] = measure.load_average()
    results["seconds"] = time.perf_counter() - started
    text = report.markdown(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(text, encoding="utf-8")
    (args.out / "latest.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(text)
    say(f"done in {results['seconds']:.0f} s; results in {args.out}/latest.md and latest.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
