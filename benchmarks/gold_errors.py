"""False positives and misses of a built store against the article gold, tuning folds only.

Run from the repository root on a store built from the corpus::

    .venv/bin/python -m benchmarks.gold_errors --store /tmp/store [--types technology,DEVELOPS]

It prints, per article of folds 0 and 1 (never the held-out fold 2, which rules must not be
tuned on), every ``extra`` and ``missed`` item of the chosen measures, and for DEVELOPS extras
the evidence sentence the edge was drawn from, so that the language behind the errors can be
read. ``--fold 2`` prints the held-out fold's counts only (no items).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from graphkit.normalise import name_key
from graphkit.score import ARTICLE_DEVELOPS, FOLDS, HELD_OUT_FOLD, score_articles
from graphkit.workspace import Workspace

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--types", default="technology,DEVELOPS")
    args = parser.parse_args()
    kinds = tuple(args.types.split(","))
    store = Workspace(args.store).reader()
    report = score_articles(store, args.gold)
    evidence = {
        (name_key(r["programme"]), name_key(r["name"])): r["evidence"]
        for r in store.run(ARTICLE_DEVELOPS).records()
    }
    tally: Counter[str] = Counter()
    for scope in report.articles:
        idx = int(scope.name.split()[-1])
        if idx % FOLDS == HELD_OUT_FOLD:
            continue
        for e in scope.errors:
            body = e.removeprefix(scope.name).strip()
            if not body.startswith(kinds):
                continue
            tally[" ".join(body.split()[:2])] += 1
            print(e)
            if body.startswith("DEVELOPS extra:"):
                prog, tech = body.removeprefix("DEVELOPS extra:").split(" → ")
                print("    ", evidence.get((name_key(prog.strip()), name_key(tech.strip()))))
    for k, n in sorted(tally.items()):
        print(f"{k}: {n}")


if __name__ == "__main__":
    main()
