"""Reading the stores' schema files: ``schema/falkordb/indexes.cypher`` (which indexes the
embedded store creates) and ``schema/neo4j/constraints.cypher`` (Neo4j's constraints).
"""

from __future__ import annotations

import re
from typing import Final

from .. import knowledge
from ..errors import Errors, SchemaError
from ..records import Label
from .values import IDENTIFIER

__all__ = [
    "INDEXES_FILE",
    "SCHEMA_FILE",
    "indexed_properties",
    "neo4j_statements",
    "statements",
    "wanted_indexes",
]

INDEXES_FILE: Final = "falkordb/indexes.cypher"
SCHEMA_FILE: Final = "neo4j/constraints.cypher"

_CONSTRAINT = re.compile(r"CREATE\s+CONSTRAINT\b", re.IGNORECASE)
_INDEX = re.compile(r"CREATE\s+INDEX\b", re.IGNORECASE)
_UNIQUE_ID = re.compile(
    r"FOR\s+\(\s*(?P<var>\w+)\s*:\s*(?P<label>\w+)\s*\)\s+REQUIRE\s+(?P=var)\.id\s+IS\s+UNIQUE",
    re.IGNORECASE,
)

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


def neo4j_statements() -> list[str]:
    """The statements of ``schema/neo4j/constraints.cypher``: constraints, then indexes.

    Raises:
        SchemaError: A statement is neither ``CREATE CONSTRAINT`` nor ``CREATE INDEX``, or
            a label of the graph contract has no unique-``id`` constraint (``MERGE`` on id
            relies on it).
    """
    found = statements(knowledge.read_text(SCHEMA_FILE))
    constraints = [s for s in found if _CONSTRAINT.match(s)]
    indexes = [s for s in found if _INDEX.match(s)]
    other = [s for s in found if not _CONSTRAINT.match(s) and not _INDEX.match(s)]
    if other:
        raise SchemaError(
            Errors.E020.format(
                path=SCHEMA_FILE,
                detail=f"expected CREATE CONSTRAINT or CREATE INDEX statements: {other[0]!r}",
            )
        )
    unique = {m["label"] for s in constraints if (m := _UNIQUE_ID.search(s))}
    missing = [label.value for label in Label if label.value not in unique]
    if missing:
        raise SchemaError(
            Errors.E020.format(
                path=SCHEMA_FILE,
                detail=f"no unique constraint on id for {', '.join(missing)}",
            )
        )
    return constraints + indexes
