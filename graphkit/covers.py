"""COVERS from prose: what the text says a policy covers or promotes.

Three shapes, each a pure reading of one block's text and its resolved mentions (the
settings are the ``covers*`` keys of ``schema/rules/extract.json``):

* ``prose/covers``: a parenthesised list right after the policy's name
  (五大信賴產業(半導體、AI、軍工…)); every item, a known technology or a new one;
* ``prose/covers-verb``: a technology named after the policy in the same clause run, with a
  verb of promotion between (推動「晶創臺灣方案」，將結合生成式AI與晶片); policies joined
  before it (透過「P1」與「P2」，投入T) each cover it;
* ``prose/covers-list``: an enumeration closed by 等 right before the policy's name
  (在電動車、航太、精密機械等五大信賴產業中): its known technologies;
* ``prose/covers-name``: a known technology inside the policy's own name (百工百業應用AI → AI,
  5G行動計畫 → 5G): the subject the policy is named for, as a programme's name states its work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .records import Block, Label, Term
from .resolve import Known, Resolved, known_term
from .spans import best_spans

#: (policy, the covered technology — a known one, or a new name —, rule id, where in the block)
Cover = tuple[Term, Term | str, str, int]


@dataclass(frozen=True, slots=True)
class CoverSettings:
    """The COVERS keys of ``schema/rules/extract.json``."""

    listed: re.Pattern[str]
    separators: re.Pattern[str]
    min_items: int
    verbs: tuple[str, ...]
    window: int
    stops: str
    lookahead: int
    item_chars: tuple[int, int]
    closer: re.Pattern[str]
    joined: re.Pattern[str]
    contrasts: tuple[str, ...]

    @classmethod
    def of(cls, spec: Mapping[str, Any]) -> CoverSettings:
        return cls(
            re.compile(spec["covers"]),
            re.compile(spec["covers_separators"]),
            int(spec["covers_min_items"]),
            tuple(spec["covers_verbs"]),
            int(spec["covers_window"]),
            str(spec["covers_stops"]),
            int(spec["covers_lookahead"]),
            (int(spec["covers_item_chars"][0]), int(spec["covers_item_chars"][1])),
            re.compile(spec["covers_closer"]),
            re.compile(spec["covers_joined"]),
            tuple(spec["covers_contrasts"]),
        )


def covers(
    block: Block, found: Sequence[Resolved], s: CoverSettings, known: Known = known_term
) -> Iterable[Cover]:
    """Every (policy, technology, rule, position) the block's text states; ``known`` looks up
    an item no mention names (the document's resolver: :meth:`graphkit.resolve.Resolver.known`;
    the lexicons' by default)."""
    spans = best_spans(found)
    techs = [r for r in spans if r.term.label is Label.TECHNOLOGY]
    policies = [r for r in spans if r.term.label is Label.POLICY]
    for r in policies:
        yield from _listed(block.text, r, spans, s, known)
        end = _joined_end(block.text, r, policies, s)
        # after a chain, what is said after a policy it does not hold is that policy's
        stops = [p.mention.start for p in policies if p.mention.start >= end > r.mention.end]
        yield from _after(block.text, r, techs, s, end, min(stops, default=len(block.text)))
        yield from _before(block.text, r, techs, s)
        yield from _named(r, found)


def _named(r: Resolved, found: Sequence[Resolved]) -> Iterable[Cover]:
    """百工百業應用AI: the known technologies named inside the policy's name (``found`` before
    the longest spans are taken, where the name hides them)."""
    p = r.mention
    for t in found:
        m = t.mention
        inside = p.start <= m.start and m.end <= p.end and (m.start, m.end) != (p.start, p.end)
        if t.term.label is Label.TECHNOLOGY and inside:
            yield r.term, t.term, "prose/covers-name", p.start


def _listed(
    text: str, r: Resolved, spans: Sequence[Resolved], s: CoverSettings, known: Known
) -> Iterable[Cover]:
    m = s.listed.match(text[r.mention.end : r.mention.end + s.lookahead])
    if not m:
        return
    items = [x.strip() for x in s.separators.split(m.group("items"))]
    shortest, longest = s.item_chars
    items = [x for x in items if shortest <= len(x) <= longest]
    # A single item is an alias or an abbreviation in brackets, not a list.
    if len(items) < s.min_items or any(x in r.term.surface_forms for x in items):
        return
    # An item that names a known technology is that technology (AI is 人工智慧), one a mention
    # names or one of the lexicon.
    named = {x.mention.text: x.term for x in spans if x.mention.start > r.mention.end}
    for item in items:
        term = named.get(item) or known(Label.TECHNOLOGY, item)
        tech = term is not None and term.label is Label.TECHNOLOGY
        yield r.term, term if tech and term is not None else item, "prose/covers", r.mention.start


def _joined_end(text: str, r: Resolved, policies: Sequence[Resolved], s: CoverSettings) -> int:
    """Where the policies joined to ``r`` after it end (「P1」與「P2」: P2's end; ``joined`` is
    what may stand between two), or where ``r`` ends: what is said after the last of them is
    said of each, unless the sentence sets them apart (``contrasts``: 「P1」與「P2」不同，後者…)."""
    end = r.mention.end
    for p in sorted(policies, key=lambda p: p.mention.start):
        if p.mention.start >= end and s.joined.fullmatch(text[end : p.mention.start]):
            end = p.mention.end
    rest = re.split(f"[{re.escape(s.stops)}]", text[end:], maxsplit=1)[0]
    return r.mention.end if any(c in rest for c in s.contrasts) else end


def _after(
    text: str, r: Resolved, techs: Sequence[Resolved], s: CoverSettings, end: int, stop: int
) -> Iterable[Cover]:
    """推動「P」，將結合T: a verb of promotion between the policy (or the last of the policies
    joined to it, ending at ``end``: 透過「P1」與「P2」，投入T) and the technology, within
    ``window`` characters, no sentence end (``stops``) between and before ``stop`` (after a
    chain, another policy's name: what follows it is said of that one)."""
    for t in techs:
        gap = text[end : t.mention.start]
        near = end <= t.mention.start < stop and len(gap) <= s.window
        if near and not any(c in s.stops for c in gap) and any(v in gap for v in s.verbs):
            yield r.term, t.term, "prose/covers-verb", r.mention.start


def _before(text: str, r: Resolved, techs: Sequence[Resolved], s: CoverSettings) -> Iterable[Cover]:
    """T1、T2、T3等P: the known technologies of the list 等 closes right before the policy."""
    before = text[: r.mention.start].rstrip('「『"')
    if not s.closer.search(before):
        return
    start = max((before.rfind(c) for c in s.stops), default=-1) + 1
    for t in techs:
        if start <= t.mention.start and t.mention.end <= len(before):
            yield r.term, t.term, "prose/covers-list", r.mention.start
