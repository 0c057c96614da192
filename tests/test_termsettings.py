"""The term learner's settings (graphkit/termsettings.py): rules/terms.json read through a
RulesFile, so a broken file is an error naming the file and the field."""

from __future__ import annotations

import re
from typing import Any

import pytest

from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.records import Label
from graphkit.termsettings import load_settings, term_settings


def _changed(path: str, value: Any) -> dict[str, Any]:
    """A copy of terms.json with the field at dotted ``path`` set to ``value`` (None: removed);
    a number in the path indexes a list."""
    data: dict[str, Any] = dict(rules("terms"))
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        index = int(key) if key.isdigit() else key
        child = node[index]
        node[index] = dict(child) if isinstance(child, dict) else list(child)
        node = node[index]
    index = int(last) if last.isdigit() else last
    if value is None:
        del node[index]
    else:
        node[index] = value
    return data


def test_the_packaged_file_is_read_as_written() -> None:
    s = load_settings()
    assert (s.min_zh, s.max_zh, s.min_en_words_new) == (3, 12, 2)
    assert s.en_stopwords == ("et al", "Ltd", "Inc", "Co")
    assert s.self_reference.heads == ("條例", "辦法", "法案", "規則", "法")
    assert (s.self_reference.prefix, s.self_reference.max_chars) == ("本", 30)
    assert s.directory.home_country == "中華民國"
    assert s.glossary_not_technology.label is Label.POLICY
    assert s.left_edge.particles == frozenset({"之", "的"})
    assert s.person_like.pattern == rules("terms")["person_like"]
    assert s.legal_definition.regex.pattern == rules("terms")["legal_definition"]["regex"]
    assert "GDP" in s.not_technology.metrics and "會議" in s.not_technology.events_after


def test_a_boundary_word_class_is_expanded() -> None:
    """boundary_words' "@subjects" stands for rules/vocabulary.json's subjects (本計畫 …)."""
    words = load_settings().boundary_words
    assert "@subjects" not in words and "透過" in words and len(words) > 90


def test_the_classify_rules_keep_their_order_and_optional_fields() -> None:
    rules_ = load_settings().classify
    first, agency = rules_[0], rules_[6]
    assert first.label is Label.REGULATION and first.prefixes is None and first.suffixes == ()
    assert first.en_last == frozenset({"Act", "Directive", "Regulation", "Law"})
    assert rules_[1].prefixes is not None and rules_[1].prefixes[0] == "歐盟"
    assert agency.label is Label.AGENCY and agency.abroad is not None
    assert (agency.abroad.label, agency.abroad.kind) == (Label.ORGANIZATION, "foreign body")
    assert [r.label for r in rules_] == [Label(r["label"]) for r in rules("terms")["classify"]]


def test_the_packaged_settings_are_loaded_once() -> None:
    assert term_settings() is term_settings()
    assert term_settings() == load_settings()


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("min_zh", None, "min_zh"),
        ("max_zh", "12", "max_zh"),
        ("min_en_words_new", -1, "min_en_words_new"),
        ("definition", None, "definition"),
        ("definition", "(?P<zh>", "definition"),
        ("person_like", ["Mr"], "person_like"),
        ("short_after", "[", "short_after"),
        ("en_stopwords", "Ltd", "en_stopwords"),
        ("not_terms", ["圖", 3], "not_terms"),
        ("boundary_words", ["@no_such_class"], "boundary_words"),
        ("directory", None, "directory"),
        ("directory.skip_suffixes", ["網", ""], "directory.skip_suffixes"),
        ("glossary_not_technology.label", "Gadget", "glossary_not_technology.label"),
        ("not_technology.en_heads", None, "not_technology.en_heads"),
        ("left_edge.lead_words", {"開發": 1}, "left_edge.lead_words"),
        ("self_reference.max_chars", 30.5, "self_reference.max_chars"),
        ("legal_definition.regex", "(", "legal_definition.regex"),
        ("legal_definition.genus", None, "legal_definition.genus"),
        ("classify", {"label": "Policy"}, "classify"),
        ("classify.0.label", None, "classify.0.label"),
        ("classify.1.suffixes", "機制", "classify.1.suffixes"),
        ("classify.3.label", "Gadget", "classify.3.label"),
        ("classify.3.suffix", ["方案"], "classify.3"),
        ("classify.6.abroad.kind", None, "classify.6.abroad.kind"),
        # Empty where a value is needed, and limits under one
        ("boundary_words", [], "boundary_words"),
        ("self_reference.heads", [], "self_reference.heads"),
        ("self_reference.prefix", "", "self_reference.prefix"),
        ("directory.home_country", "", "directory.home_country"),
        ("classify.6.abroad.kind", "", "classify.6.abroad.kind"),
        ("glossary_not_technology.label", "", "glossary_not_technology.label"),
        ("min_zh", 0, "min_zh"),
        ("max_zh", 0, "max_zh"),
        ("self_reference.max_chars", 0, "self_reference.max_chars"),
    ],
)
def test_a_malformed_field_is_an_error_naming_the_file_and_the_field(
    path: str, value: Any, field: str
) -> None:
    with pytest.raises(SchemaError) as caught:
        load_settings(_changed(path, value))
    message = str(caught.value)
    assert "rules/terms.json" in message
    assert f"field '{field}'" in message


def test_the_changes_above_leave_the_packaged_file_alone() -> None:
    load_settings(_changed("classify.6.abroad.kind", "x"))
    assert rules("terms")["classify"][6]["abroad"]["kind"] == "foreign body"
    assert re.compile(rules("terms")["definition"]) == load_settings().definition


@pytest.mark.parametrize(
    ("path", "value", "detail"),
    [
        ("glossary_not_technology.label", "Gadget", "'Gadget' is not a contract label"),
        ("classify", {"label": "Policy"}, "expected a list of rules"),
        ("classify.3.suffix", ["方案"], "unknown fields ['suffix']"),
    ],
)
def test_an_error_says_what_is_wrong(path: str, value: Any, detail: str) -> None:
    with pytest.raises(SchemaError, match=re.escape(detail)):
        load_settings(_changed(path, value))


def test_a_limit_of_one_and_a_comment_in_a_rule_are_accepted() -> None:
    """The limits start at one, and a classify rule's field starting with _ is a comment."""
    s = load_settings(_changed("min_zh", 1))
    assert s.min_zh == 1
    assert load_settings(_changed("max_zh", 1)).max_zh == 1
    assert load_settings(_changed("self_reference.max_chars", 1)).self_reference.max_chars == 1
    assert load_settings(_changed("classify.0._note", "why")).classify == s.classify
