"""Train the statistical NER model with spaCy's own training API (CPU, fixed seed).

``python -m graphkit.ner_train --gold ../shared/gold --document WHITEPAPER.txt --out DIR`` (or
``make ner-model``) segments the white paper, projects the article gold onto its
prose (:mod:`graphkit.ner_data`), trains a spaCy ``ner`` on the articles of the folds asked for
(by default folds 0 and 1: fold 2 stays held out wherever the model is used) and saves it to
``DIR``. The hyperparameters are ``training`` in ``schema/rules/ner.json``. The same seed, data
and settings give the same model: spaCy's and thinc's random generators are seeded, the data is
shuffled by a seeded generator, and training runs on the CPU.

The model's ``meta.json`` lists the articles it was trained on (``graphkit.articles``), so a
score on those articles is known for a training-set score.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example as SpacyExample
from thinc.api import fix_random_seed

from .ner import NerSettings, Training, load_settings
from .ner_data import Example, fold_of, gold_examples
from .read import read
from .records import Label, Segmented
from .score import load_article_gold
from .segment import segment

#: The folds the shipped model is trained on: fold 2 is held out.
DEFAULT_FOLDS = (0, 1)


def blank(labels: Sequence[Label], training: Training) -> Language:
    """An untrained pipeline: blank ``zh``, graphkit's CJK tokenizer, a small ``ner``."""
    from . import recognise  # noqa: F401  (registers the graphkit_cjk.v1 tokenizer)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "graphkit_cjk.v1"}}})
    tok2vec = {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": training.width,
        "depth": training.depth,
        "embed_size": training.embed_size,
        "window_size": training.window,
        "maxout_pieces": 3,
        "subword_features": True,
    }
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": tok2vec,
    }
    ner = nlp.add_pipe("ner", config={"model": model})
    for label in labels:
        ner.add_label(label.value)  # type: ignore[attr-defined]
    return nlp


def _token_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token indexes ``[first, last)`` whose characters are exactly ``[start, end)``."""
    starts: list[int] = doc.user_data["starts"]
    ends = [s + len(t.text) for s, t in zip(starts, doc, strict=True)]
    first = next((i for i, s in enumerate(starts) if s == start), None)
    last = next((i for i, e in enumerate(ends) if e == end), None)
    if first is None or last is None or last < first:
        return None
    return first, last + 1


def to_spacy(nlp: Language, example: Example, labels: Iterable[Label]) -> SpacyExample:
    """A spaCy training example: labelled spans, missing spans, everything else outside."""
    known = {label.value for label in labels}
    predicted = nlp.make_doc(example.text)
    reference = nlp.make_doc(example.text)
    entities: list[Span] = []
    missing: list[Span] = []
    for span in example.spans:
        tokens = _token_span(reference, span.start, span.end)
        if tokens is None:
            continue
        if span.label is None or span.label.value not in known:
            missing.append(Span(reference, *tokens))
        else:
            entities.append(Span(reference, *tokens, label=span.label.value))
    reference.set_ents(entities, missing=missing, default="outside")
    return SpacyExample(predicted, reference)


def train(examples: Sequence[Example], settings: NerSettings | None = None) -> Language:
    """A model trained on ``examples`` with the settings' hyperparameters, deterministically."""
    settings = settings or load_settings()
    t = settings.training
    fix_random_seed(t.seed)
    nlp = blank(settings.labels, t)
    data = [to_spacy(nlp, e, settings.labels) for e in examples]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(t.seed)
    for _ in range(t.epochs):
        order = list(data)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for at in range(0, len(order), t.batch_size):
            batch = order[at : at + t.batch_size]
            nlp.update(batch, drop=t.dropout, sgd=optimizer, losses=losses)
    nlp.meta["graphkit"] = {"articles": sorted({e.article for e in examples})}
    return nlp


def white_paper(document: Path) -> Segmented:
    """The segmented white paper the article gold annotates."""
    seg, _ = segment(read(document), None, None)
    return seg


def training_examples(
    seg: Segmented,
    golds: Sequence[dict[str, Any]],
    folds: Iterable[int],
    settings: NerSettings | None = None,
) -> list[Example]:
    """Projected examples of the gold articles in ``folds``, from blocks of the settings' kinds."""
    settings = settings or load_settings()
    wanted = set(folds)
    chosen = [g for g in golds if fold_of(int(g["idx"])) in wanted]
    return gold_examples(seg, chosen, settings.kinds)


def train_model(
    gold: Path, document: Path, out: Path, folds: Sequence[int] = DEFAULT_FOLDS
) -> Language:
    """Train on the gold articles of ``folds`` in ``document`` and save the model to ``out``."""
    seg = white_paper(document)
    examples = training_examples(seg, load_article_gold(gold), folds)
    nlp = train(examples)
    nlp.meta["graphkit"]["folds"] = sorted(folds)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return nlp


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m graphkit.ner_train --gold DIR --document FILE --out DIR [--folds 0 1]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m graphkit.ner_train", description=__doc__)
    parser.add_argument("--gold", type=Path, required=True, help="the gold directory")
    parser.add_argument("--document", type=Path, required=True, help="the white paper (.txt)")
    parser.add_argument("--out", type=Path, required=True, help="where to save the model")
    parser.add_argument("--folds", type=int, nargs="+", default=list(DEFAULT_FOLDS))
    args = parser.parse_args(argv)
    nlp = train_model(args.gold, args.document, args.out, args.folds)
    articles = nlp.meta["graphkit"]["articles"]
    print(f"{args.out}: trained on {len(articles)} articles of folds {sorted(args.folds)}")
    return 0


__all__ = [
    "DEFAULT_FOLDS",
    "blank",
    "main",
    "to_spacy",
    "train",
    "train_model",
    "training_examples",
]

if __name__ == "__main__":
    import sys

    sys.exit(main())
