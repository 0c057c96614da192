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
        ("品質檢測", True),  # an abstract qualifier and a generic word
        ("最佳化模組", True),
        ("決策模組", True),
        ("安全性檢測", True),
        # A head word that is no generic word names a thing after one (a review's cases).
        ("硬體加速器", False),
        ("決策引擎", False),
        ("品質感測器", False),
        ("軟體機器人", False),
        ("安全性晶片", False),
        ("基礎模型", False),  # a foundation model: 基礎 is no abstract qualifier
        ("影像檢測", False),  # a technical word in front names a kind
        ("射頻晶片", False),
        ("品質預測模型", False),  # three words: the middle one names the thing
        ("軟體定義無線電", False),
    ],
)
def test_abstract_names(chunker: Chunker, name: str, expected: bool) -> None:
    assert abstract(name, chunker.tag, chunker.settings) is expected


def test_an_abstract_name_is_dropped_however_often_printed(chunker: Chunker) -> None:
    # 決策模組 is stated as the work and printed twice, yet names no particular thing; 硬體加速器
    # beside it, as often printed, is a device (its known head 加速器 is no mention of its own).
    text = (
        "科技專案完成排程的決策模組開發,並應用於工廠。決策模組可即時分析。"
        "開發硬體加速器,硬體加速器可降低功耗。"
    )
    assert sorted({m.text for m in chunker.recognise(_doc(text))}) == ["硬體加速器"]
