"""Enumerations share a type: unknown names of a list take its known items' label."""

from __future__ import annotations

import pytest

from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.lists import Enumerations, list_items, load_settings
from graphkit.records import Label
from tests.pipeline_texts import enumerated


def test_known_agencies_type_the_rest_of_the_list(lists: Enumerations) -> None:
    text = "集結國科會、交通部、內政部與環保署的資源,共同推動。"
    assert enumerated(lists, text, {"國科會": Label.AGENCY, "交通部": Label.AGENCY}) == [
        ("內政部", Label.AGENCY, 10),
        ("環保署", Label.AGENCY, 14),
    ]


def test_a_cue_after_the_list_names_organisations(lists: Enumerations) -> None:
    text = "隨著SpaceX、OneWeb與Amazon Kuiper等大廠投入;推動面板、背光、材料等廠商"
    assert enumerated(lists, text, {}) == [
        ("SpaceX", Label.ORGANIZATION, 2),
        ("OneWeb", Label.ORGANIZATION, 9),
        ("Amazon Kuiper", Label.ORGANIZATION, 16),
    ]  # and no common words (面板, 材料)


def test_suppliers_named_before_the_list_are_organisations(lists: Enumerations) -> None:
    text = "主要供應商包含Alpha、Beta及Gamma等，廠商有高頻線纜與連接模組。"
    assert enumerated(lists, text, {}) == [
        ("Alpha", Label.ORGANIZATION, 7),
        ("Beta", Label.ORGANIZATION, 13),
        ("Gamma", Label.ORGANIZATION, 18),
    ]


def test_foreign_places_in_front_are_left_out(lists: Enumerations) -> None:
    text = "掌握在德國SGL、日本東洋炭素等供應商手中"
    assert enumerated(lists, text, {}) == [
        ("SGL", Label.ORGANIZATION, 5),
        ("東洋炭素", Label.ORGANIZATION, 11),
    ]


def test_no_list_without_agreement_or_cue(lists: Enumerations) -> None:
    text = "工研院、碳化矽與某某中心"
    assert enumerated(lists, text, {"工研院": Label.AGENCY, "碳化矽": Label.TECHNOLOGY}) == []
    # Lists of technologies are not passed on (they mix names with generic words).
    assert enumerated(lists, "碳化矽、氮化鎵與某某材料", {"碳化矽": Label.TECHNOLOGY}) == []


def test_items_and_verbs() -> None:
    clause = "行政院整合科技部、經濟部"
    assert [clause[s:e] for s, e in list_items(clause, ["、"])] == ["行政院整合科技部", "經濟部"]
    assert list_items("沒有列舉", ["、"]) == []


def test_settings_errors_name_the_field() -> None:
    with pytest.raises(SchemaError, match=r"rules/lists\.json.*'cues'"):
        load_settings({"joiners": ["、"], "cues": []})
    with pytest.raises(SchemaError, match=r"field 'cues\.Company': not a contract label"):
        load_settings({"joiners": ["、"], "cues": {"Company": ["公司"]}})


def test_a_list_closed_by_its_own_etc_takes_the_known_label(lists: Enumerations) -> None:
    text = "Google、IBM、IQM等已發展出量子電腦"
    known = {"Google": Label.ORGANIZATION, "IBM": Label.ORGANIZATION}
    assert enumerated(lists, text, known) == [("IQM", Label.ORGANIZATION, 11)]


def test_a_modifier_may_come_between_etc_and_the_cue(lists: Enumerations) -> None:
    text = "國際上已有iDirect、Intellian、Orbit Communications System等領先業者導入"
    assert enumerated(lists, text, {}) == [
        ("iDirect", Label.ORGANIZATION, 5),
        ("Intellian", Label.ORGANIZATION, 13),
        ("Orbit Communications System", Label.ORGANIZATION, 23),
    ]


