"""The merge state on hand-built extractions: every change gives exactly a whole merge's graph."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graphkit.build import build
from graphkit.delta import (
    Delta,
    EdgeKey,
    NodeKey,
    Patch,
    StoredGraph,
    fingerprints,
    patched,
    stored,
    stored_edge,
    stored_node,
)
from graphkit.errors import StoreError
from graphkit.mergestate import MergeState
from graphkit.normalise import name_key
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
from graphkit.refold import Change

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
    nodes.update((k, patched(nodes[k], change)) for k, change in delta.patch_nodes)
    edges.update((k, patched(edges[k], change)) for k, change in delta.patch_edges)


def changed(change: Change) -> tuple[dict[NodeKey, Any], dict[EdgeKey, Any]]:
    """The merged items a change hands the store, as a full write of each leaves them."""
    nodes = {(n.label.value, n.id): stored_node(n) for n in change.graph.nodes}
    edges = {
        (e.type.value, e.source.label.value, e.source.id, e.target.label.value, e.target.id): (
            stored_edge(e)
        )
        for e in change.graph.edges
    }
    return nodes, edges


def changed_in(delta: Delta, want: StoredGraph) -> tuple[dict[NodeKey, Any], dict[EdgeKey, Any]]:
    """The whole merge's items that ``delta`` puts or patches."""
    nodes = [k for k, _ in delta.put_nodes] + [k for k, _ in delta.patch_nodes]
    edges = [k for k, _ in delta.put_edges] + [k for k, _ in delta.patch_edges]
    return {k: want.nodes[k] for k in nodes}, {k: want.edges[k] for k in edges}


def start(path: Path, loaded: list[Extraction]) -> MergeState:
    state = MergeState(path)
    state.begin()
    state.replace(loaded, build(loaded))
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
            assert changed(change) == changed_in(change.delta, want), (step, add, drop)
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
        assert state.fingerprints() == fingerprints(stored(build(loaded[:3])))
    # e4 repeats e3: only sources and editions change, edited on the server
    gone = Patch({}, {"sources": ((0, 3, ()),), "editions": ((0, 3, ()),)})  # the first three
    assert change.delta == Delta(
        patch_nodes=((("Programme", "p1"), gone), (("Technology", "t-sic"), gone)),
        patch_edges=((("DEVELOPS", "Programme", "p1", "Technology", "t-sic"), gone),),
    )
    assert (change.carried, change.folded) == (3, 0)


def change(state: MergeState, add: list[Extraction], drop: list[str], token: str) -> Any:
    state.begin()
    found = state.change(add, drop)
    state.commit(token)
    return found


def test_a_document_after_the_others_is_folded_on_without_reading_them(tmp_path: Path) -> None:
    by = {ex.document_id: ex for ex in documents()}
    with start(tmp_path, [by["e1"], by["e2"]]) as state:
        found = change(state, [by["e3"]], [], "t1")
        assert state.fingerprints() == fingerprints(stored(build([by["e1"], by["e2"], by["e3"]])))
    assert (found.carried, found.folded) == (3, 0)
    added = {"sources": ((0, 2, ("e3",)),), "editions": ((0, 2, ("2028",)),)}
    develops = ("DEVELOPS", "Programme", "p1", "Technology", "t-sic")
    assert found.delta == Delta(
        patch_nodes=(
            (("Programme", "p1"), Patch({"years": "X"}, added)),
            (("Technology", "t-sic"), Patch({}, added)),
        ),
        patch_edges=((develops, Patch({}, added)),),  # count: the larger, 1
    )


def test_the_first_document_gone_gives_a_relationship_the_next_ones_evidence(
    tmp_path: Path,
) -> None:
    """e3 and e4 say the same; without e3, the evidence is e4's."""
    by = {ex.document_id: ex for ex in documents()}
    with start(tmp_path, [by["e3"], by["e4"]]) as state:
        found = change(state, [], ["e3"], "t1")
        assert state.fingerprints() == fingerprints(stored(build([by["e4"]])))
    assert (found.carried, found.folded) == (3, 0)
    gone = {"sources": ((1, 2, ()),), "editions": ((1, 2, ()),)}  # the second only
    ((_, edge),) = found.delta.patch_edges
    # (both offsets are 2, the length of the name)
    assert edge == Patch({"evidence": "e4 說 t-sic", "evidence_source": "e4"}, gone)
    assert [change.values for _, change in found.delta.patch_nodes] == [{}, {}]


