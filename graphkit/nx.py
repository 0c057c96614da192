"""The graph as networkx graphs: whole, from a query, or a neighbourhood; ranking and plotting.

Every function that takes a graph takes it first, as networkx does. Graphs are
:class:`networkx.MultiDiGraph` objects keyed the same way throughout:

* a node is keyed by its ``id`` (``technology:碳化矽``); its attributes are the node's stored
  properties (``id``, ``name``, ``aliases``, ``keys``, ``sources``, ``editions`` …) plus
  ``label``, the node label (``Technology``);
* a relationship is an edge keyed by its type (``DEVELOPS``); its attributes are the stored
  properties (``evidence``, ``sources``, ``editions`` …) plus ``type``.

Lists stay Python lists. Labels and relationship types written into Cypher here come only from
:class:`~graphkit.records.Label` and :class:`~graphkit.records.RelType`, never from arguments;
every value is a query parameter.

networkx is a core dependency, so ``import graphkit.nx`` always works. :func:`plot` needs
matplotlib (the ``notebook`` extra) and a font with Chinese glyphs (:func:`find_cjk_font`);
``rank(by="pagerank")`` needs scipy. Without them those functions raise
:class:`~graphkit.errors.BackendError` saying what to install.

Example:
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("agency:a", name="甲", label="Agency")
    >>> g.add_node("programme:p", name="乙", label="Programme")
    >>> g.add_edge("programme:p", "agency:a", key="EXECUTED_BY", type="EXECUTED_BY")
    'EXECUTED_BY'
    >>> rank(g, by="degree", label="Agency")
    [('甲', 1)]
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

import networkx as nx

from .errors import BackendError, Errors, QueryError
from .normalise import name_key, normalise
from .records import Label, RelType
from .store.base import GraphStore

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "HUB_TYPES",
    "LABEL_COLOURS",
    "MAX_HOPS",
    "find_cjk_font",
    "neighbourhood",
    "plot",
    "rank",
    "to_networkx",
]

#: Relationship types that tie almost everything to a few Document/Article nodes. A
#: neighbourhood crossing them reaches most of the graph in two steps, so it leaves them out
#: unless asked.
HUB_TYPES: Final[tuple[RelType, ...]] = (RelType.MENTIONED_IN, RelType.PUBLISHED_IN)
#: Longest expansion :func:`neighbourhood` accepts (four steps already reach the whole graph).
MAX_HOPS: Final = 4
#: Ranking measures :func:`rank` knows.
Measure = Literal["degree", "pagerank", "betweenness"]
MEASURES: Final[tuple[str, ...]] = ("degree", "pagerank", "betweenness")

#: Colour of each label in :func:`plot` (matplotlib's tab20 colours, fixed so that a label keeps
#: its colour from one plot to the next).
LABEL_COLOURS: Final[Mapping[str, str]] = MappingProxyType(
    {
        Label.PROGRAMME.value: "#1f77b4",
        Label.AGENCY.value: "#d62728",
        Label.TECHNOLOGY.value: "#2ca02c",
        Label.POLICY.value: "#9467bd",
        Label.SUBSIDY_SCHEME.value: "#ff7f0e",
        Label.REGULATION.value: "#8c564b",
        Label.ORGANIZATION.value: "#e377c2",
        Label.DOCUMENT.value: "#7f7f7f",
        Label.DOMAIN.value: "#bcbd22",
        Label.CHAPTER.value: "#17becf",
        Label.ARTICLE.value: "#aec7e8",
    }
)
_OTHER_COLOUR: Final = "#c7c7c7"

#: Text the default font search must be able to draw: names the notebook shows.
CJK_SAMPLE: Final = "碳化矽工業技術研究院臺灣"
#: Fonts tried first, Traditional Chinese ones before the others (a Japanese or Simplified
#: Chinese CJK font draws these names too, with regional glyph shapes).
PREFERRED_FONTS: Final[tuple[str, ...]] = (
    "Noto Sans CJK TC",
    "Noto Sans TC",
    "Source Han Sans TC",
    "Source Han Sans TW",
    "Microsoft JhengHei",
    "PingFang TC",
    "Heiti TC",
    "AR PL UMing TW",
    "AR PL UKai TW",
    "Noto Serif CJK TC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Source Han Sans",
    "Microsoft YaHei",
    "SimHei",
    "Droid Sans Fallback",
)
NO_CJK_FONT: Final = (
    "no installed font can draw Chinese text ({missing}), so node names would be drawn as "
    "empty boxes. Install one and run again: `apt-get install fonts-noto-cjk` "
    "(Debian/Ubuntu; or fonts-wqy-zenhei), `dnf install google-noto-sans-cjk-ttc-fonts` "
    "(Fedora), `brew install --cask font-noto-sans-cjk-tc` (macOS); or pass font= the family "
    "name of a CJK font matplotlib knows"
)
NEEDS_MATPLOTLIB: Final = (
    "plotting needs matplotlib, from the 'notebook' extra: pip install 'graphkit[notebook]'"
)
NEEDS_SCIPY: Final = "{what} needs scipy: pip install scipy"

# ------------------------------------------------------------------------------ Cypher

_NODES: Final = (
    "MATCH (n) RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props ORDER BY id"
)
_EDGES: Final = (
    "MATCH (a)-[r]->(b) "
    "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props "
    "ORDER BY source, type, target"
)
_NODES_IN: Final = (
    "MATCH (n) WHERE n.id IN $ids "
    "RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props ORDER BY id"
)
_EDGES_IN: Final = (
    "MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids AND type(r) IN $types "
    "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props "
    "ORDER BY source, type, target"
)
_EDGES_OF_TYPE: Final = (
    "MATCH (a)-[r]->(b) WHERE type(r) = $type "
    "RETURN a.id AS source, b.id AS target, properties(r) AS props"
)
#: Same test as the saved queries (``n.name = $name OR … IN n.keys``), plus the name key of the
#: argument, which also drops legal prefixes such as 財團法人.
_FIND: Final = (
    "MATCH (n) WHERE n.name = $name OR $key IN n.keys "
    "OR toLower(replace($name, ' ', '')) IN n.keys "
    "RETURN n.id AS id ORDER BY id"
)


def _reach_query(types: Sequence[RelType], hops: int, *, by_label: bool) -> str:
    """Ids reachable from ``$seeds`` in 1..hops steps over ``types``.

    ``types`` are RelType members and ``hops`` a checked int: nothing else is interpolated.
    With ``by_label`` every node on the way (the seed excepted) must carry one of ``$labels``.
    """
    pattern = "|".join(RelType(t).value for t in types)
    steps = _check_hops(hops)
    if not by_label:
        return (
            f"MATCH (n)-[:{pattern}*1..{steps}]-(m) WHERE n.id IN $seeds RETURN DISTINCT m.id AS id"
        )
    return (
        f"MATCH p = (n)-[:{pattern}*1..{steps}]-(m) WHERE n.id IN $seeds "
        "AND all(x IN nodes(p) WHERE x = n OR any(l IN labels(x) WHERE l IN $labels)) "
        "RETURN DISTINCT m.id AS id"
    )


# ----------------------------------------------------------------------- building graphs


def to_networkx(
    store: GraphStore, query: str | None = None, params: Mapping[str, Any] | None = None
) -> nx.MultiDiGraph:
    """The stored graph, or what a query returns, as a :class:`networkx.MultiDiGraph`.

    Args:
        store: The graph store to read (queries run read-only).
        query: A Cypher query whose columns hold nodes, relationships or paths, or lists or
            maps of them, in any column. ``None`` (the default) takes every node and
            relationship.
        params: Parameters of ``query``.

    Returns:
        Nodes keyed by ``id`` with their properties and ``label``; edges keyed by relationship
        type with their properties and ``type``. A relationship returned without its end
        nodes still gets them: it is looked up by type and properties and matched to the nodes
        of its path or row, and end nodes the query did not return are added with their
        properties.

    Raises:
        QueryError: The store refused the query, or a returned node has no ``id``.

    Example:
        >>> g = to_networkx(store)  # doctest: +SKIP
        >>> sub = to_networkx(  # doctest: +SKIP
        ...     store,
        ...     "MATCH p = (:Programme)-[:DEVELOPS]->(t:Technology {name: $t}) RETURN p",
        ...     {"t": "碳化矽"},
        ... )
        >>> sorted({d["label"] for _, d in sub.nodes(data=True)})  # doctest: +SKIP
        ['Programme', 'Technology']
    """
    if query is None:
        return _graph(store.run(_NODES).records(), store.run(_EDGES).records())
    result = store.run(query, params)
    found = _Found()
    for row in result.rows:
        found.add_row(row)
    edges = _resolve(store, found)
    missing = sorted({e for edge in edges for e in (edge["source"], edge["target"])} - found.ids)
    nodes = list(found.nodes.values())
    if missing:
        nodes += store.run(_NODES_IN, {"ids": missing}).records()
    return _graph(nodes, edges)


def neighbourhood(
    store: GraphStore,
    name_or_alias: str,
    hops: int = 2,
    labels: Sequence[str | Label] | None = None,
    *,
    include_hubs: bool = False,
) -> nx.MultiDiGraph:
    """The nodes within ``hops`` steps of an entity found by its name or any alias.

    The entity is found as the saved queries find it: ``n.name`` equal to the argument, or the
    argument lower-cased without spaces (or its name key) among ``n.keys``, after the argument
    is normalised (NFKC, 台→臺). ``SiC``, ``Silicon Carbide`` and ``碳化矽`` all find 碳化矽.
    Several nodes can share a name (a Technology and a Chapter); all of them are centres.

    Args:
        store: The graph store.
        name_or_alias: A name, alias, abbreviation or English name.
        hops: Steps to expand, 1 to :data:`MAX_HOPS`.
        labels: Keep only nodes with these labels (``"Programme"``, ``Label.AGENCY`` …). The
            expansion only passes through such nodes, so the result stays connected; the
            centre is always kept.
        include_hubs: Also follow MENTIONED_IN and PUBLISHED_IN (:data:`HUB_TYPES`), which
            link nearly every entity to its Document and Article nodes.

    Returns:
        The induced subgraph (every followed relationship between the nodes kept), shaped as
        :func:`to_networkx` shapes graphs. ``graph.graph`` holds ``centre`` (the matched ids),
        ``name``, ``hops`` and ``labels``.

    Raises:
        QueryError: ``hops`` or a label is invalid, or no node has that name or alias.

    Example:
        >>> g = neighbourhood(store, "SiC", hops=1)  # doctest: +SKIP
        >>> g.graph["centre"]  # doctest: +SKIP
        ['technology:碳化矽']
        >>> {d["label"] for _, d in g.nodes(data=True)}  # doctest: +SKIP
        {'Programme', 'Technology'}
    """
    steps = _check_hops(hops)
    wanted = _check_labels(labels)
    if not isinstance(name_or_alias, str) or not normalise(name_or_alias).strip():
        raise QueryError(Errors.E023.format(detail="name must be a non-empty name or alias"))
    name = normalise(name_or_alias).strip()
    seeds = [
        str(r["id"])
        for r in store.run(_FIND, {"name": name, "key": name_key(name)}).records()
        if r["id"] is not None
    ]
    if not seeds:
        raise QueryError(
            Errors.E023.format(
                detail=f"name={name_or_alias!r}: no node has this name or alias "
                "(`graphkit query neighbourhood --param name=...` uses the same lookup)"
            )
        )
    types = [t for t in RelType if include_hubs or t not in HUB_TYPES]
    params: dict[str, Any] = {"seeds": seeds}
    if wanted is not None:
        params["labels"] = [lab.value for lab in wanted]
    reached = store.run(_reach_query(types, steps, by_label=wanted is not None), params)
    ids = sorted({*seeds, *(str(r[0]) for r in reached.rows if r[0] is not None)})
    graph = _graph(
        store.run(_NODES_IN, {"ids": ids}).records(),
        store.run(_EDGES_IN, {"ids": ids, "types": [t.value for t in types]}).records(),
    )
    graph.graph.update(
        centre=seeds,
        name=name_or_alias,
        hops=steps,
        labels=None if wanted is None else [lab.value for lab in wanted],
    )
    return graph


def _graph(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> Any:
    """A MultiDiGraph from rows ``{id, label, props}`` and ``{source, target, type, props}``."""
    graph = nx.MultiDiGraph()
    for row in nodes:
        props = dict(row.get("props") or {})
        graph.add_node(str(row["id"]), **{**props, "label": row["label"]})
    for row in edges:
        props = dict(row.get("props") or {})
        typ = str(row["type"])
        graph.add_edge(str(row["source"]), str(row["target"]), key=typ, **{**props, "type": typ})
    return graph


# ------------------------------------------------- relationships without their end nodes


@dataclass(frozen=True, slots=True)
class _Rel:
    """A relationship as a query returned it: type and properties, no end nodes.

    ``ends`` holds the ids of the nodes beside it in a path; ``row`` the ids of every node in
    the same result row.
    """

    type: str
    props: Mapping[str, Any]
    ends: frozenset[str] | None
    row: frozenset[str]


class _Found:
    """Nodes and relationships found in query results, whatever column or nesting."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.rels: list[_Rel] = []

    @property
    def ids(self) -> set[str]:
        return set(self.nodes)

    def add_row(self, row: Sequence[Any]) -> None:
        pending: list[tuple[str, Mapping[str, Any], frozenset[str] | None]] = []
        row_ids: set[str] = set()
        for value in row:
            for kind, item, ends in _walk(value):
                if kind == "node":
                    row_ids.add(self._add_node(item))
                else:
                    pending.append((str(item["type"]), dict(item.get("properties") or {}), ends))
        frozen = frozenset(row_ids)
        self.rels += [_Rel(t, p, e, frozen) for t, p, e in pending]

    def _add_node(self, node: Mapping[str, Any]) -> str:
        props = dict(node.get("properties") or {})
        if props.get("id") is None:
            raise QueryError(
                Errors.E023.format(
                    detail="a node returned by the query has no id property; graphkit graphs "
                    "key nodes by id"
                )
            )
        labels = list(node.get("labels") or [])
        node_id = str(props["id"])
        self.nodes[node_id] = {
            "id": node_id,
            "label": labels[0] if labels else None,
            "props": props,
        }
        return node_id


