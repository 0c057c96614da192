"""The term learner's settings (:mod:`graphkit.terms`): what ``schema/rules/terms.json``
holds, checked.

>>> s = term_settings()
>>> (s.min_zh, s.max_zh), s.self_reference.prefix, s.classify[0].label
((3, 12), '本', <Label.REGULATION: 'Regulation'>)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from .knowledge import rules
from .records import Label
from .rulefile import RulesFile

#: Name of the settings file under ``schema/rules``.
RULES = "terms"

#: The fields a ``classify`` rule may hold.
_CLASSIFY_FIELDS = frozenset(
    ("label", "prefixes", "suffixes", "en_last", "en_ends", "en_words", "abroad")
)


@dataclass(frozen=True, slots=True)
class Abroad:
    """What a ``classify`` rule gives a name that starts with a foreign place.

    Attributes:
        prefixes: The foreign places (美國, 聯合國 …) one of which starts the name.
        label: The label given instead of the rule's (an Organization, never an Agency).
        kind: The kind given with it ('foreign body').
    """

    prefixes: tuple[str, ...]
    label: Label
    kind: str


@dataclass(frozen=True, slots=True)
class ClassifyRule:
    """One ``classify`` rule: the label a defined name's ending (or its English name) gives.

    Attributes:
        label: The label the rule gives.
        prefixes: What the name must start with for the rule to apply (a foreign body's 機制 is
            its regulation); None: any start.
        suffixes: The Chinese endings the rule matches (條例, 計畫, 局 …).
        en_last: The last English words the rule matches (… Act, … Programme).
        en_ends: The last words an English name may end with (… Risk Management Framework).
        en_words: English words the rule matches anywhere in the English name (Institute).
        abroad: Another label and a kind when a foreign place starts the name; None: none.
    """

    label: Label
    prefixes: tuple[str, ...] | None = None
    suffixes: tuple[str, ...] = ()
    en_last: frozenset[str] = frozenset()
    en_ends: tuple[str, ...] = ()
    en_words: tuple[str, ...] = ()
    abroad: Abroad | None = None


@dataclass(frozen=True, slots=True)
class Directory:
    """How the 產業技術訊息相關連網 appendix is read.

    Attributes:
        home_country: The country whose rows name Taiwanese agencies (the others name foreign
            bodies).
        skip_suffixes: Endings of a name that is none (a website, a database).
    """

    home_country: str
    skip_suffixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GlossaryNotTechnology:
    """Glossary names that are no Technology.

    Attributes:
        suffixes: Endings of such a name (機制, 政策, 條例 …).
        label: The label such a name gets instead of Technology.
    """

    suffixes: tuple[str, ...]
    label: Label


@dataclass(frozen=True, slots=True)
class NotTechnology:
    """Defined names that would be a Technology and are no entity.

    Attributes:
        en_heads: Last English words of a gloss naming a disease, an award, a day, a fair, an
            emissions target, a market, a transition, a metric or a research field.
        metrics: English names or abbreviations of economic and plant indicators (GDP, OEE).
        events_after: Words after an abbreviation alone that make it part of an event's title
            (會議, 論壇 …).
        zh_suffixes: Endings of a Chinese name that is no Technology (an industry, an event, an
            award, a metric, a trial, a permit, a standard, a team …).
    """

    en_heads: frozenset[str]
    metrics: frozenset[str]
    events_after: tuple[str, ...]
    zh_suffixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LeftEdge:
    """Where a defined name starts, by the segmenter's words before it.

    Attributes:
        particles: A name starts after the last of these (之, 的).
        lead_flags: jieba flags of leading words that are the clause's (conjunctions,
            prepositions, pronouns, particles).
        adverb_flags: jieba flags of adverbs that lead when two or more characters long.
        lead_words: General verbs and cue words that lead (開發, 降低, 現行, 國內, 有 …).
        after_lead: Words that lead only right after a word that led (唯一, 首創).
    """

    particles: frozenset[str]
    lead_flags: frozenset[str]
    adverb_flags: frozenset[str]
    lead_words: frozenset[str]
    after_lead: frozenset[str]


@dataclass(frozen=True, slots=True)
class SelfReference:
    """How a law's document refers to itself (本條例, 本法).

    Attributes:
        heads: The endings of a law's name, in the order tried.
        prefix: What goes before the head in the alias (本).
        max_chars: The longest title read as a law's name.
    """

    heads: tuple[str, ...]
    prefix: str
    max_chars: int


@dataclass(frozen=True, slots=True)
class LegalDefinition:
    """A law's numbered definition of a thing (一、X：指…之Y。).

    Attributes:
        regex: The definition, with groups ``name`` and ``genus``.
        genus: Endings of the genus that make the name a Technology (藥品, 器材, 產品 …).
    """

    regex: re.Pattern[str]
    genus: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TermSettings:
    """What ``schema/rules/terms.json`` holds, checked (each field explained in its ``_doc``).

    Attributes:
        definition: An in-text definition 中文(English, ABBR), groups ``zh``, ``en``, ``abbr``.
        short_name: A short name (以下簡稱X), groups ``name`` and ``short``.
        boundary_words: A defined Chinese name's left edge is cut after the last of these
            (verbs and connectives ending a clause, the programme's subject), in file order.
        max_zh: The most characters of a defined Chinese name.
        min_zh: The fewest characters of a defined Chinese name.
        en_stopwords: Whole words of an English name that defines nothing (et al, Ltd).
        classify: The rules giving a defined name's label by its ending, first match wins.
        not_terms: Chinese names that are no term (units, currencies, 圖, 表).
        directory: How the 產業技術訊息相關連網 appendix is read.
        glossary_not_technology: Glossary names that get another label than Technology.
        min_en_words_new: English words a name no lexicon knows needs without an abbreviation.
        person_like: An English name that looks like a person's (an initial, Mr, Dr).
        not_term_suffixes: Endings of a Chinese name that is a person's role (長, 師, 者).
        cut_inside_flags: jieba flags of a word a boundary word inside it cuts after.
        strip_prefixes: One-character words of a date or a clause stripped off a name's left
            edge (年, 朝).
        not_technology: Defined names that would be a Technology and are no entity.
        full_name: An abbreviation followed by its full name (全名為), groups ``abbr``, ``en``.
        left_edge: Where a defined name starts, by the segmenter's words before it.
        self_reference: How a law's document refers to itself (本條例).
        abbr_gloss: A capital abbreviation followed by its full name in brackets, groups
            ``abbr`` and ``en``.
        legal_definition: A law's numbered definition of a thing.
        short_after: A short name said right after a definition, group ``short``.
        gloss_heads: Endings that type a name only where no English name is printed with it or
            that name's last word is one of the ending's words (法: Act, Law …).
        respelled: The least share of a defined name's characters another name of the lexicon
            term its abbreviation or English name names holds, in order, for the definition to
            be that term spelled otherwise (企業永續報告指令(CSRD): 企業永續報導指令).
    """

    definition: re.Pattern[str]
    short_name: re.Pattern[str]
    boundary_words: tuple[str, ...]
    max_zh: int
    min_zh: int
    en_stopwords: tuple[str, ...]
    classify: tuple[ClassifyRule, ...]
    not_terms: frozenset[str]
    directory: Directory
    glossary_not_technology: GlossaryNotTechnology
    min_en_words_new: int
    person_like: re.Pattern[str]
    not_term_suffixes: tuple[str, ...]
    cut_inside_flags: frozenset[str]
    strip_prefixes: frozenset[str]
    not_technology: NotTechnology
    full_name: re.Pattern[str]
    left_edge: LeftEdge
    self_reference: SelfReference
    abbr_gloss: re.Pattern[str]
    legal_definition: LegalDefinition
    short_after: re.Pattern[str]
    gloss_heads: Mapping[str, frozenset[str]]
    respelled: float


def load_settings(data: Mapping[str, Any] | None = None) -> TermSettings:
    """The term learner's settings: ``schema/rules/terms.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type, a pattern does not compile or a
            label is no contract label (the message names the file and the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    words = rf.words
    return TermSettings(
        definition=rf.pattern("definition"),
        short_name=rf.pattern("short_name"),
        boundary_words=words("boundary_words", non_empty=True),
        max_zh=rf.integer("max_zh", minimum=1),
        min_zh=rf.integer("min_zh", minimum=1),
        en_stopwords=words("en_stopwords"),
        classify=_classify(rf),
        not_terms=frozenset(words("not_terms")),
        directory=_directory(rf.section("directory")),
        glossary_not_technology=_glossary(rf.section("glossary_not_technology")),
        min_en_words_new=rf.integer("min_en_words_new"),
        person_like=rf.pattern("person_like"),
        not_term_suffixes=words("not_term_suffixes"),
        cut_inside_flags=frozenset(words("cut_inside_flags")),
        strip_prefixes=frozenset(words("strip_prefixes")),
        not_technology=_not_technology(rf.section("not_technology")),
        full_name=rf.pattern("full_name"),
        left_edge=_left_edge(rf.section("left_edge")),
        self_reference=_self_reference(rf.section("self_reference")),
        abbr_gloss=rf.pattern("abbr_gloss"),
        legal_definition=_legal(rf.section("legal_definition")),
        short_after=rf.pattern("short_after"),
        gloss_heads=_gloss_heads(rf.section("gloss_heads")),
        respelled=rf.number("respelled"),
    )


@cache
def term_settings() -> TermSettings:
    """The settings of the packaged ``rules/terms.json``, loaded once (the file does not change
    at run time)."""
    return load_settings()


def _gloss_heads(rf: RulesFile) -> Mapping[str, frozenset[str]]:
    """Each ending of ``gloss_heads`` and the English last words that agree with it."""
    return MappingProxyType(
        {h: frozenset(rf.words(h, non_empty=True)) for h in rf.data if not h.startswith("_")}
    )


def _classify(rf: RulesFile) -> tuple[ClassifyRule, ...]:
    """The ``classify`` rules, in file order; a rule's errors name ``classify.<index>.field``.

    >>> _classify(RulesFile("rules/x.json", {"classify": [{"label": "Policy", "suffix": []}]}))
    Traceback (most recent call last):
    graphkit.errors.SchemaError: ... field 'classify.0': unknown fields ['suffix']
    """
    value = rf.get("classify")
    if not isinstance(value, list):
        raise rf.error("classify", f"expected a list of rules, got {value!r}")
    by_index = {str(k): v for k, v in enumerate(value)}
    table = RulesFile(rf.path, by_index, f"{rf.prefix}classify.", rf.literal, rf.vocabulary)
    return tuple(_classify_rule(table, index) for index in by_index)


def _classify_rule(table: RulesFile, index: str) -> ClassifyRule:
    """The ``classify`` rule at ``index``: absent optional fields match nothing (``prefixes``:
    any start)."""
    rf = table.section(index)
    unknown = sorted(k for k in rf.data if k not in _CLASSIFY_FIELDS and not k.startswith("_"))
    if unknown:
        raise table.error(index, f"unknown fields {unknown}")

    def optional(field: str) -> tuple[str, ...]:
        return rf.words(field) if field in rf.data else ()

    abroad = None
    if "abroad" in rf.data:
        a = rf.section("abroad")
        abroad = Abroad(a.words("prefixes"), a.label("label"), a.text("kind", non_empty=True))
    return ClassifyRule(
        label=rf.label("label"),
        prefixes=rf.words("prefixes") if "prefixes" in rf.data else None,
        suffixes=optional("suffixes"),
        en_last=frozenset(optional("en_last")),
        en_ends=optional("en_ends"),
        en_words=optional("en_words"),
        abroad=abroad,
    )


def _directory(rf: RulesFile) -> Directory:
    return Directory(rf.text("home_country", non_empty=True), rf.words("skip_suffixes"))


def _glossary(rf: RulesFile) -> GlossaryNotTechnology:
    return GlossaryNotTechnology(rf.words("suffixes"), rf.label("label"))


def _not_technology(rf: RulesFile) -> NotTechnology:
    return NotTechnology(
        en_heads=frozenset(rf.words("en_heads")),
        metrics=frozenset(rf.words("metrics")),
        events_after=rf.words("events_after"),
        zh_suffixes=rf.words("zh_suffixes"),
    )


def _left_edge(rf: RulesFile) -> LeftEdge:
    return LeftEdge(
        particles=frozenset(rf.words("particles")),
        lead_flags=frozenset(rf.words("lead_flags")),
        adverb_flags=frozenset(rf.words("adverb_flags")),
        lead_words=frozenset(rf.words("lead_words")),
        after_lead=frozenset(rf.words("after_lead")),
    )


def _self_reference(rf: RulesFile) -> SelfReference:
    return SelfReference(
        heads=rf.words("heads", non_empty=True),
        prefix=rf.text("prefix", non_empty=True),
        max_chars=rf.integer("max_chars", minimum=1),
    )


def _legal(rf: RulesFile) -> LegalDefinition:
    return LegalDefinition(rf.pattern("regex"), rf.words("genus"))
