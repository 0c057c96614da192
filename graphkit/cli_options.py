"""What every ``graphkit`` command shares: option decorators, error reporting, parameters.

The commands themselves live in :mod:`graphkit.cli`.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from .errors import Errors, GraphkitError, QueryError, redact

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = "./graphkit-data"


# ----------------------------------------------------------------- shared options


def store_option(f: F) -> F:
    """``--store DIR``: the embedded store directory."""
    return click.option(
        "--store",
        "store_dir",
        default=DEFAULT_STORE,
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory of the embedded FalkorDB store.",
    )(f)


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format``: how answers are printed."""

    def deco(f: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=choices[0],
            show_default=True,
            help="Output format; json prints a JSON array of row objects and nothing else.",
        )(f)

    return deco


def neo4j_option(f: F) -> F:
    """``--neo4j URI`` and ``--neo4j-database``: answer from Neo4j instead of the embedded store.

    The password is read from ``NEO4J_PASSWORD`` (and the user from ``NEO4J_USER``), never
    from an option. ``NEO4J_URI`` is deliberately not a fallback here: an exported variable
    must not silently move every command to another store.
    """
    f = click.option("--neo4j-database", help="Neo4j database name (default: the server's).")(f)
    return click.option(
        "--neo4j",
        "neo4j_uri",
        metavar="URI",
        help="Use the Neo4j server at URI (neo4j://host:7687).",
    )(f)


def param_option(f: F) -> F:
    """``--param key=value`` (repeatable): query parameters."""
    return click.option(
        "--param",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="A query parameter (repeatable).",
    )(f)


def reports_errors(f: F) -> F:
    """Turn library errors (and the system's) into a clear message and exit status 1.

    Every message goes through :func:`graphkit.errors.redact`, so a password inside a URI is
    never printed.
    """

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except GraphkitError as exc:
            fail(str(exc))
        except OSError as exc:
            # a file or folder the library did not name itself (an --out folder, stdout)
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}")
        except RecursionError:
            fail("the input nests too deeply to be read")

    return wrapper  # type: ignore[return-value]


def fail(message: str) -> None:
    click.echo(f"graphkit: error: {redact(message)}", err=True)
    sys.exit(1)


def stop_on_signal(signum: int, frame: FrameType | None) -> None:
    """SIGTERM/SIGHUP end graphkit like Ctrl-C: stores are closed on the way out."""
    raise SystemExit(128 + signum)


def typed_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``--param key=value`` pairs with JSON values: ``y=2025`` is an integer, ``y="2025"``
    a string; a value that is not JSON is taken as a string, unchanged.

    >>> typed_params(("y=2025", 'name="2025"', "t=碳化矽", "xs=[1, 2]"))
    {'y': 2025, 'name': '2025', 't': '碳化矽', 'xs': [1, 2]}
    """
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(Errors.E023.format(detail=f"{pair!r}: write it as KEY=VALUE"))
        try:
            values[key.strip()] = json.loads(raw)
        except ValueError:
            values[key.strip()] = raw
    return values
