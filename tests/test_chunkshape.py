"""The chunker's rules of a name's shape (graphkit/chunkshape.py): coordinated modifiers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphkit.chunk import Chunker, load_settings, names
from graphkit.chunkshape import (
    clean_edges,
    coordinated,
    kinds,
    news_shape,
    packaged_lists,
    quoted,
    verb_items,
)
from graphkit.records import Label
from tests.extract_docs import block, document
from tests.tagged import tagged


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two modifiers ending in the same character qualify one head: the name holds both.
        ("專案推動多核與眾核運算晶片開發", ["多核與眾核運算晶片"]),
        ("建置以晶圓級封裝及2D/3D整合封裝設備", ["晶圓級封裝", "2D/3D整合封裝設備"]),
        # a Latin modifier back to its first character; a technique (X技術) too
        ("包括矽通孔技術、2.5D/3D堆疊技術", ["矽通孔技術", "2.5D/3D堆疊技術"]),
        # words of other lengths or other last characters are no modifiers of the name
        ("本科技專案以冷凍結構及多構型壓模成型製程技術", ["多構型壓模成型製程技術"]),
        ("整合AI與5G通訊模組", ["5G通訊模組"]),
        # the same last character but not the same length (a review: 機器人與|無人載具)
        ("整合機器人與無人載具", ["無人載具"]),
        ("推動製氫與氫燃料電池", ["氫燃料電池"]),
        # Latin modifiers only as a number and a letter: acronyms share last letters
        ("開發AR與VR裝置", ["VR裝置"]),
        ("開發4G/5G模組", ["4G/5G模組"]),
        ("採用GPU、NPU與TPU加速器", ["TPU加速器"]),
    ],
)
def test_coordinated_modifiers_are_one_name(
    chunker: Chunker, text: str, expected: list[str]
) -> None:
    assert names(text, chunker) == expected


def test_places_in_a_list_before_a_name_are_no_kinds_of_it(chunker: Chunker) -> None:
    """，A、B與C等X names kinds of X, but not places (clean_start_not: 加拿大, 臺南市)."""
    text = "目前，加拿大、澳大利亞與俄羅斯等鈾燃料。"
    assert [m.text for m in chunker.recognise(document(block(text)))] == ["鈾燃料"]
    text = "目前，光纖雷射、紫外光雷射與超音波等加工設備。"
    found = [m.text for m in chunker.recognise(document(block(text)))]
    assert found[:2] == ["光纖雷射", "紫外光雷射"]


#: 多|核|與|眾|核|運算|晶片 as jieba tags it.
MANY_CORES = tagged(
    ("多", "m"), ("核", "n"), ("與", "p"), ("眾", "ng"), ("核", "n"), ("運算", "vn"), ("晶片", "n")
)


def test_a_coordinated_modifier_joins_a_name_that_starts_its_printed_form() -> None:
    """coordinated(): 多核與|眾核運算晶片 holds both modifiers; a printed form whose name proper
    starts later (a modifier cut off: name_start != start) is left as it is."""
    and_ = frozenset({"與"})
    assert coordinated(MANY_CORES, (3, 9, 3, 9), and_) == (0, 9, 0, 9)
    assert coordinated(MANY_CORES, (3, 9, 5, 9), and_) == (3, 9, 5, 9)
    assert coordinated(MANY_CORES, (3, 9, 3, 9), frozenset({"及"})) == (3, 9, 3, 9)
    assert coordinated(MANY_CORES, (6, 9, 6, 9), and_) == (6, 9, 6, 9)  # no word starts it


def test_a_coordinated_modifier_at_the_texts_start() -> None:
    """2D/|3D封裝 with 2D the first word (and a Latin word last, IC): the modifier before the
    coordinator is read back to the first word and no further."""
    tokens = tagged(("2D", "eng"), ("/", "x"), ("3D", "eng"), ("封裝", "n"), ("IC", "eng"))
    assert coordinated(tokens, (3, 7, 3, 7), frozenset({"/"})) == (0, 7, 0, 7)


def test_a_coordinated_modifier_is_at_most_three_characters() -> None:
    """雙核處理與|多核處理晶片: modifiers of four characters are no coordinated pair."""
    tokens = tagged(
        ("推動", "v"), ("雙核", "n"), ("處理", "vn"), ("與", "p"), ("多核", "n"), ("處理", "vn"),
        ("晶片", "n"),
    )  # fmt: skip
    assert coordinated(tokens, (7, 13, 7, 13), frozenset({"與"})) == (7, 13, 7, 13)
    three = tagged(
        ("推動", "v"), ("雙核", "n"), ("心", "n"), ("與", "p"), ("多核", "n"), ("心", "n"),
        ("晶片", "n"),
    )  # fmt: skip
    assert coordinated(three, (6, 11, 6, 11), frozenset({"與"})) == (2, 11, 2, 11)


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        # a quote ending in a head word and starting with a found name is named whole
        ("推出「綠光雷射口內掃描系統」", (3, 7), [(3, 13, 3, 13)]),
        # not one ending in no head word (方案), nor one the found name does not start
        ("推出「綠光雷射口內掃描方案」", (3, 7), [(3, 7, 3, 7)]),
        ("推出「新型綠光雷射口內掃描系統」", (5, 9), [(5, 9, 5, 9)]),
        # nor a quote longer than max_chars (16)
        ("推出「綠光雷射口內掃描與口外掃描及雲端系統」", (3, 7), [(3, 7, 3, 7)]),
        # nor one a found name only ends: a verb may lead it (「強化電網系統」: a task)
        ("展示「溫室環控巡檢機器人」", (9, 12), [(9, 12, 9, 12)]),
    ],
)
def test_a_quoted_term_is_named_whole_only_after_a_found_name_to_a_head(
    chunker: Chunker, text: str, found: tuple[int, int], expected: list[tuple[int, ...]]
) -> None:
    assert quoted(text, [(*found, *found)], chunker.settings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quote the chunker names nothing in, ending in a quote tail (設備, 系統 …) or a head
        ("開發「旋轉錐茶香氣萃取設備」", [(3, 13, 3, 13)]),
        ("獲獎的「智慧射頻熱消融系統」", [(4, 13, 4, 13)]),
        ("開發「可鑄型斷熱耐火材料」", [(3, 12, 3, 12)]),
        # not one ending in a weak tail (平臺: a service), nor one holding no name's signs (+)
        ("推動「氣候公民對話平臺」", []),
        ("提供「智慧解決方案+設備」", []),
        # nor a phrase (的, 為), a generic word at the end (生態系統), a head only (架構)
        ("推動「以人為本的長照服務系統」", []),
        ("完善「新創生態系統」", []),
        ("推動「國家數位治理架構」", []),
    ],
)
def test_a_quote_naming_nothing_else_is_a_name_when_it_ends_in_a_strong_tail(
    chunker: Chunker, text: str, expected: list[tuple[int, ...]]
) -> None:
    assert quoted(text, [], chunker.settings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list opens its clause (after a mark or at the text's start)
        ("研發設備等，數位X光、電腦斷層與內視鏡等影像醫材。", ["數位X光", "電腦斷層", "內視鏡"]),
        # not a list after another 等 or a bracket in the same clause
        ("研發設備等數位X光、電腦斷層與內視鏡等影像醫材。", []),
        ("醫院引進（新）數位X光、電腦斷層與內視鏡等影像醫材。", []),
    ],
)
def test_kinds_only_of_a_list_that_opens_its_clause(
    chunker: Chunker, text: str, expected: list[str]
) -> None:
    """kinds_list of chunk.json: (?:^|(?<=，…)) — a list that does not open its clause is part
    of a longer phrase."""
    head = text.index("影像醫材")
    found = [(head, head + 4, head, head + 4)]
    out = kinds(text, found, chunker.settings, chunker.tag)
    assert [text[a:z] for a, z, _, _ in out if a != head] == expected


def test_kinds_only_of_a_name_found_right_after_deng(chunker: Chunker) -> None:
    """，A、B與C等X: X must be a name the chunker found (影像醫材), not any word after 等."""
    text = "研發設備等，數位X光、電腦斷層與內視鏡等影像醫材。"
    assert kinds(text, [], chunker.settings, chunker.tag) == []


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ("電腦斷層與內視鏡", ["電腦斷層", "內視鏡"]),  # two items are a list
        ("電腦斷層", []),  # one is none
    ],
)
def test_kinds_of_a_list_of_two_items_or_more(
    chunker: Chunker, items: str, expected: list[str]
) -> None:
    text = f"其中，{items}等影像醫材。"
    head = text.index("影像醫材")
    out = kinds(text, [(head, head + 4, head, head + 4)], chunker.settings, chunker.tag)
    assert [text[a:z] for a, z, _, _ in out if a != head] == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("入軌火箭", ["入軌火箭"]),  # a verb of two characters and a head word
        ("入軌火箭酬載", []),  # three words: no verb and head
        ("打火箭", []),  # a verb of one character
        ("大型火箭", []),  # no verb (大型 is b)
        ("入軌模組", []),  # a generic head word (模組), named when printed again
        ("入軌系統", []),  # a weak head (系統) is generic
        ("入軌時間", []),  # no head word
        ("取代火箭", []),  # a cue verb (technique_stops): the item's own verb
        ("興建火箭", []),  # a cue verb (verbs)
        ("大型火箭、入軌火箭", ["入軌火箭"]),  # one item that is none leaves the next be
    ],
)
def test_a_lists_middle_item_of_a_verb_and_a_head(
    chunker: Chunker, item: str, expected: list[str]
) -> None:
    text = f"衛星酬載、{item}、地面站天線"
    out = verb_items(text, chunker.settings, chunker.tag)
    assert [text[a:z] for a, z, _, _ in out] == expected


def test_the_list_patterns_are_the_rules_files(chunker: Chunker) -> None:
    """chunk.json middle_item read through ListShapes: a middle item of 3 to 8 characters."""
    import re

    lists = packaged_lists()
    assert lists.middle.pattern == "(?<=、)[^、，。；：,;:「」()（）]{3,8}(?=、)"
    text = "衛星酬載、入軌火箭、地面站天線"
    wide = replace(lists, middle=re.compile("(?<=、)[^、]{5,8}(?=、)"))
    assert verb_items(text, chunker.settings, chunker.tag, wide) == []


def test_a_short_document_is_at_most_two_thousand_characters() -> None:
    """chunk.json short_document: a document of 2000 characters is a news item (one printing of
    a name in a sentence is enough); one of 2001 is not."""
    chunker = Chunker()
    text = "國內業者直流電源轉換器需求大增。"
    for size, expected in ((2000, ["直流電源轉換器"]), (2001, [])):
        padded = text + "。" * (size - len(text))
        assert [m.text for m in chunker.recognise(document(block(padded)))] == expected


@pytest.mark.parametrize(
    ("clean", "text", "expected"),
    [
        # news_not_before (m, q): a count before it names one of a kind (兩|顆|實驗衛星)
        ({}, "公司今年發射兩顆實驗衛星，驗證酬載。", []),
        ({"news_not_before": frozenset()}, "公司今年發射兩顆實驗衛星，驗證酬載。", ["實驗衛星"]),
        # kind_not (v, p, d): an item holding the clause's verb is no kind
        ({}, "市場上，研發應用於數位X光、電腦斷層與內視鏡等影像醫材。", ["影像醫材"]),
        (
            {"kind_not": frozenset()},
            "市場上，研發應用於數位X光、電腦斷層與內視鏡等影像醫材。",
            ["研發應用於數位X光", "電腦斷層", "內視鏡", "影像醫材"],
        ),
    ],
)
def test_the_shape_flags_are_the_rules_files(
    clean: dict[str, frozenset[str]], text: str, expected: list[str]
) -> None:
    """clean_news_not_before and clean_kind_not of chunk.json, read through CleanEdges."""
    settings = load_settings()
    chunker = Chunker(replace(settings, clean=replace(settings.clean, **clean)))
    assert [m.text for m in chunker.recognise(document(block(text)))] == expected


def test_a_news_items_name_starts_with_no_number_nor_idiom() -> None:
    """news_shape: clean_news_first_not (m, l) of chunk.json — 三維(m)|感測晶片 is no name's
    start in a short document; 立體|感測晶片 is."""
    settings = load_settings()
    tokens = tagged(("推出", "v"), ("三維", "m"), ("感測", "n"), ("晶片", "n"))
    assert not news_shape(tokens, 2, 8, settings)
    assert news_shape(
        tokens, 2, 8, replace(settings, clean=replace(settings.clean, news_first_not=frozenset()))
    )
    tokens = tagged(("推出", "v"), ("立體", "n"), ("感測", "n"), ("晶片", "n"))
    assert news_shape(tokens, 2, 8, settings)


@pytest.mark.parametrize(
    ("words", "span", "clean"),
    [
        # a mark, a function word (於/p) or a verb before; a mark, a function word (的/uj), the
        # text's end or a verb after: clean edges
        ((("，", "x"), ("矽光", "n"), ("晶片", "n"), ("。", "x")), (1, 5), True),
        ((("應用", "v"), ("於", "p"), ("矽光", "n"), ("晶片", "n"), ("。", "x")), (3, 7), True),
        ((("開發", "v"), ("矽光", "n"), ("晶片", "n"), ("的", "uj"), ("能力", "n")), (2, 6), True),
        ((("開發", "v"), ("矽光", "n"), ("晶片", "n")), (2, 6), True),
        # a noun after is no edge; a joining mark before is none either (II-|VI半導體)
        ((("開發", "v"), ("矽光", "n"), ("晶片", "n"), ("能力", "n"), ("。", "x")), (2, 6), False),
        ((("II", "eng"), ("-", "x"), ("VI", "eng"), ("半導體", "n"), ("。", "x")), (3, 8), False),
        # the clause's start is an edge; a place first is a name's start but at the clause's
        # start it is the clause's subject (clean_start_not)
        ((("矽光", "n"), ("晶片", "n"), ("，", "x")), (0, 4), True),
        ((("開發", "v"), ("台灣", "ns"), ("晶片", "n"), ("，", "x")), (2, 6), True),
        ((("台灣", "ns"), ("晶片", "n"), ("，", "x")), (0, 4), False),
        # a head word jieba tags a verb stays inside (焊接); a generic or trailing first word
        # is no name's start (影像, 關鍵技術)
        ((("開發", "v"), ("矽光", "n"), ("焊接", "v"), ("晶片", "n"), ("，", "x")), (2, 8), True),
        ((("開發", "v"), ("影像", "n"), ("晶片", "n"), ("，", "x")), (2, 6), False),
        ((("開發", "v"), ("關鍵技術", "n"), ("晶片", "n"), ("，", "x")), (2, 8), False),
        # lone characters glued after it, a noun's after the first, start an unknown word
        # (碳化矽馬達|驅|器); a word of two characters after a lone one ends the run (驅|馬達)
        ((("開發", "v"), ("碳化矽", "n"), ("馬達", "n"), ("驅", "v"), ("器", "n")), (2, 7), False),
        ((("開發", "v"), ("矽光", "n"), ("晶片", "n"), ("驅", "v"), ("馬達", "n")), (2, 6), True),
    ],
)  # fmt: skip
def test_clean_edges_of_a_name_printed_once(
    words: tuple[tuple[str, str], ...], span: tuple[int, int], clean: bool
) -> None:
    """clean_edges() on hand-tagged words: each edge rule on its own."""
    assert clean_edges(tagged(*words), *span, load_settings()) is clean


#: An item of max_chars (16) characters.
SIXTEEN = "數位X光電腦斷層內視鏡超音波晶片"


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        # items of min_chars (3) to max_chars (16) characters, no verb (運算/vn: a verb's flag)
        (SIXTEEN, [SIXTEEN, "電腦斷層", "內視鏡"]),
        (SIXTEEN + "組", []),
        ("光纖", []),
        ("運算晶片", []),
    ],
)  # fmt: skip
def test_each_item_of_a_kinds_list_is_a_name(
    chunker: Chunker, first: str, expected: list[str]
) -> None:
    text = f"研發設備等，{first}、電腦斷層與內視鏡等影像醫材。"
    head = text.index("影像醫材")
    out = kinds(text, [(head, head + 4, head, head + 4)], chunker.settings, chunker.tag)
    assert [text[a:z] for a, z, _, _ in out if a != head] == expected


def test_the_list_patterns_load_from_the_rules_file() -> None:
    """load_lists() read directly (packaged_lists is cached): each pattern its field's."""
    from graphkit.chunkshape import load_lists
    from graphkit.rulefile import RulesFile

    lists = load_lists(RulesFile.packaged("chunk"))
    assert [m.group(1) for m in lists.kinds.finditer("，A、B與C等X")] == ["A、B與C"]
    assert lists.items.split("A、B與C") == ["A", "B", "C"]
    assert lists.middle.findall("A、BCD、E") == ["BCD"]


