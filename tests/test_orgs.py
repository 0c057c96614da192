"""Organisations by head word (graphkit.orgs): exact mentions on small hand-built blocks."""

from __future__ import annotations

import pytest

from graphkit.chunk import Chunker
from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.normalise import normalise
from graphkit.orgs import (
    OrgRecogniser,
    company_names,
    context_mentions,
    context_names,
    load_settings,
    maker_names,
    officer_names,
    org_names,
)
from graphkit.records import DatedEvent, Label, Mention
from graphkit.wholewords import whole_words
from tests.extract_docs import block, document


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


def _names(text: str, chunker: Chunker) -> list[tuple[str, str]]:
    found = org_names(chunker.tag(text), load_settings())
    return [(text[s:e], text[ps:pe]) for s, e, ps, pe, _ in found]


def _foreign(text: str, chunker: Chunker) -> list[tuple[str, bool]]:
    """The organisations by head word in ``text``, each with whether it is a foreign body."""
    found = org_names(chunker.tag(text), load_settings())
    return [(text[s:e], foreign) for s, e, _, _, foreign in found]


def test_a_name_before_a_head_word_is_an_organisation(chunker: Chunker) -> None:
    assert _names("根據美國衛星產業協會統計", chunker) == [("美國衛星產業協會", "美國衛星產業協會")]


def test_a_medical_school_is_named_by_its_head(chunker: Chunker) -> None:
    assert _names("此外，臺大醫學院與廠商研發的系統", chunker) == [("臺大醫學院", "臺大醫學院")]


def test_a_foundation_s_legal_name_ends_in_its_head(chunker: Chunker) -> None:
    """長庚醫療財團法人: 財團法人 at the end closes a hospital group's legal name; in front
    (財團法人工業技術研究院) it is the legal prefix, no name of its own."""
    assert _names("結合國家衛生研究院及長庚醫療財團法人，建立", chunker) == [
        ("長庚醫療財團法人", "長庚醫療財團法人")
    ]
    assert _names("由財團法人工業技術研究院執行", chunker) == []


def test_a_modifier_in_front_is_an_alias(chunker: Chunker) -> None:
    assert _names("與國立陽明交通大學", chunker) == [("國立陽明交通大學", "陽明交通大學")]


def test_a_verb_in_front_is_left_out(chunker: Chunker) -> None:
    assert _names("並徵詢臺灣工具機暨零組件工業同業公會", chunker) == [
        ("臺灣工具機暨零組件工業同業公會", "臺灣工具機暨零組件工業同業公會")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "與新創公司合作",
        "國內IC設計公司",
        "組成策略聯盟",
        # A company's status, and a questionnaire's item code, name no company.
        "如果發票是由上市櫃公司所開出",
        "Talent 2公司內部 AI 工程師能力",
    ],
)
def test_descriptions_and_fragments_are_no_names(text: str, chunker: Chunker) -> None:
    assert _names(text, chunker) == []


def test_recognise_gives_exact_mentions_outside_quotes(chunker: Chunker) -> None:
    text = "延續「臺灣人工智慧晶片聯盟」，並與國立陽明交通大學合作。"
    seg = document(block(text))
    start = text.index("國立")
    assert OrgRecogniser(chunker).recognise(seg) == [
        Mention(
            Label.ORGANIZATION,
            "國立陽明交通大學",
            0,
            start,
            start + 8,
            key="陽明交通大學",
            source="org-head",
        )
    ]


