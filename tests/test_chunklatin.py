"""Latin names in a list of technologies (graphkit/chunklatin.py)."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.chunklatin import latin_items, script_space
from tests.extract_docs import block, document

KNOWN = {"gan": True, "sic": True, "gpu": True, "cpu": True, "網路切片": True, "台積電": False}
JOINERS = ("、", "與", "及", "和", "或", "以及")
UNITS = frozenset({"Hz", "bps"})


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # beside a known technology; GaN製程廠 counts as GaN; the list's introduction is no part
        ("串聯上下游產業鏈，包括CMOS與GaN製程廠、封裝廠等", ["CMOS"]),
        ("如：SiC、AlN、GaN等材料", ["AlN"]),
        ("整合CPU、GPU、NPU與FPGA等多元運算單元", ["NPU", "FPGA"]),
        ("著眼巨量mMIMO、網路切片等重點標準技術", ["mMIMO"]),
        # the last item's Latin name before 等
        ("實現GaN、InP等化合物半導體", ["InP"]),
        # a list holding a body shares nothing; a unit and an English word are no names
        ("台積電、GaN與ASML等", []),
        ("GaN、GHz與Gbps", []),
        ("SiC、Architecture與GaN", []),
        # no known technology in the list, or no list
        ("包括CMOS與RF製程廠", []),
        ("開發CMOS製程", []),
        # one known technology alone says nothing (無人機與eVTOL: a review found IT、資安與
        # 風險團隊, 於Q1與AI…); it does when it names a head after it or the list closes on 等
        # and a head
        ("SiC與eVTOL", []),
        ("SiC與eVTOL技術", []),
        ("eVTOL與SiC模組", ["eVTOL"]),
        ("eVTOL與SiC等材料", ["eVTOL"]),
        ("eVTOL與SiC等", []),
        ("GPU與SiC及eVTOL", ["eVTOL"]),
        # a number and its unit, with an SI prefix or not, is no name (28GHz, 8GB, 10W)
        ("GaN、SiC、28GHz與8GB", []),
        ("GaN、SiC與10Hz", []),
        ("GaN、SiC與5G", ["5G"]),
        # a body after 等 still makes the list one of bodies
        ("整合GaN、XYZ與台積電等廠商", []),
    ],
)
def test_latin_items_of_a_list_of_technologies(text: str, names: list[str]) -> None:
    assert [text[a:z] for a, z in latin_items(text, JOINERS, KNOWN, UNITS | {"B"})] == names


def test_words_that_name_no_technology_are_no_latin_items() -> None:
    """chunk.json latin_not: a goal, a body, a quarter (ESG, ISO, Q1), listed or not."""
    others = Chunker().settings.latin_not
    assert {"ESG", "ISO", "Q1"} <= others
    text = "推動GPU、GaN與ESG及ISO、Q1"
    assert latin_items(text, JOINERS, KNOWN, UNITS, others) == []
    assert [text[a:z] for a, z in latin_items(text, JOINERS, KNOWN, UNITS)] == ["ESG", "ISO", "Q1"]


def test_the_chunker_names_a_latin_item_of_a_list_printed_once() -> None:
    # An item the lexicon does not know (CMOS, once the example, is a lexicon name now).
    text = "串聯上下游產業鏈，包括LDMOS與GaN製程廠、封裝廠、天線測試設備商等。"
    found = Chunker().recognise(document(block(text)))
    at = text.index("LDMOS")
    assert [(m.text, m.start, m.end) for m in found if m.text == "LDMOS"] == [("LDMOS", at, at + 5)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Only the first item may start with words introducing the list (包括|CMOS); a later
        # item with Chinese before its Latin word is a phrase (採用|XYZ), not a name.
        ("包括XYZ、GaN與SiC", ["XYZ"]),
        ("GaN、SiC與採用XYZ", []),
        # Only the last item may end in 等…: one before the last is no item of this list.
        ("GaN、SiC與XYZ等", ["XYZ"]),
        ("GaN、XYZ等、SiC", []),
    ],
)
def test_words_before_or_after_a_latin_item_only_at_the_lists_ends(
    text: str, names: list[str]
) -> None:
    assert [text[a:z] for a, z in latin_items(text, JOINERS, KNOWN, UNITS)] == names


@pytest.mark.parametrize(
    ("word", "name"),
    [
        # a number and its unit, with an SI prefix (unit_prefixes) or not, is no name
        ("28GHz", False),
        ("8GB", False),
        ("10Hz", False),
        ("2.5GHz", False),
        ("GHz", False),
        ("5G", True),
        ("3DIC", True),
    ],
)
def test_a_number_and_its_unit_is_no_latin_name(word: str, name: bool) -> None:
    text = f"GaN、SiC與{word}"
    found = [text[a:z] for a, z in latin_items(text, JOINERS, KNOWN, UNITS | {"B"})]
    assert found == ([word] if name else [])


def test_the_marks_are_the_rules_files() -> None:
    """chunk.json unit_prefixes and latin_list_ends, read through LatinMarks."""
    import re

    from graphkit.chunklatin import LatinMarks, packaged_marks

    marks = packaged_marks()
    assert marks.prefixes == frozenset("kKMGTPmnμµu")
    text = "GaN、SiC與28GHz；GaN、SiC與XYZ"
    assert [text[a:z] for a, z in latin_items(text, JOINERS, KNOWN, UNITS)] == ["XYZ"]
    bare = LatinMarks(frozenset(), re.compile("；"))
    found = [text[a:z] for a, z in latin_items(text, JOINERS, KNOWN, UNITS, marks=bare)]
    assert found == ["28GHz", "XYZ"]


def test_the_chunker_passes_its_latin_not_words() -> None:
    """chunk.py hands latin_not to latin_items: ESG listed beside known technologies is none."""
    text = "推動GPU、GaN與ESG及XYZ。"
    found = Chunker().recognise(document(block(text)))
    assert [m.text for m in found if m.text in ("ESG", "XYZ")] == ["XYZ"]


def test_the_marks_load_from_the_rules_file() -> None:
    from graphkit.chunklatin import load_marks
    from graphkit.rulefile import RulesFile

    marks = load_marks(RulesFile.packaged("chunk"))
    assert marks.prefixes == frozenset("kKMGTPmnμµu")
    assert marks.ends.split("A，B。C；D（E）F") == ["A", "B", "C", "D", "E", "F"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a number alone (a year) is no name
        ("GaN、SiC與2024", []),
        # 等 closes the list with a head when at least one character follows it
        ("eVTOL與SiC等膜", ["eVTOL"]),
    ],
)
def test_numbers_and_a_closing_head(text: str, names: list[str]) -> None:
    assert [text[a:z] for a, z in latin_items(text, JOINERS, KNOWN, UNITS)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # only the last item loses what follows its first 等: an item before it keeps a body
        # named after its 等 (GaN等|ASML), which makes the list one of bodies
        ("GaN等ASML、SiC、XYZ", []),
        ("SiC、XYZ與台積電等GaN等", []),
    ],
)
def test_only_the_last_item_ends_at_its_first_deng(text: str, names: list[str]) -> None:
    known = {**KNOWN, "asml": False}
    assert [text[a:z] for a, z in latin_items(text, JOINERS, known, UNITS)] == names


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # each list of a text on its own: one printed twice is found twice, at its offsets
        ("GaN、SiC與XYZ。GaN、SiC與XYZ", [(8, 11), (20, 23)]),
        # a list of bodies, or one with no type to share, leaves the next list be
        ("台積電、GaN與ASML；GaN、SiC與XYZ", [(21, 24)]),
        ("SiC與eVTOL；GaN、SiC與XYZ", [(18, 21)]),
        # the last item (not the second) closes a list with 等 and a head
        ("eVTOL、XYZ與SiC等材料", [(0, 5), (6, 9)]),
    ],
)
def test_each_list_of_a_text_at_its_offsets(text: str, found: list[tuple[int, int]]) -> None:
    assert latin_items(text, JOINERS, KNOWN, UNITS) == found


def test_the_marks_need_a_prefix() -> None:
    from graphkit.chunklatin import load_marks
    from graphkit.errors import SchemaError
    from graphkit.rulefile import RulesFile

    bare = RulesFile("rules/chunk.json", {"unit_prefixes": [], "latin_list_ends": "，"})
    with pytest.raises(SchemaError, match="'unit_prefixes': expected a non-empty list"):
        load_marks(bare)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a space around a Latin word (a document's spacing) parts no name
        ("企業開發生成式 AI 模型", ["生成式 AI 模型"]),
        ("最具指標性的終端(裝置端)AI 晶片技術交流平臺", ["AI 晶片技術交流平臺"]),
        # the same name unspaced is the same name
        ("企業開發生成式AI模型", ["生成式AI模型"]),
        # a space after a word that names nothing ends the name before it
        ("提供 AI 的服務", []),
        # a run of spaced Latin words (a broken word, an English phrase) starts no name
        ("R outer 網路連線裝置", ["網路連線裝置"]),
        ("採用 A I 晶片", []),
        # nor does a space after a name ending in a head word join the next one (a keyword line)
        ("關鍵詞:半導體 AI 機器人", ["AI 機器人"]),
    ],
)
def test_a_space_between_chinese_and_latin_words_parts_no_name(
    text: str, expected: list[str]
) -> None:
    from graphkit.chunk import names

    assert names(text, Chunker()) == expected


def test_script_space_only_between_two_scripts() -> None:
    tokens = [("生成式", "l", 0), (" ", "x", 3), ("AI", "eng", 4), (" ", "x", 6), ("模型", "n", 7)]
    assert [script_space(tokens, k, 0) for k in range(1, 4)] == [True, False, True]
    latin = [("Edge", "eng", 0), (" ", "x", 4), ("AI", "eng", 5), (" ", "x", 7), ("晶片", "n", 8)]
    assert script_space(latin, 3, 2) is False  # AI after Edge: a phrase's end
