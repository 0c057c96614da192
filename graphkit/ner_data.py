"""Training data for the statistical NER model: gold article names projected onto the text.

The article gold (``gold/articles/NN.json``) lists, per article and entity type, every surface
form of each entity printed in that article, with a tier. Projection finds those forms in the
article's blocks of the segmented white paper (blocks whose ``article`` is the gold ``title``,
compared with :func:`~graphkit.normalise.name_key`, as :mod:`graphkit.score` matches articles):

* every occurrence of a form, on token boundaries of the recogniser's CJK tokenizer (``ST`` is
  not found inside ``STMicroelectronics``), longest forms first, overlaps left to the longer;
* a ``core`` entity's occurrences are entities of its label; an ``ok`` entity's occurrences are
  *missing* annotation (the model is neither taught to find nor to skip them, just as the gold
  neither rewards nor punishes them);
* every other token of the article is outside any entity.

The projection is a pure function of the text and the gold; nothing here knows any name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .normalise import name_key, normalise
from .records import Label, Segmented
from .score import ARTICLE_TYPES, FOLDS


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of a block's text and what it is: a label, or ``None`` for missing."""

    start: int
    end: int
    label: Label | None


@dataclass(frozen=True, slots=True)
class Example:
    """One block of text with its projected spans, and the article (gold ``idx``) it is from."""

    article: int
    text: str
    spans: tuple[Span, ...]


def fold_of(article: int) -> int:
    """The cross-validation fold of an article index (as ``graphkit eval`` splits them)."""
    return article % FOLDS


#: What a gold group's forms are taught as, from its type's label and the group: a label, or
#: ``None`` (for the NER model, missing annotation; for the CRF, outside).
Tagging = Callable[[Label, Mapping[str, Any]], Label | None]


def core_tags(label: Label, group: Mapping[str, Any]) -> Label | None:
    """The NER model's tagging: a ``core`` group's label; an ``ok`` group is missing."""
    return label if group.get("tier") == "core" else None


def surface_forms(
    gold: Mapping[str, Any], tags: Tagging = core_tags
) -> list[tuple[str, Label | None]]:
    """Every (surface form, its tag by ``tags``) of an article's gold, longest first."""
    out: dict[str, Label | None] = {}
    for gtype, label in ARTICLE_TYPES.items():
        for group in gold["entities"].get(gtype, []):
            tag = tags(label, group)
            for name in group["names"]:
                form = normalise(str(name)).strip()
                # A form listed twice (tagged in one group, not in another) keeps its tag.
                if form and out.get(form) is None:
                    out[form] = tag
    return sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0]))


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _on_boundaries(text: str, start: int, end: int) -> bool:
    """A Latin or digit run is one token: a match must not start or end inside one."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if _is_word_char(text[start]) and _is_word_char(before):
        return False
    return not (_is_word_char(text[end - 1]) and _is_word_char(after))


def project(text: str, forms: Sequence[tuple[str, Label | None]]) -> tuple[Span, ...]:
    """Occurrences of ``forms`` in ``text``, longest first, without overlaps, in text order.

    Forms are matched as printed (gold forms are printed forms: ``SiC``, not ``sic``).

    >>> forms = [("碳化矽基板", Label.TECHNOLOGY), ("碳化矽", Label.TECHNOLOGY), ("ST", None)]
    >>> [(s.start, s.end, s.label.value if s.label else None)
    ...  for s in project("碳化矽基板與碳化矽, ST及STM", forms)]
    [(0, 5, 'Technology'), (6, 9, 'Technology'), (11, 13, None)]
    """
    taken = [False] * len(text)
    spans: list[Span] = []
    for form, label in forms:
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if _on_boundaries(text, at, end) and not any(taken[at:end]):
                taken[at:end] = [True] * (end - at)
                spans.append(Span(at, end, label))
            at = text.find(form, at + 1)
    return tuple(sorted(spans, key=lambda s: s.start))


def article_blocks(seg: Segmented) -> dict[str, list[int]]:
    """Block indexes of each article, by the article title's :func:`name_key`."""
    out: dict[str, list[int]] = {}
    for i, block in enumerate(seg.blocks):
        if block.article:
            out.setdefault(name_key(block.article), []).append(i)
    return out


def gold_examples(
    seg: Segmented,
    golds: Iterable[Mapping[str, Any]],
    kinds: frozenset[str] | None = None,
    tags: Tagging = core_tags,
) -> list[Example]:
    """One example per block (of ``kinds``, or any) of each gold article found in ``seg``, its
    spans tagged by ``tags``."""
    blocks = article_blocks(seg)
    out: list[Example] = []
    for gold in golds:
        forms = surface_forms(gold, tags)
        for i in blocks.get(name_key(str(gold["title"])), []):
            text = seg.blocks[i].text
            if text.strip() and (kinds is None or seg.blocks[i].kind in kinds):
                out.append(Example(int(gold["idx"]), text, project(text, forms)))
    return out


__all__ = [
    "Example",
    "Span",
    "Tagging",
    "article_blocks",
    "core_tags",
    "fold_of",
    "gold_examples",
    "project",
    "surface_forms",
]
