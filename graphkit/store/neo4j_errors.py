"""How the Neo4j store reads the driver's errors and summaries, and what it shows of a URI.

Pure functions over :mod:`neo4j.exceptions` values, used by :mod:`graphkit.store.neo4j`: which
refusals blame the statement (a QueryError) rather than the store (a StoreError), which mean a
read-only transaction was asked to write, and how a URI is named in messages (never with its
password).
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

from neo4j import ResultSummary
from neo4j.exceptions import (
    AuthError,
    ClientError,
    Forbidden,
    ForbiddenOnReadOnlyDatabase,
    Neo4jError,
)

__all__ = [
    "DATABASE_NOT_FOUND",
    "blames_statement",
    "describe",
    "excerpt",
    "is_read_only_refusal",
    "without_userinfo",
    "writes",
]

#: Codes the server answers with when a read transaction (or a read-only database) is asked
#: to write.
READ_ONLY_CODES: Final = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
    "Neo.ClientError.General.ReadOnly",
)
DATABASE_NOT_FOUND: Final = "Neo.ClientError.Database.DatabaseNotFound"
UNKNOWN_CODE: Final = "Neo.DatabaseError.General.UnknownError"


def describe(exc: BaseException) -> str:
    """The server's message and code, or the driver's message."""
    if isinstance(exc, Neo4jError) and exc.code != UNKNOWN_CODE:
        return f"{exc.message} [{exc.code}]"
    return str(exc) or type(exc).__name__


def blames_statement(exc: Neo4jError) -> bool:
    """Whether the server refused the statement itself (syntax, types, constraints, rights).

    Not a failed login, a missing database, the server's own failure or a transient state:
    those are about the store, not the query.
    """
    client = isinstance(exc, ClientError) or exc.code.startswith("Neo.ClientError.")
    return client and not isinstance(exc, AuthError) and exc.code != DATABASE_NOT_FOUND


def is_read_only_refusal(exc: Neo4jError) -> bool:
    return isinstance(exc, Forbidden | ForbiddenOnReadOnlyDatabase) or exc.code in READ_ONLY_CODES


def writes(summary: ResultSummary) -> bool:
    """Whether a query's summary says it wrote anything (or is a write or schema query)."""
    counters = summary.counters
    return (
        summary.query_type in ("w", "rw", "s")
        or counters.contains_updates
        or counters.contains_system_updates
    )


def without_userinfo(uri: str) -> str:
    """The URI without any user:password part, for the store's name in messages."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri
    if parts.username is None and parts.password is None:
        return uri
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=f"{host}{port}").geturl()


def excerpt(query: str, limit: int = 120) -> str:
    flat = " ".join(query.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
