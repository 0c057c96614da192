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


def test_an_organisation_inside_an_agency_s_name_is_part_of_it() -> None:
    """光電系統研究所 (an organisation by its head) inside the agency 電子與光電系統研究所 is
    a piece of that name; a programme's name still holds the agency it names (and an agency
    inside an organisation's name is mentioned: tests/test_resolve_rules.py)."""
    unit = Term(Label.AGENCY, "電子與光電系統研究所", origin="lexicon")
    piece = Term(Label.ORGANIZATION, "光電系統研究所", origin="pattern")
    itri = Term(Label.AGENCY, "工業技術研究院", ("工研院",), origin="lexicon")
    programme = Term(Label.PROGRAMME, "工研院前瞻計畫", origin="pattern")
    found = [
        Resolved(Mention(Label.AGENCY, unit.name, 0, 0, 10), unit),
        Resolved(Mention(Label.ORGANIZATION, piece.name, 0, 3, 10, source="pattern"), piece),
        Resolved(Mention(Label.PROGRAMME, programme.name, 1, 0, 7, source="pattern"), programme),
        Resolved(Mention(Label.AGENCY, "工研院", 1, 0, 3), itri),
        # 工研院|電子與光電系統研究所: a list's 工研院電子 crosses the unit's name
        Resolved(Mention(Label.AGENCY, "工研院", 2, 0, 3), itri),
        Resolved(Mention(Label.AGENCY, unit.name, 2, 3, 13), unit),
        Resolved(
            Mention(Label.ORGANIZATION, "工研院電子", 2, 0, 5),
            Term(Label.ORGANIZATION, "工研院電子"),
        ),
    ]
    kept = sorted((r.mention.block, r.term.name) for r in counted_spans(found))
    assert kept == [
        (0, "電子與光電系統研究所"),
        (1, "工業技術研究院"),
        (1, "工研院前瞻計畫"),
        (2, "工業技術研究院"),
        (2, "電子與光電系統研究所"),
    ]


def test_a_technology_inside_a_title_is_a_word_of_it() -> None:
    """人工智慧 in the law 人工智慧基本法 (or a policy's, a scheme's name) is no mention of the
    technology; in a programme's name it is (the programme's subject), and alone it is."""
    ai = Term(Label.TECHNOLOGY, "人工智慧", origin="lexicon")
    found = [Resolved(Mention(Label.TECHNOLOGY, "人工智慧", 3, 0, 4), ai)]
    for block, label in enumerate([Label.REGULATION, Label.POLICY, Label.PROGRAMME]):
        title = Term(label, "人工智慧基本法", origin="lexicon")
        found += [
            Resolved(Mention(label, title.name, block, 0, 7), title),
            Resolved(Mention(Label.TECHNOLOGY, "人工智慧", block, 0, 4), ai),
        ]
    kept = sorted((r.mention.block, r.term.label.value) for r in counted_spans(found))
    assert kept == [
        (0, "Regulation"),
        (1, "Policy"),
        (2, "Programme"),
        (2, "Technology"),
        (3, "Technology"),
    ]


@pytest.mark.parametrize("label", [Label.ORGANIZATION, Label.AGENCY])
def test_a_technology_inside_a_body_s_name_is_a_word_of_it(label: Label) -> None:
    """表面處理 in the trade association 表面處理工業同業公會 (or in an agency's name) names the
    body's field, no mention of the technology (藉由表面處理工業同業公會作為業者交流平臺)."""
    treatment = Term(Label.TECHNOLOGY, "表面處理", origin="lexicon")
    body = Term(label, "表面處理工業同業公會", origin="pattern")
    found = [
        Resolved(Mention(label, body.name, 0, 3, 13, source="org-head"), body),
        Resolved(Mention(Label.TECHNOLOGY, "表面處理", 0, 3, 7), treatment),
        Resolved(Mention(Label.TECHNOLOGY, "表面處理", 1, 0, 4), treatment),
    ]
    kept = sorted((r.mention.block, r.term.label.value) for r in counted_spans(found))
    assert kept == [(0, label.value), (1, "Technology")]