def test_a_dated_events_body_is_read_like_prose_and_other_rows_are_not(chunker: Chunker) -> None:
    """A chronology's entry (大事記) is prose: its bodies are found; a block with another
    kind of record, or of another kind, is not read."""
    text = "由工研院與國立中山大學共同展出。"
    event = DatedEvent("2025-06", "展出")
    seg = document(block(text, kind="event", record=event), block(text, kind="heading"))
    found = OrgRecogniser(chunker).recognise(seg)
    assert [(m.block, m.text, m.key) for m in found] == [(0, "國立中山大學", "中山大學")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("由工研院攜手國立中山大學共同展出", "國立中山大學"),
        ("並加入臺灣人工智慧晶片聯盟", "臺灣人工智慧晶片聯盟"),
        ("邀請美國衛星產業協會專家", "美國衛星產業協會"),
    ],
)
def test_a_verb_whose_object_is_a_body_leaves_the_name(
    text: str, name: str, chunker: Chunker
) -> None:
    """攜手, 加入, 邀請 … take a body (orgs.json partner_verbs)."""
    assert [found for found, _ in _names(text, chunker)] == [name]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("去年收購德國Siltronic公司", [("德國Siltronic公司", "Siltronic")]),
        ("培育清華大學學生", [("清華大學", "清華大學")]),
        ("並處理臺灣人工智慧晶片聯盟", [("臺灣人工智慧晶片聯盟", "臺灣人工智慧晶片聯盟")]),
        # Led by a common word after a verb, the run is a piece of a longer name.
        ("並處理人工智慧晶片聯盟", []),
        # 石化 is an abbreviation of a sector (jieba 'j'), no proper name of its own.
        ("技轉國內石化傳產公司", []),
    ],
)
def test_a_run_led_by_a_proper_word_is_a_name_after_any_verb(
    text: str, found: list[tuple[str, str]], chunker: Chunker
) -> None:
    """orgs.json led_flags: 收購|德國…, 培育|清華大學: the verb is the name's, not a piece of it."""
    assert _names(text, chunker) == found


def test_a_venue_word_starts_no_name(chunker: Chunker) -> None:
    """假臺大醫院…舉辦: 假 is 'at' (orgs.json not_first), not part of the hospital's name."""
    assert _names("經濟部於8月12日假臺大醫院國際會議中心舉辦", chunker) == [
        ("臺大醫院", "臺大醫院")
    ]


def test_a_latin_company_is_named_without_place_and_head(chunker: Chunker) -> None:
    assert _names("由美國Wolfspeed公司主導", chunker) == [("美國Wolfspeed公司", "Wolfspeed")]


def test_a_body_led_by_a_foreign_place_is_a_foreign_body(chunker: Chunker) -> None:
    found = org_names(chunker.tag("根據美國衛星產業協會統計，臺灣電路板協會指出"), load_settings())
    assert [f[4] for f in found] == [True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依據日本經濟產業省報告", [("日本經濟產業省", True)]),
        ("美國商務部宣布", [("美國商務部", True)]),  # one word of jieba's
        ("美國專利商標局", [("美國專利商標局", True)]),
        # At home a ministry is an agency (the lexicon's); common words are no bodies.
        ("由經濟部產業發展署", []),
        ("美國幹部", []),
        ("中國大陸部分", []),
    ],
)
def test_a_foreign_government_body_by_its_head(
    text: str, expected: list[tuple[str, bool]], chunker: Chunker
) -> None:
    assert _foreign(text, chunker) == expected


