"""What graphkit finds in the reports that are not white papers (KPMG, AIF): counts and examples.

Run from the repository root::

    .venv/bin/python -m benchmarks.reports                 # the kpmg-* and aif-* reports
    .venv/bin/python -m benchmarks.reports FILE... [--examples 8]

Each file is extracted alone (read → segment → recognise → resolve → extract, no store); the
entities of a document are the nodes with a MENTIONED_IN relationship to its Document, as
``graphkit eval`` counts them. It prints, per file, the number of entities per label and the
most mentioned ones of each label.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from graphkit.loading import read_sources
from graphkit.pipeline import Pipeline
from graphkit.records import ENTITY_LABELS, Label, RelType

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
LABELS = (Label.ORGANIZATION, Label.TECHNOLOGY, Label.POLICY, Label.REGULATION)


def entities(path: Path, pipeline: Pipeline) -> dict[Label, list[tuple[str, int]]]:
    """The entities MENTIONED_IN the document of ``path``, per label, most mentioned first."""
    [source] = read_sources([path], None)
    extraction, _ = pipeline.extract_document(source)
    names = {(n.label, n.id): n.name for n in extraction.nodes}
    out: dict[Label, list[tuple[str, int]]] = defaultdict(list)
    for r in extraction.relations:
        mentioned = r.type is RelType.MENTIONED_IN and r.target.id == extraction.document_id
        if mentioned and r.source.label in ENTITY_LABELS:
            count = r.props.get("count", 1)
            n = count if isinstance(count, int) else 1
            out[r.source.label].append((names[(r.source.label, r.source.id)], n))
    return {k: sorted(v, key=lambda x: (-x[1], x[0])) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--examples", type=int, default=8)
    args = parser.parse_args()
    files = args.files or sorted([*CORPUS.glob("kpmg-*.txt"), *CORPUS.glob("aif-*.txt")])
    pipeline = Pipeline()
    for path in files:
        found = entities(path, pipeline)
        print(f"## {path.name}")
        for label in (*LABELS, *(lab for lab in sorted(found) if lab not in LABELS)):
            items = found.get(label, [])
            shown = "、".join(f"{n} ({c})" for n, c in items[: args.examples])
            print(f"- {label.value}: {len(items)}" + (f" — {shown}" if shown else ""))


if __name__ == "__main__":
    main()
