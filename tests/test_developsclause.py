"""Clause shapes that say a mention is no statement of work (graphkit.developsclause)."""

from __future__ import annotations

from graphkit.develops import load_settings
from graphkit.developsclause import aimed, background_in, background_opening, effect_in

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


def test_the_last_effect_decides_and_one_at_the_start_counts() -> None:
    # the second 降低 is the aim (以降低); the first is said in a qualifier (可降低成本的模組)
    assert effect_in("開發可降低成本的模組以降低", SETTINGS) is True
    assert effect_in("開發可降低成本的模組", SETTINGS) is False
    assert effect_in("降低", SETTINGS) is True
    assert effect_in("開發A、B解決方案、", SETTINGS) is False  # a noun holding a verb


def test_an_aim_looks_for_the_programme_only_between_left_and_the_mention() -> None:
    text = "進而加速脂質材料研發,本計畫"  # named after the mention: not its subject
    assert aimed(text, text.index("脂質"), 0, SETTINGS) is True
    text = "本計畫開發硬體。進而加速脂質材料研發"  # named before the clause's list: not this one
    assert aimed(text, text.index("脂質"), text.index("進而"), SETTINGS) is True


def test_a_replacement_is_read_in_the_clause_and_the_earliest_one_cuts() -> None:
    from dataclasses import replace

    text = " 利用共光路模式取代傳統分站模式"  # the means opening after a space
    assert background_in(text, (3, 6), (0, len(text)), SETTINGS, True) is False
    text = "本計畫導入新模式取代傳統模式"  # the programme named first, at 0
    assert background_in(text, (5, 8), (0, len(text)), SETTINGS, True) is False
    text = "利用新模式提升效率,市場取代傳統模式"  # a replacement in the next clause cuts nothing
    assert background_in(text, (2, 5), (0, text.index(",")), SETTINGS, True) is False
    two = replace(SETTINGS, replacements=("替代", "取代"))  # 替代 not found: 取代 cuts
    text = "利用新模式取代傳統模式"
    assert background_in(text, (2, 5), (0, len(text)), two, True) is False
    text = "利用新模式取代舊模式,替代傳統模式"
    assert background_in(text, (2, 5), (0, len(text)), two, True) is False


def test_a_background_opening_is_the_cue_alone() -> None:
    assert background_opening("傳統上,須開發硬體", SETTINGS) is True
    assert background_opening("傳統製程,開發硬體", SETTINGS) is False  # a clause of its own
    assert background_opening("然而,本計畫已開發硬體", SETTINGS) is False
