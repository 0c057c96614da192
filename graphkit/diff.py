"""What changed between two editions, read from the ``editions`` lists in the graph.

Programmes are *new* (only in the later edition), *ended* (only in the earlier one) or
*continuing* (in both); agencies *enter* or *leave* a technology when some programme they
execute develops it in one edition and none does in the other. Everything is plain Cypher, so
it works on any store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Errors, QueryError
from .records import ENTITY_LABELS
from .store.base import GraphStore

EDITIONS = "MATCH (d:Document) RETURN DISTINCT d.edition AS edition"
PROGRAMMES = (
    "MATCH (p:Programme) WHERE $a IN p.editions OR $b IN p.editions "
    "RETURN p.name AS name, p.editions AS editions, p.start_year AS start_year, "
    "p.end_year AS end_year ORDER BY name"
)
AGENCY_TECHNOLOGY = (
    "MATCH (a:Agency)<-[e:EXECUTED_BY]-(p:Programme)-[d:DEVELOPS]->(t:Technology) "
    "WHERE $edition IN e.editions AND $edition IN d.editions AND d.mentions >= $min_mentions "
    "RETURN DISTINCT a.name AS agency, t.name AS technology"
)
COUNT = "MATCH (n) WHERE $edition IN n.editions RETURN labels(n)[0] AS label, count(n) AS n"


@dataclass(slots=True)
class EditionDiff:
    """The differences between edition ``a`` (earlier) and ``b`` (later)."""

    a: str
    b: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    new: list[dict[str, Any]] = field(default_factory=list)
    ended: list[dict[str, Any]] = field(default_factory=list)
    continuing: list[dict[str, Any]] = field(default_factory=list)
    entering: list[dict[str, str]] = field(default_factory=list)
    leaving: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "editions": [self.a, self.b],
            "counts": self.counts,
            "programmes": {"new": self.new, "ended": self.ended, "continuing": self.continuing},
            "agencies_on_technologies": {"entering": self.entering, "leaving": self.leaving},
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per change, for a table or CSV."""
        out: list[dict[str, Any]] = []
        for label, n in self.counts.items():
            out.append({"change": "count", "what": label, "detail": f"{n[self.a]} → {n[self.b]}"})
        for kind, items in (
            ("new", self.new),
            ("ended", self.ended),
            ("continuing", self.continuing),
        ):
            for p in items:
                span = f"{p['start_year']}~{p['end_year']}"
                out.append({"change": f"programme {kind}", "what": p["name"], "detail": span})
        for kind, pairs in (("enters", self.entering), ("leaves", self.leaving)):
            for pair in pairs:
                out.append(
                    {
                        "change": f"agency {kind}",
                        "what": pair["agency"],
                        "detail": pair["technology"],
                    }
                )
        return out


def diff(store: GraphStore, a: str, b: str, min_mentions: int = 2) -> EditionDiff:
    """Compare edition ``a`` with edition ``b``.

    Args:
        store: the graph.
        a: the earlier edition label (as stored on documents, e.g. ``2025/2026``).
        b: the later edition label.
        min_mentions: DEVELOPS links weaker than this (a technology named in passing) do not
            count for agencies entering or leaving a technology.

    Raises:
        QueryError: an edition no loaded document has.
    """
    known = {r["edition"] for r in store.run(EDITIONS).records()}
    for edition in (a, b):
        if edition not in known:
            shown = ", ".join(sorted(str(k) for k in known)) or "none"
            raise QueryError(
                Errors.E023.format(detail=f"edition {edition!r} is not loaded (loaded: {shown})")
            )
    out = EditionDiff(a, b)
    for edition in (a, b):
        for r in store.run(COUNT, {"edition": edition}).records():
            if r["label"] in {lab.value for lab in ENTITY_LABELS}:
                out.counts.setdefault(r["label"], {a: 0, b: 0})[edition] = int(r["n"])
    out.counts = dict(sorted(out.counts.items()))
    for p in store.run(PROGRAMMES, {"a": a, "b": b}).records():
        editions = set(p.pop("editions") or [])
        if a in editions and b in editions:
            out.continuing.append(p)
        elif b in editions:
            out.new.append(p)
        else:
            out.ended.append(p)

    def pairs(edition: str) -> set[tuple[str, str]]:
        rows = store.run(AGENCY_TECHNOLOGY, {"edition": edition, "min_mentions": min_mentions})
        return {(r["agency"], r["technology"]) for r in rows.records()}

    before, after = pairs(a), pairs(b)
    out.entering = [{"agency": x, "technology": t} for x, t in sorted(after - before)]
    out.leaving = [{"agency": x, "technology": t} for x, t in sorted(before - after)]
    return out
