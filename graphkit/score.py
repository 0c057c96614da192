"""Score a built graph against the gold v2: whole articles and whole documents of other kinds.

``gold/articles/NN.json`` annotates one white-paper article each; ``gold/other/*.gold.json``
one document of ``corpus/other/`` each. Scoring follows the gold README:

* **Entities of an article** are the nodes with a MENTIONED_IN relationship to its Article
  node (matched to the gold by title). A node matches a gold group when any of its names
  (name, aliases, abbr, name_en, short_name) equals one of the group's ``names`` after
  :func:`gold_key`. Recall per type = core groups matched by a node of the right label ÷ core
  groups; precision per type = nodes of that label matching a group of that type (core or ok)
  ÷ nodes of that label linked to the article.
* **DEVELOPS**: every DEVELOPS edge from a programme DESCRIBED_IN the article is correct when
  its technology matches one of that programme's gold entries (core or ok); recall counts the
  core entries found. An edge's evidence should contain a surface form of its technology.
* **not_same**: a pair of names that one node carries both of is a wrong merge.
* **COVERS / COLLABORATES_WITH (recall)**, our own measure (the gold README does not score
  them): a gold cover or collaboration is found when an edge of that type joins nodes carrying
  a name of each end; edges have no article, so there is no precision.
* **Other documents**: the entities of a document are the nodes with MENTIONED_IN to its
  Document; recall per type = gold groups matched by a node of any label; precision = nodes
  matching a gold or borderline group of any type ÷ nodes (per label and in all).

**Folds.** The 33 development articles are split into :data:`FOLDS` folds by article index
modulo :data:`FOLDS` (fold 0: 0, 3, 6 …). Rules are tuned looking at folds 0 and 1 only; fold
2 is the held-out fold whose figures say whether the rules generalise. Totals are
micro-averaged (counts summed) per fold and over all articles.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Errors, GraphkitError
from .knowledge import all_lexicon_terms
from .normalise import name_key
from .records import Graph, Label, RelType
from .resolve import Resolver
from .store.base import GraphStore

if TYPE_CHECKING:
    from .pipeline import Pipeline

#: Number of folds of the article split (fold = article index modulo FOLDS).
FOLDS = 3
#: The fold no rule was tuned on.
HELD_OUT_FOLD = 2

#: Gold entity type → graph label.
ARTICLE_TYPES: dict[str, Label] = {
    "technology": Label.TECHNOLOGY,
    "agency": Label.AGENCY,
    "organization": Label.ORGANIZATION,
    "policy": Label.POLICY,
    "subsidy_scheme": Label.SUBSIDY_SCHEME,
    "regulation": Label.REGULATION,
    "programme": Label.PROGRAMME,
}
#: Gold keys of a whole-document gold file → the type names used in reports.
OTHER_TYPES: dict[str, str] = {
    "technologies": "technology",
    "agencies": "agency",
    "organizations": "organization",
    "policies": "policy",
    "subsidy_schemes": "subsidy_scheme",
    "regulations": "regulation",
    "programmes": "programme",
}

_FORMS = "e.name AS name, e.aliases AS aliases, e.abbr AS abbr, e.name_en AS name_en, "
_FORMS += "e.short_name AS short_name"
ARTICLE_ENTITIES = (
    "MATCH (e)-[m:MENTIONED_IN]->(a:Article) "
    f"RETURN a.name AS article, labels(e)[0] AS label, {_FORMS}, m.evidence AS evidence"
)
ARTICLE_DEVELOPS = (
    "MATCH (p:Programme)-[:DESCRIBED_IN]->(a:Article) "
    "MATCH (p)-[d:DEVELOPS]->(e:Technology) "
    "RETURN a.name AS article, p.name AS programme, p.aliases AS programme_aliases, "
    f"{_FORMS}, d.evidence AS evidence"
)
#: COVERS and COLLABORATES_WITH with every name of both ends (no article: recall only).
_ENDS = ", ".join(
    f"{end}.{prop} AS {end}_{prop}"
    for end in ("a", "b")
    for prop in ("name", "aliases", "abbr", "name_en", "short_name")
)
PROSE_PAIRS = (
    "MATCH (a)-[r]->(b) WHERE type(r) IN ['COVERS', 'COLLABORATES_WITH'] "
    f"RETURN type(r) AS type, {_ENDS}"
)
DOCUMENT_ENTITIES = (
    "MATCH (e)-[m:MENTIONED_IN]->(d:Document) "
    f"RETURN d.source AS document, labels(e)[0] AS label, {_FORMS}"
)


@dataclass(frozen=True, slots=True)
class Counts:
    """Counts behind one precision/recall pair (recall and precision count different things)."""

    tp: int = 0  # predicted items that match (precision numerator)
    predicted: int = 0
    found: int = 0  # gold items matched (recall numerator)
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.predicted + other.predicted,
                      self.found + other.found, self.gold + other.gold)  # fmt: skip

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


@dataclass(slots=True)
class Scope:
    """The scores of one article, fold, document or total: measure name → counts."""

    name: str
    counts: dict[str, Counts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, measure: str, c: Counts) -> None:
        self.counts[measure] = self.counts.get(measure, Counts()) + c

    def merge(self, other: Scope) -> None:
        for k, c in other.counts.items():
            self.add(k, c)


@dataclass(slots=True)
class GoldReport:
    """Per-article, per-fold and total scores of the article gold, and per-document scores."""

    articles: list[Scope] = field(default_factory=list)
    folds: list[Scope] = field(default_factory=list)
    total: Scope = field(default_factory=lambda: Scope("articles total"))
    documents: list[Scope] = field(default_factory=list)
    documents_total: Scope = field(default_factory=lambda: Scope("documents total"))

    def scopes(self, per_item: bool = False) -> list[Scope]:
        items = [*self.articles, *self.documents] if per_item else []
        return [*items, *self.folds, self.total, self.documents_total]

    def rows(self, per_item: bool = False) -> list[dict[str, Any]]:
        """One row per scope and measure: P, R and the counts."""
        return [
            {
                "scope": s.name,
                "measure": m,
                "P": round(c.precision, 3) if c.predicted else None,
                "R": round(c.recall, 3) if c.gold else None,
                "tp": c.tp,
                "predicted": c.predicted,
                "found": c.found,
                "gold": c.gold,
            }
            for s in self.scopes(per_item)
            for m, c in sorted(s.counts.items())
        ]

    def measure(self, scope: str, measure: str) -> Counts:
        found = next((s for s in self.scopes(True) if s.name == scope), None)
        return found.counts.get(measure, Counts()) if found else Counts()


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GraphkitError(Errors.E050.format(path=path, detail=str(exc))) from exc


class Keys:
    """The gold README's name comparison: :func:`name_key`, agency aliases resolved."""

    def __init__(self) -> None:
        self._agencies = Resolver(t for t in all_lexicon_terms() if t.label is Label.AGENCY)

    def __call__(self, name: str) -> str:
        term = self._agencies.lookup(Label.AGENCY, name)
        return name_key(term.name if term else name)

    def of(self, names: Iterable[str | None]) -> frozenset[str]:
        return frozenset(self(n) for n in names if n)

    def node(self, row: Mapping[str, Any]) -> frozenset[str]:
        """Every name a node row carries."""
        names = [row.get("name"), row.get("abbr"), row.get("name_en"), row.get("short_name")]
        return self.of([*names, *(row.get("aliases") or [])])