def test_a_document_before_another_or_unlike_its_neighbours_folds_the_item_again(
    tmp_path: Path,
) -> None:
    by = {ex.document_id: ex for ex in documents()}
    with start(tmp_path, [by["e2"], by["e4"]]) as state:
        found = change(state, [by["e3"]], [], "t1")  # between e2 and e4, not after them
        assert (found.carried, found.folded) == (0, 3)
        # e2 first; e3 after it says otherwise of the programme only (years), the same of the
        # technology and the relationship
        found = change(state, [], ["e2"], "t2")
        assert (found.carried, found.folded) == (2, 1)
        found = change(state, [], ["e4"], "t3")  # repeats e3: carried over
        assert (found.carried, found.folded) == (3, 0)
        assert state.fingerprints() == fingerprints(stored(build([by["e3"]])))


def random_documents(pick: random.Random, count: int, shared: bool = False) -> list[Extraction]:
    """Documents drawn from two variants of each item, so that many repeat each other.

    No two nodes share a link key (a name): nodes that do may be one node, merged by a whole
    build (test_a_change_naming_a_shared_key_is_left_to_a_whole_merge). ``shared``: nodes
    share aliases (本公司, 本院), which link nothing but are on no node they find two of."""
    refs = [NodeRef(Label.PROGRAMME, f"p{i}") for i in range(3)] + [
        NodeRef(Label.TECHNOLOGY, f"t{i}") for i in range(3)
    ]
    values: list[Any] = [1, 2, "2", True, None]  # equal in Python, not in a store
    variants = {
        ref: [(pick.choice(["本公司", "本院", f"別{ref.id}"]) if shared else
               f"別{ref.id}{pick.randrange(3)}", pick.choice(values), f"e{pick.randrange(2)}")
              for _ in range(2)]
        for ref in refs
    }  # fmt: skip
    counts = [(pick.randrange(3), pick.choice([1, "x"])) for _ in range(2)]
    out = []
    for k in range(count):
        name = f"r{k:02d}"
        nodes = []
        for ref in refs:
            if pick.random() < 0.7:
                alias, value, evidence = pick.choice(variants[ref])
                nodes.append(Node(ref.label, ref.id, f"名{ref.id}", (alias,),
                                  {"v": value, "evidence": evidence}))  # fmt: skip
        if nodes and pick.random() < 0.3:  # one node named twice, with other values
            twice = nodes[0]
            nodes.append(Node(twice.label, twice.id, twice.name, (f"又{twice.id}",), {"v": 3}))
        relations = []
        for a in refs[:3]:
            for b in refs[3:]:
                if pick.random() < 0.5:
                    count_, page = pick.choice(counts)
                    relations.append(rel(RelType.DEVELOPS, a, b, name, count=count_, page=page))
        if relations and pick.random() < 0.3:  # one relationship stated twice
            first = relations[0]
            relations.append(rel(first.type, first.source, first.target, name + "又", count=2))
        year = pick.choice([2021, 2022, 2022, 2023, None])
        out.append(doc(name, year, nodes, relations))
    return out


@pytest.mark.parametrize(
    ("seed", "shared"), [(s, False) for s in range(8)] + [(s, True) for s in range(8, 14)]
)
def test_random_changes_give_the_whole_merge_exactly(
    tmp_path: Path, seed: int, shared: bool
) -> None:
    pick = random.Random(seed)
    every = random_documents(pick, 12, shared)
    loaded = every[:4]
    graph = stored(build(loaded))
    nodes, edges = dict(graph.nodes), dict(graph.edges)
    ways = [0, 0]
    lost = 0  # steps after which an alias finds two nodes and so is on neither
    with start(tmp_path, loaded) as state:
        for step in range(40):
            names = {ex.document_id for ex in loaded}
            chosen = pick.sample(every, pick.choice([1, 1, 2]))
            drop = [ex.document_id for ex in chosen if ex.document_id in names]
            add = [ex for ex in chosen if ex.document_id not in names]
            if pick.random() < 0.2 and loaded:  # a new version of a loaded document
                old = pick.choice(loaded)
                new = pick.choice(every)
                add.append(Extraction(replace_info(new.info, old), old.document_id,
                                      new.nodes, new.relations))  # fmt: skip
                drop = [d for d in drop if d != old.document_id]
                add = [ex for ex in add if ex.document_id != old.document_id or ex is add[-1]]
            found = change(state, add, drop, f"t{step}")
            gone = set(drop) | {ex.document_id for ex in add}
            loaded = [ex for ex in loaded if ex.document_id not in gone] + add
            apply(nodes, edges, found.delta)
            want = stored(build(loaded))
            assert (nodes, edges) == (dict(want.nodes), dict(want.edges)), (seed, step)
            lost += any(name_key(a) not in n["keys"] for n in nodes.values() for a in n["aliases"])
            assert state.fingerprints() == fingerprints(want)
            ways[0] += found.carried
            ways[1] += found.folded
    assert ways[0] > 40 and ways[1] > 40, ways  # both ways taken, many times
    assert lost > 10 if shared else lost == 0, lost


