from pathlib import Path

from graphkit.build import build, merged, renames, unified
from graphkit.mergestate import MergeState
from graphkit.pipeline import Pipeline
from graphkit.read import read
from graphkit.records import DocumentInfo, Extraction, Label, Node, RelType
from tests.corpus import corpus_file


def test_two_files_of_one_edition_merge_without_duplicates() -> None:
    pipe = Pipeline()
    full, _ = pipe.extract_document(read(corpus_file("whitepaper")))
    chapter, _ = pipe.extract_document(read(corpus_file("chapter")))
    graph = build([full, chapter])
    ids = [(n.label, n.id) for n in graph.nodes]
    assert len(ids) == len(set(ids))
    keys = [(e.type, e.source, e.target) for e in graph.edges]
    assert len(keys) == len(set(keys))
    both = [n for n in graph.nodes if len(n.props["sources"]) == 2]  # type: ignore[arg-type]
    assert any(n.label is Label.ARTICLE for n in both)
    # Programmes only the separately extracted chapter has are added.
    only_chapter = [
        n
        for n in graph.nodes
        if n.label is Label.PROGRAMME and n.props["sources"] == [chapter.document_id]
    ]
    assert only_chapter
    for e in graph.edges:
        assert e.props["sources"] and e.props["evidence"]
        assert e.props["editions"] == [full.info.edition]


def test_build_is_deterministic() -> None:
    pipe = Pipeline()
    ex, _ = pipe.extract_document(read(corpus_file("chapter")))
    a, b = build([ex]), build([ex])
    assert a == b
    assert all(n.props["keys"] for n in a.nodes)
    assert any(e.type is RelType.EXECUTED_BY for e in a.edges)


def test_a_removal_that_splits_a_merge_names_the_ids_it_splits_into(tmp_path: Path) -> None:
    """聚氨酯樹脂材料(PU, Polyurethane) is one with 聚氨酯泡棉 (its English name) and with
    聚氨酯樹脂(PU) (a name it holds): one node under the fullest name. Without the document
    defining it, the other two share no key: two nodes, and the id of the one has left."""
    t = Label.TECHNOLOGY

    def doc(name: str, node: str, **props: str) -> Extraction:
        found = Node(t, f"technology:{node}", node, (), props)
        return Extraction(DocumentInfo(name, f"sha-{name}", "test"), name, (found,), ())

    a = doc("a", "聚氨酯樹脂材料", abbr="PU", name_en="Polyurethane")
    b, c = doc("b", "聚氨酯泡棉", name_en="polyurethane"), doc("c", "聚氨酯樹脂", abbr="PU")
    with MergeState(tmp_path) as state:
        state.begin()
        state.replace([a, b, c], build([a, b, c]))
        state.commit("t")
        merges = state.merges()
    assert merges == {
        ("Technology", "technology:聚氨酯樹脂材料"): [
            "technology:聚氨酯樹脂", "technology:聚氨酯樹脂材料", "technology:聚氨酯泡棉"]
    }  # fmt: skip
    done = unified([b, c])
    graph = merged(done)
    assert renames(done, (), merges, graph) == [
        ("technology:聚氨酯樹脂材料", "technology:聚氨酯樹脂, technology:聚氨酯泡棉")
    ]
    # without c, b alone: the id left for b's own
    done = unified([b])
    assert renames(done, (), merges, merged(done)) == [
        ("technology:聚氨酯樹脂材料", "technology:聚氨酯泡棉")
    ]
    # without b the merge stands (a and c): its id stays, nothing to name
    done = unified([a, c])
    assert renames(done, (), merges, merged(done)) == []