def _context(text: str) -> list[str]:
    return [text[s:e] for s, e in context_names(text, load_settings())]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A source cited, a footnote mark after it left out of the name: a space once normalised
        # (³ then a space is two), or a digit in text that had one.
        ("根據Global Growth Insights3 預測，市場將成長", ["Global Growth Insights"]),
        (normalise("根據Oxford Economics¹ 估計，市場"), ["Oxford Economics"]),
        ("根據GII2報告，SiC作為第三代半導體核心", ["GII"]),
        # A report's years between the source and the report (no year: 根據AI 技術報告 names none,
        # nor a year before no report: 根據COVID 2020年疫情影響的分析, 根據ISO 14001標準的評估).
        ("依據Technavio 2024~2029年全球無人機市場報告，預測", ["Technavio"]),
        ("根據COVID 2020年疫情影響的分析", []),
        ("根據ISO 14001標準的評估", []),
        (
            "依據 Open Knowledge Foundation 的定義，要被認定為開放資料",
            ["Open Knowledge Foundation"],
        ),
        # An English head noun, with its "of …" tail; a legal form after a comma.
        (
            "另根據國際機器人聯合會(International Federation of Robotics, IFR)統計",
            ["International Federation of Robotics"],
        ),
        # The "of …" tail runs to its last capitalised word (a hyphen inside a word).
        (
            "經濟合作暨發展組織(Organization for Economic Co-operation and Development, OECD)",
            ["Organization for Economic Co-operation and Development"],
        ),
        # … but no abbreviation or other name after it (IFR, NVIDIA).
        (
            "依International Federation of Robotics IFR統計",
            ["International Federation of Robotics"],
        ),
        ("與Department of Energy and NVIDIA合作", ["Department of Energy"]),
        (
            "affiliated with KPMG International Limited, a private English company",
            ["KPMG International Limited"],
        ),
        ("資料由Global Information, Inc.提供", ["Global Information, Inc."]),
        # Partners: 攜手X, 與X…合作, and a quoted partner.
        ("工研院攜手Metalenz開發超穎透鏡", ["Metalenz"]),
        ("並與Applied Materials公司共同開發設備", ["Applied Materials"]),
        ("目前已與國內手工具界的隱形冠軍「英發企業」合作", ["英發企業"]),
        # A title-case Latin name right after the noun of what it is.
        ("與阿里巴巴、AI新創DeepSeek創辦人會面", ["DeepSeek"]),
        ("法國乳品大廠Danone以125億美元併購", ["Danone"]),
        # A listed company by its stock code; a year in brackets (a citation) is none.
        ("〔記者方韋傑／台北報導〕鴻海（2317）受惠於合作夥伴", ["鴻海"]),
        ("並與大立光（3008）合作，資料來源：經濟部（2025）", ["大立光"]),
        ("，攜手大立光（3008）開發", []),
        # A name in capitals after a kind of firm; no technology's abbreviation (GPU).
        ("徠通科技則與西班牙工具機大廠ONA合作", ["ONA"]),
        ("國際大廠GPU需求", []),
    ],
)
def test_names_by_their_context(text: str, names: list[str]) -> None:
    assert _context(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "與LLM合作開發應用",  # an abbreviation is no partner
        "與「智慧製造技術」合作",  # a quoted technique is no partner
        "可程式邏輯控制器(Programmable Logic Controller, PLC)",  # PLC is no legal form
        "根據市場預測，2030年產值將達1,000億美元",  # no Latin name cited
        "Risk Management Framework",  # no organisation's head noun
        "轉型升級為整車廠Tier1供應商",  # a tier, not a name: digits
        "協助企業ESG轉型",  # capitals only: an abbreviation
        "協助企業Net Zero轉型",  # 企業 is no kind of firm
        "國際大廠Apple Watch銷量",  # a product: a capitalised word follows
        "歐洲車廠Tesla Model Y熱銷",
    ],
)
def test_contexts_that_name_no_organisation(text: str) -> None:
    assert _context(text) == []


def test_context_names_are_mentions_of_their_own_source(chunker: Chunker) -> None:
    text = "根據Global Growth Insights3 預測，市場將成長。"
    seg = document(block(text))
    assert OrgRecogniser(chunker).recognise(seg) == [
        Mention(Label.ORGANIZATION, "Global Growth Insights", 0, 2, 24, source="org-context")
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("衛生福利部國民健康署推動", ["衛生福利部國民健康署"]),
        ("由經濟部能源署與交通部航港局合作", ["經濟部能源署", "交通部航港局"]),
        ("與國家災害防救科技中心共同", ["國家災害防救科技中心"]),
        # An office named after what it promotes: 推動 is no verb right before 辦公室.
        ("經濟部循環經濟推動辦公室諮詢顧問", ["經濟部循環經濟推動辦公室"]),
        ("經濟部推動智慧機械中心", []),
        # 及 inside one body's name; not before another ministry's (two bodies).
        ("赴立法院教育及文化委員會進行專題報告", ["立法院教育及文化委員會"]),
        ("國科會前瞻及應用科技處 林冠儀科長", ["國科會前瞻及應用科技處"]),
        ("由經濟部及交通部民用航空局合作", ["交通部民用航空局"]),
        # A national research institute's unit; what the institute built is none.
        ("工研院智慧機械科技中心組長表示", ["工研院智慧機械科技中心"]),
        ("工研院建立矽光量測實驗室", []),
        (
            "工研院綠能所所長、資策會數位轉型所所長、金屬中心微成型研發處處長",
            ["工研院綠能所", "資策會數位轉型所", "金屬中心微成型研發處"],
        ),
        ("工研院研發所需的設備", []),
        # The 司 of 公司 heads no department (a ministry and a firm).
        ("院長已請經濟部及台電公司", []),
        # A foreign national body, a verb or a plan's 布局 in the body: no agency.
        ("美國國家標準暨技術研究院", []),
        ("經濟部補助業者研發中心", []),
        ("經濟部科技施政布局", []),
        ("國家級研究中心", []),
    ],
)
def test_agencies_by_their_structure(text: str, names: list[str]) -> None:
    found = context_names(text, load_settings(), Label.AGENCY)
    assert [text[s:e] for s, e in found] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("印度政府在2026年預算中宣布", [("印度政府", True)]),
        ("美國政府與日本政府", [("美國政府", True), ("日本政府", True)]),
        # At home, or no place: no foreign body.
        ("臺北市政府", []),
        ("各國政府則更深入確認", []),
        ("我國政府推動", []),
        # 簽署 ends in 署 but is a verb: no body.
        ("美國總統拜登簽署了美國第一份行政命令", []),
    ],
)
def test_a_foreign_government_is_a_foreign_body(
    text: str, names: list[tuple[str, bool]], chunker: Chunker
) -> None:
    assert _foreign(text, chunker) == names


