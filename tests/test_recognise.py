import pytest

from graphkit.loaders.moea_whitepaper import Kind
from graphkit.read import read
from graphkit.recognise import Recogniser, build_pipeline, patterns_for
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Segmented, Term
from graphkit.segment import segment
from tests.corpus import corpus_file


def seg_of(*texts: str) -> Segmented:
    info = DocumentInfo(source="t.txt", sha256="0", family="test")
    blocks = tuple(Block(BlockKind.PARAGRAPH, t, i * 1000) for i, t in enumerate(texts))
    return Segmented(info, "\n".join(texts), blocks)


def test_tokenizer_keeps_latin_runs_whole() -> None:
    nlp = build_pipeline(lexicon=[])
    doc = nlp.make_doc("碳化矽(SiC)與2.5D封裝、B5G及6G")
    assert [t.text for t in doc] == [
        "碳",
        "化",
        "矽",
        "(",
        "SiC",
        ")",
        "與",
        "2.5D",
        "封",
        "裝",
        "、",
        "B5G",
        "及",
        "6G",
    ]


def test_tokenizer_on_empty_and_blank_text() -> None:
    nlp = build_pipeline(lexicon=[])
    assert len(nlp.make_doc("")) == 0
    assert len(nlp.make_doc("   \n ")) == 0
    doc = nlp.make_doc(" 碳  SiC ")
    assert [t.text for t in doc] == ["碳", "SiC"] and doc.user_data["starts"] == [1, 4]


def test_latin_forms_match_whole_words_only() -> None:
    terms = [
        Term(Label.TECHNOLOGY, "電子設計自動化", abbr="EDA"),
        Term(Label.TECHNOLOGY, "第五代行動通訊", abbr="5G"),
    ]
    rec = Recogniser(build_pipeline(lexicon=terms))
    found = rec.recognise(seg_of("NEDA與B5G不是EDA，但5G是。"))
    assert [(m.text, m.key) for m in found] == [("EDA", "電子設計自動化"), ("5G", "第五代行動通訊")]


def test_case_space_and_variant_insensitive() -> None:
    terms = [Term(Label.TECHNOLOGY, "微型發光二極體", name_en="Micro LED")]
    rec = Recogniser(build_pipeline(lexicon=terms))
    found = rec.recognise(seg_of("MicroLED、micro led 與 Micro  LED"))
    assert len(found) == 3 and {m.key for m in found} == {"微型發光二極體"}


def test_a_technology_named_as_a_sector_is_no_mention() -> None:
    terms = [Term(Label.TECHNOLOGY, "資訊與通訊科技", abbr="ICT"), Term(Label.TECHNOLOGY, "半導體")]
    rec = Recogniser(build_pipeline(lexicon=terms))
    found = rec.recognise(seg_of("ICT業者與半導體產業導入ICT，開發半導體。"))
    assert [(m.text, m.start) for m in found] == [("ICT", 13), ("半導體", 19)]


def test_a_technology_listed_among_industries_is_no_mention() -> None:
    rec = Recogniser(build_pipeline(lexicon=[Term(Label.TECHNOLOGY, "半導體")]))
    found = rec.recognise(seg_of("應用於半導體、電子、金屬加工等產業，並開發半導體與電子等元件。"))
    assert [(m.text, m.start) for m in found] == [("半導體", 21)]
    # ... and so does one in brackets giving an industry's examples (各行各業(…)).
    found = rec.recognise(seg_of("導入各行各業(工具機、半導體、手工具)，如半導體(矽)"))
    assert [(m.text, m.start) for m in found] == [("半導體", 21)]


def test_a_known_technology_listed_among_fields_is_a_mention() -> None:
    # A technical field is a technology (GUIDELINE): …等領域 lists fields, …等產業 industries.
    terms = [Term(Label.TECHNOLOGY, "機器人"), Term(Label.TECHNOLOGY, "無人機")]
    rec = Recogniser(build_pipeline(lexicon=terms))
    found = rec.recognise(seg_of("擴及機器人、無人機等領域；機器人、無人機等產業"))
    assert [(m.text, m.start) for m in found] == [("機器人", 2), ("無人機", 6)]


