"""graphkit.browser: the saved-query catalogue as Neo4j Browser favourites."""

from __future__ import annotations

import doctest
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import graphkit.browser as gbrowser
from graphkit.browser import (
    ZIP_FILE,
    ZIP_FOLDER,
    cypher_literal,
    export_browser,
    favourite,
    param_help,
)
from graphkit.catalog import SavedQuery, catalogue, parse
from graphkit.store.falkordb import FalkorDBStore

PARAM_LINE = re.compile(r"^:param (?P<name>[A-Za-z_][A-Za-z0-9_]*) => (?P<value>.+);$")
#: How Neo4j Browser takes the value of a :param command (mapParamToCypherStatement in
#: neo4j-browser src/shared/services/commandUtils.ts): after the last "=>", no "$" allowed.
BROWSER_PARAM = re.compile(r"^.*=>\s*([^$]*)$")
_CYPHER_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b"}
_CYPHER_ESCAPES["f"] = "\f"


def read_cypher_string(literal: str) -> str:
    """Decode a single-quoted Cypher string literal by the openCypher grammar's escapes."""
    assert literal[0] == literal[-1] == "'", literal
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "'":
            raise AssertionError(f"unescaped quote in {literal!r}")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in "uU":
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(_CYPHER_ESCAPES[nxt])
            i += 2
    return "".join(out)


def read_literal(literal: str) -> Any:
    if literal.startswith("'"):
        return read_cypher_string(literal)
    return {"true": True, "false": False, "null": None}.get(literal) or (
        float(literal) if "." in literal or "e" in literal else int(literal)
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return export_browser(tmp_path_factory.mktemp("favourites") / "browser")


def test_doctests() -> None:
    result = doctest.testmod(gbrowser, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_one_file_per_saved_query_and_a_zip(exported: list[Path]) -> None:
    queries = catalogue()
    *files, archive = exported
    assert archive.name == ZIP_FILE
    assert sorted(f.stem for f in files) == sorted(queries)
    assert all(f.suffix == ".cypher" for f in files)


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_favourite_has_title_params_and_query(exported: list[Path], name: str) -> None:
    query = catalogue()[name]
    path = next(f for f in exported if f.stem == name)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()

    # Neo4j Browser names a favourite after its first line, "//" and spaces removed.
    assert lines[0] == f"// {query.name}: {query.description}"
    assert lines[0][2:].lstrip() == f"{query.name}: {query.description}"

    params = lines[1 : 1 + len(query.params)]
    for line, param in zip(params, query.params, strict=True):
        m = PARAM_LINE.match(line)
        assert m, line
        assert m.group("name") == param.name
        # What graphkit would send: a name parameter as its name key.
        assert read_literal(m.group("value")) == param.value()
        # Neo4j Browser reads the whole literal as the value.
        browser = BROWSER_PARAM.match(line.removesuffix(";"))
        assert browser and browser.group(1) == m.group("value")
    helps = [f"// {p.name}: {param_help(p)}" for p in query.params if p.help or p.names_entity]
    start = 1 + len(query.params)
    assert lines[start : start + len(helps)] == helps
    # Then the query, unchanged.
    assert "\n".join(lines[start + len(helps) :]) == query.cypher.strip()
    assert text.endswith(query.cypher.strip() + "\n")


def test_zip_holds_the_files_in_a_folder(exported: list[Path]) -> None:
    *files, archive = exported
    with zipfile.ZipFile(archive) as zf:
        assert zf.testzip() is None
        assert sorted(zf.namelist()) == sorted(f"{ZIP_FOLDER}/{f.name}" for f in files)
        for f in files:
            assert zf.read(f"{ZIP_FOLDER}/{f.name}") == f.read_bytes()


def test_export_is_reproducible(exported: list[Path], tmp_path: Path) -> None:
    again = export_browser(tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in exported]


STRINGS = ["碳化矽", "O'Neil", "back\\slash", 'say "hi"', "two\nlines\tand tab", "A+企業", ""]


@pytest.mark.parametrize("value", [*STRINGS, 2025, -3, 0.25, True, False, None, ["SiC", 1]])
def test_literal_means_the_value_in_cypher(corpus_store: FalkorDBStore, value: Any) -> None:
    literal = cypher_literal(value)
    assert corpus_store.run(f"RETURN {literal} AS v").rows[0][0] == value


@pytest.mark.parametrize("value", [*STRINGS, "a => b", "cost $5", "x=>y$z=>"])
def test_string_literal_decodes_to_the_value(value: str) -> None:
    literal = cypher_literal(value)
    assert read_cypher_string(literal) == value
    line = f":param p => {literal}"
    browser = BROWSER_PARAM.match(line)
    assert browser and browser.group(1) == literal


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object()])
def test_values_without_a_literal_are_refused(value: Any) -> None:
    with pytest.raises(ValueError, match="no Cypher literal"):
        cypher_literal(value)


def test_favourite_of_a_query_with_awkward_defaults() -> None:
    query = parse(
        "// name: odd\n"
        "// description: A query\n"
        "//   with a long description.\n"
        "// param who: O'Neil => $x | a name\n"
        "// param n: 3\n"
        "MATCH (n) WHERE n.name = $who RETURN n LIMIT $n\n",
        "odd.cypher",
    )
    assert isinstance(query, SavedQuery)
    text = favourite(query)
    lines = text.splitlines()
    assert lines[0] == "// odd: A query"
    assert lines[1] == ":param who => 'O\\'Neil =\\u003E \\u0024x';"
    assert lines[2] == ":param n => 3;"
    assert lines[3] == "// who: a name"
