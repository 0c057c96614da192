"""Neo4j figures: push time of the corpus graph and of N synthetic editions, saved-query latency.

One command, from the repository root (needs java and mvn, like the live tests)::

    .venv/bin/python -m benchmarks.neo4j                 # corpus + 50 editions (≈ 5 minutes)
    .venv/bin/python -m benchmarks.neo4j --editions 5    # a quicker run

It starts the Neo4j test server of ``neo4j-server/`` (the one the live tests use; its build
and start are timed too), builds the corpus into a fresh embedded store, and measures:

* **push**: :meth:`Neo4jStore.write` of the corpus graph (the whole graph replaced in one
  transaction, as ``graphkit push`` does after its constraints), median of ``--runs``, in
  rows/s (nodes + relationships per second); the same for the graph of N synthetic editions
  of the white paper (benchmarks/editions.py), built into another store;
* **queries**: p50/p95 of every saved query with its defaults on Neo4j beside the embedded
  FalkorDB store, on the corpus graph, warm (``--warmup`` untimed runs, then ``--query-runs``).

Prints a markdown table and writes ``neo4j.md`` and ``neo4j.json`` to ``--out``
(``benchmarks/results``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from graphkit.build import build
from graphkit.catalog import catalogue
from graphkit.delta import diff, fingerprints, stored
from graphkit.ledger import Ledger
from graphkit.pipeline import Pipeline, build_files, push
from graphkit.records import Graph
from graphkit.store.base import GraphStore
from graphkit.store.falkordb import FalkorDBStore
from graphkit.store.neo4j import Neo4jStore
from tests.neo4j_server import Neo4jServer
from tests.neo4j_server import build as build_server

from . import editions, measure
from .measure import REPO_ROOT
from .run import default_corpus, say


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.neo4j",
        description=__doc__.split("\n\n")[0],
        epilog="Example: .venv/bin/python -m benchmarks.neo4j --editions 5",
    )
    p.add_argument("--corpus", type=Path, default=default_corpus())
    p.add_argument("--editions", type=int, default=50, help="synthetic editions to push")
    p.add_argument("--runs", type=int, default=3, help="timed pushes of each graph")
    p.add_argument("--query-runs", type=int, default=50)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks" / "results")
    return p.parse_args(argv)


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def graph_of(store: FalkorDBStore) -> Graph:
    """The graph of a store's documents, made from its ledger as ``graphkit push`` makes it."""
    ledger = Ledger(store.path / "ledger")
    docs = sorted((d["id"], d["sha256"]) for d in store.documents())
    return build(ledger.load(doc, sha) for doc, sha in docs)


def push_figures(graph: Graph, target: Neo4jStore, runs: int, what: str) -> dict[str, Any]:
    """Median time of replacing the whole graph in Neo4j with ``graph``, and rows per second."""
    target.ensure_schema()
    target.write(Graph(nodes=(), edges=()))  # the first timed push writes into an empty graph
    times = [timed(lambda: target.write(graph)) for _ in range(runs)]
    rows = len(graph.nodes) + len(graph.edges)
    wall = measure.median(times)
    say(f"push {what}: {rows} rows in {wall:.2f} s")
    return {
        "graph": what,
        "nodes": len(graph.nodes),
        "relationships": len(graph.edges),
        "push_s": wall,
        "rows_per_s": rows / wall,
        "runs": [round(t, 3) for t in times],
    }


def delta_push_figures(
    store: FalkorDBStore, target: Neo4jStore, extra: Path, pipeline: Pipeline, what: str
) -> dict[str, Any]:
    """``graphkit push`` of the store, then of the store with one more edition: what it sends.

    The second push must send exactly the difference between the two merged graphs, and leave
    Neo4j holding what the embedded store holds.
    """
    ledger = Ledger(store.path / "ledger")
    first = push(store, ledger, target)
    before = fingerprints(stored(graph_of(store)))
    build_files([extra], store, ledger, pipeline=pipeline)
    expected = diff(before, stored(graph_of(store))).size()
    t0 = time.perf_counter()
    report = push(store, ledger, target)
    wall = time.perf_counter() - t0
    equal = target.digest() == store.digest()
    say(f"delta push of {extra.name} onto {what}: sent {report.sent} (expected {expected}), "
        f"{wall:.2f} s, equal {equal}")  # fmt: skip
    return {
        "graph": what,
        "first_sent": first.sent,
        "first_whole": first.whole,
        "sent": report.sent,
        "expected": expected,
        "whole": report.whole,
        "push_s": wall,
        "equal": equal,
    }


