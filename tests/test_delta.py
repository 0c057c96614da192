"""The difference between two stored graphs (graphkit.delta) and the one statement applying it,
pinned exactly on a small hand-built pair; then applied to the real embedded store, where the
result must be the graph a full write gives."""

from __future__ import annotations

from pathlib import Path

from graphkit.delta import (
    Delta,
    Fingerprints,
    Patch,
    StoredGraph,
    diff,
    fingerprint,
    fingerprints,
    patch,
    patched,
    pieces,
    stored,
)
from graphkit.records import Graph, GraphEdge, GraphNode, Label, NodeRef, RelType
from graphkit.store.base import content_digest, delta_statement
from graphkit.store.falkordb import FalkorDBStore


def node(label: Label, id_: str, **props: object) -> GraphNode:
    base = {"name": id_, "aliases": [id_], "sources": ["document:a"], "editions": ["2025"]}
    return GraphNode(label, id_, {**base, **props})  # type: ignore[dict-item]


def edge(rel: RelType, a: GraphNode, b: GraphNode, **props: object) -> GraphEdge:
    base = {"evidence": "甲執行乙", "evidence_rule": "r1", "evidence_offset": 7,
            "sources": ["document:a"], "editions": ["2025"]}  # fmt: skip
    return GraphEdge(rel, NodeRef(a.label, a.id), NodeRef(b.label, b.id), {**base, **props})  # type: ignore[dict-item]


P1 = node(Label.PROGRAMME, "programme:p1", start_year=2024, end_year=2026)
A1 = node(Label.AGENCY, "agency:a1")
A1_MORE = node(Label.AGENCY, "agency:a1", aliases=["agency:a1", "A1"])
T1 = node(Label.TECHNOLOGY, "technology:t1")
T2 = node(Label.TECHNOLOGY, "technology:t2", name_en=None)
OLD = Graph((P1, A1, T1), (edge(RelType.EXECUTED_BY, P1, A1), edge(RelType.DEVELOPS, P1, T1)))
NEW = Graph(
    (P1, A1_MORE, T2),
    (edge(RelType.EXECUTED_BY, P1, A1), edge(RelType.DEVELOPS, P1, T2, mentions=3)),
)


def test_stored_form_is_what_a_full_write_leaves() -> None:
    graph = stored(NEW)
    assert graph.nodes[("Technology", "technology:t2")] == {
        "id": "technology:t2", "name": "technology:t2", "aliases": ["technology:t2"],
        "keys": [], "sources": ["document:a"], "editions": ["2025"],
    }  # fmt: skip
    develops = ("DEVELOPS", "Programme", "programme:p1", "Technology", "technology:t2")
    assert graph.edges[develops] == {
        "evidence": "甲執行乙", "evidence_rule": "r1", "evidence_offset": 7, "mentions": 3,
        "sources": ["document:a"], "editions": ["2025"],
    }  # fmt: skip
    dangling = Graph((P1,), (edge(RelType.EXECUTED_BY, P1, A1),))
    assert stored(dangling).edges == {}


def test_delta_of_a_hand_built_pair_is_exact() -> None:
    new = stored(NEW)
    delta = diff(fingerprints(stored(OLD)), new)
    assert delta == Delta(
        delete_edges=(("DEVELOPS", "Programme", "programme:p1", "Technology", "technology:t1"),),
        delete_nodes=(("Technology", "technology:t1"),),
        put_nodes=(
            (("Agency", "agency:a1"), new.nodes[("Agency", "agency:a1")]),
            (("Technology", "technology:t2"), new.nodes[("Technology", "technology:t2")]),
        ),
        put_edges=(
            (
                ("DEVELOPS", "Programme", "programme:p1", "Technology", "technology:t2"),
                new.edges[("DEVELOPS", "Programme", "programme:p1", "Technology", "technology:t2")],
            ),
        ),
    )
    assert delta.size() == 5
    assert diff(fingerprints(new), new) == Delta()
    empty = diff(Fingerprints({}, {}), new)
    assert [k for k, _ in empty.put_nodes] == sorted(new.nodes) and empty.delete_nodes == ()


def test_fingerprint_ignores_key_order_not_list_order() -> None:
    assert fingerprint({"a": 1, "b": [1, 2]}) == fingerprint({"b": [1, 2], "a": 1})
    assert fingerprint({"a": 1, "b": [1, 2]}) != fingerprint({"a": 1, "b": [2, 1]})
    assert fingerprint({"a": 1}) != fingerprint({"a": "1"})


