"""build() on small hand-built extractions: the exact merged properties, in either order."""

from __future__ import annotations

from graphkit.build import build
from graphkit.records import (
    DocumentInfo,
    Evidence,
    Extraction,
    Graph,
    GraphEdge,
    GraphNode,
    Label,
    Node,
    NodeRef,
    Relation,
    RelType,
)

PROG = NodeRef(Label.PROGRAMME, "p1")
ITRI = NodeRef(Label.AGENCY, "a1")


def extraction(
    doc: str, edition: str | None, year: int | None, nodes: tuple[Node, ...], count: int
) -> Extraction:
    evidence = Evidence(doc, 10 + count, f"{doc} 執行單位:工研院", f"rule-{doc}")
    relation = Relation(
        RelType.EXECUTED_BY,
        PROG,
        ITRI,
        evidence,
        {"count": count, "evidence_page": count, "note": doc},
    )
    return Extraction(
        DocumentInfo(doc, "0", "test", edition=edition, year=year), doc, nodes, (relation,)
    )


def older() -> Extraction:
    nodes = (
        Node(
            Label.PROGRAMME, "p1", "晶片計畫", ("Chip Plan",), {"years": "2020", "evidence": "old"}
        ),
        Node(Label.AGENCY, "a1", "工業技術研究院", ("工研院",), {"abbr": "ITRI"}),
    )
    return extraction("d-old", "2023", 2023, nodes, 5)


def newer() -> Extraction:
    nodes = (
        Node(
            Label.PROGRAMME,
            "p1",
            "晶片計畫",
            ("晶片方案",),
            {"years": "2020-2024", "evidence": "new"},
        ),
    )
    return extraction("d-new", "2024", 2024, nodes, 3)


def test_two_editions_merge_to_exact_properties_in_either_order() -> None:
    expected = Graph(
        (
            GraphNode(
                Label.PROGRAMME,
                "p1",
                {
                    "years": "2020-2024",  # the latest edition's value
                    "evidence": "old",  # evidence from the first (earliest) source
                    "name": "晶片計畫",
                    "aliases": ["Chip Plan", "晶片方案"],
                    "sources": ["d-old", "d-new"],
                    "editions": ["2023", "2024"],
                    "keys": ["晶片計畫", "chipplan", "晶片方案"],
                },
            ),
            GraphNode(
                Label.AGENCY,
                "a1",
                {
                    "abbr": "ITRI",
                    "name": "工業技術研究院",
                    "aliases": ["工研院"],
                    "sources": ["d-old"],
                    "editions": ["2023"],
                    "keys": ["工業技術研究院", "工研院", "itri"],
                },
            ),
        ),
        (
            GraphEdge(
                RelType.EXECUTED_BY,
                PROG,
                ITRI,
                {
                    "count": 5,  # the larger of two counts
                    "evidence_page": 5,  # goes with the first evidence
                    "note": "d-old",  # non-counts: the first
                    "sources": ["d-old", "d-new"],
                    "editions": ["2023", "2024"],
                    "evidence": "d-old 執行單位:工研院",
                    "evidence_rule": "rule-d-old",
                    "evidence_offset": 15,
                    "evidence_source": "d-old",
                },
            ),
        ),
    )
    assert build([older(), newer()]) == expected
    assert build([newer(), older()]) == expected


def test_a_larger_later_count_wins_and_unknown_editions_sort_first() -> None:
    first = extraction("d-a", None, None, (), 2)
    second = extraction("d-b", "2024", 2024, (), 7)
    for order in ([first, second], [second, first]):
        (edge,) = build(order).edges
        assert edge.props["count"] == 7
        assert edge.props["evidence_page"] == 2
        assert edge.props["sources"] == ["d-a", "d-b"]
        assert edge.props["editions"] == ["2024"]
        assert edge.props["evidence_offset"] == 12


def test_same_year_orders_by_edition_then_document_id() -> None:
    a = extraction("d-2", "2024a", 2024, (), 1)
    b = extraction("d-1", "2024b", 2024, (), 1)
    c = extraction("d-0", "2024b", 2024, (), 1)
    for order in ([a, b, c], [c, b, a], [b, a, c]):
        (edge,) = build(order).edges
        assert edge.props["sources"] == ["d-2", "d-0", "d-1"]
        assert edge.props["editions"] == ["2024a", "2024b"]


def test_keys_take_english_name_abbreviation_and_short_name_once() -> None:
    node = Node(
        Label.AGENCY,
        "a9",
        "Foo  Bar",
        ("foobar", "", "Baz"),
        {"name_en": "Qux", "abbr": "", "short_name": "Short", "other": "Ignored"},
    )
    (merged,) = build([Extraction(DocumentInfo("d", "0", "test"), "d", (node,), ())]).nodes
    assert merged.props["keys"] == ["foobar", "baz", "qux", "short"]
    assert merged.props["editions"] == []


def test_properties_only_a_later_source_states_are_added() -> None:
    def doc(
        name: str, edition: str | None, node_props: dict[str, str], **props: object
    ) -> Extraction:
        node = Node(Label.PROGRAMME, "p1", "晶片計畫", (), node_props)
        relation = Relation(RelType.EXECUTED_BY, PROG, ITRI, Evidence(name, 0, "t", "r"), props)  # type: ignore[arg-type]
        return Extraction(
            DocumentInfo(name, "0", "test", edition=edition, year=2024), name, (node,), (relation,)
        )

    first = doc("d-1", None, {}, evidence_page=1)
    later = doc("d-2", "2024", {"evidence": "later"}, evidence_page=2, count=4, url="u")
    for order in ([first, later], [later, first]):
        graph = build(order)
        assert graph.nodes[0].props["evidence"] == "later"
        assert graph.nodes[0].props["sources"] == ["d-1", "d-2"]  # no edition sorts first
        (edge,) = graph.edges
        assert {k: edge.props[k] for k in ("evidence_page", "count", "url")} == {
            "evidence_page": 1,
            "count": 4,
            "url": "u",
        }


def test_another_documents_spelling_of_a_node_is_its_alias() -> None:
    """Two documents print one programme otherwise (創新——生成式, 創新—生成式: one id, as
    name_key folds a dash run): the first document's name is the name, the other an alias."""

    def doc(name: str, printed: str) -> Extraction:
        node = Node(Label.PROGRAMME, "p1", printed, ("GenAI計畫",), {})
        return Extraction(DocumentInfo(name, "0", "test"), name, (node,), ())

    one, other = doc("d-1", "創新——生成式AI計畫"), doc("d-2", "創新—生成式AI計畫")
    (merged,) = build([one, other]).nodes
    assert (merged.props["name"], merged.props["aliases"]) == (
        "創新——生成式AI計畫",
        ["GenAI計畫", "創新—生成式AI計畫"],
    )
    (same,) = build([one, doc("d-2", "創新——生成式AI計畫")]).nodes
    assert same.props["aliases"] == ["GenAI計畫"]
