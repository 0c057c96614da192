"""The objects of the programme's work verbs as technology names (graphkit.objects)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphkit.chunk import Chunker
from graphkit.develops import load_settings as develops_settings
from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.objects import ObjectSettings, load_settings, work_objects
from graphkit.records import Label
from tests.extract_docs import block, document


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker(work=develops_settings())


def found(text: str, chunker: Chunker, modifiers: bool = False) -> list[tuple[str, int, int]]:
    """The work objects of ``text`` (with ``modifiers``: the chunker's modifiers known, as the
    pipeline's chunker gives them)."""
    s = chunker.settings
    settings = load_settings()
    if modifiers:
        settings = replace(settings, modifiers=frozenset(s.modifiers))
    mentions = work_objects(text, 0, chunker.tag, develops_settings(), settings, s.heads, s.tails)
    assert all(m.label is Label.TECHNOLOGY and m.source == "chunk" for m in mentions)
    return [(m.text, m.start, m.end) for m in mentions]


def recognised(text: str, chunker: Chunker) -> list[tuple[str, int]]:
    """What the chunker (objects included) finds in a one-paragraph document."""
    return [(m.text, m.start) for m in chunker.recognise(document(block(text)))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list the text declares technologies (…等關鍵技術): every item, without 等/技術.
        (
            "科技專案聚焦於AI編譯、平行運算軟體及模型輕量化等關鍵技術的研發。",
            [("AI編譯", 7, 11), ("平行運算軟體", 12, 18), ("模型輕量化", 19, 24)],
        ),
        # Items named by a head word; a background clause before does not matter.
        (
            "隨著市場成長，本計畫開發射頻晶片與天線模組。",
            [("射頻晶片", 12, 16), ("天線模組", 17, 21)],
        ),
        # Named after the last particle, printed as X技術.
        ("本計畫開發創新且高效能之感測器運算技術。", [("感測器運算", 12, 17)]),
        # Properties and goals are no technologies; neither are undeclared items with no head.
        ("本計畫建立初步可行性與應用效益。", []),
        ("本計畫開發AI編譯與平行運算。", []),
        ("本計畫建置量產設備與電源系統。", [("電源系統", 10, 14)]),
        # A weak head after four characters or more names the object; a clause does not.
        ("本計畫打造行銷廣告短影音生成平臺。", [("行銷廣告短影音生成平臺", 5, 16)]),
        ("本計畫建立標竿業者加入該平臺。", []),
        # A space or a mark ends an item (a heading's two phrases).
        ("從設計到試產 碳纖複材製造技術", [("碳纖複材製造", 7, 13)]),
        # Another party's work names technologies too (whose work it is, DEVELOPS decides),
        # and so do the objects of 結合, 透過, 包含 …; a figure caption names none.
        ("各國紛紛開發射頻晶片。", [("射頻晶片", 6, 10)]),
        ("結合高頻寬互連、感測器運算等技術", [("高頻寬互連", 2, 7), ("感測器運算", 8, 13)]),
        ("圖2-1 開發射頻晶片", []),
        # A與B的C: A and B qualify C; after a number a one-character word counts it.
        ("本計畫開發低延遲與高頻寬的射頻晶片。", [("射頻晶片", 13, 17)]),
        ("本計畫開發電源模組與天線模組的射頻晶片。", [("射頻晶片", 15, 19)]),  # A names none
        ("本計畫打造三大電源模組與天線模組。", [("電源模組", 7, 11), ("天線模組", 12, 16)]),
        # What follows a lone adverb or verb jieba left of an unknown word is its rest
        # (次太|赫茲): no name.
        ("包括使用超寬頻的次太赫茲無線系統", []),
        # A name has three to sixteen characters; a Latin one is split at no letter.
        ("本計畫開發光晶片。", [("光晶片", 5, 8)]),
        (
            "本計畫開發超高頻寬射頻前端天線陣列模組晶片。",
            [("超高頻寬射頻前端天線陣列模組晶片", 5, 21)],
        ),
        ("本計畫開發超高頻寬射頻前端毫米波天線模組晶片。", []),  # seventeen
        ("本計畫開發Xeon晶片。", [("Xeon晶片", 5, 11)]),
        # A name starts after a conjunction and ends before a measure (一套).
        ("本計畫開發數位而且低功耗晶片。", [("低功耗晶片", 9, 14)]),
        ("本計畫開發射頻晶片一套。", [("射頻晶片", 5, 9)]),
        # A weak head after fewer than four characters not ending in a head names nothing.
        ("本計畫建置晶片化系統。", []),
        # A clause whose verb has no object, or is inside a word (開發商), leaves the next one
        # its own.
        ("本計畫持續開發，打造射頻晶片。", [("射頻晶片", 10, 14)]),
        ("開發商眾多，打造射頻晶片。", [("射頻晶片", 8, 12)]),
        # An item's own verb before its name makes it a clause (符合|國際標準雲端系統: the
        # verb's object, or a verb phrase qualifying the head), and so does a verb jieba split
        # into pieces (汰|換): no name; the other items stay.
        ("本計畫導入數位健康科技與符合國際標準雲端系統。", []),
        ("本計畫導入射頻晶片與符合車規雲端系統。", [("射頻晶片", 5, 9)]),
        ("業者多以購買綠電、汰換高效能設備。", []),
        # A verb inside an item that goes on to a function word or a pronoun takes an object
        # of its own: a clause, no name (代理式AI|嵌入|各類系統); technical words jieba tags
        # verbs go on to nouns (波束|追蹤|控制晶片).
        ("透過將生成式AI及代理式AI嵌入各類系統與操作介面。", []),
        ("本計畫整合波束追蹤控制晶片。", [("波束追蹤控制晶片", 5, 13)]),
        # An evaluation (重要, 主要) gives a role, a metaphor as often as a thing.
        ("這有望成為推動數位轉型的重要加速器。", []),
        # A goal (零組件國產化) is no technology, even printed as X技術.
        ("本計畫發展煞車系統的零組件國產化技術。", []),
        # A count inside an item introduces a category (三|大): no name.
        ("科技專案聚焦於無人機飛行控制系統三大核心元件。", []),
        # A headless item a slash ends before a headed one is a quality of it (高導熱/…材料).
        (
            "本計畫開發高導熱/低介電損耗樹脂材料與銅箔貼合等技術。",
            [("低介電損耗樹脂材料", 9, 18), ("銅箔貼合", 19, 23)],
        ),
        # A list of eight items is a list of names.
        (
            "本計畫開發A1晶片、A2晶片、A3晶片、A4晶片、A5晶片、A6晶片、A7晶片、A8晶片。",
            [(f"A{i}晶片", 5 * i, 5 * i + 4) for i in range(1, 9)],
        ),
    ],
)
def test_work_objects(text: str, expected: list[tuple[str, int, int]], chunker: Chunker) -> None:
    assert found(text, chunker) == expected