def test_a_foreign_government_alone_in_its_clause_is_found(chunker: Chunker) -> None:
    """No other head word in the clause: the foreign place and 政府 make it worth reading."""
    text = "印度政府在2026年預算中宣布"
    seg = document(block(text))
    assert OrgRecogniser(chunker).recognise(seg) == [
        Mention(Label.ORGANIZATION, "印度政府", 0, 0, 4, source="org-head", kind="foreign body")
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "未來市場上Metalenz、STMicroelectronics與ADI將陸續布局其商品化",
            ["Metalenz", "STMicroelectronics", "ADI"],
        ),
        ("NVIDIA亦推出地球數位雙生平台", ["NVIDIA"]),
        ("自2022年OpenAI推出ChatGPT", ["OpenAI"]),
        # Technologies are no agents of a company's verbs, nor of 量產.
        ("SiC、GaN將陸續量產", []),
        ("5G推出後", []),
    ],
)
def test_latin_names_doing_what_companies_do(text: str, names: list[str]) -> None:
    assert _context(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a space between two Latin words is part of the name, not before or after one
        ("並與Ocumension Bio公司合作", [("Ocumension Bio公司", "Ocumension Bio")]),
        (
            "並與Ocumension Bio Pharma公司合作",
            [("Ocumension Bio Pharma公司", "Ocumension Bio Pharma")],
        ),
        ("並與臺灣 Acme公司合作", [("Acme公司", "Acme")]),
        ("並與 Acme Bio公司合作", [("Acme Bio公司", "Acme Bio")]),
        # a rejected candidate leaves the next one of the clause to be read
        ("並徵詢上市櫃公司與國立陽明交通大學", [("國立陽明交通大學", "陽明交通大學")]),
        ("處理工業同業公會、國立中山大學", [("國立中山大學", "中山大學")]),
        ("Talent 2公司與國立中山大學", [("國立中山大學", "中山大學")]),
        ("甲公司與國立中山大學", [("國立中山大學", "中山大學")]),
        ("財政部與國立中山大學合作", [("國立中山大學", "中山大學")]),
        # a Latin word before an activity is what the body does (IC|設計|公司)
        ("並與IC設計公司合作", []),
        ("並與Acme公司合作", [("Acme公司", "Acme")]),
    ],
)
def test_names_of_a_clause_read_one_after_another(
    text: str, names: list[tuple[str, str]], chunker: Chunker
) -> None:
    assert _names(text, chunker) == names


def test_a_name_led_by_any_foreign_place_is_a_foreign_body(chunker: Chunker) -> None:
    """A place jieba tags (ns) and no home place leads the name: 巴拿馬 is no listed country."""
    assert _foreign("並與巴拿馬運河公司合作", chunker) == [("巴拿馬運河公司", True)]
    assert _foreign("並與新竹科技公司合作", chunker) == [("新竹科技公司", False)]