def _contains_form(evidence: str | None, forms: Iterable[str]) -> bool:
    text = name_key(evidence or "")
    return any(name_key(f) in text for f in forms if f)


def _row_forms(row: Mapping[str, Any]) -> list[str]:
    names = [row.get("name"), row.get("abbr"), row.get("name_en"), *(row.get("aliases") or [])]
    return [n for n in names if n]


def score_article(
    gold: Mapping[str, Any],
    entities: Sequence[Mapping[str, Any]],
    develops: Sequence[Mapping[str, Any]],
    keys: Keys,
    pairs: PairEnds | None = None,
) -> Scope:
    """Score one article: ``entities``/``develops`` are the store rows of its Article;
    ``pairs`` the graph's COVERS and COLLABORATES_WITH (:func:`pair_ends`), for recall."""
    scope = Scope(f"article {gold['idx']:02d}")
    nodes = [(str(r["label"]), keys.node(r), r) for r in entities]
    for gtype, label in ARTICLE_TYPES.items():
        groups = [(keys.of(g["names"]), g) for g in gold["entities"].get(gtype, [])]
        mine = [(forms, r) for lab, forms, r in nodes if lab == label]
        core = [(k, g) for k, g in groups if g["tier"] == "core"]
        found = [g for k, g in core if any(k & f for f, _ in mine)]
        good = [r for f, r in mine if any(k & f for k, _ in groups)]
        scope.add(gtype, Counts(len(good), len(mine), len(found), len(core)))
        for k, g in core:
            if not any(k & f for f, _ in mine):
                scope.errors.append(f"{scope.name} {gtype} missed: {g['names'][0]}")
        for f, r in mine:
            if not any(k & f for k, _ in groups):
                scope.errors.append(f"{scope.name} {gtype} extra: {r['name']}")
    # Evidence of article-level MENTIONED_IN contains a surface form of the entity.
    ok = sum(_contains_form(r.get("evidence"), _row_forms(r)) for r in entities)
    scope.add("evidence MENTIONED_IN", Counts(ok, len(entities), ok, len(entities)))
    _score_develops(gold, develops, keys, scope)
    _score_pairs(gold, pairs or {}, keys, scope)
    merged = 0
    for a, b, *_ in gold.get("not_same", []):
        ka, kb = keys(a), keys(b)
        if ka != kb and any(ka in f and kb in f for _, f, _ in nodes):
            merged += 1
            scope.errors.append(f"{scope.name} not_same merged: {a} = {b}")
    apart = len(gold.get("not_same", []))
    scope.add("not_same kept apart", Counts(apart - merged, apart, apart - merged, apart))
    return scope


