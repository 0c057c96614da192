"""The store interface's shared parts: statements, row shapes, counts and the digest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphkit.records import Graph, GraphEdge, GraphNode, Label, NodeRef, RelType
from graphkit.store import cypher
from graphkit.store.base import QueryResult, Statement, edge_rows, node_rows, write_statements
from graphkit.store.falkordb import FalkorDBStore


def node(label: Label, id_: str, **props: object) -> GraphNode:
    return GraphNode(label, id_, {"name": id_, "sources": ["d"], "editions": [], **props})  # type: ignore[dict-item]


def edge(rel: RelType, a: GraphNode, b: GraphNode, **props: object) -> GraphEdge:
    return GraphEdge(
        rel,
        NodeRef(a.label, a.id),
        NodeRef(b.label, b.id),
        {"evidence": "e", "evidence_rule": "r", "sources": ["d"], "editions": ["2025"], **props},  # type: ignore[dict-item]
    )


P1 = node(Label.PROGRAMME, "programme:p1", aliases=["P1"], keys=["p1"], start_year=2022)
P2 = node(Label.PROGRAMME, "programme:p2")
A = node(Label.AGENCY, "agency:a")
GRAPH = Graph(
    (P1, P2, A),
    (
        edge(RelType.EXECUTED_BY, P1, A, evidence_offset=7),
        edge(RelType.EXECUTED_BY, P2, A, evidence_source=None),
    ),
)


def test_node_rows_split_list_properties_from_the_rest() -> None:
    rows = node_rows([P1, A])
    assert rows == {
        Label.PROGRAMME: [
            {
                "id": "programme:p1",
                "props": {"name": "programme:p1", "start_year": 2022},
                "aliases": ["P1"],
                "keys": ["p1"],
                "sources": ["d"],
                "editions": [],
            }
        ],
        Label.AGENCY: [
            {
                "id": "agency:a",
                "props": {"name": "agency:a"},
                "aliases": [],
                "keys": [],
                "sources": ["d"],
                "editions": [],
            }
        ],
    }


def test_edge_rows_keep_first_evidence_apart_and_drop_missing_values() -> None:
    rows = edge_rows(GRAPH.edges)
    assert list(rows) == [(RelType.EXECUTED_BY, Label.PROGRAMME, Label.AGENCY)]
    first, second = rows[(RelType.EXECUTED_BY, Label.PROGRAMME, Label.AGENCY)]
    assert first == {
        "src": "programme:p1",
        "dst": "agency:a",
        "props": {},
        "first": {"evidence": "e", "evidence_rule": "r", "evidence_offset": 7},
        "sources": ["d"],
        "editions": ["2025"],
    }
    assert second["first"] == {"evidence": "e", "evidence_rule": "r"}  # None is not written


def test_write_statements_nodes_first_sorted_and_batched() -> None:
    statements = write_statements(GRAPH, batch_size=1)
    assert [s.query for s in statements] == [
        cypher.merge_nodes(Label.AGENCY),
        cypher.merge_nodes(Label.PROGRAMME),
        cypher.merge_nodes(Label.PROGRAMME),
        cypher.merge_edges(RelType.EXECUTED_BY, Label.PROGRAMME, Label.AGENCY),
        cypher.merge_edges(RelType.EXECUTED_BY, Label.PROGRAMME, Label.AGENCY),
    ]
    assert [[r.get("id", r.get("src")) for r in s.params["rows"]] for s in statements] == [
        ["agency:a"],
        ["programme:p1"],
        ["programme:p2"],
        ["programme:p1"],
        ["programme:p2"],
    ]
    whole = write_statements(GRAPH)
    assert len(whole) == 3 and all(isinstance(s, Statement) for s in whole)
    assert write_statements(Graph((), ())) == []


def test_query_result_records() -> None:
    result = QueryResult(("a", "b"), ((1, "x"), (2, "y")))
    assert result.records() == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    with pytest.raises(ValueError):
        QueryResult(("a",), ((1, 2),)).records()


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[FalkorDBStore, FalkorDBStore]]:
    one, two = FalkorDBStore(tmp_path / "one"), FalkorDBStore(tmp_path / "two")
    try:
        yield one, two
    finally:
        one.close()
        two.close()


def test_digest_and_counts_on_the_real_store(stores: tuple[FalkorDBStore, FalkorDBStore]) -> None:
    one, two = stores
    one.write(GRAPH)
    two.write(Graph(tuple(reversed(GRAPH.nodes)), tuple(reversed(GRAPH.edges))))
    assert one.digest() == two.digest()  # the order written in does not matter
    assert one.counts() == {
        "nodes": {"Programme": 2, "Agency": 1},
        "relationships": {"EXECUTED_BY": 2},
    }
    two.write(Graph(GRAPH.nodes, GRAPH.edges[:1]))
    assert one.digest() != two.digest()
    changed = node(Label.AGENCY, "agency:a", url="https://a.example")
    two.write(Graph((P1, P2, changed), GRAPH.edges))
    assert one.digest() != two.digest()  # one property differs
