"""Organisations by head word (graphkit.orgs): exact mentions on small hand-built blocks."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.orgs import OrgRecogniser, load_settings, org_names
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Mention, Segmented


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


def _names(text: str, chunker: Chunker) -> list[tuple[str, str]]:
    found = org_names(chunker.tag(text), load_settings())
    return [(text[s:e], text[ps:pe]) for s, e, ps, pe, _ in found]


def test_a_name_before_a_head_word_is_an_organisation(chunker: Chunker) -> None:
    assert _names("根據美國衛星產業協會統計", chunker) == [("美國衛星產業協會", "美國衛星產業協會")]


def test_a_modifier_in_front_is_an_alias(chunker: Chunker) -> None:
    assert _names("與國立陽明交通大學", chunker) == [("國立陽明交通大學", "陽明交通大學")]


def test_a_verb_in_front_is_left_out(chunker: Chunker) -> None:
    assert _names("並徵詢臺灣工具機暨零組件工業同業公會", chunker) == [
        ("臺灣工具機暨零組件工業同業公會", "臺灣工具機暨零組件工業同業公會")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "與新創公司合作",
        "國內IC設計公司",
        "組成策略聯盟",
        "並藉由表面處理工業同業公會作為",
        # A company's status, and a questionnaire's item code, name no company.
        "如果發票是由上市櫃公司所開出",
        "Talent 2公司內部 AI 工程師能力",
    ],
)
def test_descriptions_and_fragments_are_no_names(text: str, chunker: Chunker) -> None:
    assert _names(text, chunker) == []


def test_recognise_gives_exact_mentions_outside_quotes(chunker: Chunker) -> None:
    text = "延續「臺灣人工智慧晶片聯盟」，並與國立陽明交通大學合作。"
    seg = Segmented(
        DocumentInfo(source="t.txt", sha256="0", family="generic_report"),
        text,
        (Block(BlockKind.PARAGRAPH, text, 0),),
    )
    start = text.index("國立")
    assert OrgRecogniser(chunker).recognise(seg) == [
        Mention(
            Label.ORGANIZATION,
            "國立陽明交通大學",
            0,
            start,
            start + 8,
            key="陽明交通大學",
            source="org-head",
        )
    ]


def test_a_latin_company_is_named_without_place_and_head(chunker: Chunker) -> None:
    assert _names("由美國Wolfspeed公司主導", chunker) == [("美國Wolfspeed公司", "Wolfspeed")]


def test_a_body_led_by_a_foreign_place_is_a_foreign_body(chunker: Chunker) -> None:
    found = org_names(chunker.tag("根據美國衛星產業協會統計，臺灣電路板協會指出"), load_settings())
    assert [f[4] for f in found] == [True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依據日本經濟產業省報告", [("日本經濟產業省", True)]),
        ("美國商務部宣布", [("美國商務部", True)]),  # one word of jieba's
        ("美國專利商標局", [("美國專利商標局", True)]),
        # At home a ministry is an agency (the lexicon's); common words are no bodies.
        ("由經濟部產業發展署", []),
        ("美國幹部", []),
        ("中國大陸部分", []),
    ],
)
def test_a_foreign_government_body_by_its_head(
    text: str, expected: list[tuple[str, bool]], chunker: Chunker
) -> None:
    found = org_names(chunker.tag(text), load_settings())
    assert [(text[s:e], foreign) for s, e, _, _, foreign in found] == expected
