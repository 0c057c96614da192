"""The small interface every graph store implements.

``ensure_schema`` creates constraints and indexes, ``write`` replaces the stored graph with a
built one in batches (atomically: all of it or nothing), ``run`` answers a parameterised query,
``lock`` serialises read-compute-write cycles. FalkorDB (embedded, the default) and Neo4j
implement it with the same Cypher from :mod:`graphkit.store.cypher`.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from ..records import Graph, GraphEdge, GraphNode, Label, RelType
from . import cypher

if TYPE_CHECKING:
    from ..delta import Delta, Patch, StoredGraph


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a query answer, with column names.

    A value in a row is a plain Python value (str, int, float, bool, None, list, dict) or, for
    a node, relationship or path, a :class:`~graphkit.store.results.NodeValue`,
    :class:`~graphkit.store.results.RelationshipValue` or
    :class:`~graphkit.store.results.PathValue` (possibly inside lists and dicts). Both stores
    give equal rows for the same query on the same graph.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class Statement:
    """One parameterised statement a store will run."""

    query: str
    params: Mapping[str, Any]


def node_rows(nodes: Sequence[GraphNode]) -> dict[Label, list[dict[str, Any]]]:
    """Group nodes by label into the row shape :func:`cypher.merge_nodes` expects."""
    grouped: dict[Label, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        props = {k: v for k, v in node.props.items() if k not in cypher.LIST_PROPS}
        row: dict[str, Any] = {"id": node.id, "props": props}
        for key in cypher.LIST_PROPS:
            row[key] = list(node.props.get(key) or [])  # type: ignore[arg-type]
        grouped[node.label].append(row)
    return grouped


def edge_rows(
    edges: Sequence[GraphEdge],
) -> dict[tuple[RelType, Label, Label], list[dict[str, Any]]]:
    """Group edges by (type, source label, target label) into :func:`cypher.merge_edges` rows."""
    grouped: dict[tuple[RelType, Label, Label], list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        props = {
            k: v
            for k, v in edge.props.items()
            if k not in cypher.FIRST_PROPS and k not in ("sources", "editions")
        }
        first = {k: edge.props[k] for k in cypher.FIRST_PROPS if edge.props.get(k) is not None}
        grouped[(edge.type, edge.source.label, edge.target.label)].append(
            {
                "src": edge.source.id,
                "dst": edge.target.id,
                "props": props,
                "first": first,
                "sources": list(edge.props.get("sources") or []),  # type: ignore[arg-type]
                "editions": list(edge.props.get("editions") or []),  # type: ignore[arg-type]
            }
        )
    return grouped


DIGEST_NODES = (
    f"{cypher.GRAPH_NODES} RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props"
)
DIGEST_EDGES = (
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS src, b.id AS dst, properties(r) AS props"
)


def _canon(row: tuple[Any, ...]) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def write_statements(graph: Graph, batch_size: int = cypher.BATCH_SIZE) -> list[Statement]:
    """Every statement, in order, that writes ``graph``: nodes first, then relationships.

    Both stores run exactly these; tests assert them.
    """
    out: list[Statement] = []
    nodes = node_rows(graph.nodes)
    for label in sorted(nodes, key=lambda lab: lab.value):
        query = cypher.merge_nodes(label)
        out += [Statement(query, {"rows": b}) for b in _batches(nodes[label], batch_size)]
    edges = edge_rows(graph.edges)
    for key in sorted(edges, key=lambda k: (k[0].value, k[1].value, k[2].value)):
        query = cypher.merge_edges(*key)
        out += [Statement(query, {"rows": b}) for b in _batches(edges[key], batch_size)]
    return out


_Part = tuple[Callable[[str], str], list[dict[str, Any]]]


def _delta_parts(delta: Delta) -> list[_Part]:
    """The delta as update clauses (made from a parameter name) with their rows, in order."""
    edges_gone: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for typ, sl, sid, dl, did in delta.delete_edges:
        edges_gone[(typ, sl, dl)].append({"src": sid, "dst": did})
    nodes_gone: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for label, node_id in delta.delete_nodes:
        nodes_gone[label].append({"id": node_id})
    nodes_put: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (label, node_id), props in delta.put_nodes:
        nodes_put[label].append({"id": node_id, "props": dict(props)})
    nodes_patched: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (label, node_id), change in delta.patch_nodes:
        nodes_patched[label].append({"id": node_id, **_patch_row(change)})
    edges_put: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for (typ, sl, sid, dl, did), props in delta.put_edges:
        edges_put[(typ, sl, dl)].append({"src": sid, "dst": did, "props": dict(props)})
    edges_patched: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for (typ, sl, sid, dl, did), change in delta.patch_edges:
        edges_patched[(typ, sl, dl)].append({"src": sid, "dst": did, **_patch_row(change)})
    return [
        *((partial(cypher.delete_edges, RelType(t), Label(a), Label(b)), rows)
          for (t, a, b), rows in edges_gone.items()),
        *((partial(cypher.delete_nodes, Label(a)), rows) for a, rows in nodes_gone.items()),
        *((partial(cypher.put_nodes, Label(a)), rows) for a, rows in nodes_put.items()),
        *((partial(cypher.patch_nodes, Label(a)), rows) for a, rows in nodes_patched.items()),
        *((partial(cypher.put_edges, RelType(t), Label(a), Label(b)), rows)
          for (t, a, b), rows in edges_put.items()),
        *((partial(cypher.patch_edges, RelType(t), Label(a), Label(b)), rows)
          for (t, a, b), rows in edges_patched.items()),
    ]  # fmt: skip


def _patch_row(change: Patch) -> dict[str, Any]:
    """The row fields of :func:`cypher.patch_nodes` and :func:`cypher.patch_edges`."""
    row: dict[str, Any] = {"props": dict(change.values)}
    for name in cypher.EDITED_LISTS:
        pieces = change.lists.get(name)
        # a list left as it is: the one piece of all of it (slices end at the list's end)
        row[name] = [[0, _WHOLE, []]] if pieces is None else [[a, b, list(v)] for a, b, v in pieces]
    return row


#: A slice end past the end of any list (``list[0..size]`` needs no size).
_WHOLE = 2**31 - 1


def delta_statement(delta: Delta) -> Statement:
    """The one statement that applies ``delta``: deletions, then nodes, then relationships.

    Items are grouped by label (by type and endpoint labels for relationships), each group one
    ``UNWIND`` part with its own parameter (``p0``, ``p1`` …), in the order of the delta.
    """
    parts = _delta_parts(delta)
    clauses = [make(f"p{i}") for i, (make, _) in enumerate(parts)]
    return Statement(
        cypher.one_query(clauses), {f"p{i}": rows for i, (_, rows) in enumerate(parts)}
    )


def delta_statements(delta: Delta, batch_size: int = cypher.BATCH_SIZE) -> list[Statement]:
    """The statements that apply ``delta`` in batches of ``$rows`` (to run in one transaction).

    Each is idempotent: run again on its own result, it changes nothing.
    """
    return [
        Statement(make("rows"), {"rows": batch})
        for make, rows in _delta_parts(delta)
        for batch in _batches(rows, batch_size)
    ]


def content_digest(graph: StoredGraph) -> str:
    """The :meth:`GraphStore.digest` a store holding exactly ``graph`` answers."""
    nodes = [(label, node_id, dict(props)) for (label, node_id), props in graph.nodes.items()]
    edges = [(typ, sid, did, dict(props)) for (typ, _, sid, _, did), props in graph.edges.items()]
    return _digest_rows(nodes, edges)


def _digest_rows(nodes: Sequence[tuple[Any, ...]], edges: Sequence[tuple[Any, ...]]) -> str:
    canonical = json.dumps(
        {"nodes": sorted(map(_canon, nodes)), "edges": sorted(map(_canon, edges))},
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class GraphStore(ABC):
    """A Cypher graph store graphkit can write to and query."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create uniqueness constraints / indexes on ``id`` for every label (idempotent)."""

    @abstractmethod
    def write(self, graph: Graph) -> None:
        """Replace the stored graph with ``graph``, all or nothing.

        The graph is always the merge of every loaded document (see :mod:`graphkit.ledger`),
        so replacing it whole is what keeps re-loads and removals exact. Clears the marker
        (:meth:`marker`) first.
        """

    def write_changes(self, graph: Graph, delta: Delta) -> None:
        """Make the stored graph ``graph`` by applying ``delta`` to it, all or nothing.

        ``delta`` must be the difference between the stored graph and the new one
        (:func:`graphkit.delta.diff`); ``graph`` holds at least the items it puts (a build
        passes only those), for the store's checks of values. Clears the marker first.
        Stores that keep a marker (:meth:`marker`) implement it; graphkit sends a difference
        to no other store.
        """
        raise NotImplementedError(f"{type(self).__name__} does not apply differences")

    def marker(self) -> str | None:
        """The token :meth:`mark` left after the last write, if no write came since.

        A caller that keeps a copy of what it wrote (the ledger keeps fingerprints) trusts
        that copy only when its token is the store's marker. This default keeps none.
        """
        return None

    def mark(self, token: str) -> None:
        """Record ``token`` as the marker of the graph now stored (default: not kept)."""
        del token  # a store without a marker has nowhere to keep it

    def lock(self, timeout: float | None = None) -> AbstractContextManager[None]:
        """Hold the store exclusively around a read-compute-write cycle (re-entrant).

        The embedded store overrides this with a lock shared by every graphkit process. A Neo4j
        database is written by ``graphkit push`` from an embedded store, under that store's
        lock; two pushes into one database from different stores take turns by hand (the last
        commit wins, each one whole).
        """
        return nullcontext()

    @abstractmethod
    def run(
        self, query: str, params: Mapping[str, Any] | None = None, *, read_only: bool = True
    ) -> QueryResult:
        """Run one parameterised query. ``read_only`` is enforced by the store itself."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and stop an embedded server this object started)."""

    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts per label and relationship counts per type."""
        labels = self.run(cypher.COUNT_LABELS)
        types = self.run(cypher.COUNT_TYPES)
        return {
            "nodes": {str(r[0]): int(r[1]) for r in labels.rows},
            "relationships": {str(r[0]): int(r[1]) for r in types.rows},
        }

    def digest(self) -> str:
        """A sha256 of the whole graph's content: every node and relationship with all properties.

        Two stores holding the same graph give the same digest, whatever order it was
        written in; used to check that a removal or a re-run restores a graph exactly.
        """
        return _digest_rows(self.run(DIGEST_NODES).rows, self.run(DIGEST_EDGES).rows)

    def stored(self) -> StoredGraph:
        """The whole stored graph, item by item (the old side of a diff without a cache).

        Only the contract's labels and types: a Neo4j database may hold other data beside it.
        """
        from ..delta import StoredGraph

        labels, types = {lab.value for lab in Label}, {typ.value for typ in RelType}
        nodes = {
            (str(r[0]), str(r[1])): dict(r[2])
            for r in self.run(cypher.STORED_NODES).rows
            if r[0] in labels
        }
        edges = {
            (str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])): dict(r[5])
            for r in self.run(cypher.STORED_EDGES).rows
            if r[0] in types and r[1] in labels and r[3] in labels
        }
        return StoredGraph(nodes, edges)

    def documents(self) -> list[dict[str, Any]]:
        """The loaded documents with their content hashes."""
        return self.run(cypher.DOCUMENTS).records()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
