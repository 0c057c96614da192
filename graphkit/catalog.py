"""The saved-query catalogue: ``queries/*.cypher`` with a header each.

A header is a block of ``//`` comments at the top of the file::

    // name: agencies-by-technology
    // description: Agencies working on a technology, per year, …
    // param technology (name): 碳化矽 | what the parameter means

A parameter's default is parsed as JSON when it can be (``2025`` is an int) and is a string
otherwise; values given on the command line are coerced to the default's type.

A parameter marked ``(name)`` names an entity: its value (default or given) is turned into a
name key by :func:`graphkit.normalise.name_key`, the function that builds the ``keys`` of every
node, and the query matches it with ``$param IN n.keys``. So every spelling graphkit itself
would resolve to the node (short name, English name, abbreviation, with or without 財團法人,
台/臺, full-width letters) finds it, on either store, with no second normaliser in Cypher.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .errors import Errors, QueryError, SchemaError
from .normalise import name_key, normalise

QUERIES_PACKAGE = "graphkit.queries"

_HEADER = re.compile(r"^//\s*(?P<key>name|description|param)\b\s*(?P<rest>.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<kind>name)\))?\s*:\s*(?P<default>[^|]*?)"
    r"\s*(?:\|\s*(?P<help>.*))?$"
)


@dataclass(frozen=True, slots=True)
class Param:
    """A declared query parameter with its default.

    ``names_entity``: the value names an entity and is passed to the query as its name key.
    """

    name: str
    default: Any
    help: str
    names_entity: bool = False

    def value(self, raw: str | None = None) -> Any:
        """The value the query gets: the default, or ``raw`` coerced to the default's type;
        a name key for a parameter that names an entity."""
        value = self.default if raw is None else coerce(raw, self.default, self.name)
        return name_key(value) if self.names_entity and isinstance(value, str) else value


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """One saved query: header fields plus the Cypher body."""

    name: str
    description: str
    params: tuple[Param, ...]
    cypher: str
    file: str

    def bind(self, given: Mapping[str, str] | None = None) -> dict[str, Any]:
        """Parameter values: defaults overridden by ``given`` (coerced to the default's type).

        Raises:
            QueryError: an unknown parameter or a value of the wrong type.
        """
        values = {p.name: p.value() for p in self.params}
        for key, raw in (given or {}).items():
            param = next((p for p in self.params if p.name == key), None)
            if param is None:
                known = ", ".join(p.name for p in self.params) or "none"
                raise QueryError(
                    Errors.E023.format(
                        detail=f"{key!r} is not a parameter of {self.name} (known: {known})"
                    )
                )
            values[key] = param.value(raw)
        return values


def coerce(raw: str, default: Any, key: str) -> Any:
    """Convert a command-line value to the type of ``default``; strings are normalised."""
    if isinstance(default, bool):
        return raw.lower() in ("1", "true", "yes")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError as exc:
            raise QueryError(
                Errors.E023.format(detail=f"{key}={raw!r} must be a whole number")
            ) from exc
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError as exc:
            raise QueryError(Errors.E023.format(detail=f"{key}={raw!r} must be a number")) from exc
    return normalise(raw)


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``key=value`` strings from ``--param`` options."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(Errors.E023.format(detail=f"{pair!r} must look like key=value"))
        out[key.strip()] = value
    return out


def parse(text: str, file: str) -> SavedQuery:
    """Parse a saved query file's header and body."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    in_header = True
    for line in text.splitlines():
        m = _HEADER.match(line.strip()) if in_header else None
        if m:
            key, rest = m.group("key"), m.group("rest").lstrip(":").strip()
            if key == "param":
                p = _PARAM.match(rest)
                if not p:
                    raise SchemaError(
                        Errors.E022.format(path=file, detail=f"bad param line {line!r}")
                    )
                params.append(
                    Param(
                        p.group("name"),
                        _default(p.group("default")),
                        (p.group("help") or "").strip(),
                        names_entity=p.group("kind") == "name",
                    )
                )
            else:
                fields[key] = rest
            continue
        if line.strip().startswith("//") and in_header:
            continue
        in_header = False
        body.append(line)
    for required in ("name", "description"):
        if not fields.get(required):
            raise SchemaError(Errors.E022.format(path=file, detail=f"header has no {required}"))
    cypher = "\n".join(body).strip()
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", cypher))
    declared = {p.name for p in params}
    if used != declared:
        raise SchemaError(
            Errors.E022.format(
                path=file,
                detail=f"parameters used {sorted(used)} differ from declared {sorted(declared)}",
            )
        )
    return SavedQuery(fields["name"], fields["description"], tuple(params), cypher, file)


def _default(raw: str) -> Any:
    raw = raw.strip()
    if raw == "":
        return ""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return raw
    return value if isinstance(value, int | float | bool) else raw


@cache
def catalogue() -> dict[str, SavedQuery]:
    """Every saved query shipped with graphkit, by name."""
    folder = resources.files(QUERIES_PACKAGE)
    out: dict[str, SavedQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            q = parse(entry.read_text(encoding="utf-8"), entry.name)
            out[q.name] = q
    return out


def get(name: str) -> SavedQuery:
    """A saved query by name."""
    try:
        return catalogue()[name]
    except KeyError:
        raise QueryError(Errors.E021.format(name=name)) from None