def _kind(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    keys = set(value)
    if keys == {"labels", "properties"}:
        return "node"
    if keys == {"type", "properties"}:
        return "rel"
    if keys == {"nodes", "relationships"}:
        return "path"
    return None


def _walk(value: Any) -> Iterator[tuple[str, Mapping[str, Any], frozenset[str] | None]]:
    """Yield ``(kind, item, ends)`` for every node and relationship inside ``value``."""
    kind = _kind(value)
    if kind == "node":
        yield "node", value, None
    elif kind == "rel":
        yield "rel", value, None
    elif kind == "path":
        path_nodes = list(value["nodes"])
        for node in path_nodes:
            yield "node", node, None
        for i, rel in enumerate(value["relationships"]):
            ends = frozenset(
                str((n.get("properties") or {}).get("id")) for n in path_nodes[i : i + 2]
            )
            yield "rel", rel, ends
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)


def _fingerprint(props: Mapping[str, Any]) -> str:
    return json.dumps(props, sort_keys=True, ensure_ascii=False, default=str)


def _resolve(store: GraphStore, found: _Found) -> list[dict[str, Any]]:
    """End nodes for every relationship found: the stored one with the same type and props.

    Of several stored relationships alike in type and properties, those beside the
    relationship in its path win, or else those with most end nodes in its row.
    """
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for typ in sorted({rel.type for rel in found.rels}):
        index: dict[str, list[Mapping[str, Any]]] = {}
        for row in store.run(_EDGES_OF_TYPE, {"type": typ}).records():
            index.setdefault(_fingerprint(row["props"] or {}), []).append(row)
        for rel in (r for r in found.rels if r.type == typ):
            candidates = index.get(_fingerprint(rel.props), [])
            if rel.ends is not None:
                candidates = [
                    c for c in candidates if {str(c["source"]), str(c["target"])} == rel.ends
                ]
            elif rel.row and candidates:
                overlap = [
                    (str(c["source"]) in rel.row) + (str(c["target"]) in rel.row)
                    for c in candidates
                ]
                best = max(overlap)
                candidates = [c for c, o in zip(candidates, overlap, strict=True) if o == best]
            for c in candidates:
                source, target = str(c["source"]), str(c["target"])
                edges[(source, typ, target)] = {
                    "source": source,
                    "target": target,
                    "type": typ,
                    "props": c["props"],
                }
    return [edges[k] for k in sorted(edges)]