def test_the_delta_is_one_statement_in_order() -> None:
    new = stored(NEW)
    statement = delta_statement(diff(fingerprints(stored(OLD)), new))
    assert statement.query == (
        "UNWIND $p0 AS row\n"
        "MATCH (:Programme {id: row.src})-[r:DEVELOPS]->(:Technology {id: row.dst})\nDELETE r\n"
        "WITH count(*) AS done1\n"
        "UNWIND $p1 AS row\nMATCH (n:Technology {id: row.id})\nDETACH DELETE n\n"
        "WITH count(*) AS done2\n"
        "UNWIND $p2 AS row\nMERGE (n:Agency {id: row.id})\nSET n = row.props\n"
        "WITH count(*) AS done3\n"
        "UNWIND $p3 AS row\nMERGE (n:Technology {id: row.id})\nSET n = row.props\n"
        "WITH count(*) AS done4\n"
        "UNWIND $p4 AS row\nMATCH (a:Programme {id: row.src})\nMATCH (b:Technology {id: row.dst})"
        "\nMERGE (a)-[r:DEVELOPS]->(b)\nSET r = row.props"
    )
    assert statement.params == {
        "p0": [{"src": "programme:p1", "dst": "technology:t1"}],
        "p1": [{"id": "technology:t1"}],
        "p2": [{"id": "agency:a1", "props": new.nodes[("Agency", "agency:a1")]}],
        "p3": [{"id": "technology:t2", "props": new.nodes[("Technology", "technology:t2")]}],
        "p4": [
            {
                "src": "programme:p1",
                "dst": "technology:t2",
                "props": new.edges[
                    ("DEVELOPS", "Programme", "programme:p1", "Technology", "technology:t2")
                ],
            }
        ],
    }


def test_applying_the_delta_gives_the_full_write(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "full") as full:
        full.ensure_schema()
        full.write(NEW)
        expected = full.digest()
    assert content_digest(stored(NEW)) == expected
    with FalkorDBStore(tmp_path / "delta") as store:
        store.ensure_schema()
        store.write(OLD)
        assert store.digest() == content_digest(stored(OLD))
        assert fingerprints(store.stored()) == fingerprints(stored(OLD))
        store.write_changes(NEW, diff(fingerprints(stored(OLD)), stored(NEW)))
        assert store.digest() == expected
        store.write_changes(OLD, diff(fingerprints(stored(NEW)), stored(OLD)))
        assert store.digest() == content_digest(stored(OLD))


def test_a_write_clears_the_marker(tmp_path: Path) -> None:
    with FalkorDBStore(tmp_path / "s") as store:
        store.ensure_schema()
        assert store.marker() is None
        store.write(OLD)
        store.mark("t1")
        assert store.marker() == "t1"
        store.write_changes(NEW, diff(fingerprints(stored(OLD)), stored(NEW)))
        assert store.marker() is None
        store.mark("t2")
        store.write(OLD)
        assert store.marker() is None


# ------------------------------------------------------------------ patches


def test_a_patch_sends_what_changed_and_pieces_of_the_lists() -> None:
    old = {"id": "x", "name": "甲", "v": 1, "gone": "g", "sources": ["a", "b", "c", "d"],
           "editions": ["2024"]}  # fmt: skip
    new = {"id": "x", "name": "甲", "v": True, "sources": ["n", "a", "c", "d", "m"],
           "editions": ["2024"]}  # fmt: skip
    change = patch(old, new)
    # True is not 1 in a store; b dropped, n before a, m after d; editions left as they are
    assert change == Patch({"v": True, "gone": None}, {"sources": ((0, 0, ("n",)), (0, 1, ()),
                                                                     (2, 4, ("m",)))})  # fmt: skip
    assert change is not None and patched(old, change) == new
    assert patch(new, new) == Patch({}, {}) and Patch({}, {}).empty()
    assert pieces(["a", "b"], ["b", "a"]) == ((0, 0, ("b", "a")),)  # reordered: sent whole
    assert pieces(["a", "b"], []) == ((0, 0, ()),)
    assert patch({"sources": [1], "editions": []}, {"sources": [1], "editions": []}) is None


