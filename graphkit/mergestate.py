"""The merge state: every document's parts of every item, so a change redoes only what it touches.

A stored graph is the merge (:func:`graphkit.build.build`) of the loaded documents, and each of
its items depends only on that item's parts. This module keeps the parts, and a fingerprint of
each item as stored, in an SQLite database beside the ledger (``ledger/merge.sqlite``), indexed
by item and by document. Adding or removing documents then reads only the parts of the items
those documents touch, folds each again with :func:`~graphkit.build.fold_node` and
:func:`~graphkit.build.fold_edge` (the functions a whole build uses, so the result is the same)
and compares fingerprints: the :class:`~graphkit.delta.Delta` the store applies. Work is
proportional to the parts of the touched items, not to the store.

Tables::

    meta(key, value)             format; token: the store marker the state describes
    docs(doc, sha, year, edition)
    parts(item, doc, data)       the JSON list of what ``doc`` says of ``item``
    items(item, src, dst, print) every item with parts; src/dst are a relationship's end
                                 nodes; print is NULL for a relationship not stored (an end
                                 node missing, as a whole write drops it)

Item keys are strings: ``label␟id`` for a node, ``type␟label␟id␟label␟id`` for a relationship
(␟ is U+001F). The state is trusted only while its token is the store's marker
(:meth:`graphkit.store.base.GraphStore.marker`), which every write clears and which is set only
after the state is committed: after a crash the two disagree and the next build starts over
from the ledger (:func:`graphkit.loading.commit`).
"""

from __future__ import annotations

import json
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .build import EdgePart, NodePart, collector_paused, fold_edge, fold_node, parts
from .delta import Delta, EdgeKey, Fingerprints, NodeKey, fingerprint, stored_edge, stored_node
from .errors import Errors, StoreError
from .records import (
    Evidence,
    Extraction,
    Graph,
    GraphEdge,
    GraphNode,
    Label,
    NodeRef,
    RelType,
)

