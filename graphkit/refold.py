"""Fold again the items a change touches and compare them with what is stored.

The second half of :mod:`graphkit.mergestate`: given the touched items, it carries each one's
fold over the change where :func:`graphkit.summary.edit` allows (reading at most one part of
it), folds the others again from all their parts with :func:`~graphkit.build.fold_node` or
:func:`~graphkit.build.fold_edge` (what a whole build does), and compares what a store holds of
each item before and after: the :class:`~graphkit.delta.Delta`, with a
:class:`~graphkit.delta.Patch` for an item stored before and after (so a list of sources is
edited on the server, not sent whole). The items table is updated on the way, inside the
caller's transaction.
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .build import (
    EdgePart,
    NodePart,
    Order,
    editions_of,
    fold_edge,
    fold_node,
    more_edge,
    more_node,
)
from .delta import Delta, EdgeKey, patch, stored_edge, stored_node
from .records import Evidence, Graph, GraphEdge, GraphNode, Label, NodeRef, PropValue, RelType
from .summary import EMPTY, Edit, Summary, edit, lists_of, without_lists
from .unify import node_keys

SEP = "\x1f"

__all__ = ["SEP", "Added", "Change", "Documents", "edge_item", "ends", "node_item", "refold",
           "select"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Change:
    """What a change does to the stored graph: the items written (for the store's checks)."""

    graph: Graph  # the nodes and relationships the delta puts or patches, merged
    delta: Delta
    carried: int = 0  # items whose fold was carried over the change
    folded: int = 0  # items folded again from all their parts


#: A document's parts of one item as added: (marshal'd data, data, evidences or None).
Added = tuple[bytes, list[Any], list[Any] | None]


@dataclass(frozen=True, slots=True)
class Documents:
    """The documents a change knows: every one's place in the merge, those removed included."""

    order: Mapping[int, Order]  # row id → (year, edition, document id)
    removed: frozenset[int] = frozenset()
    added: Mapping[int, Mapping[int, Added]] = field(default_factory=dict)  # item → doc → parts
    #: node item → the keys a whole merge takes off it (graphkit.sharedkeys); a node named
    #: here gets its ``keys`` again from its names, without these
    lost: Mapping[int, frozenset[str]] = field(default_factory=dict)


def node_item(label: str, node_id: str) -> str:
    """The item key of a node."""
    return f"{label}{SEP}{node_id}"


def edge_item(key: EdgeKey) -> str:
    """The item key of a relationship."""
    return SEP.join(key)


def ends(item: str) -> tuple[str, str]:
    _, sl, sid, dl, did = item.split(SEP)
    return node_item(sl, sid), node_item(dl, did)


def select(db: sqlite3.Connection, sql: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Rows of ``sql``, which names the temporary table ``t`` holding ``values`` in column v."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS t (v PRIMARY KEY) WITHOUT ROWID")
    db.execute("DELETE FROM t")
    db.executemany("INSERT OR IGNORE INTO t VALUES (?)", ((v,) for v in values))
    return db.execute(sql).fetchall()


def pairs(db: sqlite3.Connection, sql: str, values: Iterable[tuple[int, int]]) -> dict[int, Any]:
    """Item → the value ``sql`` selects for the (item, doc) pairs of the temporary table f."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS f (item, doc, PRIMARY KEY (item, doc))")
    db.execute("DELETE FROM f")
    db.executemany("INSERT OR IGNORE INTO f VALUES (?, ?)", values)
    return dict(db.execute(sql).fetchall())


@dataclass(frozen=True, slots=True)
class _Row:
    """An item as the items table holds it."""

    id: int
    key: str
    src: int | None
    dst: int | None
    here: bool  # stored
    summary: Summary


_COLUMNS = "id, key, src, dst, here, docs, fold"


def _row(found: tuple[Any, ...]) -> _Row:
    item, key, src, dst, here, docs, fold = found
    return _Row(item, key, src, dst, bool(here), Summary.decode(docs, fold))


class _Refold:
    """Carry over or fold again the touched items; compare them with what is stored."""

    def __init__(self, db: sqlite3.Connection, docs: Documents) -> None:
        self.db = db
        self.docs = docs
        self.delta: dict[str, list[Any]] = {k: [] for k in ("dn", "de", "pn", "pe", "qn", "qe")}
        self.nodes: list[GraphNode] = []
        self.edges: list[GraphEdge] = []
        self.updates: list[tuple[Any, ...]] = []
        self.gone: list[int] = []
        self.counts = [0, 0]  # carried over, folded again

    def rows(self, ids: Iterable[int]) -> list[_Row]:
        found = select(self.db, f"SELECT {_COLUMNS} FROM items WHERE id IN (SELECT v FROM t)", ids)
        return sorted(map(_row, found), key=lambda row: row.key)

    def run(self, touched: set[int]) -> Change:
        rows = self.rows(touched)
        summaries = self.summaries(rows)
        nodes = [row for row in rows if row.src is None]
        present = {row.id: (row.here, bool(summaries[row.id].docs)) for row in nodes}
        for row in nodes:
            self.compare(row, summaries[row.id], present[row.id][1])
        # a node that appears or disappears changes whether its relationships are stored
        edges = [row for row in rows if row.src is not None]
        moved = [i for i, (was, now) in present.items() if was != now]
        more = {r[0] for i in moved for r in self.db.execute(
            "SELECT id FROM items WHERE src = ? OR dst = ?", (i, i))} - touched  # fmt: skip
        for row in self.rows(more):
            edges.append(row)
            summaries[row.id] = row.summary
        alive = self.alive(edges, {i: now for i, (_, now) in present.items()})
        for row in edges:
            summary = summaries[row.id]
            self.compare(row, summary, bool(summary.docs) and alive[row.src] and alive[row.dst])
        self.db.executemany("UPDATE items SET here = ?, docs = ?, fold = ? WHERE id = ?",
                            self.updates)  # fmt: skip
        self.db.executemany("DELETE FROM items WHERE id = ?", ((i,) for i in self.gone))
        graph = Graph(tuple(self.nodes), tuple(self.edges))
        return Change(graph, self.collected(), *self.counts)

    def collected(self) -> Delta:
        d = self.delta
        return Delta(
            delete_edges=tuple(sorted(d["de"])),
            delete_nodes=tuple(sorted(d["dn"])),
            put_nodes=tuple(sorted(d["pn"], key=lambda kv: kv[0])),
            put_edges=tuple(sorted(d["pe"], key=lambda kv: kv[0])),
            patch_nodes=tuple(sorted(d["qn"], key=lambda kv: kv[0])),
            patch_edges=tuple(sorted(d["qe"], key=lambda kv: kv[0])),
        )

    def alive(self, edges: list[_Row], nodes_now: Mapping[int, bool]) -> dict[int | None, bool]:
        """Whether each end node of ``edges`` is stored after the change."""
        other = {end for row in edges for end in (row.src, row.dst) if end not in nodes_now}
        sql = "SELECT id FROM items WHERE id IN (SELECT v FROM t) AND here"
        stored_ends = {r[0] for r in select(self.db, sql, other)}
        alive: dict[int | None, bool] = {e: e in stored_ends for e in other}
        alive.update(nodes_now.items())
        return alive

    # ------------------------------------------------------------------ the new summaries

    def summaries(self, rows: list[_Row]) -> dict[int, Summary]:
        """Item id → its summary after the change."""
        docs = self.docs
        edits: dict[int, Edit] = {}
        again: list[_Row] = []
        out: dict[int, Summary] = {}
        for row in rows:
            added = docs.added.get(row.id, {})
            removed = docs.removed.intersection(row.summary.docs)
            found = edit(row.summary, removed, list(added), docs.order)
            if found is None:
                again.append(row)
            else:
                edits[row.id] = found
        last = pairs(self.db, "SELECT p.item, p.data FROM parts p JOIN f USING (item, doc)",
                     ((i, e.docs[e.kept - 1]) for i, e in edits.items()
                      if 0 < e.kept < len(e.docs)))  # fmt: skip
        firsts = pairs(self.db, "SELECT p.item, p.ev FROM parts p JOIN f USING (item, doc)",
                       ((i, e.docs[0]) for i, e in edits.items() if e.first_gone))  # fmt: skip
        by_id = {row.id: row for row in rows}
        for item, found in edits.items():
            row = by_id[item]
            out[item] = self.carried(row, found, last.get(item), firsts.get(item))
        out.update(self.folded_again(again))
        self.counts = [len(edits), len(again)]
        for item, lost in docs.lost.items():
            out[item] = _keyed(out[item], lost)
        return out

    def carried(self, row: _Row, found: Edit, last: bytes | None, first: bytes | None) -> Summary:
        """The summary of ``row`` carried over ``found`` (see :mod:`graphkit.summary`)."""
        is_node = row.src is None
        added = self.docs.added.get(row.id, {})
        fold = dict(row.summary.fold or {}) if found.kept else None
        if fold is not None and first is not None:  # a relationship's new first document
            fold.update(_evidence(Evidence(*marshal.loads(first)[0])))
        same = list(found.same)
        for doc in found.docs[found.kept :]:
            blob, data, evidences = added[doc]
            same.append(blob == last)
            last = blob
            if same[-1]:
                continue  # the same parts right after themselves: only sources and editions
            fold = _fold_on(fold, is_node, _parts(is_node, self.docs.order[doc], data, evidences))
        if fold is None:
            return EMPTY
        return Summary(found.docs, tuple(same), without_lists(fold))

    def folded_again(self, rows: list[_Row]) -> dict[int, Summary]:
        """The summaries of ``rows`` folded again from every part."""
        order = self.docs.order
        found: dict[int, list[tuple[Order, bytes, int]]] = {}
        for item, doc, data in select(
            self.db, "SELECT item, doc, data FROM parts WHERE item IN (SELECT v FROM t)",
            (row.id for row in rows),
        ):  # fmt: skip
            found.setdefault(item, []).append((order[doc], data, doc))
        edges = {row.id for row in rows if row.src is not None}
        evidences = pairs(self.db, "SELECT p.item, p.ev FROM parts p JOIN f USING (item, doc)",
                          ((i, min(e)[2]) for i, e in found.items() if i in edges))  # fmt: skip
        out: dict[int, Summary] = {}
        for row in rows:
            entries = sorted(found.get(row.id, []))
            if not entries:
                out[row.id] = EMPTY
                continue
            if row.src is None:
                fold = fold_node(_node_parts(entries))
            else:
                fold = fold_edge(_edge_parts(entries, evidences[row.id]))
            same = [i > 0 and data == entries[i - 1][1] for i, (_, data, _) in enumerate(entries)]
            docs = tuple(doc for _, _, doc in entries)
            out[row.id] = Summary(docs, tuple(same), without_lists(fold))
        return out

    # ------------------------------------------------------------------ what the store holds

    def merged(self, row: _Row, summary: Summary) -> GraphNode | GraphEdge:
        """The merged node or relationship of ``row`` with ``summary`` (which has parts)."""
        assert summary.fold is not None
        props: dict[str, PropValue] = {**summary.fold, **lists_of(summary.docs, self.docs.order)}
        if row.src is None:
            kind, node_id = row.key.split(SEP)
            return GraphNode(Label(kind), node_id, props)
        typ, sl, sid, dl, did = row.key.split(SEP)
        return GraphEdge(RelType(typ), NodeRef(Label(sl), sid), NodeRef(Label(dl), did), props)

    def compare(self, row: _Row, summary: Summary, here: bool) -> None:
        """Record what the store must do with ``row``, and its new row in the items table."""
        is_node = row.src is None
        key: Any = tuple(row.key.split(SEP))
        if here:
            item = self.merged(row, summary)
            new = _stored(item)
            change = patch(_stored(self.merged(row, row.summary)), new) if row.here else None
            if change is None:
                self.delta["pn" if is_node else "pe"].append((key, new))
            elif not change.empty():
                self.delta["qn" if is_node else "qe"].append((key, change))
            if change is None or not change.empty():
                (self.nodes if is_node else self.edges).append(item)  # type: ignore[arg-type]
        elif row.here:
            self.delta["dn" if is_node else "de"].append(key)
        if not is_node and summary.fold is None:
            self.gone.append(row.id)
        elif summary is not row.summary or here != row.here:
            self.updates.append((here, *summary.encode(), row.id))


def _keyed(summary: Summary, lost: frozenset[str]) -> Summary:
    """A node's ``summary`` with its keys made again from its names, without ``lost`` (as
    :func:`graphkit.build.merged` leaves them: a fold carried over keeps the keys it had)."""
    if summary.fold is None:
        return summary
    fold = dict(summary.fold)
    aliases = fold["aliases"]
    assert isinstance(aliases, list)  # as fold_node makes them
    names = node_keys(str(fold["name"]), map(str, aliases), fold)
    fold["keys"] = [k for k in names if k not in lost]
    return Summary(summary.docs, summary.same, fold)


def _stored(item: GraphNode | GraphEdge) -> dict[str, Any]:
    return stored_node(item) if isinstance(item, GraphNode) else stored_edge(item)


def _evidence(ev: Evidence) -> dict[str, PropValue]:
    """The properties a relationship's first evidence gives (as :func:`fold_edge` sets them)."""
    return {"evidence": ev.text, "evidence_rule": ev.rule, "evidence_offset": ev.offset,
            "evidence_source": ev.document}  # fmt: skip


