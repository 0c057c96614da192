"""Export the graph to files other tools open: GraphML (Gephi), node-link JSON, CSV.

:func:`export` writes the whole stored graph; the ``write_*`` functions write any graph
:mod:`graphkit.graphs` builds (a neighbourhood, a query's result). Text is UTF-8 throughout, Chinese
written as is (never ``\\u`` escapes).

GraphML
    ``graphkit.graphml``. GraphML has no list type, so list properties (``aliases``, ``keys``,
    ``sources``, ``editions``) are written as JSON arrays in strings
    (``["工研院", "ITRI"]``), which ``json.loads`` reads back. Shaped for Gephi's importer:
    a node's ``label`` data is its *name* (Gephi shows it on the node), its graph label goes in
    ``labels`` as ``:Technology`` (as Neo4j's APOC writes GraphML); a relationship's ``label``
    data is its type, and its GraphML ``id`` is ``TYPE:source->target``, unique as Gephi needs.
JSON
    ``graphkit.json``: networkx node-link data (``{"directed", "multigraph", "graph", "nodes",
    "edges"}``), each node with its properties and ``label``, each edge with ``source``,
    ``target``, ``key`` (the type), ``type`` and its properties; lists stay lists. Read it
    back with ``networkx.node_link_graph(data, edges="edges")``.
CSV
    ``nodes.csv`` (``id, label, name, aliases, …``) and ``relationships.csv``
    (``source, target, type, evidence, sources, editions, …``), one row each, a column per
    property; list items are joined with ``"; "``, true/false are written ``true``/``false``.

Example:
    >>> from graphkit import Workspace  # doctest: +SKIP
    >>> Workspace("graphkit-data").export("csv", Path("out"))  # doctest: +SKIP
    [PosixPath('out/nodes.csv'), PosixPath('out/relationships.csv')]
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, Literal

import networkx as nx

from .errors import Errors, QueryError
from .graphs import to_networkx
from .store.base import GraphStore

__all__ = ["FORMATS", "export", "write_csv", "write_graphml", "write_json"]

Format = Literal["graphml", "json", "csv"]
#: Formats :func:`export` writes.
FORMATS: Final[tuple[str, ...]] = ("graphml", "json", "csv")
GRAPHML_FILE: Final = "graphkit.graphml"
JSON_FILE: Final = "graphkit.json"
NODES_FILE: Final = "nodes.csv"
RELATIONSHIPS_FILE: Final = "relationships.csv"
#: Separator of list items in CSV cells.
LIST_SEPARATOR: Final = "; "

_NODE_FIRST: Final = ("id", "label", "name", "aliases", "name_en", "abbr")
_EDGE_FIRST: Final = ("source", "target", "type", "evidence", "sources", "editions")


def export(store: GraphStore, fmt: Format | str, out: Path) -> list[Path]:
    """Write every node and relationship of ``store`` to ``out`` in format ``fmt``.

    Args:
        store: The graph store to read.
        fmt: ``"graphml"``, ``"json"`` or ``"csv"`` (see the module documentation).
        out: Directory to write into; created if missing. Files there are overwritten.

    Returns:
        The files written.

    Raises:
        QueryError: ``fmt`` is not a known format, or ``out`` is a file.
    """
    if fmt not in FORMATS:
        raise QueryError(
            Errors.E023.format(detail=f"format {fmt!r} must be one of {', '.join(FORMATS)}")
        )
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise QueryError(Errors.E023.format(detail=f"out={str(out)!r} is a file, not a directory"))
    out.mkdir(parents=True, exist_ok=True)
    graph = to_networkx(store)
    if fmt == "graphml":
        return [write_graphml(graph, out / GRAPHML_FILE)]
    if fmt == "json":
        return [write_json(graph, out / JSON_FILE)]
    return write_csv(graph, out)


# ------------------------------------------------------------------------------ GraphML


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Write ``graph`` as GraphML for Gephi (lists as JSON strings; see the module docs).

    Example:
        >>> import networkx as nx, tempfile
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("agency:工業技術研究院", name="工業技術研究院", label="Agency",
        ...            aliases=["工研院", "ITRI"])
        >>> path = write_graphml(g, Path(tempfile.mkdtemp()) / "g.graphml")
        >>> back = nx.read_graphml(path)
        >>> json.loads(back.nodes["agency:工業技術研究院"]["aliases"])
        ['工研院', 'ITRI']
        >>> back.nodes["agency:工業技術研究院"]["labels"]
        ':Agency'
    """
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("id", "label")}
        attrs["label"] = str(data.get("name", node))
        if data.get("label") is not None:
            attrs["labels"] = f":{data['label']}"
        out.add_node(str(node), **attrs)
    for source, target, key, data in graph.edges(keys=True, data=True):
        typ = str(data.get("type", key))
        attrs = {k: v for k, v in data.items() if k != "label"}
        attrs["label"] = typ
        out.add_edge(str(source), str(target), key=f"{typ}:{source}->{target}", **attrs)
    _graphml_values([data for _, data in out.nodes(data=True)])
    _graphml_values([data for *_, data in out.edges(keys=True, data=True)])
    nx.write_graphml(out, path, encoding="utf-8")
    return path


