"""Resolve stage: map every name to one canonical entity.

工研院, ITRI and 財團法人工業技術研究院 all resolve to 工業技術研究院; 碳化矽, SiC and Silicon
Carbide to one Technology. Terms (lexicon first, then what the document defines) that share
a surface form within a label are merged into one entity whose canonical name is the first
term's. Truncated agency names from 執行單位 lines (工業技術研究) are completed to the unique
known name they begin.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .normalise import name_key, normalise_name
from .records import Label, Mention, Term

#: A truncated name must keep at least this many characters to be completed.
MIN_TRUNCATED = 4
#: Mention sources whose unknown names become new entities (lexicon names are known already).
NEW_ENTITY_SOURCES = frozenset({"pattern", "ckip", "chunk"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention and the entity it names."""

    mention: Mention
    term: Term


class Resolver:
    """Canonical entities of one document: the lexicon plus the document's own terms."""

    def __init__(self, lexicon: Iterable[Term], learned: Iterable[Term] = ()) -> None:
        self._groups: list[Term] = []
        self._index: dict[tuple[Label, str], int] = {}
        self._any_label: dict[str, Label] = {}
        for term in lexicon:
            self.add(term)
        for term in learned:
            self.add(term)

    # ---------------------------------------------------------------- registry

    def add(self, term: Term) -> Term:
        """Register a term, merging it into an entity it shares a surface form with."""
        name = normalise_name(term.name)
        if not name:
            return term
        label = (
            self._any_label.get(name_key(name), term.label)
            if term.origin != "lexicon"
            else term.label
        )
        term = replace(term, name=name, label=label)
        keys = [name_key(f) for f in term.surface_forms if name_key(f)]
        hit = next((self._index[(label, k)] for k in keys if (label, k) in self._index), None)
        if hit is None:
            self._groups.append(term)
            hit = len(self._groups) - 1
        else:
            self._groups[hit] = _merge(self._groups[hit], term)
        for form in self._groups[hit].surface_forms:
            key = name_key(form)
            self._index.setdefault((label, key), hit)
            if term.origin == "lexicon":
                self._any_label.setdefault(key, label)
        return self._groups[hit]

    def lookup(self, label: Label, surface: str) -> Term | None:
        """The entity a surface form names within a label, if known."""
        i = self._index.get((label, name_key(surface)))
        return self._groups[i] if i is not None else None

    def terms(self) -> list[Term]:
        """Every entity known, merged."""
        return list(self._groups)

    def agency(self, surface: str) -> Term:
        """Resolve an executing agency's name, completing truncated names; new names are added."""
        known = self.lookup(Label.AGENCY, surface)
        if known is not None:
            return known
        key = name_key(surface)
        if len(key) >= MIN_TRUNCATED:
            candidates = {
                i
                for (label, k), i in self._index.items()
                if label is Label.AGENCY and k.startswith(key) and k != key
            }
            names = {name_key(self._groups[i].name) for i in candidates}
            if len(names) == 1:
                found = candidates.pop()
                self._index[(Label.AGENCY, key)] = found
                return self._groups[found]
        return self.add(Term(Label.AGENCY, surface, origin="executing-agency"))

    # ---------------------------------------------------------------- mentions

    def resolve(self, mentions: Sequence[Mention]) -> list[Resolved]:
        """Resolve mentions to entities.

        Names found by patterns or by a NER model that no lexicon knows become entities; a
        name the lexicon knows under another label (an ORG that is a known Agency) takes that
        entity.
        """
        out: list[Resolved] = []
        for m in mentions:
            surface = m.key or m.text
            term = self.lookup(m.label, surface)
            if term is None and m.source in NEW_ENTITY_SOURCES:
                other = self._any_label.get(name_key(m.text))
                term = self.lookup(other, m.text) if other else None
                aliases = (m.text,) if m.key and m.key != m.text else ()
                term = term or self.add(
                    Term(m.label, m.key or m.text, aliases=aliases, origin=m.source)
                )
            if term is not None:
                out.append(Resolved(m, term))
        return out


def _merge(a: Term, b: Term) -> Term:
    """``a`` with what ``b`` adds: more aliases and any missing English name, abbr or URL."""
    aliases = tuple(dict.fromkeys([*a.aliases, *(f for f in b.surface_forms if f != a.name)]))
    return replace(
        a,
        aliases=aliases,
        name_en=a.name_en or b.name_en,
        abbr=a.abbr or b.abbr,
        short_name=a.short_name or b.short_name,
        url=a.url or b.url,
        kind=a.kind or b.kind,
    )


def best_spans(resolved: Sequence[Resolved]) -> list[Resolved]:
    """Non-overlapping mentions per block: longest first, lexicon before learned before pattern."""
    rank = {"lexicon": 0, "learned": 1, "ckip": 2, "pattern": 3, "chunk": 4}
    order = sorted(
        resolved,
        key=lambda r: (
            r.mention.block,
            -(r.mention.end - r.mention.start),
            rank.get(r.mention.source, 9),
        ),
    )
    taken: dict[int, list[tuple[int, int]]] = {}
    out = []
    for r in order:
        m = r.mention
        spans = taken.setdefault(m.block, [])
        if any(m.start < e and s < m.end for s, e in spans):
            continue
        spans.append((m.start, m.end))
        out.append(r)
    return sorted(out, key=lambda r: (r.mention.block, r.mention.start))
