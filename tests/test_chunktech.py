"""Techniques and processes named as list items (graphkit.chunktech)."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker, names
from graphkit.chunktech import process_item
from graphkit.develops import load_settings as develops_settings
from graphkit.records import Block, BlockKind, DocumentInfo, Segmented


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker(work=develops_settings())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A process word ending a list's item is the item's (white-paper prose).
        (
            "科技專案從智慧網管、協同網路運算與核心網進行技術深耕。",
            ["智慧網管", "協同網路運算", "核心網"],
        ),
        # Before a comma the process word is the clause's verb: the name stops before it.
        ("三為感測器、衛生夾具與機械手臂整合,運用可預測食品質地的AI。", ["機械手臂"]),
        # Not a generic process word (瓶頸): the name stops too.
        ("未來關鍵挑戰有良率掌控與矽光子元件製造瓶頸。", ["矽光子元件"]),
    ],
)
def test_process_items(chunker: Chunker, text: str, expected: list[str]) -> None:
    assert names(text, chunker) == expected


def test_a_process_item_before_a_clause_mark(chunker: Chunker) -> None:
    # The chunker tags clause by clause: the 、 after 製造 is read from the text.
    text = "二、開發Chiplet系統整合技術,包含開發Chiplet封裝製造、軟體工具、系統應用設計。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    found = [(m.text, m.start) for m in chunker.recognise(seg)]
    assert ("Chiplet封裝製造", 22) in found
    assert not any(t == "Chiplet封裝" for t, _ in found)


def test_process_item_keeps_a_technique(chunker: Chunker) -> None:
    tokens = chunker.tag("開發CPO引擎技術設計、")  # 設計 is no part of CPO引擎
    span = (2, 9, 2, 7)  # CPO引擎技術: the name proper ends before 技術
    assert process_item(tokens, span, chunker.settings) == span
