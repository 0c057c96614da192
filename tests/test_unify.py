"""unify on hand-built extractions: which nodes sharing a key are one, named by which rule."""

from __future__ import annotations

from itertools import permutations
from typing import Any

from graphkit.build import build
from graphkit.records import (
    FOREIGN_BODY,
    DocumentInfo,
    Evidence,
    Extraction,
    Graph,
    Label,
    Node,
    NodeRef,
    Relation,
    RelType,
)
from graphkit.unify import node_keys, unify

T, ORG = Label.TECHNOLOGY, Label.ORGANIZATION


def tech(node_id: str, name: str, *aliases: str, **props: Any) -> Node:
    return Node(T, node_id, name, aliases, props)


def doc(name: str, *nodes: Node) -> Extraction:
    """A document naming ``nodes``, each MENTIONED_IN it."""
    me = Node(Label.DOCUMENT, f"document:{name}", name)
    relations = tuple(
        Relation(RelType.MENTIONED_IN, n.ref, me.ref, Evidence(name, 0, n.name, "r")) for n in nodes
    )
    return Extraction(DocumentInfo(name, f"sha-{name}", "test"), name, (*nodes, me), relations)


def named(graph: Graph, label: Label = T) -> dict[str, tuple[str, list[str]]]:
    """id → (name, aliases) of the nodes of ``label``."""
    return {
        n.id: (str(n.props["name"]), list(n.props["aliases"]))  # type: ignore[arg-type]
        for n in graph.nodes
        if n.label is label
    }


def same_in_every_order(docs: list[Extraction]) -> Graph:
    graphs = [build(list(order)) for order in permutations(docs)]
    assert all(g == graphs[0] for g in graphs[1:])
    return graphs[0]


PU_A = doc("a", tech("technology:聚氨酯", "聚氨酯", "PU", abbr="PU"))
PU_B = doc("b", tech("technology:聚氨酯樹脂", "聚氨酯樹脂", "PU", abbr="PU"))
PU_BARE = doc("c", tech("technology:pu", "PU"))


def test_two_documents_defining_one_abbreviation_give_one_node() -> None:
    graph = same_in_every_order([PU_A, PU_B])
    # one document prints each: the longer (fuller) name wins, the other is an alias
    assert named(graph) == {"technology:聚氨酯樹脂": ("聚氨酯樹脂", ["聚氨酯", "PU"])}
    (node,) = [n for n in graph.nodes if n.label is T]
    assert node.props["keys"] == ["聚氨酯樹脂", "聚氨酯", "pu"]
    assert node.props["sources"] == ["a", "b"]
    # both documents' relationships end at the one node
    ends = {(e.source.id, e.target.id) for e in graph.edges}
    assert ends == {
        ("technology:聚氨酯樹脂", "document:a"),
        ("technology:聚氨酯樹脂", "document:b"),
    }


def test_a_bare_abbreviation_is_the_node_that_defines_it() -> None:
    graph = same_in_every_order([PU_A, PU_BARE])
    assert named(graph) == {"technology:聚氨酯": ("聚氨酯", ["PU"])}
    # a name not only of Latin letters wins, even shorter
    body = Node(ORG, "organization:科發局", "科發局", ("NSTDA",), {"abbr": "NSTDA"})
    bare = Node(ORG, "organization:nstda", "NSTDA")
    graph = same_in_every_order([doc("a", body), doc("b", bare)])
    assert named(graph, ORG) == {"organization:科發局": ("科發局", ["NSTDA"])}


def test_the_name_most_documents_print_wins_and_edges_move() -> None:
    again = doc("d", tech("technology:聚氨酯", "聚氨酯", "PU", abbr="PU"))
    graph = same_in_every_order([PU_A, PU_B, again])
    assert named(graph) == {"technology:聚氨酯": ("聚氨酯", ["PU", "聚氨酯樹脂"])}
    assert {e.source.id for e in graph.edges} == {"technology:聚氨酯"}
    assert len(graph.edges) == 3


def test_a_lexicon_name_wins_over_any_count() -> None:
    # 碳化矽 is the lexicons' name; a document calling it 碳化矽晶體 (SiC) twice does not win
    one = doc("a", tech("technology:碳化矽", "碳化矽", "SiC", abbr="SiC"))
    two = [doc(d, tech("technology:碳化矽晶體", "碳化矽晶體", "SiC", abbr="SiC")) for d in "bc"]
    graph = same_in_every_order([one, *two])
    assert named(graph) == {"technology:碳化矽": ("碳化矽", ["SiC", "碳化矽晶體"])}


def test_nodes_one_document_keeps_apart_stay_apart_and_lose_the_key() -> None:
    both = doc(
        "a",
        tech("technology:甲材料", "甲材料", "XM", abbr="XM"),
        tech("technology:乙材料", "乙材料", "XM", abbr="XM"),
    )
    other = doc("b", tech("technology:xm", "XM"))
    graph = same_in_every_order([both, other])
    assert set(named(graph)) == {"technology:甲材料", "technology:乙材料", "technology:xm"}
    keys = {n.id: n.props["keys"] for n in graph.nodes if n.label is T}
    assert keys == {"technology:甲材料": ["甲材料"], "technology:乙材料": ["乙材料"],
                    "technology:xm": []}  # fmt: skip


