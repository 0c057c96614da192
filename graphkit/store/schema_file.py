"""Reading ``schema/falkordb/indexes.cypher``: which indexes the embedded store creates."""

from __future__ import annotations

import re
from typing import Final

from .. import knowledge
from ..errors import Errors, SchemaError
from ..records import Label
from .values import IDENTIFIER

__all__ = ["INDEXES_FILE", "indexed_properties", "statements", "wanted_indexes"]

INDEXES_FILE: Final = "falkordb/indexes.cypher"

_CREATE_INDEX = re.compile(
    r"CREATE\s+INDEX\s+FOR\s+\(\s*(?P<var>\w+)\s*:\s*(?P<label>\w+)\s*\)\s+"
    r"ON\s+\((?P<props>[^)]*)\)",
    re.IGNORECASE,
)


def wanted_indexes() -> list[tuple[Label, tuple[str, ...]]]:
    """(label, properties) of every index the schema file asks for, plus ``id`` per label.

    A unique constraint needs an exact-match index on ``id``, so every label gets one even
    if the file forgets it.

    Raises:
        SchemaError: A statement of the file is not ``CREATE INDEX FOR (n:Label) ON (n.p)``.
    """
    wanted = [_parse(statement) for statement in statements(knowledge.read_text(INDEXES_FILE))]
    wanted += [(label, ("id",)) for label in Label]
    return wanted


def indexed_properties() -> dict[Label, set[str]]:
    """Label → every property the store indexes on it."""
    indexed: dict[Label, set[str]] = {}
    for label, props in wanted_indexes():
        indexed.setdefault(label, set()).update(props)
    return indexed


def _parse(statement: str) -> tuple[Label, tuple[str, ...]]:
    match = _CREATE_INDEX.fullmatch(statement)
    if not match:
        raise SchemaError(
            Errors.E020.format(
                path=INDEXES_FILE,
                detail=f"expected CREATE INDEX FOR (n:Label) ON (n.prop, ...): {statement!r}",
            )
        )
    var = match["var"]
    props: list[str] = []
    for field in match["props"].split(","):
        owner, _, prop = field.strip().partition(".")
        if owner != var or not IDENTIFIER.fullmatch(prop):
            raise SchemaError(
                Errors.E020.format(path=INDEXES_FILE, detail=f"bad property in {statement!r}")
            )
        props.append(prop)
    try:
        label = Label(match["label"])
    except ValueError:
        raise SchemaError(
            Errors.E020.format(path=INDEXES_FILE, detail=f"{match['label']!r} is not a graph label")
        ) from None
    return label, tuple(props)


def statements(text: str) -> list[str]:
    """Split a Cypher schema file into statements: ``;`` ends one, ``//`` starts a comment.

    >>> statements("CREATE INDEX FOR (n:A) ON (n.x); // a comment\\nRETURN 1;")
    ['CREATE INDEX FOR (n:A) ON (n.x)', 'RETURN 1']
    """
    lines = [line.split("//", 1)[0] for line in text.splitlines()]
    joined = " ".join(line.strip() for line in lines)
    return [s.strip() for s in joined.split(";") if s.strip()]
