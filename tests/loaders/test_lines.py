"""What every loader shares: lines with offsets, furniture, re-joined paragraphs."""

from __future__ import annotations

import re

import pytest

from graphkit.loaders.lines import (
    Line,
    drop_furniture,
    ends_complete,
    join_broken,
    join_lines,
    next_index,
    next_text,
    split_lines,
)


def test_split_lines_keeps_exact_offsets_for_every_line_ending() -> None:
    text = "甲\r\n乙\n\n丙\f\r丁"
    lines = split_lines(text)
    assert [(ln.text, ln.offset) for ln in lines] == [
        ("甲", 0),
        ("乙", 3),
        ("", 5),
        ("丙", 6),
        ("", 8),  # a form feed ends a line too
        ("丁", 9),
    ]
    for ln in lines:
        assert text[ln.offset : ln.offset + len(ln.text)] == ln.text
    assert split_lines("甲  \nAX\n") == [Line("甲  ", 0), Line("AX", 4)]  # only breaks go
    assert split_lines("") == []
    assert split_lines("a\n") == [Line("a", 0)]


def test_stripped_drops_surrounding_whitespace_only() -> None:
    assert Line("  甲 乙\t", 4).stripped == "甲 乙"


def test_drop_furniture_by_pattern_and_by_repetition() -> None:
    lines = split_lines(
        "頁首\n正文\n頁首\n12\n頁首\n長的重複行但超過長度限制\n長的重複行但超過長度限制\n"
    )
    pats = [re.compile(r"^\d+$")]
    kept = drop_furniture(lines, pats, repeat_min=3, repeat_max_len=5)
    assert [ln.text for ln in kept] == [
        "正文",
        "長的重複行但超過長度限制",
        "長的重複行但超過長度限制",
    ]
    # Seen twice is not enough for repeat_min=3; 0 turns the repetition check off.
    assert [ln.text for ln in drop_furniture(lines, pats, repeat_min=4)][:3] == [
        "頁首",
        "正文",
        "頁首",
    ]
    assert len(drop_furniture(lines, [])) == len(lines)
    # A line of exactly repeat_max_len characters still counts; blank lines never do.
    # The default length limit is 40; one-character lines count as well.
    forty, longer = "臺" * 40, "灣" * 41
    lines = split_lines(f"{forty}\n{forty}\n{longer}\n{longer}\n甲\n甲\n")
    assert [ln.text for ln in drop_furniture(lines, [], repeat_min=2)] == [longer, longer]
    exact = split_lines("12345\n12345\n\n\n")
    assert [ln.text for ln in drop_furniture(exact, [], repeat_min=2, repeat_max_len=5)] == ["", ""]


@pytest.mark.parametrize(
    ("text", "complete"),
    [
        ("句子。", True),
        ("問句?", True),
        ("標題", False),
        ("引述」", True),
        ("", True),
        ("結尾。  ", True),
    ],
)
def test_ends_complete(text: str, complete: bool) -> None:
    assert ends_complete(text) is complete


@pytest.mark.parametrize(
    ("a", "b", "joined"),
    [
        ("半導體", "材料", "半導體材料"),
        ("Silicon", "Carbide", "Silicon Carbide"),
        ("AI", "晶片", "AI晶片"),
        ("晶片", "AI", "晶片AI"),
        ("5", "G", "5 G"),
        ("(a", "b)", "(a b)"),
        ("a)", "(b", "a)(b"),
        ("甲 ", " 乙", "甲乙"),
        ("", "乙", "乙"),
    ],
)
def test_join_broken(a: str, b: str, joined: str) -> None:
    assert join_broken(a, b) == joined


def test_join_lines_joins_every_piece() -> None:
    lines = [Line(" 甲", 0), Line("乙 ", 3), Line("AI", 6), Line("chips", 9)]
    assert join_lines(lines) == "甲乙AI chips"
    assert join_lines(lines[:1]) == "甲"


def test_next_non_blank_line() -> None:
    lines = split_lines("甲\n\n  \n乙\n")
    assert next_index(lines, 1) == 3
    assert next_index(lines, 0) == 0
    assert next_text(lines, 1) == "乙"
    assert next_index(lines, 4) == 4
    assert next_index(split_lines("甲\n\n乙"), 1) == 2
    assert next_text(lines, 4) is None