def test_an_abbreviation_spelled_out_as_two_things_is_ambiguous() -> None:
    plc = doc("a", tech("technology:可程式邏輯控制器", "可程式邏輯控制器", "PLC", abbr="PLC",
                        name_en="Programmable Logic Controller"))  # fmt: skip
    wave = doc("b", tech("technology:平面光波導控制元件", "平面光波導控制元件", "PLC", abbr="PLC",
                         name_en="Planar Lightwave Circuit"))  # fmt: skip
    graph = same_in_every_order([plc, wave])
    assert set(named(graph)) == {"technology:可程式邏輯控制器", "technology:平面光波導控制元件"}
    assert all("plc" not in n.props["keys"] for n in graph.nodes if n.label is T)  # type: ignore[operator]


def test_an_abbreviation_spelled_out_with_no_character_in_common_is_ambiguous() -> None:
    ar = doc("a", tech("technology:擴增實境", "擴增實境", "AR", abbr="AR"))
    coat = doc("b", tech("technology:抗反射", "抗反射", "AR", abbr="AR"))
    bare = doc("c", tech("technology:ar", "AR"))
    graph = same_in_every_order([ar, coat, bare])
    assert set(named(graph)) == {"technology:擴增實境", "technology:抗反射", "technology:ar"}
    assert all("ar" not in n.props["keys"] for n in graph.nodes if n.label is T)  # type: ignore[operator]
    # one definition and a bare use: one node
    assert named(same_in_every_order([ar, bare])) == {"technology:擴增實境": ("擴增實境", ["AR"])}


def test_a_foreign_body_is_not_merged_with_one_that_is_not() -> None:
    thai = Node(ORG, "organization:泰國科技局", "泰國科技局", ("NSTDA",),
                {"abbr": "NSTDA", "kind": FOREIGN_BODY})  # fmt: skip
    home = Node(ORG, "organization:國家科技局", "國家科技局", ("NSTDA",), {"abbr": "NSTDA"})
    graph = same_in_every_order([doc("a", thai), doc("b", home)])
    assert set(named(graph, ORG)) == {"organization:泰國科技局", "organization:國家科技局"}
    abroad = Node(ORG, "organization:國家科學技術發展機構", "國家科學技術發展機構", ("NSTDA",),
                  {"abbr": "NSTDA", "kind": FOREIGN_BODY})  # fmt: skip
    graph = same_in_every_order([doc("a", thai), doc("c", abroad)])
    assert named(graph, ORG) == {
        "organization:國家科學技術發展機構": ("國家科學技術發展機構", ["泰國科技局", "NSTDA"])
    }


def test_a_chain_through_a_document_that_keeps_two_apart_merges_nothing() -> None:
    # a: 甲 and 乙 apart; b: 丙 shares a key with 甲, c: with 乙 and 丙
    a = doc("a", tech("technology:甲", "甲材料", "K1"), tech("technology:乙", "乙材料", "K2"))
    b = doc("b", tech("technology:丙", "丙材料", "K1", "K3"))
    c = doc("c", tech("technology:丁", "丁材料", "K2", "K3"))
    graph = same_in_every_order([a, b, c])
    assert len(named(graph)) == 4


def test_other_labels_and_documents_are_never_merged() -> None:
    a = doc("a", tech("technology:甲", "甲", "AB"))
    b = doc("b", Node(ORG, "organization:乙", "乙", ("AB",)))
    assert unify([a, b]).renamed == {}
    same_title = [
        Extraction(
            x.info,
            x.document_id,
            (Node(Label.ARTICLE, f"article:{x.document_id}", "同一標題"),),
            (),
        )
        for x in (a, b)
    ]
    assert unify(same_title).renamed == {}


def test_renamed_lists_every_node_given_another_id_or_name() -> None:
    done = unify([PU_A, PU_B])
    assert done.renamed == {(T, "technology:聚氨酯"): ("technology:聚氨酯樹脂", "聚氨酯樹脂")}
    (renamed,) = [n for n in done.extractions[0].nodes if n.label is T]
    assert (renamed.id, renamed.name, renamed.aliases) == ("technology:聚氨酯樹脂", "聚氨酯樹脂",
                                                          ("聚氨酯", "PU"))  # fmt: skip
    assert done.extractions[1] is PU_B  # nothing of it renamed


def test_node_keys_are_every_name_once() -> None:
    keys = node_keys("碳化矽", ["SiC", "sic"], {"name_en": "Silicon Carbide", "abbr": "SiC"})
    assert keys == ["碳化矽", "sic", "siliconcarbide"]


def test_no_shared_key_changes_nothing() -> None:
    a, b = doc("a", tech("technology:甲", "甲")), doc("b", tech("technology:乙", "乙"))
    done = unify([a, b])
    assert done.extractions == [a, b] and done.renamed == {} and done.ambiguous == {}
    ref = NodeRef(T, "technology:甲")
    assert ref in {r.source for r in done.extractions[0].relations}


def test_unify_alone_does_not_depend_on_the_order_given() -> None:
    docs = [PU_A, PU_B, PU_BARE]
    found = [unify(list(order)) for order in permutations(docs)]
    assert all((u.renamed, u.ambiguous) == (found[0].renamed, found[0].ambiguous) for u in found)
    assert found[0].renamed == {
        (T, "technology:聚氨酯"): ("technology:聚氨酯樹脂", "聚氨酯樹脂"),
        (T, "technology:pu"): ("technology:聚氨酯樹脂", "聚氨酯樹脂"),
    }