def _parts(is_node: bool, order: Order, data: list[Any], evidences: list[Any] | None) -> list[Any]:
    """One document's parts of an item, as a fold takes them."""
    _, edition, name = order
    editions = editions_of(edition)
    if is_node:
        return [(name, editions, n, names, props) for n, names, props in data]
    assert evidences is not None  # a relationship's parts
    first = Evidence(*evidences[0])
    return [(name, editions, props, first) for props in data]


def _fold_on(
    fold: dict[str, PropValue] | None, is_node: bool, parts: list[Any]
) -> dict[str, PropValue]:
    """``fold`` (None: nothing yet) folded on with one document's ``parts``.

    The fold carried has no sources or editions: what :func:`more_node` and :func:`more_edge`
    make of them here is replaced by :func:`graphkit.summary.lists_of` (they decide nothing
    else).
    """
    if fold is None:
        return fold_node(parts) if is_node else fold_edge(parts)
    base = {**fold, "sources": [], "editions": []}
    return more_node(base, parts) if is_node else more_edge(base, parts)


#: A document's parts of one item as read: ((year, edition, document id), marshal'd parts,
#: the document's row id).
_Entry = tuple[Order, bytes, int]

# Folding a document's parts again right after the same parts changes nothing but the sources
# and editions (see graphkit.summary). So a document whose parts are those of the document
# before it (editions repeat most of what they say) is folded as one part with no properties
# and no names: only its document id and edition count, and its parts need not be decoded.
# The order of documents is kept, so a value between two equal ones still decides as it
# would. Only the first relationship part's evidence is read.


def _node_parts(entries: list[_Entry]) -> list[NodePart]:
    out: list[NodePart] = []
    previous = b""
    for (_, edition, doc), data, _ in entries:
        editions = editions_of(edition)
        if data == previous:
            out.append((doc, editions, "", (), {}))
        else:
            out.extend(
                (doc, editions, name, names, props) for name, names, props in marshal.loads(data)
            )
        previous = data
    return out


def _edge_parts(entries: list[_Entry], evidences: bytes) -> list[EdgePart]:
    """The parts of a relationship; ``evidences``: those of its first document's parts."""
    first = Evidence(*marshal.loads(evidences)[0])
    out: list[EdgePart] = []
    previous = b""
    for (_, edition, doc), data, _ in entries:
        editions = editions_of(edition)
        if data == previous:
            out.append((doc, editions, {}, first))
        else:
            out.extend((doc, editions, props, first) for props in marshal.loads(data))
        previous = data
    return out


def refold(db: sqlite3.Connection, touched: set[int], docs: Documents) -> Change:
    """Carry over or fold again the ``touched`` items; what the store must do (the items
    table updated)."""
    return _Refold(db, docs).run(touched)
