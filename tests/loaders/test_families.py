"""Families are registered explicitly, and one can be added from outside graphkit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.errors import InputError, SchemaError
from graphkit.normalise import normalise
from graphkit.pipeline import Pipeline
from graphkit.read import read
from graphkit.records import Label
from graphkit.segment import Families, builtin_families, choose_loader, segment
from tests.corpus import CORPUS
from tests.loaders.law_family import RULES, LawLoader

LAW = CORPUS / "other" / "01-biotech-pharma-industry-act-2017.txt"


@pytest.fixture(scope="module")
def families() -> Families:
    if not LAW.is_file():
        pytest.skip(f"the corpus is not at {CORPUS} (set GRAPHKIT_SHARED)")
    return builtin_families().adding(LawLoader.from_rules())


def test_builtin_families_are_listed_explicitly() -> None:
    assert builtin_families().names() == ("moea-whitepaper", "generic-report")
    assert builtin_families().fallback == "generic-report"


def test_a_family_added_from_a_test_module_reads_its_documents(families: Families) -> None:
    seg, warnings = segment(read(LAW), families=families)
    assert warnings == []
    assert seg.info.family == "tw-law"
    assert (seg.info.title, seg.info.year, seg.info.published) == (
        "生技新藥產業發展條例",
        2017,
        "2017-01",
    )
    articles = list(dict.fromkeys(b.article for b in seg.blocks))
    assert articles[:3] == ["第一條", "第二條", "第三條"]
    assert len(articles) == 13
    for b in seg.blocks:  # exact offsets, after the full-width indentation
        assert seg.text[b.offset :].lstrip(" \t\u3000").startswith(b.text[:12])
    # The builtin registry is left as it was, so other documents still go to builtin loaders.
    assert "tw-law" not in builtin_families().names()
    assert segment(read(LAW))[0].info.family == "generic-report"


def test_the_pipeline_builds_a_document_of_the_added_family(
    families: Families, pipeline: Pipeline
) -> None:
    custom = Pipeline(recogniser=pipeline.recogniser, families=families)
    extraction, warnings = custom.extract_document(read(LAW))
    assert warnings == []
    assert extraction.info.family == "tw-law"
    documents = [n for n in extraction.nodes if n.label is Label.DOCUMENT]
    assert [n.props.get("family") for n in documents] == ["tw-law"]


def test_family_names_are_unique_and_the_fallback_is_registered() -> None:
    loader = LawLoader.from_rules()
    with pytest.raises(ValueError, match="share a name"):
        Families((loader, loader), fallback="tw-law")
    with pytest.raises(ValueError, match="fallback"):
        Families((loader,))


def test_unknown_family_is_an_input_error_naming_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"unknown document family 'nope'.*moea-whitepaper"):
        choose_loader("text", "nope")


def test_the_named_family_wins_over_detection(families: Families) -> None:
    text = normalise(read(LAW).text)
    assert families.choose(text)[0].name == "tw-law"
    loader, score = families.choose(text, "generic-report")
    assert (loader.name, score) == ("generic-report", 1.0)


def test_the_most_confident_family_claims_a_text(families: Families) -> None:
    text = normalise(read(LAW).text)
    scores = {ld.name: ld.detect(text) for ld in families.loaders}
    loader, score = families.choose(text)
    assert loader.name == "tw-law"
    assert score == max(scores.values()) == scores["tw-law"] == 0.9


def test_a_broken_family_rules_file_names_file_and_field(tmp_path: Path) -> None:
    data = json.loads(RULES.read_text(encoding="utf-8"))
    data["article"] = "^第("
    bad = tmp_path / "law.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"law\.json: field 'article': bad regular expression"):
        LawLoader.from_rules(bad)
    bad.write_text("[1]", encoding="utf-8")
    with pytest.raises(SchemaError, match="expected a JSON object"):
        LawLoader.from_rules(bad)