def test_marked_reads_the_lists_it_is_given(chunker: Chunker) -> None:
    """marked() hands its ListShapes to kinds(): a kinds_list matching nothing names no kinds."""
    import re

    from graphkit.chunkshape import marked

    text = "研發設備等，數位X光、電腦斷層與內視鏡等影像醫材。"
    head = text.index("影像醫材")
    found = [(head, head + 4, head, head + 4)]
    named = marked(text, found, chunker.settings, chunker.tag)
    assert [text[a:z] for a, z, _, _ in named] == ["數位X光", "電腦斷層", "內視鏡", "影像醫材"]
    none = replace(packaged_lists(), kinds=re.compile("(?!)"))
    assert marked(text, found, chunker.settings, chunker.tag, lists=none) == found


def test_marked_leaves_out_names_in_markup_and_reads_middle_items_of_its_lists(
    chunker: Chunker,
) -> None:
    """marked(): a name inside ``markup`` (a table's HTML, a formula) is none; verb_items()
    reads the middle_item of the ListShapes marked() is given."""
    import re

    from graphkit.chunkshape import marked

    text = "研發設備等，數位X光、電腦斷層與內視鏡等影像醫材。"
    head, at = text.index("影像醫材"), text.index("數位X光")
    found = [(head, head + 4, head, head + 4)]
    named = marked(text, found, chunker.settings, chunker.tag, markup=[(at, at + 4)])
    assert [text[a:z] for a, z, _, _ in named] == ["電腦斷層", "內視鏡", "影像醫材"]
    text = "衛星酬載、入軌火箭、地面站天線"
    assert marked(text, [], chunker.settings, chunker.tag) == [(5, 9, 5, 9)]
    none = replace(packaged_lists(), middle=re.compile("(?!)"))
    assert marked(text, [], chunker.settings, chunker.tag, lists=none) == []


