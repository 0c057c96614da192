"""Whole words (graphkit/wholewords.py): a Roman numeral is no name in a run of numerals."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphkit.chunk import Chunker, load_settings
from graphkit.records import Label, Mention
from graphkit.wholewords import _straddles, whole_words
from tests.extract_docs import block, document


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("通過後才能進行各期的臨床試驗(Phase I、II、III和IV期)。", False),
        ("完成III期臨床試驗。", False),
        ("進入Phase III試驗。", False),
        ("進入第III期試驗。", False),
        ("資策會(III)與工研院合作。", True),
        ("由III與工研院共同開發。", True),
        ("III、工研院與金屬中心", True),  # a list of bodies, not of numerals
        ("資策會III與Phase II計畫", True),  # a run near it, not around it
    ],
)
def test_a_roman_numeral_in_a_run_of_numerals_names_nothing(text: str, kept: bool) -> None:
    seg = document(block(text))
    at = text.index("III")
    m = Mention(Label.AGENCY, "III", 0, at, at + 3, key="資訊工業策進會")
    assert whole_words(seg, [m], Chunker(), frozenset({"lexicon"})) == ([m] if kept else [])
    other = Mention(Label.AGENCY, "III", 0, at, at + 3, source="pattern")
    assert whole_words(seg, [other], Chunker(), frozenset({"lexicon"})) == [other]


def test_the_mentions_after_a_dropped_numeral_are_kept() -> None:
    text = "臨床試驗(Phase I、II、III和IV期)由工研院執行。"
    seg = document(block(text))
    at, itri = text.index("III"), text.index("工研院")
    numeral = Mention(Label.AGENCY, "III", 0, at, at + 3, key="資訊工業策進會")
    named = Mention(Label.AGENCY, "工研院", 0, itri, itri + 3)
    assert whole_words(seg, [numeral, named], Chunker(), frozenset({"lexicon"})) == [named]


def test_a_body_ending_on_the_first_character_of_a_sector_word_is_no_mention() -> None:
    """能源部門 is the energy sector; 能源部預算 names the ministry; a pattern's is kept."""
    text = "能源部門排放最多,能源部預算削減。"
    seg = document(block(text))
    sector = Mention(Label.AGENCY, "能源部", 0, 0, 3, source="learned")
    ministry = Mention(Label.AGENCY, "能源部", 0, 9, 12, source="learned")
    pattern = Mention(Label.AGENCY, "能源部", 0, 0, 3, source="pattern")
    sources = frozenset({"learned"})
    assert whole_words(seg, [sector, ministry, pattern], Chunker(), sources) == [ministry, pattern]


def test_a_name_from_the_end_of_one_word_to_the_start_of_the_next_is_none() -> None:
    """中鋼 in 其中|鋼鐵業 takes one character of each word: no name; 中|鋼 in a list is one."""
    chunker = Chunker()
    for text, kept in (("其中鋼鐵業約占12%", []), ("與臺電、中鋼、中油等業者合作", ["中鋼"])):
        seg = document(block(text))
        at = text.index("中鋼")
        m = Mention(Label.ORGANIZATION, "中鋼", 0, at, at + 2, source="lexicon")
        assert [x.text for x in whole_words(seg, [m], chunker, frozenset({"lexicon"}))] == kept


def test_a_name_ending_on_the_first_character_of_a_longer_word_is_none() -> None:
    """熱管 (a heat pipe) in 熱|管理機制 takes one character of a word of four whose rest (理機制)
    is no word: no name; 技術司 in 技術|司法 leaves 法, one character, and stays."""
    chunker = Chunker()
    for text, name, kept in (
        ("系統整合部分除了強化熱管理機制，確保電堆運作溫度", "熱管", []),
        ("散熱模組採用熱管與均溫板", "熱管", ["熱管"]),
        ("產業技術司法規研析", "技術司", ["技術司"]),
    ):
        seg = document(block(text))
        at = text.index(name)
        m = Mention(Label.TECHNOLOGY, name, 0, at, at + len(name), source="lexicon")
        assert [x.text for x in whole_words(seg, [m], chunker, frozenset({"lexicon"}))] == kept


@pytest.mark.parametrize(
    ("start", "end", "straddles"),
    [
        (1, 3, True),  # 其[中|鋼]鐵業: inside a word at both edges
        (0, 3, False),  # starts where a word does
        (1, 6, False),  # ends where a word does
        (2, 4, False),  # the whole of a word
        (3, 5, True),  # inside one word at both edges (鐵[業]…)
    ],
)
def test_a_name_inside_words_at_both_edges(start: int, end: int, straddles: bool) -> None:
    words = [(0, 2), (2, 6)]  # 其中|鋼鐵業約
    m = Mention(Label.ORGANIZATION, "x" * (end - start), 0, start, end, source="lexicon")
    assert _straddles(m, words) is straddles


