"""In-process measurements: stage timings of the pipeline and saved-query latency.

Stage timings call the pipeline's own stage methods, the ones
:meth:`graphkit.pipeline.Pipeline.extract_document` calls, in the same order, with a clock between
them; :func:`check_mirror` makes sure the
result is the same as the pipeline's own, so a change to the pipeline cannot silently leave
this benchmark timing something else.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graphkit.build import build
from graphkit.catalog import catalogue
from graphkit.pipeline import Pipeline
from graphkit.read import read
from graphkit.records import Extraction
from graphkit.store.falkordb import FalkorDBStore

from .measure import median, percentile

#: Per-file stages, in pipeline order.
FILE_STAGES = ("read_segment", "recognise", "resolve_extract")
#: Whole-corpus stages after the per-file ones.
CORPUS_STAGES = ("build_merge", "store_open", "store_write", "store_close")


def extract_staged(pipeline: Pipeline, path: Path) -> tuple[Extraction, dict[str, float]]:
    """One file through read → segment → recognise → resolve → extract, timing each stage.

    It calls the pipeline's own stage methods (:meth:`Pipeline.segmented`,
    :meth:`Pipeline.recognised`, :meth:`Pipeline.extracted`), in the order
    :meth:`Pipeline.extract_document` does. ``recognise`` includes learning the document's own
    terms (glossary, definitions, directory): the resolver's second lexicon.
    """
    t0 = time.perf_counter()
    source = read(path)
    seg, _warnings = pipeline.segmented(source)
    t1 = time.perf_counter()
    mentions, learned = pipeline.recognised(seg)
    t2 = time.perf_counter()
    extraction = pipeline.extracted(seg, mentions, learned, pdf=source.encoding == "pdf")
    t3 = time.perf_counter()
    return extraction, {"read_segment": t1 - t0, "recognise": t2 - t1, "resolve_extract": t3 - t2}


def check_mirror(pipeline: Pipeline, path: Path) -> None:
    """Fail loudly if :func:`extract_staged` no longer gives what the pipeline gives."""
    staged, _ = extract_staged(pipeline, path)
    real, _ = pipeline.extract_document(read(path))
    if (staged.nodes, staged.relations) != (real.nodes, real.relations):
        raise SystemExit(
            f"benchmarks.stages.extract_staged no longer mirrors Pipeline.extract_document "
            f"on {path.name}: update it to the pipeline's stages"
        )


def stage_timings(paths: Sequence[Path], runs: int, workdir: Path) -> dict[str, Any]:
    """Median seconds per stage over ``runs`` runs of the whole corpus.

    Every run extracts every file, merges them (``build``) and writes the graph into a fresh
    embedded store: opening it (starting ``redis-server``), ``ensure_schema`` + ``write``, and
    closing it (``SHUTDOWN``, which flushes the append-only file).
    """
    t0 = time.perf_counter()
    pipeline = Pipeline()
    init_s = time.perf_counter() - t0
    check_mirror(pipeline, paths[0])
    per_file: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    corpus: dict[str, list[float]] = defaultdict(list)
    counts: dict[str, int] = {}
    for run in range(runs):
        extractions = []
        for path in paths:
            extraction, times = extract_staged(pipeline, path)
            extractions.append(extraction)
            for stage, seconds in times.items():
                per_file[path.name][stage].append(seconds)
        t0 = time.perf_counter()
        graph = build(extractions)
        t1 = time.perf_counter()
        store_dir = workdir / f"stages-{run}"
        store = FalkorDBStore(store_dir)
        t2 = time.perf_counter()
        store.ensure_schema()
        store.write(graph)
        t3 = time.perf_counter()
        store.close()
        t4 = time.perf_counter()
        shutil.rmtree(store_dir)
        for stage, seconds in zip(CORPUS_STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            corpus[stage].append(seconds)
        counts = {"nodes": len(graph.nodes), "relationships": len(graph.edges)}
    files = {
        name: {stage: median(stages[stage]) for stage in FILE_STAGES}
        | {"extract_total": median([sum(x) for x in zip(*stages.values(), strict=True)])}
        for name, stages in per_file.items()
    }
    return {
        "runs": runs,
        "pipeline_init_s": init_s,
        "files": files,
        "corpus": {stage: median(corpus[stage]) for stage in CORPUS_STAGES},
        "graph": counts,
    }


def query_latency(store_dir: Path, runs: int, warmup: int) -> list[dict[str, Any]]:
    """p50/p95 of every saved query, default parameters, on the store in ``store_dir``.

    The store is opened once (warm server, warm connection); each query runs ``warmup``
    times untimed, then ``runs`` times timed from the call to the parsed answer.
    """
    out = []
    with FalkorDBStore(store_dir) as store:
        for query in catalogue().values():
            params = query.bind()
            for _ in range(warmup):
                store.run(query.cypher, params)
            times = []
            rows = 0
            for _ in range(runs):
                t0 = time.perf_counter()
                result = store.run(query.cypher, params)
                times.append(time.perf_counter() - t0)
                rows = len(result.rows)
            out.append(
                {
                    "name": query.name,
                    "rows": rows,
                    "p50_ms": 1000 * percentile(times, 50),
                    "p95_ms": 1000 * percentile(times, 95),
                    "max_ms": 1000 * max(times),
                }
            )
    return out
