"""A listed programme's name as its article's prose spells it otherwise.

An article's 相關科技專案 block lists its programmes; its prose may quote one of them after
科技專案 with another spelling (科技專案「智能化協同設計EDA前瞻技術開發計畫」 for the listed
智動化協同設計EDA前瞻技術開發計畫, 「…產品開發技術計畫」 for …產品開發驗證計畫). The recogniser
reads such a quote as a programme (``schema/rules/recognise.json``, the pattern
``own-quoted-programme``); where the quote holds at least ``respelled`` of the characters of a
programme its article lists, in order, and that many of the quote's are the listed name's
(``schema/rules/terms.json``, the share a definition respells a lexicon name with), the
document itself says the two are one: the quote becomes an alias of the listed programme's term.
A quote of a listed name as it is, or one near two listed names (5G… and 6G…前瞻通訊技術開發計畫),
is no other spelling of either.
A quote of another programme (科技專案「智能載具動力電池系統技術開發計畫」, an earlier one the
block does not list) stays a programme of its own. A quoted technique (科技專案「…技術」, the
pattern ``own-quoted-technique``) is a technology, unless it spells a listed programme so: then
it is that programme's alias (低延遲AI Chiplet整合發展技術 for …整合發展計畫), and
:func:`programme_quotes` takes the technology back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from .errors import SchemaError
from .knowledge import rules
from .normalise import name_key, normalise_name, shared_in_order
from .records import Label, Mention, ProgrammeLine, ProgrammeList, Segmented, Term
from .terms import PROGRAMME_BLOCK
from .termsettings import term_settings

__all__ = ["QUOTE_RULES", "programme_aliases", "programme_quotes", "respells"]

#: The recognise patterns whose name is quoted after 科技專案: a programme (…計畫, a part's
#: name), or a technique (…技術) that may be the programme's name spelt otherwise.
QUOTE_RULES = ("own-quoted-programme", "own-quoted-technique")


def respells(quote: str, listed: str, least: float) -> bool:
    """Whether ``quote`` spells ``listed`` otherwise: at least ``least`` of the characters of
    each are the other's, in order.

    >>> respells("智能化協同設計EDA前瞻技術開發計畫", "智動化協同設計EDA前瞻技術開發計畫", 0.75)
    True
    >>> respells("智能載具動力電池系統技術開發計畫", "電動載具固態電池與模組開發技術", 0.75)
    False
    """
    a, b = name_key(quote), name_key(listed)
    if not a or not b or a == b:
        return False
    return shared_in_order(a, b) >= least * max(len(a), len(b))


def programme_aliases(seg: Segmented, learned: Sequence[Term]) -> list[Term]:
    """``learned`` with each programme term of a 相關科技專案 block given, as aliases, the quotes
    of its article's prose that spell its name otherwise (:func:`respells`)."""
    quote = _quote_patterns()
    least = term_settings().respelled
    listed: dict[tuple[str | None, str | None, str], list[str]] = defaultdict(list)
    quoted: dict[tuple[str | None, str | None, str], list[str]] = defaultdict(list)
    for b in seg.blocks:
        if not b.article:
            continue
        key = (b.domain, b.chapter, b.article)
        if isinstance(b.record, ProgrammeList):
            lines = [line for line in b.record.lines if isinstance(line, ProgrammeLine)]
            listed[key] += [normalise_name(line.name) for line in lines]
        elif b.is_prose:
            found = (m.group("name") for q in quote for m in q.finditer(b.text))
            quoted[key] += [normalise_name(name) for name in found]
    aliases: dict[str, set[str]] = defaultdict(set)
    for key, names in listed.items():
        own = {name_key(n) for n in names}
        for q in quoted[key]:
            near = [n for n in names if respells(q, n, least)]
            # a quote of a listed name is that programme, and one near two is neither's
            if name_key(q) not in own and len(near) == 1:
                aliases[near[0]].add(q)
    out = []
    for t in learned:
        extra = sorted(aliases.get(t.name, set()) - set(t.surface_forms))
        useful = t.label is Label.PROGRAMME and t.origin == PROGRAMME_BLOCK and extra
        out.append(replace(t, aliases=(*t.aliases, *extra)) if useful else t)
    return out


def programme_quotes(mentions: Sequence[Mention], learned: Sequence[Term]) -> list[Mention]:
    """``mentions`` without the technologies named as one of the document's programmes is
    (科技專案「低延遲AI Chiplet整合發展技術」 for the listed …發展計畫: a quote of the
    programme, not a technique of its own; :func:`programme_aliases` gives the alias)."""
    names = {
        name_key(form)
        for t in learned
        if t.label is Label.PROGRAMME
        for form in (t.name, *t.aliases)
    }
    return [m for m in mentions if m.label is not Label.TECHNOLOGY or name_key(m.text) not in names]


@cache
def _quote_patterns() -> tuple[re.Pattern[str], ...]:
    """The recogniser's patterns of a name quoted after 科技專案 (:data:`QUOTE_RULES`)."""
    patterns = {p["id"]: p["regex"] for p in rules("recognise")["patterns"]}
    missing = [r for r in QUOTE_RULES if r not in patterns]
    if missing:
        raise SchemaError(f"rules/recognise.json: no pattern with id {missing[0]!r}")
    return tuple(re.compile(patterns[r]) for r in QUOTE_RULES)