# ----------------------------------------------------------------------------- checks


def _check_hops(hops: int) -> int:
    if isinstance(hops, bool) or not isinstance(hops, int) or not 1 <= hops <= MAX_HOPS:
        raise QueryError(
            Errors.E023.format(detail=f"hops={hops!r} must be a whole number from 1 to {MAX_HOPS}")
        )
    return hops


def _check_labels(labels: Sequence[str | Label] | None) -> tuple[Label, ...] | None:
    if labels is None:
        return None
    if isinstance(labels, str):
        labels = [labels]  # one label given bare: a str is a Sequence, but of characters
    known = {lab.value.lower(): lab for lab in Label}
    out: list[Label] = []
    for label in labels:
        found = known.get(str(label).lower()) if isinstance(label, str) else None
        if found is None:
            raise QueryError(
                Errors.E023.format(
                    detail=f"label {label!r} is not a graph label "
                    f"(known: {', '.join(lab.value for lab in Label)})"
                )
            )
        out.append(found)
    return tuple(dict.fromkeys(out))


# ---------------------------------------------------------------------------- ranking


def rank(
    graph: nx.MultiDiGraph,
    by: Measure | str = "degree",
    label: str | Label | None = None,
    top: int | None = 20,
) -> list[tuple[str, float]]:
    """The most central nodes of a graph, by name.

    Args:
        graph: A graph from :func:`to_networkx` or :func:`neighbourhood`.
        by: ``"degree"``: number of relationships, in and out (an int); ``"betweenness"``:
            share of shortest paths through the node, direction ignored; ``"pagerank"``:
            PageRank following relationship direction, so the targets of many relationships
            (agencies executing, technologies developed) rank high. PageRank needs scipy.
        label: Rank only nodes with this label; scores are still computed on the whole graph.
        top: How many to return; ``None`` for all.

    Returns:
        ``(name, score)`` pairs, highest score first, ties by name.

    Raises:
        QueryError: ``by``, ``label`` or ``top`` is invalid.
        BackendError: PageRank was asked for and scipy is not installed.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> for p in ("p1", "p2"):
        ...     _ = g.add_edge(p, "a", key="EXECUTED_BY", type="EXECUTED_BY")
        >>> nx.set_node_attributes(g, {"a": "工研院", "p1": "甲", "p2": "乙"}, "name")
        >>> rank(g, top=2)
        [('工研院', 2), ('乙', 1)]
    """
    if by not in MEASURES:
        raise QueryError(
            Errors.E023.format(detail=f"by={by!r} must be one of {', '.join(MEASURES)}")
        )
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise QueryError(Errors.E023.format(detail=f"top={top!r} must be a positive number"))
    wanted = None if label is None else _check_labels([label])
    scores: Mapping[Any, float]
    if by == "degree":
        scores = dict(graph.degree())
    elif by == "betweenness":
        # Direction ignored: Programme→Agency and Programme→Technology edges would otherwise
        # leave no directed path through an agency or a technology.
        scores = nx.betweenness_centrality(nx.Graph(graph))
    else:
        try:
            scores = nx.pagerank(graph)
        except ImportError as exc:  # networkx computes PageRank with scipy
            raise BackendError(NEEDS_SCIPY.format(what="rank(by='pagerank')")) from exc
    rows = [
        (str(data.get("name", node)), scores.get(node, 0), str(node))
        for node, data in graph.nodes(data=True)
        if wanted is None or data.get("label") in {lab.value for lab in wanted}
    ]
    rows.sort(key=lambda r: (-r[1], r[0], r[2]))
    return [(name, score) for name, score, _ in rows[:top]]


