"""The stage-timing benchmark (benchmarks/stages.py) times what the pipeline runs: its staged
extraction gives the pipeline's own graph, so a change to the pipeline cannot leave the
benchmark timing something else (it did once: the benchmark had stopped at four recognisers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.stages import check_mirror, extract_staged
from graphkit.pipeline import Pipeline
from graphkit.read import read

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("name", ["sample-whitepaper.txt", "sample-report.txt"])
def test_the_staged_extraction_is_the_pipelines(pipeline: Pipeline, name: str) -> None:
    path = EXAMPLES / name
    staged, times = extract_staged(pipeline, path)
    real, _ = pipeline.extract_document(read(path))
    assert (staged.nodes, staged.relations) == (real.nodes, real.relations)
    assert staged.relations  # a sample with relations: the comparison says something
    assert set(times) == {"read_segment", "recognise", "resolve_extract"}
    check_mirror(pipeline, path)  # the benchmark's own guard passes