def test_the_chunker_keeps_objects_printed_once(chunker: Chunker) -> None:
    text = "科技專案聚焦於AI編譯與模型輕量化等關鍵技術。"
    assert recognised(text, chunker) == [
        ("AI編譯", 7),
        ("模型輕量化", 12),
    ]


def test_the_chunkers_determiners_lead_no_object(chunker: Chunker) -> None:
    text = "本計畫整合不同資訊系統與射頻晶片。"
    # 不同|資訊系統 is the generic 資訊系統 once the determiner is cut off: no name.
    assert recognised(text, chunker) == [("射頻晶片", 12)]


def test_settings_errors_name_the_field() -> None:
    with pytest.raises(SchemaError, match=r"rules/objects\.json.*'joiners'"):
        load_settings({"joiners": []})


@pytest.mark.parametrize(
    ("field", "value"), [("list_end", ""), ("particles", []), ("min_chars", 0), ("max_items", 0)]
)
def test_an_empty_cue_or_a_count_under_one_is_an_error_naming_it(field: str, value: object) -> None:
    with pytest.raises(SchemaError, match=rf"rules/objects\.json.*'{field}'"):
        load_settings({**rules("objects"), field: value})


def test_a_count_of_one_is_read_as_given() -> None:
    settings = load_settings({**rules("objects"), "min_chars": 1, "max_items": 1})
    assert (settings.min_chars, settings.max_items) == (1, 1)