def test_a_known_technology_ending_a_longer_name_is_no_mention_of_its_own() -> None:
    """機器人 in 人形機器人 names a kind of robot, not robots: the lexicon's mention there is
    dropped, where 機器人 printed alone is kept; an agency's name is not read so."""
    text = "開發人形機器人與機器人。"
    seg = document(block(text))
    kind = Mention(Label.TECHNOLOGY, "機器人", 0, 4, 7)
    alone = Mention(Label.TECHNOLOGY, "機器人", 0, 8, 11)
    other = Mention(Label.AGENCY, "機器人", 0, 4, 7)
    found = whole_words(seg, [kind, alone, other], Chunker(), frozenset({"lexicon"}))
    assert found == [alone, other]


def test_a_known_technology_stays_when_the_longer_span_around_it_is_dropped() -> None:
    """採購|商規無人機 is a span the chunker finds (jieba's 採購商|規) but drops, printed once and
    stated nowhere: 無人機 stays. Printed twice, the longer name is kept and takes it."""
    once = "國防部今年將採購商規無人機。"
    at = once.index("無人機")
    drone = Mention(Label.TECHNOLOGY, "無人機", 0, at, at + 3)
    lexicon = frozenset({"lexicon"})
    chunker = Chunker(replace(load_settings(), short=1))  # a long document's rules
    assert whole_words(document(block(once)), [drone], chunker, lexicon) == [drone]
    seg = document(block(once), block(once))
    assert whole_words(seg, [drone], chunker, lexicon) == []


@pytest.mark.parametrize(
    ("text", "law", "kept"),
    [
        ("依專利法規定申請。", "專利法", True),  # 專利法|規定: the law
        ("業者遵循專利法規。", "專利法", False),  # 專利|法規: patent regulations
        ("醫療法人長庚醫院擴建。", "醫療法", False),  # 醫療|法人: a medical corporation
        ("依醫療法第十條辦理。", "醫療法", True),
        ("依電業法第三條。", "電業法", True),  # 電業|法|第三條
    ],
)
def test_a_law_s_head_starting_a_longer_word_is_no_law(text: str, law: str, kept: bool) -> None:
    seg = document(block(text))
    at = text.index(law)
    m = Mention(Label.REGULATION, law, 0, at, at + len(law))
    assert whole_words(seg, [m], Chunker(), frozenset({"lexicon"})) == ([m] if kept else [])
    body = Mention(Label.ORGANIZATION, law, 0, at, at + len(law))  # the rule is a law's only
    assert whole_words(seg, [body], Chunker(), frozenset({"lexicon"})) == [body]


def _headed(text: str, known: str) -> list[tuple[str, str]]:
    """whole_words of ``text`` holding the lexicon's technology ``known``: (text, source)."""
    at = text.index(known)
    m = Mention(Label.TECHNOLOGY, known, 0, at, at + len(known))
    found = whole_words(document(block(text)), [m], Chunker(), frozenset({"lexicon"}))
    return [(f.text, f.source) for f in found]


@pytest.mark.parametrize(
    ("text", "known", "found"),
    [
        # a product noun of known_heads, a device's character, the chunker's head
        ("該公司開發量子退火機器，可解決最佳化問題。", "量子退火", [("量子退火機器", "chunk")]),
        ("業者推出RFID紗線，用於智慧衣。", "RFID", [("RFID紗線", "chunk")]),
        ("醫師使用超音波刀進行手術。", "超音波", [("超音波刀", "chunk")]),
        ("隨著SiC基板產能擴增。", "SiC", [("SiC基板", "chunk")]),
        # a quality between the name and its head; a lone noun before it
        ("市府引進燃料電池重型卡車。", "燃料電池", [("燃料電池重型卡車", "chunk")]),
        (
            "提供廠商有關氫燃料電池空壓機的系統整合。",
            "燃料電池",
            [("燃料電池", "lexicon"), ("氫燃料電池空壓機", "chunk")],
        ),
        # the chunker names 人機互動裝置 itself (新型|態: 態 ends the modifier's word 型態),
        # printed from 新型: the known name starts no printed name, the rule leaves it
        ("大幅推升新型態人機互動裝置的需求。", "人機互動", [("人機互動", "lexicon")]),
        # a generic word, a compound that goes on, a body's name: the known name alone
        ("投入半導體材料研發。", "半導體", [("半導體", "lexicon")]),
        ("發展碳化矽晶圓製程。", "碳化矽", [("碳化矽", "lexicon")]),
        ("碳化矽馬達驅控器的技術成熟。", "碳化矽", [("碳化矽", "lexicon")]),
        ("亦同步延續臺灣人工智慧晶片聯盟。", "人工智慧", [("人工智慧", "lexicon")]),
    ],
)
def test_a_known_technology_glued_before_a_head_names_the_longer_thing(
    text: str, known: str, found: list[tuple[str, str]]
) -> None:
    """量子退火|機器 names the machine, and 量子退火 that starts it is no mention of its own
    there; 氫|燃料電池 inside 氫燃料電池空壓機 is left to the span rules (it does not start it)."""
    assert _headed(text, known) == found


