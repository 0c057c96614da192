"""The merge state: every document's parts of every item, so a change redoes only what it touches.

A stored graph is the merge (:func:`graphkit.build.build`) of the loaded documents, and each of
its items depends only on that item's parts. This module keeps the parts, and a summary of
each item (:class:`graphkit.summary.Summary`: its documents in merge order and its fold), in
an SQLite database beside the ledger (``ledger/merge.sqlite``), indexed by item and by
document. Adding or removing documents then reads only the summaries of the items those
documents touch, carries each fold over the change where that gives exactly what folding
every part again gives (a document added after the others, a document removed that repeats
its neighbour), folds the others again from their parts with
:func:`~graphkit.build.fold_node` and :func:`~graphkit.build.fold_edge` (the functions a whole
build uses), and compares what the store holds before and after: the
:class:`~graphkit.delta.Delta` the store applies (:mod:`graphkit.refold`). Work is
proportional to the items touched, not to the store.

Tables (``PRAGMA user_version`` is the schema's version; another one is dropped and made again)::

    meta(key, value)                 format; token: the store marker the state describes
    docs(id, doc, sha, year, edition)  id: never given again (a summary names documents by it)
    items(id, key, src, dst, here,   every item named by a part; src/dst: a relationship's end
          docs, fold)                node items; here: whether it is stored (it has parts and,
                                     a relationship, both end nodes: a whole write drops one
                                     whose end is missing); docs, fold: its summary, NULL
                                     without parts
    parts(item, doc, data, ev)       what ``doc`` says of ``item``: a marshal'd list of parts;
                                     a relationship's evidences apart in ev. Kept in document
                                     order, so that adding or dropping a document writes few
                                     pages
    names(key, node, doc, link,      every key (``label␟name key``) of every node a document
          final)                     names, with the node's item key as the document's
                                     extraction names it (before :func:`graphkit.unify.unify`);
                                     link: whether it is a name, abbreviation or English name
                                     there; final: the node's item key after unify

Item keys are strings: ``label␟id`` for a node, ``type␟label␟id␟label␟id`` for a relationship
(␟ is U+001F). The state is trusted only while its token is the store's marker
(:meth:`graphkit.store.base.GraphStore.marker`), which every write clears and which is set only
after the state is committed: after a crash the two disagree and the next build starts over
from the ledger (:func:`graphkit.loading.commit`). It is a cache of the ledger: deleting it
costs one whole merge.

Nodes that share a link key (a name, abbreviation or English name) may be made one across
documents (:mod:`graphkit.unify`), which makes an item depend on other items' names: a change
whose documents name a node sharing a link key with another node (in any document, the change's
included) is not merged item by item: :meth:`MergeState.change` returns None and the caller
merges every document again. A shared alias (本公司) links nothing, but a key finding two nodes
is on neither: the change then gives the nodes whose keys it changes their keys again
(:mod:`graphkit.sharedkeys`), and stays item by item.
"""

from __future__ import annotations

import marshal
import sqlite3
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .build import collector_paused, order_of, parts, unified
from .delta import EdgeKey, Fingerprints, NodeKey, fingerprint, stored_edge, stored_node
from .errors import Errors, StoreError
from .records import Extraction, Graph, GraphEdge, GraphNode, Label, NodeRef, RelType
from .refold import SEP, Added, Change, Documents, edge_item, ends, node_item, refold, select
from .sharedkeys import Before, NameRow, before_change, links_shared, lost_after, names
from .summary import Summary, lists_of, without_lists
from .unify import Unified

#: The tables' version (``PRAGMA user_version``).
SCHEMA_VERSION = 6
#: marshal's format 0: no back-references and no mark of interned strings, so equal values (of
#: the same types, dictionaries in the same order) give equal bytes, and a document's parts of
#: an item that repeat the document before it are found by comparing bytes (a later format
#: writes the same list differently depending on how its strings were made).
MARSHAL = 0
#: What the parts were written with: marshal's format depends on the Python version.
FORMAT = f"parts=marshal{MARSHAL};python={sys.version_info[0]}.{sys.version_info[1]}"
FILE_NAME = "merge.sqlite"
_TABLES = ("meta", "docs", "items", "parts", "names")
_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE docs (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL UNIQUE,
                   sha TEXT NOT NULL, year INTEGER NOT NULL, edition TEXT NOT NULL);
CREATE TABLE items (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, src INTEGER, dst INTEGER,
                    here INTEGER NOT NULL DEFAULT 0, docs BLOB, fold BLOB);