def test_a_known_name_after_a_modifier_is_its_longest(chunker: Chunker) -> None:
    """modified_known(): the longest known name after the modifier (量子運算, not 量子); no
    known names, no mentions."""
    from graphkit.chunkshape import modified_known

    seg = document(block("研究團隊投入高速量子運算。"))
    found = modified_known(seg, ["量子", "量子運算"], ["高速"], chunker.tag)
    assert [(m.text, m.key, m.start) for m in found] == [("高速量子運算", "量子運算", 6)]
    assert modified_known(seg, [], ["高速"], chunker.tag) == []
    # a clause that is the name alone; a paragraph after a heading (no paragraph: not read)
    heading = replace(block("高速晶片"), kind="table_row")
    seg = document(heading, block("高速晶片"))
    found = modified_known(seg, ["晶片"], ["高速"], chunker.tag)
    assert [(m.text, m.block, m.start) for m in found] == [("高速晶片", 1, 0)]
    assert [(m.label, m.source) for m in found] == [(Label.TECHNOLOGY, "chunk")]
    seg = document(block("研究團隊投入高速量子運算。"))
    # the longest modifier first too: 高速|量子運算, not 高|速量子運算 (no word edge after 高)
    found = modified_known(seg, ["量子運算", "速量子運算"], ["高", "高速"], chunker.tag)
    assert [(m.text, m.key, m.start) for m in found] == [("高速量子運算", "量子運算", 6)]


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        # min_chars (3) and max_chars (16) themselves are lengths of a quoted name
        ("推出「光晶片」", [(3, 4)], [(3, 6)]),
        ("推出「數位X光電腦斷層內視鏡超音波晶片」", [(3, 7)], [(3, 19)]),
        # a quote that is no name leaves the next one be
        ("推出「X方案」與「綠光雷射口內掃描系統」", [(9, 13)], [(9, 19)]),
        # the found names inside the quote give way to it, the ones crossing its edges stay
        ("推出「綠光雷射口內掃描系統」", [(0, 4), (3, 7)], [(0, 4), (3, 13)]),
        ("推出「綠光雷射口內掃描系統」等", [(3, 7), (8, 15)], [(3, 13), (8, 15)]),
        ("推出「綠光雷射口內掃描系統」", [(3, 7), (9, 13)], [(3, 13)]),
    ],
)
def test_a_quoted_names_edges(
    chunker: Chunker, text: str, found: list[tuple[int, int]], expected: list[tuple[int, int]]
) -> None:
    out = quoted(text, [(a, z, a, z) for a, z in found], chunker.settings)
    assert out == [(a, z, a, z) for a, z in expected]


