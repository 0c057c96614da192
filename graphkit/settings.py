"""Checked reads of a rules file's fields, for the typed settings of each stage.

Every error is a :class:`SchemaError` naming the file and the field (the pattern of
:func:`graphkit.ckip.load_settings`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import Errors, SchemaError


def invalid(path: str, detail: str) -> SchemaError:
    """The error for a bad field of the rules file at ``path``."""
    return SchemaError(Errors.E020.format(path=path, detail=detail))


def words(raw: Mapping[str, Any], key: str, path: str, *, non_empty: bool = False) -> list[str]:
    """A list of non-empty strings (and, with ``non_empty``, at least one)."""
    value = raw.get(key)
    if not (isinstance(value, list) and all(isinstance(v, str) and v for v in value)) or (
        non_empty and not value
    ):
        what = "a non-empty list" if non_empty else "a list"
        raise invalid(path, f"{key!r} must be {what} of non-empty strings")
    return value


def text(raw: Mapping[str, Any], key: str, path: str) -> str:
    """A non-empty string."""
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise invalid(path, f"{key!r} must be a non-empty string")
    return value


def count(raw: Mapping[str, Any], key: str, path: str) -> int:
    """A positive int."""
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise invalid(path, f"{key!r} is a positive int")
    return value
