"""Typed reads of a rules file, whose errors name the file and the field.

A loader turns its rules file into a frozen settings dataclass once, through a :class:`RulesFile`:
each read checks the type (and compiles patterns), so a broken file fails with
``schema file rules/x.json: field 'a.b': …`` instead of a ``KeyError`` deep in a stage.

>>> rf = RulesFile("rules/x.json", {"n": 3, "re": "^a+$", "parts": {"y": "b"}})
>>> rf.integer("n"), rf.pattern("re").pattern, rf.section("parts").patterns_by_name()
(3, '^a+$', (('y', re.compile('b')),))
>>> rf.integer("re")
Traceback (most recent call last):
graphkit.errors.SchemaError: schema file rules/x.json: field 're': expected an integer, got '^a+$'
>>> rf.section("parts").integer("z")
Traceback (most recent call last):
graphkit.errors.SchemaError: schema file rules/x.json: field 'parts.z': missing
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Errors, SchemaError
from .knowledge import rules
from .records import Label

#: A shared vocabulary class named inside a regular expression: ``{@list_intros}``.
_CLASS = re.compile(r"\{@(\w+)\}")


@dataclass(frozen=True, slots=True)
class RulesFile:
    """A parsed JSON object and where it came from; ``prefix`` names a nested section."""

    path: str
    data: Mapping[str, Any]
    prefix: str = ""
    #: Whether ``@name`` is read as printed (the vocabulary file itself) instead of as the
    #: shared vocabulary's class ``name`` (rules/vocabulary.json).
    literal: bool = False
    #: The classes ``@name`` stands for; None: the packaged vocabulary's.
    vocabulary: Mapping[str, str | tuple[str, ...]] | None = None

    @classmethod
    def packaged(cls, name: str) -> RulesFile:
        """``schema/rules/<name>.json`` as shipped with graphkit."""
        return cls(f"rules/{name}.json", rules(name))

    @classmethod
    def from_path(cls, path: Path) -> RulesFile:
        """A rules file outside the package (a document family of its own)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SchemaError(Errors.E020.format(path=path, detail=exc)) from exc
        if not isinstance(data, dict):
            raise SchemaError(Errors.E020.format(path=path, detail="expected a JSON object"))
        return cls(str(path), data)

    def error(self, field: str, detail: str) -> SchemaError:
        """The error for a bad ``field`` of this file."""
        where = f"field '{self.prefix}{field}'"
        return SchemaError(Errors.E020.format(path=self.path, detail=f"{where}: {detail}"))

    def get(self, field: str) -> Any:
        """The raw value of ``field``; missing is an error."""
        if field not in self.data:
            raise self.error(field, "missing")
        return self.data[field]

    def shared(self, field: str, name: str) -> str | tuple[str, ...]:
        """The shared vocabulary's class ``name`` (rules/vocabulary.json), for ``field``.

        >>> RulesFile("rules/x.json", {"w": ["@joinerz"]}, vocabulary={}).words("w")
        Traceback (most recent call last):
        graphkit.errors.SchemaError: ... field 'w': unknown vocabulary class '@joinerz' ...
        """
        if self.vocabulary is None:
            from .vocabulary import vocabulary  # the vocabulary is read by a RulesFile too

            classes: Mapping[str, str | tuple[str, ...]] = vocabulary().classes()
        else:
            classes = self.vocabulary
        if name not in classes:
            raise self.error(field, f"unknown vocabulary class '@{name}' (rules/vocabulary.json)")
        return classes[name]

    def _expanded(self, field: str, value: Any) -> Any:
        """``value`` with each ``@name`` entry of a list replaced by the class's words."""
        if self.literal or not isinstance(value, list):
            return value
        out: list[Any] = []
        for v in value:
            if isinstance(v, str) and v.startswith("@"):
                found = self.shared(field, v[1:])
                out.extend((found,) if isinstance(found, str) else found)
            else:
                out.append(v)
        return out

    def text(self, field: str, *, non_empty: bool = False) -> str:
        """A string (and, with ``non_empty``, not an empty one); ``"@name"`` is the shared
        vocabulary's text class ``name``.

        >>> RulesFile("rules/x.json", {"t": "@j"}, vocabulary={"j": ("、",)}).text("t")
        Traceback (most recent call last):
        graphkit.errors.SchemaError: ... field 't': '@j' is a list of words, not a text
        """
        value = self.get(field)
        if isinstance(value, str) and value.startswith("@") and not self.literal:
            value = self.shared(field, value[1:])
            if not isinstance(value, str):
                raise self.error(field, f"{self.data[field]!r} is a list of words, not a text")
        if not isinstance(value, str) or (non_empty and not value):
            what = "a non-empty string" if non_empty else "a string"
            raise self.error(field, f"expected {what}, got {value!r}")
        return value

    def label(self, field: str) -> Label:
        """A contract label (Technology, Regulation …).

        >>> RulesFile("rules/x.json", {"label": "Gadget"}).label("label")
        Traceback (most recent call last):
        graphkit.errors.SchemaError: ... field 'label': 'Gadget' is not a contract label
        """
        value = self.text(field, non_empty=True)
        try:
            return Label(value)
        except ValueError:
            raise self.error(field, f"{value!r} is not a contract label") from None

    def words(self, field: str, *, non_empty: bool = False) -> tuple[str, ...]:
        """A list of non-empty strings (and, with ``non_empty``, at least one).

        >>> RulesFile("rules/x.json", {"w": ["a", ""]}).words("w")
        Traceback (most recent call last):
        graphkit.errors.SchemaError: ... 'w': expected a list of non-empty strings, got ['a', '']

        An entry ``"@name"`` stands for the shared vocabulary's class ``name``:

        >>> v = {"j": ("、", "與")}
        >>> RulesFile("rules/x.json", {"w": ["@j", "或"]}, vocabulary=v).words("w")
        ('、', '與', '或')
        """
        value = self._expanded(field, self.get(field))
        if not (isinstance(value, list) and all(isinstance(v, str) and v for v in value)) or (
            non_empty and not value
        ):
            what = "a non-empty list" if non_empty else "a list"
            raise self.error(field, f"expected {what} of non-empty strings, got {value!r}")
        return tuple(value)

    def texts(self, field: str) -> tuple[str, ...]:
        """A list of strings."""
        value = self.get(field)
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise self.error(field, f"expected a list of strings, got {value!r}")
        return tuple(value)

    def spellings(self, field: str) -> dict[str, str]:
        """A map of spellings to the spelling each is read as, of the same length (計劃 as 計畫:
        spans found in the text read so are the printed text's).

        >>> RulesFile("rules/x.json", {"v": {"計劃": "計畫書"}}).spellings("v")
        Traceback (most recent call last):
        graphkit.errors.SchemaError: schema file rules/x.json: field 'v': '計劃' is read as ...
        """
        value = self.get(field)
        if not isinstance(value, Mapping):
            raise self.error(field, f"expected a map of spellings, got {value!r}")
        for printed, read in value.items():
            if not printed or not isinstance(read, str) or len(printed) != len(read):
                raise self.error(
                    field,
                    f"{printed!r} is read as {read!r}: a spelling and its reading must be "
                    "non-empty and of the same length",
                )
        return dict(value)

    def flag(self, field: str) -> bool:
        """A JSON ``true`` or ``false``."""
        value = self.get(field)
        if not isinstance(value, bool):
            raise self.error(field, f"expected true or false, got {value!r}")
        return value

    def integer(self, field: str, minimum: int = 0) -> int:
        """An integer of at least ``minimum``."""
        value = self.get(field)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(field, f"expected an integer, got {value!r}")
        if value < minimum:
            raise self.error(field, f"expected at least {minimum}, got {value}")
        return value

    def number(self, field: str, low: float = 0.0, high: float = 1.0) -> float:
        """A number from ``low`` to ``high``.

        >>> RulesFile("rules/x.json", {"f": 1.5}).number("f")
        Traceback (most recent call last):
        graphkit.errors.SchemaError: ... field 'f': expected a number from 0.0 to 1.0, got 1.5
        """
        value = self.get(field)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise self.error(field, f"expected a number from {low} to {high}, got {value!r}")
        return float(value)

    def pattern(self, field: str) -> re.Pattern[str]:
        """A regular expression, compiled; ``{@name}`` in it is the shared vocabulary's class
        ``name``: a list of words as their alternation, longest first, a text as printed
        (both escaped).

        >>> v = {"intros": ("如", "例如"), "numerals": "一二三"}
        >>> rf = RulesFile("rules/x.json", {"p": "(?:{@intros})[{@numerals}]"}, vocabulary=v)
        >>> rf.pattern("p").pattern
        '(?:例如|如)[一二三]'
        """
        return self._compile(field, self.text(field))

    def patterns(self, field: str) -> tuple[re.Pattern[str], ...]:
        """A list of regular expressions, compiled."""
        return tuple(self._compile(field, p) for p in self.texts(field))

    def _alternation(self, field: str, name: str) -> str:
        """The shared class ``name`` as a piece of a regular expression."""
        found = self.shared(field, name)
        if isinstance(found, str):
            return re.escape(found)
        return "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True))

    def section(self, field: str) -> RulesFile:
        """A nested object, read with the same checks; its errors name ``field.sub``."""
        value = self.get(field)
        if not isinstance(value, Mapping):
            raise self.error(field, f"expected an object, got {value!r}")
        return RulesFile(self.path, value, f"{self.prefix}{field}.", self.literal, self.vocabulary)

    def patterns_by_name(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """Every field of this (nested) object as a compiled pattern, in file order."""
        return tuple((k, self.pattern(k)) for k in self.data if not k.startswith("_"))

    def _compile(self, field: str, pattern: str) -> re.Pattern[str]:
        if not self.literal:
            pattern = _CLASS.sub(lambda m: self._alternation(field, m.group(1)), pattern)
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise self.error(field, f"bad regular expression {pattern!r}: {exc}") from exc
