"""Taiwan's technical words the segmenter lacks or mistags, and 製程 after a head word
(schema/rules/chunk.json 'nouns', 'heads', 'process_tails')."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker, names


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


def test_a_taiwan_noun_the_mainland_tags_otherwise_is_a_noun(chunker: Chunker) -> None:
    # jieba tags 即時 a conjunction (the mainland says 实时): here it is real-time, a name's word
    assert ("即時", "n", 2) in chunker.tag("提供即時感測回饋模組")
    text = "建構多項技術平臺，如：影像輔助導航系統、即時感測回饋模組及微型運動控制系統等。"
    assert names(text, chunker) == ["即時感測回饋模組"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 載板 (a package substrate), 電解產氫 (hydrogen by electrolysis): words jieba lacks
        ("目前ABF載板產能吃緊。", ["ABF載板"]),
        ("同時建立年產噸級以上之電解產氫系統，結合場域應用。", ["電解產氫系統"]),
        # 電堆 (an electrolyser's stack); 部分 after a name frames the clause's topic
        ("電堆模組部分則透過流道板設計。", ["電堆模組"]),
        # 碳排 (carbon emission) and 介電 (dielectric): words, not 碳|排, 介|電
        ("以低碳排介電透鏡材料降低模組厚度。", ["低碳排介電透鏡材料"]),
        # 超導 (superconducting) and 仿生 (biomimetic): nouns of the name, not verbs before it
        ("已發展出以超導量子位元處理器為主的量子電腦。", ["超導量子位元處理器"]),
        ("仿生協作型機器人可改善實做傷害。", ["仿生協作型機器人"]),
    ],
)
def test_taiwan_words_the_segmenter_lacks(chunker: Chunker, text: str, expected: list[str]) -> None:
    assert names(text, chunker) == expected


def test_low_carbon_is_one_word(chunker: Chunker) -> None:
    # 低碳 is a word (jieba's dictionary cuts 低|碳): the name holds it whole
    assert ("低碳", "n", 2) in chunker.tag("發展低碳製程")
    assert ("碳排", "n", 5) in chunker.tag("精準能耗與碳排可視化監控系統")
    assert ("介電", "n", 4) in chunker.tag("以低碳排介電透鏡材料")


def test_commercially_sold_is_a_determiner(chunker: Chunker) -> None:
    # 市售 (on the market) says which ones, as 現有 does: no name starts with it
    assert ("市售", "n", 4) in chunker.tag("利於導入市售穿戴設備與診斷平臺")
    assert names("利於導入市售穿戴設備與診斷平臺，促成產業鏈。", chunker) == []


def test_a_word_whose_last_character_starts_one_of_the_chunkers_words_is_split(
    chunker: Chunker,
) -> None:
    # jieba knows 合金粉, not Taiwan's 粉體: 合金|粉體, as 合金 is a word too
    assert chunker.tag("稀土合金粉體材料") == [
        ("稀土", "n", 0),
        ("合金", "n", 2),
        ("粉體", "n", 4),
        ("材料", "n", 6),
    ]
    # 網路 is a generic word of the chunker's: 通訊網|路 stays (a device's 網, then 路)
    assert ("通訊網", "n", 2) in chunker.tag("5G通訊網路")
    # 相控 is no word: 相控陣|列 stays
    assert ("相控陣", "n", 0) in chunker.tag("相控陣列天線")
