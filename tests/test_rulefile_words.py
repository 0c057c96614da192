"""RulesFile.words and .text with and without ``non_empty``: the exact messages."""

from __future__ import annotations

import pytest

from graphkit.errors import SchemaError
from graphkit.rulefile import RulesFile

RF = RulesFile("rules/x.json", {"none": [], "blank": ["a", ""], "num": [1], "s": "", "w": "ab"})


@pytest.mark.parametrize(
    ("field", "non_empty", "expected"),
    [
        ("none", True, "field 'none': expected a non-empty list of non-empty strings, got []"),
        ("blank", False, "field 'blank': expected a list of non-empty strings, got ['a', '']"),
        ("num", False, "field 'num': expected a list of non-empty strings, got [1]"),
        ("w", False, "field 'w': expected a list of non-empty strings, got 'ab'"),
    ],
)
def test_words_errors(field: str, non_empty: bool, expected: str) -> None:
    with pytest.raises(SchemaError) as exc:
        RF.words(field, non_empty=non_empty)
    assert str(exc.value) == f"schema file rules/x.json: {expected}"


def test_words_may_be_empty_unless_asked_not_to_be() -> None:
    assert RF.words("none") == ()


def test_text_must_not_be_empty_when_asked() -> None:
    assert RF.text("s") == ""
    with pytest.raises(SchemaError) as exc:
        RF.text("s", non_empty=True)
    assert (
        str(exc.value) == "schema file rules/x.json: field 's': expected a non-empty string, got ''"
    )
