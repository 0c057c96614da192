"""Formatting query answers for the terminal and for scripts: table, JSON, CSV.

JSON output is an array of row objects and nothing else, so scripts can parse stdout.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from .store.results import NodeValue, PathValue, RelationshipValue

FORMATS = ("table", "json", "csv")


def plain(value: Any) -> Any:
    """A JSON-serialisable version of a store value.

    Nodes, relationships and paths (:mod:`graphkit.store.results`) become their ``to_dict()``
    objects: ``{"id", "labels", "properties"}``, ``{"type", "start", "end", "properties"}``
    and ``{"nodes", "relationships"}``.
    """
    if isinstance(value, NodeValue | RelationshipValue | PathValue):
        return plain(value.to_dict())
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def to_json(rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows as a JSON array of objects."""
    return json.dumps([plain(r) for r in rows], ensure_ascii=False, indent=2)


#: What makes a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Prefix a ``'`` to text a spreadsheet would run as a formula; numbers stay as they are.

    >>> escape_formula("=SUM(A1)"), escape_formula("-3"), escape_formula("碳化矽")
    ("'=SUM(A1)", '-3', '碳化矽')
    """
    if text.startswith(FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def _cell(value: Any) -> str:
    return escape_formula(_text(value))


def _text(value: Any) -> str:
    value = plain(value)
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def to_csv(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows as CSV with a header line; lists joined with '; ', formulas escaped."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue()


def to_table(
    columns: Sequence[str], rows: Sequence[Mapping[str, Any]], title: str | None = None
) -> str:
    """Rows as a text table (rich), sized for the terminal."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(_cell(r.get(c)) for c in columns))
    console = Console(file=io.StringIO(), width=160, force_terminal=False, color_system=None)
    console.print(table)
    console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    out: str = console.file.getvalue()  # type: ignore[attr-defined]
    return out


def render(
    fmt: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]], title: str | None = None
) -> str:
    """Render rows in one of :data:`FORMATS`."""
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(columns, rows)
    return to_table(columns, rows, title)