def test_a_bracketed_list_after_an_organisation_head_names_organisations(
    lists: Enumerations,
) -> None:
    text = "與產業型國際組織（如：TIP、NGMN及5G-ACIA等）合作；工具機（如：A5、B6等）"
    assert enumerated(lists, text, {}) == [
        ("TIP", Label.ORGANIZATION, 11),
        ("NGMN", Label.ORGANIZATION, 15),
        ("5G-ACIA", Label.ORGANIZATION, 20),
    ]  # and no machine models after 工具機


def test_an_item_ends_before_a_preposition(lists: Enumerations) -> None:
    text = "目前Alpha與日本東洋炭素在全球市場居領導地位"
    assert enumerated(lists, text, {"Alpha": Label.ORGANIZATION}) == [
        ("東洋炭素", Label.ORGANIZATION, 10)
    ]


def test_a_technical_head_word_is_no_body_of_the_list(lists: Enumerations) -> None:
    text = "如工研院與資策會以虛實、感測、高效能運算等技術整合"
    known = {"工研院": Label.AGENCY, "資策會": Label.AGENCY}
    # A list of techniques (…等技術): no body; its head word alone (感測) names nothing.
    assert enumerated(lists, text, known) == [("高效能運算", Label.TECHNOLOGY, 15)]
    text = "集結國科會、交通部與環保署的資源"
    assert enumerated(lists, text, {"國科會": Label.AGENCY}) == [
        ("交通部", Label.AGENCY, 6),
        ("環保署", Label.AGENCY, 10),
    ]


def test_what_a_pronoun_points_at_is_no_item(lists: Enumerations) -> None:
    text = "此次首度與人工智慧科技基金會合作推動調查"
    assert enumerated(lists, text, {"人工智慧科技基金會": Label.ORGANIZATION}) == []
    # 近年 is a time word: in a list vouched for by known items it is still no name.
    text = "集結國科會、交通部與近年的資源"
    assert enumerated(lists, text, {"國科會": Label.AGENCY, "交通部": Label.AGENCY}) == []


def test_an_item_holding_etc_closes_the_list(lists: Enumerations) -> None:
    text = "預期將導入廣達、仁寶、英業達、緯創等國內主要伺服器與網通設備品牌供應鏈"
    known = {"廣達": Label.ORGANIZATION, "仁寶": Label.ORGANIZATION}
    assert enumerated(lists, text, known) == [
        ("英業達", Label.ORGANIZATION, 11),
        ("緯創", Label.ORGANIZATION, 15),
    ]  # and no 網通設備品牌供應鏈 after the 等 item
    # There a noun after the cue makes it part of another item (企業管理), not the cue.
    assert enumerated(lists, "已有使用ERP、CRM、MES等企業管理、會員管理", {}) == []
    assert enumerated(lists, "例如,Oatly、Ripple Foods等公司陸續推出產品與服務", {}) == [
        ("Oatly", Label.ORGANIZATION, 3),
        ("Ripple Foods", Label.ORGANIZATION, 9),
    ]


def test_a_known_name_followed_by_a_verb_is_that_name_only(lists: Enumerations) -> None:
    text = "未來Metalenz、STMicroelectronics與ADI將陸續布局其商品化於飛時測距"
    known = {"Metalenz": Label.ORGANIZATION, "STMicroelectronics": Label.ORGANIZATION}
    assert enumerated(lists, text, {**known, "ADI": Label.ORGANIZATION}) == []
    # It vouches for nothing either: 勞動部 is known, 勞動統計網 is no name, 主計總處 neither.
    text = "資料來源:行政院主計總處、勞動部勞動統計網"
    assert enumerated(lists, text, {"行政院": Label.AGENCY, "勞動部": Label.AGENCY}) == []


