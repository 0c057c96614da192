"""The merged graph does not depend on the order documents are given in."""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path

import pytest

from graphkit.build import build
from graphkit.pipeline import Pipeline
from graphkit.read import read
from graphkit.records import Extraction, Graph
from graphkit.workspace import Workspace
from tests.corpus import corpus_file, report_files


@pytest.fixture(scope="module")
def extractions(pipeline: Pipeline) -> list[Extraction]:
    """The white paper, its separately extracted chapter (they share nodes), and a report."""
    paths = [corpus_file("whitepaper"), corpus_file("chapter"), report_files()[0]]
    return [pipeline.extract_document(read(p))[0] for p in paths]


def test_two_different_documents_in_either_order(extractions: list[Extraction]) -> None:
    paper, chapter, _ = extractions
    assert paper.info.source != chapter.info.source
    ab, ba = build([paper, chapter]), build([chapter, paper])
    assert ab == ba
    # The two overlap, so the order the merge meets them in is exercised.
    shared = [n for n in ab.nodes if len(n.props["sources"]) == 2]  # type: ignore[arg-type]
    assert shared


def test_every_order_of_three_documents_gives_one_graph(extractions: list[Extraction]) -> None:
    graphs: list[Graph] = [build(list(order)) for order in permutations(extractions)]
    assert all(g == graphs[0] for g in graphs[1:])
    assert len({e.info.family for e in extractions}) == 2


# ------------------------------------------------------------- one node across documents

#: Three short news texts (synthetic): two define PU as two spellings, the third repeats one.
NEWS = {
    "a.txt": "材料產業動態\n\n聚氨酯(PU)是常見的高分子材料。甲公司以聚氨酯製作鞋材，"
    "並與工業技術研究院合作提升回收率。\n",
    "b.txt": "回收技術動態\n\n聚氨酯樹脂(PU)廣泛用於鞋材與塗料。乙公司與工業技術研究院"
    "合作開發聚氨酯樹脂化學回收技術。\n",
    "c.txt": "鞋材產業動態\n\n丙公司推出聚氨酯(PU)發泡鞋墊，並委託工業技術研究院檢測其耐候性。\n",
}


@pytest.fixture
def news(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name[0]: folder / name for name in NEWS}


def technologies(ws: Workspace) -> dict[str, tuple[str, list[str], list[str]]]:
    """id → (name, aliases, sources) of every Technology."""
    rows = ws.cypher("MATCH (n:Technology) RETURN n.id, n.name, n.aliases, n.sources").rows
    return {r[0]: (r[1], sorted(r[2]), sorted(r[3])) for r in rows}


def exported(ws: Workspace, out: Path) -> str:
    """The JSON export, keys sorted: a delta write appends a property that a whole write puts
    in its place, so only the order of the keys depends on the way the graph was written."""
    (path,) = ws.export("json", out)
    return json.dumps(json.loads(path.read_text(encoding="utf-8")), sort_keys=True)


def test_one_abbreviation_in_two_documents_is_one_node_in_any_order(
    tmp_path: Path, news: dict[str, Path], pipeline: Pipeline
) -> None:
    a, b = news["a"], news["b"]
    orders = {"ab": [[a], [b]], "ba": [[b], [a]], "one": [[a, b]], "one-ba": [[b, a]]}
    graphs = set()
    for name, steps in orders.items():
        ws = Workspace(tmp_path / name)
        for files in steps:
            ws.build(files, pipeline=pipeline, jobs=1)
        graphs.add((exported(ws, tmp_path / f"{name}-out"), ws.digest()))
        # one document prints each name: the longer (fuller) one is the node's
        assert technologies(ws) == {
            "technology:聚氨酯樹脂": ("聚氨酯樹脂", ["PU", "聚氨酯"], ["document:a.txt",
                                                                       "document:b.txt"]),
            "technology:聚氨酯樹脂化學回收": ("聚氨酯樹脂化學回收", ["聚氨酯樹脂化學回收技術"],
                                             ["document:b.txt"]),
            # a class of materials the lexicon knows (technologies-green.jsonl)
            "technology:高分子材料": ("高分子材料", ["Polymer Material", "聚合物材料"],
                                      ["document:a.txt"]),
        }, name  # fmt: skip
    assert len(graphs) == 1


