"""Synthetic news-sized documents cut from the corpus paragraphs, for the many-documents workload.

Document ``k`` is a headline line (its number and a date) followed by a few paragraphs of the
corpus (``.txt`` files), chosen by a generator seeded with ``k``: about
:data:`TARGET_CHARS` characters, the size of a press release. Deterministic in ``k`` and the
corpus; every document's content differs (its headline does).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

#: Characters of body text a document gets (paragraphs are added until it has this many).
TARGET_CHARS = 1200
#: Paragraphs shorter than this (headings, table cells, page furniture) are not used.
MIN_PARAGRAPH = 80


def paragraphs(corpus: Path) -> list[str]:
    """The corpus's prose paragraphs (non-empty lines of at least :data:`MIN_PARAGRAPH`)."""
    out: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if len(text) >= MIN_PARAGRAPH and "\t" not in text:
                out.append(text)
    if not out:
        raise SystemExit(f"no paragraphs in {corpus}")
    return out


def news_text(pool: list[str], k: int) -> str:
    """The text of news document ``k``."""
    rng = random.Random(k)
    day = date(2024, 1, 1) + timedelta(days=k % 730)
    body: list[str] = []
    size = 0
    while size < TARGET_CHARS:
        paragraph = pool[rng.randrange(len(pool))]
        body.append(paragraph)
        size += len(paragraph)
    return "\n\n".join([f"產業新聞第{k}則（{day.isoformat()}）", *body]) + "\n"


def write_news(corpus: Path, count: int, folder: Path, first: int = 1) -> list[Path]:
    """Write documents ``first`` .. ``first + count - 1`` into ``folder``; their paths."""
    pool = paragraphs(corpus)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(first, first + count):
        path = folder / f"news-{k:05d}.txt"
        path.write_text(news_text(pool, k), encoding="utf-8")
        out.append(path)
    return out
