"""Evidence text: a long sentence cut at clause marks around the entity's name, one rule a test."""

from __future__ import annotations

import re

from graphkit.evidence import EvidenceRules, clause_window, clip, node_forms, plain_math
from graphkit.records import Label, Node


def test_a_short_text_is_kept_whole_with_its_whitespace_made_one_space() -> None:
    assert clip(" 甲  乙\n丙", ["甲"], EvidenceRules(10)) == ("甲 乙 丙", 0)
    assert clip(" 甲  乙\n丙", ["甲"], EvidenceRules(10), flat=False) == (" 甲  乙\n丙", 0)


def test_a_cut_that_prints_a_form_is_the_texts_start() -> None:
    text = "本計畫開發碳化矽晶圓,再驗證模組,並推廣應用。"
    assert clip(text, ["碳化矽"], EvidenceRules(10)) == ("本計畫開發碳化矽晶圓", 0)
    assert clip(text, ["碳 化矽"], EvidenceRules(10)) == (
        "本計畫開發碳化矽晶圓",
        0,
    )  # forms compared by key
    assert clip(text, [], EvidenceRules(10)) == ("本計畫開發碳化矽晶圓", 0)
    assert clip(text, ["氮化鎵"], EvidenceRules(10)) == (
        "本計畫開發碳化矽晶圓",
        0,
    )  # printed nowhere


def test_a_form_printed_late_gives_the_clauses_around_it() -> None:
    text = "本計畫開發晶圓,再驗證模組,並推廣碳化矽,以及其他。"
    at = text.index("並推廣")
    assert clip(text, ["碳化矽"], EvidenceRules(13)) == (
        "再驗證模組,並推廣碳化矽,",
        text.index("再驗證"),
    )
    assert clip(text, ["碳化矽"], EvidenceRules(8)) == ("並推廣碳化矽,", at)
    assert clip(" 甲乙丙丁戊己,  碳化矽。", ["碳化矽"], EvidenceRules(6), flat=False) == (
        "碳化矽。",
        10,
    )


def test_the_window_widens_left_first_then_right_at_clause_marks() -> None:
    text = "一二三,四五六,碳化矽,七八九,十。"
    sic = (text.index("碳化矽"), text.index("碳化矽") + 3)
    assert clause_window(text, sic, 4) == (8, 12)  # 碳化矽, alone
    assert clause_window(text, sic, 8) == (4, 12)  # 四五六,碳化矽,
    assert clause_window(text, sic, 12) == (0, 12)  # the sentence's start first
    assert clause_window(text, sic, 16) == (0, 16)  # then 七八九, to the right
    assert clause_window(text, sic, 99) == (0, len(text))


def test_a_clause_longer_than_the_limit_is_cut_ending_at_the_name() -> None:
    text = "一二三四五六七八碳化矽九十。"
    sic = (text.index("碳化矽"), text.index("碳化矽") + 3)
    assert clause_window(text, sic, 5) == (sic[1] - 5, sic[1])
    assert clause_window("碳化矽晶圓元件", (0, 3), 2) == (0, 3)


def test_node_forms_are_its_names_and_printed_props() -> None:
    node = Node(
        Label.TECHNOLOGY,
        "technology:碳化矽",
        "碳化矽",
        ("碳化矽材料",),
        {"abbr": "SiC", "name_en": "Silicon Carbide", "kind": "material", "count": 3},
    )
    assert node_forms(node) == ["碳化矽", "碳化矽材料", "SiC", "Silicon Carbide"]
    assert node_forms(None) == []


def packaged() -> EvidenceRules:
    """The rules schema/rules/extract.json gives the extract stage."""
    from graphkit.extract import Extractor

    return Extractor()._evidence


def test_a_source_glued_in_after_the_name_ends_the_evidence() -> None:
    rules = packaged()
    text = "開發生成式AI技術,如:金屬製造、紡織資料來源:Chui, M. (2023). The AI report."
    assert clip(text, ["生成式AI"], rules) == ("開發生成式AI技術,如:金屬製造、紡織", 0)
    # before the name the source is no end (a source line is the extract stage's to drop)
    text = "資料來源:生成式AI報告。"
    assert clip(text, ["生成式AI"], rules) == (text, 0)
    assert clip("甲資料來源:乙", [], rules) == ("甲資料來源:乙", 0)  # no name: as printed
    assert clip("生成式AI, 參考文獻: X", ["生成式AI"], rules) == ("生成式AI,", 0)
    assert clip("生成式AI, 參考資料:X", ["生成式AI"], rules) == ("生成式AI,", 0)


def test_a_formula_is_given_as_the_text_it_prints() -> None:
    rules = packaged()
    text = r"開發熱泵,降低VOC $\geq 90\%$ ,排放($\text{NO}_x < 70 \text{ ppm}$)。"
    assert clip(text, ["熱泵"], rules) == ("開發熱泵,降低VOC ≥ 90% ,排放(NO_x < 70 ppm)。", 0)
    assert clip("100% 的 a_b {x}", ["a_b"], rules) == ("100% 的 a_b {x}", 0)  # no formula
    assert plain_math("$1$ 與 $2$", re.compile(r"\$[^$]+\$")) == "1 與 2"
    prices = "US$ 100 與 US$ 5% 的熱泵"
    assert clip(prices, ["熱泵"], rules) == (prices, 0)  # no formula: no backslash, ^, _ or {
    assert clip(r"熱泵 $\geq 1$", ["熱泵"], EvidenceRules(99)) == (r"熱泵 $\geq 1$", 0)