def replace_info(info: DocumentInfo, old: Extraction) -> DocumentInfo:
    """``info`` as a new version of the document ``old``: its name, a new content hash."""
    return DocumentInfo(old.document_id, f"{info.sha256}-as-{old.document_id}", "test",
                        edition=info.edition, year=info.year)  # fmt: skip


def pu(name: str, tech: str) -> Extraction:
    """A document defining PU as ``tech``."""
    node = Node(Label.TECHNOLOGY, f"t-{tech}", tech, ("PU",), {"abbr": "PU"})
    return doc(name, None, [node], [rel(RelType.DEVELOPS, PROG, node.ref, name)])


def test_a_change_naming_a_shared_key_is_left_to_a_whole_merge(tmp_path: Path) -> None:
    """Nodes sharing a key are one (graphkit.unify): adding or dropping a document that names
    one is not merged item by item, and nothing of the state changes."""
    a, b, c = pu("a", "聚氨酯"), pu("b", "聚氨酯樹脂"), pu("c", "聚氨酯")
    with start(tmp_path, [a]) as state:
        before = state.fingerprints()
        state.begin()
        assert state.change([b], []) is None  # PU is 聚氨酯's key already
        state.rollback()
        assert state.fingerprints() == before
        assert state.documents() == {"a": "sha-a"}
        state.begin()
        state.replace([a, b], build([a, b]))
        state.commit("t1")
        assert state.fingerprints() == fingerprints(stored(build([a, b])))
        for add, drop in [([c], []), ([], ["b"]), ([], ["a"])]:
            state.begin()
            assert state.change(add, drop) is None, (add, drop)
            state.rollback()
        # a document naming neither is merged item by item as before
        lone = doc("d", None, [Node(Label.TECHNOLOGY, "t-x", "甲", ("X",), {})], [])
        assert change(state, [lone], [], "t2") is not None
        assert state.fingerprints() == fingerprints(stored(build([a, b, lone])))
        # the names table holds the names as each document printed them, not as merged
        state.begin()
        assert state.change([], ["d"]) is not None
        state.commit("t3")
        assert state.fingerprints() == fingerprints(stored(build([a, b])))


def test_the_state_of_a_merge_holds_the_merged_nodes(tmp_path: Path) -> None:
    a, b = pu("a", "聚氨酯"), pu("b", "聚氨酯樹脂")
    with start(tmp_path, [a, b]) as state:
        prints = state.fingerprints()
    assert prints == fingerprints(stored(build([a, b])))
    assert {k for k in prints.nodes if k[0] == "Technology"} == {
        ("Technology", "technology:聚氨酯樹脂")  # the id of the name the rule chose
    }


def release(name: str, year: int | None, short: str, *bodies: tuple[Label, str]) -> Extraction:
    """A press release naming ``bodies`` by their names, each defining ``short`` (本公司, 本院)
    as itself, as the resolver makes 「name(以下簡稱short)」, one DEVELOPS from each."""
    nodes = [Node(label, f"{label.lower()}:{body}", body, (short,), {"short_name": short})
             for label, body in bodies]  # fmt: skip
    relations = [rel(RelType.DEVELOPS, n.ref, SIC, name) for n in nodes]
    sic = Node(Label.TECHNOLOGY, "t-sic", "碳化矽", ("SiC",), {"abbr": "SiC"})
    return doc(name, year, [*nodes, sic] if name == "h1" else nodes, relations)


FIRM_A = (Label.ORGANIZATION, "甲科技股份有限公司")
FIRM_B = (Label.ORGANIZATION, "乙材料股份有限公司")
FIRM_C = (Label.ORGANIZATION, "丙電子股份有限公司")
LAB = (Label.AGENCY, "財團法人甲研究院")


