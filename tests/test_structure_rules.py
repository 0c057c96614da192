"""Structure mentions, one rule a case: where an 執行單位 line's agencies are looked for, and
which table rows name something. Hand-built blocks; see also test_structure.py."""

from __future__ import annotations

from graphkit.loaders.moea_whitepaper import Kind
from graphkit.records import (
    Block,
    DocumentInfo,
    ExecutorLine,
    GlossaryRow,
    Label,
    Mention,
    ProgrammeList,
    Segmented,
)
from graphkit.structure import structure_mentions


def executor_spans(*agencies: str, text: str) -> list[tuple[str, int, int]]:
    record = ProgrammeList((ExecutorLine(agencies, text),))
    seg = Segmented(DocumentInfo("t.txt", "0", "test"), text,
                    (Block(Kind.PROGRAMME_BLOCK, text, 0, record=record),))  # fmt: skip
    return [(m.text, m.start, m.end) for m in structure_mentions(seg)]


def test_each_agency_is_looked_for_after_the_one_before() -> None:
    assert executor_spans("工研院", "工研院", text="執行單位:工研院、工研院") == [
        ("工研院", 5, 8),
        ("工研院", 9, 12),
    ]


def test_a_line_without_its_label_is_read_from_its_first_character() -> None:
    assert executor_spans("工研院", "資策會", text="工研院、資策會") == [
        ("工研院", 0, 3),
        ("資策會", 4, 7),
    ]


def test_blank_and_missing_agencies_are_skipped() -> None:
    assert executor_spans(" ", "金屬中心", "工研院", text="執行單位:工研院") == [("工研院", 5, 8)]


def test_rows_after_a_programme_block_and_rows_whose_name_is_not_in_their_text() -> None:
    programme = ProgrammeList((ExecutorLine(("工研院",), "執行單位:工研院"),))
    blocks = (
        Block(Kind.PROGRAMME_BLOCK, "執行單位:工研院", 0, record=programme),
        Block(Kind.GLOSSARY_ROW, "炭化矽\tSilicon Carbide", 20, record=GlossaryRow("碳化矽", "x")),
        Block(Kind.GLOSSARY_ROW, "氮化鎵\tGallium Nitride", 40, record=GlossaryRow("氮化鎵", "x")),
    )
    seg = Segmented(DocumentInfo("t.txt", "0", "test"), "", blocks)
    assert structure_mentions(seg) == [
        Mention(Label.AGENCY, "工研院", 0, 5, 8, source="executing-agency"),
        Mention(Label.TECHNOLOGY, "氮化鎵", 2, 0, 3, key="氮化鎵", source="table-row"),
    ]
