"""Every saved query, schema file and write statement passes Neo4j's own Cypher parser.

The saved queries promise to run unchanged on FalkorDB and Neo4j; the embedded-store tests
prove the first half. This proves, without a Neo4j server, that Neo4j parses them, that they
use only functions and procedures a plain Neo4j 5 has (no FalkorDB dialect), and that every
``$param`` they use is declared in their header. The linter is Neo4j's
``@neo4j-cypher/language-support`` (the parser and semantic analysis of Neo4j's own tools),
pinned in ``tests/cypher_lint/package.json`` and installed once with npm into a cache outside
the repository (``$XDG_CACHE_HOME`` or ``~/.cache``, ``graphkit-cypher-lint/<version>``);
``GRAPHKIT_CYPHER_LINT_CACHE`` overrides the place. Skipped only when node or npm is missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphkit import catalog
from graphkit.records import Label, RelType
from graphkit.store import base, cypher
from graphkit.store.cypher import DELETE_GRAPH

ROOT = Path(__file__).resolve().parents[1]
HELPER = ROOT / "tests" / "cypher_lint"
PACKAGE = "@neo4j-cypher/language-support"
QUERY_FILES = sorted((ROOT / "queries").glob("*.cypher"))
SCHEMA_FILES = sorted((ROOT / "schema").rglob("*.cypher"))
ERROR, WARNING = 1, 2


def pinned_version() -> str:
    manifest = json.loads((HELPER / "package.json").read_text(encoding="utf-8"))
    version = str(manifest["dependencies"][PACKAGE])
    assert re.fullmatch(r"\d+\.\d+\.\d+(-[\w.]+)?", version), f"pin {PACKAGE} exactly: {version}"
    return version


def cache_root() -> Path:
    configured = os.environ.get("GRAPHKIT_CYPHER_LINT_CACHE")
    if configured:
        return Path(configured)
    base_dir = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base_dir) / "graphkit-cypher-lint"


def installed(where: Path, manifest: str) -> bool:
    package = where / "node_modules" / Path(*PACKAGE.split("/")) / "package.json"
    stamp = where / "package.json"
    return package.is_file() and stamp.is_file() and stamp.read_text("utf-8") == manifest


def install() -> Path:
    """The pinned linter in the cache, installed there first if it is not yet."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("needs node and npm (Neo4j's Cypher linter is a JavaScript package)")
    manifest = (HELPER / "package.json").read_text(encoding="utf-8")
    target = cache_root() / pinned_version()
    if installed(target, manifest):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Install beside the target and rename into place, so an interrupted or concurrent
    # install never leaves a half-filled cache that a later run would trust.
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=target.parent))
    try:
        (staging / "package.json").write_text(manifest, encoding="utf-8")
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock",
             "--loglevel=error"],
            cwd=staging,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )  # fmt: skip
        if done.returncode != 0:
            pytest.fail(f"npm install of {PACKAGE} into {staging} failed:\n{done.stderr[-3000:]}")
        if target.exists() and not installed(target, manifest):
            shutil.rmtree(target)
        try:
            staging.rename(target)
        except OSError:
            if not installed(target, manifest):  # not another run having just put it there
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def statements(text: str) -> Iterator[tuple[int, str]]:
    """(line, statement) of a multi-statement file: ``//`` comments dropped, split on ``;``."""
    code = "\n".join(line.split("//", 1)[0] for line in text.splitlines())
    offset = 0
    for chunk in code.split(";"):
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            yield code.count("\n", 0, offset + lead) + 1, chunk.strip()
        offset += len(chunk) + 1


