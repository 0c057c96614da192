"""Terms a document defines (graphkit.terms): what a gloss says a name is not."""

from __future__ import annotations

import pytest

from graphkit.records import Block, BlockKind, DocumentInfo, GlossaryRow, Label, Segmented
from graphkit.terms import TermLearner, classify


def _defined(text: str) -> list[tuple[Label, str]]:
    return [(d.term.label, d.term.name) for d in TermLearner().definitions(text)]


@pytest.mark.parametrize(
    "text",
    [
        "每年舉辦世界量子日(World Quantum Day, WQD)活動",
        "約佔國內生產毛額(Gross Domestic Product, GDP)的3.98%",
        "提升設備綜合效率(Overall Equipment Effectiveness, OEE)",
        "注意力不足過動症(Attention Deficit Hyperactivity Disorder, ADHD)",
        # An emissions target, and a generic word of the chunker's list, defined or not.
        "實現淨零排放(Net Zero Emission)",
        "強化系統整合(System Integration, SI)的競爭力",
        # A transition, a market, a metric of a material: the gloss's head says so.
        "推動綠色轉型(Green Transformation, GX)",
        "提高材料降伏強度(Yield Stress, YS)",
        "熱處理製程也是碳排熱點(Carbon Hotspot)",
        # An event and an industry, by their Chinese heads.
        "2024 年消費電子展(CES)主題",
        "Total 資通訊科技業 (ICT) 專業服務業",
        # A metric, a trial, a permit, a standard and a factory, by their Chinese heads.
        "陶瓷與金屬的熱膨脹係數(Coefficient of Thermal Expansion, CTE)有很大差異",
        "延伸率達20%,抗氫脆指標(Relative Reduction of Area, RRA)達0.94",
        "第三期臨床試驗(Phase III)證實藥物療效",
        "則可申請新藥上市許可(New Drug Application, NDA)",
        "則可符合全球回收標準(Global Recycled Standard, GRS)之規範",
        "二、電子代工廠(Electronics Manufacturing Services, EMS)啟動美國製造",
        # A procedure, by its Chinese head.
        "甚至必須開始建立起整個標準作業程序(SOP)。",
        # A duty, a dialogue and a ranking's title, by their Chinese heads.
        "首度在企業社會責任(CSR)特別獎獲得銅牌",
        "臺美經濟繁榮夥伴對話(EPPD)後,確立兩大產業",
        "連續五年獲選「全球百大創新機構(Top 100 Global Innovators)」",
        # A case (a corner case, a use case) and a part of the brain, by the gloss's head.
        "以及對邊角案例(Corner Case)",
        # An agreement signed (簽署 leads no name; 備忘錄 and 合約 end none).
        "並與鴻海研究院簽署合作備忘錄(MOU),共同推動",
        "並與廠商簽訂技術授權合約(License Contract)",
        "包括背外側前額葉(Dorsolateral Prefrontal Cortex, DLPFC)",
    ],
)
def test_days_metrics_and_diseases_are_no_technologies(text: str) -> None:
    assert _defined(text) == []


def test_a_federation_is_an_organisation() -> None:
    text = "另根據國際機器人聯合會(International Federation of Robotics, IFR)統計"
    assert _defined(text) == [(Label.ORGANIZATION, "國際機器人聯合會")]


def test_a_group_is_an_organisation_and_a_team_no_technology() -> None:
    """An English name ending in Group (a special interest group, a working group) names a
    body of people; 小組 (a team) is never a technology. 有 and 成立 lead no defined name."""
    text = "並成立機器人興趣小組(Special Interest Group, SIG)"
    assert _defined(text) == [(Label.ORGANIZATION, "機器人興趣小組")]
    assert _defined("另有產業聯盟(Industry Alliance, IA)") == [(Label.ORGANIZATION, "產業聯盟")]
    assert _defined("並成立機器人小組(Robot Team)") == []


def test_a_technology_gloss_stays() -> None:
    text = "開發碳化矽(Silicon Carbide, SiC)晶圓"
    assert _defined(text) == [(Label.TECHNOLOGY, "碳化矽")]


