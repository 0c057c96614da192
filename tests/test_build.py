from graphkit.build import build
from graphkit.pipeline import Pipeline
from graphkit.read import read
from graphkit.records import Label, RelType
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