def test_a_known_body_leading_an_item_is_that_body_unless_a_body_s_head_ends_it(
    lists: Enumerations,
) -> None:
    """與光寶科|布局資料中心電源: jieba tags 布局 a noun, but no body's head word ends the item,
    so it is 光寶科 only; 台積電文教基金會 is a body of its own, and so is Amazon Kuiper (a
    Latin word after a Latin name)."""
    known = {"台達電": Label.ORGANIZATION, "光寶科": Label.ORGANIZATION}
    assert enumerated(lists, "台達電與光寶科布局資料中心電源", known) == []
    known = {"鴻海": Label.ORGANIZATION, "台積電": Label.ORGANIZATION}
    assert enumerated(lists, "鴻海與台積電文教基金會合作", known) == [
        ("台積電文教基金會", Label.ORGANIZATION, 3)
    ]
    known = {"SpaceX": Label.ORGANIZATION, "Amazon": Label.ORGANIZATION}
    assert enumerated(lists, "包括SpaceX、Amazon Kuiper與OneWeb等大廠", known) == [
        ("Amazon Kuiper", Label.ORGANIZATION, 9),
        ("OneWeb", Label.ORGANIZATION, 23),
    ]


def test_a_list_of_stages_names_nothing(lists: Enumerations) -> None:
    """III is 資策會's abbreviation, but Phase I、II、III和IV期 enumerates trial stages."""
    text = "通過後才能進行各期的臨床試驗(Phase I、II、III和IV期)。"
    assert enumerated(lists, text, {"III": Label.AGENCY}) == []
    # the same joiners between bodies still share the known one's label
    text = "與國科會、內政部和環保署合作"
    assert enumerated(lists, text, {"國科會": Label.AGENCY}) == [
        ("內政部", Label.AGENCY, 5),
        ("環保署", Label.AGENCY, 9),
    ]


@pytest.mark.parametrize(
    ("text", "known"),
    [
        # a stop inside an item before the last: a phrase, and 與 was no joiner
        (
            "首要之務為強化與歐盟、美國等同盟國合作",
            {"歐盟": Label.ORGANIZATION, "美國": Label.ORGANIZATION},
        ),
        ("包括技術司的法人科專與業界科專,並藉由國際合作", {"技術司": Label.AGENCY}),
        # a verb inside an item after the first: 和 joined two clauses, not two names
        ("美國政府和客戶要求高度智慧化的製造", {"美國政府": Label.ORGANIZATION}),
        # a kind of body is no body (科專法人)
        ("例如科專法人與航港局合作研發", {"航港局": Label.AGENCY}),
        # the programme the text writes up is no body (科技專案, 本計畫)
        (
            "科技專案與台積電、聯電合作開發晶片",
            {"台積電": Label.ORGANIZATION, "聯電": Label.ORGANIZATION},
        ),
        (
            "本計畫與台積電、聯電合作開發晶片",
            {"台積電": Label.ORGANIZATION, "聯電": Label.ORGANIZATION},
        ),
    ],
)
def test_phrases_and_kinds_of_bodies_are_no_items(
    lists: Enumerations, text: str, known: dict[str, Label]
) -> None:
    assert enumerated(lists, text, known) == []


def test_the_last_item_is_still_cut_before_its_particle(lists: Enumerations) -> None:
    text = "結合國科會與環保署的資源"
    assert enumerated(lists, text, {"國科會": Label.AGENCY}) == [("環保署", Label.AGENCY, 6)]


def test_a_list_the_text_calls_techniques_names_technologies(lists: Enumerations) -> None:
    # …等技術 (with a modifier between: 等先進技術) declares its items technologies, verbal
    # nouns included (品質檢測); a model (…模式) is no technology.
    text = "數位雙生、沙盒環境、現代化交付模式與自動化品質檢測等先進技術,皆受關注。"
    assert enumerated(lists, text, {"數位雙生": Label.TECHNOLOGY}) == [
        ("沙盒環境", Label.TECHNOLOGY, 5),
        ("自動化品質檢測", Label.TECHNOLOGY, 18),
    ]


def test_a_list_of_component_kinds_names_technologies(lists: Enumerations) -> None:
    # …等關鍵模組, …等零組件, …等設備: kinds of parts and equipment, so technologies.
    text = "電子調速器、影像傳輸器等關鍵模組;另有光學鏡頭、雷射雷達等零組件。"
    assert enumerated(lists, text, {}) == [
        ("電子調速器", Label.TECHNOLOGY, 0),
        ("影像傳輸器", Label.TECHNOLOGY, 6),
        ("光學鏡頭", Label.TECHNOLOGY, 19),
        ("雷射雷達", Label.TECHNOLOGY, 24),
    ]
    assert enumerated(lists, "包含定位、影像等關鍵模組", {}) == []