def test_glossary_rows_take_the_same_gloss_rules() -> None:
    rows = [("淨零排放", "Net Zero Emission"), ("系統整合", "System Integration, SI"),
            ("碳化矽", "Silicon Carbide, SiC")]  # fmt: skip
    blocks = tuple(Block(BlockKind.PARAGRAPH, zh, 0, record=GlossaryRow(zh, en)) for zh, en in rows)
    seg = Segmented(DocumentInfo("t.txt", "0", "test"), "", blocks)
    terms = TermLearner().learn(seg)
    assert [(t.label, t.name, t.abbr) for t in terms] == [(Label.TECHNOLOGY, "碳化矽", "SiC")]


def test_an_abbreviation_and_its_full_name() -> None:
    text = "・JSON：全名為 JavaScript Object Notation，這是一個輕量化的資料交換格式。"
    terms = [d.term for d in TermLearner().definitions(text)]
    assert [(t.label, t.name, t.name_en, t.abbr) for t in terms] == [
        (Label.TECHNOLOGY, "JSON", "JavaScript Object Notation", "JSON")
    ]


def test_a_space_before_the_parenthesis_needs_an_abbreviation() -> None:
    text = "基於標準通用標記語言 (Standard Generalized Markup Language, SGML) 而來"
    assert _defined(text) == [(Label.TECHNOLOGY, "標準通用標記語言")]
    assert _defined("・開放格式 (Open format)：資料必須採用開放的格式") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Leading verbs, adverbs and conjunctions are the clause, not the name ...
        ("開發低流動性液態金屬(Liquid Metal)", "低流動性液態金屬"),
        ("但現行熱介面材料(Thermal Interface Material, TIM)", "熱介面材料"),
        ("突破航空零組件之恆溫鍛造(Isothermal Forging)", "恆溫鍛造"),
        ("充分展現脂質奈米微粒(Lipid Nanoparticle, LNP)", "脂質奈米微粒"),
        # ... a prefix, a verb of the name and a name that starts with a noun stay.
        ("以超穎透鏡(Metasurface Lens, Metalens)", "超穎透鏡"),
        ("合成液體燃料(Power-to-Liquid, PtL)", "合成液體燃料"),
        ("軟體定義無線電(Software Defined Radio, SDR)", "軟體定義無線電"),
        # 中 is a particle to strip only where it is a word of its own.
        ("過去，計算是由中央處理單元(CPU)完成", "中央處理單元"),
        ("甚至必須開始建立起整個數據治理平臺(DGP)。", "數據治理平臺"),
        # One-character adverbs and auxiliaries before a cue word are the clause's too ...
        ("則可申請試驗用新藥(Investigational New Drug, IND)", "試驗用新藥"),
        # ... while before another verb they start the name.
        ("透過可解釋AI(Explainable AI, XAI)", "可解釋AI"),
        # The programme's subject (vocabulary 'subjects') ends the clause before the name.
        ("本科技專案開發液態金屬(Liquid Metal)", "液態金屬"),
    ],
)
def test_a_defined_name_starts_after_the_clause_around_it(text: str, name: str) -> None:
    assert _defined(text) == [(Label.TECHNOLOGY, name)]


def test_a_foreign_bodys_mechanism_and_an_act_are_regulations() -> None:
    assert _defined("以及歐盟碳邊境調整機制(Carbon Border Adjustment Mechanism, CBAM)") == [
        (Label.REGULATION, "歐盟碳邊境調整機制")
    ]
    assert _defined("並已提出清潔競爭法案(Clean Competition Act, CCA)") == [
        (Label.REGULATION, "清潔競爭法案")
    ]