#: Bumped when the tables or the encoding of parts change (an old state is then rebuilt).
FORMAT = "1"
FILE_NAME = "merge.sqlite"
_SEP = "\x1f"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS docs (doc TEXT PRIMARY KEY, sha TEXT NOT NULL, year INTEGER NOT NULL,
                                 edition TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS parts (item TEXT NOT NULL, doc TEXT NOT NULL, data TEXT NOT NULL,
                                  PRIMARY KEY (item, doc)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS parts_doc ON parts (doc);
CREATE TABLE IF NOT EXISTS items (item TEXT PRIMARY KEY, src TEXT, dst TEXT, print TEXT)
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_src ON items (src);
CREATE INDEX IF NOT EXISTS items_dst ON items (dst);
"""

__all__ = ["FILE_NAME", "Change", "MergeState"]


@dataclass(frozen=True, slots=True)
class Change:
    """What a change does to the stored graph: the items written (for the store's checks)."""

    graph: Graph  # the nodes and relationships in ``delta``'s puts, merged
    delta: Delta


def node_item(label: str, node_id: str) -> str:
    """The item key of a node."""
    return f"{label}{_SEP}{node_id}"


def edge_item(key: EdgeKey) -> str:
    """The item key of a relationship."""
    return _SEP.join(key)


def _encode_node(part: NodePart) -> list[Any]:
    return [part[2], list(part[3]), dict(part[4])]


def _encode_edge(part: EdgePart) -> list[Any]:
    ev = part[3]
    return [dict(part[2]), [ev.document, ev.offset, ev.text, ev.rule]]


class MergeState:
    """The parts and fingerprints of the stored graph's items, in ``<ledger>/merge.sqlite``."""

    def __init__(self, ledger_path: str | Path) -> None:
        self.path = Path(ledger_path) / FILE_NAME
        self._db: sqlite3.Connection | None = None

    # ------------------------------------------------------------------ connection

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._connect()
        return self._db

    def _connect(self) -> sqlite3.Connection:
        try:
            info = self.path.lstat()
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise StoreError(
                Errors.E030.format(
                    path=self.path.parent.parent,
                    detail=f"{self.path} is not a regular file (a symlink?); graphkit never "
                    "follows it: remove it, and the next build makes it again",
                )
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            db = sqlite3.connect(self.path, isolation_level=None)
            if info is None:
                self.path.chmod(0o600)
            db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                Errors.E030.format(
                    path=self.path.parent.parent, detail=f"cannot open {self.path}: {exc}"
                )
            ) from exc
        return db

    def close(self) -> None:
        """Close the database (an open change is rolled back)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> MergeState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ what it holds

    def token(self) -> str | None:
        """The store marker this state describes (None: not known to describe any)."""
        db = self._conn()
        found = dict(db.execute("SELECT key, value FROM meta").fetchall())
        return found.get("token") if found.get("format") == FORMAT else None

    def documents(self) -> dict[str, str]:
        """Document id → sha256 of every document merged."""
        return dict(self._conn().execute("SELECT doc, sha FROM docs").fetchall())

    def fingerprints(self) -> Fingerprints:
        """The fingerprint of every item stored, keyed as :mod:`graphkit.delta` keys them."""
        nodes: dict[NodeKey, str] = {}
        edges: dict[EdgeKey, str] = {}
        rows = self._conn().execute("SELECT item, print FROM items WHERE print IS NOT NULL")
        for item, value in rows:
            key = tuple(item.split(_SEP))
            if len(key) == 2:
                nodes[(key[0], key[1])] = value
            else:
                edges[(key[0], key[1], key[2], key[3], key[4])] = value
        return Fingerprints(nodes, edges)

    def present(self) -> int:
        """How many items the stored graph holds."""
        row = self._conn().execute("SELECT count(*) FROM items WHERE print IS NOT NULL")
        return int(row.fetchone()[0])

    # ------------------------------------------------------------------ writing

    def begin(self) -> None:
        """Start the transaction a change and its :meth:`commit` (or :meth:`rollback`) end."""
        self._conn().execute("BEGIN IMMEDIATE")

    def commit(self, token: str) -> None:
        """Record that the state describes the store marked ``token``, durably."""
        db = self._conn()
        db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", [("format", FORMAT), ("token", token)]
        )
        db.execute("COMMIT")

    def rollback(self) -> None:
        """Forget the change begun (nothing of it was committed)."""
        db = self._conn()
        if db.in_transaction:
            db.execute("ROLLBACK")

    def forget(self) -> None:
        """Make the state describe no store (the next change starts over)."""
        db = self._conn()
        db.execute("DELETE FROM meta WHERE key = 'token'")

    def replace(self, extractions: Iterable[Extraction], prints: Fingerprints) -> None:
        """Hold exactly ``extractions``, whose whole merge was stored with ``prints``.

        Within the transaction :meth:`begin` started.
        """
        db = self._conn()
        for table in ("docs", "parts", "items"):
            db.execute(f"DELETE FROM {table}")  # table names are the literals above
        edges: set[str] = set()
        with collector_paused():
            for ex in extractions:
                edges.update(self._insert(ex))
            node_rows = [(node_item(*key), None, None, p) for key, p in prints.nodes.items()]
            db.executemany("INSERT INTO items VALUES (?, ?, ?, ?)", node_rows)
            edge_prints = {edge_item(key): p for key, p in prints.edges.items()}
            db.executemany(
                "INSERT INTO items VALUES (?, ?, ?, ?)",
                [(item, *_ends(item), edge_prints.get(item)) for item in edges],
            )

    def _insert(self, ex: Extraction) -> set[str]:
        """Insert ``ex``'s document and parts; the relationship items it names."""
        db = self._conn()
        info = ex.info
        db.execute(
            "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?)",
            (ex.document_id, info.sha256, info.year or 0, info.edition or ""),
        )
        node_parts, edge_parts = parts(ex)
        grouped: dict[str, list[Any]] = {}
        for (label, node_id), part in node_parts:
            grouped.setdefault(node_item(label.value, node_id), []).append(_encode_node(part))
        edges: set[str] = set()
        for (typ, src, dst), edge_part in edge_parts:
            item = edge_item((typ.value, src.label.value, src.id, dst.label.value, dst.id))
            edges.add(item)
            grouped.setdefault(item, []).append(_encode_edge(edge_part))
        doc = ex.document_id
        db.executemany(
            "INSERT INTO parts VALUES (?, ?, ?)",
            [
                (item, doc, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
                for item, data in grouped.items()
            ],
        )
        return edges

    def change(self, add: Sequence[Extraction], drop: Iterable[str]) -> Change:
        """Drop the documents ``drop`` and add (or replace) ``add``; what the store must do.

        Within the transaction :meth:`begin` started; the items table is updated too.
        """
        db = self._conn()
        gone = set(drop) | {ex.document_id for ex in add}
        touched: set[str] = set()
        for doc in sorted(gone):
            touched.update(r[0] for r in db.execute("SELECT item FROM parts WHERE doc = ?", (doc,)))
            db.execute("DELETE FROM parts WHERE doc = ?", (doc,))
            db.execute("DELETE FROM docs WHERE doc = ?", (doc,))
        for ex in add:
            self._insert(ex)
            touched.update(_items_of(ex))
        with collector_paused():
            return _Redo(db).run(touched)


def _items_of(ex: Extraction) -> Iterator[str]:
    for n in ex.nodes:
        yield node_item(n.label.value, n.id)
    for r in ex.relations:
        yield edge_item((r.type.value, r.source.label.value, r.source.id, r.target.label.value,
                         r.target.id))  # fmt: skip


def _ends(item: str) -> tuple[str, str]:
    _, sl, sid, dl, did = item.split(_SEP)
    return node_item(sl, sid), node_item(dl, did)


class _Redo:
    """Fold the touched items again and compare them with what is stored."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.delta: dict[str, list[Any]] = {k: [] for k in ("dn", "de", "pn", "pe")}
        self.nodes: list[GraphNode] = []
        self.edges: list[GraphEdge] = []

    def _select(self, sql: str, items: Iterable[str]) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` (which names the temporary table ``t``) for ``items``."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS t (item TEXT PRIMARY KEY) WITHOUT ROWID")
        self.db.execute("DELETE FROM t")
        self.db.executemany("INSERT OR IGNORE INTO t VALUES (?)", ((i,) for i in items))
        return self.db.execute(sql).fetchall()

    def _parts(self, items: Iterable[str]) -> dict[str, list[tuple[tuple[int, str, str], Any]]]:
        rows = self._select(
            "SELECT p.item, p.doc, p.data, d.year, d.edition FROM parts p JOIN docs d "
            "ON d.doc = p.doc WHERE p.item IN (SELECT item FROM t)",
            items,
        )
        found: dict[str, list[tuple[tuple[int, str, str], Any]]] = {}
        # (year, edition, doc) is graphkit.build.order_of's key: docs holds year or 0 and
        # edition or "", as it does
        for item, doc, data, year, edition in rows:
            found.setdefault(item, []).append(((year, edition, doc), json.loads(data)))
        for entries in found.values():
            entries.sort(key=lambda e: e[0])
        return found

    def _prints(self, items: Iterable[str]) -> dict[str, str | None]:
        rows = self._select(
            "SELECT item, print FROM items WHERE item IN (SELECT item FROM t)", items
        )
        return dict(rows)

    def run(self, touched: set[str]) -> Change:
        node_items = {i for i in touched if i.count(_SEP) == 1}
        edge_items = touched - node_items
        present = self._redo_nodes(node_items)
        # a node that appears or disappears changes whether its relationships are stored
        flipped = [i for i, (was, now) in present.items() if was != now]
        for node in flipped:
            edge_items.update(
                r[0]
                for r in self.db.execute(
                    "SELECT item FROM items WHERE src = ? OR dst = ?", (node, node)
                )
            )
        self._redo_edges(edge_items, {i: now for i, (_, now) in present.items()})
        d = self.delta
        delta = Delta(
            delete_edges=tuple(sorted(d["de"])),
            delete_nodes=tuple(sorted(d["dn"])),
            put_nodes=tuple(sorted(d["pn"], key=lambda kv: kv[0])),
            put_edges=tuple(sorted(d["pe"], key=lambda kv: kv[0])),
        )
        return Change(Graph(tuple(self.nodes), tuple(self.edges)), delta)

    def _redo_nodes(self, items: set[str]) -> dict[str, tuple[bool, bool]]:
        """Fold and compare each node; item → (was stored, is stored)."""
        old = self._prints(items)
        found = self._parts(items)
        out: dict[str, tuple[bool, bool]] = {}
        for item in sorted(items):
            label, node_id = item.split(_SEP)
            key: NodeKey = (label, node_id)
            entries = found.get(item)
            was = old.get(item) is not None
            out[item] = (was, entries is not None)
            if entries is None:
                if was:
                    self.delta["dn"].append(key)
                    self.db.execute("DELETE FROM items WHERE item = ?", (item,))
                continue
            props = fold_node(_node_parts(entries))
            node = GraphNode(Label(label), node_id, props)
            kept = stored_node(node)
            new_print = fingerprint(kept)
            if old.get(item) != new_print:
                self.delta["pn"].append((key, kept))
                self.nodes.append(node)
            self.db.execute(
                "INSERT OR REPLACE INTO items VALUES (?, NULL, NULL, ?)", (item, new_print)
            )
        return out

    def _redo_edges(self, items: set[str], nodes_now: Mapping[str, bool]) -> None:
        """Fold and compare each relationship, stored only while both its ends are."""
        old = self._prints(items)
        found = self._parts(items)
        ends = {end for item in items for end in _ends(item)}
        unknown = [end for end in ends if end not in nodes_now]
        stored_ends = {i for i, p in self._prints(unknown).items() if p is not None}
        alive = {**{e: e in stored_ends for e in unknown}, **nodes_now}
        for item in sorted(items):
            typ, sl, sid, dl, did = item.split(_SEP)
            edge_key: EdgeKey = (typ, sl, sid, dl, did)
            entries = found.get(item)
            src, dst = _ends(item)
            new_print: str | None = None
            if entries is not None and alive[src] and alive[dst]:
                props = fold_edge(_edge_parts(entries))
                edge = GraphEdge(
                    RelType(typ), NodeRef(Label(sl), sid), NodeRef(Label(dl), did), props
                )
                kept = stored_edge(edge)
                new_print = fingerprint(kept)
                if old.get(item) != new_print:
                    self.delta["pe"].append((edge_key, kept))
                    self.edges.append(edge)
            elif old.get(item) is not None:
                self.delta["de"].append(edge_key)
            if entries is None:
                self.db.execute("DELETE FROM items WHERE item = ?", (item,))
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?)", (item, src, dst, new_print)
                )


def _editions(edition: str) -> list[str]:
    return [edition] if edition else []


def _node_parts(entries: list[tuple[tuple[int, str, str], Any]]) -> list[NodePart]:
    out: list[NodePart] = []
    for (_, edition, doc), data in entries:
        editions = _editions(edition)
        out.extend((doc, editions, name, aliases, props) for name, aliases, props in data)
    return out


def _edge_parts(entries: list[tuple[tuple[int, str, str], Any]]) -> list[EdgePart]:
    out: list[EdgePart] = []
    for (_, edition, doc), data in entries:
        editions = _editions(edition)
        out.extend(
            (doc, editions, props, Evidence(ev[0], int(ev[1]), ev[2], ev[3])) for props, ev in data
        )
    return out
