"""Build stage: merge what each document contributes into one graph, with provenance.

Merging is a pure function of the *set* of extractions: they are ordered by edition year,
edition and document id first, so the order files were loaded in never matters. Every node and
relationship gets ``sources`` (Document ids) and ``editions``; evidence comes from the first
source (the earliest edition), other node properties from the latest edition that states them
(a programme's extended year span, a changed URL). A node's ``keys`` holds the lower-cased
forms of all its names, so queries can find 碳化矽 by ``sic``. Nodes of one label in different
documents that a name, abbreviation or English name shows to be one thing are made one node
first (:func:`graphkit.unify.unify`: one name and id, chosen by a rule on the names), and a key
that still finds two nodes is on neither, so one key finds one node or none.

The merge is item by item: every document's *parts* of one node or relationship (what it says
of that item), in document order, folded by :func:`fold_node` or :func:`fold_edge`. An item
depends only on its own parts, which is what lets :mod:`graphkit.mergestate` redo only the
items a changed document touches and still equal a whole build.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from .records import (
    DocumentInfo,
    Evidence,
    Extraction,
    Graph,
    GraphEdge,
    GraphNode,
    Label,
    NodeRef,
    PropValue,
    RelType,
)
from .unify import Unified, node_keys, unify

#: Where a document goes in the merge: (edition year, edition, document id).
Order = tuple[int, str, str]
#: One document's part of a node: (document id, its editions, name, aliases, properties).
NodePart = tuple[str, Sequence[str], str, Sequence[str], Mapping[str, PropValue]]
#: One document's part of a relationship: (document id, its editions, properties, evidence).
EdgePart = tuple[str, Sequence[str], Mapping[str, PropValue], Evidence]
NodeKey = tuple[Label, str]
EdgeKey = tuple[RelType, NodeRef, NodeRef]

__all__ = [
    "FIRST_NODE_PROPS",
    "build",
    "collector_paused",
    "editions_of",
    "fold_edge",
    "fold_node",
    "merged",
    "more_edge",
    "more_node",
    "order_of",
    "parts",
    "renames",
    "unified",
    "without_keys",
]


#: Node properties kept from the first source rather than the latest.
FIRST_NODE_PROPS = frozenset({"evidence"})


def order_of(info: DocumentInfo, document_id: str) -> Order:
    """The place of a document in the merge."""
    return (info.year or 0, info.edition or "", document_id)


def editions_of(edition: str | None) -> list[str]:
    """What a document adds to the ``editions`` of the items it names."""
    return [edition] if edition else []


def parts(ex: Extraction) -> tuple[list[tuple[NodeKey, NodePart]], list[tuple[EdgeKey, EdgePart]]]:
    """What ``ex`` says of each item, in its own order."""
    doc = ex.document_id
    editions = editions_of(ex.info.edition)
    nodes: list[tuple[NodeKey, NodePart]] = [
        ((n.label, n.id), (doc, editions, n.name, n.aliases, n.props)) for n in ex.nodes
    ]
    edges: list[tuple[EdgeKey, EdgePart]] = [
        ((r.type, r.source, r.target), (doc, editions, r.props, r.evidence)) for r in ex.relations
    ]
    return nodes, edges


def fold_node(node_parts: Sequence[NodePart]) -> dict[str, PropValue]:
    """A node's merged properties from its parts in document order (at least one)."""
    doc, editions, name, aliases, first = node_parts[0]
    props: dict[str, PropValue] = dict(first)
    # keep the key order: name, aliases, sources and editions after the first's own
    props.update(name=name, aliases=list(dict.fromkeys(aliases)), sources=[doc],
                 editions=list(dict.fromkeys(editions)))  # fmt: skip
    return more_node(props, node_parts[1:])


def more_node(
    folded: Mapping[str, PropValue], node_parts: Sequence[NodePart]
) -> dict[str, PropValue]:
    """``folded`` (what :func:`fold_node` gave for the parts before) folded on with more parts.

    ``fold_node(a + b) == more_node(fold_node(a), b)``: the merge state folds a document that
    comes after every other of an item this way, without reading the others' parts.
    """
    props = dict(folded)
    all_aliases = dict.fromkeys(_listed(props, "aliases"))
    sources = dict.fromkeys(_listed(props, "sources"))
    all_editions = dict.fromkeys(_listed(props, "editions"))
    for doc, editions, name, aliases, given in node_parts:
        if name and name != props["name"]:  # another document's spelling (a dash run) stays
            all_aliases[name] = None
        for k, v in given.items():
            if k in FIRST_NODE_PROPS:
                props.setdefault(k, v)
            else:
                props[k] = v
        all_aliases.update(dict.fromkeys(aliases))
        sources[doc] = None
        all_editions.update(dict.fromkeys(editions))
    props.update(aliases=list(all_aliases), sources=list(sources), editions=list(all_editions))
    props["keys"] = node_keys(str(props["name"]), all_aliases, props)
    return props


def _listed(props: Mapping[str, PropValue], name: str) -> list[Any]:
    value = props[name]
    assert isinstance(value, list)  # as fold_node and more_node set it
    return value


