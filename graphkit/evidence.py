"""Evidence text an analyst can cite: a sentence cut to the rules' length around the name of the
entity it is for, at clause marks, never inside a name or a formula, formulas given as the text
they print (the extract stage's collector uses it for every node and relation)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .chunkwords import CLAUSE_MARK
from .records import Node
from .rulefile import RulesFile

#: A span of text: where it starts and where it ends.
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class EvidenceRules:
    """How evidence text is cut (``schema/rules/extract.json``).

    Attributes:
        limit: ``evidence_chars``, the most characters evidence holds.
        cited: ``evidence_cited``, a footnote's source glued into the text (資料來源:): the
            evidence of a name printed before it ends there.
        math: ``evidence_math``, an inline LaTeX formula, given as the text it prints.
    """

    limit: int
    cited: re.Pattern[str] | None = None
    math: re.Pattern[str] | None = None

    @classmethod
    def of(cls, rf: RulesFile) -> EvidenceRules:
        """The fields of ``rf`` (rules/extract.json), checked: a bad one is an error naming the
        file and the field."""
        limit = rf.integer("evidence_chars", minimum=1)
        return cls(limit, rf.pattern("evidence_cited"), rf.pattern("evidence_math"))


def node_forms(node: Node | None) -> list[str]:
    """Every name ``node`` is printed by (its name, aliases, abbreviation, English name)."""
    if node is None:
        return []
    extra = [node.props.get(k) for k in ("abbr", "name_en", "short_name")]
    return [f for f in (node.name, *node.aliases, *extra) if isinstance(f, str) and f]


def clip(
    text: str,
    forms: Sequence[str],
    rules: EvidenceRules,
    *,
    flat: bool = True,
    also: Sequence[str] = (),
) -> tuple[str, int]:
    """``text`` as evidence for the entity printed as one of ``forms``, and where it starts in
    ``text``: formulas given as text (:func:`plain_math`), a footnote's source glued in after
    the first printed form cut off (``rules.cited``), then, when longer than ``rules.limit``,
    the whole clauses around that form that fit (:func:`clause_window`), with the first printed
    one of ``also`` (the relation's other entity) too where both fit. Whitespace runs become one
    space when ``flat``; a text printing no form is cut from its start.

    >>> rules = EvidenceRules(5)
    >>> clip("甲乙丙丁,碳化矽。", ["碳化矽"], rules)
    ('碳化矽。', 5)
    >>> clip("碳化矽甲乙丙丁,戊。", ["碳化矽"], rules)
    ('碳化矽甲乙', 0)
    """
    plain, spans = _plain(text, rules.math)
    hit = _first(plain, forms)
    if hit is not None and rules.cited is not None:
        source = rules.cited.search(plain, hit[1])
        plain = plain[: source.start()].rstrip() if source else plain
    start, end = 0, len(plain)
    if len(plain) > rules.limit:
        span = hit or (0, 0)
        other = _first(plain, also) if hit is not None else None
        if other is not None and max(span[1], other[1]) - min(span[0], other[0]) <= rules.limit:
            span = (min(span[0], other[0]), max(span[1], other[1]))
        start, end = clause_window(plain, span, rules.limit)
    piece = plain[start:end]
    lead = len(piece) - len(piece.lstrip())
    out = " ".join(piece.split()) if flat else piece[lead:]
    return out, _original(start + lead, spans)


def clause_window(text: str, span: Span, limit: int) -> Span:
    """The widest run of whole clauses of ``text`` holding ``span`` within ``limit``
    characters, widened to the left first (the sentence's subject), then to the right. A
    clause longer than ``limit`` is cut, ending at the span's end or ``limit`` characters after
    the span's start, never inside the span. A comma or colon between digits (1,000, 10:30)
    ends no clause.

    >>> t = "甲乙丙丁戊己庚辛，壬癸子丑寅卯，碳化矽晶圓，辰巳午未。"
    >>> a, z = clause_window(t, (t.index("碳化矽"), t.index("碳化矽") + 3), 14)
    >>> t[a:z]
    '壬癸子丑寅卯，碳化矽晶圓，'
    """
    a, z = span
    marks = (m.end() for m in CLAUSE_MARK.finditer(text) if not _in_number(text, m.start()))
    cuts = [0, *marks, len(text)]
    start = max(c for c in cuts if c <= a)
    end = min(c for c in cuts if c >= max(z, a + 1) or c == len(text))
    if end - start > limit:
        cut = min(a, max(start, z - limit))
        return cut, min(len(text), max(z, cut + limit))
    for c in reversed([c for c in cuts if c < start]):
        if end - c > limit:
            break
        start = c
    for c in [c for c in cuts if c > end]:
        if c - start > limit:
            break
        end = c
    return start, end


def plain_math(text: str, math: re.Pattern[str]) -> str:
    """``text`` with each LaTeX formula ``math`` finds given as the text it prints.

    >>> plain_math(r"降低VOC $\\geq 90\\%$ 及能耗", re.compile(r"\\$[^$]+\\$"))
    '降低VOC ≥ 90% 及能耗'
    """
    return _plain(text, math)[0]


def _plain(text: str, math: re.Pattern[str] | None) -> tuple[str, list[tuple[Span, Span]]]:
    """``text`` with its formulas given as text, and where each formula was and now is."""
    if math is None:
        return text, []
    out: list[str] = []
    spans: list[tuple[Span, Span]] = []
    at = length = 0
    for m in math.finditer(text):
        out.append(text[at : m.start()])
        length += m.start() - at
        shown = _formula(m.group())
        spans.append(((m.start(), m.end()), (length, length + len(shown))))
        out.append(shown)
        length += len(shown)
        at = m.end()
    out.append(text[at:])
    return "".join(out), spans


def _original(at: int, spans: Sequence[tuple[Span, Span]]) -> int:
    """Where position ``at`` of the text with formulas given as text is in the text as printed
    (a position inside a formula's text is the formula's start)."""
    shift = 0
    for (a, z), (p, q) in spans:
        if at < q:
            return a if at > p else at + shift
        shift = z - q
    return at + shift


@lru_cache(maxsize=1024)
def _formula(latex: str) -> str:
    """The text a formula prints (pylatexenc: $\\geq 90\\%$ is ≥ 90%; a bare % is a percent
    sign, not a comment), one space between words; a formula it cannot parse loses its
    commands, braces and dollar signs instead."""
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    escaped = re.sub(r"(?<!\\)%", r"\\%", latex)
    try:
        nodes = LatexWalker(escaped, tolerant_parsing=False).get_latex_nodes()[0]
        shown = str(_latex().nodelist_to_text(nodes))
    except LatexWalkerError:
        shown = re.sub(r"\\[A-Za-z]+|[{}$]", " ", latex)
    return " ".join(shown.split())


@cache
def _latex() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text")


def _first(text: str, forms: Sequence[str]) -> Span | None:
    """Where the first of ``forms`` printed in ``text`` is (any case, spaces between its
    characters allowed; a Latin form not inside a longer Latin word: AI is not in MAIL)."""
    loose = "".join(text.split()).lower()
    hits = [hit for f in forms if f.strip() and (hit := _search(text, loose, f)) is not None]
    return min(hits, default=None)


def _search(text: str, loose: str, form: str) -> Span | None:
    """Where ``form`` is printed in ``text`` (``loose``: the text without spaces, lower case):
    as printed, on Latin word edges, the common case, found without a regular expression."""
    at = text.find(form)
    if at >= 0 and not (
        _latin(text, at - 1, at) or _latin(text, at + len(form) - 1, at + len(form))
    ):
        return at, at + len(form)
    if "".join(form.split()).lower() not in loose:
        return None
    m = _finder(form).search(text)
    return m.span() if m else None


def _latin(text: str, a: int, b: int) -> bool:
    """Whether the characters at ``a`` and ``b`` of ``text`` are both Latin letters or digits
    (a name's edge inside a longer Latin word)."""
    pair = text[a : b + 1] if a >= 0 and b < len(text) else ""
    return len(pair) == 2 and all(c.isascii() and c.isalnum() for c in pair)


@lru_cache(maxsize=4096)
def _finder(form: str) -> re.Pattern[str]:
    chars = [c for c in form if not c.isspace()]
    body = r"\s*".join(re.escape(c) for c in chars)
    head = r"(?<![A-Za-z0-9])" if chars[0].isascii() and chars[0].isalnum() else ""
    tail = r"(?![A-Za-z0-9])" if chars[-1].isascii() and chars[-1].isalnum() else ""
    return re.compile(head + body + tail, re.IGNORECASE)


def _in_number(text: str, at: int) -> bool:
    """Whether the mark at ``at`` is a comma or a colon between digits (1,000; 10:30)."""
    inside = 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()
    return inside and text[at] in ",:"
