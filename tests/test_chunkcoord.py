"""Names whose two coordinated actions share one head (graphkit/chunkcoord.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphkit.chunk import Chunker, names
from graphkit.chunkcoord import SharedHeads, load_shared, shared_heads
from graphkit.errors import SchemaError
from graphkit.rulefile import RulesFile
from tests.extract_docs import block, document
from tests.tagged import tagged


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


def _shared(chunker: Chunker, text: str) -> list[str]:
    """The names proper :func:`shared_heads` finds in ``text``."""
    return [text[a:z] for _, _, a, z in shared_heads(chunker.tag(text), chunker.settings)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an action before the joiner, an action after it, one head: one name
        ("導入智慧監測診斷與補償模組，提升加工品質", ["智慧監測診斷與補償模組"]),
        ("同時透過強化脂質合成與傳輸系統關鍵技術", ["脂質合成與傳輸系統"]),
        # 技術 after the second action: X技術 names X (shared_inner: 整合 stands inside)
        ("提供紡織製程虛擬製造與預測技術，實現全流程", ["紡織製程虛擬製造與預測"]),
        ("合作建立液壓致動元件設計與測試整合技術，開發", ["液壓致動元件設計與測試整合"]),
        ("建立晶片設計與生產管理系統，", ["晶片設計與生產管理系統"]),
        # pieces of a word jieba lacks after the joiner (預|診)
        ("發展螺桿即時狀態監控與預診系統，可即時", ["螺桿即時狀態監控與預診系統"]),
        # a verb starting the left words is the clause's (改善), unless after a verb of making
        ("為改善電池設計與分析系統", ["電池設計與分析系統"]),
        # ... and one of two characters right after a verb of making is its object's
        ("開發模擬晶片設計與分析平台", ["模擬晶片設計與分析平台"]),
        # a place's or a body's name is the clause's subject, no part of the name
        ("建立台灣電池設計與分析系統", ["電池設計與分析系統"]),
        # the last head of a run of heads; 平台 printed for 平臺
        ("建立資料蒐集與分析系統平台", ["資料蒐集與分析系統平台"]),
        ("建置加速壽命測試與可靠度評估平台", ["壽命測試與可靠度評估平台"]),
        # a verb between a subject and an object (經濟部|聚焦|…) is the clause's
        ("經濟部聚焦高效能運算與散熱技術", ["高效能運算與散熱"]),
        # two things: a noun after the joiner is the second action's own object
        ("導入表面粗糙度預測與加工參數調整技術", []),
        ("高純度SiC粉體合成與金屬鈦純化技術", []),
        ("將技術延伸至數位訂單生成與虛擬工單生成技術", []),
        # two things: a head or a modifier before the joiner
        ("開發射頻晶片組與波束追蹤控制晶片", []),
        ("兼具低功耗與微縮晶片", []),
        ("開發晶片封裝與測試模組", []),
        # the head (or 技術) right after the joiner: the second has no action of its own
        ("推動晶片設計與模組", []),
        ("推動晶片設計與技術", []),
        # no thing the actions are done to: generic actions name nothing
        ("提供設計與驗證平台", []),
        # a count or a function word after the joiner ends it
        ("以雷射轉移和轉印轉移兩技術為主", []),
        ("建立AI系統設計與整合的分析平台", []),
        # a verb of the clause before the joiner: no action of the name
        ("協助業者開發與導入系統", []),
        # a verb right after the head says what it does: a clause, no name
        ("使轉移速度增加和乘載基板放大", []),
        # a joiner before the left words: the name may start before it, its edge is unsure
        ("建立台灣地震與地球物理資料整合與查詢平台", []),
    ],
)
def test_two_actions_before_one_head_are_one_name(
    chunker: Chunker, text: str, expected: list[str]
) -> None:
    assert _shared(chunker, text) == expected


def test_the_printed_form_keeps_the_generic_word(chunker: Chunker) -> None:
    """The chunker's spans: the shared name replaces the part after the joiner (補償模組)."""
    assert names("導入智慧監測診斷與補償模組，提升", chunker) == ["智慧監測診斷與補償模組"]
    assert names("提供紡織製程虛擬製造與預測技術，實現", chunker) == ["紡織製程虛擬製造與預測技術"]


def test_each_setting_is_read(chunker: Chunker) -> None:
    """Each ``shared_*`` key decides: emptied or changed, the name is no longer found."""
    text = "合作建立液壓致動元件設計與測試整合技術，開發"
    found = ["液壓致動元件設計與測試整合"]
    s = chunker.settings
    assert _shared(chunker, text) == found
    for shared in (
        replace(s.shared, joiners=frozenset({"及"})),
        replace(s.shared, actions=frozenset({"v"})),
        replace(s.shared, things=frozenset({"eng"})),
        replace(s.shared, min_action=3),
        replace(s.shared, inner=frozenset()),
    ):
        other = replace(s, shared=shared)
        assert shared_heads(chunker.tag(text), other) == [], shared
    pieces = "發展螺桿即時狀態監控與預診系統，可即時"
    no_pieces = replace(s, shared=replace(s.shared, pieces=frozenset({"n"})))
    assert _shared(chunker, pieces) == ["螺桿即時狀態監控與預診系統"]
    assert shared_heads(chunker.tag(pieces), no_pieces) == []


def test_a_left_edge_past_the_longest_name_is_unsure(chunker: Chunker) -> None:
    s = chunker.settings
    text = "導入智慧監測診斷與補償模組，提升"
    assert shared_heads(chunker.tag(text), replace(s, max_tokens=2)) == []
    assert shared_heads(chunker.tag(text), replace(s, max_chars=10)) == []
    assert len(shared_heads(chunker.tag(text), replace(s, max_chars=11))) == 1


def test_a_lone_piece_after_the_joiner_needs_another(chunker: Chunker) -> None:
    """預|診 after the joiner are pieces of one action; a lone verb followed by a word of its
    own (補|償還) is none."""
    left = (("數據", "n"), ("傳輸", "vn"), ("及", "c"))
    two = tagged(*left, ("預", "v"), ("診", "zg"), ("系統", "n"))
    assert [a[2:] for a in shared_heads(two, chunker.settings)] == [(0, 9)]
    one = tagged(*left, ("補", "v"), ("償還", "v"), ("系統", "n"))
    assert shared_heads(one, chunker.settings) == []


def test_settings_errors_name_the_key() -> None:
    data = {
        "shared_joiners": ["與"],
        "shared_action_flags": ["v"],
        "shared_thing_flags": ["n"],
        "shared_min_action": 2,
        "shared_inner": ["整合"],
        "shared_piece_flags": ["zg"],
    }
    rf = RulesFile("rules/chunk.json", data)
    loaded = load_shared(rf.words, rf.integer)
    assert loaded == SharedHeads(
        frozenset({"與"}), frozenset({"v"}), frozenset({"n"}), 2, frozenset({"整合"}),
        frozenset({"zg"}),
    )  # fmt: skip
    for key in data:
        rf = RulesFile("rules/chunk.json", {k: v for k, v in data.items() if k != key})
        with pytest.raises(SchemaError, match=rf"rules/chunk\.json.*'{key}'"):
            load_shared(rf.words, rf.integer)


def test_a_shared_head_name_printed_once_is_kept(chunker: Chunker) -> None:
    """The shape states a name: printed once, it is kept like a technique (X技術)."""
    text = "最終，提供紡織製程虛擬製造與預測技術，實現全流程數位模擬。"
    found = [(m.text, m.key) for m in chunker.recognise(document(block(text)))]
    assert found == [("紡織製程虛擬製造與預測技術", "紡織製程虛擬製造與預測")]
