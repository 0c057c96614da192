"""graphkit.articlework: an article read section by section, whose work each states."""

from __future__ import annotations

import re
from dataclasses import replace

from graphkit.articlework import ArticleWork, _fields_of_work, scopes, sentence_at
from graphkit.develops import load_settings
from graphkit.records import Block, BlockKind, Label, Term

SETTINGS = load_settings()


def test_scopes_of_an_articles_blocks() -> None:
    p = {"a": "衛星通訊系統計畫", "b": "射頻晶片開發計畫"}
    blocks = [
        "總論。",  # before any heading: a section naming none
        "■ 新篇章 ■",
        "隨著需求成長。",  # before the naming, not right after the heading: both
        "衛星通訊系統計畫開發終端。",
        "並建立驗證平臺。",  # after the naming: a
        "",  # a table names none: still a
        "【射頻】",
        "科技專案「射頻晶片」與「衛星通訊系統」合作。",  # both named
    ]
    e = frozenset(p)
    expected = [e, e, e, {"a"}, {"a"}, {"a"}, e, e]
    assert scopes(blocks, p, SETTINGS) == expected
    assert scopes([], p, SETTINGS) == []


def test_a_quote_names_a_programme_by_its_name_without_generic_words_at_its_end() -> None:
    p = {"a": "鋼鐵減碳技術開發計畫", "b": "鋼鐵減碳計畫二期"}
    named = scopes(["科技專案「鋼鐵減碳技術」研發塗層。"], p, SETTINGS)
    assert named == [frozenset({"a"})]  # 鋼鐵減碳 is a's stem, not b's (…計畫二期)
    assert scopes(["科技專案「鋼鐵」研發塗層。"], p, SETTINGS) == [frozenset(p)]  # names none
    # A name of generic words only is named by its whole name, never by a quote of none.
    generic = {"c": "技術開發計畫", "d": "晶片計畫"}
    assert scopes(["「技術」開發。"], generic, SETTINGS) == [frozenset(generic)]


def test_every_block_gets_a_scope_whatever_the_heading_pattern() -> None:
    """The last section ends with the article, not with a heading of one shape (■ … ■)."""
    settings = replace(SETTINGS, heading=re.compile(r"^\s*【[^】]*】\s*$"))
    p = {"a": "衛星通訊系統計畫", "b": "射頻晶片開發計畫"}
    blocks = ["總論。", "【射頻】", "射頻晶片開發計畫開發晶片。"]
    # the block right after the heading names b: the heading is b's too
    assert scopes(blocks, p, settings) == [frozenset(p), frozenset({"b"}), frozenset({"b"})]


def test_a_sentence_after_spaces_starts_where_its_text_does() -> None:
    """Offsets of stripped sentences point at their first character, so the mention is found
    again in them (a PDF's indented line)."""
    text = "甲。    本計畫開發碳化矽晶片。"
    block = Block(BlockKind.PARAGRAPH, text, 100)
    sentence, offset = sentence_at(block, text.index("碳化矽"))
    assert (sentence, offset) == ("本計畫開發碳化矽晶片。", 100 + text.index("本"))
    assert text[offset - 100 + sentence.index("碳化矽") :].startswith("碳化矽")


def test_a_heading_stating_a_state_of_the_field_states_no_work() -> None:
    """A heading that opens with a work or means verb states the programme's work, unless it
    ends in a state of the field (develops.json heading_states: 現況, 趨勢, 背景); own_verbs
    (發展, 推動) alone open no work heading."""
    from graphkit.articlework import _states_work

    assert _states_work("■ 運用生成式AI模組 提升設備價值 ■", SETTINGS) is True
    assert _states_work("■ 整合幹細胞或其衍生物產品 為重要的發展趨勢 ■", SETTINGS) is False
    assert _states_work("【國外技術發展現況】", SETTINGS) is False
    assert _states_work("■ 推動背景 ■", SETTINGS) is False
    assert _states_work("二、發展低軌衛星通訊", SETTINGS) is False


def test_a_headings_marks_and_technique_are_read_from_the_settings() -> None:
    """develops.json heading_closers, heading_technique and heading_word_end: the knowledge
    _states_work reads, not code."""
    from graphkit.articlework import _states_work

    assert _states_work("■ 開發現況 ■", SETTINGS) is False  # 現況 before the closing ■
    assert _states_work("■ 開發現況 ■", replace(SETTINGS, heading_closers="")) is True
    assert _states_work("■ 庫存預測技術 管理 ■", SETTINGS) is True
    assert _states_work("■ 庫存預測技術：管理 ■", SETTINGS) is True
    no_end = replace(SETTINGS, heading_word_end=re.compile("$"))
    assert _states_work("■ 庫存預測技術 管理 ■", no_end) is False
    words = replace(SETTINGS, heading_technique=re.compile(r"\S+?方法"))
    assert _states_work("■ 庫存預測技術 管理 ■", words) is False
    assert _states_work("■ 庫存預測方法 管理 ■", words) is True


def test_a_technology_opening_the_name_of_one_worked_on_is_worked_on_too() -> None:
    """天線透鏡 opens 天線透鏡材料, which the programme works on: the field of that work, linked
    by the same sentence; a name it only ends (材料) or of two characters (天線) is not."""
    text = "科技專案規劃投入天線透鏡材料與結構技術開發。"
    names = ("天線透鏡材料", "天線透鏡", "材料", "天線")
    found: ArticleWork[str] = ArticleWork(terms={n: Term(Label.TECHNOLOGY, n) for n in names})
    found.work[("天線透鏡材料", "p")] = (text, 7)
    found.named.add(("天線透鏡材料", "p"))
    _fields_of_work(found)
    assert found.work == {("天線透鏡材料", "p"): (text, 7), ("天線透鏡", "p"): (text, 7)}
    assert found.named == {("天線透鏡材料", "p"), ("天線透鏡", "p")}
