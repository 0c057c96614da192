"""One node per entity across documents: nodes of one label that share a key are one node.

Each document's resolver (:mod:`graphkit.resolve`) merges the names *it* sees; a node's id
comes from its canonical name. Two documents can name one entity under two canonical names
that share a key (:func:`node_keys`): 聚氨酯(PU) in one, 聚氨酯樹脂(PU) or a bare PU in
another. Before the merge, :func:`unify` gives such nodes one id and one name, in every
document's extraction (its relationships' ends too), so the merge folds them as one item.

Which nodes become one is a function of the *set* of extractions, never of their order:

* nodes of one label are *linked* by a key that names the thing in a document: a name, an
  abbreviation or an English name (:meth:`_Seen.links`). An alias never links: it is a
  document's own (以下簡稱本公司, 本院, 中大, 長榮) or a variant its resolver already folded;
* two linked nodes are one when the key is the name of either (a bare PU and the 聚氨酯(PU)
  that defines it), or, linked only through an abbreviation or English name, when one Chinese
  name contains the other (聚氨酯 in 聚氨酯樹脂) or their English names agree; otherwise they
  are two (熱電偶(TC) and 熱傳導(TC)). Bodies likewise;
* two nodes are always two when one document names both (that document's resolver kept them
  apart), when one is a foreign body and the other not (:data:`~graphkit.records.FOREIGN_BODY`),
  or when they spell their abbreviation out as two things in English
  (:func:`graphkit.glosses.glossed_otherwise`: PLC);
* this is asked *per pair*: a node one with two nodes that are two (a bare TC beside 熱電偶
  and 熱傳導) links nothing, and a third thing sharing an abbreviation (處理單元(PU)) does not
  split 聚氨酯 and 聚氨酯樹脂; a group that a chain of links would make of two things stays
  apart as a whole;
* the merged node's name (and so its id) is chosen by a rule on the names: a lexicon's
  canonical name first, then the name the most documents print, then a name that is not only
  Latin letters (聚氨酯 over PU), then the longer (fuller) name, then the first in code point
  order. The other names become aliases.

A key (an alias's too) that still finds more than one node once the groups are merged is
taken off the ``keys`` of every node it finds (:attr:`Unified.ambiguous`): a key finds one
node or none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from .glosses import glossed_otherwise
from .normalise import make_id, name_key
from .records import (
    ENTITY_LABELS,
    FOREIGN_BODY,
    Extraction,
    Label,
    Node,
    NodeRef,
    PropValue,
    Relation,
    Term,
)

#: A Han character (CJK unified ideographs and extension A, compatibility ideographs).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: A node as a document's extraction names it: (label, id).
Raw = tuple[Label, str]

__all__ = ["Unified", "link_keys", "node_keys", "unify"]


def node_keys(name: str, aliases: Iterable[str], props: Mapping[str, PropValue]) -> list[str]:
    """The keys of a node: the name keys of its name, aliases, English name, abbreviation and
    short name, without repeats."""
    forms = [
        name,
        *aliases,
        *(str(props[k]) for k in ("name_en", "abbr", "short_name") if props.get(k)),
    ]
    return list(dict.fromkeys(name_key(f) for f in forms if f))


def link_keys(name: str, props: Mapping[str, PropValue]) -> set[str]:
    """The keys that link a node to another document's node: its name's, abbreviation's and
    English name's (an alias, 本公司 or 中大, is a document's own short name)."""
    return {name_key(form) for form in (name, *_texts(props.get("abbr")),
                                        *_texts(props.get("name_en")))}  # fmt: skip


@dataclass(slots=True)
class _Seen:
    """What the documents say of one node: its names (with the documents printing each), keys,
    documents, whether one places it abroad, and a Term for the gloss check."""

    names: dict[str, set[str]] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    foreign: bool = False
    abbrs: set[str] = field(default_factory=set)
    names_en: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    linked: set[str] = field(default_factory=set)  # every node's link_keys

    def name_keys(self) -> set[str]:
        """The keys of its names (never of its aliases)."""
        return {name_key(name) for name in self.names}

    def links(self) -> set[str]:
        """The keys that link it to a node of another document (:func:`link_keys` of each
        node the documents give it)."""
        return self.linked

    def chinese(self) -> list[str]:
        """The name keys of its names with a Han character (never its aliases)."""
        return [key for key in self.name_keys() if _HAN.search(key)]

    def term(self, label: Label) -> Term:
        """The node as a Term (its first name, English name and abbreviation in code point
        order: whatever order the documents came in)."""
        forms = tuple(sorted(self.aliases | set(self.names)))
        name_en = min(self.names_en) if self.names_en else None
        abbr = min(self.abbrs) if self.abbrs else None
        return Term(label, min(self.names), forms, name_en=name_en, abbr=abbr)


@dataclass(frozen=True, slots=True)
class Unified:
    """The extractions with merged nodes renamed, and the keys left ambiguous per node."""

    extractions: list[Extraction]
    renamed: Mapping[Raw, tuple[str, str]]  # (label, old id) → (new id, new name)
    ambiguous: Mapping[Raw, frozenset[str]]  # (label, id after renaming) → keys it loses


def _seen(extractions: Sequence[Extraction]) -> dict[Raw, _Seen]:
    seen: dict[Raw, _Seen] = defaultdict(_Seen)
    for ex in extractions:
        for n in ex.nodes:
            if n.label not in ENTITY_LABELS:
                continue  # a Document or an Article is its document's own
            s = seen[(n.label, n.id)]
            s.names.setdefault(n.name, set()).add(ex.document_id)
            s.keys.update(node_keys(n.name, n.aliases, n.props))
            s.docs.add(ex.document_id)
            s.aliases.update(n.aliases)
            s.foreign = s.foreign or n.props.get("kind") == FOREIGN_BODY
            s.abbrs.update(_texts(n.props.get("abbr")))
            s.names_en.update(_texts(n.props.get("name_en")))
            s.linked.update(link_keys(n.name, n.props))
    return seen


def _texts(value: PropValue | None) -> list[str]:
    return [value] if isinstance(value, str) and value else []


def _apart(a: Raw, b: Raw, seen: Mapping[Raw, _Seen]) -> bool:
    """Whether ``a`` and ``b`` must stay two nodes whatever key they share: one document
    names both, one is a foreign body and the other not, or glosses disagree."""
    sa, sb = seen[a], seen[b]
    if sa.docs & sb.docs or sa.foreign != sb.foreign:
        return True
    ta, tb = sa.term(a[0]), sb.term(b[0])
    return glossed_otherwise(ta, tb) or glossed_otherwise(tb, ta)


def _one(a: Raw, b: Raw, seen: Mapping[Raw, _Seen]) -> bool:
    """Whether ``a`` and ``b``, sharing a link key, are one thing.

    A key that is the name of either (a bare PU, a name both print) is enough; a key that is
    only an abbreviation or English name of both is not, unless one Chinese name contains the
    other (聚氨酯 in 聚氨酯樹脂) or the English names agree (熱電偶(TC) and 熱傳導(TC): two).
    Whether they must stay apart anyway (:func:`_apart`) is for :func:`_groups` to ask.
    """
    sa, sb = seen[a], seen[b]
    if sa.links() & sb.links() & (sa.name_keys() | sb.name_keys()):
        return True
    if {name_key(e) for e in sa.names_en} & {name_key(e) for e in sb.names_en}:
        return True
    return any(x in y or y in x for x in sa.chinese() for y in sb.chinese())


def _pairs(seen: Mapping[Raw, _Seen]) -> tuple[dict[Raw, set[Raw]], set[frozenset[Raw]]]:
    """The nodes each node is one with (through a shared link key), and the pairs sharing a
    link key that are two things."""
    by_key: dict[tuple[Label, str], list[Raw]] = defaultdict(list)
    for raw in sorted(seen):
        for key in seen[raw].links():
            by_key[(raw[0], key)].append(raw)
    linked: dict[Raw, set[Raw]] = defaultdict(set)
    apart: set[frozenset[Raw]] = set()
    for raws in by_key.values():
        for i, a in enumerate(raws):
            for b in raws[i + 1 :]:
                if b in linked[a] or frozenset((a, b)) in apart:
                    continue
                if _one(a, b, seen):
                    linked[a].add(b)
                    linked[b].add(a)
                else:
                    apart.add(frozenset((a, b)))
    return linked, apart


def _groups(seen: Mapping[Raw, _Seen]) -> list[list[Raw]]:
    """The groups of nodes that are one node (see the module's rules)."""
    linked, apart = _pairs(seen)

    def two(a: Raw, b: Raw) -> bool:
        return frozenset((a, b)) in apart or _apart(a, b, seen)

    # a node one with two nodes that are two things (a bare TC) links nothing
    hubs = {
        raw
        for raw, others in linked.items()
        if any(two(x, y) for x, y in combinations(sorted(others), 2))
    }
    parent: dict[Raw, Raw] = {}

    def root(x: Raw) -> Raw:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a in sorted(linked):
        for b in sorted(linked[a]):
            if a in hubs or b in hubs:
                continue
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[Raw, list[Raw]] = defaultdict(list)
    for raw in sorted(set(linked) - hubs):
        members[root(raw)].append(raw)
    return [
        group
        for group in members.values()
        if len(group) > 1  # kept apart through a chain of keys: stays apart as a whole
        and not any(two(a, b) for a, b in combinations(group, 2))
    ]


def _lost(
    seen: Mapping[Raw, _Seen], renamed: Mapping[Raw, tuple[str, str]]
) -> dict[Raw, frozenset[str]]:
    """The keys each node (by its id after renaming) loses: every key (its aliases' too) that
    finds more than one node once the groups are merged."""
    keys: dict[Raw, set[str]] = defaultdict(set)
    for raw, s in seen.items():
        keys[(raw[0], renamed.get(raw, (raw[1], ""))[0])].update(s.keys)
    found: dict[tuple[Label, str], set[Raw]] = defaultdict(set)
    for node, node_keys_ in keys.items():
        for key in node_keys_:
            found[(node[0], key)].add(node)
    lost: dict[Raw, set[str]] = defaultdict(set)
    for (_, key), nodes in found.items():
        if len(nodes) > 1:
            for node in nodes:
                lost[node].add(key)
    return {node: frozenset(k) for node, k in sorted(lost.items())}


def _winner(label: Label, group: Sequence[Raw], seen: Mapping[Raw, _Seen]) -> str:
    """The name of a group's merged node (see the module's rule)."""
    from .resolve import known_term  # the lexicons, loaded only when a group is merged

    printed: dict[str, set[str]] = defaultdict(set)
    for raw in group:
        for name, docs in seen[raw].names.items():
            printed[name] |= docs

    def rank(name: str) -> tuple[bool, int, bool, int, str]:
        known = known_term(label, name)
        lexicon = known is not None and name_key(known.name) == name_key(name)
        return (not lexicon, -len(printed[name]), name.isascii(), -len(name_key(name)), name)

    return min(printed, key=rank)


def unify(extractions: Sequence[Extraction]) -> Unified:
    """Give nodes of one label that share a key one id and one name in every extraction.

    The result depends on the set of extractions only (see the module's rules).
    """
    seen = _seen(extractions)
    renamed: dict[Raw, tuple[str, str]] = {}
    for group in _groups(seen):
        label = group[0][0]
        name = _winner(label, group, seen)
        new_id = make_id(label, name)
        for raw in group:
            if raw[1] != new_id or seen[raw].names.keys() != {name}:
                renamed[raw] = (new_id, name)
    lost = _lost(seen, renamed)
    if not renamed:
        return Unified(list(extractions), renamed, lost)
    return Unified([_renamed(ex, renamed) for ex in extractions], renamed, lost)


def _renamed(ex: Extraction, renamed: Mapping[Raw, tuple[str, str]]) -> Extraction:
    """``ex`` with the nodes of ``renamed`` given their new id and name."""

    def ref(r: NodeRef) -> NodeRef:
        found = renamed.get((r.label, r.id))
        return r if found is None else NodeRef(r.label, found[0])

    def node(n: Node) -> Node:
        found = renamed.get((n.label, n.id))
        if found is None:
            return n
        new_id, name = found
        aliases = tuple(a for a in dict.fromkeys((n.name, *n.aliases)) if a != name)
        return replace(n, id=new_id, name=name, aliases=aliases)

    def relation(r: Relation) -> Relation:
        src, dst = ref(r.source), ref(r.target)
        return r if (src, dst) == (r.source, r.target) else replace(r, source=src, target=dst)

    nodes, relations = tuple(map(node, ex.nodes)), tuple(map(relation, ex.relations))
    if nodes == ex.nodes and relations == ex.relations:
        return ex  # nothing of it renamed: the same record
    return replace(ex, nodes=nodes, relations=relations)
