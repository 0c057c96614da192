"""Lists of what a programme makes: the items after a verb of making, each named whole."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Mention, Segmented
from graphkit.worklist import SOURCE, WorkLists, load_settings

T = Label.TECHNOLOGY
ORG = Label.ORGANIZATION


@pytest.fixture(scope="module")
def worklists() -> WorkLists:
    return WorkLists(Chunker())


def made(worklists: WorkLists, text: str, known: dict[str, Label] | None = None) -> list[str]:
    """What the recogniser names in ``text`` (one paragraph, already normalised) when
    ``known``'s names (each at its first place) were recognised before it."""
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    mentions = [
        Mention(label, name, 0, text.index(name), text.index(name) + len(name))
        for name, label in (known or {}).items()
    ]
    found = worklists.recognise(seg, mentions)
    assert all(m.label is T and m.source == SOURCE for m in found)
    assert all(text[m.start : m.end] == m.text for m in found)
    return [m.text for m in found]


def test_the_items_after_a_verb_of_making_are_named_whole(worklists: WorkLists) -> None:
    # 與 after a name splits two items; 與 between two verbs of one name (產製|與|分析) does
    # not; a clause starting with 以及 adds one more item.
    text = (
        "科技專案開發新世代解序生醫晶片、核酸傳輸用外泌體載體產製與分析晶片、穿戴式超音波貼片、"
        "生醫感測晶片模組與無創血糖檢測裝置,以及非接觸式呼吸感測技術。"
    )
    assert made(worklists, text) == [
        "新世代解序生醫晶片",
        "核酸傳輸用外泌體載體產製與分析晶片",
        "穿戴式超音波貼片",
        "生醫感測晶片模組",
        "無創血糖檢測裝置",
        "非接觸式呼吸感測技術",
    ]


def test_a_list_intro_after_the_verbs_object_opens_the_list(worklists: WorkLists) -> None:
    # The count in the object (多項) and the list's 等 are no part of any name.
    text = (
        "為強化關鍵技術實用化,建構多項技術平臺,如:影像輔"
        "助導航系統、即時感測回饋模組及微型運動控制系統等。"
    )
    assert made(worklists, text) == ["影像輔助導航系統", "即時感測回饋模組", "微型運動控制系統"]
    text = (
        "科技專案針對侵入式醫材領域開發項目,包含智慧感測植入物數位治療系統、智慧膠囊內視鏡系統等。"
    )
    assert made(worklists, text) == ["智慧感測植入物數位治療系統", "智慧膠囊內視鏡系統"]


def test_a_list_qualifying_a_noun_is_no_list_of_made_things(worklists: WorkLists) -> None:
    # 結合A、B等先進材料之|C及D: the verb makes C and D.
    text = (
        "科技專案開發結合石墨烯(Graphene)、高熵合金等先進材料"
        "之高性能電磁干擾遮蔽複合材料及防電磁干擾表面塗層技術,克服損耗。"
    )
    assert made(worklists, text) == ["高性能電磁干擾遮蔽複合材料", "防電磁干擾表面塗層技術"]


def test_items_that_are_no_names_are_left_out(worklists: WorkLists) -> None:
    # 控制回饋智慧化技術: a quality reached; a lone well-formed item is no list.
    text = "積極開發阻尼抑振單元技術、砂輪狀態感測及控制回饋智慧化技術。"
    assert made(worklists, text) == ["阻尼抑振單元技術", "砂輪狀態感測"]
    text = "開發阻尼抑振單元技術、提升產能與良率。"
    assert made(worklists, text) == []
    # An item a known mention already names is not named again.
    text = "科技專案開發影像輔助導航系統、微型運動控制系統及即時感測回饋模組。"
    assert made(worklists, text, {"微型運動控制系統": T}) == [
        "影像輔助導航系統",
        "即時感測回饋模組",
    ]


def test_a_firms_work_and_a_two_item_list_are_not_read(worklists: WorkLists) -> None:
    text = "台積電開發影像輔助導航系統、微型運動控制系統等產品。"
    assert made(worklists, text, {"台積電": ORG}) == []
    assert made(worklists, "為此開發影像輔助導航系統與微型運動控制系統。") == []


def test_settings_are_checked() -> None:
    data = dict(rules("worklist"))
    assert load_settings(data).min_items == 2
    data["other_labels"] = ["Company"]
    with pytest.raises(SchemaError, match="other_labels"):
        load_settings(data)
    data = {k: v for k, v in rules("worklist").items() if k != "intro"}
    with pytest.raises(SchemaError, match="intro"):
        load_settings(data)


def test_a_verb_of_two_characters_ending_in_hua_names_a_thing(worklists: WorkLists) -> None:
    # 轉化 is a verb (CO2與氫氣轉化技術, one name: CO2 ends no name); 智慧化 is a quality.
    text = "科技專案涵蓋二氧化碳捕獲技術、CO2與氫氣轉化技術及電解產氫技術等研發能量。"
    assert made(worklists, text) == []  # no verb of making governs the list
    text = "科技專案開發二氧化碳捕獲技術、CO2與氫氣轉化技術及電解產氫技術等研發能量。"
    assert made(worklists, text) == ["二氧化碳捕獲技術", "CO2與氫氣轉化技術", "電解產氫技術"]


def test_an_item_too_long_to_name_still_makes_a_list(worklists: WorkLists) -> None:
    text = (
        "科技專案致力於建立鈦/鎳基合金航空鍛件材料資料庫、開發低流動性液態"
        "金屬(Liquid Metal)導熱材料,推動液壓致動器關鍵技術。"
    )
    assert made(worklists, text) == ["鈦/鎳基合金航空鍛件材料資料庫"]


