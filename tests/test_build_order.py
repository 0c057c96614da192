"""The merged graph does not depend on the order documents are given in."""

from __future__ import annotations

from itertools import permutations

import pytest

from graphkit.build import build
from graphkit.pipeline import Pipeline
from graphkit.read import read
from graphkit.records import Extraction, Graph
from tests.corpus import corpus_file, report_files


@pytest.fixture(scope="module")
def extractions(pipeline: Pipeline) -> list[Extraction]:
    """The white paper, its separately extracted chapter (they share nodes), and a report."""
    paths = [corpus_file("whitepaper"), corpus_file("chapter"), report_files()[0]]
    return [pipeline.extract_document(read(p))[0] for p in paths]


def test_two_different_documents_in_either_order(extractions: list[Extraction]) -> None:
    paper, chapter, _ = extractions
    assert paper.info.source != chapter.info.source
    ab, ba = build([paper, chapter]), build([chapter, paper])
    assert ab == ba
    # The two overlap, so the order the merge meets them in is exercised.
    shared = [n for n in ab.nodes if len(n.props["sources"]) == 2]  # type: ignore[arg-type]
    assert shared


def test_every_order_of_three_documents_gives_one_graph(extractions: list[Extraction]) -> None:
    graphs: list[Graph] = [build(list(order)) for order in permutations(extractions)]
    assert all(g == graphs[0] for g in graphs[1:])
    assert len({e.info.family for e in extractions}) == 2
