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
