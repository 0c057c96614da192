"""One abbreviation spelled out as two things, on hand-built terms (resolve merges the rest)."""

from __future__ import annotations

import pytest

from graphkit.glosses import glossed_otherwise
from graphkit.records import Label, Term

PLC = Term(Label.TECHNOLOGY, "甲控制器", name_en="Programmable Logic Controller", abbr="PLC")


@pytest.mark.parametrize(
    ("name", "english", "abbr", "apart"),
    [
        ("光波導", "Planar Lightwave Circuit", "PLC", True),
        ("光波導", "Planar Logic Circuit", "PLC", False),  # a word in common
        ("光波導", "PLC technology", "PLC", False),  # spells nothing
        ("光波導", None, "PLC", False),  # an abbreviation alone
        ("甲控制器", "Planar Lightwave Circuit", "PLC", False),  # the same Chinese name
    ],
)
def test_two_things_spelled_alike_are_apart(
    name: str, english: str | None, abbr: str, apart: bool
) -> None:
    new = Term(Label.TECHNOLOGY, name, name_en=english, abbr=abbr, origin="definition")
    assert glossed_otherwise(PLC, new) is apart