def latency(store: GraphStore, runs: int, warmup: int) -> dict[str, dict[str, float]]:
    """p50/p95 in ms of every saved query, default parameters, on a warm ``store``."""
    out = {}
    for query in catalogue().values():
        params = query.bind()
        for _ in range(warmup):
            store.run(query.cypher, params)
        times = [timed(lambda q=query, v=params: store.run(q.cypher, v)) for _ in range(runs)]
        out[query.name] = {
            "p50_ms": 1000 * measure.percentile(times, 50),
            "p95_ms": 1000 * measure.percentile(times, 95),
        }
    return out


def build_store(paths: Sequence[Path], folder: Path, pipeline: Pipeline) -> FalkorDBStore:
    store = FalkorDBStore(folder)
    build_files(paths, store, Ledger(folder / "ledger"), pipeline=pipeline)
    return store


def render(result: dict[str, Any]) -> str:
    server = result["server"]
    lines = [
        "# Neo4j figures",
        "",
        f"Neo4j test server: build {server['build_s']:.1f} s, start {server['start_s']:.1f} s "
        f"(load average {result['load']}).",
        "",
        "| graph | nodes | relationships | push (median) | rows/s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for p in result["push"]:
        lines.append(
            f"| {p['graph']} | {p['nodes']} | {p['relationships']} | {p['push_s']:.2f} s "
            f"| {p['rows_per_s']:,.0f} |"
        )
    if "delta_push" in result:
        d = result["delta_push"]
        lines += [
            "",
            f"Delta push (`graphkit push` after one more edition built into the store of "
            f"{d['graph']}): sent {d['sent']:,} nodes and relationships, the difference of the "
            f"two merged graphs being {d['expected']:,}; {d['push_s']:.2f} s; Neo4j then equal "
            f"to the embedded store: {d['equal']}.",
        ]
    lines += [
        "",
        "| saved query | Neo4j p50 | Neo4j p95 | FalkorDB p50 | FalkorDB p95 |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    neo, falkor = result["queries"]["neo4j"], result["queries"]["falkordb"]
    for name in sorted(neo):
        n, f = neo[name], falkor[name]
        lines.append(
            f"| {name} | {n['p50_ms']:.1f} ms | {n['p95_ms']:.1f} ms | {f['p50_ms']:.1f} ms "
            f"| {f['p95_ms']:.1f} ms |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = sorted(args.corpus.glob("*.txt"))
    if not corpus:
        raise SystemExit(f"benchmarks.neo4j: no corpus files in {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-neo4j-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        command = build_server()
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        with Neo4jServer(command, work / "neo4j.log") as server:
            start_s = time.perf_counter() - t0
            say(f"Neo4j test server: build {build_s:.1f} s, start {start_s:.1f} s")
            conn = server.connection
            pipeline = Pipeline()
            result: dict[str, Any] = {
                "server": {"build_s": build_s, "start_s": start_s},
                "load": measure.load_average(),
            }
            with (
                Neo4jStore(conn.uri, conn.user, conn.password) as neo4j,
                build_store(corpus, work / "corpus", pipeline) as store,
            ):
                result["push"] = [push_figures(graph_of(store), neo4j, args.runs, "corpus")]
                say("saved queries")
                result["queries"] = {
                    "neo4j": latency(neo4j, args.query_runs, args.warmup),
                    "falkordb": latency(store, args.query_runs, args.warmup),
                }
                paper = max(corpus, key=lambda p: p.stat().st_size)
                *paths, extra = editions.write_editions(
                    paper.read_text(encoding="utf-8"), args.editions + 1, work / "ed", paper.stem
                )
                say(f"building {args.editions} editions")
                with build_store(paths, work / "editions", pipeline) as many:
                    what = f"{args.editions} editions"
                    result["push"].append(push_figures(graph_of(many), neo4j, args.runs, what))
                    result["delta_push"] = delta_push_figures(many, neo4j, extra, pipeline, what)
    text = render(result)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "neo4j.md").write_text(text, encoding="utf-8")
    (args.out / "neo4j.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
