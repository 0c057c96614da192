"""The generic-report loader: paragraphs, furniture, and the title, date and publisher."""

from __future__ import annotations

import pytest

from graphkit.errors import SchemaError
from graphkit.loaders.generic_report import GenericReportLoader, load_settings
from graphkit.normalise import normalise
from graphkit.read import read
from graphkit.records import Block, BlockKind, DocumentInfo, SourceText
from graphkit.rulefile import RulesFile
from graphkit.segment import segment
from tests.corpus import report_files

SAMPLE = """全球製造業科技趨勢報告

財團法人人工智慧科技基金會

March 2026

1
第一段說明製造業的數位轉型，企業導入人工智慧與自動化技術以提升生產效率與品質，並且
持續擴大投資。
報告頁首
小標題
第二段緊接在小標題之後。

第三段從新的一行開始，這一行很長而且沒有在句子結尾結束，所以會接到下一行去，因為

頁面斷開了。
短行沒有結尾

新段落。
報告頁首
- 3 -
報告頁首
Page 4 of 9
報告頁首
報告頁首
"""
TEXT = normalise(SAMPLE)
SOURCE = SourceText("r.txt", "r.txt", SAMPLE, "0" * 64, "utf-8")


def at(line: str) -> int:
    return ("\n" + TEXT).index("\n" + line)


@pytest.fixture
def loader() -> GenericReportLoader:
    # Built per test, so that mutation testing sees every test read the settings.
    return GenericReportLoader(load_settings())


def test_every_block_of_the_sample(loader: GenericReportLoader) -> None:
    seg = loader.segment(SOURCE, TEXT)
    assert list(seg.blocks) == [
        Block(BlockKind.PARAGRAPH, "全球製造業科技趨勢報告", 0),
        Block(BlockKind.PARAGRAPH, "財團法人人工智慧科技基金會", at("財團法人")),
        Block(BlockKind.PARAGRAPH, "March 2026", at("March")),
        Block(
            BlockKind.PARAGRAPH,
            "第一段說明製造業的數位轉型,企業導入人工智慧與自動化技術以提升生產效率與品質,並且"
            "持續擴大投資。",
            at("第一段"),
        ),
        # A running header repeated five times is dropped; a short unfinished line is joined
        # to the next when no blank line separates them.
        Block(BlockKind.PARAGRAPH, "小標題第二段緊接在小標題之後。", at("小標題")),
        # A long unfinished line continues across a blank line (a page break).
        Block(
            BlockKind.PARAGRAPH,
            "第三段從新的一行開始,這一行很長而且沒有在句子結尾結束,所以會接到下一行去,因為"
            "頁面斷開了。",
            at("第三段"),
        ),
        # A short unfinished line does not continue across a blank line.
        Block(BlockKind.PARAGRAPH, "短行沒有結尾", at("短行")),
        Block(BlockKind.PARAGRAPH, "新段落。", at("新段落")),
    ]


def test_document_info_of_the_sample(loader: GenericReportLoader) -> None:
    assert loader.segment(SOURCE, TEXT).info == DocumentInfo(
        source="r.txt",
        sha256="0" * 64,
        family="generic-report",
        title="全球製造業科技趨勢報告",
        publisher="人工智慧科技基金會",
        edition="2026",
        year=2026,
        published="2026-03",
    )


@pytest.mark.parametrize(
    ("head", "publisher", "year"),
    [
        ("2026全球製造業科技趨勢報告\nKPMG安侯建業\n", "KPMG", 2026),
        ("臺灣產業調查報告\n出版者:臺灣經濟研究院\n", "臺灣經濟研究院", None),
        ("臺灣產業調查報告\n", None, None),
    ],
)
def test_publisher_and_year_from_the_first_lines(
    loader: GenericReportLoader, head: str, publisher: str | None, year: int | None
) -> None:
    info = loader.segment(SOURCE, normalise(head)).info
    assert (info.publisher, info.year, info.published) == (publisher, year, None)
    assert info.edition == (str(year) if year else None)


