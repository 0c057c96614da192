"""Segment stage: cut a normalised document into blocks along its own structure.

Each document family (the MOEA white paper, a generic report, …) has a loader module under
``loaders/`` (installed as ``graphkit.loaders``). A loader says how sure it is that a text is
of its family (:meth:`Loader.detect`) and segments it (:meth:`Loader.segment`). Adding a family
is adding one module that defines ``LOADER``.

This module holds what every loader shares: normalised lines with their offsets, page
furniture removal, re-joining of lines broken by the PDF, and sentence splitting.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from .errors import Errors, InputError
from .normalise import normalise
from .records import Segmented, SourceText

#: Characters that end a sentence or a complete line of prose.
TERMINAL = "。！？!?；;：:」』)）.…"

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*[」』)]?")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of normalised text and its offset in the document."""

    text: str
    offset: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


class Loader(Protocol):
    """What a document family module provides as ``LOADER``."""

    name: str

    def detect(self, text: str) -> float:
        """How sure (0..1) the loader is that normalised ``text`` is of its family."""
        ...

    def segment(self, source: SourceText, text: str) -> Segmented:
        """Segment the normalised ``text`` of ``source``."""
        ...


def split_lines(text: str) -> list[Line]:
    """Lines of ``text`` with their offsets (line breaks excluded)."""
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\f")
        out.append(Line(body, pos))
        pos += len(raw)
    return out


def drop_furniture(
    lines: Sequence[Line],
    patterns: Iterable[re.Pattern[str]],
    *,
    repeat_min: int = 0,
    repeat_max_len: int = 40,
) -> list[Line]:
    """Remove page furniture: lines matching ``patterns``, and short lines repeated often.

    Args:
        lines: the document's lines.
        patterns: regular expressions of known furniture (banners, page numbers, TOC lines).
        repeat_min: a short line seen at least this often is a running header or footer
            (0 disables the check).
        repeat_max_len: only lines up to this length count as repeated furniture.
    """
    pats = tuple(patterns)
    repeated: set[str] = set()
    if repeat_min:
        counts = Counter(ln.stripped for ln in lines if 0 < len(ln.stripped) <= repeat_max_len)
        repeated = {t for t, n in counts.items() if n >= repeat_min}
    out = []
    for ln in lines:
        s = ln.stripped
        if not (any(p.search(s) for p in pats) or s in repeated):
            out.append(ln)
    return out


def ends_complete(text: str) -> bool:
    """Whether a line ends like a finished sentence or heading-free prose."""
    s = text.rstrip()
    return not s or s[-1] in TERMINAL


def join_broken(a: str, b: str) -> str:
    """Join two pieces of one paragraph that the PDF broke: no space between CJK characters."""
    a, b = a.rstrip(), b.lstrip()
    if a and b and (a[-1].isascii() and a[-1].isalnum()) and (b[0].isascii() and b[0].isalnum()):
        return f"{a} {b}"
    return a + b


def join_lines(lines: Sequence[Line]) -> str:
    """The text of a paragraph whose lines the PDF broke, joined back (see :func:`join_broken`)."""
    body = lines[0].stripped
    for ln in lines[1:]:
        body = join_broken(body, ln.stripped)
    return body


def sentences(text: str, offset: int = 0) -> list[tuple[str, int]]:
    """Split prose into sentences, with their offsets (plus ``offset``)."""
    return [
        (m.group().strip(), offset + m.start())
        for m in _SENTENCE.finditer(text)
        if m.group().strip()
    ]


def compile_all(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """Compile a list of regular expressions from a rules file."""
    return tuple(re.compile(p) for p in patterns)


# ------------------------------------------------------------------------- registry


@cache
def loaders() -> dict[str, Loader]:
    """Every loader module found in ``graphkit.loaders``, by name."""
    package = importlib.import_module("graphkit.loaders")
    found: dict[str, Loader] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"graphkit.loaders.{info.name}")
        loader = getattr(module, "LOADER", None)
        if loader is not None:
            found[loader.name] = loader
    return found


#: Below this confidence no specialised loader claims a document.
CLAIM_THRESHOLD = 0.5
#: The family used when no loader claims a document.
FALLBACK_FAMILY = "generic-report"


def choose_loader(text: str, family: str | None = None) -> tuple[Loader, float]:
    """Pick the loader for a normalised text: the named one, or the most confident."""
    available = loaders()
    if family:
        if family not in available:
            raise InputError(
                Errors.E011.format(
                    path="--family",
                    detail=f"unknown document family {family!r}; known: {', '.join(available)}",
                )
            )
        return available[family], 1.0
    scored = sorted(((ld.detect(text), name) for name, ld in available.items()), reverse=True)
    score, name = scored[0]
    if score < CLAIM_THRESHOLD:
        return available[FALLBACK_FAMILY], score
    return available[name], score


def segment(source: SourceText, family: str | None = None) -> tuple[Segmented, list[str]]:
    """Normalise and segment a source. Returns the segmented document and any warnings."""
    text = normalise(source.text)
    loader, score = choose_loader(text, family)
    warnings: list[str] = []
    if score < CLAIM_THRESHOLD:
        warnings.append(
            f"{source.path}: layout not recognised (best confidence {score:.2f}); "
            "loaded as a generic report"
        )
    return loader.segment(source, text), warnings
