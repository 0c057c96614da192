"""Which keys a change of the merge state must look at, and what they make of other nodes.

A whole merge reads a node's keys (:func:`graphkit.unify.node_keys`) twice
(:func:`graphkit.unify.unify`):

* its *link* keys (name, abbreviation, English name: :func:`link_keys`) decide which nodes
  of different documents are one. A change whose nodes share a link key with another node may
  merge or split nodes, rename them, and change whose name wins: only a whole merge says;
* every key, an alias's too (a document's 本公司, 本院), that finds two nodes once they are
  merged is taken off both nodes' ``keys`` (:attr:`graphkit.unify.Unified.ambiguous`). So an
  alias does matter to other nodes: a press release defining 本公司 as one firm takes 本公司
  off the firm another release defined it as (and dropping it gives it back). That is
  decided here, item by item: a key finds one node or several, counted in table ``names`` by
  the node's id after merging, and only the nodes whose count crosses one (with the change's
  own) get their ``keys`` again (:func:`lost_after`, folded on in :mod:`graphkit.refold`).

Without a shared link key, no node is merged with another by the change (two nodes are one
only through a link key both have), so the change's nodes keep their own ids and the others'
merges stand.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .records import ENTITY_LABELS, Extraction, Label
from .refold import SEP, node_item, select
from .unify import link_keys, node_keys

__all__ = ["Before", "NameRow", "before_change", "link_keys", "links_shared", "lost_after",
           "names"]  # fmt: skip

#: A row of table ``names``: (label␟key, node item as the document names it, document row,
#: whether the key is a link key, node item after merging).
NameRow = tuple[str, str, int, bool, str]


def names(
    ex: Extraction, doc: int, renamed: Mapping[tuple[Label, str], tuple[str, str]] | None = None
) -> list[NameRow]:
    """The rows of table ``names`` for ``ex`` (document row ``doc``) as unify reads it (before
    :func:`graphkit.unify.unify`); ``renamed``: what unify renamed (none: nothing)."""
    rows: list[NameRow] = []
    for n in ex.nodes:
        if n.label not in ENTITY_LABELS:
            continue  # as unify reads them
        links = link_keys(n.name, n.props)
        final = (renamed or {}).get((n.label, n.id), (n.id, ""))[0]
        node, merged = node_item(n.label.value, n.id), node_item(n.label.value, final)
        rows += [
            (f"{n.label.value}{SEP}{key}", node, doc, key in links, merged)
            for key in node_keys(n.name, n.aliases, n.props)
        ]
    return rows


def links_shared(db: sqlite3.Connection, new: Sequence[NameRow], removed: Sequence[int]) -> bool:
    """Whether a node ``new`` names, or one the documents ``removed`` name, shares a link key
    with another node (of any document, those of ``new`` included)."""
    nodes = {row[1] for row in new}
    for doc in removed:
        nodes.update(r[0] for r in db.execute("SELECT node FROM names WHERE doc = ?", (doc,)))
    keys = {row[0] for row in new if row[3]}
    sql = "SELECT DISTINCT key FROM names WHERE link AND node IN (SELECT v FROM t)"
    keys.update(r[0] for r in select(db, sql, nodes))
    named: dict[str, set[str]] = defaultdict(set)
    for key, node, _, link, _ in new:
        if link:
            named[key].add(node)
    sql = "SELECT DISTINCT key, node FROM names WHERE link AND key IN (SELECT v FROM t)"
    for key, node in select(db, sql, keys):
        named[key].add(node)
    return any(len(found) > 1 for found in named.values())


@dataclass(frozen=True, slots=True)
class Before:
    """What the keys of a change's nodes found before it."""

    keys: frozenset[str]  # every key of the change's nodes (label␟key)
    found: Mapping[str, frozenset[str]]  # key → the merged nodes it found
    nodes: frozenset[str]  # the change's nodes (merged item keys)


def _found(db: sqlite3.Connection, keys: set[str] | frozenset[str]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    sql = "SELECT DISTINCT key, final FROM names WHERE key IN (SELECT v FROM t)"
    for key, final in select(db, sql, keys):
        found[key].add(final)
    return {key: frozenset(nodes) for key, nodes in found.items()}


def before_change(db: sqlite3.Connection, new: Sequence[NameRow], removed: Sequence[int]) -> Before:
    """What the keys of the nodes ``new`` names and those ``removed`` name find (call it
    before the change is made)."""
    keys = {row[0] for row in new}
    nodes = {row[4] for row in new}
    for doc in removed:
        for key, final in db.execute("SELECT key, final FROM names WHERE doc = ?", (doc,)):
            keys.add(key)
            nodes.add(final)
    return Before(frozenset(keys), _found(db, keys), frozenset(nodes))


def lost_after(db: sqlite3.Connection, before: Before) -> dict[str, frozenset[str]]:
    """Merged node item → the keys (name keys, without the label) it loses, after the change:
    for the change's nodes and every node one of their keys stops or starts finding alone."""
    after = _found(db, before.keys)
    again = set(before.nodes)
    for key in before.keys:
        was, now = before.found.get(key, frozenset()), after.get(key, frozenset())
        if (len(was) > 1) != (len(now) > 1):
            again |= was | now
    own: dict[str, set[str]] = defaultdict(set)
    sql = "SELECT DISTINCT final, key FROM names WHERE final IN (SELECT v FROM t)"
    for final, key in select(db, sql, again):
        own[final].add(key)
    shared = _found(db, {key for keys in own.values() for key in keys})
    return {
        node: frozenset(k.split(SEP, 1)[1] for k in own.get(node, ()) if len(shared[k]) > 1)
        for node in sorted(again)
    }