def test_the_known_name_of_a_compound_still_counts_where_printed_alone() -> None:
    text = "量子退火機器以量子退火求解。"
    first, second = 0, text.index("量子退火", 1)
    machine = Mention(Label.TECHNOLOGY, "量子退火", 0, first, first + 4)
    alone = Mention(Label.TECHNOLOGY, "量子退火", 0, second, second + 4)
    found = whole_words(document(block(text)), [machine, alone], Chunker(), frozenset({"lexicon"}))
    assert [(f.text, f.start) for f in found] == [("量子退火", second), ("量子退火機器", 0)]


def test_a_known_name_starting_a_kept_name_counts_only_where_its_article_prints_it_alone() -> None:
    # 碳化矽 of 碳化矽功率元件 (a name the chunker keeps, printed twice) is a piece of it in
    # 甲文, which never prints 碳化矽 alone; 乙文 prints it alone, so both its printings count;
    # outside an article (news) it counts as before.
    first = "開發碳化矽功率元件，碳化矽功率元件已驗證。"
    second = "開發碳化矽功率元件與碳化矽。"
    seg = document(block(first, "甲文"), block(second, "乙文"), block(second))

    def sic(b: int, at: int) -> Mention:
        return Mention(Label.TECHNOLOGY, "碳化矽", b, at, at + 3)

    alone = second.index("碳化矽", 3)
    mentions = [sic(0, 2), sic(0, 10), sic(1, 2), sic(1, alone), sic(2, 2), sic(2, alone)]
    found = whole_words(seg, mentions, Chunker(), frozenset({"lexicon"}))
    assert [(m.block, m.start) for m in found] == [(1, 2), (1, alone), (2, 2), (2, alone)]
    news = whole_words(document(block(first)), mentions[:2], Chunker(), frozenset({"lexicon"}))
    assert [(m.block, m.start) for m in news] == [(0, 2), (0, 10)]


def test_a_known_name_printed_only_in_a_market_s_figures_is_background_to_its_article() -> None:
    """A lexicon's technology in a sentence of a market's figures (chunk.json 'market': 億美元,
    市占率 …, the whole sentence, its ; clauses too) is background to an article that prints it
    nowhere else (甲文); 乙文 prints it in its own work too, so both count; a news item (no
    article) keeps it, and so does another recogniser's mention."""
    market = "全球電動車市場規模達300億美元;預估持續成長。"
    work = "本計畫開發電動車動力模組。"
    seg = document(block(market, "甲文"), block(market, "乙文"), block(work, "乙文"))
    at = market.index("電動車")

    def ev(b: int, start: int, source: str = "lexicon") -> Mention:
        return Mention(Label.TECHNOLOGY, "電動車", b, start, start + 3, source=source)

    own = work.index("電動車")
    found = whole_words(seg, [ev(0, at), ev(1, at), ev(2, own)], Chunker(), frozenset({"lexicon"}))
    assert [(m.block, m.start) for m in found] == [(1, at), (2, own)]
    news = whole_words(document(block(market)), [ev(0, at)], Chunker(), frozenset({"lexicon"}))
    assert [(m.block, m.start) for m in news] == [(0, at)]
    other = whole_words(seg, [ev(0, at, "learned")], Chunker(), frozenset({"lexicon", "learned"}))
    assert [(m.block, m.start) for m in other] == [(0, at)]


def test_a_known_name_printed_only_where_the_work_applies_is_background() -> None:
    """A lexicon's technology in a clause after 應用於 (chunk.json 'applied') is a field the work
    serves: background to an article that prints it nowhere else; the next clause is none."""
    text = "模組可應用於電力站、太陽能電力轉換,並整合太陽能監控。"
    seg = document(block(text, "甲文"), block(text.split(",")[0] + "。", "乙文"))
    first, second = text.index("太陽能"), text.rindex("太陽能")

    def solar(b: int, start: int) -> Mention:
        return Mention(Label.TECHNOLOGY, "太陽能", b, start, start + 3)

    found = whole_words(seg, [solar(0, first), solar(0, second), solar(1, first)], Chunker(),
                        frozenset({"lexicon"}))  # fmt: skip
    assert [(m.block, m.start) for m in found] == [(0, first), (0, second)]