def test_mentions_are_of_the_block_given(chunker: Chunker) -> None:
    s, text = chunker.settings, "本計畫開發射頻晶片，投入「智慧感知模組」"
    mentions = work_objects(
        text, 3, chunker.tag, develops_settings(), load_settings(), s.heads, s.tails
    )
    assert [(m.text, m.block) for m in mentions] == [("射頻晶片", 3), ("智慧感知模組", 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Quotes after a work verb are the names' edges: X技術 after a field and a dash, a
        # chain of quotes joined by 、 and 和, and X與驗證技術 naming X.
        (
            "投入「運算部署——大型AI模型運算技術」、「高速運算矽智財技術」和「次微米感測晶片與驗證技術」",
            [("大型AI模型運算", 9, 17), ("高速運算矽智財", 22, 29), ("次微米感測晶片", 34, 41)],
        ),
        # A quoted name ending in a (weak) head word is named without 技術.
        ("本科技專案建構「產業情報AI服務平臺」，發展服務。", [("產業情報AI服務平臺", 8, 18)]),
        # A policy or a slogan names no technology, nor a quote ending in a weak head word
        # (平臺) after no work verb; one ending in a head word (模組, 機器人) is a name.
        ("政府提出「健康臺灣」與「晶創臺灣方案」。", []),
        ("如「產業情報AI服務平臺」所示。", []),
        ("如「智慧感知模組」所示。", [("智慧感知模組", 2, 8)]),
        ("成果「高擬真仿人類雙手協作機器人」", [("高擬真仿人類雙手協作機器人", 3, 16)]),
        # A quote printed as X技術 names X wherever it is, whatever words X holds (生產) ...
        (
            "「自適應人工智慧生產決策技術」運用增量學習。",
            [("增量學習", 17, 21), ("自適應人工智慧生產決策", 1, 12)],
        ),
        ("「智慧感知」技術中建構的基礎。", [("智慧感知", 1, 5)]),
        # ... but right after the programme it is the programme's name.
        ("科技專案「五軸工具機空間精度提升技術」藉由AI協助。", []),
        ("本計畫「智慧感知技術」", []),  # the programme opening the text
        # A name in Latin letters of either case.
        ("投入「RISCV」技術", [("RISCV", 3, 8)]),
        ("投入「lidar」技術", [("lidar", 3, 8)]),
        ("科技專案「五軸工具機技術」運用「智慧感知」技術", [("智慧感知", 16, 20)]),  # the next
        # A quote in markup, holding a bracket or listing items names nothing itself (a list
        # after a work verb names its items).
        ("<td>成果「智慧感知模組」</td>", []),
        ("成果「碳化矽(SiC)功率模組」", []),
        ("本計畫開發「感測晶片、通訊模組」", [("感測晶片", 6, 10), ("通訊模組", 11, 15)]),
        # An object beside a quoted name stays.
        ("本計畫開發射頻晶片「智慧感知模組」", [("射頻晶片", 5, 9), ("智慧感知模組", 10, 16)]),
    ],
)
def test_quoted_objects(text: str, expected: list[tuple[str, int, int]], chunker: Chunker) -> None:
    assert found(text, chunker) == expected


