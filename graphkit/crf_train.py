"""Train the Technology CRF (:mod:`graphkit.crf`) on the article gold, and cross-validate it.

``python -m graphkit.crf_train --gold ../shared/gold --document WHITEPAPER.txt --out FILE`` (or
``make crf-model``) segments the white paper, projects the article gold onto the prose blocks of
the articles of the settings' folds (by default 0 and 1: fold 2 stays held out) and trains the
CRF with python-crfsuite (L-BFGS, the ``training`` settings of ``schema/rules/crf.json``). Every
surface form of a gold technology (core or ok) is a name (B/I); the forms of the other types and
all other characters are outside (O), longest forms first, as :func:`graphkit.ner_data.project`
finds them. The same data and settings give the same model file.

``--cv`` instead trains one model per fold k on the other folds and scores the articles of fold
k with and without it (the graph's Technology nodes MENTIONED_IN each article, as ``graphkit
eval`` scores them), so no article is scored by a model that saw it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .build import build
from .chunk import Chunker
from .crf import TAGS, CrfRecogniser, CrfSettings, Featuriser, load_settings, meta_path
from .ner_cv import fold_cells, graph_article_rows, graph_develops_rows, score_fold
from .ner_data import Tagging, fold_of, gold_examples, surface_forms
from .ner_train import white_paper
from .pipeline import Pipeline
from .read import read
from .records import Label, Segmented
from .score import FOLDS, Keys, Scope, load_article_gold


def forms(gold: Mapping[str, Any], label: Label) -> list[tuple[str, Label | None]]:
    """Every surface form of an article's gold, longest first: those of ``label`` (any tier)
    labelled, the other types' forms ``None`` (outside, but they keep their span)."""
    return surface_forms(gold, _only(label))


def _only(label: Label) -> Tagging:
    """The CRF's tagging: every group of ``label``, core or ok, is a name; the rest outside."""
    return lambda glabel, _: label if glabel is label else None


def chain(text: str, found: Iterable[tuple[int, int, Label | None]]) -> list[str]:
    """The B/I/O tags of ``text`` given its labelled spans (a ``None`` label is outside).

    >>> chain("用碳化矽與GaN", [(1, 4, Label.TECHNOLOGY), (5, 8, None)])
    ['O', 'B', 'I', 'I', 'O', 'O', 'O', 'O']
    """
    tags = [TAGS[2]] * len(text)
    for start, end, label in found:
        if label is not None:
            tags[start:end] = [TAGS[0]] + [TAGS[1]] * (end - start - 1)
    return tags


def examples(
    seg: Segmented, golds: Sequence[Mapping[str, Any]], folds: Iterable[int], settings: CrfSettings
) -> list[tuple[str, list[str]]]:
    """(block text, tags) of every prose block of the gold articles of ``folds``."""
    wanted = set(folds)
    chosen = [g for g in golds if fold_of(int(g["idx"])) in wanted]
    found = gold_examples(seg, chosen, settings.kinds, _only(settings.label))
    return [
        (ex.text, chain(ex.text, ((s.start, s.end, s.label) for s in ex.spans))) for ex in found
    ]