def cases() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in QUERY_FILES:
        text = path.read_text(encoding="utf-8")
        declared = {p.name: p.default for p in catalog.parse(text, path.name).params}
        out.append({"id": f"queries/{path.name}", "query": text, "parameters": declared})
    for path in SCHEMA_FILES:
        rel = path.relative_to(ROOT).as_posix()
        for line, statement in statements(path.read_text(encoding="utf-8")):
            out.append({"id": f"{rel}:{line}", "query": statement, "parameters": {}})
    # The write and bookkeeping Cypher both stores share: one instance of each shape (labels
    # and types are interpolated from the contract's enums, so one stands for all).
    shared = {
        "cypher.merge_nodes": (cypher.merge_nodes(Label.AGENCY), {"rows": []}),
        "cypher.merge_edges": (
            cypher.merge_edges(RelType.DEVELOPS, Label.PROGRAMME, Label.TECHNOLOGY),
            {"rows": []},
        ),
        "cypher.COUNT_LABELS": (cypher.COUNT_LABELS, {}),
        "cypher.COUNT_TYPES": (cypher.COUNT_TYPES, {}),
        "cypher.DOCUMENTS": (cypher.DOCUMENTS, {}),
        "base.DIGEST_NODES": (base.DIGEST_NODES, {}),
        "base.DIGEST_EDGES": (base.DIGEST_EDGES, {}),
        "neo4j.DELETE_GRAPH": (DELETE_GRAPH, {}),
        "cypher.STORED_NODES": (cypher.STORED_NODES, {}),
        "cypher.STORED_EDGES": (cypher.STORED_EDGES, {}),
        "cypher.MARKER": (cypher.MARKER, {}),
        "cypher.CLEAR_MARKER": (cypher.CLEAR_MARKER, {}),
        "cypher.SET_MARKER": (cypher.SET_MARKER, {"token": "t"}),
        "cypher.delta": (
            cypher.one_query(
                [
                    cypher.delete_edges(RelType.DEVELOPS, Label.PROGRAMME, Label.TECHNOLOGY, "p0"),
                    cypher.delete_nodes(Label.TECHNOLOGY, "p1"),
                    cypher.put_nodes(Label.AGENCY, "p2"),
                    cypher.put_edges(RelType.DEVELOPS, Label.PROGRAMME, Label.TECHNOLOGY, "p3"),
                    cypher.patch_nodes(Label.AGENCY, "p4"),
                    cypher.patch_edges(RelType.DEVELOPS, Label.PROGRAMME, Label.TECHNOLOGY, "p5"),
                ]
            ),
            {"p0": [], "p1": [], "p2": [], "p3": [], "p4": [], "p5": []},
        ),
        "cypher.count_type": (cypher.count_type(RelType.DEVELOPS), {}),
    }
    out += [{"id": k, "query": q, "parameters": p} for k, (q, p) in shared.items()]
    # Proof that the linter is awake: each of these must be reported.
    out += [
        {"id": "check:syntax", "query": "MATCH (n RETURN n", "parameters": {}},
        {"id": "check:param", "query": "RETURN $undeclared AS x", "parameters": {}},
        {"id": "check:falkordb", "query": "RETURN vecf32([1.0]) AS v", "parameters": {}},
    ]
    return out


@pytest.fixture(scope="module")
def diagnostics() -> dict[str, list[dict[str, Any]]]:
    """Every case linted by one node process."""
    modules = install()
    done = subprocess.run(
        ["node", str(HELPER / "lint.mjs"), str(modules)],
        input=json.dumps(cases(), ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"lint.mjs failed:\n{done.stderr[-3000:]}"
    return {r["id"]: r["diagnostics"] for r in json.loads(done.stdout)}


def problems(found: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  {'error' if d['severity'] == ERROR else 'warning'} at {d['line']}:{d['column']}: "
        f"{d['message']}"
        for d in found
        if d["severity"] <= WARNING
    )


def test_the_linter_reports_what_it_should(diagnostics: dict[str, list[dict[str, Any]]]) -> None:
    expected = {
        "check:syntax": "Invalid input",
        "check:param": "Parameter $undeclared is not defined",
        "check:falkordb": "vecf32 is not present",
    }
    for case, message in expected.items():
        errors = [d["message"] for d in diagnostics[case] if d["severity"] == ERROR]
        assert any(message in e for e in errors), (case, diagnostics[case])


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_saved_query_is_neo4j_cypher(
    diagnostics: dict[str, list[dict[str, Any]]], path: Path
) -> None:
    """Parses, uses only declared parameters and Neo4j functions, and nothing deprecated."""
    found = diagnostics[f"queries/{path.name}"]
    assert not problems(found), f"queries/{path.name}, as Neo4j 5 reads it:\n{problems(found)}"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_schema_file_is_neo4j_cypher(
    diagnostics: dict[str, list[dict[str, Any]]], path: Path
) -> None:
    rel = path.relative_to(ROOT).as_posix()
    mine = {k: v for k, v in diagnostics.items() if k.startswith(f"{rel}:")}
    assert mine, f"{rel} has no statements"
    bad = {k: problems(v) for k, v in mine.items() if problems(v)}
    assert not bad, "\n".join(f"{k}:\n{v}" for k, v in bad.items())


def test_shared_write_cypher_is_neo4j_cypher(
    diagnostics: dict[str, list[dict[str, Any]]],
) -> None:
    shared = {k: v for k, v in diagnostics.items() if not k.startswith(("queries/", "schema/"))}
    bad = {k: problems(v) for k, v in shared.items() if problems(v) and not k.startswith("check:")}
    assert not bad, "\n".join(f"{k}:\n{v}" for k, v in bad.items())


def test_every_file_was_linted() -> None:
    assert QUERY_FILES and SCHEMA_FILES
    assert {p.stem for p in QUERY_FILES} == set(catalog.catalogue())
    assert (ROOT / "tests" / "cypher_lint" / "node_modules").exists() is False, (
        "node_modules must never land in the repository"
    )
