"""Lists of techniques: items of an enumeration of technologies name technologies."""

from __future__ import annotations

import pytest

from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.lists import Enumerations
from graphkit.listsettings import load_settings
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Mention, Segmented
from tests.pipeline_texts import enumerated

T = Label.TECHNOLOGY
P = Label.POLICY


def test_known_technologies_name_the_other_items(lists: Enumerations) -> None:
    # Every new item must end in a technical head noun or be Latin: a list of known
    # technologies also holds topics (AI、地緣政治、5G與電動車), and a field of application
    # (倉儲自動化) is not told from one.
    text = "全面對準AI、5G、邊緣運算伺服器與低軌衛星等創新技術與市場趨勢。"
    assert enumerated(lists, text, {"AI": T, "5G": T, "低軌衛星": T}) == [("邊緣運算伺服器", T, 10)]
    text = "AI、地緣政治、5G與電動車都是今年市場焦點。"
    assert enumerated(lists, text, {"AI": T, "5G": T, "電動車": T}) == []
    text = "應用於智慧電網、倉儲自動化與自駕車等。"
    assert enumerated(lists, text, {"智慧電網": T, "自駕車": T}) == []
    # a Latin item the chunker rules out (latin_not: ESG, a rating) is none
    text = "AI晶片、矽光子、ESG與量子電腦是今年最夯的投資題材。"
    assert enumerated(lists, text, {"AI晶片": T, "矽光子": T, "量子電腦": T}) == []
    # A technique named by what it does to a thing (語音|辨識) ends in no head noun: it is not
    # told from a topic in a vouched list (a list a verb of making governs names it).
    text = "導入語音辨識、扭矩感測器與數位雙生。"
    assert enumerated(lists, text, {"扭矩感測器": T, "數位雙生": T}) == []


def test_one_known_technology_or_a_minority_vouches_for_nothing(lists: Enumerations) -> None:
    assert enumerated(lists, "應用於智慧電網與倉儲自動化。", {"智慧電網": T}) == []
    text = "服務對象包括機器人、3D列印、物流、零售、餐飲與觀光。"  # trades: 2 of 6
    assert enumerated(lists, text, {"機器人": T, "3D列印": T}) == []


def test_items_holding_a_technology_as_a_modifier_are_topics(lists: Enumerations) -> None:
    # No item is a known technology as printed: AI風險 is a risk, no technique.
    text = "了解AI風險、AI策略擬定與未來趨勢。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    ais = [Mention(T, "AI", 0, at, at + 2) for at in (2, 7)]
    assert lists.recognise(seg, ais) == []
    # An item whose longest known name is a policy: no list of techniques.
    text = "推動企業AI化、服務AI化與製造AI化。"
    assert enumerated(lists, text, {"AI": T, "製造AI化": Label.POLICY}) == []


def test_a_count_or_a_measure_is_no_part_of_a_name(lists: Enumerations) -> None:
    text = "園區導入30臺電動巴士、20套邊緣運算伺服器及電動堆高機。"
    assert enumerated(lists, text, {"電動巴士": T, "電動堆高機": T}) == [("邊緣運算伺服器", T, 15)]
    text = "整合5kW 電解槽、儲氫罐與電源管理模組。"  # 5kW 電解槽 is 電解槽
    assert enumerated(lists, text, {"電解槽": T, "儲氫罐": T}) == [("電源管理模組", T, 14)]


def test_a_new_name_may_hold_a_known_one_but_lie_in_none(lists: Enumerations) -> None:
    # The longer name printed is the item's when the rest is a technical head noun: 燃料電池|模組.
    text = "投入燃料電池模組、電動巴士及電動堆高機。"
    known = {"燃料電池": T, "電動巴士": T, "電動堆高機": T}
    assert enumerated(lists, text, known) == [("燃料電池模組", T, 2)]
    # Words in front of a known name qualify it or are the clause's: 全面對準|AI is AI.
    text = "全面對準AI、5G、邊緣運算伺服器與低軌衛星等創新技術與市場趨勢。"
    assert enumerated(lists, text, {"AI": T, "5G": T, "低軌衛星": T}) == [("邊緣運算伺服器", T, 10)]
    # A Latin name glued after a preposition is the known name (隨著|AIoT), nothing new.
    text = "隨著AIoT、5G與邊緣運算的發展。"
    assert enumerated(lists, text, {"AIoT": T, "5G": T, "邊緣運算": T}) == []