def test_the_settings_hold_their_words_longest_first_and_check_them() -> None:
    """Head words, modifiers and foreign heads are tried longest first (股份有限公司 before
    公司); the settings come from the data given, and a missing or empty required list, or a
    length below its minimum, is an error naming rules/orgs.json and the field."""
    s = load_settings()
    for words in (s.heads, s.modifiers, s.foreign_heads):
        assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)
    assert s.heads[0] == "股份有限公司"
    base = dict(rules("orgs"))
    assert load_settings({**base, "heads": ["集團"], "min_chars": 1, "max_chars": 2}).heads == (
        "集團",
    )
    for field, value in (
        ("heads", []),
        ("flags", []),
        ("proper_flags", []),
        ("min_chars", 0),
        ("surnames", ""),
        ("person_flags", []),
        ("surnames", 3),
    ):
        with pytest.raises(SchemaError, match=f"rules/orgs.json: field '{field}'"):
            load_settings({**base, field: value})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A head token that is a generic word itself: a parent company, not a name.
        ("Google母公司Alphabet則投資自駕新創", []),
        # A generic word after a place: Eurasian institutions, a US research centre.
        ("美國雲端服務商及歐亞機構擴大資本支出", []),
        ("在美國研究中心進行驗證", []),
        ("歐洲市場研究機構預估需求成長", []),
        ("韓國研究中心與英國商學院合作", []),
        # 中心 closes a foreign body's name after a foreign place (orgs.json foreign_heads).
        ("比利時微電子研究中心宣布", [("比利時微電子研究中心", True)]),
        # A time word in front is a boundary (orgs.json left_flags 't').
        ("科技專案汲取過往臺灣自行車產業聯盟的經驗", [("臺灣自行車產業聯盟", False)]),
        ("過往國際半導體產業協會指出", [("國際半導體產業協會", False)]),
        # ... but a home place and a bare head word is no name, as a foreign place's is.
        ("今年台灣公司普遍加薪", []),
        ("去年台南公司也投入", []),
        ("去年新竹科技公司也投入", [("新竹科技公司", False)]),
        # Places before a generic word hold no name (矽谷 in foreign_places, 市中心 not_heads).
        ("並於美國矽谷研發中心進行驗證", []),
        ("進駐美國德州研發中心", []),
        ("到日本東京市中心的購物中心訪問", []),
        ("美國疾病管制中心發布警訊", [("美國疾病管制中心", True)]),
    ],
)
def test_generic_heads_foreign_centres_and_time_words(
    text: str, found: list[tuple[str, bool]], chunker: Chunker
) -> None:
    assert _foreign(text, chunker) == found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A Latin name in mixed case right before 公司 or 集團, whatever is before it.
        ("現階段僅有Apellis公司的Syfovre及Iveric Bio公司的Izervay", ["Apellis", "Iveric Bio"]),
        ("以125億美元併購WhiteWave公司", ["WhiteWave"]),
        ("國內IC設計公司與AI公司", []),
        # 公司 before a noun it qualifies is the user's, not the product's (head_continues).
        ("許多企業導入ChatGPT公司內部效率提升", []),
        ("員工以Copilot公司帳號登入,使用Excel公司報表", []),
        ("Tesla公司表示將在德國設廠", ["Tesla"]),
        # A single Latin name given as the example of a kind of body, in brackets.
        ("成功迴避國際大廠(如:Arbutus)的配方專利", ["Arbutus"]),
        # A source cited with its year in front and its abbreviation after it.
        ("依據2025年Drone Industry Insights (DII)發布無人機市場報告", ["Drone Industry Insights"]),
        # A title-case name after 國際組織.
        ("並加入國際組織CiA(CAN in Automation)", ["CiA"]),
    ],
)
def test_latin_names_by_their_context(text: str, names: list[str]) -> None:
    s = load_settings()
    assert [text[a:b] for a, b in context_names(text, s)] == names


def test_a_body_ending_on_the_first_character_of_a_word_is_no_mention(chunker: Chunker) -> None:
    """orgs.json not_body_before: 將聯合|國內顯示產業鏈業者 names no 聯合國 (a lexicon body)."""
    text = "本科技專案將聯合國內顯示產業鏈相關業者,並參考聯合國報告"
    seg = document(block(text))
    at = [text.index("聯合國"), text.rindex("聯合國")]
    found = [Mention(Label.ORGANIZATION, "聯合國", 0, a, a + 3, key="聯合國", source="lexicon")
             for a in at]  # fmt: skip
    kept = whole_words(seg, found, chunker, frozenset({"lexicon"}))
    assert [m.start for m in kept] == [at[1]]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A word jieba does not know, a company's ending, and what a firm does after it.
        ("京元電子宣布擴大測試產能", ["京元電子"]),
        ("慧榮科技也推出新款控制晶片", ["慧榮科技"]),
        # A field, not a firm: the name does nothing, or its stem is a known word.
        ("科技專案發展低碳科技", []),
        ("汽車電子宣布", []),
        ("法遵科技的應用", []),
        # A numeral is no piece of the name (stem_not_chars): 兩|大|電子 is 'two big makers'.
        ("兩大電子宣布", []),
        # The stem starts after a boundary or a joiner, not after a lone verb (_parts).
        ("由京元電子宣布", ["京元電子"]),
        ("暨京元電子宣布", ["京元電子"]),
        ("看京元電子宣布", []),
        # Two countries' one-character names (place_chars) are no stem; 台達 still is one.
        ("台日科技投資合作可望加速", []),
        ("台達電子宣布擴產", ["台達電子"]),
    ],
)
def test_a_firm_by_its_ending_when_it_acts(text: str, names: list[str], chunker: Chunker) -> None:
    """orgs.json company_endings, stem_not_flags, actor_words."""
    found = company_names(chunker.tag(text), load_settings())
    assert [text[s:e] for s, e in found] == names