def test_title_is_the_first_chinese_line_of_four_characters(loader: GenericReportLoader) -> None:
    info = loader.segment(SOURCE, normalise("ABCDEFG\n短題\n調查報告\n")).info
    assert info.title == "調查報告"


def test_detect_scores_chinese_prose(loader: GenericReportLoader) -> None:
    assert loader.detect(TEXT) == 0.5
    assert loader.detect("   ") == 0.0
    # Fewer than three sentence marks (。 or a comma): a tenth of the CJK share.
    assert loader.detect("中文但沒有句號") == pytest.approx(0.1)
    assert loader.detect("中") == pytest.approx(0.1)
    assert loader.detect("中文,中文。") == pytest.approx(0.1 * 4 / 6)
    # Three marks are enough; commas count (the text is normalised: "，" is "," here).
    assert loader.detect("中文,中文,中文。") == pytest.approx(6 / 9 if 6 / 9 < 0.5 else 0.5)
    assert loader.detect(normalise("中文，中文，中文，")) == 0.5
    assert loader.detect("english text, only. no cjk. at all.") == 0.0
    # Only the first 20,000 characters are looked at.
    assert loader.detect("a" * 20_000 + "中文。" * 10) == 0.0


def test_real_reports_are_read_as_generic_reports() -> None:
    for path in report_files():
        seg, warnings = segment(read(path))
        assert seg.info.family == "generic-report"
        assert warnings == []
        assert seg.info.title and seg.info.year
        for b in seg.blocks:
            # The block starts with its first line (later lines may be joined without breaks).
            first = seg.text[b.offset :].split("\n", 1)[0].strip()
            assert b.offset == 0 or seg.text[b.offset - 1] == "\n"
            assert first and b.text.startswith(first[:12])


def test_repeated_short_lines_up_to_the_configured_length_are_furniture(
    loader: GenericReportLoader,
) -> None:
    header = "臺" * loader.settings.repeat_max_len
    longer = "灣" * loader.settings.repeat_max_len + "。"
    body = "".join(f"{header}\n{longer}\n第{i}段。\n\n" for i in range(loader.settings.repeat_min))
    texts = [b.text for b in loader.segment(SOURCE, normalise(body)).blocks]
    assert header not in texts
    assert texts.count(longer) == loader.settings.repeat_min


def test_a_broken_line_of_exactly_min_broken_continues_across_a_blank(
    loader: GenericReportLoader,
) -> None:
    first = "臺" * loader.settings.min_broken
    shorter = "灣" * (loader.settings.min_broken - 1)
    text = normalise(f"{first}\n\n接續。\n{shorter}\n\n新段。\n")
    assert [b.text for b in loader.segment(SOURCE, text).blocks] == [
        f"{first}接續。",
        shorter,
        "新段。",
    ]


def test_only_the_head_lines_are_searched_for_the_title(loader: GenericReportLoader) -> None:
    lines = [f"line {i}" for i in range(loader.settings.head_lines)] + ["調查報告 2020"]
    info = loader.segment(SOURCE, "\n".join(lines)).info
    assert (info.title, info.year) == (None, None)


@pytest.mark.parametrize(
    "field", ["repeat_max_len", "min_broken", "head_lines", "sample_chars", "roc_offset"]
)
def test_integer_settings_must_be_positive(field: str) -> None:
    data = dict(RulesFile.packaged("generic_report").data)
    section = "detect." if field == "sample_chars" else ""

    def rules_with(value: int) -> RulesFile:
        if section:
            return RulesFile("rules/x.json", {**data, "detect": {**data["detect"], field: value}})
        return RulesFile("rules/x.json", {**data, field: value})

    with pytest.raises(SchemaError, match=rf"field '{section}{field}': expected at least 1, got 0"):
        load_settings(rules_with(0))
    assert getattr(load_settings(rules_with(1)), field) == 1


def test_a_bad_rules_field_is_named() -> None:
    data = dict(RulesFile.packaged("generic_report").data)
    data["months"] = {**data["months"], "March": 0}
    with pytest.raises(SchemaError, match=r"field 'months\.March': expected at least 1"):
        load_settings(RulesFile("rules/generic_report.json", data))


