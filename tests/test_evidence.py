"""Evidence text: a long sentence cut at clause marks around the entity's name, one rule a test."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from graphkit.evidence import EvidenceRules, clause_window, clip, node_forms, plain_math
from graphkit.records import Label, Node


def test_a_short_text_is_kept_whole_with_its_whitespace_made_one_space() -> None:
    # the offset is where the evidence's first character is
    assert clip(" 甲  乙\n丙", ["甲"], EvidenceRules(10)) == ("甲 乙 丙", 1)
    assert clip(" 甲  乙\n丙", ["甲"], EvidenceRules(10), flat=False) == ("甲  乙\n丙", 1)


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
        {
            "abbr": "SiC",
            "name_en": "Silicon Carbide",
            "short_name": "碳矽",
            "kind": "m",
            "count": 3,
        },
    )
    assert node_forms(node) == ["碳化矽", "碳化矽材料", "SiC", "Silicon Carbide", "碳矽"]
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


def test_a_name_is_found_in_any_case_with_spaces_and_on_latin_word_edges() -> None:
    head = "甲乙丙丁戊己庚辛壬癸," * 3
    sic = clip(head + "採用SIC晶圓。", ["SiC"], EvidenceRules(20))
    assert sic == (head[22:] + "採用SIC晶圓。", 22)
    assert clip(head + "碳 化矽。", ["碳化矽"], EvidenceRules(20)) == (head[22:] + "碳 化矽。", 22)
    # AI inside MAIL is no printing of AI: the text is cut from its start
    assert clip(head + "MAIL。", ["AI"], EvidenceRules(12)) == (head[:11], 0)
    assert clip(head + "AI。", ["AI", " "], EvidenceRules(12)) == ("AI。", 33)


def test_a_comma_or_colon_between_digits_ends_no_clause() -> None:
    text = "甲乙丙" * 8 + ",投資1,000億元於10:30發展碳化矽。"
    assert clip(text, ["碳化矽"], EvidenceRules(24)) == ("投資1,000億元於10:30發展碳化矽。", 25)
    assert clause_window("甲,1,2乙", (5, 6), 4) == (2, 6)  # "甲," is no number's comma
    # one clause longer than the limit: cut ending at the name
    assert clip(text[25:], ["碳化矽"], EvidenceRules(8)) == (":30發展碳化矽", 12)


def test_the_other_entity_is_kept_in_the_window_where_both_fit() -> None:
    text = "工研院甲乙丙丁,甲乙丙丁,甲乙丙丁,與資策會合作開發。"
    rules = EvidenceRules(24)
    alone = ("甲乙丙丁,甲乙丙丁,與資策會合作開發。", 8)
    assert clip(text, ["資策會"], rules) == alone
    assert clip(text, ["資策會"], rules, also=["工研院"]) == (text[:24], 0)
    assert clip(text, ["資策會"], EvidenceRules(20), also=["工研院"]) == alone  # both do not fit
    assert clip(text, ["資策會"], rules, also=["國科會"]) == alone


def test_a_formula_is_never_cut_in_half_and_positions_map_to_the_printed_text() -> None:
    rules = packaged()
    text = r"開發熱泵,降低VOC排放 $\geq 90\%$ 及能耗,甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳。"
    shown = "開發熱泵,降低VOC排放 ≥ 90% 及能耗,"
    assert clip(text, ["熱泵"], replace(rules, limit=24)) == (shown, 0)
    late = r"乙 $x_1$ 與 $y^2$ 甲乙丙丁,碳化矽。"
    assert clip(late, ["碳化矽"], replace(rules, limit=6)) == ("碳化矽。", late.index("碳化矽"))
    assert clip(late, ["x_1"], replace(rules, limit=3)) == ("x_1", 2)
    assert clip(late, ["x_1", "乙"], replace(rules, limit=3)) == ("乙 x", 0)


def test_a_formula_keeps_its_percent_signs_and_one_that_does_not_parse_loses_its_commands() -> None:
    math = packaged().math
    assert math is not None
    assert plain_math(r"$\geq 90%$ 與 $x_1$、$x^2$、${a}$", math) == "≥ 90% 與 x_1、x^2、a"
    assert plain_math(r"$\frac{a}{b$", math) == "a b"


def test_a_source_before_the_name_is_no_end_but_one_after_it_is() -> None:
    rules = packaged()
    text = "資料來源:甲。碳化矽晶圓很重要參考資料:Chui, M. 2023"
    assert clip(text, ["碳化矽"], rules) == ("資料來源:甲。碳化矽晶圓很重要", 0)
    two = "氮化鎵與碳化矽資料來源:X"
    assert clip(two, ["碳化矽", "氮化鎵"], rules) == ("氮化鎵與碳化矽", 0)
    assert clip("生成式AI資料來源:X", ["生成式AI"], rules) == ("生成式AI", 0)


def test_the_rules_are_read_checked_from_the_rules_file() -> None:
    from graphkit.errors import SchemaError
    from graphkit.rulefile import RulesFile

    fields = {"evidence_chars": 9, "evidence_cited": "源:", "evidence_math": r"\$[^$]+\$"}
    rules = EvidenceRules.of(RulesFile("rules/extract.json", fields))
    assert (rules.limit, rules.cited, rules.math) == (
        9,
        re.compile("源:"),
        re.compile(r"\$[^$]+\$"),
    )
    for field, bad in (("evidence_chars", 0), ("evidence_cited", "("), ("evidence_math", 3)):
        with pytest.raises(SchemaError, match=rf"rules/extract.json.*'{field}'"):
            EvidenceRules.of(RulesFile("rules/extract.json", {**fields, field: bad}))


def test_a_comma_between_digits_needs_a_digit_on_each_side() -> None:
    assert clause_window("1,2乙", (3, 4), 3) == (1, 4)  # one clause: cut ending at the name
    assert clause_window("甲,2乙", (3, 4), 3) == (2, 4)  # 甲, ends a clause
    assert clause_window("1,甲乙", (2, 4), 3) == (2, 4)  # 1, before a word ends one too
    assert clause_window("1、2乙", (3, 4), 3) == (2, 4)  # 、 ends a clause between digits too
    assert clause_window(",1甲乙9", (2, 4), 4) == (1, 5)  # a leading comma is no number's
    assert clause_window("乙1,2", (3, 4), 2) == (2, 4)
    assert clause_window("甲1,2乙", (4, 5), 3) == (2, 5)
    assert clause_window("甲1,", (0, 1), 9) == (0, 3)  # a comma at the end


def test_the_window_edges() -> None:
    assert clause_window("甲乙,丙丁", (0, 3), 4) == (0, 3)  # a name ending at a cut
    assert clause_window(",甲乙丙", (0, 0), 2) == (0, 1)  # no name: the first clause
    assert clause_window("甲乙丙丁,戊己,庚辛,壬", (5, 7), 6) == (5, 11)  # widened right


def test_both_entities_where_they_fit_in_either_order() -> None:
    first = "甲乙丙丁戊己庚辛壬癸子,"
    text = first + "工研院乙丙丁戊己庚,辛與資策會合作,壬癸子丑寅卯辰巳午未申酉。"
    both = ("工研院乙丙丁戊己庚,辛與資策會合作", 12)
    assert clip(text, ["資策會"], EvidenceRules(17), also=["工研院"]) == both
    assert clip(text, ["資策會"], EvidenceRules(15), also=["工研院"]) == (both[0][:15], 12)
    assert clip(text, ["資策會"], EvidenceRules(17)) == ("辛與資策會合作,", 22)
    swapped = first + "資策會乙丙丁戊己庚,辛與工研院合作,壬癸子丑寅卯辰巳午未申酉。"
    assert clip(swapped, ["資策會"], EvidenceRules(17), also=["工研院"]) == (
        "資策會乙丙丁戊己庚,辛與工研院合作",
        12,
    )
    # the other entity alone decides nothing: no name of the entity, the text's start
    assert clip(text, ["國科會"], EvidenceRules(12), also=["資策會"]) == (first, 0)


def test_positions_between_and_inside_formulas_map_to_the_printed_text() -> None:
    from graphkit.evidence import _original

    text = r"$x_1$ 甲乙,丙丁 $y^2$ 戊己庚辛壬癸。"
    rules = replace(packaged(), limit=5)
    assert clip(text, ["丙丁"], rules) == ("丙丁 y^", text.index("丙丁"))
    spans = [((2, 9), (2, 5))]
    assert [_original(at, spans) for at in (1, 2, 3, 4, 5, 6)] == [1, 2, 2, 2, 9, 10]


def test_a_cut_source_leaves_no_trailing_space_and_empty_names_count_for_nothing() -> None:
    rules = packaged()
    assert clip("碳化矽 資料來源:X", ["碳化矽"], rules, flat=False) == ("碳化矽", 0)
    node = Node(Label.TECHNOLOGY, "technology:x", "x", ("", "y"), {"abbr": ""})
    assert node_forms(node) == ["x", "y"]
    one = {"evidence_chars": 1, "evidence_cited": "源:", "evidence_math": "x"}
    from graphkit.rulefile import RulesFile

    assert EvidenceRules.of(RulesFile("rules/extract.json", one)).limit == 1


def test_the_other_entity_counts_only_beside_a_printed_name_and_only_where_both_fit() -> None:
    # no name of the entity: the other one's place decides nothing (the first clause)
    text = "甲乙,丙丁戊己庚辛壬癸子丑"
    assert clip(text, ["國科會"], EvidenceRules(12), also=["丙丁"]) == ("甲乙,", 0)
    # both fit only from the first name's start to the last one's end
    first = "甲乙丙丁戊己庚辛壬癸子,"
    swapped = first + "資策會乙丙丁戊己庚,辛與工研院合作,壬癸子丑寅卯辰巳午未申酉。"
    assert clip(swapped, ["資策會"], EvidenceRules(13), also=["工研院"]) == (
        "資策會乙丙丁戊己庚,",
        12,
    )