def test_a_gloss_of_the_generic_compound_at_the_end_is_not_the_names() -> None:
    # "System Integration, SI" translates 系統整合 only: the name is kept without the gloss,
    # so that every …系統整合 of the document does not become one node through SI.
    text = "建立多供應商5G系統整合(System Integration, SI)驗證平台"
    terms = [d.term for d in TermLearner().definitions(text)]
    assert [(t.label, t.name, t.name_en, t.abbr) for t in terms] == [
        (Label.TECHNOLOGY, "多供應商5G系統整合", None, None)
    ]


def test_an_english_name_may_start_with_a_digit_when_it_has_words() -> None:
    assert _defined("特別是三維記憶體(3D Memory)的開發") == [(Label.TECHNOLOGY, "三維記憶體")]
    assert _defined("高強度原生鋁合金(7XXX)的製程") == []


def test_a_law_names_itself_by_its_head() -> None:
    text = "第一條為發展生技產業,特制定本條例。"
    blocks = (Block(BlockKind.PARAGRAPH, text, 0),)
    info = DocumentInfo("t.txt", "0", "test", title="生技新藥產業發展條例")
    terms = TermLearner().learn(Segmented(info, text, blocks))
    assert [(t.label, t.name, t.aliases) for t in terms] == [
        (Label.REGULATION, "生技新藥產業發展條例", ("本條例",))
    ]
    report = DocumentInfo("t.txt", "0", "test", title="產業技術白皮書")
    assert TermLearner().learn(Segmented(report, text, blocks)) == []
    # a sentence ending in 法 (a one-line news item's first line) and a method are no law
    for title in ("他提出看法,並檢討目前的方法", "資料分析法", "主成分分析法"):
        other = DocumentInfo("t.txt", "0", "test", title=title)
        assert TermLearner().learn(Segmented(other, text, blocks)) == [], title


def test_an_abbreviation_and_its_full_name_in_brackets_when_the_initials_spell_it() -> None:
    text = "可導入TSN (Time-Sensitive Networking)技術，並與CiA (CAN in Automation)合作"
    terms = [d.term for d in TermLearner().definitions(text)]
    assert [(t.label, t.name, t.name_en, t.abbr) for t in terms] == [
        (Label.TECHNOLOGY, "TSN", "Time-Sensitive Networking", "TSN")
    ]
    assert TermLearner().definitions("REDCAP (Reduced Capability)終端") == []


def test_a_foreign_research_funding_programme_is_a_programme() -> None:
    """A remark after the English name (計畫時程…) still leaves a definition; its 計畫 head, or
    an English name ending in Programme, makes it a Programme, not a technology."""
    terms = [
        d.term
        for d in TermLearner().definitions("參與歐盟研究計畫(Horizon Nova,計畫時程2023~2025年)")
    ]
    assert [(t.label, t.name, t.name_en, t.abbr) for t in terms] == [
        (Label.PROGRAMME, "歐盟研究計畫", "Horizon Nova", None)
    ]
    assert _defined("參與海洋探測研究(Ocean Research Programme)") == [
        (Label.PROGRAMME, "海洋探測研究")
    ]


def test_a_risk_management_framework_is_a_regulation() -> None:
    assert _defined("此外,風險治理框架(Model Risk Management Framework, MRMF)") == [
        (Label.REGULATION, "風險治理框架")
    ]
    assert _defined("此外,可信賴框架(Trusted Data Framework, TDF)") == [
        (Label.TECHNOLOGY, "可信賴框架")
    ]


@pytest.mark.parametrize(
    ("text", "name", "label", "kind"),
    [
        ("維持美國地質調查局(USGS)的預算", "美國地質調查局", Label.ORGANIZATION, "foreign body"),
        (
            "根據聯合國人類居住規劃署(UN-Habitat)報告",
            "聯合國人類居住規劃署",
            Label.ORGANIZATION,
            "foreign body",
        ),
        # at home the same head word is an agency's
        ("由經濟部標準檢驗局(BSMI)公告", "經濟部標準檢驗局", Label.AGENCY, None),
    ],
)
def test_a_body_a_foreign_place_starts_is_a_foreign_organisation(
    text: str, name: str, label: Label, kind: str | None
) -> None:
    [found] = TermLearner().definitions(text)
    assert (found.term.label, found.term.name, found.term.kind) == (label, name, kind)


