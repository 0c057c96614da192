"""The schema of a FalkorDB graph key: the indexes of ``schema/falkordb/indexes.cypher`` and a
unique ``id`` constraint per contract label, created where missing (on the live key, and on
the staging key a full write builds before it is renamed over the live one)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Final

from ..errors import Errors, StoreError
from ..records import Label
from .schema_file import wanted_indexes

__all__ = ["ensure_schema_on"]

_POLL: Final = 0.02


def ensure_schema_on(db: Any, key: str, where: Path) -> None:
    """Create the indexes and unique id constraints ``key`` lacks (``db``: a falkordb client).

    Raises:
        StoreError: A constraint fails (duplicate ids) or stays pending; names ``where``.
    """
    conn = db.connection
    graph = db.select_graph(key)
    existing: dict[str, set[str]] = {}
    if conn.exists(key):
        rows = graph.ro_query(
            "CALL db.indexes() YIELD label, properties, types, entitytype"
        ).result_set
        for label, _props, types, entity in rows:
            if entity == "NODE":
                ranged = {p for p, kinds in types.items() if "RANGE" in kinds}
                existing.setdefault(label, set()).update(ranged)
    for label, props in wanted_indexes():
        missing = [p for p in props if p not in existing.get(label.value, set())]
        if missing:
            fields = ", ".join(f"n.{p}" for p in missing)
            graph.query(f"CREATE INDEX FOR (n:{label.value}) ON ({fields})")
            existing.setdefault(label.value, set()).update(missing)
    constraints = _unique_constraints(graph)
    for label in Label:
        if (label.value, ("id",)) not in constraints:
            conn.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", key, "UNIQUE", "NODE", label.value,
                "PROPERTIES", 1, "id",
            )  # fmt: skip
    deadline = time.monotonic() + 60.0
    while True:  # constraints are built asynchronously: PENDING, then OPERATIONAL or FAILED
        status = _unique_constraints(graph)
        failed = sorted(lab for (lab, _), st in status.items() if st == "FAILED")
        if failed:
            raise StoreError(
                Errors.E030.format(
                    path=where,
                    detail=f"unique constraint on id failed for {', '.join(failed)}: "
                    "the graph already holds duplicate ids",
                )
            )
        if all(st == "OPERATIONAL" for st in status.values()):
            return
        if time.monotonic() >= deadline:
            raise StoreError(
                Errors.E030.format(path=where, detail="unique constraints still pending")
            )
        time.sleep(_POLL)


def _unique_constraints(graph: Any) -> dict[tuple[str, tuple[str, ...]], str]:
    rows = graph.ro_query(
        "CALL db.constraints() YIELD type, label, properties, entitytype, status"
    ).result_set
    return {
        (label, tuple(props)): status
        for kind, label, props, entity, status in rows
        if kind == "UNIQUE" and entity == "NODE"
    }
