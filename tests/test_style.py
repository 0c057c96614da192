"""The style guide's size limits (../shared/design/style.md), checked on the package itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "graphkit"
MODULES = sorted(PACKAGE.rglob("*.py"))
#: No module over this many lines, no function over that many.
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 500, 60


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_within_the_limits(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, path
    long = [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], path


def test_the_limits_see_every_module() -> None:
    assert len(MODULES) > 50 and PACKAGE / "store" / "sockets.py" in MODULES
