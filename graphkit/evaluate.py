"""Measure a built graph against hand-checked gold annotations.

The gold directory holds ``programmes.<split>.jsonl``, ``technology-links.<split>.jsonl`` and
``technology-aliases.json`` (see its README). Scores follow that README:

* programmes: found by name (NFKC, whitespace removed, 台→臺, simplified variants folded);
  years exact when both start and end match;
* EXECUTED_BY: precision and recall of (programme, agency) pairs over the gold programmes,
  agency aliases resolved to canonical names;
* DEVELOPS: a graph Technology maps to a gold technology when its name, abbreviation, English
  name or an alias is one of the gold surface forms. A link the gold does not list (the article
  never mentions the technology) is a false positive; a gold pair with ``mentions >= 2`` that
  has no link is a miss.

Everything is read from the store with Cypher, so this measures what analysts query.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Errors, GraphkitError
from .knowledge import all_lexicon_terms
from .normalise import name_key
from .records import Label
from .resolve import Resolver
from .store.base import GraphStore

PROGRAMMES = "MATCH (p:Programme) RETURN p.name AS name, p.start_year AS start, p.end_year AS end"
EXECUTED_BY = (
    "MATCH (p:Programme)-[:EXECUTED_BY]->(a:Agency) RETURN p.name AS programme, a.name AS agency"
)
DEVELOPS = (
    "MATCH (p:Programme)-[d:DEVELOPS]->(t:Technology) "
    "RETURN p.name AS programme, t.name AS name, t.aliases AS aliases, t.abbr AS abbr, "
    "t.name_en AS name_en, d.mentions AS mentions"
)


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one relation, with the counts behind them."""

    name: str
    tp: int
    fp: int
    fn: int
    #: True positives counted for recall when they differ from precision's (DEVELOPS: only
    #: the required pairs, those with mentions >= 2, count towards recall).
    recall_tp: int | None = None

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        hits = self.tp if self.recall_tp is None else self.recall_tp
        return hits / (hits + self.fn) if hits + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    """Scores plus the individual errors, for the table and for debugging."""

    programmes_total: int = 0
    programmes_found: int = 0
    years_exact: int = 0
    scores: list[Score] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def years_rate(self) -> float:
        return self.years_exact / self.programmes_total if self.programmes_total else 1.0

    def rows(self) -> list[dict[str, Any]]:
        """One row per measure, for output formatting."""
        rows: list[dict[str, Any]] = [
            {
                "measure": "programmes found",
                "value": f"{self.programmes_found}/{self.programmes_total}",
            },
            {
                "measure": "years exact",
                "value": f"{self.years_exact}/{self.programmes_total} ({self.years_rate:.1%})",
            },
        ]
        for s in self.scores:
            rows.append(
                {
                    "measure": s.name,
                    "value": f"P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
                    f"(tp {s.tp}, fp {s.fp}, fn {s.fn})",
                }
            )
        return rows

    def score(self, name: str) -> Score:
        return next(s for s in self.scores if s.name == name)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise GraphkitError(Errors.E050.format(path=path.parent, detail=f"{path.name} is missing"))
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise GraphkitError(
                    Errors.E050.format(path=path, detail=f"line {lineno}: {exc}")
                ) from exc
    return rows


def evaluate(store: GraphStore, gold: Path, split: str = "dev") -> Report:
    """Score the graph in ``store`` against ``gold/*.<split>.jsonl``.

    A gold directory of whole documents only (``gold/other/``, no programme gold) has nothing
    to score here: the report is empty (its scores count nothing), not an error.
    """
    if (gold / "other").is_dir() and not (gold / f"programmes.{split}.jsonl").exists():
        return Report(scores=[Score("EXECUTED_BY", 0, 0, 0), Score("DEVELOPS", 0, 0, 0)])
    programmes = _jsonl(gold / f"programmes.{split}.jsonl")
    links = _jsonl(gold / f"technology-links.{split}.jsonl")
    aliases_path = gold / "technology-aliases.json"
    if not aliases_path.is_file():
        raise GraphkitError(
            Errors.E050.format(path=gold, detail="technology-aliases.json is missing")
        )
    aliases: dict[str, list[str]] = json.loads(aliases_path.read_text(encoding="utf-8"))
    report = Report(programmes_total=len(programmes))
    _score_programmes(store, programmes, report)
    _score_develops(store, programmes, links, aliases, report)
    return report


