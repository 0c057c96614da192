"""A technology's abbreviation glued to a Chinese name or field word (graphkit/chunkabbr.py)."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.pipeline import WHOLE_WORD_SOURCES
from graphkit.records import Label, Mention
from graphkit.wholewords import whole_words
from tests.extract_docs import block, document


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


def glued(chunker: Chunker, text: str) -> list[str]:
    seg = document(block(text))
    return [text[a:z] for _, a, z in chunker.compounds(seg)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a field word (a verbal noun) after a technology's abbreviation: its field
        ("為強化我國IC設計產業競爭力並擺脫成熟製程競爭", ["IC設計"]),
        # a Chinese name the lexicon knows, and the head words after it
        ("機器人結合AI影像晶片模組進行辨識", ["AI影像晶片模組"]),
        ("以AI影像辨識進行量測", ["AI影像辨識"]),
        # a noun after it is a thing of it (系統, 模型), 技術 names the abbreviation's own
        ("導入AI模型與5G系統", []),
        ("導入AI技術於研磨製程中", []),
        # no field word after it; no technology's abbreviation (CEO is none)
        ("推動AI產業發展", []),
        ("CEO設計了新流程", []),
        # the abbreviation before its own Chinese name: the name printed twice, no compound
        ("導入AI人工智慧於產線", []),
        # the abbreviation ends a longer name (生成式AI): that name's, no compound
        ("推動建立國內生成式AI運算產業生態系", []),
    ],
)
def test_an_abbreviation_and_a_field_word_or_known_name_make_one_name(
    chunker: Chunker, text: str, expected: list[str]
) -> None:
    assert glued(chunker, text) == expected


def test_a_name_the_chunker_finds_around_it_stays(chunker: Chunker) -> None:
    seg = document(block("開發AI影像辨識技術"))  # X技術: the technique holds the compound
    assert [m.text for m in chunker.recognise(seg)] == ["AI影像辨識技術"]
    assert chunker.compounds(seg) == []


def test_the_compound_takes_the_abbreviation_and_the_name_inside_it(chunker: Chunker) -> None:
    text = "開發AI聊天機器人及車用晶片"
    seg = document(block(text))
    found = [m.text for m in chunker.recognise(seg)]
    assert "AI聊天機器人" in found and "聊天機器人" not in found
    ai = Mention(Label.TECHNOLOGY, "AI", 0, 2, 4, source="lexicon")
    edge = Mention(Label.TECHNOLOGY, "聊天機器人", 0, 4, 9, source="lexicon")
    assert whole_words(seg, [ai, edge], chunker, WHOLE_WORD_SOURCES) == []
