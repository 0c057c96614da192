"""unify on hand-built extractions: which nodes sharing a key are one, named by which rule."""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations
from typing import Any

from graphkit.build import build
from graphkit.normalise import name_key
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
    abroad = Node(ORG, "organization:泰國國家科技局", "泰國國家科技局", ("NSTDA",),
                  {"abbr": "NSTDA", "kind": FOREIGN_BODY})  # fmt: skip
    graph = same_in_every_order([doc("a", thai), doc("c", abroad)])
    # both abroad, but only the abbreviation in common and neither name inside the other: two
    assert set(named(graph, ORG)) == {"organization:泰國科技局", "organization:泰國國家科技局"}
    english = {"name_en": "National Science and Technology Development Agency"}
    thai_en = replace(thai, props={**thai.props, **english})
    abroad_en = replace(abroad, props={**abroad.props, **english})
    graph = same_in_every_order([doc("a", thai_en), doc("c", abroad_en)])
    assert named(graph, ORG) == {
        "organization:泰國國家科技局": ("泰國國家科技局", ["泰國科技局", "NSTDA"])
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


# ---------------------------------------------------------------- the review of ids17 (ids18)

AG = Label.AGENCY


def body(label: Label, name: str, short: str, **props: Any) -> Node:
    """A body as the resolver makes it from 「name(以下簡稱short)」."""
    return Node(label, f"{label.lower()}:{name}", name, (short,), {"short_name": short, **props})


def keys_of(graph: Graph, label: Label = T) -> dict[str, list[str]]:
    return {n.id: list(n.props["keys"]) for n in graph.nodes if n.label is label}  # type: ignore[call-overload]


def test_a_documents_own_short_name_links_nothing() -> None:
    # W1: three companies each calling itself 本公司, one COLLABORATES_WITH 工研院
    itri = Node(AG, "agency:工業技術研究院", "工業技術研究院")
    firms = [body(ORG, n, "本公司") for n in ("甲科技股份有限公司", "乙材料股份有限公司",
                                              "丙電子股份有限公司")]  # fmt: skip
    with_itri = doc("h1", firms[0], itri)
    work = Relation(
        RelType.COLLABORATES_WITH, firms[0].ref, itri.ref, Evidence("h1", 0, "合作", "r")
    )
    with_itri = replace(with_itri, relations=(*with_itri.relations, work))
    graph = same_in_every_order([with_itri, doc("h2", firms[1]), doc("h3", firms[2])])
    assert keys_of(graph, ORG) == {f.id: [f.name] for f in firms}  # 本公司 finds none
    assert named(graph, ORG) == {f.id: (f.name, ["本公司"]) for f in firms}
    (edge,) = [e for e in graph.edges if e.type is RelType.COLLABORATES_WITH]
    assert (edge.source.id, edge.props["sources"]) == ("organization:甲科技股份有限公司", ["h1"])


def test_short_names_two_documents_share_merge_nothing() -> None:
    cases = [
        (AG, "財團法人甲研究院", "財團法人丁研究院", "本院"),  # W2
        (ORG, "國立中央大學", "國立中山大學", "中大"),  # W3
        (ORG, "長榮海運股份有限公司", "長榮航空股份有限公司", "長榮"),  # W4
    ]
    for label, one, two, short in cases:
        a, b = body(label, one, short), body(label, two, short)
        graph = same_in_every_order([doc("a", a), doc("b", b)])
        assert keys_of(graph, label) == {a.id: [name_key(one)], b.id: [name_key(two)]}, one


TC1 = doc("tc1", tech("technology:熱電偶", "熱電偶", "TC", abbr="TC"))
TC2 = doc("tc2", tech("technology:熱傳導", "熱傳導", "TC", abbr="TC"))


def test_an_abbreviation_of_two_names_neither_inside_the_other_links_nothing() -> None:
    # W5: they share the character 熱 only
    graph = same_in_every_order([TC1, TC2])
    assert keys_of(graph) == {"technology:熱電偶": ["熱電偶"], "technology:熱傳導": ["熱傳導"]}
    # a bare TC is one with both, which are two: it links nothing either
    bare = doc("tc3", tech("technology:tc", "TC"))
    graph = same_in_every_order([TC1, TC2, bare])
    assert keys_of(graph) == {"technology:熱電偶": ["熱電偶"], "technology:熱傳導": ["熱傳導"],
                              "technology:tc": []}  # fmt: skip


def test_a_chinese_name_inside_another_reads_names_not_aliases() -> None:
    # an alias 熱 (inside 熱傳導) is no name: still two
    one = doc("tc1", tech("technology:熱電偶", "熱電偶", "TC", "熱", abbr="TC"))
    assert set(named(same_in_every_order([one, TC2]))) == {"technology:熱電偶", "technology:熱傳導"}


PU_UNIT = doc("pu3", tech("technology:處理單元", "處理單元", "PU", abbr="PU"))


def test_a_third_thing_sharing_the_abbreviation_does_not_split_a_merge() -> None:
    # M1: 聚氨酯 and 聚氨酯樹脂 stay one; 處理單元 is another; pu finds two nodes, so neither
    graph = same_in_every_order([PU_A, PU_B, PU_UNIT])
    assert named(graph) == {"technology:聚氨酯樹脂": ("聚氨酯樹脂", ["聚氨酯", "PU"]),
                            "technology:處理單元": ("處理單元", ["PU"])}  # fmt: skip
    assert keys_of(graph) == {"technology:聚氨酯樹脂": ["聚氨酯樹脂", "聚氨酯"],
                              "technology:處理單元": ["處理單元"]}  # fmt: skip
    # a bare PU, one with both sides, links nothing; the merge stands
    graph = same_in_every_order([PU_A, PU_B, PU_UNIT, PU_BARE])
    assert set(named(graph)) == {"technology:聚氨酯樹脂", "technology:處理單元", "technology:pu"}
    assert keys_of(graph)["technology:pu"] == []


def test_nodes_merged_keep_no_key_another_node_has() -> None:
    # each merged node has a key of a node that stays apart: the merged node loses both
    x = doc("x", tech("technology:聚氨酯", "聚氨酯", "PU", "AAA", abbr="PU"))
    y = doc("y", tech("technology:聚氨酯樹脂", "聚氨酯樹脂", "PU", "BBB", abbr="PU"))
    w = doc("w", tech("technology:處理器", "處理器", "AAA", abbr="AAA"))
    v = doc("v", tech("technology:電池", "電池", "BBB", abbr="BBB"))
    assert unify([x, y, w, v]).ambiguous == {
        (T, "technology:聚氨酯樹脂"): frozenset({"aaa", "bbb"}),
        (T, "technology:處理器"): frozenset({"aaa"}),
        (T, "technology:電池"): frozenset({"bbb"}),
    }
    assert keys_of(same_in_every_order([x, y, w, v])) == {
        "technology:聚氨酯樹脂": ["聚氨酯樹脂", "聚氨酯", "pu"],
        "technology:處理器": ["處理器"],
        "technology:電池": ["電池"],
    }


def test_a_chain_between_two_nodes_one_document_keeps_apart_merges_nothing() -> None:
    # 聚氨酯 and 碳化矽 (one document) – PU – (English Foo) – SiC: no node is one with two
    # that are two, but the chain joins two things
    a = doc("a", tech("technology:聚氨酯", "聚氨酯", abbr="PU"),
            tech("technology:碳化矽", "碳化矽", abbr="SiC"))  # fmt: skip
    b = doc("b", tech("technology:pu", "PU", name_en="Foo"))
    c = doc("c", tech("technology:sic", "SiC", name_en="Foo"))
    assert len(named(same_in_every_order([a, b, c]))) == 4


def test_an_english_gloss_keeps_two_apart_whichever_node_gives_it() -> None:
    for first, second in (("控制器", "控制器元件"), ("控制器元件", "控制器")):
        glossed = tech(f"technology:{first}", first, "PLC", abbr="PLC",
                       name_en="Programmable Logic Controller")  # fmt: skip
        plain = tech(f"technology:{second}", second, "PLC", "Planar Lightwave Circuit", abbr="PLC")
        graph = same_in_every_order([doc("a", glossed), doc("b", plain)])
        assert len(named(graph)) == 2, first


def test_only_a_lexicons_own_name_wins_as_such() -> None:
    # SiC finds the lexicon's 碳化矽 but is not its name: the name more documents print wins
    crystal = [doc(d, tech("technology:碳化矽晶體", "碳化矽晶體", "SiC", abbr="SiC")) for d in "ab"]
    bare = doc("c", tech("technology:sic", "SiC"))
    assert named(same_in_every_order([*crystal, bare])) == {
        "technology:碳化矽晶體": ("碳化矽晶體", ["SiC"])
    }


def test_a_node_keeping_its_id_under_another_spelling_is_renamed() -> None:
    a, b = (doc(d, tech("technology:zqx", "ZqX")) for d in "ab")
    c = doc("c", tech("technology:zqx", "ZQX"))
    d = doc("d", tech("technology:甲乙", "甲乙", "ZQX", abbr="ZQX"))
    done = unify([a, b, c, d])
    assert done.renamed == {
        (T, "technology:zqx"): ("technology:zqx", "ZqX"),
        (T, "technology:甲乙"): ("technology:zqx", "ZqX"),
    }
    assert named(same_in_every_order([a, b, c, d])) == {"technology:zqx": ("ZqX", ["ZQX", "甲乙"])}


def test_a_short_name_links_nothing_even_between_names_one_inside_the_other() -> None:
    # the branch's name holds the company's, but only 本公司 (an alias) is shared: two
    firm = body(ORG, "聯華電子股份有限公司", "本公司")
    branch = body(ORG, "聯華電子股份有限公司新加坡分公司", "本公司")
    graph = same_in_every_order([doc("a", firm), doc("b", branch)])
    assert keys_of(graph, ORG) == {firm.id: [firm.name], branch.id: [branch.name]}


def test_a_foreign_body_stays_apart_even_when_its_name_holds_the_other() -> None:
    """泰國國家科技局 holds 國家科技局 and both are NSTDA, but one is abroad: two (the foreign
    rule alone keeps them apart; mutmut found it untested once containment came in)."""
    abroad = Node(ORG, "organization:泰國國家科技局", "泰國國家科技局", ("NSTDA",),
                  {"abbr": "NSTDA", "kind": FOREIGN_BODY})  # fmt: skip
    home = Node(ORG, "organization:國家科技局", "國家科技局", ("NSTDA",), {"abbr": "NSTDA"})
    graph = same_in_every_order([doc("a", abroad), doc("b", home)])
    assert set(named(graph, ORG)) == {"organization:泰國國家科技局", "organization:國家科技局"}


def test_one_english_name_alone_is_no_agreement() -> None:
    """Only one node glossed in English: the glosses do not agree, so two names neither inside
    the other stay two."""
    tc1 = doc("a", tech("technology:熱電偶", "熱電偶", "TC", abbr="TC", name_en="Thermocouple"))
    tc2 = doc("b", tech("technology:熱傳導", "熱傳導", "TC", abbr="TC"))
    graph = same_in_every_order([tc1, tc2])
    assert set(named(graph)) == {"technology:熱電偶", "technology:熱傳導"}


def test_an_edge_into_a_renamed_node_moves_its_end() -> None:
    """A programme's DEVELOPS edge to 聚氨酯樹脂 ends at the merged node (its target renamed)."""
    prog = Node(Label.PROGRAMME, "programme:甲計畫", "甲計畫")
    pu = tech("technology:聚氨酯樹脂", "聚氨酯樹脂", "PU", abbr="PU")
    develops = Relation(RelType.DEVELOPS, prog.ref, pu.ref, Evidence("b", 0, "聚氨酯樹脂", "r"))
    b = replace(doc("b", prog, pu), relations=(develops,))
    again = doc("d", tech("technology:聚氨酯", "聚氨酯", "PU", abbr="PU"))
    graph = same_in_every_order([PU_A, b, again])
    ends = {(e.type, e.target.id) for e in graph.edges if e.type is RelType.DEVELOPS}
    assert ends == {(RelType.DEVELOPS, "technology:聚氨酯")}