def test_a_list_of_fields_is_no_list_of_techniques(lists: Enumerations) -> None:
    # …及新材料領域等技術能量: the last item is a field, so the items are fields and sectors.
    text = "展現在醫材、國防航太、綠能轉型及新材料領域等技術能量。"
    assert enumerated(lists, text, {}) == []
    assert enumerated(lists, "展現在醫材、國防航太、綠能轉型及新材料等技術能量。", {}) != []


def test_a_verbal_noun_still_ends_no_organisation(lists: Enumerations) -> None:
    # Outside a list of techniques, an item ending in a verbal noun is a clause's verb.
    text = "集結國科會、交通部與經濟部檢測等企業"
    assert enumerated(lists, text, {"國科會": Label.AGENCY}) == [("交通部", Label.ORGANIZATION, 6)]


def test_a_list_of_services_or_standards_names_no_body(lists: Enumerations) -> None:
    # …等雲端服務: the items are services, whatever else a known one names (Google).
    known = {"Google": Label.ORGANIZATION}
    assert enumerated(lists, "可選用AWS、Google、Oracle等雲端服務。", known) == []
    # A body's word after the service's is the cue: 服務|業者 are firms.
    assert enumerated(lists, "可選用AWS、Google、Oracle等雲端服務業者。", {}) == [
        ("AWS", Label.ORGANIZATION, 3),
        ("Google", Label.ORGANIZATION, 7),
        ("Oracle", Label.ORGANIZATION, 14),
    ]
    assert enumerated(lists, "如Uber、Lyft等平台業者", {}) == [
        ("Uber", Label.ORGANIZATION, 1),
        ("Lyft", Label.ORGANIZATION, 6),
    ]


def test_a_list_introduced_after_a_kind_of_thing_names_no_body(lists: Enumerations) -> None:
    # The sentence names what the list after 包括 enumerates: standards, no bodies.
    text = "各國的充電標準仍未統一,包括日本CHAdeMO、中國GB/T及Tesla NACS。"
    assert enumerated(lists, text, {"CHAdeMO": Label.ORGANIZATION}) == []
    # After a kind of body, the known item still types the others.
    text = "國內業者持續擴產,包括台積電、聯電與力積電。"
    assert enumerated(lists, text, {"台積電": Label.ORGANIZATION}) == [
        ("聯電", Label.ORGANIZATION, 15),
        ("力積電", Label.ORGANIZATION, 18),
    ]


def test_a_kind_of_firm_after_etc_names_organisations(lists: Enumerations) -> None:
    # The cue may be qualified (系統|廠, 上下游|業者); jieba's pieces of an unknown name (宏|聯,
    # 中|鋼) are no verbs, and 和 inside 永和 is no joiner.
    assert enumerated(lists, "目前已有宏聯工業、俊達工業等系統廠投入開發", {}) == [
        ("宏聯工業", Label.ORGANIZATION, 4),
        ("俊達工業", Label.ORGANIZATION, 9),
    ]
    assert enumerated(lists, "並整合華新、大甲永和等上下游業者", {}) == [
        ("華新", Label.ORGANIZATION, 3),
        ("大甲永和", Label.ORGANIZATION, 6),
    ]
    assert enumerated(lists, "與台電、中鋼及中油等業者合作", {}) == [
        ("台電", Label.ORGANIZATION, 1),
        ("中鋼", Label.ORGANIZATION, 4),
    ]  # and no common word (中油 is one of jieba's)
    # A qualified 技術 is a field's technology, not what the items are.
    assert enumerated(lists, "在功率元件與高頻通訊等關鍵產業技術上領先", {}) == []


def test_an_adverb_ending_an_item_is_still_no_piece_of_a_name(lists: Enumerations) -> None:
    assert enumerated(lists, "當時他在部長任內便與經濟部合作", {"經濟部": Label.AGENCY}) == []


