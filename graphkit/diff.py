"""What changed between two editions of one series, read from the ``sources`` in the graph.

Editions are compared within a series (Document ``series``, graph contract v2): a node or
relationship is in edition E when one of its sources is a document of that series with
edition E, so a consultancy's 2026 report never counts as an edition of the white paper.

Programmes are *new* (only in the later edition), *ended* (only in the earlier one) or
*continuing* (in both), an edition holding a programme when one of its documents lists it
(DESCRIBED_IN), or, for a programme no document lists, names it; agencies *enter* or *leave*
a technology when some programme they execute develops it in one edition and none does in the
other. Everything is plain Cypher, so it works on any store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Errors, QueryError
from .records import ENTITY_LABELS
from .store.base import GraphStore

DOCUMENTS = "MATCH (d:Document) RETURN d.id AS id, d.edition AS edition, d.series AS series"
PROGRAMMES = (
    "MATCH (p:Programme) WHERE any(s IN p.sources WHERE s IN $docs) "
    "RETURN p.name AS name, p.sources AS sources, p.start_year AS start_year, "
    "p.end_year AS end_year ORDER BY name"
)
LISTED = (
    "MATCH (p:Programme)-[r:DESCRIBED_IN]->() WHERE any(s IN p.sources WHERE s IN $docs) "
    "RETURN p.name AS name, r.sources AS sources"
)
AGENCY_TECHNOLOGY = (
    "MATCH (a:Agency)<-[e:EXECUTED_BY]-(p:Programme)-[d:DEVELOPS]->(t:Technology) "
    "WHERE any(s IN e.sources WHERE s IN $docs) AND any(s IN d.sources WHERE s IN $docs) "
    "AND d.mentions >= $min_mentions "
    "RETURN DISTINCT a.name AS agency, t.name AS technology"
)
COUNT = (
    "MATCH (n) WHERE any(s IN n.sources WHERE s IN $docs) "
    "RETURN labels(n)[0] AS label, count(n) AS n"
)


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
        QueryError: an edition no loaded document has, or two editions of different series.
    """
    docs = _documents_of_one_series(store, a, b)
    out = EditionDiff(a, b)
    for edition in (a, b):
        for r in store.run(COUNT, {"docs": docs[edition]}).records():
            if r["label"] in {lab.value for lab in ENTITY_LABELS}:
                out.counts.setdefault(r["label"], {a: 0, b: 0})[edition] = int(r["n"])
    out.counts = dict(sorted(out.counts.items()))
    both = {"docs": docs[a] + docs[b]}
    # A programme is in the editions whose documents list it (a 相關科技專案 block: DESCRIBED_IN),
    # not in one that only names it in prose (早在2019年科技專案「X計畫」); one no document
    # lists is in those that name it.
    listed: dict[str, set[str]] = {}
    for r in store.run(LISTED, both).records():
        listed.setdefault(r["name"], set()).update(r["sources"] or [])
    for p in store.run(PROGRAMMES, both).records():
        named = set(p.pop("sources") or [])
        sources = listed.get(p["name"]) or named
        in_a, in_b = bool(sources & set(docs[a])), bool(sources & set(docs[b]))
        if in_a and in_b:
            out.continuing.append(p)
        elif in_b:
            out.new.append(p)
        else:
            out.ended.append(p)

    def pairs(edition: str) -> set[tuple[str, str]]:
        params = {"docs": docs[edition], "min_mentions": min_mentions}
        rows = store.run(AGENCY_TECHNOLOGY, params)
        return {(r["agency"], r["technology"]) for r in rows.records()}

    before, after = pairs(a), pairs(b)
    out.entering = [{"agency": x, "technology": t} for x, t in sorted(after - before)]
    out.leaving = [{"agency": x, "technology": t} for x, t in sorted(before - after)]
    return out


def _documents_of_one_series(store: GraphStore, a: str, b: str) -> dict[str, list[str]]:
    """Edition → ids of its documents, in the series editions ``a`` and ``b`` share."""
    rows = store.run(DOCUMENTS).records()
    known = {r["edition"] for r in rows}
    for edition in (a, b):
        if edition not in known:
            shown = ", ".join(sorted(str(k) for k in known)) or "none"
            raise QueryError(
                Errors.E023.format(detail=f"edition {edition!r} is not loaded (loaded: {shown})")
            )
    series = {e: {r["series"] for r in rows if r["edition"] == e} for e in (a, b)}
    common = series[a] & series[b]
    if not common:
        raise QueryError(
            Errors.E023.format(
                detail=f"editions {a!r} ({_names(series[a])}) and {b!r} ({_names(series[b])}) "
                "belong to different series; diff compares editions of one series"
            )
        )
    return {
        e: sorted(r["id"] for r in rows if r["edition"] == e and r["series"] in common)
        for e in (a, b)
    }


def _names(series: set[Any]) -> str:
    return ", ".join(sorted(str(s) for s in series))
