"""Cross-validation of the NER model against the rules, over the gold articles (issue 10).

``python -m graphkit.ner_cv --gold ../shared/gold --document WHITEPAPER.txt`` trains one model
per fold k on the articles of the other folds (fold = article index modulo 3, as ``graphkit
eval`` splits them) and scores the articles of fold k three ways, per entity type:

* **rules**: the pipeline as shipped without the model (the graph's MENTIONED_IN → Article);
* **model**: the model's own mentions in the article, each distinct name a node;
* **rules+model**: the pipeline with the model's candidates (:func:`graphkit.ner.candidates`)
  added before resolution (the graph).

Scores follow :func:`graphkit.score.score_article` (core recall, precision against core and ok).
Totals are micro-averaged over the three held-out folds, so no article is scored by a model that
saw it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

from .build import build
from .ner import NerRecogniser, load_model, load_settings
from .ner_data import article_blocks, fold_of
from .ner_train import train, training_examples, white_paper
from .normalise import name_key, normalise_name
from .pipeline import Pipeline
from .read import read
from .records import Graph, Label, Mention, RelType, Segmented
from .score import ARTICLE_TYPES, FOLDS, Keys, Scope, load_article_gold, score_article

#: The three ways of recognising that are compared.
SYSTEMS = ("rules", "model", "rules+model")
_NAMES = ("name", "aliases", "abbr", "name_en", "short_name")


def graph_article_rows(graph: Graph) -> dict[str, list[dict[str, Any]]]:
    """Rows of the nodes MENTIONED_IN each Article, by the article's :func:`name_key`."""
    nodes = {(n.label, n.id): n for n in graph.nodes}
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in graph.edges:
        if e.type is RelType.MENTIONED_IN and e.target.label is Label.ARTICLE:
            article = nodes[(e.target.label, e.target.id)].props["name"]
            src = nodes[(e.source.label, e.source.id)]
            row = {"label": str(src.label), **{k: src.props.get(k) for k in _NAMES}}
            out[name_key(str(article))].append(row)
    return out


def graph_develops_rows(graph: Graph) -> dict[str, list[dict[str, Any]]]:
    """Rows of the DEVELOPS of each Article's programmes (its DESCRIBED_IN), by the article's
    :func:`name_key`, as :data:`graphkit.score.ARTICLE_DEVELOPS` gives them from a store."""
    nodes = {(n.label, n.id): n for n in graph.nodes}
    articles: dict[tuple[Label, str], list[str]] = defaultdict(list)
    for e in graph.edges:
        if e.type is RelType.DESCRIBED_IN and e.target.label is Label.ARTICLE:
            article = nodes[(e.target.label, e.target.id)].props["name"]
            articles[(e.source.label, e.source.id)].append(name_key(str(article)))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in graph.edges:
        if e.type is not RelType.DEVELOPS:
            continue
        p, t = nodes[(e.source.label, e.source.id)], nodes[(e.target.label, e.target.id)]
        row = {
            "programme": p.props["name"],
            "programme_aliases": p.props.get("aliases"),
            **{k: t.props.get(k) for k in _NAMES},
            "evidence": e.props.get("evidence"),
        }
        for key in articles.get((e.source.label, e.source.id), []):
            out[key].append(row)
    return out


def mention_rows(seg: Segmented, mentions: Sequence[Mention]) -> dict[str, list[dict[str, Any]]]:
    """Rows of the distinct (label, name) a recogniser found in each article."""
    article_of = {i: key for key, blocks in article_blocks(seg).items() for i in blocks}
    seen: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for m in mentions:
        key = article_of.get(m.block)
        if key is not None:
            name = normalise_name(m.text)
            seen[key].setdefault((m.label.value, name_key(name)), {"label": m.label.value,
                                                                    "name": name})  # fmt: skip
    return {k: list(v.values()) for k, v in seen.items()}