def test_a_modifier_jieba_split_starts_the_object(chunker: Chunker) -> None:
    # jieba splits 中|大型 and tags 中 a locality word, which an object does not start with;
    # the chunker's modifiers (rules/chunk.json) keep it whole.
    s, text = chunker.settings, "本計畫開發中大型基站系統。"
    bare = load_settings()
    with_modifiers = replace(bare, modifiers=frozenset(s.modifiers))

    def named(settings: ObjectSettings) -> list[tuple[str, int, int]]:
        found = work_objects(text, 0, chunker.tag, develops_settings(), settings, s.heads, s.tails)
        return [(m.text, m.start, m.end) for m in found]

    assert named(bare) == [("大型基站系統", 6, 12)]
    assert named(with_modifiers) == [("中大型基站系統", 5, 12)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Modifiers alone before a weak head name nothing (新型|高科技|設備); a name after
        # one does (客製化|HPC|平臺).
        ("本計畫開發新型高科技設備。", []),
        ("本計畫開發客製化HPC平臺。", [("客製化HPC平臺", 5, 13)]),
    ],
)
def test_modifiers_alone_before_a_weak_head_name_nothing(
    chunker: Chunker, text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert found(text, chunker, modifiers=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Too little is left without a modifier in front (次世代|感知): it is the name's …
        ("科技專案開發智慧互動介面技術、次世代感知等關鍵技術", [("次世代感知", 15, 20)]),
        # … while a name long enough stays without it.
        ("科技專案開發次世代影像感知等關鍵技術", [("影像感知", 9, 13)]),
    ],
)
def test_a_modifier_stays_when_too_little_is_left(
    chunker: Chunker, text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert [m for m in found(text, chunker, modifiers=True) if "感知" in m[0]] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A cue word that is no verb (核心) inside an item, after a word of the name, is the
        # name's; a verb (開發) still cuts.
        (
            "科技專案開發晶片加速核心電路設計等關鍵技術",
            [("晶片加速核心電路設計", 6, 16)],
        ),
        ("科技專案投入並開發射頻晶片", [("射頻晶片", 9, 13)]),
        # A hyphen glued between Latin words is no item's end (5G-Advanced).
        ("科技專案投入5G-Advanced關鍵核心技術研發", [("5G-Advanced", 6, 17)]),
        # A qualifier before 技術 (共通, 基礎) is no part of the name.
        ("本計畫開發雷射加工共通技術", [("雷射加工", 5, 9)]),
    ],
)
def test_where_an_item_begins_and_ends(
    chunker: Chunker, text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert found(text, chunker) == expected


def test_a_latin_gloss_in_brackets_is_no_item_and_ends_its_item(chunker: Chunker) -> None:
    """(Bird's Eye View) names 視覺轉換 in English: no Bird, Eye or View; a gloss between two
    words ends the first item (智慧代理(Agent)模型協作: two items)."""
    text = "運用AI影像3D視覺轉換(Bird's Eye View)、AI語義分割環境場景等技術"
    assert [t for t, _, _ in found(text, chunker)] == ["AI影像3D視覺轉換", "AI語義分割環境場景"]
    text = "聚焦於智慧代理(Agent)模型協作及晶片加速電路設計等關鍵技術"
    assert [t for t, _, _ in found(text, chunker)] == ["智慧代理", "模型協作", "晶片加速電路設計"]


def test_business_words_alone_qualify_no_object(chunker: Chunker) -> None:
    text = "本計畫建立整合的營運架構與射頻晶片。"
    assert recognised(text, chunker) == [("射頻晶片", 13)]


def test_a_vague_modifier_before_a_generic_word_alone_names_nothing(chunker: Chunker) -> None:
    """高科技|材料, 創新|製程: 'vague' modifiers say nothing of what the thing is; a modifier
    that does (低損耗) and a named field (先進封裝) stay."""
    assert found("科技專案結合高科技材料與感測技術", chunker, modifiers=True) == []
    text = "科技專案開發創新製程與低損耗材料"
    assert found(text, chunker, modifiers=True) == [("低損耗材料", 11, 16)]
    text = "科技專案開發先進封裝與創新材料"
    assert found(text, chunker, modifiers=True) == [("先進封裝", 6, 10)]
    assert load_settings().vague >= {"高科技", "創新"}


def test_a_space_between_latin_words_is_no_item_s_end(chunker: Chunker) -> None:
    """Ka band相控陣列收發模組: a space between two Latin words of letters is an English phrase
    (the item was band…); before a Chinese word a space still ends an item."""
    text = "本科技專案亦將開發Ka band相控陣列收發模組，將通訊距離"
    assert found(text, chunker, modifiers=True) == [("Ka band相控陣列收發模組", 9, 24)]
    assert found("科技專案開發AI 射頻晶片", chunker, modifiers=True) == [("射頻晶片", 9, 13)]


def test_an_item_ending_in_an_adjective_is_a_quality(chunker: Chunker) -> None:
    """菌絲皮革|耐用(a)及異味驗證: an item whose last word is an adjective names a quality
    (the head 驗證 is shared), no thing ('last_not'); the other items of the list stay."""
    text = "科技專案投入高強度纖維防護檢測、菌絲皮革耐用及異味驗證、運動服飾穩定效能量測等關鍵技術"
    assert found(text, chunker, modifiers=True) == [
        ("高強度纖維防護檢測", 6, 15),
        ("運動服飾穩定效能量測", 28, 38),
    ]


def test_a_one_character_prefix_glued_to_the_name_starts_it(chunker: Chunker) -> None:
    """半|固態電解質材料, 多|載具協控平臺: one of the chunker's 'prefixes', glued to the word after
    it, starts the name whatever jieba tags it (半 is a number to it); a number does not (三大)."""
    assert recognised("開發半固態電解質材料,沿用既有設備", chunker) == [("半固態電解質材料", 2)]
    assert recognised("科技專案開發三大試產線", chunker) == [("試產線", 8)]


def test_a_verb_of_linking_leads_no_object(chunker: Chunker) -> None:
    """透過串聯多元化照護系統: 串聯 (which jieba tags a place) links the things after it, so it
    is cut off the item's front ('lead_words'), as a work verb is."""
    text = "透過串聯多元化照護系統、智慧診斷輔助裝置及雲端服務,全面實施高齡長者口腔照護。"
    assert ("多元化照護系統", 4, 11) in found(text, chunker, modifiers=True)
    assert not any(name.startswith("串聯") for name, _, _ in found(text, chunker, modifiers=True))


def test_a_number_and_its_unit_in_front_is_no_part_of_the_object(chunker: Chunker) -> None:
    """10kW|燃料電池 is how much of a fuel cell: the object is 燃料電池, as the chunker's names
    are (rules/chunk.json 'units' after an SI prefix); 5G is no quantity."""
    s = chunker.settings
    settings = replace(load_settings(), units=s.units, unit_prefixes=s.marks.prefixes)

    def objects(text: str) -> list[tuple[str, int]]:
        found = work_objects(text, 0, chunker.tag, develops_settings(), settings, s.heads, s.tails)
        return [(m.text, m.start) for m in found]

    assert objects("本計畫建置10kW燃料電池與5G專網系統") == [("燃料電池", 9), ("5G專網系統", 14)]
    assert objects("本計畫開發28GHz射頻晶片") == [("射頻晶片", 10)]


def test_digits_and_a_measure_word_in_front_count_the_object(chunker: Chunker) -> None:
    """266|個|模型 is how many models: no name (模型 alone is generic); 30|臺|無人機 is 無人機.
    jieba tags digits as Latin, so the count is read from the measure word after them."""
    assert found("平台整合AI晶片與266個模型,供客戶使用。", chunker) == [("AI晶片", 4, 8)]

    assert found("科技專案開發30臺無人機與5G基地臺。", chunker) == [
        ("無人機", 9, 12),
        ("5G基地臺", 13, 18),
    ]


def test_a_verb_between_subject_and_object_makes_the_item_a_clause(chunker: Chunker) -> None:
    """無磷環保皮膜配方|替代|磷酸鹽: what replaces what, no name; 塑膠|替代|材料: the verb
    qualifies the head word right after it (objects.json 'clause_verbs')."""
    assert found("科技專案建立無磷環保皮膜配方替代磷酸鹽技術,應用於碳鋼伸線。", chunker) == []
    assert found("科技專案開發塑膠替代材料。", chunker) == [("塑膠替代材料", 6, 12)]


def test_an_item_ending_in_software_and_hardware_is_a_bundle(chunker: Chunker) -> None:
    """數位療法|軟硬體: whatever it takes to deliver a therapy, no technique (objects.json
    'abstract')."""
    assert found("科技專案開發數位療法軟硬體技術與AI晶片。", chunker) == [("AI晶片", 16, 20)]


def test_ji_joins_items_and_ends_no_quoted_name(chunker: Chunker) -> None:
    """暨 joins as 與 does (…工業應用暨高壓氫輸儲: two items; 應用 ends no name), and a quoted
    name ends before the 暨 of the techniques after it (…智慧製造暨關鍵技術)."""
    text = "科技專案發展低碳燃燒工業應用暨高壓氫輸儲技術。"
    assert found(text, chunker) == [("高壓氫輸儲", 15, 20)]
    text = "經濟部推動「模具產業鏈減碳智慧製造暨關鍵技術」與「智慧加工」。"
    assert found(text, chunker) == [("模具產業鏈減碳智慧製造", 6, 17)]


@pytest.mark.parametrize(
    "text",
    [
        "於重點產業領域提前布局下世代技術。",  # a qualifier of techniques ('abstract')
        "補助企業投入創新前瞻技術研發,從事創新研究。",
        "經濟部產業技術司主題館一口氣展示45項前瞻技術,其中",  # a count, and a qualifier
        "提供結合AI與晶片系統專業技術服務。",  # expertise
        "科技專案導入AI作為關鍵技術。",  # a role ('not_inside')
        "許多領域的研發除特別強調關鍵技術。",
        "(四)開發領先全球技術,協助產業保有國際競爭力。",  # an evaluation
        "科技專案運用AI建構數位化平臺。",  # a work verb between two words ('clause_verbs')
        "以生產數據輸入Azure平台。",
        "作法包括出海口開拓、設置循環技術暨創新研發專區。",  # 設置 leads ('lead_words')
    ],
)
def test_qualifiers_roles_and_clauses_are_no_objects(chunker: Chunker, text: str) -> None:
    assert found(text, chunker, modifiers=True) == []


def test_a_demonstrative_in_front_is_no_part_of_the_object(chunker: Chunker) -> None:
    """此一|6G…晶片: the text points at the chip it named before ('lead_words' 此)."""
    text = "專案將結合此一6G基頻運算多核心晶片。"
    assert found(text, chunker) == [("6G基頻運算多核心晶片", 7, 18)]


def test_green_materials_are_no_objects(chunker: Chunker) -> None:
    """綠色|材料: a vague modifier before a generic word ('vague'), a goal, no material."""
    assert found("供應商必須同步導入低碳製程與綠色材料。", chunker) == []


def test_what_a_thing_withstands_is_a_property(chunker: Chunker) -> None:
    """抗干擾技術, 耐高溫技術: a property ('property_starts' with no head after it); a
    coating or a material that withstands something is a thing."""
    assert found("科技專案開發抗干擾技術與AI晶片。", chunker) == [("AI晶片", 12, 16)]
    assert found("科技專案開發耐高溫塗層與抗干擾材料。", chunker) == [
        ("耐高溫塗層", 6, 11),
        ("抗干擾材料", 12, 17),
    ]


def test_a_list_of_kinds_of_bodies_names_no_technology(chunker: Chunker) -> None:
    """育成中心、加速器、企業創投與法人機構: most items end in a body's head word
    ('body_ends'), so 加速器 is a start-up accelerator; one body beside a chip is no such list."""
    text = "新創生態系夥伴踴躍參與,包括育成中心、加速器、企業創投與法人機構。"
    assert found(text, chunker) == []
    assert found("科技專案開發AI加速器與育成中心。", chunker) == [("AI加速器", 6, 11)]
