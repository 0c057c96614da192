"""Fold again the items a change touches and compare them with what is stored.

The second half of :mod:`graphkit.mergestate`: given the ids of the touched items, it reads
their parts from the state's tables, merges each with :func:`~graphkit.build.fold_node` or
:func:`~graphkit.build.fold_edge` (what a whole build does), computes the properties a store
holds and their fingerprint, and collects the :class:`~graphkit.delta.Delta` from the
fingerprints that changed, updating the items table on the way (inside the caller's
transaction).
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .build import EdgePart, NodePart, editions_of, fold_edge, fold_node
from .delta import Delta, EdgeKey, NodeKey, fingerprint, stored_edge, stored_node
from .records import Evidence, Graph, GraphEdge, GraphNode, Label, NodeRef, RelType

SEP = "\x1f"

__all__ = ["SEP", "Change", "edge_item", "ends", "node_item", "refold", "select"]


@dataclass(frozen=True, slots=True)
class Change:
    """What a change does to the stored graph: the items written (for the store's checks)."""

    graph: Graph  # the nodes and relationships in ``delta``'s puts, merged
    delta: Delta


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


#: An item as the redo reads it: (id, key, src, dst, print).
_Row = tuple[int, str, int | None, int | None, str | None]


class _Refold:
    """Fold the touched items again and compare them with what is stored."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.delta: dict[str, list[Any]] = {k: [] for k in ("dn", "de", "pn", "pe")}
        self.nodes: list[GraphNode] = []
        self.edges: list[GraphEdge] = []
        self._docs: dict[int, tuple[int, str, str]] | None = None  # row id → order key

    def _rows(self, ids: Iterable[int]) -> list[_Row]:
        return sorted(
            select(
                self.db, "SELECT id, key, src, dst, print FROM items WHERE id IN (SELECT v FROM t)",
                ids,
            ),
            key=lambda row: row[1],
        )  # fmt: skip

    def _parts(self, ids: Iterable[int]) -> dict[int, list[_Entry]]:
        if self._docs is None:
            # docs holds each document's graphkit.build.order_of key (MergeState._add_document)
            self._docs = {
                i: (year, edition, doc)
                for i, doc, year, edition in self.db.execute(
                    "SELECT id, doc, year, edition FROM docs"
                )
            }
        docs = self._docs
        found: dict[int, list[_Entry]] = {}
        for item, doc, data in select(
            self.db, "SELECT item, doc, data FROM parts WHERE item IN (SELECT v FROM t)", ids
        ):
            found.setdefault(item, []).append((docs[doc], data, doc))
        for entries in found.values():
            entries.sort(key=lambda e: e[0])
        return found

    def _first_evidences(self, found: Mapping[int, list[_Entry]]) -> dict[int, bytes]:
        """Item → the evidences of its first document's parts (the only ones a fold reads)."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS f (item, doc, PRIMARY KEY (item, doc))")
        db.execute("DELETE FROM f")
        db.executemany("INSERT INTO f VALUES (?, ?)", ((i, e[0][2]) for i, e in found.items()))
        rows = db.execute("SELECT p.item, p.ev FROM parts p JOIN f USING (item, doc)")
        return dict(rows.fetchall())

    def run(self, touched: set[int]) -> Change:
        rows = self._rows(touched)
        node_rows = [row for row in rows if row[2] is None]
        edge_ids = {row[0] for row in rows if row[2] is not None}
        present = self._redo_nodes(node_rows)
        # a node that appears or disappears changes whether its relationships are stored
        for node in [i for i, (was, now) in present.items() if was != now]:
            edge_ids.update(
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM items WHERE src = ? OR dst = ?", (node, node)
                )
            )
        self._redo_edges(self._rows(edge_ids), {i: now for i, (_, now) in present.items()})
        d = self.delta
        delta = Delta(
            delete_edges=tuple(sorted(d["de"])),
            delete_nodes=tuple(sorted(d["dn"])),
            put_nodes=tuple(sorted(d["pn"], key=lambda kv: kv[0])),
            put_edges=tuple(sorted(d["pe"], key=lambda kv: kv[0])),
        )
        return Change(Graph(tuple(self.nodes), tuple(self.edges)), delta)

    def _redo_nodes(self, rows: list[_Row]) -> dict[int, tuple[bool, bool]]:
        """Fold and compare each node; item id → (was stored, is stored)."""
        found = self._parts(row[0] for row in rows)
        out: dict[int, tuple[bool, bool]] = {}
        for item, key, _, _, old in rows:
            label, node_id = key.split(SEP)
            node_key: NodeKey = (label, node_id)
            entries = found.get(item)
            out[item] = (old is not None, entries is not None)
            new_print: str | None = None
            if entries is not None:
                props = fold_node(_node_parts(entries))
                node = GraphNode(Label(label), node_id, props)
                kept = stored_node(node)
                new_print = fingerprint(kept)
                if old != new_print:
                    self.delta["pn"].append((node_key, kept))
                    self.nodes.append(node)
            elif old is not None:
                self.delta["dn"].append(node_key)
            if new_print != old:
                self.db.execute("UPDATE items SET print = ? WHERE id = ?", (new_print, item))
        return out

    def _redo_edges(self, rows: list[_Row], nodes_now: Mapping[int, bool]) -> None:
        """Fold and compare each relationship, stored only while both its ends are."""
        found = self._parts(row[0] for row in rows)
        evidences = self._first_evidences(found)
        other_ends = {end for row in rows for end in row[2:4] if end not in nodes_now}
        stored_ends = {
            r[0] for r in select(
                self.db,
                "SELECT id FROM items WHERE id IN (SELECT v FROM t) AND print IS NOT NULL",
                other_ends,
            )
        }  # fmt: skip
        alive: dict[int | None, bool] = {e: e in stored_ends for e in other_ends}
        alive.update(nodes_now.items())
        for item, key, src, dst, old in rows:
            typ, sl, sid, dl, did = key.split(SEP)
            edge_key: EdgeKey = (typ, sl, sid, dl, did)
            entries = found.get(item)
            new_print: str | None = None
            if entries is not None and alive[src] and alive[dst]:
                props = fold_edge(_edge_parts(entries, evidences[item]))
                edge = GraphEdge(
                    RelType(typ), NodeRef(Label(sl), sid), NodeRef(Label(dl), did), props
                )
                kept = stored_edge(edge)
                new_print = fingerprint(kept)
                if old != new_print:
                    self.delta["pe"].append((edge_key, kept))
                    self.edges.append(edge)
            elif old is not None:
                self.delta["de"].append(edge_key)
            if entries is None:
                self.db.execute("DELETE FROM items WHERE id = ?", (item,))
            elif new_print != old:
                self.db.execute("UPDATE items SET print = ? WHERE id = ?", (new_print, item))


#: A document's parts of one item as read: ((year, edition, document id), marshal'd parts,
#: the document's row id).
_Entry = tuple[tuple[int, str, str], bytes, int]

# Folding a document's parts again right after the same parts changes nothing but the sources
# and editions: a value set again is the value already set, a first value is kept, a count
# is its own maximum, a name already listed stays where it is. So a document whose parts
# are those of the document before it (editions repeat most of what they say) is folded as
# one part with no properties and no names: only its document id and edition count, and
# its parts need not be decoded. The order of documents is kept, so a value between two
# equal ones still decides as it would. Only the first relationship part's evidence is read.


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


def refold(db: sqlite3.Connection, touched: set[int]) -> Change:
    """Fold the ``touched`` items again; what the store must do (the items table updated)."""
    return _Refold(db).run(touched)
