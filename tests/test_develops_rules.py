"""DEVELOPS settings: every list the rules need must be there and not empty."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import get_origin, get_type_hints

import pytest

from graphkit.develops import load_settings
from graphkit.developsrules import RULES, DevelopsSettings
from graphkit.errors import SchemaError
from graphkit.knowledge import rules

VALID = {
    "work_verbs": ["開發"],
    "not_effects": ["解決方案"],
    "purpose_marks": ["以"],
    "undone": ["尚未"],
    "future": ["未來"],
    "background": ["隨著"],
    "parties": ["國外"],
    "qualifier_ends": ["之"],
    "clause_breaks": "。",
    "markup": "<",
    "titles": "^圖",
    "own": ["本計畫"],
    "others": ["各國"],
    "work_after": "技術開發",
    "list_intros": ["如"],
    "purpose": "為突破",
    "sector": "產業",
    "effects": ["降低"],
    "means": ["透過"],
    "own_verbs": ["發展"],
    "examples": "業[（(]",
    "capacities": ["能量"],
    "means_opens": ["以"],
    "times": ["之後"],
    "not_means": ["以往"],
    "not_times": ["後段"],
    "item_opens": "^■$",
    "item_technique": "技術",
    "heading": "^■",
    "consequences": ["則"],
    "name_suffixes": ["計畫"],
    "firms": ["廠商"],
    "partners": ["與"],
    "negations": ["無"],
    "for_use": "用",
    "trends": "將是",
    "definitions": ["是一種"],
    "conjunctions": ["與"],
    "copulas": "是$",
    "companions": "與.*結合的",
    "heading_states": ["現況"],
    "not_others": ["其它"],
    "applications": ["適用於"],
    "application_ends": ["等"],
    "passives": "經$",
    "wastes": ["廢棄"],
    "waste_times": ["後"],
    "locative": "在",
    "vehicles": "為載體",
    "field_uses": "之應用",
    "year_led": "\\d{4}年",
    "heading_closers": " ■",
    "heading_technique": "\\S+?技術",
    "heading_word_end": "\\s|$",
    "contrast_cues": ["依賴"],
    "locative_ends": ["上"],
    "home_parties": ["產業"],
    "subject_adverbs": ["也"],
    "joint": ["合作"],
    "places": ["於"],
    "not_parties": ["工廠"],
    "modal_reach": 4,
    "partner_reach": 6,
    "replacements": ["取代"],
    "partner_between": ["國內"],
    "helps": ["協助"],
    "modals": ["可"],
}


@pytest.mark.parametrize(
    "field",
    [
        "work_verbs",
        "background",
        "clause_breaks",
        "own",
        "others",
        "contrast_cues",
        "locative_ends",
        "home_parties",
        "subject_adverbs",
        "helps",
        "modals",
    ],
)
def test_an_empty_list_of_cues_is_an_error_naming_it(field: str) -> None:
    with pytest.raises(SchemaError, match=rf"rules/develops\.json.*'{field}'"):
        load_settings({**VALID, field: "" if field == "clause_breaks" else []})


def test_valid_settings_are_read_as_given() -> None:
    settings = load_settings(VALID)
    assert (settings.work_verbs, settings.background) == (("開發",), ("隨著",))
    assert settings.clause_breaks == frozenset("。") and settings.markup.pattern == "<"
    assert settings.titles.pattern == "^圖"
    assert (settings.own, settings.others) == (("本計畫",), ("各國",))
    assert settings.work_after.pattern == "技術開發" and settings.list_intros == ("如",)
    assert (settings.purpose.pattern, settings.sector.pattern) == ("為突破", "產業")
    assert (settings.effects, settings.means) == (("降低",), ("透過",))
    assert (settings.capacities, settings.means_opens, settings.times) == (
        ("能量",),
        ("以",),
        ("之後",),
    )
    assert (settings.item_opens.pattern, settings.item_technique.pattern) == ("^■$", "技術")
    assert (settings.not_means, settings.not_times) == (("以往",), ("後段",))
    assert (settings.parties, settings.qualifier_ends) == (("國外",), ("之",))
    assert settings.own_verbs == ("發展",) and settings.consequences == ("則",)
    assert (settings.heading.pattern, settings.name_suffixes) == ("^■", ("計畫",))
    assert (settings.firms, settings.partners, settings.negations) == (("廠商",), ("與",), ("無",))
    assert settings.for_use.pattern == "用" and settings.trends.pattern == "將是"
    assert settings.definitions == ("是一種",) and settings.conjunctions == ("與",)
    assert settings.copulas.pattern == "是$" and settings.companions.pattern == "與.*結合的"
    assert (settings.heading_states, settings.not_others) == (("現況",), ("其它",))
    assert settings.applications == ("適用於",) and settings.application_ends == ("等",)
    assert settings.passives.pattern == "經$" and settings.wastes == ("廢棄",)
    assert settings.heading_closers == " ■"
    assert settings.heading_technique.pattern == r"\S+?技術"
    assert settings.heading_word_end.pattern == r"\s|$"
    assert settings.locative.pattern == "在" and settings.vehicles.pattern == "為載體"
    assert settings.field_uses.pattern == "之應用"
    assert (settings.contrast_cues, settings.locative_ends) == (("依賴",), ("上",))
    assert (settings.home_parties, settings.subject_adverbs) == (("產業",), ("也",))
    assert settings.helps == ("協助",) and settings.modals == ("可",)
    assert (settings.joint, settings.places) == (("合作",), ("於",))
    assert settings.modal_reach == 4 and settings.partner_reach == 6
    assert settings.partner_between == ("國內",)
    assert settings.modal_reach == 4 and settings.partner_reach == 6
    assert settings.not_effects == ("解決方案",) and settings.purpose_marks == ("以",)
    assert settings.undone == ("尚未",) and settings.future == ("未來",)


@pytest.mark.parametrize("field", ["heading_technique", "heading_word_end"])
def test_a_heading_pattern_that_does_not_compile_is_an_error_naming_it(field: str) -> None:
    with pytest.raises(SchemaError, match=rf"rules/develops\.json.*'{field}'"):
        load_settings({**VALID, field: "技術("})


def test_every_setting_is_read_as_the_type_the_settings_declare() -> None:
    """The loader builds the settings by keyword from a table of kinds: each kind must give the
    field's declared type (a tuple of words, a compiled pattern, a text, characters, a count)."""
    settings = load_settings()
    hints = get_type_hints(DevelopsSettings, {"re": re})
    for field in fields(DevelopsSettings):
        hint = hints[field.name]
        assert isinstance(getattr(settings, field.name), get_origin(hint) or hint), field.name
    assert {f.name for f in fields(DevelopsSettings)} == {
        k for k in rules(RULES) if not k.startswith("_")
    }