def _score_programmes(store: GraphStore, programmes: list[dict[str, Any]], report: Report) -> None:
    """Programmes found, their years and EXECUTED_BY, against the programme gold."""
    agencies = Resolver(t for t in all_lexicon_terms() if t.label is Label.AGENCY)

    def agency_key(name: str) -> str:
        term = agencies.lookup(Label.AGENCY, name)
        return name_key(term.name if term else name)

    graph_programmes = {name_key(r["name"]): r for r in store.run(PROGRAMMES).records()}
    executed: dict[str, set[str]] = defaultdict(set)
    for r in store.run(EXECUTED_BY).records():
        executed[name_key(r["programme"])].add(agency_key(r["agency"]))

    tp = fp = fn = 0
    for g in programmes:
        key = name_key(g["programme"])
        gold_agencies = (
            {agency_key(a) for a in g.get("agencies", [])}
            if g.get("agencies_stated", True)
            else set()
        )
        found = graph_programmes.get(key)
        if found is None:
            report.errors.append(f"programme not found: {g['programme']}")
            fn += len(gold_agencies)
            continue
        report.programmes_found += 1
        if (found["start"], found["end"]) == (g["start_year"], g["end_year"]):
            report.years_exact += 1
        else:
            report.errors.append(
                f"years of {g['programme']}: graph {found['start']}~{found['end']}, "
                f"gold {g['start_year']}~{g['end_year']}"
            )
        predicted = executed.get(key, set())
        tp += len(predicted & gold_agencies)
        fp += len(predicted - gold_agencies)
        fn += len(gold_agencies - predicted)
        for a in sorted(predicted ^ gold_agencies):
            side = "extra" if a in predicted else "missing"
            report.errors.append(f"EXECUTED_BY {side}: {g['programme']} → {a}")
    report.scores.append(Score("EXECUTED_BY", tp, fp, fn))


def _score_develops(
    store: GraphStore,
    programmes: list[dict[str, Any]],
    links: list[dict[str, Any]],
    aliases: dict[str, list[str]],
    report: Report,
) -> None:
    """DEVELOPS against the v1 technology links (pairs mentioned at least twice are needed)."""
    surface = {tech: {name_key(f) for f in forms} for tech, forms in aliases.items()}
    gold_pairs = {
        (name_key(ln["programme"]), ln["technology"]): int(ln["mentions"]) for ln in links
    }
    in_scope = {name_key(g["programme"]) for g in programmes}
    predicted_pairs: set[tuple[str, str]] = set()
    for r in store.run(DEVELOPS).records():
        pkey = name_key(r["programme"])
        if pkey not in in_scope:
            continue
        forms = {
            name_key(f) for f in [r["name"], r["abbr"], r["name_en"], *(r["aliases"] or [])] if f
        }
        for tech, keys in surface.items():
            if forms & keys:
                predicted_pairs.add((pkey, tech))
    needed = {p for p, n in gold_pairs.items() if n >= 2}
    d_tp = len(predicted_pairs & set(gold_pairs))
    d_fp = len(predicted_pairs - set(gold_pairs))
    d_fn = len(needed - predicted_pairs)
    # Precision counts every predicted pair; recall only the required ones.
    report.scores.append(
        Score("DEVELOPS", d_tp, d_fp, d_fn, recall_tp=len(needed & predicted_pairs))
    )
    for p in sorted(predicted_pairs - set(gold_pairs)):
        report.errors.append(f"DEVELOPS false positive: {p[0]} → {p[1]}")
    for p in sorted(needed - predicted_pairs):
        report.errors.append(f"DEVELOPS miss: {p[0]} → {p[1]}")