def test_fields_and_pieces_of_words_are_no_names(lists: Enumerations) -> None:
    text = "聚焦電動車、半導體、航太與精密模具。"  # 航|太: lone characters
    assert enumerated(lists, text, {"電動車": T, "半導體": T, "精密模具": T}) == []
    text = "聚焦電動車、半導體、循環經濟與精密模具。"  # 循環|經濟: an abstract domain
    assert enumerated(lists, text, {"電動車": T, "半導體": T, "精密模具": T}) == []
    text = "聚焦電動車、半導體、機械與精密模具。"  # 機械: one word, no head word: a field
    assert enumerated(lists, text, {"電動車": T, "半導體": T, "精密模具": T}) == []


def test_a_verb_of_making_governs_a_list_of_techniques(lists: Enumerations) -> None:
    text = "本計畫研發低介電樹脂、導電紗線、石墨烯電極等塗層及碳纖維複材等4項成果。"
    assert enumerated(lists, text, {}) == [
        ("低介電樹脂", T, 5),
        ("導電紗線", T, 11),
        ("石墨烯電極", T, 16),  # 石墨烯電極等塗層: the item before its 等
        ("碳纖維複材", T, 25),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "偕同廠商開發伺服動態、結構動態、多體動力學與能耗預估等數位模型。",  # the models are made
        "建立機器人與產線間快速整合、提升產線自動化與智慧化程度。",  # clauses, no names
        "以建構高智慧化、高穩定性及高品質的研磨主軸。",  # qualities of what is made
        "研發低介電樹脂與導電紗線。",  # two items: too few to say
        "本計畫研發低介電樹脂、導電紗線及石墨烯電極等3項成果。",  # three: too few to say
    ],
)
def test_a_verb_of_making_names_no_qualifiers_nor_clauses(lists: Enumerations, text: str) -> None:
    assert enumerated(lists, text, {"機器人": T} if "機器人" in text else {}) == []


def test_a_name_inside_a_known_one_is_no_new_item(lists: Enumerations) -> None:
    text = "納入再生醫療、基因醫療與數位醫療等技術。"  # 納入再生|醫療: 再生醫療 is known
    assert enumerated(lists, text, {"再生醫療": T}) == [("基因醫療", T, 7), ("數位醫療", T, 12)]


def test_technique_settings_are_checked() -> None:
    data = dict(rules("lists"))
    data["technical_share"] = 2
    with pytest.raises(SchemaError, match=r"technical_share"):
        load_settings(data)
    data = dict(rules("lists"))
    data["technique_leads"] = "v"
    with pytest.raises(SchemaError, match=r"technique_leads"):
        load_settings(data)


def test_a_long_document_reads_no_list_of_techniques(lists: Enumerations) -> None:
    # In a long document the recognisers name what is printed often enough themselves.
    text = "應用於智慧電網、倉儲自動化與自駕車等。" + "。" * lists.chunker.settings.short
    assert enumerated(lists, text, {"智慧電網": T, "自駕車": T}) == []


def test_categories_generic_words_and_industries_are_no_techniques(lists: Enumerations) -> None:
    # 關鍵 makes a category (the chunker's qualifiers); 控制系統 is a generic word.
    text = "深耕電動巴士關鍵零組件、感測模組、控制系統與邊緣AI。"
    assert enumerated(lists, text, {"電動巴士": T, "邊緣AI": T}) == [("感測模組", T, 12)]
    # An item ending in a framing word (產業鏈) vouches for nothing: one technology is left.
    text = "整合電動巴士、燃料電池產業鏈與示範場域。"
    assert enumerated(lists, text, {"電動巴士": T, "燃料電池": T}) == []


@pytest.mark.parametrize(
    ("text", "known"),
    [
        # The last item holds a known name and what the clause says of it: the known name only.
        ("面對AI、5G與電動車發展，產線擴充。", {"AI": T, "5G": T, "電動車": T}),
        ("面對AI、5G與電動車快速發展。", {"AI": T, "5G": T, "電動車": T}),
        ("面對AI、5G與電動車普及。", {"AI": T, "5G": T, "電動車": T}),
        ("看好AI、矽光子與CPO概念股。", {"AI": T, "矽光子": T, "CPO": T}),
        ("鎖定GaN及SiC龐大晶圓代工商機。", {"GaN": T, "SiC": T}),
        ("推動儲能、氫能與低軌衛星定位雛形測試。", {"儲能": T, "氫能": T, "低軌衛星": T}),
    ],
)
def test_a_new_name_never_hides_a_known_one(
    lists: Enumerations, text: str, known: dict[str, Label]
) -> None:
    assert enumerated(lists, text, known) == []