def fold_edge(edge_parts: Sequence[EdgePart]) -> dict[str, PropValue]:
    """A relationship's merged properties from its parts in document order (at least one)."""
    doc, editions, first, ev = edge_parts[0]
    props: dict[str, PropValue] = {
        **first,
        "sources": [doc],
        "editions": list(dict.fromkeys(editions)),
        "evidence": ev.text,
        "evidence_rule": ev.rule,
        "evidence_offset": ev.offset,
        "evidence_source": ev.document,
    }
    return more_edge(props, edge_parts[1:])


def more_edge(
    folded: Mapping[str, PropValue], edge_parts: Sequence[EdgePart]
) -> dict[str, PropValue]:
    """``folded`` (what :func:`fold_edge` gave for the parts before) folded on with more parts.

    ``fold_edge(a + b) == more_edge(fold_edge(a), b)``; the evidences of ``b`` are not read.
    """
    props = dict(folded)
    sources = dict.fromkeys(_listed(props, "sources"))
    all_editions = dict.fromkeys(_listed(props, "editions"))
    for doc, editions, given, _ in edge_parts:
        for k, v in given.items():
            if k == "evidence_page":  # goes with the first evidence, kept above
                continue
            prev = props.get(k)
            # Counts from two copies of one article (two files, one edition): the larger.
            if isinstance(v, int) and isinstance(prev, int):
                props[k] = max(prev, v)
            else:
                props.setdefault(k, v)
        sources[doc] = None
        all_editions.update(dict.fromkeys(editions))
    props.update(sources=list(sources), editions=list(all_editions))
    return props


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small records are made.

    A merge makes a tuple per part and a dict per item, none of them in cycles; the collector
    running over them every 700 allocations cost about two thirds of a 20-edition merge.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(extractions: Iterable[Extraction]) -> Graph:
    """Merge extractions into a graph ready for a store (the result does not depend on order).

    Nodes of one label that share a key are made one first (:func:`graphkit.unify.unify`).
    """
    with collector_paused():
        return merged(unified(extractions))


def unified(extractions: Iterable[Extraction]) -> Unified:
    """The extractions in merge order, nodes sharing a key made one (:mod:`graphkit.unify`)."""
    return unify(sorted(extractions, key=lambda e: order_of(e.info, e.document_id)))


def renames(
    done: Unified,
    deleted: Iterable[tuple[str, str]],
    merges: Mapping[tuple[str, str], Sequence[str]] | None = None,
    graph: Graph | None = None,
) -> list[tuple[str, str]]:
    """(old id, new id) of each node whose id left the store for another; the ids joined by
    ", " when it splits into several.

    ``deleted`` holds the (label, id) of the nodes a write deleted (:class:`graphkit.delta.Delta`):
    a node renamed that was never stored (a new document's 聚氨酯 merged into a stored
    聚氨酯樹脂) is no change of id a reader of the store saw. A node ``done`` gave another id
    is one; so is a node a merge made before (``merges``: its (label, id) → the ids the
    documents gave the nodes it was made of, :meth:`graphkit.mergestate.MergeState.merges`)
    that ``graph`` (the new merge) no longer holds while it holds some of those nodes under
    other ids: a removal undid the merge (found even when the store was written whole).
    """
    gone = set(deleted)
    found: dict[str, set[str]] = {}
    for (label, old), (new, _) in done.renamed.items():
        if old != new and (label.value, old) in gone:
            found.setdefault(old, set()).add(new)
    stored = {(n.label.value, n.id) for n in graph.nodes} if graph is not None else set()
    for (kind, old), members in (merges or {}).items():
        for member in members if (kind, old) not in stored else ():
            new = done.renamed.get((Label(kind), member), (member, ""))[0]
            if new != old and (kind, new) in stored:
                found.setdefault(old, set()).add(new)
    return sorted((old, ", ".join(sorted(new))) for old, new in found.items())


def merged(done: Unified) -> Graph:
    """The merge of extractions :func:`unified` gave."""
    graph = _build(done.extractions)
    if not done.ambiguous:
        return graph
    nodes = tuple(
        GraphNode(n.label, n.id, without_keys(n.props, done.ambiguous.get((n.label, n.id))))
        for n in graph.nodes
    )
    return Graph(nodes, graph.edges)


def without_keys(
    props: Mapping[str, PropValue], ambiguous: frozenset[str] | None
) -> Mapping[str, PropValue]:
    """A node's properties without the ``ambiguous`` keys (none: as they are)."""
    if not ambiguous:
        return props
    return {**props, "keys": [k for k in _listed(props, "keys") if k not in ambiguous]}


def _build(extractions: Sequence[Extraction]) -> Graph:
    nodes: dict[NodeKey, list[NodePart]] = {}
    edges: dict[EdgeKey, list[EdgePart]] = {}
    for ex in extractions:
        node_parts, edge_parts = parts(ex)
        for key, part in node_parts:
            found = nodes.get(key)
            if found is None:
                nodes[key] = [part]
            else:
                found.append(part)
        for edge_key, edge_part in edge_parts:
            found_edge = edges.get(edge_key)
            if found_edge is None:
                edges[edge_key] = [edge_part]
            else:
                found_edge.append(edge_part)
    return Graph(
        tuple(GraphNode(label, node_id, fold_node(p)) for (label, node_id), p in nodes.items()),
        tuple(GraphEdge(t, s, d, fold_edge(p)) for (t, s, d), p in edges.items()),
    )
