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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

import networkx as nx

from .errors import Errors, QueryError
from .normalise import name_key
from .records import Label, RelType
from .store import cypher
from .store.base import GraphStore
from .store.results import NodeValue, PathValue, RelationshipValue

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
#: The saved queries' test (``$name IN n.keys``): ``$key`` is the argument's name key, made by
#: the function that makes every node's ``keys`` (:func:`graphkit.normalise.name_key`).
_FIND: Final = "MATCH (n) WHERE $key IN n.keys RETURN n.id AS id ORDER BY id"


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
        type with their properties and ``type``, between the end nodes the store gives every
        relationship (:class:`~graphkit.store.results.RelationshipValue`). End nodes the query
        did not return are added with their properties.

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
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for value in _values(store.run(query, params).rows):
        if isinstance(value, NodeValue):
            node_id = _keyed(value.id)
            label = value.labels[0] if value.labels else None
            nodes[node_id] = {"id": node_id, "label": label, "props": dict(value.properties)}
        else:
            source, target = _keyed(value.start), _keyed(value.end)
            edges[(source, value.type, target)] = {
                "source": source,
                "target": target,
                "type": value.type,
                "props": dict(value.properties),
            }
    missing = sorted({end for s, _, t in edges for end in (s, t)} - nodes.keys())
    found = list(nodes.values())
    if missing:
        found += store.run(_NODES_IN, {"ids": missing}).records()
    return _graph(found, [edges[k] for k in sorted(edges)])


def neighbourhood(
    store: GraphStore,
    name_or_alias: str,
    hops: int = 2,
    labels: Sequence[str | Label] | None = None,
    *,
    include_hubs: bool = False,
) -> nx.MultiDiGraph:
    """The nodes within ``hops`` steps of an entity found by its name or any alias.

    The entity is found as the saved queries find it: the argument's name key (:func:`name_key`:
    no spaces, case folded, no 財團法人 prefix) among ``n.keys``. ``SiC``, ``Silicon Carbide``
    and ``碳化矽`` find 碳化矽; 工研院, ITRI and 財團法人工業技術研究院 find 工業技術研究院.
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
    key = name_key(name_or_alias) if isinstance(name_or_alias, str) else ""
    if not key:
        raise QueryError(Errors.E023.format(detail="name must be a non-empty name or alias"))
    found = store.run(_FIND, {"key": key}).records()
    seeds = [str(r["id"]) for r in found if r["id"] is not None]
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


# ------------------------------------------------------------------ typed query values


def _values(value: Any) -> Iterator[NodeValue | RelationshipValue]:
    """Every node and relationship inside a query value, whatever the nesting."""
    if isinstance(value, NodeValue | RelationshipValue):
        yield value
    elif isinstance(value, PathValue):
        yield from value.nodes
        yield from value.relationships
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _values(item)


def _keyed(value: str | None) -> str:
    """A graph id, or the error for a node without one (graphkit graphs key nodes by id)."""
    if value is None:
        raise QueryError(
            Errors.E023.format(
                detail="a node returned by the query has no id property; graphkit graphs "
                "key nodes by id"
            )
        )
    return value


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
