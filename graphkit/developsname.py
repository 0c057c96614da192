"""DEVELOPS by name: the technologies a programme's name names (graph contract v2: the
technical subject of its name is the programme's own work). Read by
:class:`graphkit.extract.Extractor` through :mod:`graphkit.develops`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from .normalise import name_key, normalise_name
from .vocabulary import vocabulary

__all__ = ["named_in", "named_subjects"]


@cache
def _served() -> re.Pattern[str]:
    """The dash between the policy a programme serves and the programme's own name
    (rules/vocabulary.json 'served_dashes')."""
    return re.compile("|".join(re.escape(d) for d in vocabulary().served_dashes))


def named_in(programme: str, forms: Iterable[str]) -> str | None:
    """The first of a technology's ``forms`` that is part of the programme's name.

    A name printed as "POLICY——PROGRAMME" (行動方案——核酸藥物關鍵技術引進暨研發建置計畫) names
    the policy it serves before the dash: only the part after it is the programme's subject.

    >>> named_in("化合物半導體晶錠切割設備關鍵技術計畫", ["碳化矽", "化合物半導體"])
    '化合物半導體'
    >>> named_in("生物製造研發服務能量行動方案——核酸藥物研發計畫", ["生物製造"]) is None
    True
    """
    programme = _served().split(programme)[-1]
    name = name_key(programme)
    spaced = normalise_name(programme).casefold()
    return next(
        (f for f in forms if len(name_key(f)) >= 2 and _part_of(name_key(f), name, spaced)), None
    )


def _part_of(form: str, name: str, spaced: str) -> bool:
    """Whether ``form`` is in ``name``; a Latin form only as a whole word of the name as
    printed (``spaced``): IC is no part of AI Chiplet, AI is.

    >>> n = "低延遲AI Chiplet整合發展計畫"
    >>> _part_of("ic", name_key(n), n.casefold()), _part_of("ai", name_key(n), n.casefold())
    (False, True)
    """
    if not form.isascii():
        return form in name
    return re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", spaced) is not None


def named_subjects(programme: str, forms: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Technologies (name → forms) named in the programme's name, the heads of longer names
    left out.

    A form that ends a longer named form is its head, which the longer one names a kind of
    (半導體 in 化合物半導體): not a subject of its own. A form that opens one is the field the
    longer one is named in (化合物半導體 in 化合物半導體元件): a subject too.

    >>> named_subjects("化合物半導體元件關鍵技術計畫", {"半導體": ["半導體"],
    ...                "化合物半導體": ["化合物半導體"], "碳化矽": ["SiC"]})
    {'化合物半導體': '化合物半導體'}
    >>> named_subjects("化合物半導體元件關鍵技術計畫", {"化合物半導體元件": ["化合物半導體元件"],
    ...                "化合物半導體": ["化合物半導體"], "元件": ["元件"]})
    {'化合物半導體元件': '化合物半導體元件', '化合物半導體': '化合物半導體'}
    """
    found = {n: f for n, fs in forms.items() if (f := named_in(programme, fs)) is not None}
    keys = {n: name_key(f) for n, f in found.items()}
    return {
        n: f
        for n, f in found.items()
        if not any(keys[n] != k and k.endswith(keys[n]) for k in keys.values())
    }
