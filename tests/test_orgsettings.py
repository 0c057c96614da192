"""The organisation recogniser's settings (graphkit/orgsettings.py): patterns composed of word
lists written once."""

from __future__ import annotations

import pytest

from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.orgs import context_names
from graphkit.orgsettings import load_settings
from graphkit.records import Label


def test_the_agency_patterns_name_each_list_once() -> None:
    """orgs.json agency_words: the ministries, the institutes and the words no body holds are
    lists, spelled in no pattern of agency_context (a review found them repeated four times)."""
    data = rules("orgs")
    words = data["agency_words"]
    patterns = [p for k, p in data["agency_context"].items() if not k.startswith("_")]
    for name in ("ministries", "not_inside", "institutes", "unit_not_inside"):
        assert words[name] and sum(f"{{{name}}}" in p for p in patterns) >= 1
    names = (*words["ministries"], *words["institutes"])
    assert [w for w in names if any(w in p for p in patterns)] == []


def test_a_ministry_is_a_parent_by_its_list_only() -> None:
    """The composed pattern reads the list: without 經濟部 in it, 經濟部能源署 is no agency."""
    data = dict(rules("orgs"))
    words = dict(data["agency_words"])
    text = "由經濟部能源署與交通部航港局合作"
    found = context_names(text, load_settings(data), Label.AGENCY)
    assert [text[s:e] for s, e in found] == ["經濟部能源署", "交通部航港局"]
    words["ministries"] = [w for w in words["ministries"] if w != "經濟部"]
    found = context_names(text, load_settings({**data, "agency_words": words}), Label.AGENCY)
    assert [text[s:e] for s, e in found] == ["交通部航港局"]


def test_a_word_no_body_holds_is_read_from_its_list() -> None:
    """not_inside: 經濟部補助|業者研發中心 is what the ministry funds; without 補助 in the list
    the pattern reads one body."""
    data = dict(rules("orgs"))
    text = "經濟部補助業者研發中心"
    assert context_names(text, load_settings(data), Label.AGENCY) == []
    words = dict(data["agency_words"])
    words["not_inside"] = [w for w in words["not_inside"] if w != "補助"]
    found = context_names(text, load_settings({**data, "agency_words": words}), Label.AGENCY)
    assert [text[s:e] for s, e in found] == ["經濟部補助業者研發中心"]


def test_a_pattern_naming_no_list_is_an_error() -> None:
    data = dict(rules("orgs"))
    context = {**data["agency_context"], "ministry_body": "{ministry}署"}
    error = r"'agency_context.ministry_body': no word list 'ministry'"
    with pytest.raises(SchemaError, match=error):
        load_settings({**data, "agency_context": context})
