"""The ICT, semiconductor, machinery and vehicle lexicon (schema/lexicons/technologies-ict.jsonl):
it loads, every row is a technology with a Chinese name, no form is shared with another
lexicon entry or is a generic word alone, and its names are recognised in running text."""

from __future__ import annotations

import re

import pytest

from graphkit.knowledge import all_lexicon_terms, lexicon_files, load_lexicon
from graphkit.normalise import name_key
from graphkit.pipeline import Pipeline
from graphkit.records import Label, Term
from tests.pipeline_texts import names_of

FILE = "lexicons/technologies-ict.jsonl"
KINDS = {"field", "device", "material", "process", "technique", "system"}
#: Words that name no technology alone (GUIDELINE: generic words, sectors, metrics), and bare
#: device heads that fire as no gold technology in the white paper (晶片, 晶圓, 天線 …).
GENERIC = {
    "系統", "技術", "平臺", "設備", "材料", "元件", "模組", "應用", "方案", "解決方案", "服務",
    "網路", "產業", "市場", "半導體產業", "電子業", "良率", "頻寬", "效率", "產能", "電路",
    "晶片", "晶圓", "天線", "衛星", "航太", "馬達", "模具", "軸承", "記憶體", "伺服器",
    "顯示器", "連接器", "濾波器", "資料中心", "作業系統", "無線通訊", "行動通訊", "智慧機械",
}  # fmt: skip
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def terms() -> tuple[Term, ...]:
    return load_lexicon(FILE)


def test_the_file_loads_as_technologies(terms: tuple[Term, ...]) -> None:
    assert FILE in lexicon_files()
    assert 700 <= len(terms) <= 1200
    assert {t.label for t in terms} == {Label.TECHNOLOGY}
    assert all(t.origin == "lexicon" for t in terms)
    assert {t.kind for t in terms} <= KINDS


def test_every_row_has_a_chinese_name(terms: tuple[Term, ...]) -> None:
    assert [t.name for t in terms if not CJK.search(t.name)] == []


def test_no_form_is_shared_with_another_entry(terms: tuple[Term, ...]) -> None:
    owners: dict[str, set[str]] = {}
    for t in all_lexicon_terms():
        for f in t.surface_forms:
            owners.setdefault(name_key(f), set()).add(f"{t.label.value}:{t.name}")
    shared = {
        f: sorted(owners[name_key(f)])
        for t in terms
        for f in t.surface_forms
        if len(owners[name_key(f)]) > 1
    }
    assert shared == {}


def test_no_entry_is_a_generic_word(terms: tuple[Term, ...]) -> None:
    assert sorted(f for t in terms for f in t.surface_forms if f in GENERIC) == []


def test_abbreviations_are_not_single_letters(terms: tuple[Term, ...]) -> None:
    assert [t.abbr for t in terms if t.abbr and len(t.abbr) < 2] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese names, machinery.
        ("公司開發五軸加工機與滾珠螺桿。", ["五軸加工機", "滾珠螺桿"]),
        ("工研院開發原子層沉積與化學機械研磨技術。", ["化學機械研磨", "原子層沉積"]),
        # English names (any case, on word edges) name the entry.
        ("該系統整合Ball Screw與linear motor。", ["滾珠螺桿", "線性馬達"]),
        # Abbreviations, in their own case.
        ("車廠導入ADAS與光達。", ["先進駕駛輔助系統", "光達"]),
        ("採用SCARA與AGV搬運。", ["水平多關節機器人", "無人搬運車"]),
    ],
)
def test_names_are_recognised_in_sentences(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    assert names_of(pipeline, text, Label.TECHNOLOGY) == expected


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # An abbreviation in lower case, or inside a longer Latin word, names nothing.
        ("比較EMERALD、ald與CMP的差異。", "化學機械研磨", "原子層沉積"),
        ("客戶包括ADASTRA、adas與光達。", "光達", "先進駕駛輔助系統"),
        # A known name before a sector word names the sector (ADAS業者), not the technology.
        ("ADAS業者擴產，導入AGV。", "無人搬運車", "先進駕駛輔助系統"),
    ],
)
def test_abbreviations_do_not_match_inside_words_or_in_lower_case(
    pipeline: Pipeline, text: str, present: str, absent: str
) -> None:
    found = names_of(pipeline, text, Label.TECHNOLOGY)
    assert present in found and absent not in found