def test_a_firm_listed_abroad_by_its_ky_suffix() -> None:
    """orgs.json context 'listed_abroad': 貿聯-KY, after a boundary (not 臻鼎|科技-KY: a
    lookbehind); a sector's word before -KY (生技-KY類股) names stocks, no firm; the firm is
    known by its name without -KY (group 'key')."""
    text = "貿聯-KY與信邦今年營收成長，世芯-KY則下修財測，生技-KY類股、半導體-KY族群走強"
    assert [text[a:b] for a, b in context_names(text, load_settings())] == ["貿聯-KY", "世芯-KY"]
    text = "並由臻鼎控股-KY主導,臻鼎-KY宣布擴產"
    found = context_mentions(text, load_settings())
    assert [(text[a:b], k and text[k[0] : k[1]]) for a, b, k in found] == [("臻鼎-KY", "臻鼎")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Abbreviations of roles and technologies (not_latin_names), and 首席, name no body.
        ("GPU首席架構師說明,ESG首席顧問談永續", []),
        ("CFO財務長說明,CEO執行長出席,SoC首席工程師表示", []),
        ("NVIDIA首席科學家與AMD執行長會面", ["AMD"]),
    ],
)
def test_no_body_by_a_roles_or_a_technologys_abbreviation(text: str, names: list[str]) -> None:
    assert [text[a:b] for a, b in context_names(text, load_settings())] == names


def test_a_firm_by_its_ending_and_its_legal_form(chunker: Chunker) -> None:
    """orgs.json legal_forms: 京元電子股份有限公司 is a firm, named with its legal form; a bare
    公司 after a field's words is no legal form (低碳科技公司: a kind of firm)."""
    s = load_settings()
    for text, names in (("京元電子股份有限公司今日公告", ["京元電子股份有限公司"]),
                        ("發展低碳科技公司", [])):  # fmt: skip
        assert [text[a:b] for a, b in company_names(chunker.tag(text), s)] == names


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("與美國商務部合作", [("美國商務部", True)]),
        ("向美國專利商標局申請", [("美國專利商標局", True)]),
        ("美國聯邦航空總署核准", [("美國聯邦航空總署", True)]),
        ("日本經濟產業省宣布", [("日本經濟產業省", True)]),
        ("美國聯邦通訊委員會核准", [("美國聯邦通訊委員會", True)]),
        ("與德國弗勞恩霍夫研究院合作", [("德國弗勞恩霍夫研究院", True)]),
        ("美國國家再生能源實驗室指出", [("美國國家再生能源實驗室", True)]),
        ("印度政府宣布", [("印度政府", True)]),
        ("與日本產業技術綜合研究機構合作", [("日本產業技術綜合研究機構", True)]),
        ("與美國麻省理工學院合作", [("美國麻省理工學院", True)]),
        # Common words with those endings (not_heads), generic ones after a place.
        ("美國幹部表示", []),
        ("美國總部設於", []),
        ("美國研究機構指出", []),
        # At home, a ministry is an agency, no foreign body.
        ("與經濟部合作", []),
    ],
)
def test_each_foreign_head_closes_a_foreign_body(
    text: str, found: list[tuple[str, bool]], chunker: Chunker
) -> None:
    """orgs.json foreign_heads: 部, 局, 總署, 省, 委員會, 研究院, 實驗室, 政府, 機構, 學院."""
    assert _foreign(text, chunker) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("並與中國科學院合作", [("中國科學院", True)]),
        ("國泰世華銀行推出綠色融資", [("國泰世華銀行", False)]),
        ("向商業銀行融資", []),
        # A technology's abbreviation is no proper name (not_latin_names); 人才銀行 generic.
        ("政府打造AI人才銀行", []),
        ("世界銀行預估成長趨緩", [("世界銀行", False)]),
    ],
)
def test_academies_abroad_and_banks(
    text: str, found: list[tuple[str, bool]], chunker: Chunker
) -> None:
    """orgs.json foreign_heads 科學院/學院 (after a foreign place), heads 銀行 (a proper name
    before it; 商業銀行 is generic)."""
    assert _foreign(text, chunker) == found