def test_a_latin_name_ending_a_longer_english_name_is_no_mention() -> None:
    terms = [
        Term(Label.TECHNOLOGY, "機器人", name_en="Robot"),
        Term(Label.TECHNOLOGY, "聚碳酸酯", abbr="PC"),
    ]
    rec = Recogniser(build_pipeline(lexicon=terms))
    found = rec.recognise(seg_of("人形機器人(Humanoid Robot)與AI PC；Robot、PC材料"))
    assert [(m.text, m.start) for m in found] == [("機器人", 2), ("Robot", 28), ("PC", 34)]


def test_learned_terms_are_per_document() -> None:
    rec = Recogniser(build_pipeline(lexicon=[]))
    learned = [Term(Label.TECHNOLOGY, "波長選擇開關", abbr="WSS", origin="definition")]
    assert len(rec.recognise(seg_of("WSS元件"), learned)) == 1
    assert rec.recognise(seg_of("WSS元件")) == []


def test_patterns_find_quoted_names() -> None:
    rec = Recogniser(build_pipeline(lexicon=[]))
    found = rec.recognise(
        seg_of("依《產業創新條例》推動「晶創臺灣方案」，延續「臺灣人工智慧晶片聯盟」")
    )
    assert {(m.label, m.text) for m in found} == {
        (Label.REGULATION, "產業創新條例"),
        (Label.POLICY, "晶創臺灣方案"),
        (Label.ORGANIZATION, "臺灣人工智慧晶片聯盟"),
    }


def test_generic_quoted_heads_are_not_names() -> None:
    rec = Recogniser(build_pipeline(lexicon=[]))
    found = rec.recognise(seg_of("提供「高階客製化設備解決方案」並推動「智慧國家方案」"))
    assert [m.text for m in found] == ["智慧國家方案"]


def test_patterns_for_normalises_forms() -> None:
    pats = patterns_for([Term(Label.AGENCY, "臺灣經濟研究院", short_name="台經院")])
    assert {"label": "Agency", "pattern": "臺經院", "id": "臺灣經濟研究院"} in pats


def test_real_whitepaper_mentions() -> None:
    seg, _ = segment(read(corpus_file("whitepaper")))
    mentions = Recogniser().recognise(seg)
    keys = {m.key for m in mentions if m.label is Label.TECHNOLOGY}
    assert {"碳化矽", "氮化鎵", "矽光子", "小晶片"} <= keys
    agencies = {m.key for m in mentions if m.label is Label.AGENCY}
    assert "工業技術研究院" in agencies


def test_abbreviations_match_in_their_own_case_and_not_inside_urls() -> None:
    lexicon = [
        Term(Label.TECHNOLOGY, "負碳技術", abbr="NET"),
        Term(Label.TECHNOLOGY, "發光二極體", abbr="LED"),
        Term(Label.TECHNOLOGY, "氮化鎵", abbr="GaN"),
        Term(Label.TECHNOLOGY, "碳化矽", name_en="Silicon Carbide", abbr="SiC"),
    ]
    recogniser = Recogniser(build_pipeline(lexicon), lexicon)
    text = "Net Zero與NET；Led by LED；Gan, P.與GaN；見www.oica.net；silicon carbide"
    found = [(m.text, m.start) for m in recogniser.recognise(seg_of(text))]
    assert found == [
        ("NET", text.index("NET")),
        ("LED", text.index("LED")),
        ("GaN", text.index("GaN")),
        ("silicon carbide", text.index("silicon carbide")),  # names keep case-insensitive
    ]


def pattern_names(text: str, kind: str = BlockKind.PARAGRAPH) -> list[tuple[str, Label]]:
    info = DocumentInfo(source="t.txt", sha256="0", family="test")
    seg = Segmented(info, text, (Block(kind, text, 0),))
    found = Recogniser(build_pipeline(lexicon=[]), []).recognise(seg)
    return [(m.text, m.label) for m in found if m.source == "pattern"]