@pytest.mark.parametrize(
    ("text", "known"),
    [
        # a kind of product: a generic word of the chunker's beside common words (模組整機)
        ("推動國內面板、背光、模組整機等廠商導入", {}),
        # as many common words as items: sectors (紡織、醫療…等需求業者)
        ("連結紡織、醫療、餐飲、旅宿及零售等需求業者", {}),
        # known technologies among the items: firms named by what they make
        ("串聯晶片、半導體、系統廠、軟體資服等供應端業者", {"晶片": Label.TECHNOLOGY}),
        # one name among phrases is no list of bodies: 與 was 'with'
        ("他於2025年2月罕見與阿里巴巴創辦人馬雲、某新創創辦人等民營科技業者會面", {}),
    ],
)
def test_kinds_and_sectors_are_no_bodies(
    lists: Enumerations, text: str, known: dict[str, Label]
) -> None:
    assert enumerated(lists, text, known) == []


def test_new_settings_are_checked() -> None:
    data = dict(rules("lists"))
    with pytest.raises(SchemaError, match=r"'kinds_share'"):
        load_settings({**data, "kinds_share": 2})
    with pytest.raises(SchemaError, match=r"'things'"):
        load_settings({k: v for k, v in data.items() if k != "things"})
    settings = load_settings(data)
    assert settings.cues["服務"] is None and settings.cues["廠"] is Label.ORGANIZATION


def test_kind_words_are_required() -> None:
    """lists.json kind_words is checked like the other fields, not defaulted when missing."""
    data = dict(rules("lists"))
    for value in (None, [], [""]):
        bad = {k: v for k, v in data.items() if k != "kind_words"}
        if value is not None:
            bad["kind_words"] = value
        with pytest.raises(SchemaError, match=r"rules/lists\.json: field 'kind_words'"):
            load_settings(bad)


def test_a_kind_of_firm_before_an_item_is_left_out(lists: Enumerations) -> None:
    """lists.json kind_words: IC設計業者|瑞昱 names 瑞昱; a person after 新創|DeepSeek is kept
    whole (more than two words follow the kind), so the item names nothing new."""
    text = "IC設計業者瑞昱、聯詠與矽力杰今年營收成長"
    known = {"瑞昱": Label.ORGANIZATION, "聯詠": Label.ORGANIZATION}
    assert enumerated(lists, text, known) == []  # not 業者瑞昱 beside the known 瑞昱
    text = "於2025年2月罕見與阿里巴巴創辦人馬雲、AI新創DeepSeek創辦人梁文峰會面"
    assert enumerated(lists, text, {"DeepSeek": Label.ORGANIZATION}) == []


def test_a_lone_place_character_starts_a_name_and_a_title_names_a_person(
    lists: Enumerations,
) -> None:
    """A lone character jieba tags a place is a piece of the name (華|邦電, 南|亞科), after a
    kind of firm too (記憶體廠, kind_words); an item holding an officer's title names a person
    (lists.json not_in_names: 創辦人)."""
    text = "記憶體廠南亞科、華邦電與旺宏等企業"
    assert enumerated(lists, text, {}) == [
        ("南亞科", Label.ORGANIZATION, 4),
        ("華邦電", Label.ORGANIZATION, 8),
        ("旺宏", Label.ORGANIZATION, 12),
    ]
    text = "台積電、聯電與AI新創業者創辦人林小華等企業"
    assert enumerated(lists, text, {}) == [
        ("台積電", Label.ORGANIZATION, 0),
        ("聯電", Label.ORGANIZATION, 4),
    ]


def test_a_firms_unit_in_a_list_of_agencies_is_the_firms(lists: Enumerations) -> None:
    """A new item that a known organisation starts (鴻海|研究院) is an Organization, whatever
    the list's known agencies say."""
    text = "鴻海研究院與國家中山科學研究院合作開發量子電腦"
    known = {"鴻海": Label.ORGANIZATION, "國家中山科學研究院": Label.AGENCY}
    assert enumerated(lists, text, known) == [("鴻海研究院", Label.ORGANIZATION, 0)]


