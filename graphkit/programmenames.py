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
block does not list) stays a programme of its own.
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
from .records import Label, ProgrammeLine, ProgrammeList, Segmented, Term
from .terms import PROGRAMME_BLOCK
from .termsettings import term_settings

__all__ = ["QUOTE_RULE", "programme_aliases", "respells"]

#: The recognise pattern whose name is a programme quoted after 科技專案.
QUOTE_RULE = "own-quoted-programme"


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
    quote = _quote_pattern()
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
            quoted[key] += [normalise_name(m.group("name")) for m in quote.finditer(b.text)]
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


@cache
def _quote_pattern() -> re.Pattern[str]:
    """The recogniser's pattern of a programme quoted after 科技專案 (:data:`QUOTE_RULE`)."""
    found = [p["regex"] for p in rules("recognise")["patterns"] if p["id"] == QUOTE_RULE]
    if len(found) != 1:
        raise SchemaError(f"rules/recognise.json: no single pattern with id {QUOTE_RULE!r}")
    return re.compile(found[0])