def score_fold(
    golds: Sequence[Mapping[str, Any]],
    rows: Mapping[str, Sequence[Mapping[str, Any]]],
    fold: int,
    keys: Keys,
    develops: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> Scope:
    """Entity scores (and DEVELOPS, given its rows) of the gold articles of ``fold``."""
    scope = Scope(f"fold {fold}")
    for g in golds:
        if fold_of(int(g["idx"])) == fold:
            key = name_key(str(g["title"]))
            edges = (develops or {}).get(key, [])
            scope.merge(score_article(g, rows.get(key, []), edges, keys))
    return scope


def fold_model(
    seg: Segmented, golds: Sequence[dict[str, Any]], fold: int, cache: Path | None
) -> Language:
    """The model trained on every fold but ``fold`` (kept in, or read from, ``cache``)."""
    where = cache / f"without-fold-{fold}" if cache else None
    if where is not None and (where / "config.cfg").is_file():
        return load_model(where)
    others = [f for f in range(FOLDS) if f != fold]
    nlp = train(training_examples(seg, golds, others))
    if where is not None:
        where.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(where)
    return nlp


def cross_validate(gold: Path, document: Path, cache: Path | None = None) -> dict[str, list[Scope]]:
    """Per system, the scopes of folds 0 … FOLDS-1 (each scored by a model not trained on it)."""
    golds = load_article_gold(gold)
    seg = white_paper(document)
    source = read(document)
    settings = load_settings()
    keys = Keys()
    rules_graph = build([Pipeline().extract_document(source)[0]])
    rules_rows = graph_article_rows(rules_graph)
    out: dict[str, list[Scope]] = {s: [] for s in SYSTEMS}
    for fold in range(FOLDS):
        ner = NerRecogniser(fold_model(seg, golds, fold, cache), settings)
        both = Pipeline(model=ner).extract_document(source)[0]
        out["rules"].append(score_fold(golds, rules_rows, fold, keys))
        out["model"].append(score_fold(golds, mention_rows(seg, ner.recognise(seg)), fold, keys))
        out["rules+model"].append(score_fold(golds, graph_article_rows(build([both])), fold, keys))
    return out


def table(results: Mapping[str, Sequence[Scope]]) -> list[str]:
    """Markdown rows: type × system, P/R per fold and micro-averaged over the folds."""
    head = "| type | system | " + " | ".join(f"fold {f}" for f in range(FOLDS)) + " | total |"
    lines = [head, "|" + " --- |" * (FOLDS + 3)]
    for gtype in ARTICLE_TYPES:
        for system in SYSTEMS:
            lines.append(
                f"| {gtype} | {system} | " + " | ".join(fold_cells(results[system], gtype)) + " |"
            )
    return lines


def fold_cells(scopes: Sequence[Scope], gtype: str) -> list[str]:
    """The cells of ``gtype`` per fold and micro-averaged over the folds."""
    total = Scope("total")
    for s in scopes:
        total.merge(s)
    return [cell(s, gtype) for s in [*scopes, total]]


def cell(scope: Scope, gtype: str) -> str:
    """A table cell: P, R and the counts of ``gtype`` in ``scope``, or – without any."""
    c = scope.counts.get(gtype)
    if c is None or (not c.predicted and not c.gold):
        return "–"
    p = f"{c.precision:.3f}" if c.predicted else "–"
    r = f"{c.recall:.3f}" if c.gold else "–"
    return f"P {p} R {r} ({c.tp}/{c.predicted}, {c.found}/{c.gold})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graphkit.ner_cv", description=__doc__)
    parser.add_argument("--gold", type=Path, required=True, help="the gold directory")
    parser.add_argument("--document", type=Path, required=True, help="the white paper (.txt)")
    parser.add_argument("--cache", type=Path, help="keep (and reuse) the fold models here")
    args = parser.parse_args(argv)
    for line in table(cross_validate(args.gold, args.document, args.cache)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
