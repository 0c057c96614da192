"""Typed reads of rules files: each wrong field gives one exact message naming file and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphkit.errors import SchemaError
from graphkit.rulefile import RulesFile

RF = RulesFile(
    "rules/x.json",
    {
        "s": "text",
        "n": 3,
        "zero": 0,
        "flag": True,
        "list": ["^a", "b$"],
        "mixed": ["a", 1],
        "bad_re": "(",
        "obj": {"_comment": "skipped", "p": "^p$", "q": "q"},
    },
)


def message(exc: pytest.ExceptionInfo[SchemaError]) -> str:
    return str(exc.value)


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        (lambda: RF.text("n"), "field 'n': expected a string, got 3"),
        (lambda: RF.text("none"), "field 'none': missing"),
        (lambda: RF.texts("s"), "field 's': expected a list of strings, got 'text'"),
        (lambda: RF.texts("mixed"), "field 'mixed': expected a list of strings, got ['a', 1]"),
        (lambda: RF.integer("s"), "field 's': expected an integer, got 'text'"),
        (lambda: RF.integer("flag"), "field 'flag': expected an integer, got True"),
        (lambda: RF.integer("zero", minimum=1), "field 'zero': expected at least 1, got 0"),
        (lambda: RF.pattern("bad_re"), "field 'bad_re': bad regular expression '(': "),
        (
            lambda: RF.patterns("mixed"),
            "field 'mixed': expected a list of strings, got ['a', 1]",
        ),
        (lambda: RF.section("s"), "field 's': expected an object, got 'text'"),
        (lambda: RF.number("n"), "field 'n': expected a number from 0.0 to 1.0, got 3"),
        (lambda: RF.number("flag"), "field 'flag': expected a number from 0.0 to 1.0, got True"),
        (lambda: RF.number("s", 0, 5), "field 's': expected a number from 0 to 5, got 'text'"),
        (lambda: RF.section("obj").text("p2"), "field 'obj.p2': missing"),
        (lambda: RF.section("obj").integer("q"), "field 'obj.q': expected an integer, got 'q'"),
    ],
)
def test_every_error_names_the_file_and_the_field(read, expected: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SchemaError) as exc:
        read()
    assert message(exc).startswith(f"schema file rules/x.json: {expected}")


def test_a_bad_pattern_in_a_list_names_the_list() -> None:
    rf = RulesFile("rules/x.json", {"pats": ["a", "("]})
    with pytest.raises(SchemaError, match=r"^schema file rules/x\.json: field 'pats': bad regular"):
        rf.patterns("pats")


def test_good_values_come_back_typed() -> None:
    assert RF.text("s") == "text"
    assert RF.texts("list") == ("^a", "b$")
    assert RF.integer("n") == 3
    assert RF.integer("zero") == 0  # the default minimum is 0
    assert RF.number("zero") == 0.0 and isinstance(RF.number("zero"), float)
    assert RF.number("n", 3, 3) == 3.0
    assert RF.patterns("list") == (re.compile("^a"), re.compile("b$"))
    section = RF.section("obj")
    assert (section.path, section.prefix) == ("rules/x.json", "obj.")
    # Keys starting with "_" are comments, not patterns.
    assert section.patterns_by_name() == (("p", re.compile("^p$")), ("q", re.compile("q")))


def test_packaged_names_its_path() -> None:
    rf = RulesFile.packaged("generic_report")
    assert rf.path == "rules/generic_report.json"
    assert rf.integer("head_lines") > 0


def test_from_path_reads_utf8_and_refuses_what_is_not_an_object(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_bytes('{"名": "碳化矽"}'.encode())
    assert RulesFile.from_path(good) == RulesFile(str(good), {"名": "碳化矽"})
    cases = {
        "list.json": (b"[1, 2]", "expected a JSON object"),
        "broken.json": (b"{", "Expecting property name"),
        "big5.json": ('{"名": "碳"}'.encode("big5"), "codec can't decode"),
    }
    for name, (data, detail) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(SchemaError) as exc:
            RulesFile.from_path(path)
        assert message(exc).startswith(f"schema file {path}: ")
        assert detail in message(exc)
    with pytest.raises(SchemaError, match="No such file"):
        RulesFile.from_path(tmp_path / "missing.json")