@pytest.mark.parametrize(
    ("head", "year", "published"),
    [
        # A full date wins over a year printed before it in prose (a target, not the date).
        ("預計2050年達成淨零。\n date 2025-12-18 快訊\n", 2025, "2025-12"),
        ("即時新聞\n2017.09.12\n科技專案助攻\n", 2017, "2017-09"),
        ("在2030年前完成。\n發布日期:2025年11月19日\n", 2025, "2025-11"),
        # A ROC date: the year plus roc_offset (民國106年 is 2017), with or without 民國.
        ("生技新藥產業發展條例\n中華民國106年1月18日公布\n", 2017, "2017-01"),
        ("記者會於114年11月27日舉行。\n", 2025, "2025-11"),
        # An English month and year, before a year on a title line.
        ("2026全球製造業科技趨勢報告\nJune 2026\n", 2026, "2026-06"),
        # A year on a line that is no sentence (a title), before a year in prose.
        ("將於2034年量產,\n2026全球製造業科技趨勢報告\n", 2026, None),
        # A ROC fiscal year on a title line.
        ("行政院國家科學技術發展基金113年度預算評估報告\n", 2024, None),
        # Then the current year named in prose, Gregorian or ROC, before a year with a month.
        ("該中心於2019年10月成立,今(2025)年起擴大服務。\n", 2025, None),
        ("市場預估至2031年成長一倍,今（114）年先行試辦。\n", 2025, None),
        # Last, a year with a month in prose (an event's date): no month is read from prose.
        ("2023 年 11 月在英國舉行高峰會,各國簽署宣言。\n", 2023, None),
        # A bare year in prose is no date: a target, a history or a cited year.
        ("市場產值預估至2034年將倍增。\n", None, None),
        ("該計畫自2019年啟動,歷經多次測試。\n", None, None),
        # A year glued into a longer number is none.
        ("編號120251號的案件,內容如下。\n", None, None),
    ],
)
def test_the_date_is_the_most_certain_one_of_the_first_lines(
    loader: GenericReportLoader, head: str, year: int | None, published: str | None
) -> None:
    info = loader.segment(SOURCE, normalise(head)).info
    assert (info.year, info.published) == (year, published)


LAW = """法規名稱：電動輔助自行車型式安全審驗管理辦法
修正日期：民國 111 年 11 月 28 日
第 一 章 總則
第 1 條
本辦法依道路交通管理處罰條例第六十九條之一第三項規定訂定之。
第十條之一
申請者應檢附品質一致性管制計畫書
"""


def test_a_law_s_headings_are_blocks_and_its_title_has_no_field_label(
    loader: GenericReportLoader,
) -> None:
    """A law's PDF prints its chapter and article headings with no blank line around them:
    each is a block of its own, and the title is the one the database labels 法規名稱."""
    seg = loader.segment(SOURCE, normalise(LAW))
    assert [b.text for b in seg.blocks] == [
        "法規名稱:電動輔助自行車型式安全審驗管理辦法修正日期:民國 111 年 11 月 28 日",
        "第 一 章 總則",
        "第 1 條",
        "本辦法依道路交通管理處罰條例第六十九條之一第三項規定訂定之。",
        "第十條之一",
        "申請者應檢附品質一致性管制計畫書",
    ]
    assert all(seg.text[b.offset :].startswith(b.text[:4]) for b in seg.blocks)
    assert {b.kind for b in seg.blocks} == {BlockKind.PARAGRAPH}
    assert (seg.info.title, seg.info.year) == ("電動輔助自行車型式安全審驗管理辦法", 2022)
    # A labelled title of three characters is the title too (not the date line after it).
    short = loader.segment(
        SOURCE, normalise("法規名稱：專利法\n修正日期：民國 111 年 05 月 04 日\n")
    )
    assert short.info.title == "專利法"
    # Neither a heading inside a sentence nor a plain title line changes.
    plain = loader.segment(SOURCE, normalise("臺灣產業調查報告\n第 1 條規定之補助,\n依此辦理。\n"))
    assert [b.text for b in plain.blocks] == ["臺灣產業調查報告第 1 條規定之補助,依此辦理。"]
    assert plain.info.title == "臺灣產業調查報告"
