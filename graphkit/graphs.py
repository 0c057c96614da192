"""The stored graph as networkx graphs: whole, from a query, or a neighbourhood.

Every function that takes a graph takes it first, as networkx does. Graphs are
:class:`networkx.MultiDiGraph` objects keyed the same way throughout:

* a node is keyed by its ``id`` (``technology:碳化矽``); its attributes are the node's stored
  properties (``id``, ``name``, ``aliases``, ``keys``, ``sources``, ``editions`` …) plus
  ``label``, the node label (``Technology``);
* a relationship is an edge keyed by its type (``DEVELOPS``); its attributes are the stored
  properties (``evidence``, ``sources``, ``editions`` …) plus ``type``.

Lists stay Python lists. Labels and relationship types written into Cypher here come only from
:class:`~graphkit.records.Label` and :class:`~graphkit.records.RelType`, never from arguments;
every value is a query parameter. Ranking is in :mod:`graphkit.ranking`, drawing in
:mod:`graphkit.plotting`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import networkx as nx

from .errors import Errors, QueryError
from .normalise import name_key, normalise
from .records import Label, RelType
from .store import cypher
from .store.base import GraphStore

#: Relationship types that tie almost everything to a few Document/Article nodes. A
#: neighbourhood crossing them reaches most of the graph in two steps, so it leaves them out
#: unless asked.
HUB_TYPES: Final[tuple[RelType, ...]] = (RelType.MENTIONED_IN, RelType.PUBLISHED_IN)
#: Longest expansion :func:`neighbourhood` accepts (four steps already reach the whole graph).
MAX_HOPS: Final = 4
#: What networkx needs scipy for is said in the message (PageRank, large spring layouts).
NEEDS_SCIPY: Final = "{what} needs scipy: pip install scipy"

# ------------------------------------------------------------------------------ Cypher

_NODES: Final = (  # the marker node a push leaves in Neo4j is not part of the graph
    f"{cypher.GRAPH_NODES} RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props "
    "ORDER BY id"
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
    steps = check_hops(hops)
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
    steps = check_hops(hops)
    wanted = check_labels(labels)
    seeds = _centres(store, name_or_alias)
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


def _centres(store: GraphStore, name_or_alias: str) -> list[str]:
    """Ids of the nodes a name or alias finds (see :func:`neighbourhood`); none is an error."""
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
    return seeds


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


def check_hops(hops: int) -> int:
    if isinstance(hops, bool) or not isinstance(hops, int) or not 1 <= hops <= MAX_HOPS:
        raise QueryError(
            Errors.E023.format(detail=f"hops={hops!r} must be a whole number from 1 to {MAX_HOPS}")
        )
    return hops


def check_labels(labels: Sequence[str | Label] | None) -> tuple[Label, ...] | None:
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
