"""The green-field technology lexicon (schema/lexicons/technologies-green.jsonl): energy and net
zero, environment, materials and chemicals, life sciences, agriculture and food, textiles and
construction. It loads like every lexicon, names nothing another lexicon names, holds no generic
word, and its names are found in running text."""

from __future__ import annotations

import re

import pytest

from graphkit.knowledge import lexicon_files, load_lexicon
from graphkit.normalise import normalise
from graphkit.pipeline import Pipeline
from graphkit.records import Label, Term
from tests.pipeline_texts import names_of

GREEN = "lexicons/technologies-green.jsonl"

#: Words that are no technology on their own (GUIDELINE.md): generic heads, sectors, metrics.
GENERIC = frozenset(
    {
        "系統", "技術", "平台", "平臺", "設備", "材料", "元件", "模組", "應用", "方案", "解決方案",
        "服務", "網路", "產業", "市場", "電池", "能源", "綠能", "淨零", "碳中和", "循環經濟",
        "生技", "醫材", "醫療器材", "紡織", "化學品", "化工", "塑膠", "纖維", "金屬", "合金",
        "疫苗", "藥物", "新藥", "感測器", "效率", "產能", "良率", "碳足跡", "碳排放", "減碳",
        "節能", "農業", "食品", "建築", "鋼鐵", "石化", "半導體產業", "生技產業", "綠電",
        "technology", "system", "material", "energy", "battery", "vaccine", "catalyst",
    }
)  # fmt: skip


@pytest.fixture(scope="module")
def green() -> tuple[Term, ...]:
    return load_lexicon(GREEN)


def _technologies(pipeline: Pipeline, text: str) -> set[str]:
    return set(names_of(pipeline, text, Label.TECHNOLOGY))


def test_the_file_loads_as_a_lexicon_of_technologies(green: tuple[Term, ...]) -> None:
    assert GREEN in lexicon_files()
    assert len(green) >= 700
    assert {t.label for t in green} == {Label.TECHNOLOGY}
    assert {t.origin for t in green} == {"lexicon"}
    kinds = {t.kind for t in green if t.kind}
    assert kinds <= {"field", "device", "material", "process", "technique", "system"}


def test_every_row_has_a_chinese_name(green: tuple[Term, ...]) -> None:
    assert [t.name for t in green if not re.search(r"[\u4e00-\u9fff]", t.name)] == []


def test_no_form_is_shared_with_another_entry(green: tuple[Term, ...]) -> None:
    owners: dict[str, list[tuple[str, str]]] = {}
    for relpath in lexicon_files():
        for term in load_lexicon(relpath):
            for form in {normalise(f).strip().lower() for f in term.surface_forms}:
                owners.setdefault(form, []).append((relpath, term.name))
    mine = {normalise(f).strip().lower() for t in green for f in t.surface_forms}
    shared = {f: owners[f] for f in mine if len(owners[f]) > 1}
    assert shared == {}


def test_no_entry_is_a_generic_word(green: tuple[Term, ...]) -> None:
    forms = {normalise(f).strip().lower() for t in green for f in t.surface_forms}
    assert forms & {normalise(g).lower() for g in GENERIC} == set()


def test_abbreviations_are_latin_and_at_least_two_characters(green: tuple[Term, ...]) -> None:
    abbrs = [t.abbr for t in green if t.abbr]
    assert [a for a in abbrs if len(a) < 2 or not a.isascii()] == []


def test_chinese_names_are_found_in_a_sentence(pipeline: Pipeline) -> None:
    assert _technologies(pipeline, "公司投入地熱發電與液流電池。\n") == {"地熱發電", "液流電池"}
    # Names with no technical head word: only the lexicon finds them.
    found = _technologies(pipeline, "農場導入魚菜共生與植物工廠，並以葉克膜與綠氫、觸媒示範。\n")
    assert found == {"魚菜共生", "植物工廠", "葉克膜", "綠氫", "觸媒"}


def test_an_alias_resolves_to_its_canonical_name(pipeline: Pipeline) -> None:
    found = _technologies(pipeline, "研究團隊以生物降解塑膠取代傳統包材。\n")
    assert "生物可分解塑膠" in found and "生物降解塑膠" not in found


def test_an_english_name_and_an_abbreviation_are_found(pipeline: Pipeline) -> None:
    found = _technologies(pipeline, "本計畫開發Perovskite Solar Cell，並驗證SOFC系統。\n")
    assert {"鈣鈦礦太陽電池", "固態氧化物燃料電池"} <= found


def test_an_abbreviation_in_lower_case_or_inside_a_word_is_not_found(pipeline: Pipeline) -> None:
    found = _technologies(pipeline, "本計畫驗證sofc與XSOFCY兩組樣品。\n")
    assert "固態氧化物燃料電池" not in found