def train(
    data: Sequence[tuple[str, list[str]]],
    chunker: Chunker,
    settings: CrfSettings,
    out: Path,
    folds: Sequence[int] = (),
) -> Path:
    """Train on ``data`` (text, tags) and save the model to ``out``, and beside it
    (:func:`~graphkit.crf.meta_path`) what it was trained with: the features' signature, the
    training settings, the gold folds and the number of blocks."""
    import pycrfsuite  # type: ignore[import-untyped]

    featurise = Featuriser(chunker, settings.window)
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, tags in data:
        trainer.append(featurise(text), tags)
    digest = data_digest(data, featurise)
    t = settings.training
    trainer.set_params(
        {
            "c1": t.c1,
            "c2": t.c2,
            "max_iterations": t.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    meta = {
        "data": digest,
        "window": settings.window,
        "folds": sorted(folds),
        "blocks": len(data),
        "c1": t.c1,
        "c2": t.c2,
        "max_iterations": t.max_iterations,
    }
    meta_path(out).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return out


def data_digest(data: Sequence[tuple[str, list[str]]], featurise: Featuriser) -> str:
    """A digest of what a model learns from: every block's features and tags. The segmenter's
    words, the chunker's heads and the features' code all show in it, so a model whose digest
    differs from its data's today reads other features than it was trained on."""
    digest = hashlib.sha256()
    for text, tags in data:
        digest.update(json.dumps([featurise(text), tags], ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:16]


def train_model(
    gold: Path, document: Path, out: Path, folds: Sequence[int] | None = None
) -> tuple[Path, int]:
    """Train on the gold articles of ``folds`` (the settings' when not given) in ``document``;
    the model file and the number of blocks trained on."""
    settings = load_settings()
    folds = folds or settings.training.folds
    data = examples(white_paper(document), load_article_gold(gold), folds, settings)
    return train(data, Pipeline(crf=None).chunker, settings, out, folds), len(data)


def cross_validate(gold: Path, document: Path) -> dict[str, list[Scope]]:
    """Per system (``rules``, ``rules+crf``), the scopes of folds 0 … FOLDS-1, each scored by a
    model trained on the other folds."""
    golds = load_article_gold(gold)
    seg = white_paper(document)
    source = read(document)
    settings = load_settings()
    keys = Keys()
    rules = Pipeline(crf=None)
    base = build([rules.extract_document(source)[0]])
    rows, develops = graph_article_rows(base), graph_develops_rows(base)
    out: dict[str, list[Scope]] = {"rules": [], "rules+crf": []}
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(FOLDS):
            others = [f for f in range(FOLDS) if f != fold]
            path = train(examples(seg, golds, others, settings), rules.chunker, settings,
                         Path(tmp) / f"without-fold-{fold}.crfsuite", others)  # fmt: skip
            model = CrfRecogniser(rules.chunker, settings, path)
            graph = build([Pipeline(crf=model).extract_document(source)[0]])
            out["rules"].append(score_fold(golds, rows, fold, keys, develops))
            edges = graph_develops_rows(graph)
            out["rules+crf"].append(score_fold(golds, graph_article_rows(graph), fold, keys, edges))
    return out


def table(results: Mapping[str, Sequence[Scope]], gtype: str = "technology") -> list[str]:
    """Markdown rows: per system, P/R of ``gtype`` per fold and micro-averaged over the folds."""
    lines = ["| system | " + " | ".join(f"fold {f}" for f in range(FOLDS)) + " | total |"]
    lines.append("|" + " --- |" * (FOLDS + 2))
    for system, scopes in results.items():
        lines.append(f"| {system} | " + " | ".join(fold_cells(scopes, gtype)) + " |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m graphkit.crf_train --gold DIR --document FILE (--out FILE | --cv)``."""
    parser = argparse.ArgumentParser(prog="python -m graphkit.crf_train", description=__doc__)
    parser.add_argument("--gold", type=Path, required=True, help="the gold directory")
    parser.add_argument("--document", type=Path, required=True, help="the white paper (.txt)")
    parser.add_argument("--out", type=Path, help="where to save the model")
    parser.add_argument("--folds", type=int, nargs="+", help="folds to train on (settings')")
    parser.add_argument("--cv", action="store_true", help="cross-validate instead")
    args = parser.parse_args(argv)
    if args.cv:
        results = cross_validate(args.gold, args.document)
        for gtype in ("technology", "DEVELOPS"):
            print(f"\n{gtype}\n")
            for line in table(results, gtype):
                print(line)
        return 0
    if args.out is None:
        parser.error("give --out FILE (or --cv)")
    path, blocks = train_model(args.gold, args.document, args.out, args.folds)
    print(f"{path}: trained on {blocks} prose blocks")
    return 0


__all__ = [
    "chain",
    "cross_validate",
    "data_digest",
    "examples",
    "forms",
    "main",
    "table",
    "train",
    "train_model",
]

if __name__ == "__main__":
    sys.exit(main())
