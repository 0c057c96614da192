"""The technical subject of a programme's name becomes a Technology term of the document."""

from dataclasses import replace

import pytest

from graphkit.chunk import Chunker
from graphkit.errors import SchemaError
from graphkit.loaders.moea_whitepaper import Kind
from graphkit.programmesubject import (
    ORIGIN,
    joined,
    load_settings,
    programme_subjects,
    subjects,
)
from graphkit.records import (
    Block,
    BlockKind,
    DocumentInfo,
    ExecutorLine,
    Label,
    ProgrammeLine,
    ProgrammeList,
    Segmented,
    Term,
)
from graphkit.rulefile import RulesFile

TAG = Chunker().tag
SETTINGS = load_settings()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Cut at the first stop (核心), then the head parts after each head word (衛星, 設備).
        (
            "低軌衛星地面通訊設備射頻前端核心技術開發計畫",
            [["低軌衛星地面通訊設備射頻前端", "地面通訊設備射頻前端", "射頻前端"]],
        ),
        # One subject per conjunct.
        ("智慧車輛關鍵技術與自動駕駛系統開發計畫", [["智慧車輛"], ["自動駕駛系統"]]),
        # What the programme improves (強健, 精度) is a stop: the thing before it is the subject.
        ("工具機智動系統強健生產優化關鍵技術", [["工具機智動系統"]]),
        ("五軸工具機空間精度及切削性能提升計畫", [["五軸工具機"]]),  # 切削性能: a property
        # 關鍵 stops 量子科技; 電路|模組 is a generic word after a short one: too vague.
        ("量子科技關鍵元件及電路模組開發計畫", [["量子科技"]]),
        # Tails come off the end (…系統整合應用); 場域驗證 holds no subject.
        ("化合物半導體元件系統整合應用與場域驗證計畫", [["化合物半導體元件"]]),
        # X驅動Y: Y, or X when Y (產業創新) names nothing.
        ("生成式人工智慧驅動產業創新先期計畫", [["生成式人工智慧"]]),
        # Openers (次世代; 高效, 低耗) are no part of it; 技術開發 is one word, all stops.
        ("次世代醫療器材關鍵技術開發與應用計畫", [["醫療器材"]]),
        ("高效低耗資料傳輸運算模組關鍵技術開發與系統應用計畫", [["資料傳輸運算模組"]]),
        # A sub-title after a colon names subjects too; a phase ends no subject.
        (
            "銀髮高齡健康科技整合與服務驗證計畫:數位牙科及原鄉遠距醫療解決方案",
            # 原鄉 (a place it serves) opens no subject; 解決方案 is a tail.
            [["銀髮高齡健康科技"], ["數位牙科"], ["遠距醫療"]],
        ),
        ("智慧加工模組基礎技術開發計畫第二期", [["智慧加工模組"]]),
        # No head part opens with a digit (機器人|2.0+…).
        ("機器人2.0+諧作化智造系統開發及應用計畫", [["機器人2.0+諧作化智造系統"]]),
        # X產業Y with nothing after: X is the subject only when it is long enough.
        ("模具產業鏈減碳暨關鍵技術開發計畫", []),
        # A phase printed (2/4) is no part of it: 發展計畫(2/4) is generic words only.
        ("無人機產業發展計畫(2/4)", [["無人機"]]),
        # 創新 stops like 關鍵; 臺灣 is a place, no part of a subject.
        ("量子電腦創新元件開發計畫", [["量子電腦"]]),
        (
            "建置臺灣創新生物製造研發服務能量行動方案——核酸藥物關鍵技術引進暨研發建置計畫",
            [["生物製造"], ["核酸藥物"]],
        ),
        # An aim is no subject (淨零排放), nor a qualifier left last (農工|智慧 of 智慧轉型).
        ("石化產業鏈淨零排放創新材料及製程技術計畫", []),
        ("淨零製程技術開發計畫", []),  # 淨零|製程: the aim a word of its own
        ("建置生醫韌性產業鏈自主關鍵技術開發計畫", []),
        ("農工智慧轉型關鍵協作與示範計畫", []),
        ("醫療數位轉型推動計畫", []),
        ("製造業智能轉型推動計畫", []),
        ("低碳車輛與跨域系統節能優化關鍵技術", [["低碳車輛"]]),  # 跨域系統節能: an aim
        # A business model (CDMO), localising (國產化), a trial, an upgrade, a standard: no
        # part of the thing built.
        ("醫療器材CDMO關鍵製程開發計畫", [["醫療器材"]]),
        ("太空級電子元件國產化技術開發計畫", [["太空級電子元件"]]),
        ("數位醫療器材臨床驗證示範計畫", [["數位醫療器材"]]),
        ("智慧製造產業升級推動計畫", [["智慧製造"]]),
        ("國際標準與驗證推動計畫", []),
        ("車聯網國際標準制定推動計畫", [["車聯網"]]),
        ("電動車充電標準制定計畫", [["電動車充電"]]),
        ("標準細胞元件庫開發計畫", [["標準細胞元件庫"]]),  # a standard cell: no standard
        ("抗體新藥CRO服務推動計畫", [["抗體新藥"]]),
        ("細胞治療臨床試驗推動計畫", [["細胞治療"]]),
        # Where it is used (偏鄉, 離島) is no part of what it is.
        ("偏鄉遠距醫療服務示範計畫", [["遠距醫療"]]),
        ("離島微電網技術示範計畫", [["微電網"]]),
        # A link that ends a segmenter's word (鋼鐵產業) is a link all the same.
        ("鋼鐵產業低碳排反應與製程技術", [["低碳排反應"]]),
        ("產業機器人關鍵技術開發計畫", [["產業機器人"]]),  # a link opening a name is none
        # A short Latin name (6G) or a field of work (製造) after a short word is named.
        ("晶片驅動6G通訊產業技術開發計畫", [["6G通訊"]]),
        ("食品製造系統整合創新計畫", [["食品製造"]]),
        # X之Y: X only when Y is generic words and kinds of things (晶片, 模組); a word of
        # its own (治療, 營運) says what the programme works on, X only whom it serves.
        ("晶片驅動精準農業之晶片創新與關鍵模組研發計畫", [["精準農業"]]),
        ("全齡健康之創新治療產品開發驗證計畫", []),
        ("生物資源之營運優化與加值應用計畫", []),
    ],
)
def test_subjects_of_the_white_papers_names(name: str, expected: list[list[str]]) -> None:
    assert subjects(name, TAG) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Programmes that build no technology: people, firms, partners, rules.
        ("人才培育計畫", []),
        ("產業輔導計畫", []),
        ("國際合作推動計畫", []),
        ("中小企業數位轉型輔導計畫", []),
        ("醫材產業法規輔導計畫", []),
        ("臺灣生技產業國際化推動計畫", []),
        ("半導體人才培育推動計畫", [["半導體"]]),  # the field it trains for
        ("醫療器材法規科學推動計畫", [["醫療器材"]]),
        # Whom a programme serves opens its name and is no part of the subject.
        ("中小企業智慧製造推動計畫", [["智慧製造"]]),
    ],
)
def test_names_of_programmes_that_develop_no_technology(
    name: str, expected: list[list[str]]
) -> None:
    assert subjects(name, TAG) == expected