def test_a_bracketed_list_after_an_associations_head_names_organisations(
    lists: Enumerations,
) -> None:
    """lists.json opened_by: 醫學會(如:A、B) lists associations."""
    text = "鎖定牙科相關醫學會(如:家庭牙醫師學會、牙周病醫學會)及公會"
    assert enumerated(lists, text, {}) == [
        ("家庭牙醫師學會", Label.ORGANIZATION, 12),
        ("牙周病醫學會", Label.ORGANIZATION, 20),
    ]


def test_a_bracketed_gloss_after_an_item_does_not_end_the_list(lists: Enumerations) -> None:
    # A firm's brand in brackets before the next joiner (news prints 信驊科技(酷博樂)、…): the
    # list goes on after it, and the item is the name before the bracket.
    text = "包含：華碩電腦、信驊科技(酷博樂)、悠泰科技、博鈞科技、Sigma Robotics等，廠商數持續擴增"
    assert enumerated(lists, text, {"華碩電腦": Label.ORGANIZATION}) == [
        ("信驊科技", Label.ORGANIZATION, 8),
        ("悠泰科技", Label.ORGANIZATION, 18),
        ("博鈞科技", Label.ORGANIZATION, 23),
        ("Sigma Robotics", Label.ORGANIZATION, 28),
    ]


def test_a_sector_of_society_is_no_body(lists: Enumerations) -> None:
    text = "透過國家太空中心與產學研界合作的雙軌研發模式"
    assert enumerated(lists, text, {"國家太空中心": Label.AGENCY}) == []


def test_a_place_that_starts_a_firms_name_stays_in_it(lists: Enumerations) -> None:
    # jieba tags 三井 a place; stripped, one common word (化學) would be left: it is the name.
    text = "包括台塑、群創、三井化學等，"
    assert enumerated(lists, text, {"台塑": Label.ORGANIZATION, "群創": Label.ORGANIZATION}) == [
        ("三井化學", Label.ORGANIZATION, 8)
    ]


def test_a_bodys_head_word_alone_is_no_name(lists: Enumerations) -> None:
    text = "會長表示，聯盟與臺南市政府合作成立SIG"
    assert enumerated(lists, text, {"臺南市政府": Label.AGENCY}) == []


def test_a_councils_short_name_ends_in_hui(lists: Enumerations) -> None:
    # jieba reads the 會 of 工程會 as a verb ("can"): at an item's end after a noun it is the
    # end of the council's short name.
    text = "結合交通部、國防部、國科會及工程會等相關政府單位"
    known = {"交通部": Label.AGENCY, "國防部": Label.AGENCY, "國科會": Label.AGENCY}
    assert enumerated(lists, text, known) == [("工程會", Label.AGENCY, 14)]


@pytest.mark.parametrize(
    "text",
    [
        "工研院與陽明交大張翼教授合作",  # a person's title ends the item
        "工研院與廠商聯合開發鈦合金材料",  # one word of working together and a work verb
    ],
)
def test_a_person_or_the_clause_s_verb_is_no_item(lists: Enumerations, text: str) -> None:
    """lists.json person_titles, chunk.json joint."""
    assert enumerated(lists, text, {"工研院": Label.AGENCY}) == []


def test_a_name_jieba_tags_a_person_s_is_still_an_item(lists: Enumerations) -> None:
    """和碩 (and 高通, 周大福) are tagged a person's name: a person is told by a title only."""
    text = "台積電與和碩合作"
    assert enumerated(lists, text, {"台積電": Label.ORGANIZATION}) == [
        ("和碩", Label.ORGANIZATION, 4)
    ]