def test_smart_and_devices_load_from_the_rules_file() -> None:
    """load_smart() and load_devices() read each field from its own list of chunk.json."""
    from graphkit.chunkshape import load_devices, load_smart
    from graphkit.knowledge import rules
    from graphkit.rulefile import RulesFile

    data, words = rules("chunk"), RulesFile.packaged("chunk").words
    smart, devices = load_smart(words), load_devices(words)
    assert smart.prefixes == frozenset(data["smart"])
    assert smart.not_after == frozenset(data["smart_not"])
    assert smart.not_before == tuple(data["smart_not_before"])
    assert devices.suffixes == tuple(data["suffixes"])
    assert devices.joins == frozenset(data["suffix_joins"])
    assert devices.not_words == frozenset(data["suffix_not"])


def test_a_smart_kind_at_the_texts_start() -> None:
    """smart(): 智慧|工廠 as the first words is read like anywhere else."""
    from graphkit.chunkshape import smart

    settings = load_settings()
    assert smart(tagged(("智慧", "n"), ("工廠", "n")), settings) == [(0, 4, 0, 4)]
    assert smart(tagged(("推動", "v"), ("智慧", "n"), ("工廠", "n")), settings) == [(2, 6, 2, 6)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # no noun after the prefix (快速/d); a word after it that is no verb of two characters
        # (之後/f, 將/v) or is a trailing word (技術) leaves the smart kind
        ((("智慧", "n"), ("快速", "d")), []),
        ((("智慧", "n"), ("工廠", "n"), ("之後", "f")), [(0, 4)]),
        ((("智慧", "n"), ("工廠", "n"), ("將", "v")), [(0, 4)]),
        ((("智慧", "n"), ("工廠", "n"), ("技術", "n")), [(0, 4)]),
        # a prefix that names nothing leaves the next one be
        ((("智慧", "n"), ("國家", "n"), ("與", "c"), ("智慧", "n"), ("工廠", "n")), [(5, 9)]),
        ((("智慧", "n"), ("城市", "ns"), ("展", "n"), ("與", "c"), ("智慧", "n"), ("工廠", "n")),
         [(6, 10)]),
        ((("智慧", "n"), ("工廠", "n"), ("轉型", "v"), ("與", "c"), ("智慧", "n"), ("座艙", "n")),
         [(7, 11)]),
    ],
)  # fmt: skip
def test_each_smart_kind_rule(
    words: tuple[tuple[str, str], ...], expected: list[tuple[int, int]]
) -> None:
    from graphkit.chunkshape import smart

    assert smart(tagged(*words), load_settings()) == [(a, z, a, z) for a, z in expected]


def test_a_smart_kind_is_glued() -> None:
    from graphkit.chunkshape import smart

    assert smart([("智慧", "n", 0), ("工廠", "n", 3)], load_settings()) == []