def test_a_laws_numbered_definition_of_a_thing_is_a_technology() -> None:
    text = (
        "一、生技產業:指用於人類之新藥之產業。二、生技公司:指依公司法設立之公司。"
        "三、新藥:指經主管機關審定屬新成分之藥品。四、醫材:指第三等級之醫療器材。"
    )
    found = TermLearner().legal_definitions(text, block=2, offset=100)
    assert [(d.term.label, d.term.name, d.block, d.offset) for d in found] == [
        (Label.TECHNOLOGY, "新藥", 2, 139),
        (Label.TECHNOLOGY, "醫材", 2, 160),
    ]
    # Without its number it is a clause of prose, no definition.
    assert TermLearner().legal_definitions("所謂新藥:指經審定之藥品。") == []


def test_a_name_ending_in_a_service_is_no_organisation_whatever_its_english() -> None:
    cdmo = "Contract Development and Manufacturing Organization"
    assert classify("委託開發暨製造服務", cdmo) is Label.TECHNOLOGY
    assert classify("國際半導體產業協會", "SEMI Association") is Label.ORGANIZATION


def test_a_short_name_said_right_after_a_definition_is_its_alias() -> None:
    learner = TermLearner()
    text = "開發材料——奈米孔洞玻璃(Nano-Porous Glass, NPG)，簡稱NaPoGlass，並建立新模式。"
    (found,) = learner.definitions(text)
    assert (found.term.name, found.term.abbr, found.term.short_name) == (
        "奈米孔洞玻璃",
        "NPG",
        "NaPoGlass",
    )
    # a comma and no 簡稱: no short name
    (plain,) = learner.definitions("奈米孔洞玻璃(Nano-Porous Glass, NPG)，NaPoGlass材料")
    assert plain.term.short_name is None
    defined = "奈米孔洞玻璃(Nano-Porous Glass, NPG)，"
    shorts = {
        "又稱為多孔玻璃。": "多孔玻璃",  # 為 is the copula, not the name
        "簡稱NPG並廣泛用於顯示器。": "NPG",  # a Latin name ends where its letters do
        "以下簡稱本技術。": None,  # 本… points back, it names nothing
    }
    for rest, short in shorts.items():
        (d,) = learner.definitions(defined + rest)
        assert d.term.short_name == short, rest


def test_a_law_s_title_in_title_marks_is_defined_by_the_gloss_after_it() -> None:
    """日本依據《X法》(English Act, ABBR): the gloss after the closing title mark defines X法."""
    assert _defined("日本依據《產業安全推進法》(Industry Security Act, ISA)，推動") == [
        (Label.REGULATION, "產業安全推進法")
    ]
    (d,) = TermLearner().definitions("《產業安全推進法》(Industry Security Act, ISA)")
    assert (d.term.name_en, d.term.abbr) == ("Industry Security Act", "ISA")
    # without an abbreviation too; a title names no technology, whatever its ending
    assert _defined("依據《晶片法》(CHIPS Act)，推動") == [(Label.REGULATION, "晶片法")]
    # … unless it is a known term's title: the lexicon's 巴黎協定 (Paris Agreement) is a Regulation
    assert _defined("簽署《巴黎協定》(Paris Agreement)後") == [(Label.REGULATION, "巴黎協定")]
    assert _defined("簽署《巴黎宣言》(Paris Declaration)後") == []


def test_co_in_a_hyphenated_word_is_no_company_s_co() -> None:
    """Co-operation, Co-Packaged: 'Co' (en_stopwords: a company's Co.) only as a word of its own."""
    assert _defined(
        "採用經濟合作暨發展組織(Organization for Economic Co-operation and Development, OECD)及"
    ) == [(Label.ORGANIZATION, "經濟合作暨發展組織")]
    assert _defined("鴻海精密(Hon Hai Precision Industry Co., Ltd.)與") == []


