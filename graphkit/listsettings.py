"""Settings of the enumeration rule (:mod:`graphkit.lists`): ``schema/rules/lists.json``,
typed and checked; a missing or mistyped field names the file and the field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from .knowledge import rules
from .records import Label
from .rulefile import RulesFile

#: Name of the settings file under ``schema/rules``.
RULES = "lists"


@dataclass(frozen=True, slots=True)
class ListSettings:
    """What ``schema/rules/lists.json`` holds, checked (each field explained in its ``_doc``)."""

    joiners: tuple[str, ...]
    clause_breaks: frozenset[str]
    cues: Mapping[str, Label | None]
    share: frozenset[Label]
    cue_prefix: str
    not_in_names: tuple[str, ...]
    stops: tuple[str, ...]
    common_flags: frozenset[str]
    lead_flags: frozenset[str]
    verb_flags: frozenset[str]
    min_chars: int
    max_chars: int
    before: re.Pattern[str]
    cue_modifiers: tuple[str, ...]
    opened_by: re.Pattern[str]
    tail_stops: tuple[str, ...]
    pointer_flags: frozenset[str]
    compound_flags: frozenset[str]
    ordinal: re.Pattern[str]
    category_ends: tuple[str, ...]
    cue_qualifiers: int
    cue_breaks: frozenset[str]
    piece_flags: frozenset[str]
    introduced_by: re.Pattern[str]
    sentence_ends: tuple[str, ...]
    kinds_share: float
    gloss: re.Pattern[str]
    body_ends: frozenset[str]
    kind_words: tuple[str, ...]
    person_titles: tuple[str, ...]
    organization_ends: tuple[str, ...]
    agency_ends: tuple[str, ...]
    agency_short: int
    field_ends: tuple[str, ...]
    technical_share: float
    technique_nouns: tuple[str, ...]
    qualifier_ends: tuple[str, ...]
    technique_leads: frozenset[str]
    made_items: int
    measure: re.Pattern[str]
    counted: re.Pattern[str]
    cut_flags: tuple[str, ...]
    suffix_flags: frozenset[str]
    closing: frozenset[str]
    cue_not_before: frozenset[str]
    field_cues: tuple[str, ...]
    field_flags: frozenset[str]
    quality_flags: frozenset[str]


def load_settings(data: Mapping[str, Any] | None = None) -> ListSettings:
    """The list rule's settings: ``schema/rules/lists.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type (the message names the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    words, text, count = rf.words, partial(rf.text, non_empty=True), partial(rf.integer, minimum=1)
    table = rf.section("cues")
    cues: dict[str, Label | None] = {}
    for label in table.data:
        try:
            contract = Label(label)
        except ValueError:
            raise table.error(label, "not a contract label") from None
        cues.update(dict.fromkeys(table.words(label), contract))
    cues.update(dict.fromkeys(words("things")))  # 等雲端服務: the list names no body
    try:
        share = frozenset(Label(v) for v in words("share"))
    except ValueError as exc:
        raise rf.error("share", str(exc)) from None
    return ListSettings(
        tuple(sorted(words("joiners"), key=len, reverse=True)),
        frozenset(text("clause_breaks")) | frozenset(text("list_breaks")),
        cues,
        share,
        text("cue_prefix"),
        tuple(words("not_in_names")),
        tuple(words("stops")),
        frozenset(words("common_flags")),
        frozenset(words("lead_flags")),
        frozenset(words("verb_flags")),
        count("min_chars"),
        count("max_chars"),
        rf.pattern("before"),
        tuple(sorted(words("cue_modifiers"), key=len, reverse=True)),
        rf.pattern("opened_by"),
        rf.words("tail_stops"),
        frozenset(words("pointer_flags")),
        frozenset(words("compound_flags")),
        rf.pattern("ordinal"),
        rf.words("category_ends"),
        rf.integer("cue_qualifiers", minimum=0),
        frozenset(words("cue_breaks")),
        frozenset(words("piece_flags")),
        rf.pattern("introduced_by"),
        tuple(text("sentence_ends")),
        rf.number("kinds_share"),
        rf.pattern("gloss"),
        frozenset(words("body_ends")),
        tuple(words("kind_words", non_empty=True)),
        tuple(words("person_titles", non_empty=True)),
        tuple(words("organization_ends", non_empty=True)),
        tuple(words("agency_ends", non_empty=True)),
        rf.integer("agency_short", minimum=1),
        tuple(words("field_ends", non_empty=True)),
        *_techniques(rf),
    )


def _techniques(rf: RulesFile) -> tuple[Any, ...]:
    """The fields of lists of techniques (graphkit/listtech.py), in ListSettings' order."""
    return (
        rf.number("technical_share"),
        tuple(rf.words("technique_nouns", non_empty=True)),
        tuple(rf.words("qualifier_ends", non_empty=True)),
        frozenset(rf.words("technique_leads", non_empty=True)),
        rf.integer("made_items", minimum=1),
        rf.pattern("measure"),
        rf.pattern("counted"),
        tuple(rf.words("cut_flags", non_empty=True)),
        frozenset(rf.words("suffix_flags", non_empty=True)),
        frozenset(rf.text("closing", non_empty=True)),
        frozenset(rf.words("cue_not_before")),
        tuple(rf.words("field_cues", non_empty=True)),
        frozenset(rf.words("field_flags", non_empty=True)),
        frozenset(rf.words("quality_flags", non_empty=True)),
    )
