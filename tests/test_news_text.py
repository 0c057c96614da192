"""News-like text through the whole pipeline: what the recognisers name (orgs, recognise, lists).

Each builds one short news-like document through the whole pipeline and pins the nodes."""

from __future__ import annotations

import pytest

from graphkit.pipeline import Pipeline
from tests.pipeline_texts import text_nodes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bracketed number counted (人, 名) or after a demonstrative is no stock code.
        ("會員大會（1200）人出席。", []),
        ("該協會（8000）名會員參與。", []),
        ("廣達（2382）今日宣布擴產。", [("Organization", "廣達電腦")]),
        # A phase's 工程, a budget's 個案, 預計 are no programme's name.
        ("捷運第一期工程預計劃分三個標案發包。", []),
        ("推動第二期智慧機械產業推動計畫。", [("Programme", "第二期智慧機械產業推動計畫")]),
        # A technology's abbreviation after a kind of firm names no firm (LCD is the lexicon's
        # 液晶顯示器: a technology, no organisation).
        ("國內面板大廠LCD出貨減少。", [("Technology", "液晶顯示器")]),
        # A generic law word in a bill's quote names no law; a law's name does.
        ("「組織法修正草案」送交審議。", []),
        ("「電業法修正草案」送交審議。", [("Regulation", "電業法")]),
        # A company's (or its board's) new unit is no body of the graph; a body's is.
        ("公司成立「新事業發展辦公室」。", []),
        ("協會成立「產業服務中心」。", [("Organization", "產業服務中心")]),
        # A quoted plan of action or of implementation after a cue verb is a policy.
        (
            "經濟部推出「中小企業數位轉型行動方案」。",
            [("Agency", "經濟部"), ("Policy", "中小企業數位轉型行動方案")],
        ),
        (
            "行政院推動「淨零轉型實施方案」。",
            [("Agency", "行政院"), ("Policy", "淨零轉型實施方案")],
        ),
        # A university listed with an agency is an organisation.
        ("新竹縣政府與交通大學合作。", [("Agency", "新竹縣政府"), ("Organization", "交通大學")]),
        # A company defined with its country in front is the lexicon's (ROHM: 羅姆半導體).
        (
            "美國Wolfspeed與日本羅姆（ROHM）仍為主要供應商。",
            [("Organization", "Wolfspeed"), ("Organization", "羅姆半導體")],
        ),
        # A number's unit is no word of the name; a kind of firm is no partner.
        ("目標在2027年前完成20位元超導量子電腦原型機。", [("Technology", "超導量子電腦原型機")]),
        (
            "生技中心攜手藥廠開發細胞治療。",
            [("Agency", "生物技術開發中心"), ("Technology", "細胞治療")],
        ),
    ],
)
def test_news_rules_name_what_the_text_names(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert text_nodes(pipeline, text) == expected
