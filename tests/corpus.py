"""Where the tests find the real corpus and gold (``../shared`` beside the clone)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(
    os.environ.get("GRAPHKIT_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


def corpus_file(kind: str) -> Path:
    """A corpus file by what it is, found by its content rather than a hard-coded name.

    kinds: ``whitepaper`` (the full white paper), ``chapter`` (a separately extracted chapter of
    it), ``reports`` are the other files.
    """
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"the corpus is not at {CORPUS} (set GRAPHKIT_SHARED)")
    papers = [f for f in files if "相關科技專案" in f.read_text(encoding="utf-8")]
    papers.sort(key=lambda f: f.stat().st_size, reverse=True)
    if kind == "whitepaper":
        return papers[0]
    if kind == "chapter":
        return papers[1]
    raise ValueError(kind)


def report_files() -> list[Path]:
    """The corpus files that are free-text reports (no programme blocks)."""
    return [
        f
        for f in sorted(CORPUS.glob("*.txt"))
        if "相關科技專案" not in f.read_text(encoding="utf-8")
    ]


def all_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"the corpus is not at {CORPUS} (set GRAPHKIT_SHARED)")
    return files
