"""The difference between two stored graphs, so a store can apply only what changed.

A full write (:func:`graphkit.store.base.write_statements` into an empty graph) leaves a
definite set of properties on every node and relationship: :func:`stored` computes exactly
that, keyed by what identifies an item in a store (a node by label and id, a relationship by
type and its two endpoints). :func:`fingerprints` reduces each item to a hash of its
properties, which is all a later :func:`diff` needs of the old side: the delta is the items
gone, and the items new or with other properties (written whole, so a property that
disappears disappears). Applying the delta to the old graph gives the new one exactly, so its
content hash (:meth:`graphkit.store.base.GraphStore.digest`) is that of a full write.

Pure functions over typed records: no I/O. Stores apply a :class:`Delta`
(:meth:`graphkit.store.base.GraphStore.write_changes`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .records import Graph, GraphEdge, GraphNode
from .store import cypher

#: A node in a store: (label, id).
NodeKey = tuple[str, str]
#: A relationship in a store: (type, source label, source id, target label, target id).
EdgeKey = tuple[str, str, str, str, str]
Props = Mapping[str, Any]

__all__ = [
    "Delta",
    "EdgeKey",
    "Fingerprints",
    "NodeKey",
    "Patch",
    "Piece",
    "StoredGraph",
    "diff",
    "fingerprint",
    "fingerprints",
    "patch",
    "patched",
    "pieces",
    "same_value",
    "stored",
    "stored_edge",
    "stored_node",
]


@dataclass(frozen=True, slots=True)
class StoredGraph:
    """Every node and relationship with the properties a store holds for it."""

    nodes: Mapping[NodeKey, Props]
    edges: Mapping[EdgeKey, Props]


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """A hash of every item's properties: what a diff needs to know of the old graph."""

    nodes: Mapping[NodeKey, str]
    edges: Mapping[EdgeKey, str]

    def size(self) -> int:
        """Nodes and relationships together."""
        return len(self.nodes) + len(self.edges)