def test_a_later_document_moves_the_node_and_a_removal_moves_it_back(
    tmp_path: Path, news: dict[str, Path], pipeline: Pipeline
) -> None:
    ws = Workspace(tmp_path / "store")
    ws.build([news["a"], news["b"]], pipeline=pipeline, jobs=1)
    before = ws.digest()
    report = ws.build([news["c"]], pipeline=pipeline, jobs=1)
    # the summary names the id that left the store and the one that took its place
    assert report.renamed == [("technology:聚氨酯樹脂", "technology:聚氨酯")]
    # two documents print 聚氨酯 now: it is the node's name, and every relationship moved
    found = technologies(ws)
    assert found["technology:聚氨酯"] == (
        "聚氨酯",
        ["PU", "聚氨酯樹脂"],
        ["document:a.txt", "document:b.txt", "document:c.txt"],
    )
    assert "technology:聚氨酯樹脂" not in found
    ends = ws.cypher("MATCH (n:Technology)-[r]-(m) RETURN DISTINCT n.id").rows
    assert ("technology:聚氨酯樹脂",) not in ends
    fresh = Workspace(tmp_path / "fresh")
    fresh.build([news["c"], news["b"], news["a"]], pipeline=pipeline, jobs=1)
    assert ws.digest() == fresh.digest()
    report = ws.remove(["c.txt"])
    assert report.renamed == [("technology:聚氨酯", "technology:聚氨酯樹脂")]
    assert ws.digest() == before
    # without a, nothing says 聚氨酯 is PU: b's node keeps its own names only
    ws.remove(["a.txt"])
    assert technologies(ws)["technology:聚氨酯樹脂"] == ("聚氨酯樹脂", ["PU"], ["document:b.txt"])
    alone = Workspace(tmp_path / "alone")
    alone.build([news["b"]], pipeline=pipeline, jobs=1)
    assert ws.digest() == alone.digest()


def test_a_removal_that_undoes_a_merge_names_the_id_that_left(
    tmp_path: Path, news: dict[str, Path], pipeline: Pipeline
) -> None:
    """a's 聚氨酯(PU) and b's 聚氨酯樹脂(PU) are one node, 聚氨酯樹脂 (the fuller name);
    removing b gives a's node back its own id, and the summary says so."""
    ws = Workspace(tmp_path / "store")
    ws.build([news["a"], news["b"]], pipeline=pipeline, jobs=1)
    assert "technology:聚氨酯" not in technologies(ws)
    report = ws.remove(["b.txt"])
    assert report.renamed == [("technology:聚氨酯樹脂", "technology:聚氨酯")]
    assert technologies(ws)["technology:聚氨酯"] == ("聚氨酯", ["PU"], ["document:a.txt"])
    alone = Workspace(tmp_path / "alone")
    alone.build([news["a"]], pipeline=pipeline, jobs=1)
    assert ws.digest() == alone.digest()
    # a removal that undoes no merge names nothing
    ws.build([news["b"]], pipeline=pipeline, jobs=1)
    assert ws.remove(["a.txt"]).renamed == []


def test_the_corpus_and_a_news_text_share_no_key(
    extractions: list[Extraction], tmp_path: Path, pipeline: Pipeline
) -> None:
    """The white paper defines 聚氨酯樹脂(PU); a news text 聚氨酯(PU): one node, and in no
    order do two nodes of one label share a key (tests/test_pipeline.py checks the corpus)."""
    path = tmp_path / "a.txt"
    path.write_text(NEWS["a.txt"], encoding="utf-8")
    news = pipeline.extract_document(read(path))[0]
    paper, chapter, _ = extractions
    graphs = [build(list(order)) for order in permutations([paper, chapter, news])]
    assert all(g == graphs[0] for g in graphs[1:])
    owners: dict[tuple[str, str], list[str]] = {}
    for n in graphs[0].nodes:
        for key in n.props.get("keys") or []:  # type: ignore[union-attr]
            owners.setdefault((n.label.value, key), []).append(n.id)
    assert {k: ids for k, ids in owners.items() if len(ids) > 1} == {}
    (pu,) = [n for n in graphs[0].nodes if "pu" in (n.props.get("keys") or [])]  # type: ignore[operator]
    assert pu.id == "technology:聚氨酯樹脂"
    assert "聚氨酯" in pu.props["aliases"]  # type: ignore[operator]
    assert "document:a.txt" in pu.props["sources"]  # type: ignore[operator]


def test_a_push_carries_the_renamed_node(
    tmp_path: Path, news: dict[str, Path], pipeline: Pipeline
) -> None:
    """push sends the difference (the delta a build writes; Neo4j applies the same): after a
    later document renames the merged node, the target holds the build's graph exactly."""
    from graphkit.pipeline import push
    from graphkit.store.falkordb import FalkorDBStore

    ws = Workspace(tmp_path / "store")
    ws.build([news["a"], news["b"]], pipeline=pipeline, jobs=1)
    with FalkorDBStore(tmp_path / "target", create=True) as target:
        with ws.open() as source:
            push(source, ws.ledger, target)
        ws.build([news["c"]], pipeline=pipeline, jobs=1)
        with ws.open() as source:
            sent = push(source, ws.ledger, target)
        assert not sent.whole
        assert target.digest() == ws.digest()
        ids = target.run("MATCH (n:Technology) WHERE 'pu' IN n.keys RETURN n.id").records()
        assert ids == [{"n.id": "technology:聚氨酯"}]
