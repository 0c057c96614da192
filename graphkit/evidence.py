"""Evidence text an analyst can cite: a sentence cut to the rules' length around the name of the
entity it is for, at clause marks, never inside the name (the extract stage's collector uses it
for every node and relation)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .chunkwords import CLAUSE_MARK
from .normalise import name_key
from .records import Node


@dataclass(frozen=True, slots=True)
class EvidenceRules:
    """How evidence text is cut (``schema/rules/extract.json``).

    Attributes:
        limit: ``evidence_chars``, the most characters evidence holds.
        cited: ``evidence_cited``, a footnote's source glued into the text (資料来源:): the
            evidence of a name printed before it ends there.
        math: ``evidence_math``, an inline LaTeX formula, given as the text it prints.
    """

    limit: int
    cited: re.Pattern[str] | None = None
    math: re.Pattern[str] | None = None


def node_forms(node: Node | None) -> list[str]:
    """Every name ``node`` is printed by (its name, aliases, abbreviation, English name)."""
    if node is None:
        return []
    extra = [node.props.get(k) for k in ("abbr", "name_en", "short_name")]
    return [f for f in (node.name, *node.aliases, *extra) if isinstance(f, str) and f]


def clip(
    text: str, forms: Sequence[str], rules: EvidenceRules, flat: bool = True
) -> tuple[str, int]:
    """``text`` cut for evidence (whitespace runs made one space when ``flat``, formulas given
    as text: :func:`plain_math`), and where the cut starts in it. A footnote's source glued in
    after the first printed form ends the text (``rules.cited``); then it is cut to
    ``rules.limit`` characters from its start, unless that leaves out every one of ``forms`` (a
    long sentence naming the entity late): then to the whole clauses around the first printed
    form that fit (:func:`clause_window`).

    >>> rules = EvidenceRules(5)
    >>> clip("甲乙丙丁,碳化矽。", ["碳化矽"], rules)
    ('碳化矽。', 5)
    >>> clip("碳化矽甲乙丙丁,戊。", ["碳化矽"], rules)
    ('碳化矽甲乙', 0)
    """
    cut, shift = _cut(_uncited(text, forms, rules.cited), forms, rules.limit, flat)
    return (plain_math(cut, rules.math) if rules.math else cut), shift


def _uncited(text: str, forms: Sequence[str], cited: re.Pattern[str] | None) -> str:
    """``text`` up to a footnote's source glued in after the first printed one of ``forms``."""
    first = min((at + len(f) for f in forms if (at := text.find(f)) >= 0), default=None)
    source = cited.search(text) if cited is not None and first is not None else None
    return (
        text[: source.start()].rstrip()
        if source and first is not None and first <= source.start()
        else text
    )


def plain_math(text: str, math: re.Pattern[str]) -> str:
    """``text`` with each LaTeX formula ``math`` finds given as the text it prints (pylatexenc:
    $\\geq 90\\%$ is ≥ 90%), whitespace runs made one space.

    >>> plain_math(r"降低VOC $\\geq 90\\%$ 及能耗", re.compile(r"\\$[^$]+\\$"))
    '降低VOC ≥ 90% 及能耗'
    """
    return math.sub(lambda m: " ".join(_latex().latex_to_text(m.group()).split()), text)


@cache
def _latex() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text")


def _cut(text: str, forms: Sequence[str], limit: int, flat: bool) -> tuple[str, int]:
    cut = (" ".join(text.split()) if flat else text)[:limit]
    if len(text) <= limit or not forms or any(name_key(f) in name_key(cut) for f in forms):
        return cut, 0
    hits = [(at, at + len(f)) for f in forms if (at := text.find(f)) >= 0]
    if not hits:
        return cut, 0
    start, end = clause_window(text, min(hits), limit)
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return (" ".join(piece.split()) if flat else piece.strip()), start + lead


def clause_window(text: str, span: tuple[int, int], limit: int) -> tuple[int, int]:
    """The widest run of whole clauses of ``text`` holding ``span`` within ``limit``
    characters, widened to the left first (the sentence's subject), then to the right; a
    clause longer than ``limit`` is cut ending at the span's end, never inside it.

    >>> t = "甲乙丙丁戊己庚辛，壬癸子丑寅卯，碳化矽晶圓，辰巳午未。"
    >>> a, z = clause_window(t, (t.index("碳化矽"), t.index("碳化矽") + 3), 14)
    >>> t[a:z]
    '壬癸子丑寅卯，碳化矽晶圓，'
    """
    a, z = span
    cuts = [0, *(m.end() for m in CLAUSE_MARK.finditer(text)), len(text)]
    start = max(c for c in cuts if c <= a)
    end = min(c for c in cuts if c >= z)
    if end - start > limit:  # (a name longer than the limit is kept whole)
        return min(a, max(0, z - limit)), z
    for c in reversed([c for c in cuts if c < start]):
        if end - c > limit:
            break
        start = c
    for c in [c for c in cuts if c > end]:
        if c - start > limit:
            break
        end = c
    return start, end