# --------------------------------------------------------------------------- plotting


def find_cjk_font(text: str = CJK_SAMPLE) -> str:
    """The family name of an installed font that can draw ``text`` (Chinese), for matplotlib.

    Fonts matplotlib already knows are tried first, :data:`PREFERRED_FONTS` before the rest.
    matplotlib keeps a cache of system fonts, so one installed after the cache was written is
    then looked for with fontconfig (``fc-list :lang=zh``) and registered with matplotlib.

    Args:
        text: Characters the font must have glyphs for (whitespace ignored).

    Returns:
        A family name matplotlib resolves (``fontfamily=``, ``rcParams["font.family"]``).

    Raises:
        BackendError: matplotlib is missing, or no font has every character; the message says
            how to install one.

    Example:
        >>> find_cjk_font()  # doctest: +SKIP
        'Noto Sans CJK JP'
    """
    return _find_cjk(text)[0]


def _find_cjk(text: str) -> tuple[str, str]:
    """(family name, font file) of the first font that has a glyph for every character."""
    font_manager = _matplotlib().font_manager
    needed = frozenset(ord(ch) for ch in text if not ch.isspace())
    preference = {name: i for i, name in enumerate(PREFERRED_FONTS)}
    entries = sorted(
        font_manager.fontManager.ttflist,
        key=lambda e: (preference.get(e.name, len(preference)), e.name, e.fname),
    )
    for entry in entries:
        if _covers(entry.fname, needed):
            return str(entry.name), str(entry.fname)
    for path in _fontconfig_files():
        if _covers(path, needed):
            font_manager.fontManager.addfont(path)
            return str(font_manager.FontProperties(fname=path).get_name()), path
    missing = "".join(sorted(chr(c) for c in needed))[:20]
    raise BackendError(NO_CJK_FONT.format(missing=missing))


