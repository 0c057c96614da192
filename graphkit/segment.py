"""Segment stage: cut a normalised document into blocks along its own structure.

Each document family (the MOEA white paper, a generic report, …) is one loader module under
:mod:`graphkit.loaders` plus one rules file. A loader says how sure it is that a text is of its
family (:meth:`Loader.detect`) and segments it (:meth:`Loader.segment`). The families graphkit
knows are listed explicitly in a :class:`Families` registry; adding one is
``builtin_families().adding(MyLoader())``, with no change to graphkit.

>>> fams = builtin_families()
>>> fams.names()
('moea-whitepaper', 'generic-report')
>>> fams.choose("just some text")[0].name
'generic-report'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from .errors import Errors, InputError
from .loaders import generic_report, moea_whitepaper
from .normalise import normalise
from .records import Segmented, SourceText

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*[」』)]?")

#: Below this confidence no specialised loader claims a document.
CLAIM_THRESHOLD = 0.5
#: The family used when no loader claims a document.
FALLBACK_FAMILY = "generic-report"


class Loader(Protocol):
    """What a document family provides."""

    @property
    def name(self) -> str:
        """The family's name (``Document.family``, ``--family``)."""
        ...

    def detect(self, text: str) -> float:
        """How sure (0..1) the loader is that normalised ``text`` is of its family."""
        ...

    def segment(self, source: SourceText, text: str) -> Segmented:
        """Segment the normalised ``text`` of ``source``."""
        ...


@dataclass(frozen=True, slots=True)
class Families:
    """The document families graphkit can read, in order; ``fallback`` reads anything."""

    loaders: tuple[Loader, ...]
    fallback: str = FALLBACK_FAMILY

    def __post_init__(self) -> None:
        names = self.names()
        if len(set(names)) != len(names):
            raise ValueError(f"two document families share a name: {names}")
        if self.fallback not in names:
            raise ValueError(f"the fallback family {self.fallback!r} is not among {names}")

    def names(self) -> tuple[str, ...]:
        """The families' names, in registration order."""
        return tuple(ld.name for ld in self.loaders)

    def adding(self, loader: Loader) -> Families:
        """A registry with ``loader`` as well (this one is left as it is)."""
        return Families((*self.loaders, loader), self.fallback)

    def get(self, family: str) -> Loader:
        """The loader of the named family.

        Raises:
            InputError: no family has that name.
        """
        for ld in self.loaders:
            if ld.name == family:
                return ld
        known = ", ".join(self.names())
        raise InputError(
            Errors.E011.format(
                path="--family", detail=f"unknown document family {family!r}; known: {known}"
            )
        )

    def choose(self, text: str, family: str | None = None) -> tuple[Loader, float]:
        """The loader for a normalised text: the named one, or the most confident.

        The most confident loader claims the text when its confidence reaches
        :data:`CLAIM_THRESHOLD`; otherwise the fallback family reads it. Ties go to the family
        registered first.
        """
        if family:
            return self.get(family), 1.0
        best, score = self.loaders[0], -1.0
        for ld in self.loaders:
            s = ld.detect(text)
            if s > score:
                best, score = ld, s
        if score < CLAIM_THRESHOLD:
            return self.get(self.fallback), score
        return best, score


@cache
def builtin_families() -> Families:
    """The families graphkit ships: the MOEA white paper and the generic report."""
    return Families(
        (
            moea_whitepaper.MoeaWhitePaperLoader(moea_whitepaper.load_settings()),
            generic_report.GenericReportLoader(generic_report.load_settings()),
        )
    )


def choose_loader(
    text: str, family: str | None = None, families: Families | None = None
) -> tuple[Loader, float]:
    """Pick the loader for a normalised text (see :meth:`Families.choose`)."""
    return (families or builtin_families()).choose(text, family)


def segment(
    source: SourceText, family: str | None = None, families: Families | None = None
) -> tuple[Segmented, list[str]]:
    """Normalise and segment a source. Returns the segmented document and any warnings."""
    text = normalise(source.text)
    loader, score = choose_loader(text, family, families)
    warnings: list[str] = []
    if score < CLAIM_THRESHOLD:
        warnings.append(
            f"{source.path}: layout not recognised (best confidence {score:.2f}); "
            "loaded as a generic report"
        )
    return loader.segment(source, text), warnings


def sentences(text: str, offset: int = 0) -> list[tuple[str, int]]:
    """Split prose into sentences, with their offsets (plus ``offset``): where each stripped
    sentence starts, after any leading whitespace.

    >>> sentences("一句。  二句！", 10)
    [('一句。', 10), ('二句！', 15)]
    """
    out = []
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        if raw.strip():
            out.append((raw.strip(), offset + m.start() + len(raw) - len(raw.lstrip())))
    return out


def in_source_line(
    text: str, at: int, reference: re.Pattern[str], notes: Sequence[str] = ()
) -> bool:
    """Whether ``at`` is on a line that cites a source (資料來源：…), to its end: the cited
    title after the source's first sentence names, it does not mention. A reference line
    opened by one of ``notes`` (註：) is a note, no source: its later sentences are text.

    >>> ref = re.compile(r"^\\s*\\d{0,3}\\s*(?:資料來源|註)\\s*[:：]")
    >>> t = "正文。\\n17 資料來源：UN（2023）。A title.\\n註：X包括Y。Z則包括W。\\n後文。"
    >>> [in_source_line(t, t.index(w), ref, ("註",)) for w in ("正文", "title", "W", "後文")]
    [False, True, False, False]
    """
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    m = reference.match(text[start : end if end >= 0 else len(text)])
    return m is not None and not any(n in m.group() for n in notes)