CREATE INDEX items_src ON items (src) WHERE src IS NOT NULL;
CREATE INDEX items_dst ON items (dst) WHERE dst IS NOT NULL;
CREATE TABLE parts (item INTEGER NOT NULL, doc INTEGER NOT NULL, data BLOB NOT NULL, ev BLOB,
                    PRIMARY KEY (doc, item)) WITHOUT ROWID;
CREATE INDEX parts_item ON parts (item);
CREATE TABLE names (key TEXT NOT NULL, node TEXT NOT NULL, doc INTEGER NOT NULL,
                    link INTEGER NOT NULL, final TEXT NOT NULL);
CREATE INDEX names_key ON names (key);
CREATE INDEX names_node ON names (node);
CREATE INDEX names_doc ON names (doc);
CREATE INDEX names_final ON names (final);
PRAGMA user_version = {SCHEMA_VERSION};
"""

_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA cache_size = -65536",  # KiB: 64 MiB of page cache for the inserts of a whole merge
    "PRAGMA temp_store = MEMORY",
)

__all__ = ["FILE_NAME", "Change", "MergeState"]


def _grouped(ex: Extraction) -> dict[str, tuple[list[Any], list[Any] | None]]:
    """What ``ex`` says of each item (by item key), marshal-able, in its own order.

    A node's parts are (name, aliases, properties); a relationship's, its properties, with its
    evidences apart (they name the document, so they differ between documents that say the
    same, and only the first is ever read).
    """
    node_parts, edge_parts = parts(ex)
    grouped: dict[str, tuple[list[Any], list[Any] | None]] = {}
    for (label, node_id), (_, _, name, aliases, props) in node_parts:
        key = node_item(label.value, node_id)
        grouped.setdefault(key, ([], None))[0].append((name, list(aliases), dict(props)))
    for (typ, src, dst), (_, _, given, ev) in edge_parts:
        item = edge_item((typ.value, src.label.value, src.id, dst.label.value, dst.id))
        data, evidences = grouped.setdefault(item, ([], []))
        data.append(dict(given))
        assert evidences is not None  # a relationship's entry
        evidences.append((ev.document, ev.offset, ev.text, ev.rule))
    return grouped


def _row(item: int, doc: int, part: tuple[list[Any], list[Any] | None]) -> tuple[Any, ...]:
    data, evidences = part
    ev = None if evidences is None else marshal.dumps(evidences, MARSHAL)
    return (item, doc, marshal.dumps(data, MARSHAL), ev)


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

    def _refuse(self, detail: str) -> StoreError:
        return StoreError(Errors.E030.format(path=self.path.parent.parent, detail=detail))

    def _connect(self) -> sqlite3.Connection:
        try:
            info = self.path.lstat()
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise self._refuse(
                f"{self.path} is not a regular file (a symlink?); graphkit never follows it: "
                "remove it, and the next build makes it again"
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            db = sqlite3.connect(self.path, isolation_level=None)
            if info is None:
                self.path.chmod(0o600)
            # WAL and synchronous=NORMAL: a commit lost to a power cut leaves the old token,
            # which no longer matches the store's marker, so the state is simply made again
            for pragma in _PRAGMAS:
                db.execute(pragma)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                db.execute("BEGIN IMMEDIATE")
                for table in _TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")  # the literal names above
                db.executescript(_SCHEMA)  # commits
                if version:
                    db.execute("VACUUM")  # give the old tables' pages back
        except (OSError, sqlite3.Error) as exc:
            raise self._refuse(f"cannot open {self.path}: {exc}") from exc
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
        order = self._order()
        nodes: dict[NodeKey, str] = {}
        edges: dict[EdgeKey, str] = {}
        rows = self._conn().execute("SELECT key, docs, fold FROM items WHERE here")
        for item, docs, fold in rows:
            summary = Summary.decode(docs, fold)
            assert summary.fold is not None  # a stored item has parts
            props = {**summary.fold, **lists_of(summary.docs, order)}
            key = item.split(SEP)
            if len(key) == 2:
                node = GraphNode(Label(key[0]), key[1], props)
                nodes[(key[0], key[1])] = fingerprint(stored_node(node))
            else:
                src, dst = NodeRef(Label(key[1]), key[2]), NodeRef(Label(key[3]), key[4])
                edge = GraphEdge(RelType(key[0]), src, dst, props)
                edges[(key[0], key[1], key[2], key[3], key[4])] = fingerprint(stored_edge(edge))
        return Fingerprints(nodes, edges)

    def merges(self) -> dict[tuple[str, str], list[str]]:
        """(label, id) of each node a merge made of nodes the documents gave other ids → those
        ids (:func:`graphkit.build.renames` names the merges a removal undoes)."""
        sql = ("SELECT DISTINCT final, node FROM names WHERE final IN "
               "(SELECT final FROM names WHERE final != node) ORDER BY final, node")  # fmt: skip
        out: dict[tuple[str, str], list[str]] = {}
        for final, node in self._conn().execute(sql):
            label, merged = final.split(SEP)
            out.setdefault((label, merged), []).append(node.split(SEP)[1])
        return out

    def present(self) -> int:
        """How many items the stored graph holds."""
        row = self._conn().execute("SELECT count(*) FROM items WHERE here")
        return int(row.fetchone()[0])

    def _order(self) -> dict[int, tuple[int, str, str]]:
        """Row id → the place in the merge of every document (graphkit.build.order_of)."""
        rows = self._conn().execute("SELECT id, year, edition, doc FROM docs")
        return {i: (year, edition, doc) for i, year, edition, doc in rows}

    # ------------------------------------------------------------------ writing

    def begin(self) -> None:
        """Start the transaction a change and its :meth:`commit` (or :meth:`rollback`) end."""
        self._conn().execute("BEGIN IMMEDIATE")

    def commit(self, token: str | None) -> None:
        """Record that the state describes the store marked ``token`` (None: no store)."""
        db = self._conn()
        db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
        if token is None:
            db.execute("DELETE FROM meta WHERE key = 'token'")
        else:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('token', ?)", (token,))
        db.execute("COMMIT")

    def rollback(self) -> None:
        """Forget the change begun (nothing of it was committed)."""
        db = self._conn()
        if db.in_transaction:
            db.execute("ROLLBACK")

    def replace(
        self, extractions: Iterable[Extraction], graph: Graph, done: Unified | None = None
    ) -> None:
        """Hold exactly ``extractions``, whose whole merge ``graph`` was stored; ``done``: what
        :func:`graphkit.build.unified` made of them when the caller has it (else made here).

        Within the transaction :meth:`begin` started.
        """
        db = self._conn()
        for table in ("docs", "parts", "items", "names"):
            db.execute(f"DELETE FROM {table}")  # the literal names above
        ids: dict[str, int] = {}
        rows: list[tuple[Any, ...]] = []
        rows_of_names: list[NameRow] = []
        docs: dict[int, tuple[list[int], list[bool], bytes]] = {}  # item → docs, same, last
        with collector_paused():
            given = sorted(extractions, key=lambda e: order_of(e.info, e.document_id))
            done = done or unified(given)
            for raw, ex in zip(given, done.extractions, strict=True):  # in merge order
                doc = self._add_document(ex)
                rows_of_names += names(raw, doc, done.renamed)
                for item, part in _grouped(ex).items():
                    found = ids.setdefault(item, len(ids) + 1)
                    rows.append(_row(found, doc, part))
                    _listed(docs, found, doc, rows[-1][2])
            rows.sort(key=lambda row: (row[1], row[0]))  # in key order: appends to the tree
            db.execute("DROP INDEX parts_item")  # made once after the inserts: cheaper
            db.executemany("INSERT INTO parts VALUES (?, ?, ?, ?)", rows)
            db.execute("CREATE INDEX parts_item ON parts (item)")
            db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?)",
                           _items(ids, docs, graph))  # fmt: skip
            db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", rows_of_names)

    def _add_document(self, ex: Extraction) -> int:
        year, edition, doc = order_of(ex.info, ex.document_id)  # as refold sorts by them
        cursor = self._conn().execute(
            "INSERT INTO docs (doc, sha, year, edition) VALUES (?, ?, ?, ?)",
            (doc, ex.info.sha256, year, edition),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _ids(self, keys: Iterable[str]) -> dict[str, int]:
        """The item ids of ``keys``, made for keys not known yet (a relationship's ends too)."""
        db = self._conn()
        keys = set(keys)
        keys |= {end for key in keys if key.count(SEP) == 4 for end in ends(key)}
        db.executemany("INSERT OR IGNORE INTO items (key) VALUES (?)", ((k,) for k in sorted(keys)))
        ids = dict(select(db, "SELECT key, id FROM items WHERE key IN (SELECT v FROM t)", keys))
        db.executemany(
            "UPDATE items SET src = ?, dst = ? WHERE id = ? AND src IS NULL",
            [(ids[s], ids[d], ids[k]) for k in keys if k.count(SEP) == 4 for s, d in [ends(k)]],
        )
        return ids

    def change(self, add: Sequence[Extraction], drop: Iterable[str]) -> Change | None:
        """Drop the documents ``drop`` and add (or replace) ``add``; what the store must do.

        Within the transaction :meth:`begin` started; the items table is updated too. None
        (and nothing changed) when a node the change names shares a link key with another
        node: which nodes are one is then for a whole merge to say (:mod:`graphkit.unify`).
        """
        db = self._conn()
        order = self._order()
        gone = set(drop) | {ex.document_id for ex in add}
        touched: set[int] = set()
        removed = [i for i, (_, _, doc) in order.items() if doc in gone]
        new = [row for ex in add for row in names(ex, 0)]
        if links_shared(db, new, removed):
            return None  # which nodes are one is for a whole merge to say
        before = before_change(db, new, removed)
        for doc in removed:
            db.execute("DELETE FROM names WHERE doc = ?", (doc,))
            touched.update(r[0] for r in db.execute("SELECT item FROM parts WHERE doc = ?", (doc,)))
            db.execute("DELETE FROM parts WHERE doc = ?", (doc,))
            db.execute("DELETE FROM docs WHERE id = ?", (doc,))
        added: dict[int, dict[int, Added]] = {}
        with collector_paused():
            for ex in add:
                doc = self._add_document(ex)
                order[doc] = order_of(ex.info, ex.document_id)
                grouped = _grouped(ex)
                ids = self._ids(grouped)
                rows = [_row(ids[item], doc, part) for item, part in grouped.items()]
                db.executemany("INSERT INTO parts VALUES (?, ?, ?, ?)", rows)
                db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", names(ex, doc))
                for row, (data, evidences) in zip(rows, grouped.values(), strict=True):
                    added.setdefault(row[0], {})[doc] = (row[2], data, evidences)
            touched.update(added)
            lost = self._lost(before)
            touched.update(lost)
            return refold(db, touched, Documents(order, frozenset(removed), added, lost))

    def _lost(self, before: Before) -> dict[int, frozenset[str]]:
        """Item id → the keys it loses, of every stored node whose keys the change may change
        (:func:`graphkit.sharedkeys.lost_after`)."""
        lost = lost_after(self._conn(), before)
        sql = "SELECT key, id FROM items WHERE key IN (SELECT v FROM t)"
        return {item: lost[key] for key, item in select(self._conn(), sql, lost)}


def _listed(
    docs: dict[int, tuple[list[int], list[bool], bytes]], item: int, doc: int, data: bytes
) -> None:
    """Note that ``doc`` (the next in merge order) has parts ``data`` of ``item``."""
    found = docs.get(item)
    if found is None:
        docs[item] = ([doc], [False], data)
    else:
        found[0].append(doc)
        found[1].append(found[2] == data)
        docs[item] = (found[0], found[1], data)


def _items(
    ids: dict[str, int], docs: dict[int, tuple[list[int], list[bool], bytes]], graph: Graph
) -> list[tuple[Any, ...]]:
    """The items table of a state whose parts are ``docs`` and whose merge is ``graph``."""
    folds = {node_item(n.label.value, n.id): n.props for n in graph.nodes}
    for edge in graph.edges:
        src, dst = edge.source, edge.target
        folds[edge_item((edge.type.value, src.label.value, src.id, dst.label.value, dst.id))] = (
            edge.props
        )
    edges = [(item, ends(item)) for item in ids if item.count(SEP) == 4]
    for end in {end for _, pair in edges for end in pair} - ids.keys():
        ids[end] = len(ids) + 1  # end nodes named by relationships only

    def summary(item: str) -> tuple[bytes | None, bytes | None]:
        fold = folds.get(item)
        if fold is None:
            return None, None
        listed, same, _ = docs[ids[item]]
        return Summary(tuple(listed), tuple(same), without_lists(fold)).encode()

    out: list[tuple[Any, ...]] = [
        (i, item, None, None, item in folds, *summary(item))
        for item, i in ids.items()
        if item.count(SEP) == 1
    ]
    out += [
        (ids[item], item, ids[s], ids[d], s in folds and d in folds, *summary(item))
        for item, (s, d) in edges
    ]
    return out
