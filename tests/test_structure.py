"""The names a document's structure states become mentions at their exact offsets."""

from graphkit.loaders.moea_whitepaper import Kind
from graphkit.records import (
    AgencyRow,
    Block,
    BlockKind,
    DirectoryRow,
    DocumentInfo,
    ExecutorLine,
    GlossaryRow,
    Label,
    Mention,
    ProgrammeLine,
    ProgrammeList,
    Segmented,
)
from graphkit.structure import record_lines, row_name, structure_mentions

PROGRAMME = "碳化矽晶圓計畫(2024~2025年)"
EXECUTORS = "執行單位:工業技術研究、金屬中心"


def seg_of(*blocks: Block) -> Segmented:
    return Segmented(DocumentInfo("t.txt", "0", "test"), "", blocks)


def programme_block() -> Block:
    record = ProgrammeList(
        (
            ProgrammeLine("碳化矽晶圓計畫", 2024, 2025, PROGRAMME),
            ExecutorLine(("工業技術研究", "金屬中心"), EXECUTORS),
        )
    )
    return Block(Kind.PROGRAMME_BLOCK, f"{PROGRAMME}\n{EXECUTORS}", 0, record=record)


def test_record_lines_are_offset_within_the_block_text() -> None:
    block = programme_block()
    assert isinstance(block.record, ProgrammeList)
    lines = record_lines(block.record)
    assert [at for _, at in lines] == [0, len(PROGRAMME) + 1]
    for line, at in lines:
        assert block.text[at : at + len(line.text)] == line.text


def test_executing_agencies_are_mentions_at_their_offsets() -> None:
    line = len(PROGRAMME) + 1
    first = line + EXECUTORS.index("工業技術研究")
    second = line + EXECUTORS.index("金屬中心")
    assert structure_mentions(seg_of(programme_block())) == [
        Mention(Label.AGENCY, "工業技術研究", 0, first, first + 6, source="executing-agency"),
        Mention(Label.AGENCY, "金屬中心", 0, second, second + 4, source="executing-agency"),
    ]


def test_an_agency_named_like_the_line_label_is_looked_for_after_the_colon() -> None:
    text = "執行單位:執行單位協會"
    record = ProgrammeList((ExecutorLine(("執行單位協會",), text),))
    found = structure_mentions(seg_of(Block(Kind.PROGRAMME_BLOCK, text, 0, record=record)))
    assert [(m.text, m.start, m.end) for m in found] == [("執行單位協會", 5, 11)]


def test_table_rows_name_their_entity_with_its_abbreviation_split_off() -> None:
    row = GlossaryRow("碳化矽(SiC)", "Silicon Carbide")
    glossary = Block(Kind.GLOSSARY_ROW, "碳化矽(SiC)\tSilicon Carbide", 0, record=row)
    place = DirectoryRow("亞洲", "日本", "產業技術綜合研究所", "https://aist.go.jp")
    text = "亞洲\t日本\t產業技術綜合研究所\thttps://aist.go.jp"
    directory = Block(Kind.DIRECTORY_ROW, text, 50, record=place)
    prose = Block(BlockKind.PARAGRAPH, "碳化矽(SiC)是寬能隙材料。", 100)
    name = "產業技術綜合研究所"
    assert structure_mentions(seg_of(glossary, directory, prose)) == [
        Mention(Label.TECHNOLOGY, "碳化矽(SiC)", 0, 0, 8, key="碳化矽", source="table-row"),
        Mention(Label.TECHNOLOGY, name, 1, 6, 15, key=name, source="table-row"),
    ]


def test_row_name_reads_the_name_field_of_each_row_kind() -> None:
    assert row_name(GlossaryRow("矽光子", "Silicon Photonics")) == "矽光子"
    assert row_name(AgencyRow("工業技術研究院", "https://www.itri.org.tw")) == "工業技術研究院"
    assert row_name(DirectoryRow("歐洲", "德國", "弗勞恩霍夫", "https://x")) == "弗勞恩霍夫"
    assert row_name(None) is None
