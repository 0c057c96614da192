"""Names joined by a slash: the words a slash glued before a name joins belong to it."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.chunkslash import slash_start, slashed


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


@pytest.mark.parametrize(
    ("text", "start", "joined"),
    [
        ("開發CU/DU/RU網元系統", 8, 2),  # acronyms in capitals, back to the work verb
        ("具高導熱/低介電損耗樹脂材料", 5, 1),  # back to a cue word (具)
        ("有低溫控制/讀取電路模組", 6, 1),  # four characters at most: 低溫控制
        ("眼科活體藥動/藥效評估平臺", 7, 2),  # not 眼科: six characters
        ("基站CU/DU/RU網元系統", 8, 2),  # one script: not 基站
        ("開發Tb/s等級光引擎", 5, 5),  # a unit (Tb/s) joins no words
        ("開發2D/3D整合封裝", 5, 2),
        ("開發、/網元系統", 4, 4),  # a mark before the slash: nothing glued
    ],
)
def test_slash_start(chunker: Chunker, text: str, start: int, joined: int) -> None:
    assert slash_start(chunker.tag_clauses(text), start, chunker.settings) == joined


def test_the_name_proper_starts_with_the_words_joined_unless_a_modifier_was_left_out(
    chunker: Chunker,
) -> None:
    tokens = chunker.tag_clauses("開發CU/DU/RU網元系統")
    assert slashed(tokens, (8, 14, 8, 14), chunker.settings) == (2, 14, 2, 14)
    assert slashed(tokens, (8, 14, 10, 14), chunker.settings) == (2, 14, 10, 14)
    assert slashed(tokens, (4, 14, 4, 14), chunker.settings) == (4, 14, 4, 14)
