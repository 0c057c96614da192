"""One node per entity across documents: nodes of one label that share a key are one node.

Each document's resolver (:mod:`graphkit.resolve`) merges the names *it* sees; a node's id
comes from its canonical name. Two documents can name one entity under two canonical names
that share a key (:func:`graphkit.build.node_keys`: a name, an alias, the English name or the
abbreviation): 聚氨酯(PU) in one, 聚氨酯樹脂(PU) or a bare PU in another. Before the merge,
:func:`unify` gives such nodes one id and one name, in every document's extraction (its
relationships' ends too), so the merge folds them as one item.

Which nodes become one is a function of the *set* of extractions, never of their order:

* nodes of one label are linked by every key they share, and the linked ones are one node;
* a key is *ambiguous*, and links nothing, when one document names two of its nodes (that
  document's resolver saw both and kept them apart: 國家衛生研究院 NIH and the lexicon's
  國家衛生研究院), when two of them are a foreign body and a body that is not
  (:data:`~graphkit.records.FOREIGN_BODY`), or when two of them spell the abbreviation out as
  two different things: in English (:func:`graphkit.glosses.glossed_otherwise`: PLC) or in
  Chinese names without a character in common (擴增實境(AR) and 抗反射(AR)). An abbreviation
  two documents define for two Chinese spellings of one thing is otherwise evidence enough
  (PU: 聚氨酯 and 聚氨酯樹脂; NSTDA: 國家科學技術發展機構 and 泰國國家科學研究院): an
  abbreviation is defined as the name of *one* thing in a text, and the resolver within one
  document merges on it the same way; so is a bare abbreviation (a node named PU) for the one
  node that defines it;
* a group whose nodes a document keeps apart through a chain of keys stays apart as a whole;
* the merged node's name (and so its id) is chosen by a rule on the names: a lexicon's
  canonical name first, then the name the most documents print, then a name that is not only
  Latin letters (聚氨酯 over PU), then the longer (fuller) name, then the first in code point
  order. The other names become aliases.

An ambiguous key is taken off the ``keys`` of the nodes it names (:func:`ambiguous_keys`): a
key finds one node or none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

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

__all__ = ["Unified", "node_keys", "unify"]


def node_keys(name: str, aliases: Iterable[str], props: Mapping[str, PropValue]) -> list[str]:
    """The keys of a node: the name keys of its name, aliases, English name, abbreviation and
    short name, without repeats."""
    forms = [
        name,
        *aliases,
        *(str(props[k]) for k in ("name_en", "abbr", "short_name") if props.get(k)),
    ]
    return list(dict.fromkeys(name_key(f) for f in forms if f))


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

    def chinese(self) -> set[str]:
        """The Han characters of its names and aliases."""
        return {c for name in (*self.names, *self.aliases) for c in name if _HAN.match(c)}

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
    return seen


def _texts(value: PropValue | None) -> list[str]:
    return [value] if isinstance(value, str) and value else []


def _apart(a: Raw, b: Raw, seen: Mapping[Raw, _Seen]) -> bool:
    """Whether ``a`` and ``b`` must stay two nodes whatever key they share."""
    sa, sb = seen[a], seen[b]
    if sa.docs & sb.docs or sa.foreign != sb.foreign:
        return True
    ca, cb = sa.chinese(), sb.chinese()
    if ca and cb and not ca & cb:
        return True  # 擴增實境(AR) and 抗反射(AR): two things
    ta, tb = sa.term(a[0]), sb.term(b[0])
    return glossed_otherwise(ta, tb) or glossed_otherwise(tb, ta)


def _groups(seen: Mapping[Raw, _Seen]) -> tuple[list[list[Raw]], dict[Raw, set[str]]]:
    """The groups of nodes that are one node, and the ambiguous keys of each node."""
    by_key: dict[tuple[Label, str], list[Raw]] = defaultdict(list)
    for raw in sorted(seen):
        for key in seen[raw].keys:
            by_key[(raw[0], key)].append(raw)
    parent: dict[Raw, Raw] = {}

    def root(x: Raw) -> Raw:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    ambiguous: dict[Raw, set[str]] = defaultdict(set)
    links: dict[Raw, set[Raw]] = defaultdict(set)
    for (_, key), raws in sorted(by_key.items()):
        if len(raws) < 2:
            continue
        if any(_apart(a, b, seen) for i, a in enumerate(raws) for b in raws[i + 1 :]):
            for raw in raws:
                ambiguous[raw].add(key)
            continue
        for raw in raws[1:]:
            links[raws[0]].add(raw)
            ra, rb = root(raws[0]), root(raw)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[Raw, list[Raw]] = defaultdict(list)
    for raw in sorted({r for pair in links.items() for r in (pair[0], *pair[1])}):
        members[root(raw)].append(raw)
    groups = []
    for group in members.values():
        if any(_apart(a, b, seen) for i, a in enumerate(group) for b in group[i + 1 :]):
            # kept apart through a chain of keys: every key linking the group is ambiguous
            for raw in group:
                ambiguous[raw].update(k for k in seen[raw].keys
                                      if len(by_key[(raw[0], k)]) > 1)  # fmt: skip
            continue
        groups.append(group)
    return groups, ambiguous


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
    groups, ambiguous = _groups(seen)
    renamed: dict[Raw, tuple[str, str]] = {}
    for group in groups:
        label = group[0][0]
        name = _winner(label, group, seen)
        new_id = make_id(label, name)
        for raw in group:
            if raw[1] != new_id or seen[raw].names.keys() != {name}:
                renamed[raw] = (new_id, name)
    lost = {
        (raw[0], renamed.get(raw, (raw[1], ""))[0]): frozenset(keys)
        for raw, keys in ambiguous.items()
    }
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
