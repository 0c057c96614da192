"""The shared vocabulary: word classes more than one rule file needs, in one place.

``schema/rules/vocabulary.json`` holds each class once (the joiners 、 and 以及, the weak
joiners 與 及 和, the clause and sentence breaks, brackets, jieba flag groups …). A rule file
names a class instead of copying its words: in a list of words, an entry ``"@joiners"`` stands
for the class's words (:meth:`graphkit.rulefile.RulesFile.words`), and a text field
``"@clause_breaks"`` for its text (:meth:`graphkit.rulefile.RulesFile.text`).

>>> v = load_vocabulary()
>>> v.weak_joiners, v.classes()["list_end"]
(('與', '及', '和'), '等')
>>> load_vocabulary({**rules(RULES), "joinerz": ["、"]})
Traceback (most recent call last):
graphkit.errors.SchemaError: schema file rules/vocabulary.json: field 'joinerz': unknown ...
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from .knowledge import rules

__all__ = ["RULES", "Vocabulary", "load_vocabulary", "vocabulary"]

#: Name of the vocabulary file under ``schema/rules``.
RULES = "vocabulary"

#: Fields holding text (a run of characters, or one word); every other field holds words.
_TEXTS = frozenset(
    {
        "sentence_breaks",
        "clause_breaks",
        "open_brackets",
        "close_brackets",
        "list_end",
        "numerals",
        "markup",
    }
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What ``schema/rules/vocabulary.json`` holds, checked (see its ``_comment``)."""

    sentence_breaks: str
    clause_breaks: str
    open_brackets: str
    close_brackets: str
    list_end: str
    numerals: str
    markup: str
    joiners: tuple[str, ...]
    weak_joiners: tuple[str, ...]
    alternatives: tuple[str, ...]
    formal_joiners: tuple[str, ...]
    slashes: tuple[str, ...]
    qualifier_ends: tuple[str, ...]
    place_words: tuple[str, ...]
    subjects: tuple[str, ...]
    list_intros: tuple[str, ...]
    means_verbs: tuple[str, ...]
    firm_words: tuple[str, ...]
    organization_heads: tuple[str, ...]
    officer_titles: tuple[str, ...]
    domain_words: tuple[str, ...]
    localised: tuple[str, ...]
    technique_words: tuple[str, ...]
    served_dashes: tuple[str, ...]
    verb_flags: tuple[str, ...]
    adverb_flags: tuple[str, ...]
    particle_flags: tuple[str, ...]
    count_flags: tuple[str, ...]
    interjection_flags: tuple[str, ...]
    compound_flags: tuple[str, ...]

    def classes(self) -> dict[str, str | tuple[str, ...]]:
        """Every class by its name: what ``@name`` in a rule file stands for."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def load_vocabulary(data: Mapping[str, Any] | None = None) -> Vocabulary:
    """The vocabulary: ``schema/rules/vocabulary.json`` unless ``data`` is given.

    Raises:
        SchemaError: A class is missing, unknown, of the wrong type or empty, or a sentence
            break is no clause break (the message names the file and the class).
    """
    from .rulefile import RulesFile  # rulefile reads the vocabulary: import late

    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data, literal=True)
    names = {f.name for f in fields(Vocabulary)}
    for key in rf.data:
        if not key.startswith("_") and key not in names:
            raise rf.error(key, f"unknown class (known: {', '.join(sorted(names))})")
    values: dict[str, Any] = {
        name: rf.text(name, non_empty=True) if name in _TEXTS else rf.words(name, non_empty=True)
        for name in (f.name for f in fields(Vocabulary))
    }
    loose = set(values["sentence_breaks"]) - set(values["clause_breaks"])
    if loose:
        raise rf.error("clause_breaks", f"lacks the sentence breaks {''.join(sorted(loose))!r}")
    return Vocabulary(**values)


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, loaded once."""
    return load_vocabulary()