def test_laws_cited_by_article_and_english_acts_are_regulations() -> None:
    text = "依公司法第二條設立,不受公務員服務法第十三條之限,並不適用公司法第七條。"
    assert pattern_names(text) == [("公司法", Label.REGULATION), ("公務員服務法", Label.REGULATION),
                                   ("公司法", Label.REGULATION)]  # fmt: skip
    act = "依「藥價競爭法案」(Drug Price Competition and Patent Term Restoration Act)之規定"
    assert pattern_names(act) == [
        ("藥價競爭法案", Label.REGULATION),
        ("Drug Price Competition and Patent Term Restoration Act", Label.REGULATION),
    ]
    assert pattern_names("「演算法」與「方法」") == []
    # A quoted guideline of four characters or more before its head word.
    assert pattern_names("依「金融業運用 AI 指引」與「使用準則」") == [
        ("金融業運用 AI 指引", Label.REGULATION)
    ]
    # Two titles in one pair of quotes are no name; a 指南 is a manual.
    assert pattern_names("「AI產品開發指引、AI評測指引」與「智慧製造導入指南」") == []


def test_english_risk_governance_frameworks_are_regulations() -> None:
    text = "依NIST AI Risk Management Framework與Data Governance Framework,用Trusted AI Framework"
    assert pattern_names(text) == [
        ("NIST AI Risk Management Framework", Label.REGULATION),
        ("Data Governance Framework", Label.REGULATION),
    ]  # "… Framework" alone is a firm's method, no regulation


def test_listed_and_quoted_programmes_in_prose_only() -> None:
    lines = "1.晶片設計實作計畫經費398,960千元\n(2)海洋科學研究專區建置計畫總經費"
    assert pattern_names(lines) == [
        ("晶片設計實作計畫", Label.PROGRAMME),
        ("海洋科學研究專區建置計畫", Label.PROGRAMME),
    ]
    assert pattern_names("在「前瞻基礎建設」計畫中,本計畫") == [("前瞻基礎建設", Label.PROGRAMME)]
    # A table row is not a list line.
    assert pattern_names("1.晶片設計實作計畫", Kind.SUBSIDY_ROW) == []


def test_prose_programmes_only_where_no_programme_block_lists_them() -> None:
    info = DocumentInfo(source="t.txt", sha256="0", family="test")
    prose = Block(BlockKind.PARAGRAPH, "1.晶片設計實作計畫經費", 0)
    listed = Block(Kind.PROGRAMME_BLOCK, "某某計畫(2024~2025年)", 100)
    recogniser = Recogniser(build_pipeline(lexicon=[]), [])
    with_block = recogniser.recognise(Segmented(info, "", (prose, listed)))
    assert not [m for m in with_block if m.label is Label.PROGRAMME]
    alone = recogniser.recognise(Segmented(info, "", (prose,)))
    assert [m.text for m in alone if m.label is Label.PROGRAMME] == ["晶片設計實作計畫"]


def test_prose_programmes_are_decided_per_article() -> None:
    """An article without its own 相關科技專案 block names its programmes in prose, though
    another article of the document has one; the article with the block does not."""
    info = DocumentInfo(source="t.txt", sha256="0", family="test")
    text = "推動「晶片驅動產業創新——生成式AI應用與普及發展計畫」"
    blocks = (
        Block(BlockKind.PARAGRAPH, text, 0, chapter="C", article="甲"),
        Block(Kind.PROGRAMME_BLOCK, "某某計畫(2024~2025年)", 100, chapter="C", article="甲"),
        Block(BlockKind.PARAGRAPH, text, 200, chapter="C", article="乙"),
    )
    found = Recogniser(build_pipeline(lexicon=[]), []).recognise(Segmented(info, "", blocks))
    assert [(m.block, m.start, m.text) for m in found if m.label is Label.PROGRAMME] == [
        (2, 3, "晶片驅動產業創新——生成式AI應用與普及發展計畫")
    ]


def test_policies_named_in_prose_by_context() -> None:
    rec = Recogniser(build_pipeline(lexicon=[]))
    text = "依循「五大信賴產業」、「百工百業應用AI」等政策，並推動「智慧製造即時服務」。"
    found = rec.recognise(seg_of(text))
    assert sorted((m.start, m.label, m.text, m.source) for m in found) == [
        (3, Label.POLICY, "五大信賴產業", "pattern"),
        (12, Label.POLICY, "百工百業應用AI", "pattern"),
    ]