def _score_develops(
    gold: Mapping[str, Any], develops: Sequence[Mapping[str, Any]], keys: Keys, scope: Scope
) -> None:
    technologies = [keys.of(g["names"]) for g in gold["entities"].get("technology", [])]
    programmes = [keys.of(g["names"]) for g in gold["entities"].get("programme", [])]

    entries = [(_group_of(d["programme"], programmes, keys),
                _group_of(d["technology"], technologies, keys), d)
               for d in gold.get("develops", [])]  # fmt: skip
    tp = 0
    hit: set[int] = set()
    evidence_ok = 0
    for r in develops:
        pforms = keys.of([r["programme"], *(r.get("programme_aliases") or [])])
        tforms = keys.node(r)
        matches = [i for i, (p, t, _) in enumerate(entries) if p & pforms and t & tforms]
        if matches:
            tp += 1
            hit.update(matches)
        else:
            scope.errors.append(f"{scope.name} DEVELOPS extra: {r['programme']} → {r['name']}")
        evidence_ok += _contains_form(r.get("evidence"), _row_forms(r))
    core = [i for i, (_, _, d) in enumerate(entries) if d["tier"] == "core"]
    for i in core:
        if i not in hit:
            d = entries[i][2]
            scope.errors.append(
                f"{scope.name} DEVELOPS missed: {d['programme']} → {d['technology']}"
            )
    found = sum(1 for i in core if i in hit)
    scope.add("DEVELOPS", Counts(tp, len(develops), found, len(core)))
    scope.add("evidence DEVELOPS", Counts(evidence_ok, len(develops), evidence_ok, len(develops)))


