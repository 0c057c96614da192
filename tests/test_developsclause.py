"""Clause shapes that say a mention is no statement of work (graphkit.developsclause)."""

from __future__ import annotations

from graphkit.develops import load_settings
from graphkit.developsclause import (
    aimed,
    answered,
    background_in,
    background_opening,
    effect_in,
    named_after,
)

SETTINGS = load_settings()


def test_an_effect_before_the_mention_in_its_own_clause_is_an_aim() -> None:
    text = "LNP的優勢,進而加速脂質材料研發的蓬勃發展"
    at = text.index("脂質材料")
    assert aimed(text, at, 0, SETTINGS) is True
    # the programme named in the clause: its work after all
    text = "本計畫加速脂質材料研發"
    assert aimed(text, text.index("脂質材料"), 0, SETTINGS) is False
    # an effect in the list the clause joins is no verb of this clause
    text = "建立組裝SOP改善,與精度量測驗證之程序"
    assert aimed(text, text.index("精度量測"), 0, SETTINGS) is False
    assert effect_in("進而加速", SETTINGS) is True


def test_a_replacement_after_the_mention_cuts_the_background() -> None:
    text = "利用共光路模式取代傳統分站模式"
    whole = (0, len(text))
    assert background_in(text, (2, 5), whole, SETTINGS, True) is False
    assert background_in(text, (2, 5), whole, SETTINGS, False) is True  # not the programme's
    assert background_in(text, (11, 13), whole, SETTINGS, True) is True  # the old thing
    text = "資料中心導入冷卻系統取代傳統氣冷"  # no means, no programme named: an adoption
    assert background_in(text, (6, 10), (0, len(text)), SETTINGS, True) is True
    assert background_opening("傳統上,須開發硬體", SETTINGS) is True


def test_no_replacements_reads_the_whole_clause() -> None:
    """'replacements' may be empty: the clause is read whole (it crashed on min() of nothing)."""
    from dataclasses import replace

    none = replace(SETTINGS, replacements=())
    text = "利用共光路模式取代傳統分站模式"
    assert background_in(text, (2, 5), (0, len(text)), none, True) is True


def test_a_goal_or_a_feature_named_after_the_mention_is_not_it() -> None:
    text = "實現綠色製造理念"
    assert named_after(text, text.index("理念"), SETTINGS) is True
    text = "建置具高通量篩選能力的體內LNP評估平臺"
    assert named_after(text, text.index("能力"), SETTINGS) is True
    text = "建置高通量篩選平臺"  # the thing itself
    assert named_after(text, text.index("平臺"), SETTINGS) is False
    text = "提升檢測能力"  # a feature's noun with no qualifier's end after it
    assert named_after(text, text.index("能力"), SETTINGS) is False


def test_a_problem_the_mention_qualifies_is_what_the_work_answers() -> None:
    text = "針對高強度液晶型高分子材料容易凝固的問題"
    assert answered(text, text.index("容易"), len(text), SETTINGS) is True
    text = "針對「晶圓製造」等四個主要階段之重大耗能瓶頸進行節能技術開發"
    assert answered(text, text.index("」"), len(text), SETTINGS) is True
    text = "開發節能模組以解決晶圓製造的耗能問題"  # a purpose's mark between: the work's aim
    assert answered(text, text.index("以"), len(text), SETTINGS) is False
    text = "針對高分子材料，開發設備的問題"  # the problem is in another clause
    assert answered(text, text.index("，"), text.index("，"), SETTINGS) is False
