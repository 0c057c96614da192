"""graphkit.nx on the real corpus in the real embedded store: graphs, neighbourhoods, ranking,
the CJK font finder and plotting."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import graphkit.nx as gnx
from graphkit import plotting
from graphkit.errors import BackendError, QueryError
from graphkit.records import Label, RelType
from graphkit.store.falkordb import FalkorDBStore

SIC = "technology:碳化矽"
ITRI = "agency:工業技術研究院"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NOT_HUBS = [t.value for t in RelType if t not in gnx.HUB_TYPES]


@pytest.fixture(scope="module")
def whole(corpus_store: FalkorDBStore) -> Any:
    return gnx.to_networkx(corpus_store)


def _count(store: FalkorDBStore, query: str, **params: Any) -> int:
    return int(store.run(query, params).rows[0][0])


def test_import_needs_no_matplotlib() -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "import graphkit.nx, graphkit.export, graphkit.browser\n"
        "from graphkit.errors import BackendError\n"
        "import networkx as nx\n"
        "try:\n"
        "    graphkit.nx.plot(nx.MultiDiGraph())\n"
        "except BackendError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert "pip install 'graphkit[notebook]'" in done.stdout


# ------------------------------------------------------------------------ to_networkx


def test_whole_graph_has_every_node_and_relationship(
    corpus_store: FalkorDBStore, whole: Any
) -> None:
    counts = corpus_store.counts()
    assert isinstance(whole, nx.MultiDiGraph)
    assert whole.number_of_nodes() == sum(counts["nodes"].values())
    assert whole.number_of_edges() == sum(counts["relationships"].values())
    assert Counter(label for _, label in whole.nodes(data="label")) == counts["nodes"]
    assert Counter(key for *_, key in whole.edges(keys=True)) == counts["relationships"]


def test_properties_become_attributes(whole: Any) -> None:
    sic = whole.nodes[SIC]
    assert sic["label"] == "Technology"
    assert sic["name"] == "碳化矽"
    assert sic["id"] == SIC
    assert {"SiC", "Silicon Carbide"} <= set(sic["aliases"])
    assert "sic" in sic["keys"]
    assert sic["sources"] and sic["editions"]
    programme, _, key = next(iter(whole.in_edges(SIC, keys=True)))
    edge = whole.edges[programme, SIC, key]
    assert edge["type"] == key
    assert edge["evidence"] and isinstance(edge["sources"], list) and edge["editions"]


def test_query_returning_paths(corpus_store: FalkorDBStore) -> None:
    g = gnx.to_networkx(
        corpus_store,
        "MATCH p = (:Programme)-[:DEVELOPS]->(t:Technology) WHERE t.name = $t RETURN p",
        {"t": "碳化矽"},
    )
    expected = _count(
        corpus_store,
        "MATCH (:Programme)-[r:DEVELOPS]->(t:Technology) WHERE t.name = $t RETURN count(r)",
        t="碳化矽",
    )
    assert expected > 0
    assert g.number_of_edges() == expected
    assert all(t == SIC and k == "DEVELOPS" for _, t, k in g.edges(keys=True))
    assert {label for _, label in g.nodes(data="label")} == {"Programme", "Technology"}


def test_query_returning_nodes_and_relationships_in_columns(corpus_store: FalkorDBStore) -> None:
    query = (
        "MATCH (p:Programme)-[r:EXECUTED_BY]->(a:Agency) WHERE a.name = $a "
        "RETURN p.name AS name, p, r, a"
    )
    g = gnx.to_networkx(corpus_store, query, {"a": "工業技術研究院"})
    executed = _count(
        corpus_store,
        "MATCH (:Programme)-[r:EXECUTED_BY]->(a:Agency) WHERE a.name = $a RETURN count(r)",
        a="工業技術研究院",
    )
    assert g.number_of_edges() == executed
    assert all(t == ITRI and g.nodes[s]["label"] == "Programme" for s, t in g.edges())
    # The same relationships collected into a list, beside their agency only.
    collected = gnx.to_networkx(
        corpus_store,
        "MATCH (p:Programme)-[r:EXECUTED_BY]->(a:Agency) WHERE a.name = $a "
        "RETURN a, collect(r) AS executed",
        {"a": "工業技術研究院"},
    )
    assert sorted(collected.edges(keys=True)) == sorted(g.edges(keys=True))
    # End nodes the query did not return come with their properties.
    assert all("name" in data for _, data in collected.nodes(data=True))


def test_relationships_alone_get_their_own_end_nodes(corpus_store: FalkorDBStore) -> None:
    """Each relationship joins the nodes the store says it joins, not look-alikes."""
    query = "MATCH (:Programme)-[r:EXECUTED_BY]->(:Agency) RETURN r"
    g = gnx.to_networkx(corpus_store, query)
    pairs = corpus_store.run(
        "MATCH (p:Programme)-[:EXECUTED_BY]->(a:Agency) RETURN p.id AS p, a.id AS a"
    ).rows
    assert sorted(g.edges()) == sorted(pairs)
    assert len(pairs) == g.number_of_edges() > 100
    assert {label for _, label in g.nodes(data="label")} == {"Programme", "Agency"}


def test_query_without_graph_values_gives_empty_graph(corpus_store: FalkorDBStore) -> None:
    g = gnx.to_networkx(corpus_store, "MATCH (a:Agency) RETURN a.name LIMIT 3")
    assert g.number_of_nodes() == 0


# ----------------------------------------------------------------------- neighbourhood


@pytest.mark.parametrize(
    ("name", "centre"),
    [
        ("SiC", SIC),
        ("sic", SIC),
        ("Silicon Carbide", SIC),
        ("ＳｉＣ", SIC),  # full width, folded by the normaliser
        ("碳化矽", SIC),
        ("工研院", ITRI),  # short name
        ("ITRI", ITRI),  # abbreviation
        ("Industrial Technology Research Institute", ITRI),  # English name
        (" industrial  technology research institute ", ITRI),
        ("工業技術研究院", ITRI),
        ("財團法人工業技術研究院", ITRI),  # legal prefix, dropped by the name key
    ],
)
def test_neighbourhood_found_by_name_or_alias(
    corpus_store: FalkorDBStore, name: str, centre: str
) -> None:
    g = gnx.neighbourhood(corpus_store, name, hops=1)
    assert g.graph["centre"] == [centre]
    assert g.graph["hops"] == 1
    assert centre in g


def test_one_hop_is_the_direct_neighbours(corpus_store: FalkorDBStore) -> None:
    g = gnx.neighbourhood(corpus_store, "SiC", hops=1)
    direct = _count(
        corpus_store,
        "MATCH (n {id: $id})-[r]-(m) WHERE NOT type(r) IN $hubs RETURN count(DISTINCT m)",
        id=SIC,
        hubs=[t.value for t in gnx.HUB_TYPES],
    )
    assert direct > 0
    assert g.number_of_nodes() == direct + 1
    assert set(nx.Graph(g)[SIC]) == set(g) - {SIC}


def test_hops_widen_the_neighbourhood(corpus_store: FalkorDBStore) -> None:
    sizes = []
    for hops in (1, 2, 3):
        g = gnx.neighbourhood(corpus_store, "碳化矽", hops=hops)
        distances = nx.single_source_shortest_path_length(nx.Graph(g), SIC)
        assert set(distances) == set(g), "every node is connected to the centre"
        assert max(distances.values()) == hops
        sizes.append(g.number_of_nodes())
    assert sizes[0] < sizes[1] < sizes[2]


def test_hub_relationships_left_out_unless_asked(corpus_store: FalkorDBStore) -> None:
    plain = gnx.neighbourhood(corpus_store, "SiC", hops=1)
    assert not {k for *_, k in plain.edges(keys=True)} & {t.value for t in gnx.HUB_TYPES}
    assert "Document" not in {label for _, label in plain.nodes(data="label")}
    hubs = gnx.neighbourhood(corpus_store, "SiC", hops=1, include_hubs=True)
    assert "MENTIONED_IN" in {k for *_, k in hubs.edges(keys=True)}
    assert "Document" in {label for _, label in hubs.nodes(data="label")}


def test_label_filter_keeps_a_connected_graph_of_those_labels(
    corpus_store: FalkorDBStore,
) -> None:
    g = gnx.neighbourhood(corpus_store, "ITRI", hops=2, labels=["Programme", Label.AGENCY])
    assert g.graph["labels"] == ["Programme", "Agency"]
    assert {label for _, label in g.nodes(data="label")} == {"Programme", "Agency"}
    assert nx.is_connected(nx.Graph(g))
    unfiltered = gnx.neighbourhood(corpus_store, "ITRI", hops=2)
    assert set(g) < set(unfiltered)
    # Labels are matched without regard to case; the centre is kept whatever its label.
    tech = gnx.neighbourhood(corpus_store, "SiC", hops=2, labels=["programme", "agency"])
    assert SIC in tech
    assert {label for n, label in tech.nodes(data="label") if n != SIC} <= {"Programme", "Agency"}


@pytest.mark.parametrize("hops", [0, 5, -1, True, "2", 1.5])
def test_bad_hops_refused(corpus_store: FalkorDBStore, hops: Any) -> None:
    with pytest.raises(QueryError, match="hops"):
        gnx.neighbourhood(corpus_store, "SiC", hops=hops)


@pytest.mark.parametrize("labels", [["Nope"], ["Technology) DETACH DELETE (n"], [3]])
def test_bad_labels_refused(corpus_store: FalkorDBStore, labels: Any) -> None:
    with pytest.raises(QueryError, match="not a graph label"):
        gnx.neighbourhood(corpus_store, "SiC", labels=labels)


@pytest.mark.parametrize("name", ["不存在的技術", "no such thing", "   "])
def test_unknown_name_is_a_clear_error(corpus_store: FalkorDBStore, name: str) -> None:
    with pytest.raises(QueryError, match=r"no node has this name or alias|non-empty"):
        gnx.neighbourhood(corpus_store, name)


# ------------------------------------------------------------------------------- rank


def test_rank_by_degree(whole: Any) -> None:
    top = gnx.rank(whole, by="degree", label="Agency", top=5)
    assert len(top) == 5
    assert top[0][0] == "工業技術研究院"
    assert top[0][1] == whole.degree(ITRI)
    assert [s for _, s in top] == sorted((s for _, s in top), reverse=True)
    names = {whole.nodes[n]["name"] for n, lab in whole.nodes(data="label") if lab == "Agency"}
    assert {name for name, _ in top} <= names


def test_rank_by_betweenness(corpus_store: FalkorDBStore) -> None:
    g = gnx.neighbourhood(corpus_store, "SiC", hops=2)
    top = gnx.rank(g, by="betweenness", top=None)
    assert len(top) == g.number_of_nodes()
    assert all(0.0 <= score <= 1.0 for _, score in top)
    expected = nx.betweenness_centrality(nx.Graph(g))  # direction ignored
    best = max(expected, key=lambda n: (expected[n], n))
    assert top[0] == (g.nodes[best]["name"], expected[best])
    assert dict(top)["碳化矽"] > 0  # paths between its programmes run through it


def test_rank_by_pagerank_needs_scipy(whole: Any) -> None:
    try:
        import scipy  # noqa: F401
    except ImportError:
        with pytest.raises(BackendError, match="scipy"):
            gnx.rank(whole, by="pagerank")
        return
    top = gnx.rank(whole, by="pagerank", label="Technology", top=3)
    assert len(top) == 3


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"by": "closeness"}, "by="), ({"top": 0}, "top="), ({"label": "Nope"}, "label")],
)
def test_rank_refuses_bad_arguments(whole: Any, kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(QueryError, match=match):
        gnx.rank(whole, **kwargs)


# ------------------------------------------------------------------- fonts and plots


@pytest.fixture
def mpl() -> Any:
    matplotlib = pytest.importorskip(
        "matplotlib", reason="plotting needs the notebook extra: pip install -e '.[notebook]'"
    )
    matplotlib.use("Agg")
    return matplotlib


@pytest.fixture
def cjk_family(mpl: Any) -> str:
    try:
        return gnx.find_cjk_font()
    except BackendError as exc:
        pytest.skip(f"no CJK font installed: {exc}")


def test_find_cjk_font_finds_a_font_with_the_glyphs(cjk_family: str, mpl: Any) -> None:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=cjk_family))
    charmap = FT2Font(path).get_charmap()
    assert all(ord(ch) in charmap for ch in "碳化矽工業技術研究院臺灣")


def test_find_cjk_font_uses_fontconfig_when_matplotlib_has_none(
    cjk_family: str, mpl: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib import font_manager

    if not plotting._fontconfig_files():
        pytest.skip("fontconfig (fc-list) lists no Chinese font here")
    # As if the font were installed after matplotlib wrote its font cache.
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    family = gnx.find_cjk_font()
    registered = font_manager.fontManager.ttflist
    assert family in {e.name for e in registered}
    assert len({e.fname for e in registered}) == 1  # one font file, all of its faces


def test_find_cjk_font_says_how_to_install_one(mpl: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plotting, "_charmap", lambda path: frozenset(range(128)))
    monkeypatch.setattr(plotting, "_fontconfig_files", lambda: [])
    with pytest.raises(BackendError, match=r"apt-get install fonts-noto-cjk") as err:
        gnx.find_cjk_font()
    assert "empty boxes" in str(err.value)


def _png(path: Path) -> None:
    assert path.read_bytes()[:8] == PNG_MAGIC
    assert path.stat().st_size > 10_000


def test_plot_draws_names_with_a_cjk_font(
    corpus_store: FalkorDBStore, cjk_family: str, tmp_path: Path
) -> None:
    from matplotlib.ft2font import FT2Font

    g = gnx.neighbourhood(corpus_store, "SiC", hops=2)
    out = tmp_path / "sic.png"
    # filterwarnings = error: a glyph missing from the font (tofu) fails this test.
    ax = gnx.plot(g, out, title="碳化矽的兩步鄰域", max_labels=None)  # every node named
    _png(out)
    names = [t for t in ax.texts if t.get_text()]
    assert {t.get_text() for t in names} == {d["name"] for _, d in g.nodes(data=True)}
    for text in [*names, ax.title]:
        charmap = FT2Font(text.get_fontproperties().get_file()).get_charmap()
        assert all(ord(ch) in charmap for ch in text.get_text() if not ch.isspace())
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert legend == {label for _, label in g.nodes(data="label")}


def test_plot_into_given_axes_with_spring_layout(
    corpus_store: FalkorDBStore, cjk_family: str, mpl: Any, tmp_path: Path
) -> None:
    from matplotlib.figure import Figure

    g = gnx.neighbourhood(corpus_store, "工研院", hops=1)
    fig = Figure(figsize=(8, 6))
    ax = fig.add_subplot()
    assert gnx.plot(g, ax=ax, layout="spring", max_labels=10, font=cjk_family) is ax
    assert len([t for t in ax.texts if t.get_text()]) == 10
    fig.savefig(tmp_path / "itri.png")
    _png(tmp_path / "itri.png")
    with pytest.raises(QueryError, match="layout"):
        gnx.plot(g, layout="circle")  # type: ignore[arg-type]


def _ascii_graph(centre: list[str]) -> Any:
    import networkx as nx

    g = nx.MultiDiGraph(centre=centre)
    for i in range(12):
        g.add_node(f"n{i}", name=f"Node{i}", label=("Agency", "Technology", "Programme")[i % 3])
    for i in range(1, 12):
        g.add_edge("n0" if i < 4 else f"n{i % 4}", f"n{i}", key="DEVELOPS", type="DEVELOPS")
    return g


@pytest.mark.parametrize("centre", [["n0"], ["n0", "n1"], []])
def test_plot_parts_without_a_cjk_font(mpl: Any, tmp_path: Path, centre: list[str]) -> None:
    """Drawing runs wherever matplotlib does: names in a Latin font on a Latin-named graph."""
    g = _ascii_graph(centre)
    ax = gnx.plot(g, tmp_path / "g.png", font="DejaVu Sans", max_labels=5, title="T")
    _png(tmp_path / "g.png")
    names = [t for t in ax.texts if t.get_text()]
    # The centre is always named, then the best connected nodes, up to max_labels.
    assert len(names) == max(5, len(centre))
    assert {f"Node{c[1:]}" for c in centre} <= {t.get_text() for t in names}
    rotated = [t for t in names if t.get_rotation() != 0]
    # On rings every name but the centre's reads along the radius; elsewhere none is turned.
    assert len(rotated) == (len(names) - len(centre) if centre else 0)
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert legend == {"Agency", "Technology", "Programme"}
    assert ax.get_title() == "T"
    ringed = [c for c in ax.collections if len(c.get_offsets()) == len(centre)]
    assert bool(ringed) == bool(centre)
