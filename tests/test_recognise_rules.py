"""Recognise stage, one rule a test: the tokenizer, the pattern component, phrase patterns,
abbreviations in their own case, and the exact mentions (span, label, key, source).

Small lexicons built in the test; the spaCy pipeline is built once per module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.loaders.moea_whitepaper import Kind
from graphkit.recognise import (
    LEARNED_KEY,
    LEXICON_KEY,
    PATTERN_KEY,
    CJKTokenizer,
    PatternRecogniser,
    Recogniser,
    _char_span,
    build_pipeline,
    exact_forms,
    exact_match,
    firm_suffixes,
    is_abbreviation,
    patterns_for,
)
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Mention, Segmented, Term

GAN = Term(Label.TECHNOLOGY, "氮化鎵", ("GaN",))
SIC = Term(Label.TECHNOLOGY, "碳化矽", name_en="Silicon Carbide", abbr="SiC")
ITRI = Term(Label.AGENCY, "工業技術研究院", short_name="工研院")
LEXICON = [GAN, SIC, ITRI]

RULES: list[dict[str, Any]] = [
    {"id": "law", "label": "Regulation", "regex": "《(?P<name>[^《》]{2,20}法)》"},
    {"id": "quoted", "label": "Regulation", "regex": "「(?P<name>[^「」]{2,20}法)」"},
    {"id": "any-law", "label": "Regulation", "regex": "[《「](?P<name>[^《》「」]{2,20}法)"},
    {
        "id": "line",
        "label": "Programme",
        "regex": "^(?P<name>\\S{2,20}計畫)$",
        "kinds": ["paragraph"],
        "unless_document_has": ["programme_block"],
    },
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(LEXICON)


@pytest.fixture(scope="module")
def recogniser(nlp: Language) -> Recogniser:
    return Recogniser(nlp, LEXICON)


def doc_of(*blocks: tuple[str, str]) -> Segmented:
    """Blocks of (kind, text)."""
    info = DocumentInfo("t.txt", "0", "test")
    laid = tuple(Block(kind, text, i * 100) for i, (kind, text) in enumerate(blocks))
    return Segmented(info, "\n".join(t for _, t in blocks), laid)


def para(*texts: str) -> Segmented:
    return doc_of(*((BlockKind.PARAGRAPH, t) for t in texts))


# ------------------------------------------------------------------ tokenizer


def test_tokens_know_their_offsets_and_the_space_after_them(nlp: Language) -> None:
    doc = nlp.make_doc("碳 SiC  與NEDA元件 ")
    assert [(t.text, t.whitespace_) for t in doc] == [
        ("碳", " "),
        ("SiC", " "),
        ("與", ""),
        ("NEDA", ""),
        ("元", ""),
        ("件", " "),
    ]
    assert doc.user_data["starts"] == [0, 2, 7, 8, 12, 13]


def test_the_tokenizer_has_no_state_to_save(nlp: Language, tmp_path: Path) -> None:
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, CJKTokenizer)
    assert tokenizer.to_bytes() == b""
    assert tokenizer.from_bytes(b"x") is tokenizer
    tokenizer.to_disk(tmp_path)
    assert list(tmp_path.iterdir()) == []  # writes nothing
    assert tokenizer.from_disk(tmp_path) is tokenizer
    again = build_pipeline([]).from_bytes(nlp.to_bytes())
    assert [t.text for t in again.make_doc("SiC元件")] == ["SiC", "元", "件"]


def test_the_pipeline_has_a_lexicon_ruler_a_learned_ruler_and_patterns(nlp: Language) -> None:
    assert nlp.pipe_names == ["lexicon", "learned", "graphkit_patterns"]
    lexicon, learned = nlp.get_pipe("lexicon"), nlp.get_pipe("learned")
    assert (lexicon.key, learned.key) == (LEXICON_KEY, LEARNED_KEY)  # type: ignore[attr-defined]
    assert lexicon.phrase_matcher_attr == learned.phrase_matcher_attr == "LOWER"  # type: ignore[attr-defined]
    assert len(lexicon) == len(patterns_for(LEXICON)) and len(learned) == 0  # type: ignore[arg-type]


def test_a_character_span_covers_the_tokens_of_the_original_offsets(nlp: Language) -> None:
    doc = nlp.make_doc("碳  SiC元件")
    span = _char_span(doc, 3, 6, "Technology")
    assert span is not None and (span.start, span.end, span.label_) == (1, 2, "Technology")
    span = _char_span(doc, 0, 8, "Technology")
    assert span is not None and (span.start, span.end) == (0, 4)
    span = _char_span(doc, 4, 7, "Technology")  # inside a token: from the next one on
    assert span is not None and (span.start, span.end) == (2, 3)
    assert _char_span(doc, 9, 10, "Technology") is None


# ------------------------------------------------------------------- patterns


def test_patterns_keep_the_first_rule_per_span_and_respect_kinds() -> None:
    rec = PatternRecogniser(RULES, not_names=["方法"])
    nlp = build_pipeline([])
    doc = nlp.make_doc("依《電業法》與「公司法」及《方法》")
    doc.user_data["text"] = doc.text
    assert rec.find(doc) == [
        (2, 5, Label.REGULATION, "law"),
        (8, 11, Label.REGULATION, "quoted"),
    ]
    doc.user_data["kind"] = "paragraph"
    line = nlp.make_doc("晶片計畫")
    line.user_data.update(text="晶片計畫", kind="paragraph")
    assert rec.find(line) == [(0, 4, Label.PROGRAMME, "line")]
    line.user_data["kind"] = "subsidy_row"
    assert rec.find(line) == []
    line.user_data.update(kind="paragraph", document_kinds=frozenset({"programme_block"}))
    assert rec.find(line) == []
    assert rec.find(nlp.make_doc("")) == []


def test_patterns_read_the_docs_own_text_when_it_has_none_other(nlp: Language) -> None:
    rec = PatternRecogniser(RULES)
    doc = rec(nlp.make_doc("依《電業法》"))
    spans = doc.spans[PATTERN_KEY]
    assert [(s.start, s.end, s.label_, s.id_) for s in spans] == [(2, 5, "Regulation", "law")]


def test_the_pattern_component_takes_its_rules_from_the_config() -> None:
    nlp = build_pipeline([])
    nlp.remove_pipe("graphkit_patterns")
    nlp.add_pipe("graphkit_patterns", config={"rule_set": RULES[:1], "not_names": ["電業法"]})
    rec = Recogniser(nlp, [])
    assert rec.recognise(para("依《電業法》與《公司法》")) == [
        Mention(Label.REGULATION, "公司法", 0, 8, 11, None, "pattern")
    ]


# ------------------------------------------------------------ phrase patterns


def test_phrase_patterns_are_every_normalised_form_with_the_canonical_id() -> None:
    terms = [
        Term(
            Label.TECHNOLOGY, "微型發光二極體", ("Micro LED", "微型發光二極體", "Ｘ"), abbr="μLED"
        ),
        Term(Label.AGENCY, "台灣經濟研究院", short_name="台經院"),
        Term(Label.TECHNOLOGY, "微型LED", ("micro led",), name_en="Micro LED"),
        Term(Label.TECHNOLOGY, "矽光子", ("Si 光子",)),  # not Latin: no spaceless spelling
    ]
    found = patterns_for(terms)
    assert len(found) == 11  # no form twice (微型發光二極體, micro led), none shorter than 2
    assert {(p["label"], p["pattern"], p["id"]) for p in found} == {
        ("Technology", "微型發光二極體", "微型發光二極體"),
        ("Technology", "Micro LED", "微型發光二極體"),
        ("Technology", "MicroLED", "微型發光二極體"),  # a Latin form's spaceless spelling
        ("Technology", "μLED", "微型發光二極體"),
        ("Agency", "臺灣經濟研究院", "臺灣經濟研究院"),
        ("Agency", "臺經院", "臺灣經濟研究院"),
        ("Technology", "微型LED", "微型LED"),
        ("Technology", "micro led", "微型LED"),
        ("Technology", "microled", "微型LED"),
        ("Technology", "矽光子", "矽光子"),
        ("Technology", "Si 光子", "矽光子"),
    }


# ---------------------------------------------------------------- exact case


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("SiC", True),
        ("AB", True),
        ("ABCDE", True),
        ("IoT", True),
        ("5G", False),
        ("Ab", False),
        ("NVIDIA", False),
        ("Si C", False),
        ("ＡＢ", False),
        ("laser", False),
    ],
)
def test_an_abbreviation_is_short_latin_and_has_two_capitals(form: str, expected: bool) -> None:
    assert is_abbreviation(form) is expected


def test_exact_forms_gather_every_spelling_of_an_abbreviation() -> None:
    terms = [GAN, Term(Label.TECHNOLOGY, "氮化鎵材料", ("GAN", " ＧａＮ ", "gallium")), SIC]
    assert exact_forms(terms) == {
        "gan": frozenset({"GaN", "GAN"}),
        "sic": frozenset({"SiC"}),
    }


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("GaN元件", (0, 3), True),
        ("Gan元件", (0, 3), False),  # not a spelling of the abbreviation
        ("氮化鎵", (0, 3), True),  # Chinese names always keep
        ("www.oica.net", (9, 12), False),  # glued after a full stop
        ("oica.net", (0, 4), False),  # a full stop then a letter
        ("用GaN.", (1, 4), True),  # a full stop ending the sentence
        ("用GaN. 下一句", (1, 4), True),
        ("a@GaN", (2, 5), False),
        ("GaN@x", (0, 3), False),
        ("$GaN$", (1, 4), False),
        ("\\GaN", (1, 4), False),
        ("GaN_2", (0, 3), False),
        ("的GaN", (1, 4), True),
        ("GaN元件.", (0, 3), True),  # nothing before the first character
    ],
)
def test_exact_match(text: str, span: tuple[int, int], expected: bool) -> None:
    exact = {"gan": frozenset({"GaN"})}
    assert exact_match(text, *span, exact) is expected


# ----------------------------------------------------------------- recogniser


def test_mentions_carry_their_block_span_key_and_source(recogniser: Recogniser) -> None:
    seg = doc_of(
        (BlockKind.PARAGRAPH, "前言"),
        (BlockKind.PARAGRAPH, "工研院  開發 silicon carbide與GaN,依《產業創新條例》。"),
    )
    text = seg.blocks[1].text
    assert recogniser.recognise(seg) == [
        Mention(Label.AGENCY, "工研院", 1, 0, 3, "工業技術研究院", "lexicon"),
        Mention(Label.TECHNOLOGY, "silicon carbide", 1, 8, 23, "碳化矽", "lexicon"),
        Mention(Label.TECHNOLOGY, "GaN", 1, 24, 27, "氮化鎵", "lexicon"),
        Mention(
            Label.REGULATION, "產業創新條例", 1, text.index("產"), text.index("》"), None, "pattern"
        ),
    ]


def test_a_recogniser_builds_its_pipeline_from_its_lexicon() -> None:
    rec = Recogniser(lexicon=[GAN])
    assert [(m.text, m.key) for m in rec.recognise(para("碳化矽與GaN"))] == [("GaN", "氮化鎵")]
    assert rec.exact == {"gan": frozenset({"GaN"})}


def test_the_default_pipeline_holds_the_whole_lexicon() -> None:
    from graphkit.knowledge import all_lexicon_terms

    nlp = build_pipeline()
    assert len(nlp.get_pipe("lexicon")) == len(patterns_for(all_lexicon_terms()))  # type: ignore[arg-type]


def test_learned_terms_add_their_spellings_to_the_lexicons() -> None:
    lexicon = [GAN]
    rec = Recogniser(build_pipeline(lexicon), lexicon)
    learned = [Term(Label.TECHNOLOGY, "氮化鎵晶體", ("GAN",), origin="definition")]
    seg = para("GaN與GAN及Gan")
    # Both rulers match every case; the exact spellings of both terms are kept (Gan is none),
    # overlaps included: choosing between them is the resolver's job.
    assert [(m.text, m.key, m.source) for m in rec.recognise(seg, learned)] == [
        ("GaN", "氮化鎵", "lexicon"),
        ("GAN", "氮化鎵", "lexicon"),
        ("GaN", "氮化鎵晶體", "learned"),
        ("GAN", "氮化鎵晶體", "learned"),
    ]
    # The next document has no learned terms: GAN is no spelling of the lexicon's GaN.
    assert [(m.text, m.source) for m in rec.recognise(seg)] == [("GaN", "lexicon")]


def test_a_document_with_nothing_to_match_warns_nothing() -> None:
    """An empty ruler warns (W036, an error in the tests): empty rulers are left out."""
    rec = Recogniser(build_pipeline([]), [])
    assert rec.recognise(para("沒有任何名稱。")) == []
    learned = [Term(Label.TECHNOLOGY, "波長選擇開關", abbr="WSS")]
    assert [m.text for m in rec.recognise(para("WSS元件"), learned)] == ["WSS"]


def test_a_standard_is_a_regulation_named_by_one_spelling() -> None:
    """ISO/IEC 42001, ISO 42001 and ISO42001 are one standard; the printed form stays."""
    recogniser = Recogniser(lexicon=LEXICON)
    text = "依ISO/IEC 42001:2023與ISO42001驗證,非ISO 123"
    found = [m for m in recogniser.recognise(para(text)) if m.source == "pattern"]
    assert [(m.label, m.text, m.start, m.key) for m in found] == [
        (Label.REGULATION, "ISO/IEC 42001", 1, "ISO 42001"),
        (Label.REGULATION, "ISO42001", 20, "ISO 42001"),
    ]


def test_a_name_a_pattern_finds_is_a_name_all_through_the_document() -> None:
    """《產業創新條例》 once, then 產業創新條例 bare; a short name (數位轉型) is not spread."""
    recogniser = Recogniser(lexicon=LEXICON)
    seg = para("依《產業創新條例》與推動「數位轉型」", "產業創新條例修正,數位轉型加速")
    found = [(m.block, m.start, m.text, m.label) for m in recogniser.recognise(seg)]
    assert found == [
        (0, 2, "產業創新條例", Label.REGULATION),
        (0, 13, "數位轉型", Label.POLICY),
        (1, 0, "產業創新條例", Label.REGULATION),
    ]


def test_a_title_quoted_after_the_programme_word_is_a_programme() -> None:
    """科技專案「半導體合金金屬靶」: a programme (or part of one) the article writes up."""
    recogniser = Recogniser(lexicon=LEXICON)
    seg = doc_of(
        (BlockKind.PARAGRAPH, "科技專案「半導體合金金屬靶」開發靶材"),
        ("programme_block", "X計畫(2024~2025年)"),
    )
    found = [(m.text, m.start, m.label) for m in recogniser.recognise(seg) if m.block == 0]
    assert found == [("半導體合金金屬靶", 5, Label.PROGRAMME)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("依據Markets & Markets資料顯示", "Markets & Markets"),
        ("根據Global Information, Inc.的報告", "Global Information, Inc."),
        ("據Gartner預測,全球", "Gartner"),
    ],
)
def test_a_source_cited_for_figures_is_an_organisation(text: str, name: str) -> None:
    recogniser = Recogniser(lexicon=LEXICON)
    found = [(m.text, m.label) for m in recogniser.recognise(para(text))]
    assert found == [(name, Label.ORGANIZATION)]


def test_data_is_no_citing_word() -> None:
    recogniser = Recogniser(lexicon=LEXICON)
    assert recogniser.recognise(para("數據Gartner預測")) == []


def test_a_latin_name_after_a_foreign_country_is_an_organisation() -> None:
    recogniser = Recogniser(lexicon=LEXICON)
    found = [
        (m.text, m.start, m.label) for m in recogniser.recognise(para("目前美國Materion與日本AI"))
    ]
    assert found == [("Materion", 4, Label.ORGANIZATION)]  # AI: two letters, no name


def test_latin_words_ending_in_an_interfaces_head_name_a_technology() -> None:
    recogniser = Recogniser(lexicon=LEXICON)
    seg = para("平台使用 OGC SensorThings API 的格式,與SensorThings API簡介;以API串接")
    found = [(m.text, m.start, m.label) for m in recogniser.recognise(seg)]
    assert found == [
        ("OGC SensorThings API", 5, Label.TECHNOLOGY),
        ("SensorThings API", 31, Label.TECHNOLOGY),
    ]


def test_a_quoted_grant_is_a_subsidy_scheme() -> None:
    recogniser = Recogniser(lexicon=LEXICON)
    seg = para("運用「A+企業創新研發淬鍊計畫」項下「國際創新研發合作補助計畫」")
    found = [(m.text, m.start, m.label) for m in recogniser.recognise(seg)]
    assert found == [
        ("A+企業創新研發淬鍊計畫", 3, Label.SUBSIDY_SCHEME),
        ("國際創新研發合作補助計畫", 19, Label.SUBSIDY_SCHEME),
    ]


def test_a_quoted_blueprint_is_a_policy() -> None:
    rec = Recogniser(lexicon=[])
    text = "國發會發布「臺灣2050淨零碳排路徑藍圖」，將氫能列為關鍵戰略"
    assert [(m.label, m.text, m.start) for m in rec.recognise(para(text))] == [
        (Label.POLICY, "臺灣2050淨零碳排路徑藍圖", 6)
    ]


def test_a_quoted_name_with_a_companys_legal_form_is_an_organisation() -> None:
    rec = Recogniser(lexicon=[])
    text = "與「鈺立微電子股份有限公司」合作，申請「生技新藥公司」資格"
    assert [(m.label, m.text, m.source) for m in rec.recognise(para(text))] == [
        (Label.ORGANIZATION, "鈺立微電子股份有限公司", "pattern")
    ]


def test_a_paragraph_with_markup_names_programmes_and_agencies_only() -> None:
    rec = Recogniser(lexicon=[GAN])
    table = '<ul style="list-style-type: none"> 「晶創臺灣方案」與GaN元件'
    assert rec.recognise(para(table)) == []
    found = rec.recognise(para("「晶創臺灣方案」與GaN元件"))
    assert [m.text for m in found] == ["GaN", "晶創臺灣方案"]
    # Only the sentence holding the markup: the paragraph's other sentences are prose.
    found = rec.recognise(para("GaN元件。其 $T_g$ 的GaN;工研院的GaN。"))
    assert [(m.text, m.start) for m in found] == [("GaN", 0), ("GaN", 23)]


def test_a_known_technology_printed_as_a_technique_is_mentioned_with_its_suffix() -> None:
    rec = Recogniser(lexicon=[GAN])
    found = rec.recognise(para("隨著GaN技術的進步與GaN元件"))
    assert [(m.text, m.key, m.start, m.end) for m in found] == [
        ("GaN技術", "氮化鎵", 2, 7),
        ("GaN", "氮化鎵", 11, 14),
    ]


def test_numbered_programmes_after_a_budget_heading_and_a_hyphen() -> None:
    rec = Recogniser(lexicon=[])
    text = "【科技部 某中心計畫 本年度預算數 157千元】1.災害應用技術之推動與決策支援計畫經費。"
    found = [(m.label, m.text) for m in rec.recognise(para(text))]
    assert (Label.PROGRAMME, "災害應用技術之推動與決策支援計畫") in found
    text = "3.加速行動寬頻服務及產業發展計畫-災害訊息廣播平臺系統建置計畫經費9,267千元。"
    assert [(m.label, m.text) for m in rec.recognise(para(text))] == [
        (Label.PROGRAMME, "加速行動寬頻服務及產業發展計畫"),
        (Label.PROGRAMME, "災害訊息廣播平臺系統建置計畫"),
    ]


def test_a_note_naming_a_programme_with_its_year_span_names_it_in_every_document() -> None:
    """A footnote ``2 X計畫(2024~2027年),執行機關:…`` names a programme, though a 相關科技專案
    block lists the article's own; a numbered line without the span does not."""
    info = DocumentInfo(source="t.txt", sha256="0", family="test")
    note = "2 前瞻通訊關鍵技術開發與標準驗證推動計畫(2024~2027年),執行機關:某某署。"
    blocks = (
        Block(BlockKind.PARAGRAPH, note, 0, chapter="C", article="甲"),
        Block(Kind.PROGRAMME_BLOCK, "某某計畫(2024~2025年)", 100, chapter="C", article="甲"),
        Block(BlockKind.PARAGRAPH, "2 前瞻通訊關鍵技術開發計畫,執行機關:某某署。", 200,
              chapter="C", article="甲"),
        Block(BlockKind.PARAGRAPH, "3 次世代通訊推動計畫(2024年~2027年)。", 300,
              chapter="C", article="甲"),
    )  # fmt: skip
    found = Recogniser(lexicon=[]).recognise(Segmented(info, "", blocks))
    assert [(m.block, m.start, m.text) for m in found if m.label is Label.PROGRAMME] == [
        (0, 2, "前瞻通訊關鍵技術開發與標準驗證推動計畫"),
        (3, 2, "次世代通訊推動計畫"),  # a span printed with 年 on both years
    ]


