"""graphkit.export on the real corpus in the real embedded store: every format parses back with
the store's node and relationship counts, Chinese intact."""

from __future__ import annotations

import csv
import doctest
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import graphkit.export as gexport
from graphkit.errors import QueryError
from graphkit.export import export, write_graphml
from graphkit.store.falkordb import FalkorDBStore

SIC = "technology:碳化矽"
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def totals(corpus_store: FalkorDBStore) -> dict[str, Any]:
    counts = corpus_store.counts()
    return {
        "nodes": sum(counts["nodes"].values()),
        "relationships": sum(counts["relationships"].values()),
        "labels": Counter(counts["nodes"]),
        "types": Counter(counts["relationships"]),
    }


def test_doctests() -> None:
    result = doctest.testmod(gexport, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_graphml_parses_back_with_store_counts(
    corpus_store: FalkorDBStore, totals: dict[str, Any], tmp_path: Path
) -> None:
    [path] = export(corpus_store, "graphml", tmp_path / "out")
    assert path == tmp_path / "out" / "graphkit.graphml"
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == totals["nodes"]
    assert g.number_of_edges() == totals["relationships"]
    assert Counter(d["labels"] for _, d in g.nodes(data=True)) == {
        f":{label}": n for label, n in totals["labels"].items()
    }
    assert Counter(d["type"] for *_, d in g.edges(data=True)) == totals["types"]

    sic = g.nodes[SIC]
    assert sic["label"] == "碳化矽"  # Gephi shows the name on the node
    assert sic["labels"] == ":Technology"
    assert {"SiC", "Silicon Carbide"} <= set(json.loads(sic["aliases"]))  # lists as JSON
    assert json.loads(sic["editions"])
    edge = next(d for _, t, d in g.in_edges(SIC, data=True) if d["type"] == "DEVELOPS")
    assert edge["label"] == "DEVELOPS"
    assert edge["evidence"]
    assert isinstance(json.loads(edge["sources"]), list)

    # Gephi drops edges whose GraphML ids repeat: every id is unique.
    ids = [e.get("id") for e in ET.parse(path).getroot().iter(f"{GRAPHML_NS}edge")]
    assert len(ids) == totals["relationships"] == len(set(ids))
    assert "碳化矽" in path.read_text(encoding="utf-8")  # UTF-8, not character references


def test_json_parses_back_with_store_counts(
    corpus_store: FalkorDBStore, totals: dict[str, Any], tmp_path: Path
) -> None:
    [path] = export(corpus_store, "json", tmp_path)
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    assert len(data["nodes"]) == totals["nodes"]
    assert len(data["edges"]) == totals["relationships"]
    assert Counter(n["label"] for n in data["nodes"]) == totals["labels"]
    sic = next(n for n in data["nodes"] if n["id"] == SIC)
    assert sic["name"] == "碳化矽"
    assert isinstance(sic["aliases"], list) and "SiC" in sic["aliases"]
    g = nx.node_link_graph(data, edges="edges")
    assert g.number_of_edges() == totals["relationships"]
    assert "碳化矽" in path.read_text(encoding="utf-8")  # not \\u escapes


def test_csv_parses_back_with_store_counts(
    corpus_store: FalkorDBStore, totals: dict[str, Any], tmp_path: Path
) -> None:
    nodes_path, rels_path = export(corpus_store, "csv", tmp_path)
    assert (nodes_path.name, rels_path.name) == ("nodes.csv", "relationships.csv")
    with nodes_path.open(encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with rels_path.open(encoding="utf-8", newline="") as f:
        rels = list(csv.DictReader(f))
    assert len(nodes) == totals["nodes"]
    assert len(rels) == totals["relationships"]
    assert list(nodes[0])[:3] == ["id", "label", "name"]
    assert list(rels[0])[:4] == ["source", "target", "type", "evidence"]
    assert Counter(n["label"] for n in nodes) == totals["labels"]
    assert Counter(r["type"] for r in rels) == totals["types"]

    sic = next(n for n in nodes if n["id"] == SIC)
    assert sic["name"] == "碳化矽"
    assert {"SiC", "Silicon Carbide"} <= set(sic["aliases"].split("; "))
    ids = {n["id"] for n in nodes}
    assert all(r["source"] in ids and r["target"] in ids for r in rels)
    develops = [r for r in rels if r["type"] == "DEVELOPS" and r["target"] == SIC]
    assert develops and all(r["evidence"] and r["sources"] for r in develops)


def test_export_refuses_unknown_format_and_file_as_directory(
    corpus_store: FalkorDBStore, tmp_path: Path
) -> None:
    with pytest.raises(QueryError, match="format"):
        export(corpus_store, "gexf", tmp_path)
    afile = tmp_path / "a-file"
    afile.write_text("x", encoding="utf-8")
    with pytest.raises(QueryError, match="not a directory"):
        export(corpus_store, "csv", afile)


def test_graphml_gives_an_attribute_one_type(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", name="甲", label="Agency", year=2025, tags=["x"], note=None)
    g.add_node("b", name="乙", label="Agency", year="2025/2026")
    path = write_graphml(g, tmp_path / "mixed.graphml")
    back = nx.read_graphml(path)
    assert back.nodes["a"]["year"] == "2025"  # strings throughout: one GraphML key, one type
    assert back.nodes["b"]["year"] == "2025/2026"
    assert back.nodes["a"]["tags"] == '["x"]'
    assert "note" not in back.nodes["a"]
