"""A seeded random sample of what a built store says about the articles no gold covers, to judge.

The article gold (``../shared/gold/articles``) covers 33 white-paper articles; rules tuned
on some of them keep gaining there while the held-out fold lags. The other articles of the
white paper are unlabelled: a random sample of their nodes or DEVELOPS edges, judged by hand
under the gold's GUIDELINE, says how precise the graph is where nobody tuned. Run from the
repository root on a store built from the corpus::

    .venv/bin/python -m benchmarks.unlabelled --store S --what Technology --n 100 --seed 1 \\
        --out /tmp/sample.jsonl
    # judge: set "ok" to true or false on every line of /tmp/sample.jsonl, then
    .venv/bin/python -m benchmarks.unlabelled --score /tmp/sample.jsonl

``--what`` is a node label (Technology, Organization, Agency, Policy, Regulation,
SubsidyScheme) or DEVELOPS. Each item is drawn once (a node, not a node per article), only
when no gold article mentions it too, with the evidence sentence of its first MENTIONED_IN (or
its DEVELOPS) relationship. A sample that was used to choose rules measures them no more: draw
a fresh seed to report a figure. Judgements stay outside the repository: they are a
measurement, not knowledge the extractor may use.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path
from typing import Any

from graphkit.normalise import name_key
from graphkit.score import load_article_gold
from graphkit.workspace import Workspace

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
LABELS = ("Technology", "Organization", "Agency", "Policy", "Regulation", "SubsidyScheme")
NODES = (
    "MATCH (n)-[m:MENTIONED_IN]->(a:Article) WHERE $label IN labels(n) "
    "RETURN a.name AS article, n.name AS item, m.evidence AS evidence ORDER BY article, item"
)
EDGES = (
    "MATCH (p:Programme)-[:DESCRIBED_IN]->(a:Article) MATCH (p)-[d:DEVELOPS]->(t:Technology) "
    "RETURN a.name AS article, p.name + ' -> ' + t.name AS item, d.evidence AS evidence "
    "ORDER BY article, item"
)


def sample(store: Path, what: str, n: int, seed: int, gold: Path) -> list[dict[str, Any]]:
    """``n`` items (or all, when fewer) of the unlabelled articles, in a seeded random order."""
    if what not in (*LABELS, "DEVELOPS"):
        raise SystemExit(f"--what must be one of {', '.join(LABELS)} or DEVELOPS, not {what!r}")
    labelled = {name_key(g["title"]) for g in load_article_gold(gold)}
    reader = Workspace(store).reader()
    rows = reader.run(EDGES) if what == "DEVELOPS" else reader.run(NODES, {"label": what})
    # One line per item, and none an article of the gold also has: a node mentioned in a
    # tuned article is no measure of where nobody tuned, and a frequent one counts once.
    first: dict[str, dict[str, Any]] = {}
    tuned: set[str] = set()
    for r in rows.records():
        if name_key(r["article"]) in labelled:
            tuned.add(r["item"])
        else:
            first.setdefault(r["item"], {**r, "ok": None})
    items = [v for k, v in first.items() if k not in tuned]
    random.Random(seed).shuffle(items)
    return items[:n]


def score(path: Path) -> str:
    """Precision of a judged sample with its 95 % Wilson interval; unjudged lines are named."""
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    judged = [x for x in lines if isinstance(x.get("ok"), bool)]
    if len(judged) < len(lines):
        return f"{path}: {len(lines) - len(judged)} of {len(lines)} lines have no true/false 'ok'"
    ok, n = sum(x["ok"] for x in judged), len(judged)
    if n == 0:
        return f"{path}: no judged lines"
    low, high = wilson(ok, n)
    return f"precision {ok}/{n} = {ok / n:.3f} (95 % interval {low:.3f}-{high:.3f})"


def wilson(ok: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of ``ok`` successes in ``n`` trials."""
    p = ok / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--what", default="Technology")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--out", type=Path, help="write the sample as JSON lines to judge")
    parser.add_argument("--score", type=Path, help="a judged sample: print its precision")
    args = parser.parse_args()
    if args.score is not None:
        print(score(args.score))
        return
    if args.store is None:
        parser.error("--store is needed to draw a sample")
    items = sample(args.store, args.what, args.n, args.seed, args.gold)
    text = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
        print(f"{len(items)} items written to {args.out}")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
