"""Which resolved mentions count (graphkit.spans), on hand-built mentions.

More of its rules are pinned in tests/test_resolve_rules.py (table rows, bodies abroad, shapes).
"""

from __future__ import annotations

import pytest

from graphkit.records import Label, Mention, Term
from graphkit.resolve import Resolved
from graphkit.spans import counted_spans

META = Term(Label.ORGANIZATION, "Meta", origin="lexicon")
AGENCY = Term(Label.AGENCY, "Meta", origin="lexicon")
LEARNING = Term(Label.TECHNOLOGY, "元學習", ("Meta Learning",), origin="learned")


def _kept(gloss: Mention, body: Term = META) -> list[tuple[int, str]]:
    found = [
        Resolved(gloss, LEARNING if gloss.label is Label.TECHNOLOGY else Term(gloss.label, "x")),
        Resolved(Mention(body.label, "Meta", 0, 4, 8), body),
        Resolved(Mention(body.label, "Meta", 1, 0, 4), body),  # alone: a mention of its own
    ]
    return sorted((r.mention.block, r.term.name) for r in counted_spans(found))


@pytest.mark.parametrize("body", [META, AGENCY])
def test_a_technology_s_english_name_the_document_defines_holds_no_body(body: Term) -> None:
    """元學習(Meta Learning): Meta, the lexicon's firm (or an agency), is no mention there."""
    gloss = Mention(Label.TECHNOLOGY, "Meta Learning", 0, 4, 17, source="learned")
    assert _kept(gloss, body) == [(0, "元學習"), (1, "Meta")]


@pytest.mark.parametrize(
    "gloss",
    [
        Mention(Label.TECHNOLOGY, "Meta Learning", 0, 4, 17, source="lexicon"),  # not defined here
        Mention(Label.TECHNOLOGY, "MetaLearning", 0, 4, 16, source="learned"),  # one word
        Mention(Label.TECHNOLOGY, "Meta學習 A", 0, 4, 14, source="learned"),  # not Latin
        Mention(Label.POLICY, "Meta Learning", 0, 4, 17, source="learned"),  # no technology
    ],
)
def test_other_longer_names_still_hold_the_body(gloss: Mention) -> None:
    assert (0, "Meta") in _kept(gloss)
