"""Names joined by a slash: the words a slash glued before a name joins belong to it."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.chunkslash import slash_start, slashed
from graphkit.pipeline import Pipeline
from graphkit.records import Label, SourceText


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


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A side that names a thing of its own makes the slash a list (a review's cases): a
        # known technology after the slash (氮化鎵, 邊緣運算, OLED) or before it (電動車), a smart
        # kind (智慧眼鏡) …
        ("工研院開發碳化矽/氮化鎵功率元件。", ["碳化矽", "氮化鎵功率元件"]),
        ("業者發展雲端/邊緣運算平臺。", ["邊緣運算平臺"]),
        ("開發LED/OLED顯示面板。", ["OLED顯示面板"]),
        ("業者生產電動車/儲能電池。", ["電動車", "儲能電池"]),
        ("開發智慧眼鏡/頭戴式裝置。", ["智慧眼鏡", "頭戴式裝置"]),
        # … where words that name nothing alone are joined into the name.
        ("開發高導熱/低介電損耗樹脂材料。", ["高導熱/低介電損耗樹脂材料"]),
        ("建置CU/DU/RU網元系統。", ["CU/DU/RU網元系統"]),
    ],
)
def test_a_slash_between_two_names_lists_them(
    pipeline: Pipeline, text: str, names: list[str]
) -> None:
    src = SourceText(path="/tmp/s.txt", name="s.txt", text=text, sha256="0", encoding="utf-8")
    ex, _ = pipeline.extract_document(src)
    found = {n.name for n in ex.nodes if n.label is Label.TECHNOLOGY}
    assert [n for n in names if n not in found] == []
    assert sorted(n for n in found if "/" in n) == sorted(n for n in names if "/" in n)