#: The COVERS and COLLABORATES_WITH of a graph, per type, as the names of their two ends.
PairEnds = dict[str, list[tuple[frozenset[str], frozenset[str]]]]


def pair_ends(rows: Iterable[Mapping[str, Any]], keys: Keys) -> PairEnds:
    """The rows of :data:`PROSE_PAIRS` as the name keys of each edge's ends, per type."""
    ends: PairEnds = defaultdict(list)
    for r in rows:
        a, b = ({k[2:]: v for k, v in r.items() if k.startswith(e)} for e in ("a_", "b_"))
        ends[str(r["type"])].append((keys.node(a), keys.node(b)))
    return ends


def _group_of(name: str, groups: Sequence[frozenset[str]], keys: Keys) -> frozenset[str]:
    """The gold group holding ``name``, or ``name`` alone."""
    k = keys(name)
    return next((g for g in groups if k in g), frozenset({k}))


def _score_pairs(gold: Mapping[str, Any], ends: PairEnds, keys: Keys, scope: Scope) -> None:
    """Recall of the gold's covers and collaborations (not in the gold README's scoring, so
    reported as our own measure): a pair is found when an edge of that type joins nodes that
    carry a name of each (a collaboration in either direction). Edges have no article, so there
    is no precision."""
    groups = [keys.of(g["names"]) for gs in gold["entities"].values() for g in gs]
    wanted = [("covers", "COVERS", "policy", "technology", False),
              ("collaborations", "COLLABORATES_WITH", "a", "b", True)]  # fmt: skip
    for key, rel, left, right, either in wanted:
        entries = gold.get(key, [])
        found = 0
        for e in entries:
            x, y = _group_of(e[left], groups, keys), _group_of(e[right], groups, keys)
            edges = ends.get(rel, [])
            if any((x & a and y & b) or (either and y & a and x & b) for a, b in edges):
                found += 1
            else:
                scope.errors.append(f"{scope.name} {rel} missed: {e[left]} → {e[right]}")
        scope.add(f"{rel} (recall)", Counts(0, 0, found, len(entries)))


def load_article_gold(gold: Path) -> list[dict[str, Any]]:
    """Every ``gold/articles/NN.json``, in index order."""
    folder = gold / "articles"
    files = sorted(folder.glob("[0-9]*.json"))
    if not files:
        raise GraphkitError(Errors.E050.format(path=folder, detail="no NN.json article gold"))
    out = []
    for f in files:
        data = _read_json(f)
        for k in ("idx", "title", "entities"):
            if k not in data:
                raise GraphkitError(Errors.E050.format(path=f, detail=f"field {k!r} is missing"))
        out.append(data)
    return out


def score_articles(store: GraphStore, gold: Path, keys: Keys | None = None) -> GoldReport:
    """Score every gold article against the Article nodes of ``store``."""
    keys = keys or Keys()
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.run(ARTICLE_ENTITIES).records():
        by_article[name_key(r["article"])].append(r)
    dev_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.run(ARTICLE_DEVELOPS).records():
        dev_by_article[name_key(r["article"])].append(r)
    pairs = pair_ends(store.run(PROSE_PAIRS).records(), keys)
    report = GoldReport()
    folds = [Scope(f"fold {i}{' (held out)' if i == HELD_OUT_FOLD else ''}") for i in range(FOLDS)]
    for g in load_article_gold(gold):
        key = name_key(g["title"])
        rows, dev = by_article.get(key, []), dev_by_article.get(key, [])
        scope = score_article(g, rows, dev, keys, pairs)
        if key not in by_article:
            scope.errors.append(f"{scope.name}: no Article node titled {g['title']}")
        report.articles.append(scope)
        folds[int(g["idx"]) % FOLDS].merge(scope)
        report.total.merge(scope)
        report.total.errors.extend(scope.errors)
    report.folds = folds
    return report