def test_nodes_sharing_only_a_short_name_change_item_by_item(tmp_path: Path) -> None:
    """本公司 links no two nodes (graphkit.unify), but a key that finds two nodes is on neither:
    a release defining it as another firm takes it off the first firm (and dropping it gives it
    back). The change stays item by item, and gives the whole merge in every order."""
    every = [
        release("h1", 2024, "本公司", FIRM_A, LAB),
        release("h2", 2024, "本公司", FIRM_B),
        release("h3", 2023, "本公司", FIRM_C),
        release("h4", 2025, "本院", (Label.AGENCY, "財團法人丁研究院")),
        release("h5", None, "本院", LAB),
    ]
    for first in every:
        loaded = [first]
        with start(tmp_path / first.document_id, loaded) as state:
            graph = stored(build(loaded))
            nodes, edges = dict(graph.nodes), dict(graph.edges)
            steps = [(ex, []) for ex in every if ex is not first]
            steps += [(None, [ex.document_id]) for ex in every] + [(first, [])]
            for k, (add, drop) in enumerate(steps):
                found = change(state, [] if add is None else [add], drop, f"t{k}")
                assert found is not None, (first.document_id, k)  # no whole merge
                loaded = [ex for ex in loaded if ex.document_id not in drop]
                loaded += [] if add is None else [add]
                apply(nodes, edges, found.delta)
                want = stored(build(loaded))
                assert (nodes, edges) == (dict(want.nodes), dict(want.edges)), (first, k)
                assert state.fingerprints() == fingerprints(want)


def test_a_short_name_two_releases_share_is_on_neither(tmp_path: Path) -> None:
    a, b = release("h1", 2024, "本公司", FIRM_A), release("h2", 2024, "本公司", FIRM_B)
    a_id, b_id = (
        ("Organization", "organization:甲科技股份有限公司"),
        (
            "Organization",
            "organization:乙材料股份有限公司",
        ),
    )
    with start(tmp_path, [a]) as state:
        graph = stored(build([a]))
        nodes, edges = dict(graph.nodes), dict(graph.edges)
        assert nodes[a_id]["keys"] == ["甲科技股份有限公司", "本公司"]
        found = change(state, [b], [], "t1")  # item by item: 本公司 links nothing
        assert found is not None
        apply(nodes, edges, found.delta)
        assert nodes[a_id]["keys"] == ["甲科技股份有限公司"]  # taken off the first firm too
        assert nodes[b_id]["keys"] == ["乙材料股份有限公司"]
        found = change(state, [], ["h1"], "t2")
        apply(nodes, edges, found.delta)
        assert a_id not in nodes
        assert nodes[b_id]["keys"] == ["乙材料股份有限公司", "本公司"]  # found alone again


def test_a_shared_abbreviation_is_still_left_to_a_whole_merge(tmp_path: Path) -> None:
    """An abbreviation (a link key) two bodies define may make them one: a whole merge."""
    a = release("h1", 2024, "本公司", FIRM_A)
    twin = Node(Label.ORGANIZATION, "organization:甲科技", "甲科技", ("ABC",), {"abbr": "ABC"})
    with_abbr = replace(a.nodes[0], props={"abbr": "ABC", "short_name": "本公司"})
    with start(tmp_path, [replace(a, nodes=(with_abbr, *a.nodes[1:]))]) as state:
        state.begin()
        assert state.change([doc("t", None, [twin], [])], []) is None
        state.rollback()


def test_an_alias_of_merged_nodes_counts_their_merge_once(tmp_path: Path) -> None:
    """聚氨酯(PU) and 聚氨酯樹脂(PU) are one node: the alias both give finds one node, until a
    release gives it to another."""
    a, b = pu("a", "聚氨酯"), pu("b", "聚氨酯樹脂")
    a, b = (replace(ex, nodes=(replace(ex.nodes[0], aliases=("PU", "本品")),)) for ex in (a, b))
    other = doc("o", None, [Node(Label.TECHNOLOGY, "t-o", "乙烯", ("本品",), {})], [])
    with start(tmp_path, [a, b]) as state:
        for step, (add, drop, loaded) in enumerate(
            [([other], [], [a, b, other]), ([], ["o"], [a, b]), ([other], [], [a, b, other])]
        ):
            assert change(state, add, drop, f"t{step}") is not None
            assert state.fingerprints() == fingerprints(stored(build(loaded)))
        merged = stored(build([a, b, other])).nodes[("Technology", "technology:聚氨酯樹脂")]
        assert merged["keys"] == ["聚氨酯樹脂", "聚氨酯", "pu"]  # 本品 finds two: on neither
