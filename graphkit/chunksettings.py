"""The chunker's settings (:mod:`graphkit.chunk`): what ``schema/rules/chunk.json`` holds,
checked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from . import chunkshape as shape
from .chunkcoord import SharedHeads, load_shared
from .chunklatin import LatinMarks, load_marks
from .knowledge import rules
from .rulefile import RulesFile

#: Name of the settings file under ``schema/rules``.
RULES = "chunk"


@dataclass(frozen=True, slots=True)
class Counting:
    """How a count is printed (:func:`graphkit.chunktech.counted_inside`; chunk.json's
    ``count_numerals``, ``count_measures``, ``counters``): a Chinese numeral (三) before a
    one-character word of a measure's flag (三|大, 兩|型), or before or glued to a counter
    (81|項, 兩種)."""

    numerals: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()
    counters: frozenset[str] = frozenset()


#: No count known (a settings record built without chunk.json's).
NO_COUNTING = Counting()


@dataclass(frozen=True, slots=True)
class Background:
    """What makes a known technology's mention background to a white-paper article
    (:func:`graphkit.wholewords.whole_words`; each field explained in chunk.json's ``_doc``).

    Attributes:
        market: Words of a clause about a market's figures or a trend (億美元, 市占率, 趨勢).
        abroad: Words of a clause about the work abroad (國外, 美國, 歐盟).
        applied: Words before where the work applies (應用於, 適用於).
        replaced: Words of a clause about what the work replaces (傳統).
        not_replaced: Words that start with one of ``replaced`` and are none (傳統產業).
        subjects: The programme named as a subject (科技專案, 本計畫): its sentence is no
            background.
        qualifier_ends: What closes a qualifier (的, 之): after ``applied`` it closes the use
            and the thing qualified is the work (適用於…的熱泵).
        clause_breaks: What ends a clause.
        sentence_ends: What ends a sentence (a semicolon does not: its clauses say one thing).
    """

    market: tuple[str, ...]
    abroad: tuple[str, ...]
    applied: tuple[str, ...]
    replaced: tuple[str, ...]
    not_replaced: tuple[str, ...]
    subjects: tuple[str, ...]
    qualifier_ends: tuple[str, ...]
    clause_breaks: str
    sentence_ends: str


def load_counting(rf: RulesFile) -> Counting:
    """The count fields of chunk.json (each a text of characters or a list of flags)."""
    return Counting(
        numerals=frozenset(rf.text("count_numerals", non_empty=True)),
        measures=frozenset(rf.words("count_measures", non_empty=True)),
        counters=frozenset(rf.text("counters", non_empty=True)),
    )


def load_background(rf: RulesFile) -> Background:
    """The background fields of chunk.json."""
    return Background(
        market=rf.words("market"),
        abroad=rf.words("abroad"),
        applied=rf.words("applied"),
        replaced=rf.words("replaced"),
        not_replaced=rf.words("not_replaced"),
        subjects=rf.words("background_subjects"),
        qualifier_ends=rf.words("background_qualifier_ends"),
        clause_breaks=rf.text("background_clause_breaks", non_empty=True),
        sentence_ends=rf.text("background_sentence_ends", non_empty=True),
    )


@dataclass(frozen=True, slots=True)
class ChunkSettings:
    """What ``schema/rules/chunk.json`` holds, checked (each field explained in its ``_doc``)."""

    flags: frozenset[str]
    heads: tuple[str, ...]
    not_first: frozenset[str]
    trailing: frozenset[str]
    tails: tuple[str, ...]
    modifiers: tuple[str, ...]
    generic: frozenset[str]
    abstract_qualifiers: frozenset[str]
    min_chars: int
    max_chars: int
    max_tokens: int
    min_count: int
    technique_breaks: frozenset[str]
    technique_stops: frozenset[str]
    technique_not_last: tuple[str, ...]
    qualities: tuple[str, ...]
    joiners: frozenset[str]
    prefixes: frozenset[str]
    qualifiers: frozenset[str]
    titles: tuple[str, ...]
    verbs: frozenset[str]
    framing: frozenset[str]
    nouns: frozenset[str]
    verbs_unknown: frozenset[str]
    processes: frozenset[str]
    prepositional: tuple[str, ...]
    technique_not_inside: tuple[str, ...]
    determiners: frozenset[str]
    attributives: tuple[str, ...]
    business: frozenset[str]
    clean: shape.CleanEdges
    devices: shape.Devices
    smart: shape.Smart
    lone_heads: frozenset[str]
    named_alone: frozenset[str]
    coordinators: frozenset[str]
    slash_chars: int
    making_verbs: frozenset[str]
    units: frozenset[str]
    count_units: frozenset[str]
    joint: tuple[str, ...]
    latin_not: frozenset[str]
    short: int
    technique_places: frozenset[str]
    technique_followers: frozenset[str]  # flags of a lone next word after X技術 (技術|已)
    marks: LatinMarks  # a unit's prefixes and the marks that end a list of Latin names
    known_heads: frozenset[str]  # product nouns that name a thing after a known technology
    lists: shape.ListShapes  # the shapes of a list of kinds (…等加工設備) and of its middle item
    shared: SharedHeads  # two coordinated actions before one head (脂質合成與傳輸系統)
    background: Background  # a known technology's background mention in an article
    counting: Counting  # how a count is printed (三大, 81項, 兩種)
    quote_tails: tuple[str, ...]  # tails a quote naming nothing else ends a name with
    quote_name: re.Pattern[str]  # the characters such a quote may hold


def load_settings(data: Mapping[str, Any] | None = None) -> ChunkSettings:
    """The chunker's settings: ``schema/rules/chunk.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type (the message names the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    words, count = rf.words, partial(rf.integer, minimum=1)
    heads = tuple(sorted(words("heads"), key=len, reverse=True))
    determiners = frozenset(words("determiners"))  # 很多, 不同: no name starts with one
    clean = shape.CleanEdges(*(frozenset(words(f"clean_{k}")) for k in shape.CLEAN))
    smart, devices = shape.load_smart(words), shape.load_devices(words)
    return ChunkSettings(frozenset(words("flags")), heads,
                         frozenset(words("not_first")) | determiners,
                         frozenset(words("trailing")),
                         tuple(words("tails")),
                         tuple(sorted(words("modifiers"), key=len, reverse=True)),
                         frozenset(words("generic")), frozenset(words("abstract_qualifiers")),
                         count("min_chars"), count("max_chars"),
                         count("max_tokens"), count("min_count"),
                         frozenset(words("technique_breaks")),
                         frozenset(words("technique_stops")),
                         words("technique_not_last"), words("qualities"),
                         frozenset(words("joiners")), frozenset(words("prefixes")),
                         frozenset(words("qualifiers")), words("titles"),
                         frozenset(words("verbs")), frozenset(words("framing")),
                         frozenset(words("nouns")), frozenset(words("verbs_unknown")),
                         frozenset(words("processes")),
                         words("prepositional_ends"), words("technique_not_inside"),
                         determiners, words("attributives"),
                         frozenset(words("business")), clean,
                         devices, smart,
                         frozenset(words("heads")) - frozenset(words("named_alone")),
                         frozenset(words("named_alone")),
                         frozenset(words("coordinators")), count("slash_chars"),
                         frozenset(words("making_verbs")),
                         frozenset(words("units")), frozenset(words("count_units")),
                         tuple(words("joint")),
                         frozenset(words("latin_not")), count("short_document"),
                         frozenset(words("technique_places")),
                         frozenset(words("technique_followers")),
                         load_marks(rf), frozenset(words("known_heads")),
                         shape.load_lists(rf), load_shared(words, count),
                         load_background(rf), load_counting(rf),
                         tuple(words("quote_tails")), rf.pattern("quote_name"))  # fmt: skip