def test_a_short_name_in_brackets_names_the_body_all_through(chunker: Chunker) -> None:
    """orgs.json short_name: 京元電子股份有限公司(京元電) then 京元電指出 is the same body; a short
    name whose characters words of the segmenter's hold (社群|聯繫 for 群聯) is none."""
    first = "京元電子股份有限公司(京元電)與群聯電子股份有限公司(群聯)今日公告營收"
    later = "京元電指出測試需求暢旺,群聯表示社群聯繫頻繁"
    found = OrgRecogniser(chunker).recognise(document(block(first), block(later)))
    shorts = [(m.block, m.start, m.text, m.key) for m in found if m.text in ("京元電", "群聯")]
    assert shorts == [
        (0, 11, "京元電", "京元電子股份有限公司"),
        (0, 27, "群聯", "群聯電子股份有限公司"),
        (1, 0, "京元電", "京元電子股份有限公司"),
        (1, 12, "群聯", "群聯電子股份有限公司"),
    ]


def test_a_short_name_that_is_a_common_word_names_nothing(chunker: Chunker) -> None:
    """orgs.json short_not_flags, proper_words: 中華 (a word starting many names) and 統一 (a
    verb) abbreviate nothing; 京元電 still does."""
    text = (
        "中華航空股份有限公司(中華)、統一企業股份有限公司(統一)與京元電子股份有限公司(京元電)"
        "宣布,中華文化節登場,統一規格,京元電指出"
    )
    found = OrgRecogniser(chunker).recognise(document(block(text)))
    assert [m.text for m in found if m.key] == ["京元電", "京元電"]
    common = OrgRecogniser(chunker)._common
    assert [common(w) for w in ("統一", "聯合", "華南", "中華", "京元電", "群聯", "華航")] == [
        True, True, True, True, False, False, False
    ]  # fmt: skip


def test_a_latin_name_before_an_officers_title_is_a_body() -> None:
    """orgs.json context 'led_by': the body an officer leads (OpenAI執行長, NVIDIA創辦人); an
    abbreviation of two capitals (AI執行長) is none."""
    text = "OpenAI執行長Sam Altman與NVIDIA創辦人會面,談AI執行長的角色"
    assert [text[a:b] for a, b in context_names(text, load_settings())] == ["OpenAI", "NVIDIA"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("華碩雲端暨臺智雲總經理吳漢章觀察", ["臺智雲"]),
        ("公司總經理表示", []),
        ("該集團董事長指出", []),
        ("並由本會執行長說明", []),
        ("三家電子董事長出席", []),
        # A person's name before the title (orgs.json surnames, person_flags).
        ("林佳慧總經理指出", []),
        ("上銀科技卓永財董事長也到場", []),
        ("宏碁陳俊聖董事長指出", []),
        ("由何雪聲總經理說明", []),
        ("華碩施崇棠董事長與臺智雲總經理出席", ["臺智雲"]),
    ],
)
def test_a_body_by_an_unknown_word_before_an_officers_title(
    text: str, names: list[str], chunker: Chunker
) -> None:
    """orgs.json officer_titles, stem_not_flags, stem_not_chars, surnames, person_flags."""
    found = officer_names(chunker.tag(text), load_settings())
    assert [text[s:e] for s, e in found] == names


def test_a_federation_and_a_short_name_not_starting_with_its_first_character(
    chunker: Chunker,
) -> None:
    """orgs.json heads 總會; short_name: 工總 abbreviates 全國工業總會 (its characters in order)."""
    text = "中華民國全國工業總會(工總)發表白皮書,工總並邀集會員"
    found = OrgRecogniser(chunker).recognise(document(block(text)))
    assert [(m.start, m.text, m.key) for m in found] == [
        (0, "中華民國全國工業總會", None),
        (11, "工總", "中華民國全國工業總會"),
        (20, "工總", "中華民國全國工業總會"),
    ]


def test_a_glossed_chinese_name_cited_as_a_body() -> None:
    """orgs.json context 'cited_glossed': 根據綠色和平(Greenpeace)組織分析; a technique with its
    gloss (機器學習(Machine Learning)分析) is no body."""
    text = "根據綠色和平(Greenpeace)組織分析,根據機器學習(Machine Learning)分析"
    assert [text[a:b] for a, b in context_names(text, load_settings())] == ["綠色和平"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("並藉由表面處理工業同業公會作為", "表面處理工業同業公會"),
        ("依據經濟部統計處及臺灣自行車輸出業同業公會資料顯示", "臺灣自行車輸出業同業公會"),
        # Two verbs of jieba's in a row (鑄造|品).
        ("政府與臺灣鑄造品公會積極推動綠色鑄造", "臺灣鑄造品公會"),
    ],
)
def test_a_trade_associations_name_holds_its_trades_verb(
    text: str, name: str, chunker: Chunker
) -> None:
    """orgs.json verb_inside_heads: 公會's name holds 處理, 輸出 between two of its words (a verb
    in front still starts none: test_a_verb_in_front_is_left_out)."""
    assert _names(text, chunker) == [(name, name)]