@pytest.mark.parametrize(
    ("text", "known"),
    [
        # The last item is cut at a verb or an adverb; what is left must end in a head noun.
        ("電動車、儲能與氫能車隊已在園區上路。", {"電動車": T, "儲能": T}),
        ("半導體、AI與地緣政治風險都是變數。", {"半導體": T, "AI": T}),
        ("AI、5G與美國關稅政策衝擊出口。", {"AI": T, "5G": T}),
        # The last item joins another kind of thing: no technical head noun, no technique.
        ("他負責AI晶片、矽光子與人資部門。", {"AI晶片": T, "矽光子": T}),
        ("討論AI晶片、矽光子與美中科技戰。", {"AI晶片": T, "矽光子": T}),
        ("看好電動車、儲能系統、充電樁與碳權交易。", {"電動車": T, "儲能系統": T, "充電樁": T}),
    ],
)
def test_the_last_item_names_no_clause_nor_other_thing(
    lists: Enumerations, text: str, known: dict[str, Label]
) -> None:
    assert enumerated(lists, text, known) == []


def test_the_last_item_is_cut_at_a_verb_and_named_by_its_head(lists: Enumerations) -> None:
    text = "整合電動巴士、儲氫罐與電源管理模組已完成驗證。"
    assert enumerated(lists, text, {"電動巴士": T, "儲氫罐": T}) == [("電源管理模組", T, 11)]
    # A head noun tagged a verb (檢測) is no cut: the name goes on to it.
    text = "整合電動巴士、儲氫罐與電池瑕疵檢測。"
    assert enumerated(lists, text, {"電動巴士": T, "儲氫罐": T}) == [("電池瑕疵檢測", T, 11)]
    # A Latin name needs no head noun: it is a name as printed.
    text = "整合電動巴士、儲氫罐與LiDAR。"
    assert enumerated(lists, text, {"電動巴士": T, "儲氫罐": T}) == [("LiDAR", T, 11)]


@pytest.mark.parametrize(
    "text",
    [
        "今年研發甲型塗層、乙型塗層、丙型塗層與丁型塗層等4項計畫。",  # projects, no techniques
        "本計畫建立3座示範場域、5條試產線、10家合作廠商與20項專利。",  # no 等: counts sites
        "本計畫研發低介電樹脂、導電紗線、石墨烯電極及碳纖維複材。",  # no count of techniques
    ],
)
def test_a_verb_of_making_needs_a_count_of_techniques(lists: Enumerations, text: str) -> None:
    assert enumerated(lists, text, {}) == []


def test_a_count_of_techniques_may_be_spelled_in_words(lists: Enumerations) -> None:
    text = "本計畫研發低介電樹脂、導電紗線、石墨烯電極及碳纖維複材等四項技術。"
    names = [n for n, _, _ in enumerated(lists, text, {})]
    assert names == ["低介電樹脂", "導電紗線", "石墨烯電極", "碳纖維複材"]


def test_a_kind_of_a_known_name_ends_in_a_head_or_a_device(lists: Enumerations) -> None:
    # An item before the last holding a known name and no head noun after it: the known only.
    text = "聚焦AI晶片、CPO概念股與矽光子。"
    assert enumerated(lists, text, {"AI晶片": T, "CPO": T, "矽光子": T}) == []
    # A device after the known name (電解槽, by the chunker's reading): a kind of it.
    text = "投入氫能電解槽、電動巴士及電動堆高機。"
    known = {"氫能": T, "電動巴士": T, "電動堆高機": T}
    assert enumerated(lists, text, known) == [("氫能電解槽", T, 2)]
    # A known name sticking out in front of the item's name: that name would hide it.
    text = "聚焦AI晶片、臺灣半導體晶片與矽光子。"
    assert enumerated(lists, text, {"AI晶片": T, "臺灣半導體": T, "矽光子": T}) == []


