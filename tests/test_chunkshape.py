"""The chunker's rules of a name's shape (graphkit/chunkshape.py): coordinated modifiers."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker, names


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two modifiers ending in the same character qualify one head: the name holds both.
        ("專案推動多核與眾核運算晶片開發", ["多核與眾核運算晶片"]),
        ("建置以晶圓級封裝及2D/3D整合封裝設備", ["晶圓級封裝", "2D/3D整合封裝設備"]),
        # a Latin modifier back to its first character; a technique (X技術) too
        ("包括矽通孔技術、2.5D/3D堆疊技術", ["矽通孔技術", "2.5D/3D堆疊技術"]),
        # words of other lengths or other last characters are no modifiers of the name
        ("本科技專案以冷凍結構及多構型壓模成型製程技術", ["多構型壓模成型製程技術"]),
        ("整合AI與5G通訊模組", ["5G通訊模組"]),
        # the same last character but not the same length (a review: 機器人與|無人載具)
        ("整合機器人與無人載具", ["無人載具"]),
        ("推動製氫與氫燃料電池", ["氫燃料電池"]),
        # Latin modifiers only as a number and a letter: acronyms share last letters
        ("開發AR與VR裝置", ["VR裝置"]),
        ("開發4G/5G模組", ["4G/5G模組"]),
        ("採用GPU、NPU與TPU加速器", ["TPU加速器"]),
    ],
)
def test_coordinated_modifiers_are_one_name(
    chunker: Chunker, text: str, expected: list[str]
) -> None:
    assert names(text, chunker) == expected


def test_places_in_a_list_before_a_name_are_no_kinds_of_it(chunker: Chunker) -> None:
    """，A、B與C等X names kinds of X, but not places (clean_start_not: 加拿大, 臺南市)."""
    from tests.extract_docs import block, document

    text = "目前，加拿大、澳大利亞與俄羅斯等鈾燃料。"
    assert [m.text for m in chunker.recognise(document(block(text)))] == ["鈾燃料"]
    text = "目前，光纖雷射、紫外光雷射與超音波等加工設備。"
    found = [m.text for m in chunker.recognise(document(block(text)))]
    assert found[:2] == ["光纖雷射", "紫外光雷射"]
