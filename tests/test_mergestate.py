"""The merge state on hand-built extractions: every change gives exactly a whole merge's graph."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from graphkit.build import build
from graphkit.delta import Delta, EdgeKey, NodeKey, fingerprints, stored
from graphkit.errors import StoreError
from graphkit.mergestate import MergeState
from graphkit.records import (
    DocumentInfo,
    Evidence,
    Extraction,
    Label,
    Node,
    NodeRef,
    Relation,
    RelType,
)

PROG = NodeRef(Label.PROGRAMME, "p1")
ITRI = NodeRef(Label.AGENCY, "a1")
SIC = NodeRef(Label.TECHNOLOGY, "t-sic")


def doc(name: str, year: int | None, nodes: list[Node], relations: list[Relation]) -> Extraction:
    info = DocumentInfo(name, f"sha-{name}", "test", edition=str(year) if year else None, year=year)
    return Extraction(info, name, tuple(nodes), tuple(relations))


def rel(kind: RelType, src: NodeRef, dst: NodeRef, name: str, **props: Any) -> Relation:
    return Relation(kind, src, dst, Evidence(name, len(name), f"{name} 說 {dst.id}", "r"), props)


def documents() -> list[Extraction]:
    """Documents sharing items, with order-dependent properties, repeats and a loose end."""
    out = []
    for k, year in enumerate([2023, 2021, None, 2023, 2025, 2022]):
        name = f"d{k}"
        nodes = [
            Node(
                Label.PROGRAMME,
                "p1",
                "晶片計畫",
                (f"別名{k % 3}",),
                {"years": f"20{20 + k}", "evidence": f"first {name}"},
            ),
            Node(Label.DOCUMENT, f"doc:{name}", name, (), {"sha256": f"sha-{name}"}),
        ]
        relations = [rel(RelType.DEVELOPS, PROG, SIC, name, count=k, evidence_page=k)]
        if k % 2 == 0:
            nodes.append(Node(Label.AGENCY, "a1", "工業技術研究院", ("工研院",), {"abbr": "ITRI"}))
            relations.append(rel(RelType.EXECUTED_BY, PROG, ITRI, name, note=name))
            relations.append(rel(RelType.EXECUTED_BY, PROG, ITRI, name + "again", count=9))
        if k % 3 == 1:  # the technology node itself comes from these documents only
            nodes.append(Node(Label.TECHNOLOGY, "t-sic", "碳化矽", ("SiC",), {"domain": name}))
        out.append(doc(name, year, nodes, relations))
    # editions that repeat each other word for word (e1, e3 and e4), one between that does not
    for name, year, years in [("e1", 2026, "X"), ("e2", 2027, "Y"), ("e3", 2028, "X"),
                              ("e4", 2029, "X")]:  # fmt: skip
        nodes = [
            Node(Label.PROGRAMME, "p1", "晶片計畫", ("同一別名",), {"years": years}),
            Node(Label.TECHNOLOGY, "t-sic", "碳化矽", ("SiC",), {}),
        ]
        relations = [rel(RelType.DEVELOPS, PROG, SIC, name, count=len(years), evidence_page=2)]
        out.append(doc(name, year, nodes, relations))
    return out


def apply(nodes: dict[NodeKey, Any], edges: dict[EdgeKey, Any], delta: Delta) -> None:
    """What a store does with ``delta`` (a deleted node takes its relationships with it)."""
    for key in delta.delete_edges:
        del edges[key]
    for node_key in delta.delete_nodes:
        del nodes[node_key]
        for edge_key in [k for k in edges if node_key in ((k[1], k[2]), (k[3], k[4]))]:
            del edges[edge_key]
    nodes.update((k, dict(v)) for k, v in delta.put_nodes)
    edges.update((k, dict(v)) for k, v in delta.put_edges)


def start(path: Path, loaded: list[Extraction]) -> MergeState:
    state = MergeState(path)
    state.begin()
    state.replace(loaded, fingerprints(stored(build(loaded))))
    state.commit("t0")
    return state


def test_every_change_gives_the_whole_merge_exactly(tmp_path: Path) -> None:
    every = {ex.document_id: ex for ex in documents()}
    loaded = [every["d0"], every["d3"]]
    graph = stored(build(loaded))
    nodes, edges = dict(graph.nodes), dict(graph.edges)
    pick = random.Random(7)
    with start(tmp_path, loaded) as state:
        for step in range(60):
            names = {ex.document_id for ex in loaded}
            name = pick.choice(sorted(every))
            drop = [name] if name in names and pick.random() < 0.6 else []
            add = [] if drop else [every[name]]
            state.begin()
            change = state.change(add, drop)
            state.commit(f"t{step + 1}")
            loaded = [ex for ex in loaded if ex.document_id not in {name}] + add
            apply(nodes, edges, change.delta)
            want = stored(build(loaded))
            assert (nodes, edges) == (dict(want.nodes), dict(want.edges)), (step, add, drop)
            assert state.fingerprints() == fingerprints(want)
            assert state.documents() == {ex.document_id: ex.info.sha256 for ex in loaded}
            assert state.token() == f"t{step + 1}"


def test_a_relationship_is_stored_once_its_end_node_is(tmp_path: Path) -> None:
    by = {ex.document_id: ex for ex in documents()}
    sic = doc("def", 2024, [Node(Label.TECHNOLOGY, "t-sic", "碳化矽", ("SiC",), {})], [])
    key = ("DEVELOPS", "Programme", "p1", "Technology", "t-sic")
    with start(tmp_path, [by["d0"]]) as state:  # d0 names SiC but does not define it
        assert key not in state.fingerprints().edges
        state.begin()
        change = state.change([sic], [])  # defines the SiC node, says nothing of the edge
        state.commit("t1")
        assert [k for k, _ in change.delta.put_nodes] == [("Technology", "t-sic")]
        assert [k for k, _ in change.delta.put_edges] == [key]
        state.begin()
        change = state.change([], ["def"])
        state.commit("t2")
        assert change.delta.delete_nodes == (("Technology", "t-sic"),)
        assert change.delta.delete_edges == (key,)
        assert key not in state.fingerprints().edges


def test_a_change_touches_only_its_own_items(tmp_path: Path) -> None:
    loaded = documents()[:3]
    lone = doc("lone", 2030, [Node(Label.POLICY, "pol", "政策", (), {})], [])
    with start(tmp_path, loaded) as state:
        state.begin()
        change = state.change([lone], [])
        state.commit("t1")
    assert change.delta == Delta(
        put_nodes=(
            (
                ("Policy", "pol"),
                {"id": "pol", "name": "政策", "aliases": [], "keys": ["政策"],
                 "sources": ["lone"], "editions": ["2030"]},
            ),
        )
    )  # fmt: skip
    assert [n.id for n in change.graph.nodes] == ["pol"]


def test_a_rolled_back_change_leaves_the_state_as_it_was(tmp_path: Path) -> None:
    loaded = documents()[:2]
    with start(tmp_path, loaded) as state:
        before = (state.documents(), state.fingerprints())
        state.begin()
        state.change([documents()[4]], ["d0"])
        state.rollback()
        assert (state.documents(), state.fingerprints(), state.token()) == (*before, "t0")
        state.begin()
        state.commit(None)
        assert state.token() is None


def test_a_state_file_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.sqlite"
    elsewhere.write_bytes(b"")
    (tmp_path / "ledger").mkdir()
    (tmp_path / "ledger" / "merge.sqlite").symlink_to(elsewhere)
    with MergeState(tmp_path / "ledger") as state, pytest.raises(StoreError, match="symlink"):
        state.token()
    assert elsewhere.read_bytes() == b""


def test_repeated_editions_fold_as_a_whole_merge_does(tmp_path: Path) -> None:
    """e1 and e3 say the same, e2 between them not: e3's value is the latest, e4 repeats it."""
    by = {ex.document_id: ex for ex in documents()}
    with start(tmp_path, [by["e1"], by["e2"]]) as state:
        for name in ("e3", "e4"):
            state.begin()
            state.change([by[name]], [])
            state.commit(name)
        loaded = [by[n] for n in ("e1", "e2", "e3", "e4")]
        assert state.fingerprints() == fingerprints(stored(build(loaded)))
        state.begin()
        change = state.change([], ["e4"])
        state.commit("gone")
    ((key, props), (sic, _)) = change.delta.put_nodes
    assert (key, sic, props["years"]) == (("Programme", "p1"), ("Technology", "t-sic"), "X")
    assert props["sources"] == ["e1", "e2", "e3"]
    ((_, edge),) = change.delta.put_edges
    assert (edge["evidence_source"], edge["count"], edge["sources"]) == (
        "e1",
        1,
        ["e1", "e2", "e3"],
    )