def test_a_budget_line_that_starts_with_a_programme_and_its_budget_names_it() -> None:
    rec = Recogniser(lexicon=[])
    text = (
        "【科技部 某項 本年度預算數 14,266千元】"
        "運用資訊與通信技術(ICT)發展智慧園區計畫總經費1,016,789千元,分4年辦理。"
    )
    assert [(m.label, m.text) for m in rec.recognise(para(text))] == [
        (Label.PROGRAMME, "運用資訊與通信技術(ICT)發展智慧園區計畫")
    ]
    # no budget after the name, or a name that points back (本年度, 上述各項): no programme
    assert rec.recognise(para("某某推動計畫將於明年辦理。")) == []
    assert rec.recognise(para("本年度計畫總經費1,016,789千元。")) == []
    assert rec.recognise(para("上述各項計畫總經費10千元。")) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2022年OpenAI推出ChatGPT,以大語言模型帶動應用", "ChatGPT"),
        ("自ChatGPT問世以來,各國投入研發", "ChatGPT"),
        ("從 2022 年底 ChatGPT 面世之後", "ChatGPT"),
    ],
)
def test_a_product_launched_or_debuting_is_a_technology(text: str, name: str) -> None:
    found = Recogniser(lexicon=[]).recognise(para(text))
    assert [(m.label, m.text) for m in found if m.label is Label.TECHNOLOGY] == [
        (Label.TECHNOLOGY, name)
    ]


