"""The white-paper loader on a small hand-built document: every block, exactly.

Each line of SAMPLE exercises one rule of ``schema/rules/moea_whitepaper.json`` (headings,
overview parts, tables, the 相關科技專案 block, appendices, footnotes, re-joined paragraphs).
The expected blocks are written out in full, offsets included, so a rule that stops working
or a block that moves by one character fails here.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphkit.errors import SchemaError
from graphkit.loaders.moea_whitepaper import Kind, MoeaWhitePaperLoader, load_settings
from graphkit.normalise import normalise
from graphkit.records import (
    AgencyRow,
    Block,
    BlockKind,
    DatedEvent,
    DirectoryRow,
    DocumentInfo,
    ExecutorLine,
    GlossaryRow,
    ProgrammeLine,
    ProgrammeList,
    RegulationLine,
    SourceText,
    SubsidyRow,
)
from graphkit.rulefile import RulesFile

SAMPLE = """2025/2026產業技術白皮書
出版：測試出版單位
出版年月：2025年9月
SECTION 2
壹、電子資訊領域
- 第一章 半導體
第一章 半導體
總論
➤ 技術研發措施
推動化合物半導體技術研發，強化產業競爭力。
➤ 法規調適：《產業創新條例》第十條之二
➤ 補助獎勵措施
計畫名稱\t目的\t申請資訊
A+企業創新研發淬鍊計畫\t鼓勵企業投入研發\t官網
\t空白名稱\t官網
碳化矽功率元件
重點摘要
碳化矽（Silicon Carbide, SiC）是寬能隙半導體材料，適合高功率與高頻應用，其研發已由
1 資料來源：工研院產科國際所
實驗室走向量產。
相關科技專案
化合物半導體關鍵技術計畫（2022～2025年）
執行單位：工業技術研究院、
資訊工業策進會
先進封裝技術計畫（2023～
2025年）
執行單位：金屬工業研究發展中心
附錄一、大事記
2024-3月
【發表碳化矽晶圓】
工研院發表八吋碳化矽晶圓。
附錄二、中英文名詞索引
中文名詞\t英文名詞
碳化矽\tSilicon Carbide, SiC
附錄三、產業技術訊息相關連網
洲別\t國家\t機關名稱\t網址
亞洲\t臺灣\t工業技術研究院\thttps://www.itri.org.tw
\t\t資訊工業策進會\thttps://www.iii.org.tw
"""

TEXT = normalise(SAMPLE)
SOURCE = SourceText("wp.txt", "wp.txt", SAMPLE, "0" * 64, "utf-8")
PLACE = {"domain": "電子資訊", "chapter": "半導體"}
ARTICLE = {**PLACE, "article": "碳化矽功率元件"}


def at(line: str) -> int:
    """Offset of a line of the normalised sample (its first occurrence at a line start)."""
    return ("\n" + TEXT).index("\n" + line)


@pytest.fixture
def loader() -> MoeaWhitePaperLoader:
    # Built per test, so that mutation testing sees every test read the settings.
    return MoeaWhitePaperLoader(load_settings())


def test_every_block_of_the_sample(loader: MoeaWhitePaperLoader) -> None:
    paragraph = (
        "碳化矽(Silicon Carbide, SiC)是寬能隙半導體材料,適合高功率與高頻應用,其研發已由"
        "實驗室走向量產。"
    )
    programmes = ProgrammeList(
        (
            ProgrammeLine(
                "化合物半導體關鍵技術計畫", 2022, 2025, "化合物半導體關鍵技術計畫(2022~2025年)"
            ),
            ExecutorLine(
                ("工業技術研究院", "資訊工業策進會"), "執行單位:工業技術研究院、資訊工業策進會"
            ),
            ProgrammeLine("先進封裝技術計畫", 2023, 2025, "先進封裝技術計畫(2023~2025年)"),
            ExecutorLine(("金屬工業研究發展中心",), "執行單位:金屬工業研究發展中心"),
        )
    )
    expected = [
        Block(BlockKind.PARAGRAPH, "2025/2026產業技術白皮書", 0),
        Block(BlockKind.PARAGRAPH, "出版:測試出版單位", at("出版:")),
        Block(BlockKind.PARAGRAPH, "出版年月:2025年9月", at("出版年月")),
        Block(
            BlockKind.PARAGRAPH, "推動化合物半導體技術研發,強化產業競爭力。", at("推動"), **PLACE
        ),
        Block(
            Kind.REGULATION_LINE,
            "➤ 法規調適:《產業創新條例》第十條之二",
            at("➤ 法規調適"),
            **PLACE,
            record=RegulationLine(),
        ),
        Block(
            Kind.SUBSIDY_ROW,
            "A+企業創新研發淬鍊計畫\t鼓勵企業投入研發\t官網",
            at("A+"),
            **PLACE,
            record=SubsidyRow("A+企業創新研發淬鍊計畫", "鼓勵企業投入研發"),
        ),
        Block(BlockKind.PARAGRAPH, paragraph, at("碳化矽(Silicon"), **ARTICLE),
        Block(BlockKind.PARAGRAPH, "1 資料來源:工研院產科國際所", at("1 資料來源"), **ARTICLE),
        Block(
            Kind.PROGRAMME_BLOCK,
            "\n".join(line.text for line in programmes.lines),
            at("相關科技專案"),
            **ARTICLE,
            record=programmes,
        ),
        Block(
            Kind.EVENT,
            "工研院發表八吋碳化矽晶圓。",
            at("工研院發表"),
            record=DatedEvent("2024-03", "發表碳化矽晶圓"),
        ),
        Block(
            Kind.GLOSSARY_ROW,
            "碳化矽\tSilicon Carbide, SiC",
            at("碳化矽\t"),
            record=GlossaryRow("碳化矽", "Silicon Carbide, SiC"),
        ),
        Block(
            Kind.DIRECTORY_ROW,
            "亞洲\t臺灣\t工業技術研究院\thttps://www.itri.org.tw",
            at("亞洲"),
            record=DirectoryRow("亞洲", "臺灣", "工業技術研究院", "https://www.itri.org.tw"),
        ),
        Block(
            Kind.DIRECTORY_ROW,
            "資訊工業策進會\thttps://www.iii.org.tw",
            at("\t\t資訊工業策進會"),
            record=DirectoryRow("亞洲", "臺灣", "資訊工業策進會", "https://www.iii.org.tw"),
        ),
    ]
    seg = loader.segment(SOURCE, TEXT)
    assert list(seg.blocks) == expected
    assert seg.text == TEXT


def test_document_info_of_the_sample(loader: MoeaWhitePaperLoader) -> None:
    assert loader.segment(SOURCE, TEXT).info == DocumentInfo(
        source="wp.txt",
        sha256="0" * 64,
        family="moea-whitepaper",
        title="2025/2026產業技術白皮書",
        publisher="測試出版單位",
        edition="2025/2026",
        year=2025,
        published="2025-09",
    )


def test_info_falls_back_to_the_edition_year_and_default_publisher(
    loader: MoeaWhitePaperLoader,
) -> None:
    text = normalise("2024/2025產業技術白皮書\n相關科技專案\n")
    info = loader.segment(SOURCE, text).info
    assert (info.year, info.published, info.publisher) == (2024, None, "經濟部產業技術司")
    info = loader.segment(SOURCE, normalise("一份沒有標題的文件\n")).info
    assert (info.title, info.edition, info.year) == (None, None, None)


def test_detect_counts_the_family_markers(loader: MoeaWhitePaperLoader) -> None:
    assert loader.detect(TEXT) == 1.0
    assert loader.detect("重點摘要 總論 相關科技專案") == 1.0  # three markers: enough
    assert loader.detect("重點摘要 總論") == pytest.approx(0.2 * 2 / 3)
    assert loader.detect("重點摘要 總論 相關科技專案 執行單位: 產業技術白皮書") == 1.0
    assert loader.detect("nothing here") == 0.0


def test_a_programme_block_ends_at_the_first_other_line(loader: MoeaWhitePaperLoader) -> None:
    text = normalise(
        "第一章 測試\n標題\n重點摘要\n內文。\n相關科技專案\n\n甲計畫(2020年)\n\n執行單位:乙\n"
        "丙計畫\n之後的段落。\n"
    )
    blocks = loader.segment(SOURCE, text).blocks
    block = next(b for b in blocks if b.kind is Kind.PROGRAMME_BLOCK)
    assert block.record == ProgrammeList(
        (
            ProgrammeLine("甲計畫", 2020, 2020, "甲計畫(2020年)"),
            ExecutorLine(("乙",), "執行單位:乙"),
        )
    )
    after = [b for b in blocks if b.offset > block.offset]
    assert [(b.text, b.article) for b in after] == [("丙計畫", None), ("之後的段落。", None)]


def test_a_programme_block_may_start_at_its_english_heading(loader: MoeaWhitePaperLoader) -> None:
    # One article prints RELATED TECHNOLOGY PROJECTS and its programme line only; the others
    # print the Chinese heading after the English one, which stays the same block.
    sample = (
        "第一章 測試\n甲文\n重點摘要\n內文。\nRELATED TECHNOLOGY PROJECTS\n\n甲計畫(2020年)\n"
        "乙文\n重點摘要\n內文。\nRELATED TECHNOLOGY PROJECTS\n\n相關科技專案\n乙計畫(2021年)\n"
        "執行單位:乙\n"
    )
    blocks = [b for b in loader.segment(SOURCE, normalise(sample)).blocks if b.record]
    assert [(b.article, b.record) for b in blocks] == [
        ("甲文", ProgrammeList((ProgrammeLine("甲計畫", 2020, 2020, "甲計畫(2020年)"),))),
        (
            "乙文",
            ProgrammeList(
                (
                    ProgrammeLine("乙計畫", 2021, 2021, "乙計畫(2021年)"),
                    ExecutorLine(("乙",), "執行單位:乙"),
                )
            ),
        ),
    ]


TEN = "一二三四五六七八九十"


def blocks_of(loader: MoeaWhitePaperLoader, sample: str) -> list[tuple[object, ...]]:
    text = normalise(sample)
    return [
        (b.kind, b.text, b.chapter, b.article, b.record)
        for b in loader.segment(SOURCE, text).blocks
    ]


def test_overview_regulations_tables_and_paragraph_joins(loader: MoeaWhitePaperLoader) -> None:
    sample = (
        "第一章 半導體\n總論\n➤ 法規調適\n修訂《產業創新條例》以鼓勵研發。\n"
        "訂定單位\t授權辦法\t辦法內容\n經濟部\t《產業創新條例》\t\n"
        "➤ 補助獎勵措施\n計畫名稱\t目的\t申請資訊\n\t空白\t官網\n甲計畫\t\t官網\n此行沒有定位字元\n"
        "➤ 法規調適\n計畫名稱\t目的\t申請資訊\n乙條例\t目的\t官網\n"
        f"文章標題\n重點摘要\n➤ 技術研發措施\n{TEN * 3}\n好。\n下一段。\n"
        f"{TEN * 3}\n短句未完\n另一行。\n"
        "執行單位法人\t網址\n工業技術研究院\t\n\thttps://x.org\n"
    )
    chapter, article = "半導體", "文章標題"
    assert blocks_of(loader, sample) == [
        # A 法規調適 heading alone is no block; the lines under it are regulation lines.
        (Kind.REGULATION_LINE, "修訂《產業創新條例》以鼓勵研發。", chapter, None, RegulationLine()),
        (
            Kind.REGULATION_LINE,
            "經濟部\t《產業創新條例》",
            chapter,
            None,
            RegulationLine(("經濟部", "《產業創新條例》", "")),
        ),
        # A subsidy row without a name is dropped; one without a purpose has None.
        (Kind.SUBSIDY_ROW, "甲計畫\t\t官網", chapter, None, SubsidyRow("甲計畫", None)),
        # A line without a tab ends the table.
        (BlockKind.PARAGRAPH, "此行沒有定位字元", chapter, None, None),
        # Under 法規調適 a subsidy-table row is a regulation line with its cells.
        (
            Kind.REGULATION_LINE,
            "乙條例\t目的\t官網",
            chapter,
            None,
            RegulationLine(("乙條例", "目的", "官網")),
        ),
        # Inside an article an overview heading is prose.
        (BlockKind.PARAGRAPH, "➤ 技術研發措施", chapter, article, None),
        # A line of exactly min_broken characters without an end continues, even by 2 characters
        (BlockKind.PARAGRAPH, f"{TEN * 3}好。", chapter, article, None),
        # … but a short line ends the paragraph it was added to.
        (BlockKind.PARAGRAPH, "下一段。", chapter, article, None),
        (BlockKind.PARAGRAPH, f"{TEN * 3}短句未完", chapter, article, None),
        (BlockKind.PARAGRAPH, "另一行。", chapter, article, None),
        # Agency-table rows need a name, not a site.
        (Kind.AGENCY_ROW, "工業技術研究院", chapter, article, AgencyRow("工業技術研究院", "")),
    ]


def test_appendices(loader: MoeaWhitePaperLoader) -> None:
    sample = (
        "附錄一、大事記\n一段沒有日期也沒有標題的說明文字。\n工研院發表新技術\n新技術的說明。\n"
        f"【第二個事件】\n2024-3月\n{TEN * 6}\n接續的短行\n"
        "附錄二、中英文名詞索引\n中文名詞\t英文名詞\n\tOrphan English\n"
        "附錄三、產業技術訊息相關連網\n洲別\t國家\t機關名稱\t網址\n亞洲\t臺灣\t\thttps://e.example\n"
        "歐洲\t德國\t弗勞恩霍夫協會\thttps://www.fraunhofer.de\t備註\n"
        "附錄四、參考資料\n第二章 不是章節\n"
    )
    url = "https://www.fraunhofer.de"
    assert blocks_of(loader, sample) == [
        (Kind.EVENT, "一段沒有日期也沒有標題的說明文字。", None, None, DatedEvent("", "")),
        # A short unfinished line with no paragraph open is an entry's title.
        (Kind.EVENT, "新技術的說明。", None, None, DatedEvent("", "工研院發表新技術")),
        # A line of event_title_max characters is not a title; a short line continuing an
        # open paragraph is not one either.
        (Kind.EVENT, f"{TEN * 6}接續的短行", None, None, DatedEvent("2024-03", "第二個事件")),
        # Glossary rows need the Chinese term; directory rows a name; extra cells are ignored.
        (
            Kind.DIRECTORY_ROW,
            f"歐洲\t德國\t弗勞恩霍夫協會\t{url}\t備註",
            None,
            None,
            DirectoryRow("歐洲", "德國", "弗勞恩霍夫協會", url),
        ),
        # In an appendix graphkit does not know, a chapter heading is only text.
        (BlockKind.PARAGRAPH, "第二章 不是章節", None, None, None),
    ]


def test_agency_lists_continue_after_a_separator(loader: MoeaWhitePaperLoader) -> None:
    sample = (
        "第一章 測試\n標題\n重點摘要\n內文。\n相關科技專案\n甲計畫(2020年)\n執行單位:甲,\n乙\n"
        "丙計畫(2021年)\n執行單位:丙、\n\n丁計畫(2022年)\n執行單位:丁、"
    )
    block = next(b for b in loader.segment(SOURCE, normalise(sample)).blocks if b.record)
    assert isinstance(block.record, ProgrammeList)
    executors = [e for e in block.record.lines if isinstance(e, ExecutorLine)]
    # The next programme line (blank lines are furniture) or the end of the text ends a list.
    assert [e.agencies for e in executors] == [("甲", "乙"), ("丙",), ("丁",)]


def test_a_bracketed_event_title_may_be_long(loader: MoeaWhitePaperLoader) -> None:
    title = "很" * loader.settings.event_title_max
    sample = f"附錄一、大事記\n2024-3月\n【{title}】\n說明。\n"
    blocks = loader.segment(SOURCE, normalise(sample)).blocks
    assert [b.record for b in blocks] == [DatedEvent("2024-03", title)]


def test_a_complete_line_closes_its_paragraph_before_the_next_title(
    loader: MoeaWhitePaperLoader,
) -> None:
    body = "很" * loader.settings.min_broken + "。"
    sample = f"附錄一、大事記\n2024-3月\n{body}\n短標題\n說明。\n"
    blocks = loader.segment(SOURCE, normalise(sample)).blocks
    assert [(b.text, b.record) for b in blocks] == [
        (body, DatedEvent("2024-03", "")),
        ("說明。", DatedEvent("2024-03", "短標題")),
    ]


def test_a_bulleted_footnote_is_its_own_block_and_the_paragraph_goes_on(
    loader: MoeaWhitePaperLoader,
) -> None:
    # The PDF's footnotes are printed "- 1 資料來源：…" too; such a line between the two
    # halves of a paragraph broken by the page was glued into it (and its titles read as text).
    half = "很" * loader.settings.min_broken
    sample = f"壹、電子資訊領域\n第一章 半導體\n總論\n{half}\n- 1 資料來源：某某(2013)\n{half}。\n"
    blocks = loader.segment(SOURCE, normalise(sample)).blocks
    assert [b.text for b in blocks] == [half + half + "。", "- 1 資料來源:某某(2013)"]


def test_a_section_heading_resets_the_place(loader: MoeaWhitePaperLoader) -> None:
    # The packaged furniture patterns drop "SECTION 2" as a table-of-contents line (text and
    # a page number), so the rule is tested without them.
    bare = MoeaWhitePaperLoader(replace(loader.settings, furniture=()))
    sample = "壹、電子資訊領域\n第一章 半導體\n總論\n概況。\nSECTION 2\n之後的文字。\n"
    assert blocks_of(bare, sample) == [
        (BlockKind.PARAGRAPH, "概況。", "半導體", None, None),
        (BlockKind.PARAGRAPH, "之後的文字。", None, None, None),
    ]
    assert blocks_of(loader, sample)[-1][2] == "半導體"  # the packaged rules drop the heading


def test_default_publisher_is_optional() -> None:
    data = dict(RulesFile.packaged("moea_whitepaper").data)
    settings = load_settings(RulesFile("rules/x.json", data))
    assert settings.default_publisher == "經濟部產業技術司"
    data["defaults"] = {}
    assert load_settings(RulesFile("rules/x.json", data)).default_publisher is None


@pytest.mark.parametrize(
    ("section", "field"),
    [("detect", "min_markers"), (None, "min_broken"), (None, "event_title_max")],
)
def test_integer_settings_must_be_positive(section: str | None, field: str) -> None:
    base = RulesFile.packaged("moea_whitepaper").data

    def with_value(value: int) -> RulesFile:
        data = dict(base)
        if section:
            data[section] = {**data[section], field: value}
        else:
            data[field] = value
        return RulesFile("rules/x.json", data)

    name = f"{section}.{field}" if section else field
    with pytest.raises(SchemaError, match=rf"field '{name}': expected at least 1, got 0"):
        load_settings(with_value(0))
    load_settings(with_value(1))


def test_a_bad_rules_field_is_named() -> None:
    data = dict(RulesFile.packaged("moea_whitepaper").data)
    data["detect"] = {**data["detect"], "min_markers": "three"}
    with pytest.raises(SchemaError, match=r"moea_whitepaper\.json: field 'detect\.min_markers'"):
        load_settings(RulesFile("rules/moea_whitepaper.json", data))
    data = dict(RulesFile.packaged("moea_whitepaper").data)
    del data["agency_line"]
    with pytest.raises(SchemaError, match=r"field 'agency_line': missing"):
        load_settings(RulesFile("rules/moea_whitepaper.json", data))


def test_settings_are_frozen(loader: MoeaWhitePaperLoader) -> None:
    with pytest.raises(AttributeError):
        loader.settings.min_broken = 1  # type: ignore[misc]
    shorter = MoeaWhitePaperLoader(replace(loader.settings, min_broken=500))
    # With a huge threshold no line continues a paragraph: the broken one stays in two pieces.
    texts = [b.text for b in shorter.segment(SOURCE, TEXT).blocks]
    assert "實驗室走向量產。" in texts


def test_a_short_line_right_after_a_title_is_its_body(loader: MoeaWhitePaperLoader) -> None:
    """The page width breaks a body's first line short: it is no second title."""
    half = "很" * (loader.settings.min_broken + 1)
    body = f"{half}資通訊網\n路暨科技總署共同舉辦。\n"
    sample = f"附錄一、大事記\n2024-10月\n【歐盟共建實驗網】\n{body}"
    blocks = loader.segment(SOURCE, normalise(sample)).blocks
    assert [(b.text, b.record) for b in blocks] == [
        (f"{half}資通訊網路暨科技總署共同舉辦。", DatedEvent("2024-10", "歐盟共建實驗網"))
    ]
    # Without a bracket a short title still opens its entry, and its body follows.
    sample = f"附錄一、大事記\n2024-10月\n短標題\n{body}"
    blocks = loader.segment(SOURCE, normalise(sample)).blocks
    assert [(b.text, b.record) for b in blocks] == [
        (f"{half}資通訊網路暨科技總署共同舉辦。", DatedEvent("2024-10", "短標題"))
    ]
