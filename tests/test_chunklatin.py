"""Latin names in a list of technologies (graphkit/chunklatin.py)."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.chunklatin import latin_items
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
    text = "串聯上下游產業鏈，包括CMOS與GaN製程廠、封裝廠、天線測試設備商等。"
    found = Chunker().recognise(document(block(text)))
    at = text.index("CMOS")
    assert [(m.text, m.start, m.end) for m in found if m.text == "CMOS"] == [("CMOS", at, at + 4)]
