"""The settings of the organisation recogniser (:mod:`graphkit.orgs`): ``schema/rules/orgs.json``,
checked, with the joiners of ``schema/rules/lists.json``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .knowledge import rules
from .rulefile import RulesFile

#: Name of the settings file under ``schema/rules``.
RULES = "orgs"


@dataclass(frozen=True, slots=True)
class OrgSettings:
    """What ``schema/rules/orgs.json`` holds, checked (each field explained in its ``_doc``)."""

    heads: tuple[str, ...]
    flags: frozenset[str]
    left_flags: frozenset[str]
    partner_verbs: frozenset[str]
    not_first: frozenset[str]
    modifiers: tuple[str, ...]
    generic: frozenset[str]
    proper_flags: frozenset[str]
    proper_words: tuple[str, ...]
    latin_heads: frozenset[str]
    home_places: frozenset[str]
    min_chars: int
    max_chars: int
    foreign_heads: tuple[str, ...]
    not_heads: frozenset[str]
    foreign_places: tuple[str, ...]
    led_flags: frozenset[str] = frozenset()
    company_endings: tuple[str, ...] = ()
    stem_not_flags: frozenset[str] = frozenset()
    actor_words: frozenset[str] = frozenset()
    legal_forms: tuple[str, ...] = ()
    short_name: re.Pattern[str] | None = None
    officer_titles: frozenset[str] = frozenset()
    title_prefixes: frozenset[str] = frozenset()
    model_nouns: frozenset[str] = frozenset()
    maker_flags: frozenset[str] = frozenset()
    stem_not_chars: str = ""
    verb_inside_heads: frozenset[str] = frozenset()
    surnames: str = ""
    person_flags: frozenset[str] = frozenset()
    not_latin_names: frozenset[str] = frozenset()
    head_continues: tuple[str, ...] = ()
    short_not_flags: frozenset[str] = frozenset()
    joiners: frozenset[str] = frozenset()
    place_chars: str = ""
    context: tuple[tuple[str, re.Pattern[str]], ...] = ()
    agency_context: tuple[tuple[str, re.Pattern[str]], ...] = ()
    #: Every place, foreign and home (``foreign_places`` and ``home_places`` together).
    places: frozenset[str] = frozenset()


def load_settings(data: Mapping[str, Any] | None = None) -> OrgSettings:
    """The settings: ``schema/rules/orgs.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type (the message names the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    home, foreign = frozenset(rf.words("home_places")), rf.words("foreign_places")
    return OrgSettings(
        heads=tuple(sorted(rf.words("heads", non_empty=True), key=len, reverse=True)),
        flags=frozenset(rf.words("flags", non_empty=True)),
        left_flags=frozenset(rf.words("left_flags")),
        partner_verbs=frozenset(rf.words("partner_verbs")),
        not_first=frozenset(rf.words("not_first")),
        modifiers=tuple(sorted(rf.words("modifiers"), key=len, reverse=True)),
        generic=frozenset(rf.words("generic")),
        proper_flags=frozenset(rf.words("proper_flags", non_empty=True)),
        proper_words=rf.words("proper_words"),
        latin_heads=frozenset(rf.words("latin_heads")),
        home_places=home,
        min_chars=rf.integer("min_chars", minimum=1),
        max_chars=rf.integer("max_chars", minimum=2),
        foreign_heads=tuple(sorted(rf.words("foreign_heads"), key=len, reverse=True)),
        not_heads=frozenset(rf.words("not_heads")),
        foreign_places=foreign,
        led_flags=frozenset(rf.words("led_flags")),
        company_endings=rf.words("company_endings"),
        stem_not_flags=frozenset(rf.words("stem_not_flags")),
        actor_words=frozenset(rf.words("actor_words")),
        legal_forms=tuple(sorted(rf.words("legal_forms"), key=len, reverse=True)),
        short_name=rf.pattern("short_name"),
        officer_titles=frozenset(rf.words("officer_titles")),
        title_prefixes=frozenset(rf.words("title_prefixes")),
        model_nouns=frozenset(rf.words("model_nouns")),
        maker_flags=frozenset(rf.words("maker_flags")),
        stem_not_chars=rf.text("stem_not_chars"),
        verb_inside_heads=frozenset(rf.words("verb_inside_heads")),
        surnames=rf.text("surnames", non_empty=True),
        person_flags=frozenset(rf.words("person_flags", non_empty=True)),
        not_latin_names=frozenset(rf.words("not_latin_names", non_empty=True)),
        head_continues=rf.words("head_continues", non_empty=True),
        short_not_flags=frozenset(rf.words("short_not_flags", non_empty=True)),
        # A list's joiners (rules/lists.json) and the ones that join parts of one name (暨).
        joiners=frozenset((*_list_joiners(), *rf.words("name_joiners"))),
        place_chars=rf.text("place_chars", non_empty=True),
        context=_patterns(rf, "context"),
        agency_context=_composed(rf, "agency_context", "agency_words"),
        places=home | frozenset(foreign),
    )


def _list_joiners() -> tuple[str, ...]:
    """The joiners of rules/lists.json's lists (與, 及, 和 …)."""
    return RulesFile("rules/lists.json", rules("lists")).words("joiners", non_empty=True)


#: A word list's place in a pattern: ``{ministries}`` (a quantifier such as ``{2,9}`` is none).
_PLACE = re.compile(r"\{([a-z_]+)\}")


def _composed(rf: RulesFile, field: str, lists: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The named patterns of section ``field``, each ``{name}`` in them the word list ``name``
    of section ``lists`` as an alternation in its order (``(?:經濟部|交通部|…)``): a list several
    patterns share is written once. A name with no list is an error naming the pattern.

    >>> rf = RulesFile("rules/x.json", {"p": {"a": "{ms}署"}, "w": {"ms": ["經濟部", "交通部"]}})
    >>> [(k, p.pattern) for k, p in _composed(rf, "p", "w")]
    [('a', '(?:經濟部|交通部)署')]
    >>> _composed(RulesFile("rules/x.json", {"p": {"a": "{xs}"}, "w": {}}), "p", "w")
    Traceback (most recent call last):
    graphkit.errors.SchemaError: schema file rules/x.json: field 'p.a': no word list 'xs' in 'w'
    """
    if field not in rf.data:
        return ()
    section, words = rf.section(field), rf.section(lists)
    alternations = {
        k: "(?:" + "|".join(re.escape(w) for w in words.words(k, non_empty=True)) + ")"
        for k in words.data
        if not k.startswith("_")
    }

    def filled(name: str) -> str:
        def one(m: re.Match[str]) -> str:
            if m[1] not in alternations:
                raise section.error(name, f"no word list {m[1]!r} in {lists!r}")
            return alternations[m[1]]

        return _PLACE.sub(one, section.text(name))

    composed = {k: filled(k) for k in section.data if not k.startswith("_")}
    return RulesFile(section.path, composed, section.prefix).patterns_by_name()


def _patterns(rf: RulesFile, field: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The named patterns of an optional section (none when the section is absent)."""
    return rf.section(field).patterns_by_name() if field in rf.data else ()