def test_local_governments_are_agencies() -> None:
    # 市政府 is one of 'not_heads' (no foreign body ends in it), yet a home city's or county's
    # government is a Taiwanese government body.
    text = "臺南市政府積極串聯產學研資源，與新竹縣政府合作；美國地方政府"
    found = context_names(text, load_settings(), Label.AGENCY)
    assert [text[s:e] for s, e in found] == ["臺南市政府", "新竹縣政府"]


def test_a_local_government_glued_to_another_place_is_none() -> None:
    """local_government's lookbehind: a listed city's or county's name right after two characters
    and 市 or 縣 ends another place's name (雲林縣|嘉義市政府), no government of its own."""
    text = "雲林縣嘉義市政府，嘉義市政府"
    found = context_names(text, load_settings(), Label.AGENCY)
    assert [(s, text[s:e]) for s, e in found] == [(9, "嘉義市政府")]


def test_a_world_region_listed_with_bodies_is_no_body() -> None:
    # 與歐盟、東南亞合作: the list passes 歐盟's label on, but 東南亞 is where, not who.
    from graphkit.knowledge import all_lexicon_terms
    from graphkit.resolve import Resolver

    found = Resolver(all_lexicon_terms(), ()).resolve(
        [
            Mention(Label.ORGANIZATION, "歐盟", 0, 0, 2, source="list"),
            Mention(Label.ORGANIZATION, "東南亞", 0, 3, 6, source="list"),
            Mention(Label.ORGANIZATION, "中東", 0, 7, 9, source="list"),
        ]
    )
    assert [(f.term.label, f.term.name) for f in found] == [(Label.ORGANIZATION, "歐盟")]


def test_a_deputys_title_names_no_body(chunker: Chunker) -> None:
    # 副|執行長: what comes before is as often a person's name (X宏|副 is no body); the plain
    # title after an unknown word still names one.
    text = "會後文宏副執行長表示,另有華碩雲端暨台智雲總經理出席"
    found = officer_names(chunker.tag(text), load_settings())
    assert [text[s:e] for s, e in found] == ["台智雲"]


def test_an_institutes_branch_is_an_agency() -> None:
    # agency_context institute_branch (…分院); a joiner after the institute's name starts no
    # unit (工研院與清大研究所合作: two bodies, a partnership), nor does one inside a unit's name.
    text = "工研院南分院副主任出席,工研院電子與光電系統研究所指出,工研院與清大研究所合作"
    found = context_names(text, load_settings(), Label.AGENCY)
    assert [text[s:e] for s, e in found] == ["工研院南分院"]


def test_a_body_before_a_model_number_is_named(chunker: Chunker) -> None:
    # orgs.json model_nouns/maker_flags: 長榮|787|客機 names the airline; a verb (採用), a
    # country (美國) or a technology's abbreviation (高階|AI) before the code names none.
    text = "改由長榮787客機載運,採用M2晶片,美國F16戰機,中高階AI晶片"
    found = maker_names(chunker.tag(text), load_settings())
    assert [text[s:e] for s, e in found] == ["長榮"]


def test_a_partners_university_department_is_an_organisation() -> None:
    # context university_department: X大…系/所 between a partner's cue and 合作/團隊; 擴大…系
    # elsewhere (擴大生態系) and a 體系 are none.
    text = "並與清大材料所團隊開發,擴大生態系範疇,與擴大產業體系合作"
    found = context_names(text, load_settings())
    assert [text[s:e] for s, e in found] == ["清大材料所"]


def test_a_firm_that_owns_subsidiaries_is_named(chunker: Chunker) -> None:
    # actor_words 旗下: X科技旗下 (X's subsidiaries) is a firm; a field's 低碳科技 owns nothing.
    text = "京達科技旗下子公司,發展低碳科技"
    found = company_names(chunker.tag(text), load_settings())
    assert [text[s:e] for s, e in found] == ["京達科技"]
