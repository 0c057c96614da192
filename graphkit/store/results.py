"""Typed values of query answers: nodes, relationships and paths, the same from every store.

A query column may hold a node, a relationship or a path (or lists and maps of them). Both
stores turn their driver's objects into these frozen records, so an answer compares equal
whichever store gave it:

* :class:`NodeValue`: the node's graph ``id`` (its ``id`` property, ``technology:碳化矽``), its
  labels (sorted) and its properties;
* :class:`RelationshipValue`: its type, the graph ids of its ``start`` and ``end`` nodes and its
  properties;
* :class:`PathValue`: its nodes and relationships in order.

Every other value is a plain Python value (str, int, float, bool, None, list, dict). A
relationship's end nodes need not be in the answer: the store looks their ids up in the same
consistent view of the graph (:class:`Decoder`). ``to_dict()`` gives the JSON shape the CLI
prints.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Decoder", "GraphValue", "NodeValue", "PathValue", "RelationshipValue"]


@dataclass(frozen=True, slots=True)
class NodeValue:
    """A node in a query answer.

    ``id`` is the node's ``id`` property (the graph contract's deterministic key), ``None`` for
    a node without one (graphkit writes none such).
    """

    id: str | None
    labels: tuple[str, ...]
    properties: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "labels", "properties"}``, as JSON output shows a node."""
        return {"id": self.id, "labels": list(self.labels), "properties": dict(self.properties)}


@dataclass(frozen=True, slots=True)
class RelationshipValue:
    """A relationship in a query answer, with the graph ids of its end nodes."""

    type: str
    start: str | None
    end: str | None
    properties: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """``{"type", "start", "end", "properties"}``, as JSON output shows a relationship."""
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "properties": dict(self.properties),
        }


@dataclass(frozen=True, slots=True)
class PathValue:
    """A path: ``nodes[i]`` and ``nodes[i + 1]`` are the ends of ``relationships[i]``."""

    nodes: tuple[NodeValue, ...]
    relationships: tuple[RelationshipValue, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"nodes", "relationships"}``, each item as its own ``to_dict()``."""
        return {
            "nodes": [n.to_dict() for n in self.nodes],
            "relationships": [r.to_dict() for r in self.relationships],
        }


#: A typed value of a query answer.
GraphValue = NodeValue | RelationshipValue | PathValue


@dataclass(frozen=True, slots=True)
class _Pending:
    """A relationship whose end nodes are known by the store's own keys only."""

    type: str
    start: Hashable
    end: Hashable
    properties: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class _PendingPath:
    nodes: tuple[NodeValue, ...]
    relationships: tuple[_Pending, ...]


#: The ``id`` properties of nodes by the store's own keys (FalkorDB's ``id(n)``, Neo4j's
#: ``elementId(n)``).
Lookup = Callable[[list[Any]], Mapping[Any, Any]]


class Decoder:
    """Makes the typed values of one answer; a store calls it for every driver value.

    The store's converter calls :meth:`node`, :meth:`relationship` and :meth:`path` with its
    own keys for nodes (and :meth:`nested` for maps and lists), then :meth:`rows` with the
    converted rows and a lookup of the ``id`` properties of end nodes the answer did not hold.
    The lookup must read the same graph the query read (see each store).
    """

    def __init__(self) -> None:
        self._ids: dict[Hashable, str | None] = {}
        self._ends: set[Hashable] = set()

    def node(
        self, key: Hashable, labels: Iterable[str], properties: Mapping[str, Any]
    ) -> NodeValue:
        """A node known to the store as ``key``."""
        value = NodeValue(_graph_id(properties.get("id")), tuple(sorted(labels)), properties)
        self._ids[key] = value.id
        return value

    def relationship(
        self, rel_type: str, start: Hashable, end: Hashable, properties: Mapping[str, Any]
    ) -> Any:
        """A relationship between the nodes the store knows as ``start`` and ``end``."""
        self._ends.update((start, end))
        return _Pending(rel_type, start, end, properties)

    def path(self, nodes: Sequence[Any], relationships: Sequence[Any]) -> Any:
        """A path of values this decoder made."""
        return _PendingPath(tuple(nodes), tuple(relationships))

    def nested(self, value: Any, convert: Callable[[Any, Decoder], Any]) -> Any:
        """Maps and lists with ``convert`` applied to their items; other values as they are."""
        if isinstance(value, Mapping):
            return {str(key): convert(item, self) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [convert(item, self) for item in value]
        return value

    def rows(self, rows: Iterable[Sequence[Any]], lookup: Lookup) -> tuple[tuple[Any, ...], ...]:
        """The converted rows with every relationship given its end nodes' graph ids."""
        missing = self._ends - self._ids.keys()
        if missing:
            found = lookup(sorted(missing, key=str))
            self._ids.update({key: _graph_id(gid) for key, gid in found.items()})
        return tuple(tuple(self._final(value) for value in row) for row in rows)

    def _final(self, value: Any) -> Any:
        if isinstance(value, _Pending):
            start, end = self._ids.get(value.start), self._ids.get(value.end)
            return RelationshipValue(value.type, start, end, value.properties)
        if isinstance(value, _PendingPath):
            rels = tuple(self._final(r) for r in value.relationships)
            return PathValue(value.nodes, rels)
        if isinstance(value, dict):
            return {key: self._final(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._final(item) for item in value]
        return value


def _graph_id(value: Any) -> str | None:
    return None if value is None else str(value)