def test_a_name_two_rules_find_is_one_mention() -> None:
    rec = Recogniser(build_pipeline(lexicon=[]))
    found = rec.recognise(seg_of("推動「晶創臺灣方案」"))
    assert [(m.label, m.text, m.start) for m in found] == [(Label.POLICY, "晶創臺灣方案", 3)]


def test_a_proposed_theory_is_no_policy() -> None:
    rec = Recogniser(build_pipeline(lexicon=[]))
    assert rec.recognise(seg_of("哥白尼提出「地動說」")) == []


def test_sources_cited_and_quoted_companies_are_organisations() -> None:
    text = "根據Acme Research的市場調查顯示，依據市調機構Beta Insights報告指出，"
    text += "新創公司「甲乙」開發軟體。"
    assert pattern_names(text) == [
        ("Acme Research", Label.ORGANIZATION),
        ("Beta Insights", Label.ORGANIZATION),
        ("甲乙", Label.ORGANIZATION),
    ]
    # A footnote number glued to the name, or no report after it: no name.
    assert pattern_names("根據Acme2報告，根據Acme的說法") == []


def test_spacy_is_imported_without_torch() -> None:
    """thinc would import torch (a second of every build) for nothing: the blank pipeline
    never uses it; torch stays importable for the CKIP backend."""
    import subprocess
    import sys

    code = (
        "import sys, importlib.util, graphkit.pipeline\n"
        "print('torch' in sys.modules)\n"
        "print(importlib.util.find_spec('torch') is None or __import__('torch') is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_general_technology_abbreviations_are_known_in_their_own_case() -> None:
    # Widely used abbreviations of the field, printed without a definition, name their
    # technology (the lexicon's general knowledge); another case is no abbreviation.
    text = "企業以GPU伺服器執行RAG與AutoML，並導入ERP、MES、SaaS及MLOps；rag與Rpa不算，RPA算。"
    found = Recogniser().recognise(seg_of(text))
    assert [(m.text, m.key) for m in found if m.label is Label.TECHNOLOGY] == [
        ("GPU", "圖形處理器"),
        ("RAG", "檢索增強生成"),
        ("AutoML", "自動機器學習"),
        ("ERP", "企業資源規劃"),
        ("MES", "製造執行系統"),
        ("SaaS", "軟體即服務"),
        ("MLOps", "機器學習維運"),
        ("RPA", "機器人流程自動化"),
    ]


def test_a_qualified_generic_policy_head_names_a_policy() -> None:
    # News quotes programmes of government action by their full title (生醫產業創新推動方案);
    # a bare 「推動方案」 and a 「解決方案」 however qualified still name nothing.
    rec = Recogniser(build_pipeline(lexicon=[]))
    text = "宣布「智慧機器人產業推動方案」，提出「推動方案」與「智慧醫療解決方案」。"
    found = rec.recognise(seg_of(text))
    named = [(m.start, m.label, m.text) for m in found]
    assert named == [(3, Label.POLICY, "智慧機器人產業推動方案")]


def test_a_year_span_inside_the_quotes_is_no_part_of_a_policy_name() -> None:
    rec = Recogniser(build_pipeline(lexicon=[]))
    found = rec.recognise(seg_of("行政院於「智慧國家方案（2017-2025）」框架下"))
    assert [(m.start, m.label, m.text) for m in found] == [(5, Label.POLICY, "智慧國家方案")]


def test_a_body_founded_under_a_quoted_name_is_an_organisation() -> None:
    text = "推動台糖攜手成立「先進生質材料中心」;先後成立「先進觸媒中心」"
    text += "及「粉體材料先進製程研發中心」,並成立「AI大聯盟」。"
    assert sorted(pattern_names(text), key=lambda n: text.index(n[0])) == [
        ("先進生質材料中心", Label.ORGANIZATION),
        ("先進觸媒中心", Label.ORGANIZATION),
        ("粉體材料先進製程研發中心", Label.ORGANIZATION),
        ("AI大聯盟", Label.ORGANIZATION),
    ]


def test_a_programme_printed_with_its_phase_is_named() -> None:
    text = "指出，第三期國家太空科技發展長程計畫已完成修正，第二期的研究計畫則否。"
    assert pattern_names(text) == [("第三期國家太空科技發展長程計畫", Label.PROGRAMME)]


def test_a_phase_or_a_year_span_inside_the_quotes_is_no_part_of_a_programme_name() -> None:
    text = "推動「AI產業化應用推動計畫（第二期）」與「智慧運輸系統發展建設計畫(110-113年)」。"
    assert pattern_names(text) == [
        ("AI產業化應用推動計畫", Label.PROGRAMME),
        ("智慧運輸系統發展建設計畫", Label.PROGRAMME),
    ]


def test_a_quoted_national_vision_is_a_policy() -> None:
    text = "實現「人工智慧島」的國家願景，共同實踐「智慧科技島」願景，發展「智慧製造」能量。"
    assert pattern_names(text) == [("人工智慧島", Label.POLICY), ("智慧科技島", Label.POLICY)]


def test_a_programme_spelled_with_jihua_is_named_as_printed() -> None:
    # 計劃 (news' spelling) is read as 計畫 by the rules; the name keeps its own spelling.
    text = "經濟部發布「A+計劃」成果，行政院核定「淨零科技方案(2023 - 2026年)」後"
    assert pattern_names(text) == [("淨零科技方案", Label.POLICY), ("A+計劃", Label.PROGRAMME)]


def test_a_bill_amending_or_drafting_a_law_names_the_law() -> None:
    text = "三讀通過《外國專業人才延攬及僱用法修正案》，審議「產業創新條例部分條文修正草案」"
    assert pattern_names(text) == [
        ("外國專業人才延攬及僱用法", Label.REGULATION),
        ("產業創新條例", Label.REGULATION),
    ]


def test_a_variant_spelling_must_be_as_long_as_its_reading() -> None:
    """rules/recognise.json 'variants' (計劃 read as 計畫): a spelling of another length would
    move every span after it, so it is an error naming the file and the field."""
    from graphkit.errors import SchemaError
    from graphkit.recognise import PatternRecogniser

    assert PatternRecogniser([], variants={"計劃": "計畫"}).variants == {"計劃": "計畫"}
    for bad in ({"計劃": "計畫書"}, {"": ""}):
        with pytest.raises(SchemaError, match=r"rules/recognise\.json.*'variants'"):
            PatternRecogniser([], variants=bad)


def test_a_quoted_goal_with_a_clause_break_is_no_policy() -> None:
    # A quoted sentence (a goal: 「為…,加速…建設」) holds a clause break; a policy's title none.
    text = "成果首先是「為提升各業 AI 能力,加快建置算力基礎建設」,並推動「數位韌性建設」。"
    assert pattern_names(text) == [("數位韌性建設", Label.POLICY)]


def test_a_law_cited_as_this_statute_is_no_name() -> None:
    # 本條例第十條: the bill's own statute, referred back to; 產業創新條例第十條 names one.
    text = "有必要增訂,爰擬具本條例第十條修正草案,並依產業創新條例第十條辦理。"
    assert pattern_names(text) == [("產業創新條例", Label.REGULATION)]


def test_a_quoted_title_then_keji_zhuanan_is_a_programme() -> None:
    # 「X」科專計劃 (a 科技專案 programme, news' spelling) names the programme X.
    text = "研究所舉辦「智慧紡織品開發」科專計劃成果發表,說明「次世代材料」科技專案內容。"
    assert pattern_names(text) == [
        ("智慧紡織品開發", Label.PROGRAMME),
        ("次世代材料", Label.PROGRAMME),
    ]


def test_a_numbered_purpose_clause_is_no_programme() -> None:
    # A numbered recommendation opening with 為 (為利…: "so as to") names no programme.
    text = "三、為利掌握計畫進度,宜定期揭露。\n四、智慧醫療推動計畫經費如下"
    assert pattern_names(text) == [("智慧醫療推動計畫", Label.PROGRAMME)]
    # Nor one whose 計畫 goes on as 計畫書: a plan a form asks for, no programme.
    text = "三、申請者應檢附品質一致性管制計畫書,其內容應包含下列事項。"
    assert pattern_names(text) == []


def test_an_item_listed_after_a_programme_is_a_programme() -> None:
    text = "辦理「離岸風電研發計畫」、「海洋微生物之研究及應用」、「海洋科技方案」等三項。"
    assert sorted(pattern_names(text), key=lambda n: text.index(n[0])) == [
        ("離岸風電研發計畫", Label.PROGRAMME),
        ("海洋微生物之研究及應用", Label.PROGRAMME),
        ("海洋科技方案", Label.POLICY),
    ]


def test_an_institute_is_named_without_the_research_of_its_head() -> None:
    # rules/recognise.json short_heads: X研究所 printed X所 (four characters or more before).
    found = Recogniser(lexicon=[Term(Label.AGENCY, "金屬材料綜合研究所")]).recognise(
        seg_of("金屬材料綜合所今日指出")
    )
    assert [(m.text, m.key) for m in found] == [("金屬材料綜合所", "金屬材料綜合研究所")]


def test_a_known_policys_short_name_is_mentioned_with_its_head() -> None:
    # recognise.json policy_suffixes: 三加一產業創新計畫 is the lexicon's 三加一產業創新 with its
    # head; quoted, it is that policy, no programme of its own (known_first).
    lexicon = [Term(Label.POLICY, "3+1產業創新計畫", aliases=("三加一產業創新",))]
    found = Recogniser(lexicon=lexicon).recognise(seg_of("政府啟動「三加一產業創新計畫」"))
    assert [(m.label, m.text, m.start) for m in found] == [(Label.POLICY, "三加一產業創新計畫", 5)]


def test_a_law_cited_by_a_digit_article_keeps_its_fa() -> None:
    # 第5條 and 第二章 cite a law as 第五條 does; 決算法 keeps 法 though it ends like 算法, and
    # 如 (as in) starts no law's name.
    text = "依決算法第5條規定;依審計法第二章,如審計法第二章所定,此演算法第一步"
    assert pattern_names(text) == [("決算法", Label.REGULATION), ("審計法", Label.REGULATION)]
    # the text's own rules referred back to (本辦法, 該辦法 by a digit article) name no law
    assert pattern_names("依本辦法第5條規定辦理,依該辦法第3條申請") == []


def test_a_policys_name_before_countries_names_places() -> None:
    # recognise.json policy_places: 東進國家 are the countries the policy targets.
    lexicon = [Term(Label.POLICY, "東進政策", aliases=("東進",))]
    found = Recogniser(lexicon=lexicon).recognise(seg_of("東進國家強化支持,東進政策成效"))
    assert {(m.text, m.start) for m in found} == {("東進政策", 9)}


def test_a_known_policys_name_after_a_place_abroad_is_that_places_goal() -> None:
    # recognise.json policy_abroad: 歐盟2050淨零排放, 全球2050淨零排放 are goals abroad, no
    # mention of Taiwan's pathway; 我國2050淨零排放 is.
    lexicon = [Term(Label.POLICY, "2050淨零排放路徑", aliases=("2050淨零排放",))]
    text = "歐盟2050淨零排放目標,全球2050淨零排放,我國2050淨零排放目標"
    found = Recogniser(lexicon=lexicon).recognise(seg_of(text))
    assert [(m.text, m.start) for m in found] == [("2050淨零排放", text.rindex("2050"))]


def test_a_known_policy_inside_a_longer_name_found_is_no_mention() -> None:
    # outside_names: 甲乙 in the quoted programme 甲乙生根計畫 is no mention of the policy.
    lexicon = [Term(Label.POLICY, "甲乙")]
    text = ("推動「甲乙生根計畫」", "並推動甲乙")
    found = Recogniser(lexicon=lexicon).recognise(seg_of(*text))
    assert sorted((m.block, m.start, m.label, m.text) for m in found) == [
        (0, 3, Label.PROGRAMME, "甲乙生根計畫"),
        (1, 3, Label.POLICY, "甲乙"),
    ]


def test_a_programme_led_by_its_fiscal_year_is_named_without_it() -> None:
    text = "舉辦「106年度智慧紡織品」科專計劃發表,說明「智慧紡織品」科專計劃"
    found = Recogniser(build_pipeline(lexicon=[]), []).recognise(seg_of(text))
    assert [(m.text, m.key) for m in found] == [
        ("106年度智慧紡織品", "智慧紡織品"),
        ("智慧紡織品", "智慧紡織品"),
    ]
