"""Lists of techniques: items of an enumeration of technologies name technologies."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.lists import Enumerations
from graphkit.listsettings import load_settings
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Mention, Segmented

T = Label.TECHNOLOGY


@pytest.fixture(scope="module")
def lists() -> Enumerations:
    return Enumerations(Chunker())


def found(lists: Enumerations, text: str, known: dict[str, Label]) -> list[tuple[str, Label, int]]:
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    mentions = [
        Mention(label, name, 0, text.index(name), text.index(name) + len(name))
        for name, label in known.items()
    ]
    return [(m.text, m.label, m.start) for m in lists.recognise(seg, mentions)]


def test_known_technologies_name_the_other_items(lists: Enumerations) -> None:
    text = "應用於智慧電網、自駕車與倉儲自動化等。"
    assert found(lists, text, {"智慧電網": T, "自駕車": T}) == [("倉儲自動化", T, 12)]
    # A technique named by what it does to a thing (語音|辨識) is a name, no clause.
    text = "導入語音辨識、扭矩感測器與數位雙生。"
    assert found(lists, text, {"扭矩感測器": T, "數位雙生": T}) == [("語音辨識", T, 2)]


def test_one_known_technology_or_a_minority_vouches_for_nothing(lists: Enumerations) -> None:
    assert found(lists, "應用於智慧電網與倉儲自動化。", {"智慧電網": T}) == []
    text = "服務對象包括機器人、3D列印、物流、零售、餐飲與觀光。"  # trades: 2 of 6
    assert found(lists, text, {"機器人": T, "3D列印": T}) == []


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
    assert found(lists, text, {"AI": T, "製造AI化": Label.POLICY}) == []


def test_a_count_or_a_measure_is_no_part_of_a_name(lists: Enumerations) -> None:
    text = "園區導入30臺電動巴士、20臺電動卡車及電動堆高機。"
    assert found(lists, text, {"電動巴士": T, "電動堆高機": T}) == [("電動卡車", T, 15)]
    text = "整合5kW 電解槽、儲氫罐與電源管理模組。"  # 5kW 電解槽 is 電解槽
    assert found(lists, text, {"電解槽": T, "儲氫罐": T}) == [("電源管理模組", T, 14)]


def test_a_new_name_may_hold_a_known_one_but_lie_in_none(lists: Enumerations) -> None:
    # The longer name printed is the item's: 燃料電池 inside 燃料電池機車.
    text = "投入燃料電池機車、電動巴士及電動堆高機。"
    known = {"燃料電池": T, "電動巴士": T, "電動堆高機": T}
    assert found(lists, text, known) == [("燃料電池機車", T, 2)]
    # Words in front of a known name qualify it or are the clause's: 全面對準|AI is AI.
    text = "全面對準AI、5G、數位醫療與低軌衛星等創新技術與市場趨勢。"
    assert found(lists, text, {"AI": T, "5G": T, "低軌衛星": T}) == [("數位醫療", T, 10)]
    # A Latin name glued after a preposition is the known name (隨著|AIoT), nothing new.
    text = "隨著AIoT、5G與邊緣運算的發展。"
    assert found(lists, text, {"AIoT": T, "5G": T, "邊緣運算": T}) == []


def test_fields_and_pieces_of_words_are_no_names(lists: Enumerations) -> None:
    text = "聚焦電動車、半導體、航太與精密模具。"  # 航|太: lone characters
    assert found(lists, text, {"電動車": T, "半導體": T, "精密模具": T}) == []
    text = "聚焦電動車、半導體、循環經濟與精密模具。"  # 循環|經濟: an abstract domain
    assert found(lists, text, {"電動車": T, "半導體": T, "精密模具": T}) == []
    text = "聚焦電動車、半導體、機械與精密模具。"  # 機械: one word, no head word: a field
    assert found(lists, text, {"電動車": T, "半導體": T, "精密模具": T}) == []


def test_a_verb_of_making_governs_a_list_of_techniques(lists: Enumerations) -> None:
    text = "本計畫研發低介電樹脂、導電紗線、石墨烯電極等塗層及碳纖維複材等4項成果。"
    assert found(lists, text, {}) == [
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
    assert found(lists, text, {"機器人": T} if "機器人" in text else {}) == []


def test_a_name_inside_a_known_one_is_no_new_item(lists: Enumerations) -> None:
    text = "納入再生醫療、基因醫療與數位醫療等技術。"  # 納入再生|醫療: 再生醫療 is known
    assert found(lists, text, {"再生醫療": T}) == [("基因醫療", T, 7), ("數位醫療", T, 12)]


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
    text = "應用於智慧電網、自駕車與倉儲自動化等。" + "。" * lists.chunker.settings.short
    assert found(lists, text, {"智慧電網": T, "自駕車": T}) == []


def test_categories_generic_words_and_industries_are_no_techniques(lists: Enumerations) -> None:
    # 關鍵 makes a category (the chunker's qualifiers); 控制系統 is a generic word.
    text = "深耕電動巴士關鍵零組件、感測模組、控制系統與邊緣AI。"
    assert found(lists, text, {"電動巴士": T, "邊緣AI": T}) == [("感測模組", T, 12)]
    # An item ending in a framing word (產業鏈) vouches for nothing: one technology is left.
    text = "整合電動巴士、燃料電池產業鏈與示範場域。"
    assert found(lists, text, {"電動巴士": T, "燃料電池": T}) == []