def score_document(
    gold: Mapping[str, Any], nodes: Sequence[Mapping[str, Any]], name: str, keys: Keys
) -> Scope:
    """Score one whole document: ``nodes`` are the rows of the nodes MENTIONED_IN it."""
    scope = Scope(f"document {name}")

    def groups(part: Mapping[str, Any], gkey: str) -> list[frozenset[str]]:
        items = part.get(gkey, [])
        if gkey == "programmes":
            return [keys.of([p["name"], *p.get("aliases", [])]) for p in items]
        return [keys.of(g) for g in items]

    forms = [(str(r["label"]), keys.node(r), r) for r in nodes]
    every: list[frozenset[str]] = []
    for gkey, gtype in OTHER_TYPES.items():
        gs = groups(gold, gkey)
        every += gs + groups(gold.get("borderline", {}), gkey)
        found = [g for g in gs if any(g & f for _, f, _ in forms)]
        scope.add(gtype, Counts(0, 0, len(found), len(gs)))
        for g in gs:
            if g not in found:
                scope.errors.append(f"{scope.name} {gtype} missed: {sorted(g)[0]}")
    for label, f, r in forms:
        good = any(g & f for g in every)
        scope.add(f"precision {label}", Counts(int(good), 1, int(good), 1))
        scope.add("precision all", Counts(int(good), 1, int(good), 1))
        if not good:
            scope.errors.append(f"{scope.name} extra {label}: {r['name']}")
    return scope


def score_documents(
    nodes_of: Mapping[str, Sequence[Mapping[str, Any]]], gold: Path, keys: Keys | None = None
) -> tuple[list[Scope], Scope]:
    """Score ``gold/other/*.gold.json`` given, per document file name, its nodes' rows.

    A gold file ``NN-name.gold.json`` scores the document ``NN-name.txt``; a document with no
    rows scores zero recall (it was not loaded, or nothing was found).
    """
    keys = keys or Keys()
    folder = gold / "other"
    scopes = []
    total = Scope("documents total")
    for f in sorted(folder.glob("*.gold.json")):
        name = f.name.removesuffix(".gold.json") + ".txt"
        scope = score_document(_read_json(f), nodes_of.get(name, []), name, keys)
        scopes.append(scope)
        total.merge(scope)
        total.errors.extend(scope.errors)
    return scopes, total


def document_rows(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """Rows of the nodes MENTIONED_IN each Document of ``store``, by the document's file name."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.run(DOCUMENT_ENTITIES).records():
        out[Path(str(r["document"])).name].append(r)
    return out


def _node_row(props: Mapping[str, Any], label: str) -> dict[str, Any]:
    return {"label": label, **{k: props.get(k) for k in ("name", "aliases", "abbr", "name_en",
                                                          "short_name")}}  # fmt: skip


def graph_document_rows(graph: Graph) -> dict[str, list[dict[str, Any]]]:
    """The same rows as :func:`document_rows`, from a graph in memory (a document built alone)."""
    nodes = {(n.label, n.id): n for n in graph.nodes}
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in graph.edges:
        if e.type is RelType.MENTIONED_IN and e.target.label is Label.DOCUMENT:
            doc = nodes[(e.target.label, e.target.id)]
            src = nodes[(e.source.label, e.source.id)]
            out[Path(str(doc.props.get("source"))).name].append(
                _node_row(src.props, str(src.label))
            )
    return out


def score_files(
    paths: Sequence[Path], gold: Path, pipeline: Pipeline | None = None
) -> tuple[list[Scope], Scope]:
    """Build each file alone, in memory, and score it against ``gold/other/``."""
    from .build import build
    from .pipeline import Pipeline
    from .read import read

    pipeline = pipeline or Pipeline()
    rows: dict[str, list[dict[str, Any]]] = {}
    for path in paths:
        extraction, _ = pipeline.extract_document(read(path))
        rows.update(graph_document_rows(build([extraction])))
    return score_documents(rows, gold)