@pytest.mark.parametrize(
    ("text", "known"),
    [
        # No item is a known technology as printed: its share of the items says nothing.
        ("推動AI應用、5G應用、倉儲自動化與機器人手臂。", {"AI": T, "5G": T}),
        # An item ending in a framing word (供應鏈) vouches for nothing and is no name.
        ("整合電動巴士、電池模組供應鏈與電源模組。", {"電動巴士": T, "電池模組": T}),
        # An item holding another label's name: no list of techniques.
        ("整合電動巴士、儲氫罐、綠能政策與電源模組。", {"電動巴士": T, "儲氫罐": T, "綠能政策": P}),
        # One known technology vouches for nothing.
        ("應用於智慧電網與電源模組。", {"智慧電網": T}),
        # Two of six items known: a minority.
        ("服務對象包括機器人、3D列印、電源模組、物流、零售與觀光。", {"機器人": T, "3D列印": T}),
        # An item that is one common word (面板) is no name.
        ("整合電動巴士、面板與儲氫罐。", {"電動巴士": T, "儲氫罐": T}),
    ],
)
def test_a_list_of_techniques_is_vouched_for_by_its_known_items(
    lists: Enumerations, text: str, known: dict[str, Label]
) -> None:
    assert enumerated(lists, text, known) == []


def test_a_vouched_list_names_its_well_formed_items(lists: Enumerations) -> None:
    text = "整合電動巴士、電池模組供應鏈、儲氫罐、電解槽、控制系統與電源模組。"
    known = {"電動巴士": T, "儲氫罐": T, "電解槽": T}
    assert enumerated(lists, text, known) == [("電源模組", T, 28)]


@pytest.mark.parametrize(
    "text",
    [
        "本計畫研發低介電樹脂、導電紗線、石墨烯電極及碳纖維的複材等4項成果。",  # 碳纖維的複材
        "本計畫研發低介電樹脂、導電紗線、提升產線效率與改善製程等4項成果。",  # two clauses
        "本計畫完成低介電樹脂、導電紗線、石墨烯電極及碳纖維複材等4項成果。",  # no verb of making
        "本計畫研發低介電樹脂、導電紗線、石墨烯電極等3項成果。",  # three items: too few
    ],
)
def test_a_made_list_needs_its_verb_its_count_and_names(lists: Enumerations, text: str) -> None:
    assert enumerated(lists, text, {}) == []


def test_a_made_list_with_another_label_names_nothing(lists: Enumerations) -> None:
    text = "本計畫研發低介電樹脂、導電紗線、石墨烯電極及新竹園區等4項成果。"
    new = enumerated(lists, text, {"新竹園區": Label.ORGANIZATION})
    assert [n for n in new if n[1] is T] == []


KNOWN = {"電動巴士": T, "儲氫罐": T, "電解槽": T}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("整合電動巴士、雲端平臺、儲氫罐、電解槽與電源模組。", ["電源模組"]),  # a generic word
        ("整合電動巴士、電池關鍵模組、儲氫罐、電解槽與電源模組。", ["電源模組"]),  # a category
        ("整合電動巴士、其電源模組、儲氫罐與電解槽。", []),  # what a pronoun points at
        ("整合電動巴士、服務機器人兩大類、儲氫罐與電解槽。", ["服務機器人"]),  # a count after
        ("整合電動巴士、5kW 電源模組、儲氫罐與電解槽。", ["電源模組"]),  # a measure
        ("整合電動巴士、具低功耗之邊緣伺服器、儲氫罐與電解槽。", ["邊緣伺服器"]),  # a qualifier
        ("整合電動巴士、儲氫罐、電解槽與電源模組的整合。", ["電源模組"]),  # the last: 的 ends it
        ("整合電動巴士、儲氫罐、電解槽與電源模組在園區展出。", ["電源模組"]),  # 在 ends it
        ("隨著LiDAR、電動巴士與儲氫罐的發展。", ["LiDAR"]),  # 隨|著|LiDAR: the Latin name
        ("發展電流電壓轉換器、電動巴士與儲氫罐等。", ["電流電壓轉換器"]),  # the list's verb
    ],
)
def test_an_items_name_is_its_words_after_leads_and_before_ends(
    lists: Enumerations, text: str, names: list[str]
) -> None:
    known = {k: v for k, v in KNOWN.items() if k in text}
    assert [n for n, _, _ in enumerated(lists, text, known)] == names


def test_a_list_with_a_cue_is_the_cues(lists: Enumerations) -> None:
    # 等廠商 says the items are firms (by what they make, here): no list of techniques.
    text = "整合電動巴士、儲氫罐、電解槽與電源模組等廠商。"
    assert enumerated(lists, text, KNOWN) == []
