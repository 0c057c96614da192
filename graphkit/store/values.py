"""Checks on values before they reach a store, shared by the FalkorDB and Neo4j stores.

A store refuses what it cannot hold faithfully *before* anything is sent, with a message
that names the value, rather than storing something else or crashing half-way.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ..records import Graph, Label

__all__ = [
    "FALKORDB",
    "IDENTIFIER",
    "INDEX_MAX_BYTES",
    "NEO4J",
    "ValueRules",
    "index_problem",
    "nesting_problem",
    "params_problem",
    "row_name",
    "short",
    "unindexable",
]

INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1
IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: What FalkorDB's exact-match index cannot find (4.16): a string that is empty, begins or
#: ends with one of these characters, or is longer than this many UTF-8 bytes is stored but
#: never found through the index, so a MERGE on such an id adds a duplicate, and under a
#: unique constraint it crashes the server.
INDEX_TRIMMED: Final = " \t\n\r\x0b\x0c"
INDEX_MAX_BYTES: Final = 4096
#: Deepest nesting of brackets in a query, or of lists and maps in a parameter (which the
#: FalkorDB client inlines into the query text). FalkorDB 4 parses nested literals in time
#: exponential in their depth (20 levels: 3.5 s, 40: hours, in its parser, where no query
#: timeout applies), so deeper ones are refused before they are sent.
MAX_NESTING: Final = 12


@dataclass(frozen=True, slots=True)
class ValueRules:
    """What one store can hold faithfully, for :func:`params_problem`."""

    #: Types sent as they are besides None, bool, int, float, str, lists and maps.
    extra_types: tuple[type, ...] = ()
    #: Whether NaN and the infinities can be sent (Bolt carries them; FalkorDB's inlined
    #: parameters have no literal for them).
    non_finite: bool = False
    #: Whether a string may hold NUL (it would cut FalkorDB's inlined query short).
    nul: bool = False
    #: Whether map keys must be plain names (FalkorDB inlines them) or any string (Bolt).
    plain_keys: bool = True


#: FalkorDB: parameters are inlined into the query text (``CYPHER p=... MATCH ...``).
FALKORDB: Final = ValueRules()
#: Neo4j over Bolt: the driver would refuse these only when packing them, half-way through a
#: transaction; checking first gives a message that names the value.
NEO4J: Final = ValueRules(
    extra_types=(bytes, bytearray, datetime.date, datetime.time, datetime.timedelta),
    non_finite=True,
    nul=True,
    plain_keys=False,
)


def params_problem(value: Any, where: str = "", rules: ValueRules = FALKORDB) -> str | None:
    """Why a parameter value cannot be sent to a store, or None if it can.

    ``rules`` says what the store holds (:data:`FALKORDB` by default, :data:`NEO4J`):
    integers wider than 64 bits would be clipped by either server. ``where`` names the value
    in messages.

    >>> params_problem({"y": 2025}) is None
    True
    >>> params_problem({"n": 2**64})
    '$n = 18446744073709551616 does not fit in a 64-bit integer'
    >>> params_problem({"x": float("nan")}), params_problem({"x": float("nan")}, rules=NEO4J)
    ('$x = nan is not a finite number', None)
    """
    if value is None or isinstance(value, (bool, *rules.extra_types)):
        return None
    if isinstance(value, str):
        return _text_problem(value, where, rules.nul)
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            return f"{where} = {value} does not fit in a 64-bit integer"
        return None
    if isinstance(value, float):
        if rules.non_finite or math.isfinite(value):
            return None
        return f"{where} = {value} is not a finite number"
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            # items are checked unnamed (a name per item is most of the cost of a large
            # write); the one with a problem again with its name, for the message
            if _plain(item, rules.nul) or params_problem(item, "", rules) is None:
                continue
            problem = params_problem(item, f"{where}[{i}]", rules)
            assert problem is not None  # as found unnamed
            return problem + row_name(item) if where.startswith("$") else problem
        return None
    if isinstance(value, Mapping):
        return _map_problem(value, where, rules)
    return f"{where} has a type a graph store cannot hold: {type(value).__name__}"


def _map_problem(value: Mapping[Any, Any], where: str, rules: ValueRules) -> str | None:
    for key, item in value.items():
        if not isinstance(key, str) or (rules.plain_keys and not IDENTIFIER.fullmatch(key)):
            return f"{where or 'parameters'} has a key that is not a plain name: {key!r}"
        if _plain(item, rules.nul):
            continue
        if problem := params_problem(item, f"{where}.{key}" if where else f"${key}", rules):
            return problem
    return None


def _plain(value: Any, nul: bool) -> bool:
    """Whether ``value`` is one that no store refuses: the common case, decided quickly."""
    kind = type(value)
    if kind is str:
        if not nul and "\x00" in value:
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    return kind is bool or value is None


def nesting_problem(query: str, params: Any = None) -> str | None:
    """Why a query or its parameters nest too deep for the server's parser, or None.

    >>> nesting_problem("RETURN [[1], [2]] AS x") is None
    True
    >>> nesting_problem("RETURN " + "[" * 13 + "1" + "]" * 13)
    'the query nests brackets 13 deep; the limit is 12 (the server parses deeper ones too slowly)'
    """
    depth = _text_depth(query)
    if depth > MAX_NESTING:
        return (
            f"the query nests brackets {depth} deep; the limit is {MAX_NESTING} "
            "(the server parses deeper ones too slowly)"
        )
    if params is not None and _value_depth(params) > MAX_NESTING + 1:
        return (
            f"a parameter nests lists or maps more than {MAX_NESTING} deep "
            "(the server parses deeper ones too slowly)"
        )
    return None


def _text_depth(query: str) -> int:
    """Deepest bracket nesting of ``query`` outside string literals and backtick names."""
    depth = deepest = 0
    quote = ""
    escaped = False
    for char in query:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(depth - 1, 0)
    return deepest


def _value_depth(value: Any) -> int:
    if isinstance(value, Mapping):
        return 1 + max((_value_depth(v) for v in value.values()), default=0)
    if isinstance(value, list | tuple):
        return 1 + max((_value_depth(v) for v in value), default=0)
    return 0


def _text_problem(value: str, where: str, nul: bool = False) -> str | None:
    if not nul and "\x00" in value:
        return f"{where} contains a NUL character: {value[:60]!r}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"{where} is not valid Unicode text ({exc.reason}): {value[:60]!r}"
    return None


def index_problem(graph: Graph, indexed: Mapping[Label, set[str]]) -> str | None:
    """Why an id or indexed property of ``graph`` cannot go through FalkorDB's index, if so.

    ``indexed`` maps a label to its indexed properties (``id`` is always checked).
    """
    found: list[str] = []
    for n in graph.nodes:
        for prop in sorted(indexed.get(n.label, set()) | {"id"}):
            value = n.id if prop == "id" else n.props.get(prop)
            if unindexable(value):
                found.append(
                    f"node {n.label.value} {short(n.id)} has {prop} {short(value)}"
                    + _from(n.props.get("sources"))
                )
    for e in graph.edges:
        for end in (e.source, e.target):
            if unindexable(end.id):
                found.append(f"a {e.type.value} relationship names node id {short(end.id)}")
    if not found:
        return None
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (
        f"{found[0]}{more}: ids and indexed properties must not be empty or begin or end with "
        f"whitespace or exceed {INDEX_MAX_BYTES} UTF-8 bytes, which FalkorDB's index cannot "
        "match; clean them before the store"
    )


def _from(sources: Any) -> str:
    """`` (from document:a, document:b)``: which documents a node came from, for messages."""
    if isinstance(sources, list | tuple) and sources:
        return f" (from {', '.join(map(str, sources[:3]))})"
    return ""


def short(value: Any) -> str:
    """``repr(value)``, cut to about 60 characters for messages."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:50]}…({len(str(value))} characters)"


def unindexable(value: object) -> bool:
    """Whether FalkorDB's exact-match index would never find this string."""
    return isinstance(value, str) and (
        not value
        or value.strip(INDEX_TRIMMED) != value
        or len(value.encode("utf-8", "surrogatepass")) > INDEX_MAX_BYTES
    )


def row_name(row: Any) -> str:
    """Which node or relationship a write row (``$rows[i]``) is about, for messages."""
    if isinstance(row, Mapping):
        if "id" in row:
            return f" (node id {row['id']!r})"
        if "src" in row and "dst" in row:
            return f" (relationship {row['src']!r} -> {row['dst']!r})"
    return ""