@cache
def _charmap(path: str) -> frozenset[int]:
    """Code points a font file has glyphs for (empty if the file cannot be read)."""
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def _covers(path: str, needed: frozenset[int]) -> bool:
    return needed <= _charmap(path)


def _fontconfig_files() -> list[str]:
    """Font files fontconfig says cover Chinese, or none where there is no fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        done = subprocess.run(
            [fc_list, "--format=%{file}\\n", ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.strip() for line in done.stdout.splitlines() if line.strip()})


def _matplotlib() -> Any:
    """matplotlib, imported only when a plot is made."""
    try:
        import matplotlib
        import matplotlib.figure
        import matplotlib.font_manager
        import matplotlib.lines
    except ImportError as exc:
        raise BackendError(NEEDS_MATPLOTLIB) from exc
    return matplotlib


Layout = Literal["auto", "rings", "spring"]


def plot(
    graph: nx.MultiDiGraph,
    path: str | Path | None = None,
    ax: Axes | None = None,
    *,
    title: str | None = None,
    layout: Layout = "auto",
    font: str | None = None,
    max_labels: int | None = 80,
    seed: int = 7,
    figsize: tuple[float, float] = (14.0, 11.0),
) -> Axes:
    """Draw a graph with matplotlib: nodes coloured by label, named in Chinese.

    Nodes are sized by degree and coloured by label (:data:`LABEL_COLOURS`, with a legend).
    A :func:`neighbourhood` is drawn in rings: its centre (ringed in black) in the middle,
    nodes one step away on the first ring, two steps on the second, each ring grouped by label
    and ordered to follow its inner neighbours. Other graphs get a spring layout. Both are
    deterministic. The centre and the best-connected nodes, up to ``max_labels``, are named.

    Args:
        graph: A graph from :func:`to_networkx` or :func:`neighbourhood`.
        path: Also save the figure there (the format follows the suffix: ``.png``, ``.svg`` …).
        ax: Draw into these axes; by default a new figure is made (not registered with pyplot,
            so plotting in a loop keeps no figures open; a notebook shows ``ax.figure``).
        title: Figure title (may be Chinese).
        layout: ``"rings"``, ``"spring"``, or ``"auto"``: rings when the graph has a centre.
        font: Font family for names and title; by default :func:`find_cjk_font` finds one.
        max_labels: How many nodes to name; ``None`` names all.
        seed: Seed of the spring layout.
        figsize: Size in inches of a new figure.

    Returns:
        The axes drawn into.

    Raises:
        BackendError: matplotlib is missing, no font can draw the names, or a spring layout of
            500 nodes or more needs scipy.
        QueryError: ``layout`` is not one of the above.

    Example:
        >>> g = neighbourhood(store, "碳化矽", hops=2)  # doctest: +SKIP
        >>> ax = plot(g, "sic.png", title="碳化矽的兩步鄰域")  # doctest: +SKIP
    """
    if layout not in ("auto", "rings", "spring"):
        raise QueryError(
            Errors.E023.format(detail=f"layout={layout!r} must be auto, rings or spring")
        )
    mpl = _matplotlib()
    simple = nx.Graph(graph)  # one line per linked pair, direction dropped: easier to read
    names = {node: str(graph.nodes[node].get("name", node)) for node in simple}
    centre = [n for n in graph.graph.get("centre", []) if n in simple]
    degree = dict(simple.degree())
    by_degree = sorted(simple, key=lambda n: (-degree[n], names[n]))
    limit = len(by_degree) if max_labels is None else max(max_labels, 0)
    named = list(dict.fromkeys([*centre, *by_degree]))[: max(limit, len(centre))]
    shown = {n: names[n] for n in named}

    rings = layout == "rings" or (layout == "auto" and bool(centre))
    if rings:
        pos = _rings(graph, simple, centre or by_degree[:1])
    else:
        try:
            pos = nx.spring_layout(simple, seed=seed) if len(simple) else {}
        except ImportError as exc:  # networkx lays out 500+ nodes with scipy sparse matrices
            raise BackendError(
                NEEDS_SCIPY.format(what=f"a spring layout of {len(simple)} nodes")
                + "; or use layout='rings', or plot a neighbourhood"
            ) from exc

    font_manager = mpl.font_manager
    if font is None:
        fname = _font_file("".join(shown.values()) + (title or ""))
        text_font = font_manager.FontProperties(fname=fname, size=7)
        title_font = font_manager.FontProperties(fname=fname, size=13)
    else:
        text_font = font_manager.FontProperties(family=font, size=7)
        title_font = font_manager.FontProperties(family=font, size=13)

    if ax is None:
        ax = mpl.figure.Figure(figsize=figsize, layout="constrained").add_subplot()
    colours = [LABEL_COLOURS.get(_label(graph, n), _OTHER_COLOUR) for n in simple]
    sizes = [60 + 30 * min(degree[n], 30) for n in simple]
    nx.draw_networkx_edges(simple, pos, ax=ax, width=0.5, alpha=0.3, edge_color="#666666")
    nx.draw_networkx_nodes(
        simple, pos, ax=ax, node_color=colours, node_size=sizes, linewidths=0.5, edgecolors="white"
    )
    if centre:
        nx.draw_networkx_nodes(
            simple,
            pos,
            nodelist=centre,
            ax=ax,
            node_size=1000,
            node_color=[LABEL_COLOURS.get(_label(graph, n), _OTHER_COLOUR) for n in centre],
            linewidths=2.5,
            edgecolors="black",
        )
    middle = centre or by_degree[:1]
    for node, name in shown.items():
        x, y = (float(v) for v in pos[node])
        box = {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7}
        if rings and node not in middle:
            # Names on a ring read outwards along the radius, as in a chord diagram, so that
            # neighbours on the ring do not overprint one another.
            cx, cy = (float(v) for v in pos[middle[0]]) if len(middle) == 1 else (0.0, 0.0)
            angle = math.degrees(math.atan2(y - cy, x - cx))
            right = -90 <= angle <= 90
            ax.text(
                x + 0.02 * math.cos(math.radians(angle)),
                y + 0.02 * math.sin(math.radians(angle)),
                name,
                rotation=angle if right else angle - 180,
                rotation_mode="anchor",
                ha="left" if right else "right",
                va="center",
                fontproperties=text_font,
                bbox=box,
                clip_on=False,
            )
        else:
            # A font file, not a family name: no lookup by name, so no silent fallback to a
            # font without Chinese glyphs.
            ax.text(x, y, name, ha="center", va="center", fontproperties=text_font, bbox=box)
    handles = [
        mpl.lines.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=8,
            color=LABEL_COLOURS.get(lab, _OTHER_COLOUR),
            label=lab,
        )
        for lab in sorted({_label(graph, n) for n in simple})
    ]
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    if title:
        ax.set_title(title, fontproperties=title_font)
    if rings:
        ax.margins(0.3)  # room for the names that point outwards from the outer ring
    ax.set_axis_off()
    if path is not None:
        figure: Any = ax.figure
        # ``figure`` of a Figure is itself; of a SubFigure, the Figure it belongs to.
        figure.figure.savefig(path, dpi=150, bbox_inches="tight")
    return ax


def _label(graph: nx.MultiDiGraph, node: Any) -> str:
    return str(graph.nodes[node].get("label"))


def _font_file(text: str) -> str:
    """A CJK font file for ``text``; one for the common sample if none has every character."""
    try:
        return _find_cjk(text or CJK_SAMPLE)[1]
    except BackendError:
        # A rare character no font has: draw with a CJK font anyway (matplotlib then warns
        # about that one glyph) rather than refuse the whole plot.
        return _find_cjk(CJK_SAMPLE)[1]


def _rings(graph: nx.MultiDiGraph, simple: Any, centre: Sequence[Any]) -> dict[Any, Any]:
    """Positions on concentric rings by distance from ``centre``.

    Ring 1 is grouped by label; on each outer ring a node sits near the mean angle of its
    neighbours on the ring inside (the barycentre heuristic), which keeps lines short.
    Nodes not connected to the centre go on an outermost ring.
    """
    distance: dict[Any, int] = {}
    for source in centre:
        for node, d in nx.single_source_shortest_path_length(simple, source).items():
            distance[node] = min(d, distance.get(node, d))
    outer = max(distance.values(), default=0) + 1
    rings: dict[int, list[Any]] = {}
    for node in simple:
        rings.setdefault(distance.get(node, outer), []).append(node)
    order: list[list[Any]] = []
    angle: dict[Any, float] = {}
    for level in sorted(rings):
        ring = rings[level]
        if level <= 1 or not order:
            ring.sort(key=lambda n: (_label(graph, n), str(graph.nodes[n].get("name", n)), n))
        else:

            def inner_angle(node: Any) -> float:
                seen = [angle[m] for m in simple[node] if m in angle]
                return sum(seen) / len(seen) if seen else 1.0

            ring.sort(key=lambda n: (inner_angle(n), _label(graph, n), n))
        for i, node in enumerate(ring):
            angle[node] = i / max(len(ring), 1)
        order.append(ring)
    return dict(nx.shell_layout(simple, nlist=order))
