"""COLLABORATES_WITH cues read from a sentence's structure, on hand-built blocks."""

from __future__ import annotations

import pytest

from graphkit.collaborate import Collaborations
from graphkit.knowledge import rules
from graphkit.records import Block, BlockKind, Label, Mention, Term
from graphkit.resolve import Resolved

ITRI = Term(Label.AGENCY, "工業技術研究院", ("工研院",))
TSMC = Term(Label.ORGANIZATION, "台灣積體電路製造", ("台積電",))
KNOWN = {"工研院": ITRI, "台積電": TSMC}


@pytest.fixture(scope="module")
def collab() -> Collaborations:
    return Collaborations(rules("extract")["collaboration"])


def find(
    collab: Collaborations, text: str, offset: int = 50
) -> list[tuple[str, str, list[tuple[Label, str, str | None]], str, int]]:
    """Each collaboration as (kind, subject, partners as (label, name, kind), sentence, offset)."""
    block = Block(BlockKind.PARAGRAPH, text, offset)
    found, start = [], 0
    while True:
        hits = [(text.find(n, start), n) for n in KNOWN if text.find(n, start) >= 0]
        if not hits:
            break
        at, name = min(hits)
        mention = Mention(KNOWN[name].label, name, 0, at, at + len(name))
        found.append(Resolved(mention, KNOWN[name]))
        start = at + len(name)
    out = []
    for kind, subject, partners, sentence, at in collab.find(block, found):
        # A partner no mention names is made here, and says so.
        assert all(p.origin == "collaboration" for p in partners if p not in KNOWN.values())
        out.append((kind, subject.name, [(p.label, p.name, p.kind) for p in partners],
                    sentence, at))  # fmt: skip
    return out


def test_the_actor_before_a_cue_works_with_the_list_after_it(collab: Collaborations) -> None:
    text = "前言。工研院攜手台積電、聯發科及教育部等開發晶片。"
    assert find(collab, text) == [
        ("攜手", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None),
                                    (Label.ORGANIZATION, "聯發科", None),
                                    (Label.AGENCY, "教育部", None)],
         "工研院攜手台積電、聯發科及教育部等開發晶片。", 53),
    ]  # fmt: skip


def test_with_and_a_cooperation_verb_name_the_partners_between(collab: Collaborations) -> None:
    text = "工研院與台積電、力積電子共同開發晶片。"
    assert find(collab, text) == [
        ("合作", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None),
                                    (Label.ORGANIZATION, "力積電子", "company")],
         text, 50),
    ]  # fmt: skip


def test_a_technology_transfer_names_its_receiver(collab: Collaborations) -> None:
    text = "工研院技轉給台積電。"
    assert find(collab, text) == [
        ("技轉", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None)], text, 50)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "前言。工研院,攜手台積電開發晶片。",  # a clause break between the actor and the cue
        "工研院在過去十年間以多項計畫持續攜手台積電。",  # too far before the cue
        "攜手台積電開發晶片。",  # no actor before the cue
        "工研院攜手工研院開發晶片。",  # with itself
        "沒有任何機構。",
    ],
)
def test_no_collaboration(collab: Collaborations, text: str) -> None:
    assert find(collab, text) == []


def test_items_that_look_like_no_name_are_left_out(collab: Collaborations) -> None:
    # generic, a measure word, a bad ending, digits, one letter, a year, thirteen characters
    items = "廠商、多家業者、供應產業鏈、2家、A、台積電、2024年、一二三四五六七八九十壹貳參"
    text = f"工研院攜手{items}、聯電、一二三四五六七八九十壹貳開發。"
    assert find(collab, text) == [
        ("攜手", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None),
                                    (Label.ORGANIZATION, "聯電", None),
                                    (Label.ORGANIZATION, "一二三四五六七八九十壹貳", None)],
         text, 50)
    ]  # fmt: skip


def test_the_subject_is_the_actor_nearest_the_cue_up_to_twelve_characters() -> None:
    collab = Collaborations(rules("extract")["collaboration"])
    text = "台積電、工研院攜手聯電開發晶片。"
    assert [(k, s) for k, s, *_ in find(collab, text)] == [("攜手", "工業技術研究院")]
    gap = "過去十二年來持續以多項計畫"[:12]
    assert [(k, s) for k, s, *_ in find(collab, f"工研院{gap}攜手聯電。")] == [
        ("攜手", "工業技術研究院")
    ]


def test_a_cue_without_a_subject_leaves_the_next_cue_of_the_sentence() -> None:
    collab = Collaborations(rules("extract")["collaboration"])
    text = "攜手合作下,工研院攜手台積電開發晶片。"
    assert [(k, s) for k, s, *_ in find(collab, text)] == [("攜手", "工業技術研究院")]


def test_the_list_ends_at_its_end_word_after_the_cue_or_at_the_sentence_end() -> None:
    collab = Collaborations(rules("extract")["collaboration"])
    organization = Label.ORGANIZATION
    text = "工研院的團隊攜手聯電開發晶片。"
    assert find(collab, text) == [
        ("攜手", "工業技術研究院", [(organization, "聯電", None)], text, 50)
    ]
    assert find(collab, "工研院技轉給聯電") == [
        ("技轉", "工業技術研究院", [(organization, "聯電", None)], "工研院技轉給聯電", 50)
    ]
    # With 與…合作 the names are those before the cooperation verb, 研發 in a name included.
    text = "工研院與台積電、研發聯盟簽署合作備忘錄。"
    assert find(collab, text) == [
        ("合作", "工業技術研究院", [(organization, "台灣積體電路製造", None),
                                    (organization, "研發聯盟", None)], text, 50)
    ]  # fmt: skip


def test_a_partner_named_twice_is_one(collab: Collaborations) -> None:
    text = "工研院攜手台積電、台積電開發晶片。"
    assert find(collab, text) == [
        ("攜手", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None)], text, 50)
    ]
