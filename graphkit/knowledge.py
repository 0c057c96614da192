"""Loading knowledge kept as data under ``schema/``: one way, everywhere.

Lexicons are JSONL (one surface form or one entity a line, spaCy-style), rules and settings are
JSON. Files ship inside the installed package (``graphkit.schema``), so graphkit finds them
from any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .errors import Errors, SchemaError
from .records import Label, Term

SCHEMA_PACKAGE = "graphkit.schema"


def schema_root() -> Traversable:
    """The ``schema/`` directory as shipped with the package."""
    return resources.files(SCHEMA_PACKAGE)


def _resource(relpath: str) -> Traversable:
    node = schema_root()
    for part in relpath.split("/"):
        node = node / part
    if not node.is_file():
        raise SchemaError(Errors.E020.format(path=relpath, detail="missing from the package"))
    return node


@cache
def load_json(relpath: str) -> Any:
    """Load ``schema/<relpath>`` as JSON (cached: schema files do not change at run time)."""
    node = _resource(relpath)
    try:
        return json.loads(node.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SchemaError(Errors.E020.format(path=relpath, detail=exc)) from exc


def read_text(relpath: str) -> str:
    """Read ``schema/<relpath>`` as text (Cypher schema statements, for instance)."""
    return _resource(relpath).read_text(encoding="utf-8")


def _jsonl(relpath: str) -> Iterator[dict[str, Any]]:
    node = _resource(relpath)
    for lineno, line in enumerate(node.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SchemaError(Errors.E020.format(path=f"{relpath}:{lineno}", detail=exc)) from exc
        if not isinstance(row, dict):
            raise SchemaError(
                Errors.E020.format(path=f"{relpath}:{lineno}", detail="expected a JSON object")
            )
        yield row


_TERM_FIELDS = ("name_en", "abbr", "short_name", "url", "kind")
_ROW_LISTS = ("aliases", "parent")
_ROW_KEYS = frozenset(("label", "name", *_TERM_FIELDS, *_ROW_LISTS))


def _row_problem(row: dict[str, Any]) -> str | None:
    """What is wrong with a lexicon row, or None: a misspelt key ("alias") would otherwise be
    dropped without a word, and a string where a list belongs would become its characters."""
    unknown = sorted(set(row) - _ROW_KEYS)
    if unknown:
        return f"unknown key(s) {', '.join(unknown)}; a row takes {', '.join(sorted(_ROW_KEYS))}"
    if not isinstance(row.get("name"), str) or not row["name"].strip():
        return "'name' must be a non-empty string"
    for key in _TERM_FIELDS:
        if key in row and row[key] is not None and not isinstance(row[key], str):
            return f"{key!r} must be a string"
    for key in _ROW_LISTS:
        value = row.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return f"{key!r} must be a list of non-empty strings"
    return None


@cache
def _rows(relpath: str) -> tuple[dict[str, Any], ...]:
    """The rows of a lexicon file, read once (its terms and its bodies' parents come from them),
    each checked for its keys and their types."""
    rows = tuple(_jsonl(relpath))
    for row in rows:
        problem = _row_problem(row)
        if problem:
            detail = f"{problem} in {row.get('name', row)!r}"
            raise SchemaError(Errors.E020.format(path=relpath, detail=detail))
    return rows


@cache
def load_lexicon(relpath: str) -> tuple[Term, ...]:
    """Load a lexicon file: one entity a line.

    Each line is ``{"label": "Agency", "name": "...", "aliases": [...], "abbr": ...}``; the
    label must be one of the contract's node labels.
    """
    terms: list[Term] = []
    for row in _rows(relpath):
        try:
            label = Label(row["label"])
            name = str(row["name"])
        except (KeyError, ValueError) as exc:
            raise SchemaError(
                Errors.E020.format(path=relpath, detail=f"bad label or name in {row!r}")
            ) from exc
        extra = {k: row[k] for k in _TERM_FIELDS if row.get(k)}
        terms.append(
            Term(
                label=label,
                name=name,
                aliases=tuple(row.get("aliases", ())),
                origin="lexicon",
                **extra,
            )
        )
    return tuple(terms)


def lexicon_files() -> tuple[str, ...]:
    """Every ``schema/lexicons/*.jsonl`` file, sorted, as relative paths."""
    folder = schema_root() / "lexicons"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".jsonl"))
    return tuple(f"lexicons/{n}" for n in names)


@cache
def all_lexicon_terms() -> tuple[Term, ...]:
    """The terms of every lexicon file."""
    return tuple(t for f in lexicon_files() for t in load_lexicon(f))


@cache
def lexicon_parents() -> dict[str, tuple[str, ...]]:
    """A lexicon body's name → the names of the ministry it belongs to (``"parent"``), for
    bodies whose own name does not start with it (新竹科學園區管理局: 國科會)."""
    return {
        str(row["name"]): tuple(str(p) for p in row["parent"])
        for f in lexicon_files()
        for row in _rows(f)
        if row.get("parent")
    }


def rules(name: str) -> dict[str, Any]:
    """Load ``schema/rules/<name>.json``."""
    data = load_json(f"rules/{name}.json")
    if not isinstance(data, dict):
        raise SchemaError(Errors.E020.format(path=f"rules/{name}.json", detail="expected object"))
    return data


def _files(node: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    """Every file under ``node``, by its path from there, in name order."""
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.is_dir():
            if child.name != "__pycache__":
                yield from _files(child, f"{prefix}{child.name}/")
        elif child.is_file():
            yield f"{prefix}{child.name}", child


#: The environment variable naming a statistical NER model (:mod:`graphkit.ner`) to load
#: instead of the one ``schema/rules/ner.json`` names.
NER_MODEL_ENV = "GRAPHKIT_NER_MODEL"


def ner_model_path(setting: str) -> Path:
    """Where the NER model is: ``$GRAPHKIT_NER_MODEL``, else ``setting`` (relative to
    ``schema/``)."""
    path = Path(os.environ.get(NER_MODEL_ENV) or setting).expanduser()
    return path if path.is_absolute() else Path(str(schema_root())) / path


def ner_model_options() -> tuple[str, ...]:
    """What the extractor's fingerprint must hold of the NER model besides ``schema/``: when
    ``rules/ner.json`` enables it and ``$GRAPHKIT_NER_MODEL`` puts it outside ``schema/``
    (whose files the fingerprint hashes already), its path and a digest of its files, so that
    another model, or the same one trained again, extracts loaded documents again; else
    nothing. Reads no model and imports no NER library."""
    settings = rules("ner")
    path = ner_model_path(str(settings.get("model", "")))
    if settings.get("enabled") is not True or path.is_relative_to(Path(str(schema_root()))):
        return ()
    return ("ner-model", str(path), _digest(_files(path, "") if path.is_dir() else ()))


@cache
def extractor_fingerprint(*recogniser: str) -> str:
    """What an extraction depends on besides its document: graphkit's code (its ``.py``
    files), its knowledge (every file under ``schema/``) and the ``recogniser`` options
    (``--ner ckip`` and its model). Equal fingerprints extract a document alike; the ledger
    keeps each extraction's, so an upgraded graphkit extracts loaded files again."""
    package = resources.files("graphkit")
    parts = [
        *((f"graphkit/{n}", f) for n, f in _files(package, "") if n.endswith(".py")),
        *((f"schema/{n}", f) for n, f in _files(schema_root(), "")),
    ]
    return _digest(parts, recogniser)


def _digest(parts: Iterable[tuple[str, Traversable]], options: Iterable[str] = ()) -> str:
    """A short digest of named files (each name and its bytes, in the given order) and of
    ``options``."""
    digest = hashlib.sha256()
    for name, node in parts:
        digest.update(name.encode("utf-8") + b"\0" + node.read_bytes() + b"\0")
    for option in options:
        digest.update(b"option\0" + option.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]