def test_a_name_in_capitals_or_in_lower_case_is_no_launched_product() -> None:
    for text in ("政府推出AI新政策", "公司推出iPhone產品", "推出Chatgpt服務"):
        found = Recogniser(lexicon=[]).recognise(para(text))
        assert [m.text for m in found if m.label is Label.TECHNOLOGY] == []


def test_a_quoted_body_after_a_policy_cue_is_no_policy() -> None:
    rec = Recogniser(lexicon=[])
    found = rec.recognise(para("臺達電啟動「臺達淨零科學實驗室」,並推動「淨零轉型方略」。"))
    assert [(m.label, m.text) for m in found if m.label is Label.POLICY] == [
        (Label.POLICY, "淨零轉型方略")
    ]


def test_an_interfaces_name_takes_at_most_five_words_and_no_sentence_start() -> None:
    rec = Recogniser(lexicon=[])
    text = "The Internet Protocol 與 OGC SensorThings API 並列。" + " Word" * 3000
    found = [m.text for m in rec.recognise(para(text)) if m.label is Label.TECHNOLOGY]
    assert found == ["OGC SensorThings API"]  # never "The Internet Protocol"


def test_a_known_firm_printed_with_its_legal_word_is_mentioned_with_it() -> None:
    """recognise.json organization_suffixes: 中鋼公司 is the known 中鋼 (an alias), 中鋼 alone
    stays as printed, and a Latin name takes no Chinese word after it."""
    csc = Term(Label.ORGANIZATION, "中國鋼鐵", ("中鋼",))
    acme = Term(Label.ORGANIZATION, "Acme")
    rec = Recogniser(lexicon=[csc, acme])
    found = rec.recognise(para("中鋼公司與中鋼合作,Acme公司亦加入"))
    assert [(m.text, m.start, m.end, m.key) for m in found] == [
        ("中鋼公司", 0, 4, "中國鋼鐵"),
        ("中鋼", 5, 7, "中國鋼鐵"),
        ("Acme", 10, 14, "Acme"),
    ]