def test_a_bodys_words_are_the_organisation_recognisers(lists: Enumerations) -> None:
    """lists.py reads orgs.json through orgsettings (heads, generic): with no head word known
    to the organisation rule, 聯盟 is a name like any other."""
    from dataclasses import replace

    from graphkit.orgsettings import load_settings as org_settings

    text = "會長表示，聯盟與臺南市政府合作成立SIG"
    bare = Enumerations(lists.chunker, orgs=replace(org_settings(), heads=(), generic=frozenset()))
    assert enumerated(bare, text, {"臺南市政府": Label.AGENCY}) == [("聯盟", Label.AGENCY, 5)]


def test_a_verb_before_a_suffix_starts_the_name(lists: Enumerations) -> None:
    # 穿戴|式|設備: the suffix 式 makes 穿戴 the start of a word jieba did not know, no verb
    # in front of the name (lists.json 'suffix_flags'): 穿戴式設備, not 式設備.
    text = "特別是在穿戴式設備、生理訊號感測與AI健康管理等關鍵技術領域的成長。"
    assert enumerated(lists, text, {}) == [
        ("穿戴式設備", Label.TECHNOLOGY, 4),
        ("生理訊號感測", Label.TECHNOLOGY, 10),
        ("AI健康管理", Label.TECHNOLOGY, 17),
    ]


def test_an_item_glued_to_a_closing_bracket_is_no_name(lists: Enumerations) -> None:
    # 鈮(Tantalum, Ta)|金屬與…: the clause after the bracket opens with the rest of the name
    # printed before it (lists.json 'closing'); the other items are named.
    text = "本科技專案開發鈮(Tantalum, Ta)金屬與電漿噴塗、內視鏡器械黑化等關鍵技術。"
    assert enumerated(lists, text, {"電漿噴塗": Label.TECHNOLOGY}) == [
        ("內視鏡器械黑化", Label.TECHNOLOGY, 30),
    ]


def test_a_list_of_targets_or_challenges_names_no_techniques(lists: Enumerations) -> None:
    # 等技術挑戰: the items are problems (lists.json 'cue_not_before'); 等技術 alone: techniques.
    text = "因應整車控制架構重整、符合車規安全規範等技術挑戰。"
    assert enumerated(lists, text, {}) == []
    assert enumerated(lists, "因應整車控制架構重整、車規安全規範等技術。", {}) == [
        ("架構重整", Label.TECHNOLOGY, 6),
        ("車規安全規範", Label.TECHNOLOGY, 11),
    ]


def test_a_list_of_fields_called_techniques_names_nothing(lists: Enumerations) -> None:
    # Two plain nouns or more, half the names: fields (國防, 能源, 量子); processes named by
    # words jieba splits (軋延, 擠製) and a kind of part (主軸 of 等關鍵零組件) are named.
    text = "應策略性投資國防、能源、AI與量子等技術研發。"
    assert enumerated(lists, text, {"AI": Label.TECHNOLOGY}) == []
    text = "國內金屬加工製程以鑄造、鍛造、軋延、擠製與銲接等技術為主。"
    assert enumerated(lists, text, {"鑄造": Label.TECHNOLOGY}) == [
        ("軋延", Label.TECHNOLOGY, 15),
        ("擠製", Label.TECHNOLOGY, 18),
    ]
    text = "則著重於船舶與岸端控制、自主航行避障及自動停靠等核心技術之發展。"
    assert enumerated(lists, text, {}) == [("航行避障", Label.TECHNOLOGY, 14)]  # one noun
    parts = enumerated(lists, "延長主軸、刀塔、能源等關鍵零組件壽命。", {"刀塔": Label.TECHNOLOGY})
    assert parts == [("主軸", Label.TECHNOLOGY, 2), ("能源", Label.TECHNOLOGY, 8)]


def test_a_generic_word_alone_is_no_item(lists: Enumerations) -> None:
    # 通訊 (rules/chunk.json 'generic'): a field of modules, no module.
    text = "後者涵蓋飛導控、酬載、通訊、動力等關鍵模組。"
    assert enumerated(lists, text, {}) == []