#: A piece of an edited list: the items of the old list from index a up to b (not included),
#: then the items given.
Piece = tuple[int, int, tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Patch:
    """What changes on one stored item whose properties before are known exactly.

    ``values``: the properties given a new value (None removes one). ``lists``: each changed
    list of :data:`~graphkit.store.cypher.EDITED_LISTS` as the :data:`Piece` s of the old list
    and of new items it is made of, in order: a value inserted or dropped anywhere costs one
    piece, not the whole list (a list of sources grows with the documents).
    """

    values: Mapping[str, Any]
    lists: Mapping[str, tuple[Piece, ...]]

    def empty(self) -> bool:
        """Whether it changes nothing."""
        return not self.values and not self.lists


@dataclass(frozen=True, slots=True)
class Delta:
    """What turns one stored graph into another, in the order a store applies it.

    Relationships go before the nodes they hang on; ``put_*`` items are written whole
    (created, or their properties replaced); ``patch_*`` items exist before and after, and
    only what changed on them is sent (:class:`Patch`). Each tuple is sorted by key.
    """

    delete_edges: tuple[EdgeKey, ...] = ()
    delete_nodes: tuple[NodeKey, ...] = ()
    put_nodes: tuple[tuple[NodeKey, Props], ...] = ()
    put_edges: tuple[tuple[EdgeKey, Props], ...] = ()
    patch_nodes: tuple[tuple[NodeKey, Patch], ...] = ()
    patch_edges: tuple[tuple[EdgeKey, Patch], ...] = ()

    def size(self) -> int:
        """How many items the delta touches."""
        return (
            len(self.delete_edges) + len(self.delete_nodes) + len(self.put_nodes)
            + len(self.put_edges) + len(self.patch_nodes) + len(self.patch_edges)
        )  # fmt: skip


def _dedup(values: Iterable[Any]) -> list[Any]:
    # the stores' list union (cypher._union) keeps first occurrences in order
    return list(dict.fromkeys(values))


def stored(graph: Graph) -> StoredGraph:
    """The properties a full write of ``graph`` leaves in a store (see :mod:`.store.cypher`).

    Scalars set to None are not stored; list properties always are (empty lists too);
    relationships whose endpoint is not in the graph are not written (their MATCH fails).
    """
    nodes: dict[NodeKey, dict[str, Any]] = {}
    for node in graph.nodes:
        key = (node.label.value, node.id)
        _store_node(nodes.setdefault(key, {"id": node.id}), node.props)
    edges: dict[EdgeKey, dict[str, Any]] = {}
    for edge in graph.edges:
        src, dst = edge.source, edge.target
        if (src.label.value, src.id) not in nodes or (dst.label.value, dst.id) not in nodes:
            continue
        edge_key = (edge.type.value, src.label.value, src.id, dst.label.value, dst.id)
        created = edge_key not in edges
        _store_edge(edges.setdefault(edge_key, {}), edge.props, created=created)
    return StoredGraph(nodes, edges)


def stored_node(node: GraphNode) -> dict[str, Any]:
    """The properties a full write leaves on ``node`` (the only row of its key)."""
    props: dict[str, Any] = {"id": node.id}
    _store_node(props, node.props)
    return props


def stored_edge(edge: GraphEdge) -> dict[str, Any]:
    """The properties a full write leaves on ``edge`` (the only row of its key; both ends in)."""
    props: dict[str, Any] = {}
    _store_edge(props, edge.props, created=True)
    return props


def _store_node(props: dict[str, Any], given: Props) -> None:
    """One node row merged into ``props`` as :func:`cypher.merge_nodes` does."""
    for name, value in given.items():
        if name in cypher.LIST_PROPS:
            continue
        if value is None:
            props.pop(name, None)  # a later row's null removes it, as SET n += {k: null}
        else:
            props[name] = value
    for name in cypher.LIST_PROPS:
        old = props.get(name, [])
        props[name] = _dedup([*old, *(given.get(name) or [])])


def _store_edge(props: dict[str, Any], given: Props, *, created: bool) -> None:
    """One edge row merged into ``props`` as :func:`cypher.merge_edges` does."""
    if created:
        props.update({k: given[k] for k in cypher.FIRST_PROPS if given.get(k) is not None})
        props["sources"], props["editions"] = [], []
    for name, value in given.items():
        if name in cypher.FIRST_PROPS or name in ("sources", "editions"):
            continue
        if value is None:
            props.pop(name, None)
        else:
            props[name] = value
    for name in ("sources", "editions"):
        props[name] = _dedup([*props[name], *(given.get(name) or [])])


def fingerprint(props: Props) -> str:
    """A hash of one item's properties (order of keys does not matter, of lists does)."""
    text = json.dumps(props, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def fingerprints(graph: StoredGraph) -> Fingerprints:
    """The fingerprint of every item of ``graph``."""
    return Fingerprints(
        {key: fingerprint(props) for key, props in graph.nodes.items()},
        {key: fingerprint(props) for key, props in graph.edges.items()},
    )


def diff(old: Fingerprints, new: StoredGraph, new_prints: Fingerprints | None = None) -> Delta:
    """What turns the graph ``old`` describes into ``new``.

    ``new_prints`` (the fingerprints of ``new``) is computed when not given.
    """
    prints = new_prints or fingerprints(new)
    return Delta(
        delete_edges=tuple(sorted(k for k in old.edges if k not in new.edges)),
        delete_nodes=tuple(sorted(k for k in old.nodes if k not in new.nodes)),
        put_nodes=tuple(
            (k, new.nodes[k]) for k in sorted(prints.nodes) if old.nodes.get(k) != prints.nodes[k]
        ),
        put_edges=tuple(
            (k, new.edges[k]) for k in sorted(prints.edges) if old.edges.get(k) != prints.edges[k]
        ),
    )


def same_value(a: Any, b: Any) -> bool:
    """Whether two property values are the same, types included (``1``, ``1.0`` and ``True``
    are equal in Python, not in a store)."""
    if type(a) is not type(b):
        return False
    if type(a) is list:
        return len(a) == len(b) and all(
            type(x) is type(y) and x == y for x, y in zip(a, b, strict=True)
        )
    return bool(a == b)


def patch(old: Props, new: Props) -> Patch | None:
    """What turns an item's stored properties ``old`` into ``new`` (an empty patch when they
    are the same); None when the lists of :data:`~graphkit.store.cypher.EDITED_LISTS` are not
    lists of strings on both sides, so that the item is written whole instead.

    ``patched(old, patch(old, new)) == new``, types and list order included.
    """
    names = cypher.EDITED_LISTS
    if not all(_texts(old.get(name)) and _texts(new.get(name)) for name in names):
        return None
    values = {k: v for k, v in new.items()
              if k not in names and not (k in old and same_value(old[k], v))}  # fmt: skip
    values.update((k, None) for k in old if k not in new)
    lists = {name: pieces(old[name], new[name]) for name in names if old[name] != new[name]}
    return Patch(values, lists)


def pieces(old: list[Any], new: list[Any]) -> tuple[Piece, ...]:
    """The pieces ``new`` is made of (see :class:`Patch`); ``old`` holds no value twice.

    The values of ``old`` that ``new`` keeps are taken as runs of ``old``; if ``new`` has them
    in another order, it is one piece of new items.
    """
    if new[: len(old)] == old:  # values appended (a document after the others)
        return ((0, len(old), tuple(new[len(old) :])),)
    if old[: len(new)] == new:  # the last values dropped
        return ((0, len(new), ()),)
    where = {value: i for i, value in enumerate(old)}
    out: list[tuple[int, int, list[Any]]] = []
    last = -1
    for value in new:
        i = where.get(value, -1)
        if i < 0:
            if not out:
                out.append((0, 0, []))
            out[-1][2].append(value)
        elif i <= last:  # reordered
            return ((0, 0, tuple(new)),)
        elif out and out[-1][1] == i and not out[-1][2]:
            out[-1] = (out[-1][0], i + 1, out[-1][2])
        else:
            out.append((i, i + 1, []))
        last = max(last, i)
    return tuple((a, b, tuple(items)) for a, b, items in out) or ((0, 0, ()),)


def _texts(value: Any) -> bool:
    return type(value) is list and set(map(type, value)) <= {str}


def patched(old: Props, change: Patch) -> dict[str, Any]:
    """``old`` with ``change`` applied, as a store applies it (:func:`cypher.patch_nodes`)."""
    props = dict(old)
    for k, v in change.values.items():
        if v is None:
            props.pop(k, None)
        else:
            props[k] = v
    for name, parts in change.lists.items():
        was = props[name]
        props[name] = [value for a, b, items in parts for value in (*was[a:b], *items)]
    return props