def test_towards_is_no_part_of_a_defined_name() -> None:
    """X(…)朝Y(…): 朝 ('towards') before a definition is the clause's, not the name's."""
    text = "人機互動(Human-Machine Interaction, HMI)朝虛實融合(Online Merge Offline, OMO)發展"
    assert [name for _, name in _defined(text)] == ["人機互動", "虛實融合"]


def test_where_or_how_rare_a_thing_is_is_no_part_of_its_defined_name() -> None:
    text = "可提供國內唯一低介電係數材料(Low Dielectric Constant, Low-K)檢測"
    assert [name for _, name in _defined(text)] == ["低介電係數材料"]
    assert [n for _, n in _defined("建立唯一識別碼(Unique Identifier, UID)")] == ["唯一識別碼"]


def test_a_gloss_inside_an_event_s_title_defines_no_technology() -> None:
    """「高齡科技產業策略(SRB)會議」: an abbreviation alone in a meeting's title, no technology."""
    assert _defined("行政院召開「高齡科技產業策略(SRB)會議」,針對") == []
    assert _defined("行政院召開產業策略(SRB)論壇") == []
    assert _defined("發展矽光子(Silicon Photonics, SiPh)技術") == [(Label.TECHNOLOGY, "矽光子")]
    # spelled out in English, the name is the thing the event is about
    assert _defined("舉辦碳化矽(Silicon Carbide, SiC)論壇") == [(Label.TECHNOLOGY, "碳化矽")]


def test_a_definition_starts_after_a_copula() -> None:
    """政策當屬X: 當屬 (is, should be) joins a subject to the name, as 為 and 是 do."""
    assert _defined("歐盟最重要的政策當屬AI大陸行動計畫(AI Continent Action Plan),其目標") == [
        (Label.POLICY, "AI大陸行動計畫")
    ]


def test_a_boundary_word_inside_a_noun_cuts_nothing() -> None:
    """像 (like) is a boundary word, and part of the noun 影像: the name keeps it whole. Inside
    a verb or a function word a boundary cuts after that word (達到, 如同; cut_inside_flags)."""
    text = "雙波段影像融合技術(Dual-band Fusion Imaging):將熱成像與可見光影像融合"
    assert _defined(text) == [(Label.TECHNOLOGY, "雙波段影像融合技術")]
    text = "氫燃料電池作用如同油電複合動力車(Hybrid Electric Vehicle, HEV),可"
    assert _defined(text) == [(Label.TECHNOLOGY, "油電複合動力車")]
    assert _defined("突破現有Metalens在光學感測用途上達到影像(VGA, HD)等級") == []


def test_a_bound_attributive_is_a_quality_not_a_technology() -> None:
    """現貨|型(off-the-shelf): 型 alone after a word qualifies a thing; it names none."""
    assert _defined("現貨型(off-the-shelf)產品是各類型製劑重要的發展目標") == []
    assert _defined("以大型語言模型(Large Language Model, LLM)為基礎") == [
        (Label.TECHNOLOGY, "大型語言模型")
    ]


def test_an_institute_defined_by_a_short_name_in_yuan_is_a_body() -> None:
    # 塑膠院(PITH): an institute's short name, no technology; a foreign one is a foreign body.
    from graphkit.terms import classified

    assert classify("塑膠院", "PITH") is Label.ORGANIZATION
    assert classified("泰國國家科學研究院", "NSTDA") == (Label.ORGANIZATION, "foreign body")


def test_a_treatment_ending_in_fa_is_no_law() -> None:
    """法 ends a law's name and a treatment's or a method's too: a printed English name tells
    them apart (rules/terms.json 'gloss_heads'); without one, 法 is a law's."""
    assert _defined("於數位療法(Digital Therapeutic, DTx)領域") == [(Label.TECHNOLOGY, "數位療法")]
    assert classify("演算法", "Algorithm") is Label.TECHNOLOGY
    assert classify("淨零產業法", "Net-Zero Industry Act") is Label.REGULATION
    for law in ("醫療法", "預算法", "外國專業人才延攬及僱用法"):
        assert classify(law) is Label.REGULATION, law
    # a law's short name keeps its law
    assert _defined("依環境影響評估法(以下簡稱環評法)規定") == [
        (Label.REGULATION, "環境影響評估法")
    ]


