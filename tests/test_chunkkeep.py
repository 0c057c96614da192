"""Which chunked names are kept (graphkit.chunkkeep): counts, statements and abstract names."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.chunkkeep import abstract
from graphkit.records import Block, BlockKind, DocumentInfo, Segmented


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


def _doc(text: str) -> Segmented:
    return Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("軟體演算法", True),  # an abstract qualifier and a head word
        ("硬體晶片", True),
        ("品質檢測", True),  # … and a generic word
        ("最佳化模組", True),
        ("安全性檢測", True),
        ("影像演算法", False),  # a technical word in front names a kind
        ("射頻晶片", False),
        ("品質預測模型", False),  # three words: the middle one names the thing
        ("軟體定義無線電", False),
    ],
)
def test_abstract_names(chunker: Chunker, name: str, expected: bool) -> None:
    assert abstract(name, chunker.tag, chunker.settings) is expected


def test_an_abstract_name_is_dropped_however_often_printed(chunker: Chunker) -> None:
    # Real text (a white-paper article on EV charging): 軟體演算法 is stated as the work, and
    # printed twice here, yet names no particular thing.
    text = (
        "科技專案完成電動車充電及健檢的軟體演算法開發,並應用於充電站營運系統。"
        "軟體演算法可即時分析。開發電池健檢模組,電池健檢模組可即時回報。"
    )
    assert sorted({m.text for m in chunker.recognise(_doc(text))}) == ["電池健檢模組"]