def test_the_part_before_a_link_that_ends_a_word() -> None:
    short = replace(SETTINGS, min_chars=2)
    assert subjects("鋼鐵產業發展計畫", TAG, short) == [["鋼鐵"]]


def test_known_names_are_joined_longest_first_at_word_boundaries() -> None:
    words = [w for w, _, _ in joined(TAG, ["先進封裝", "封裝異質整合"])("先進封裝異質整合")]
    assert words == ["先進", "封裝異質整合"]
    # 智慧製造 starts inside 人工智慧, 人工智慧製 ends inside 製造: neither is joined.
    words = [w for w, _, _ in joined(TAG, ["智慧製造", "人工智慧製"])("人工智慧製造")]
    assert words == ["人工智慧", "製造"]


def test_a_cut_never_falls_inside_a_known_name() -> None:
    """異質整合 known: 整合 is no tail of it, and 軟體|定義 no head word of a part."""
    known = joined(TAG, ["異質整合", "先進封裝", "軟體定義無線電"])
    assert subjects("先進封裝異質整合技術發展計畫(1/4)", TAG) == [["封裝異質"]]
    name = "先進封裝異質整合技術發展計畫(1/4)"
    assert subjects(name, known) == [["先進封裝異質整合", "異質整合"]]
    name = "無人機通訊用軟體定義無線電平臺開發計畫"
    assert subjects(name, known)[0][-1] == "通訊用軟體定義無線電平臺"
    seg = seg_of(name, "本計畫完成定義無線電平臺雛型。")
    assert programme_subjects(seg, TAG, settings=replace(SETTINGS, alone=False)) == []


def seg_of(programme: str, *paragraphs: str) -> Segmented:
    """An article of ``paragraphs`` closed by a 相關科技專案 block listing ``programme``."""
    line, executors = f"{programme}(2024~2027年)", "執行單位:工研院"
    record = ProgrammeList(
        (ProgrammeLine(programme, 2024, 2027, line), ExecutorLine(("工研院",), executors))
    )
    blocks, offset = [], 0
    for text in paragraphs:
        blocks.append(Block(BlockKind.PARAGRAPH, text, offset, "領域", "章", "文章"))
        offset += len(text) + 1
    block = f"{line}\n{executors}"
    blocks.append(Block(Kind.PROGRAMME_BLOCK, block, offset, "領域", "章", "文章", record=record))
    text = "\n".join([*paragraphs, block])
    return Segmented(DocumentInfo("t.txt", "0", "test"), text, tuple(blocks))