def _graphml_values(dicts: list[dict[str, Any]]) -> None:
    """Make attribute values GraphML can hold, one type per attribute name.

    Lists become JSON strings; None is dropped; an attribute whose values differ in type
    across nodes (or edges) is written as strings throughout, since a GraphML key has one type.
    """
    for data in dicts:
        for key in list(data):
            value = data[key]
            if value is None:
                del data[key]
            elif isinstance(value, list | tuple | dict):
                data[key] = json.dumps(value, ensure_ascii=False)
    types: dict[str, set[type]] = {}
    for data in dicts:
        for key, value in data.items():
            types.setdefault(key, set()).add(type(value))
    mixed = {key for key, seen in types.items() if len(seen) > 1}
    for data in dicts:
        for key in mixed & set(data):
            data[key] = _text(data[key])


# --------------------------------------------------------------------------------- JSON


def write_json(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Write ``graph`` as networkx node-link JSON (UTF-8, lists kept as lists).

    Example:
        >>> import networkx as nx, tempfile
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edge("programme:p", "technology:碳化矽", key="DEVELOPS", type="DEVELOPS")
        >>> path = write_json(g, Path(tempfile.mkdtemp()) / "g.json")
        >>> data = json.loads(path.read_text(encoding="utf-8"))
        >>> data["edges"][0]["target"]
        'technology:碳化矽'
    """
    data = nx.node_link_data(graph, edges="edges")
    with path.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, default=str)
        f.write("\n")
    return path


# ---------------------------------------------------------------------------------- CSV


def write_csv(graph: nx.MultiDiGraph, out: Path) -> list[Path]:
    """Write ``graph`` as ``nodes.csv`` and ``relationships.csv`` in the directory ``out``.

    Example:
        >>> import networkx as nx, tempfile
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("technology:碳化矽", name="碳化矽", label="Technology",
        ...            aliases=["SiC", "Silicon Carbide"])
        >>> nodes, _ = write_csv(g, Path(tempfile.mkdtemp()))
        >>> print(nodes.read_text(encoding="utf-8").splitlines()[1])
        technology:碳化矽,Technology,碳化矽,SiC; Silicon Carbide
    """
    out.mkdir(parents=True, exist_ok=True)
    nodes = [{**data, "id": str(node)} for node, data in graph.nodes(data=True)]
    edges = [
        {**data, "source": str(s), "target": str(t), "type": str(data.get("type", k))}
        for s, t, k, data in graph.edges(keys=True, data=True)
    ]
    return [
        _write_rows(out / NODES_FILE, nodes, _NODE_FIRST),
        _write_rows(out / RELATIONSHIPS_FILE, edges, _EDGE_FIRST),
    ]


def _write_rows(path: Path, rows: list[dict[str, Any]], first: tuple[str, ...]) -> Path:
    present = {key for row in rows for key in row}
    columns = [c for c in first if c in present or c in first[:3]]
    columns += sorted(present - set(columns))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in columns])
    return path


def _cell(value: Any) -> str:
    """A CSV cell: lists joined, text a spreadsheet would run as a formula escaped."""
    from .output import escape_formula

    if isinstance(value, list | tuple):
        return escape_formula(LIST_SEPARATOR.join(_text(v) for v in value))
    return escape_formula(_text(value))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
