"""The forms one entity is printed in, and the name it goes by: what a name drops to be its stem.

A technology printed with a verb in front or a generic head (發展主權AI, 燃料電池技術) is named
without them; a policy printed with its generic head (晶創臺灣方案) has a stem (晶創臺灣); a
company printed with its legal form (京元電子股份有限公司) is named without it. The words are
``schema/rules/resolve.json``'s; :mod:`graphkit.resolve` decides which forms are one entity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache, partial

from .records import Term
from .rulefile import RulesFile


def bare(term: Term, first_word: Callable[[str], str] | None) -> Term:
    """A technology a document names with a verb in front or a generic head (發展主權AI,
    燃料電池技術) named without them (主權AI, 燃料電池), the printed name kept as an alias: names
    that differ only so are one entity, whichever a document prints first
    (``schema/rules/resolve.json``). The verb must be the segmenter's first word of the name
    (開發|者平臺 and 投入產出 start with none), so without a segmenter only heads go."""
    verbs, heads, least = _bare_words()
    name = term.name
    first = first_word(name) if first_word is not None else ""
    front = first if first in verbs else ""
    back = next((h for h in heads if name.endswith(h)), "")
    stem = name[len(front) : len(name) - len(back)]
    if stem == name or len(stem) < least:
        return term
    return replace(term, name=stem, aliases=(name, *term.aliases))


@cache
def _bare_words() -> tuple[tuple[str, ...], tuple[str, ...], int]:
    rf = RulesFile.packaged("resolve")
    by_length = partial(sorted, key=len, reverse=True)
    verbs, heads = by_length(rf.words("front_verbs")), by_length(rf.words("generic_heads"))
    return tuple(verbs), tuple(heads), rf.integer("min_bare", minimum=1)


def firm_stem(name: str) -> str:
    """``name`` without the legal form it ends in (``legal_forms``: 股份有限公司, 有限公司), when
    at least ``min_firm_stem`` characters are left; "" when it has none. 京元電子股份有限公司
    and 京元電子 are one firm, named without the form.

    >>> firm_stem("中華電信股份有限公司"), firm_stem("中華電信"), firm_stem("A有限公司")
    ('中華電信', '', '')
    """
    return _without_end(name, *_endings("legal_forms", "min_firm_stem"))


def policy_stem(name: str) -> str:
    """``name`` without the generic policy head it ends in (``policy_heads``: 方案, 政策 …),
    when at least ``policy_min_stem`` characters are left; "" when it has none."""
    return _without_end(name, *_endings("policy_heads", "policy_min_stem"))


def _without_end(name: str, ends: tuple[str, ...], least: int) -> str:
    """``name`` without the longest of ``ends`` it ends in, when at least ``least`` characters
    are left; "" when it ends in none."""
    end = next((e for e in ends if name.endswith(e)), "")
    return name[: -len(end)] if end and len(name) - len(end) >= least else ""


@cache
def _endings(words: str, least: str) -> tuple[tuple[str, ...], int]:
    """The words of field ``words`` of resolve.json, longest first, and the integer ``least``."""
    rf = RulesFile.packaged("resolve")
    return tuple(sorted(rf.words(words), key=len, reverse=True)), rf.integer(least, minimum=1)