def test_a_technology_crossing_the_edge_of_another_label_s_name_is_none() -> None:
    """路徑規劃 in 2050淨零排放路徑|規劃 crosses the policy's name: a piece of neither; one
    beside it, or holding none of it, stays."""
    text = "國發會公布2050淨零排放路徑規劃,機器人導入路徑規劃。"
    policy = Mention(Label.POLICY, "2050淨零排放路徑", 0, 5, 15, source="lexicon")
    first, second = text.index("路徑規劃"), text.rindex("路徑規劃")
    crossing = Mention(Label.TECHNOLOGY, "路徑規劃", 0, first, first + 4)
    alone = Mention(Label.TECHNOLOGY, "路徑規劃", 0, second, second + 4)
    found = whole_words(document(block(text)), [policy, crossing, alone], Chunker(),
                        frozenset({"lexicon"}))  # fmt: skip
    assert found == [policy, alone]


def _in_article(text: str, name: str) -> tuple[Mention, list[Mention]]:
    """The lexicon's mention of ``name`` (its first in ``text``), and what whole_words keeps of
    it in an article that prints ``text`` alone."""
    at = text.index(name)
    m = Mention(Label.TECHNOLOGY, name, 0, at, at + len(name))
    return m, whole_words(document(block(text, "甲文")), [m], Chunker(), frozenset({"lexicon"}))


def _kept(text: str, name: str) -> bool:
    """Whether the lexicon's ``name``, printed once in an article's ``text``, stays a mention
    (and, when not, nothing is left of it)."""
    m, found = _in_article(text, name)
    assert found in ([m], [])
    return found == [m]


def test_a_known_name_printed_only_in_a_sentence_about_work_abroad_is_background() -> None:
    """chunk.json 'abroad' (國外, 美國 …): the sentence tells another's work; an article that
    prints the name nowhere else does not mention it."""
    assert _in_article("日本業者推出固態電池,國內仍在研發。", "固態電池")[1] == []
    m, found = _in_article("本計畫開發固態電池。", "固態電池")
    assert found == [m]


def test_a_known_name_printed_only_as_what_the_work_replaces_is_background() -> None:
    """chunk.json 'replaced' (傳統) in the clause before it: the old way, not the work."""
    assert _in_article("本計畫以積層製造取代傳統鑄造,縮短工序。", "鑄造")[1] == []
    m, found = _in_article("本計畫以鑄造製作零件。", "鑄造")
    assert found == [m]


def test_a_known_name_printed_only_in_a_sentence_of_a_trend_is_background() -> None:
    """趨勢 in chunk.json 'market': a trend's sentence names the field's direction, no work."""
    assert _in_article("隨著淨零趨勢,電動車持續普及。", "電動車")[1] == []
    m, found = _in_article("隨著淨零目標,電動車持續普及。", "電動車")
    assert found == [m]


def test_a_market_or_a_country_in_the_programme_s_sentence_is_said_of_its_work() -> None:
    """chunk.json 'background_subjects' (@subjects): 本計畫 or 科技專案 in the sentence makes a
    market's figures or a country its work's (the round's review: each was dropped)."""
    assert _kept("本計畫開發熱泵,年產值可達5億元。", "熱泵") is True
    assert _kept("本計畫開發之無人機已外銷日本。", "無人機") is True
    assert _kept("熱泵年產值可達5億元。", "熱泵") is False  # the market's subject
    assert _kept("日本業者已推出商用熱泵。", "熱泵") is False  # another's work


def test_a_qualifier_after_where_the_work_applies_closes_it() -> None:
    """chunk.json 'background_qualifier_ends': 適用於…的X names the thing worked on."""
    text = "本計畫開發適用於工廠餘熱回收的熱泵。"
    assert _kept(text, "熱泵") is True
    assert _kept(text, "餘熱回收") is False  # where it applies


def test_a_traditional_industry_is_a_client_not_the_old_way() -> None:
    """chunk.json 'not_replaced': 傳統產業 starts with 傳統 and is none of 'replaced'."""
    assert _kept("協助傳統產業導入光達,提升檢測效率。", "光達") is True
    assert _kept("以積層製造取代傳統鑄造,縮短工序。", "鑄造") is False