RF = "低軌衛星地面通訊設備射頻前端核心技術開發計畫"


def names(terms: list[Term]) -> list[str]:
    return [t.name for t in terms]


def test_the_first_form_a_sentence_prints_is_the_term() -> None:
    seg = seg_of(RF, "本計畫攜手國內產業合作開發射頻前端核心產品雛型。")
    assert programme_subjects(seg, TAG) == [Term(Label.TECHNOLOGY, "射頻前端", origin=ORIGIN)]


def test_the_settings_given_are_the_ones_used() -> None:
    seg = seg_of(RF, "本計畫攜手國內產業合作開發射頻前端核心產品雛型。")
    assert programme_subjects(seg, TAG, settings=replace(SETTINGS, min_chars=5)) == []


def test_the_documents_own_terms_come_first() -> None:
    seg = seg_of(RF, "本計畫開發射頻前端核心產品雛型。")
    own = Term(Label.TECHNOLOGY, "相位陣列天線", origin="definition")
    assert names(programme_subjects(seg, TAG, [own])) == ["相位陣列天線", "射頻前端"]


def test_printings_of_programme_names_and_captions_print_no_subject() -> None:
    quoted = f"科技專案「{RF}」完成雛型。"
    caption = "圖2-2-1-4 射頻前端核心技術"
    assert programme_subjects(seg_of(RF, quoted, caption), TAG) == []


def test_a_cut_inside_a_word_prints_no_subject() -> None:
    # 導入|人工智慧|機械手臂: 智慧機械手臂 would start inside 人工智慧.
    programme, printed = "智慧機械手臂關鍵技術開發計畫", replace(SETTINGS, alone=False)
    seg = seg_of(programme, "導入人工智慧機械手臂。")
    assert programme_subjects(seg, TAG, settings=printed) == []
    seg = seg_of(programme, "導入智慧機械手臂。")
    assert names(programme_subjects(seg, TAG, settings=printed)) == ["智慧機械手臂"]


def test_a_subject_ending_in_a_head_word_is_a_term_alone() -> None:
    """Printed only in the programme's name: a thing (…系統) is a term, with ``alone``."""
    seg = seg_of("工具機智動系統強健生產優化關鍵技術", "科技專案投入研發。")
    assert names(programme_subjects(seg, TAG)) == ["工具機智動系統"]
    assert programme_subjects(seg, TAG, settings=replace(SETTINGS, alone=False)) == []
    # Not a field or an aim (生醫韌性 has no head word).
    assert programme_subjects(seg_of("建置生醫韌性產業鏈自主關鍵技術開發計畫", "研發。"), TAG) == []


def test_known_names_are_left_to_the_lexicon() -> None:
    # 數位雙生 is the lexicon's; 智慧工廠AI is two known names one after another.
    seg = seg_of("數位雙生關鍵技術研發與驗證", "科技專案開發數位雙生平臺。")
    assert programme_subjects(seg, TAG) == []
    known = [Term(Label.TECHNOLOGY, "智慧工廠", origin="definition")]
    seg = seg_of("智慧工廠AI加值與數位系統開發計畫", "導入智慧工廠AI。")
    assert names(programme_subjects(seg, TAG, known)) == ["智慧工廠"]


def test_a_programme_named_after_its_technique_gives_no_term() -> None:
    """X技術 printed is an alias of X: the programme named X技術 would share its name."""
    seg = seg_of("自適應人工智慧生產決策技術", "「自適應人工智慧生產決策」透過數據分析。")
    assert programme_subjects(seg, TAG) == []


def test_a_document_without_programmes_learns_nothing() -> None:
    blocks = (Block(BlockKind.PARAGRAPH, "開發射頻前端。", 0),)
    seg = Segmented(DocumentInfo("t.txt", "0", "test"), blocks[0].text, blocks)
    own = [Term(Label.TECHNOLOGY, "射頻", origin="definition")]
    assert programme_subjects(seg, TAG, own) == own


def test_settings_errors_name_the_field() -> None:
    data = dict(RulesFile.packaged("programme_subject").data)
    with pytest.raises(SchemaError, match=r"rules/programme_subject\.json.*'alone'"):
        load_settings({**data, "alone": "yes"})
    with pytest.raises(SchemaError, match=r"'stops'"):
        load_settings({**data, "stops": []})
    with pytest.raises(SchemaError, match=r"'period'"):
        load_settings({**data, "period": "("})