def test_a_verb_qualifying_a_noun_and_heads_shared_before_latin(worklists: WorkLists) -> None:
    text = "本計畫鼓勵業者研發的晶片使用7奈米製程、先進異質整合封裝技術、異質整合微機電感測技術。"
    assert made(worklists, text) == []
    text = "投入核心技術研發,開發大型基站系統、高功率多天線模組、雲原生及SON技術等。"
    assert made(worklists, text) == ["大型基站系統", "高功率多天線模組"]


def test_the_programme_said_to_make_two_things_names_both(worklists: WorkLists) -> None:
    text = "科技專案同步建置創課協作系統與創新應用之教案市集上架平臺,提供治療師使用。"
    assert made(worklists, text) == ["創課協作系統", "教案市集上架平臺"]
    assert made(worklists, "業者同步建置創課協作系統與教案市集上架平臺。") == []
    text = "透過晶片內建低功耗感測、即時神經訊號處理與AI分類演算法,搭配邊緣運算單元。"
    assert made(worklists, text) == ["低功耗感測", "即時神經訊號處理", "AI分類演算法"]


def test_an_item_of_two_clauses_is_no_name(worklists: WorkLists) -> None:
    text = (
        "科技專案開發鋁鈦合金靶製備技術,包括金屬鈦合成並純化至4N技術、鋁鈦合金熔煉技術與濺鍍靶材。"
    )
    assert made(worklists, text) == ["鋁鈦合金熔煉技術", "濺鍍靶材"]


def test_items_naming_no_one_thing_are_left_out(worklists: WorkLists) -> None:
    text = "足式機器人的開發涉及12項核心系統,包括動力系統、感知運算系統、自主決策系統等關鍵領域。"
    assert made(worklists, text) == ["感知運算系統", "自主決策系統"]
    # 智慧製造自主技術 names no thing, and one name is no list
    text = "科技專案開發高溫複合材料與智慧製造自主技術。"
    assert made(worklists, text) == []
    text = "研發關鍵表面處理技術、綠色伸線皮膜、低碳彩塗材料及耐高溫熱介面設計與材料。"
    assert made(worklists, text) == ["綠色伸線皮膜", "低碳彩塗材料"]


def test_a_tail_after_one_word_and_a_head_after_two_words(worklists: WorkLists) -> None:
    # 材料 is one of the chunker's tails, not of the rule's: 封裝材料 is a name.
    text = "科技專案開發封裝材料、熱介面材料及冷板散熱元件。"
    assert made(worklists, text) == ["封裝材料", "熱介面材料", "冷板散熱元件"]
    text = "研發綠色伸線皮膜、低碳彩塗材料及電爐應用耐高溫多工熱介面設計與材料技術。"
    assert made(worklists, text) == ["綠色伸線皮膜", "低碳彩塗材料"]
    text = "科技專案開發低損耗的材料技術、熱介面材料及冷板散熱元件。"
    assert made(worklists, text) == ["熱介面材料", "冷板散熱元件"]


def test_a_list_closed_by_its_development_names_its_items(worklists: WorkLists) -> None:
    text = "科技專案同步展開AI智慧控制、個人化輔助邏輯、自動變速等技術研發。"
    assert made(worklists, text) == ["AI智慧控制", "個人化輔助邏輯", "自動變速"]
    text = "目前已完成自動化設計空間探索、異質晶片封裝可製性設計等技術開發。"
    assert made(worklists, text) == ["自動化設計空間探索", "異質晶片封裝可製性設計"]
    assert made(worklists, "應策略性投資國防、能源、AI與量子等技術研發。") == []
    text = "科技專案推動自行車共通協議聯盟,同步展開AI智慧控制、自動變速等技術研發。"
    assert made(worklists, text, {"自行車共通協議聯盟": ORG}) == ["AI智慧控制", "自動變速"]
    text = "聯盟同步展開AI智慧控制、自動變速等技術研發。"
    assert made(worklists, text, {"聯盟": ORG}) == []


def test_a_list_in_brackets_after_the_verbs_object(worklists: WorkLists) -> None:
    text = "科技專案研發高能量密度的電池技術(如:固態電池、氫燃料電池等),並推動量產。"
    assert made(worklists, text) == ["固態電池", "氫燃料電池"]
    text = "開發高性能關鍵零組件(如:高速主軸模組、伺服驅動器)與智慧控制器。"
    assert made(worklists, text) == ["高速主軸模組", "伺服驅動器"]
    assert made(worklists, "運用在地特色茶葉(如:東方美人茶、日月潭紅茶)。") == []


def test_a_known_agency_is_no_other_maker(worklists: WorkLists) -> None:
    text = "經濟部產業技術司著力於開發具突破性之智慧互動介面技術、次世代感知等關鍵技術研發。"
    name = "經濟部產業技術司"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    both = [Mention(label, name, 0, 0, len(name)) for label in (Label.AGENCY, ORG)]
    found = [m.text for m in worklists.recognise(seg, both)]
    assert found == ["智慧互動介面技術", "次世代感知"]
    assert [m.text for m in worklists.recognise(seg, both[1:])] == []


def test_a_count_and_a_related_are_no_part_of_an_items_name(worklists: WorkLists) -> None:
    # A count in front (3款|, 2套|) is left out of the name; an item led by 相關 (related …)
    # names no one thing.
    text = "科技專案開發3款雷射加工模組、2套光學檢測系統與相關控制軟體平臺。"
    assert made(worklists, text) == ["雷射加工模組", "光學檢測系統"]
