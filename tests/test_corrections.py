"""Corrections: each action on a small hand-built graph, file errors, and a real build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.corrections import Correction, apply_corrections, load_corrections
from graphkit.errors import InputError
from graphkit.pipeline import Pipeline
from graphkit.records import Graph, GraphEdge, GraphNode, Label, NodeRef, RelType
from graphkit.workspace import Workspace


def node(label: Label, name: str, *aliases: str) -> GraphNode:
    keys = [n.casefold() for n in (name, *aliases)]
    props = {"name": name, "aliases": list(aliases), "keys": keys, "sources": ["d1"]}
    return GraphNode(label, f"{label.lower()}:{name.casefold()}", props)


def ref(n: GraphNode) -> NodeRef:
    return NodeRef(n.label, n.id)


AI = node(Label.TECHNOLOGY, "人工智慧", "AI")
AI2 = node(Label.TECHNOLOGY, "AI技術")
NHRI = node(Label.AGENCY, "國家衛生研究院", "NHRI", "NIH")
CBAM = node(Label.TECHNOLOGY, "CBAM")
PROG = node(Label.PROGRAMME, "某計畫")
GRAPH = Graph(
    (AI, AI2, NHRI, CBAM, PROG),
    (
        GraphEdge(RelType.DEVELOPS, ref(PROG), ref(AI), {"sources": ["d1"]}),
        GraphEdge(RelType.DEVELOPS, ref(PROG), ref(AI2), {"sources": ["d2"]}),
        GraphEdge(RelType.DEVELOPS, ref(PROG), ref(CBAM), {"sources": ["d1"]}),
    ),
)


def fix(action: str, label: Label, name: str, other: str | None = None) -> Correction:
    return Correction(action, label, name, other, "corrections.json#1")


def by_name(graph: Graph) -> dict[str, GraphNode]:
    return {str(n.props["name"]): n for n in graph.nodes}


def test_merge_moves_names_and_relationships() -> None:
    graph, warnings = apply_corrections(GRAPH, [fix("merge", Label.TECHNOLOGY, "AI", "AI技術")])
    nodes = by_name(graph)
    assert "AI技術" not in nodes and warnings == []
    assert nodes["人工智慧"].props["aliases"] == ["AI", "AI技術"]
    assert nodes["人工智慧"].props["corrected_by"] == ["corrections.json#1"]
    develops = [e for e in graph.edges if e.target == ref(AI)]
    assert len(develops) == 1 and develops[0].props["sources"] == ["d1", "d2"]


def test_split_takes_an_alias_off_into_a_node_of_its_own() -> None:
    graph, _ = apply_corrections(GRAPH, [fix("split", Label.AGENCY, "國家衛生研究院", "NIH")])
    nodes = by_name(graph)
    assert nodes["國家衛生研究院"].props["aliases"] == ["NHRI"]
    assert "nih" not in nodes["國家衛生研究院"].props["keys"]  # type: ignore[operator]
    assert nodes["NIH"].label is Label.AGENCY and nodes["NIH"].props["corrected_by"] == [
        "corrections.json#1"
    ]


def test_relabel_and_reject() -> None:
    corrections = [
        fix("relabel", Label.TECHNOLOGY, "cbam", "Regulation"),
        fix("reject", Label.TECHNOLOGY, "AI技術"),
    ]
    graph, _ = apply_corrections(GRAPH, corrections)
    nodes = by_name(graph)
    assert nodes["CBAM"].label is Label.REGULATION and "AI技術" not in nodes
    targets = {e.target for e in graph.edges}
    assert targets == {ref(AI), NodeRef(Label.REGULATION, "regulation:cbam")}
    moved = next(e for e in graph.edges if e.target.label is Label.REGULATION)
    assert moved.props["corrected_by"] == ["corrections.json#1"]


def test_a_correction_that_finds_nothing_is_a_warning() -> None:
    graph, warnings = apply_corrections(GRAPH, [fix("reject", Label.POLICY, "不存在")])
    assert graph == GRAPH
    assert warnings == ["corrections.json#1: no Policy named '不存在'; correction skipped"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not a JSON file"),
        ('{"action": "merge"}', "expected a list"),
        ('[{"action": "drop", "label": "Technology", "name": "x"}]', "entry 1: 'action'"),
        ('[{"action": "reject", "label": "Thing", "name": "x"}]', "entry 1: 'label'"),
        ('[{"action": "merge", "label": "Technology", "name": "x"}]', "entry 1: 'other'"),
        ('[{"action": "relabel", "label": "Technology", "name": "x", "other": "Doc"}]', "'other'"),
    ],
)
def test_file_errors_name_the_file_and_entry(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "corrections.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        load_corrections(path)
    assert str(path) in str(err.value)


def test_loading_a_file(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    entries = [{"action": "reject", "label": "Technology", "name": "ADHD"}]
    path.write_text(json.dumps(entries), encoding="utf-8")
    assert load_corrections(path) == (
        Correction("reject", Label.TECHNOLOGY, "ADHD", None, "corrections.json#1"),
    )


def test_every_build_applies_the_stores_corrections(tmp_path: Path, pipeline: Pipeline) -> None:
    """A changed corrections file is applied by the next build, even with no document changed."""
    sample = Path(__file__).resolve().parents[1] / "examples" / "sample-whitepaper.txt"
    ws = Workspace(tmp_path / "store")
    ws.build([sample], pipeline=pipeline)
    found = "MATCH (t:Technology) WHERE 'sic' IN t.keys RETURN t.name AS name, t.corrected_by AS c"
    assert ws.cypher(found).records() == [{"name": "碳化矽", "c": None}]
    entries = [{"action": "split", "label": "Technology", "name": "碳化矽", "other": "SiC"}]
    (ws.path / "corrections.json").write_text(json.dumps(entries), encoding="utf-8")
    report = ws.build([sample], pipeline=pipeline)
    assert {d.status for d in report.documents} == {"unchanged"}
    assert ws.cypher(found).records() == [{"name": "SiC", "c": ["corrections.json#1"]}]
    (row,) = ws.cypher(
        "MATCH (t:Technology {name: '碳化矽'}) RETURN t.corrected_by AS c, t.keys AS k"
    ).records()
    assert row["c"] == ["corrections.json#1"] and "sic" not in row["k"]
    again = ws.build([sample], pipeline=pipeline)
    assert again.before == again.after