def test_a_legislative_package_is_a_policy() -> None:
    text = "歐盟在2025年2月宣布了永續綜合簡化套案(EU Omnibus Simplification Package)"
    assert _defined(text) == [(Label.POLICY, "綜合簡化套案")]


def test_signing_is_no_part_of_a_defined_name() -> None:
    text = "並與甲公司簽署固態電解質模組(Solid Electrolyte Module, SEM)授權"
    assert _defined(text) == [(Label.TECHNOLOGY, "固態電解質模組")]


def test_to_have_is_no_part_of_a_defined_name() -> None:
    text = "讓受測者穿著具有慣性儀(IMU)和肌電儀(EMG Detector)感測服"
    assert _defined(text) == [(Label.TECHNOLOGY, "慣性儀"), (Label.TECHNOLOGY, "肌電儀")]


def test_a_known_terms_name_spelled_otherwise_takes_its_label() -> None:
    """The lexicon's 企業永續報導指令 (CSRD) is a Regulation: the text's 企業永續報告指令(CSRD)
    spells it otherwise (7 of its 8 characters in order), so it is that Regulation's name.
    An abbreviation naming a term whose name the definition does not spell types nothing."""
    assert _defined("包括企業永續報告指令(CSRD)、") == [(Label.REGULATION, "企業永續報告指令")]
    assert _defined("歐盟將推出永續產品生態設計規範(ESPR)") == [
        (Label.REGULATION, "產品生態設計規範")
    ]
    assert _defined("推動雲端運算(CSRD)發展") == [(Label.TECHNOLOGY, "雲端運算")]
    # The scheme SBIR (小型企業創新研發計畫) printed without its 計畫: the scheme, no activity.
    assert _defined("聚焦小型企業創新研發(SBIR)等計畫") == [
        (Label.SUBSIDY_SCHEME, "小型企業創新研發")
    ]
    # A place in front is where the body is: 日本羅姆(ROHM) is the lexicon's 羅姆半導體.
    assert _defined("美國Wolfspeed與日本羅姆(ROHM)仍為主要供應商") == [
        (Label.ORGANIZATION, "日本羅姆")
    ]
    # … a company's; another country's programme is no Taiwanese scheme of its abbreviation.
    assert _defined("美國小型企業創新研究(SBIR)計畫") == [
        (Label.TECHNOLOGY, "美國小型企業創新研究")
    ]
    # 4 of 8 characters in order (企業…指令) is under the 0.75 of rules/terms.json; 6 is not.
    assert _defined("包括企業環境揭露指令(CSRD)、") == [(Label.TECHNOLOGY, "企業環境揭露指令")]
    assert _defined("包括企業永續揭露指令(CSRD)、") == [(Label.REGULATION, "企業永續揭露指令")]


def test_a_short_name_of_a_body_or_a_technology_is_its_alias() -> None:
    """(以下簡稱X) shortens a body's name and a technology's alike (小型堆 for the reactor)."""
    for text, label, name, short in [
        ("由國家通訊傳播委員會(以下簡稱通傳會)審查", Label.AGENCY, "國家通訊傳播委員會", "通傳會"),
        ("推動小型模組化反應爐(以下簡稱小型堆)", Label.TECHNOLOGY, "小型模組化反應爐", "小型堆"),
    ]:
        (d,) = TermLearner().definitions(text)
        assert (d.term.label, d.term.name, d.term.aliases) == (label, name, (short,))
    # A kind (型式) is no technology, shortened or defined: as a definition's, its name is none.
    assert _defined("四、車輛型式(以下簡稱車型):指由製造廠宣告之型式") == []
    assert _defined("四、車輛型式(Vehicle Type):指由製造廠宣告之型式") == []