def test_an_item_ending_in_an_adjective_is_a_quality(lists: Enumerations) -> None:
    # 菌絲皮革|耐用(a) of 菌絲皮革耐用及異味驗證: durability (lists.json 'quality_flags').
    text = (
        "科技專案投入高強度纖維防護檢測、菌絲皮革耐用及異味驗證、運動服飾穩定效能量測等關鍵技術。"
    )
    known = {"高強度纖維防護檢測": Label.TECHNOLOGY}
    assert enumerated(lists, text, known) == [("運動服飾穩定效能量測", Label.TECHNOLOGY, 28)]


def test_an_item_after_the_first_opening_with_a_verb_is_a_clause(lists: Enumerations) -> None:
    # 、培養|模組設計, 、符合|車規安全規範: the verb is the item's, no name after it; a lone
    # character (軋|延) is a piece of a word and a modifier jieba tags a verb (自主) no verb.
    assert enumerated(lists, "開發涵蓋藻體回收、蛋白萃取、培養模組設計等技術。", {}) == []
    assert enumerated(lists, "開發涵蓋藻體回收、蛋白萃取、微流道模組設計等技術。", {}) == [
        ("微流道模組設計", Label.TECHNOLOGY, 14)
    ]
    assert enumerated(lists, "因應整車控制架構重整、符合車規安全規範等技術。", {}) == [
        ("架構重整", Label.TECHNOLOGY, 6)
    ]


def test_a_tab_breaks_the_clause_and_the_chunkers_verbs_lead(lists: Enumerations) -> None:
    # A table's cells are parted by a tab (lists.json 'clause_breaks'), and 運用 (one of the
    # chunker's 'verbs', which jieba tags a verbal noun) leads the first item.
    text = "大重量酬載\t運用輕量化材料、結構設計、模組化酬載介面等技術,提高載具的負載多樣性。"
    assert enumerated(lists, text, {}) == [
        ("輕量化材料", Label.TECHNOLOGY, 8),
        ("模組化酬載介面", Label.TECHNOLOGY, 19),
    ]
    assert enumerated(lists, "大重量酬載\t光學鏡頭、雷射雷達等零組件。", {}) == [
        ("光學鏡頭", Label.TECHNOLOGY, 6),
        ("雷射雷達", Label.TECHNOLOGY, 11),
    ]


def test_a_work_verb_inside_a_middle_item_makes_a_clause_no_list(lists: Enumerations) -> None:
    """A、B分別開發X及Y: the joiners join clauses; Y is no body (a merge of this round named
    the Agency 產品 here)."""
    text = "生技中心、食品所分別開發關鍵技術及產品，技轉或授權廠商"
    known = {"生技中心": Label.AGENCY, "食品所": Label.AGENCY}
    assert enumerated(lists, text, known) == []
    text = "生技中心、食品所及農業科技研究院"
    assert enumerated(lists, text, known) == [("農業科技研究院", Label.AGENCY, 9)]


def test_a_new_agency_of_a_list_has_a_government_body_s_head(lists: Enumerations) -> None:
    """交通部 vouches for a list of bodies, but 爭議案件 (a dispute) has no body's head: no
    agency. 內政部 and 環保署 have one (agency_ends in rules/lists.json)."""
    text = "以利交通部或審驗機構辦理監督評鑑、申訴或爭議案件之處理"
    assert enumerated(lists, text, {"交通部": Label.AGENCY}) == []
    text = "集結交通部、內政部與環保署的資源"
    assert enumerated(lists, text, {"交通部": Label.AGENCY}) == [
        ("內政部", Label.AGENCY, 6),
        ("環保署", Label.AGENCY, 10),
    ]
    # A station's or a farm's head, a fund's, and abbreviations: Latin or of three characters.
    text = "由農業部、臺南區農業改良場及種苗繁殖場共同推動"
    assert [n for n, _, _ in enumerated(lists, text, {"農業部": Label.AGENCY})] == [
        "臺南區農業改良場",
        "種苗繁殖場",
    ]
    text = "國科會、經濟部、TASA與中科共同推動"
    known = {"國科會": Label.AGENCY, "經濟部": Label.AGENCY}
    assert [n for n, _, _ in enumerated(lists, text, known)] == ["TASA", "中科"]