def test_a_known_firm_printed_with_its_group_word_names_the_group() -> None:
    """recognise.json group_suffixes: 臺聚集團 and 臺塑企業 are the groups the known firms head,
    new organisations (companies) named as printed, no aliases of the firms."""
    usi = Term(Label.ORGANIZATION, "臺灣聚合化學品", ("臺聚",))
    fpc = Term(Label.ORGANIZATION, "臺灣塑膠工業", ("臺塑",))
    rec = Recogniser(lexicon=[usi, fpc])
    found = rec.recognise(para("臺聚集團與臺塑企業及臺塑合作"))
    assert [(m.text, m.start, m.end, m.key, m.source, m.kind) for m in found] == [
        ("臺聚集團", 0, 4, None, "pattern", "company"),
        ("臺塑企業", 5, 9, None, "pattern", "company"),
        ("臺塑", 10, 12, "臺灣塑膠工業", "lexicon", None),
    ]


def test_organization_suffixes_are_checked() -> None:
    """recognise.json organization_suffixes is read through RulesFile: a missing or empty
    field is an error naming the file and the field, not an empty default."""
    data = dict(rules("recognise"))
    assert firm_suffixes(data) == ("公司",)
    assert firm_suffixes(data, "group_suffixes") == ("集團", "企業")
    for field in ("organization_suffixes", "group_suffixes"):
        for bad in ({k: v for k, v in data.items() if k != field}, {**data, field: []}):
            with pytest.raises(SchemaError, match=rf"recognise\.json: field '{field}'"):
                firm_suffixes(bad, field)