def patch_delta(old: StoredGraph, new: StoredGraph) -> Delta:
    """The difference of two stored graphs with a patch for every item in both that changed."""
    changed = {k: patch(old.nodes[k], v) for k, v in new.nodes.items() if k in old.nodes}
    edges = {k: patch(old.edges[k], v) for k, v in new.edges.items() if k in old.edges}
    return Delta(
        delete_edges=tuple(sorted(k for k in old.edges if k not in new.edges)),
        delete_nodes=tuple(sorted(k for k in old.nodes if k not in new.nodes)),
        put_nodes=tuple(sorted((k, v) for k, v in new.nodes.items() if k not in old.nodes)),
        put_edges=tuple(sorted((k, v) for k, v in new.edges.items() if k not in old.edges)),
        patch_nodes=tuple(sorted((k, p) for k, p in changed.items() if p and not p.empty())),
        patch_edges=tuple(sorted((k, p) for k, p in edges.items() if p and not p.empty())),
    )


#: OLD again, with other sources and editions (a document in front, one gone, one after)
MOVED = Graph(
    (
        node(Label.PROGRAMME, "programme:p1", start_year=2024, end_year=2027,
             sources=["document:0", "document:a", "document:b"], editions=["2024", "2025"]),
        node(Label.AGENCY, "agency:a1", sources=[]),
        T1,
    ),
    (
        edge(RelType.EXECUTED_BY, P1, A1, sources=["document:a", "document:c"]),
        edge(RelType.DEVELOPS, P1, T1, evidence="別的", mentions=True),
    ),
)  # fmt: skip


def test_patches_applied_give_the_full_write(tmp_path: Path) -> None:
    delta = patch_delta(stored(OLD), stored(MOVED))
    assert (len(delta.patch_nodes), len(delta.patch_edges), delta.size()) == (2, 2, 4)
    assert delta_statement(delta).query.count("reduce(acc = [], piece IN row.sources") == 4
    with FalkorDBStore(tmp_path / "s") as store:
        store.ensure_schema()
        store.write(OLD)
        store.write_changes(MOVED, delta)
        assert store.digest() == content_digest(stored(MOVED))
        store.write_changes(OLD, patch_delta(stored(MOVED), stored(OLD)))
        assert store.digest() == content_digest(stored(OLD))


def test_a_merged_node_renamed_by_a_later_document_moves_in_the_delta(tmp_path: Path) -> None:
    """Two documents define PU as 聚氨酯 and 聚氨酯樹脂: one node (graphkit.unify), named with the
    longer name; a third printing 聚氨酯 renames it. The delta drops the old node with its
    relationships and writes the new with theirs: nothing dangles, in a store or in Neo4j
    (the same delta, :meth:`GraphStore.write_changes`)."""
    from graphkit.build import build
    from graphkit.records import DocumentInfo, Evidence, Extraction, Node, Relation

    def pu(doc: str, name: str) -> Extraction:
        tech = Node(Label.TECHNOLOGY, f"technology:{name}", name, ("PU",), {"abbr": "PU"})
        me = Node(Label.DOCUMENT, f"document:{doc}", doc)
        mention = Relation(RelType.MENTIONED_IN, tech.ref, me.ref, Evidence(doc, 0, name, "r"))
        return Extraction(DocumentInfo(doc, doc, "test"), doc, (tech, me), (mention,))

    two = build([pu("a", "聚氨酯"), pu("b", "聚氨酯樹脂")])
    three = build([pu("a", "聚氨酯"), pu("b", "聚氨酯樹脂"), pu("c", "聚氨酯")])
    delta = diff(fingerprints(stored(two)), stored(three))
    old, new = ("Technology", "technology:聚氨酯樹脂"), ("Technology", "technology:聚氨酯")
    assert delta.delete_nodes == (old,)
    assert delta.delete_edges == tuple(
        ("MENTIONED_IN", *old, "Document", f"document:{d}") for d in "ab"
    )
    assert [k for k, _ in delta.put_nodes] == [("Document", "document:c"), new]
    assert [k for k, _ in delta.put_edges] == [
        ("MENTIONED_IN", *new, "Document", f"document:{d}") for d in "abc"
    ]
    with FalkorDBStore(tmp_path / "s") as store:
        store.ensure_schema()
        store.write(two)
        store.write_changes(three, delta)
        assert store.digest() == content_digest(stored(three))
