"""Loading knowledge kept as data: lexicon rows are checked, every shipped lexicon loads, no
surface form names two of its entities, and a rules file explained field by field in ``_doc`` has
one entry per field, in the file's order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphkit import knowledge
from graphkit.errors import SchemaError
from graphkit.normalise import name_key
from graphkit.records import Label


@pytest.fixture
def schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A schema directory of one's own: the loaders' caches are emptied before and after."""
    (tmp_path / "lexicons").mkdir()
    monkeypatch.setattr(knowledge, "schema_root", lambda: tmp_path)
    for loader in (knowledge._rows, knowledge.load_lexicon):
        loader.cache_clear()
    yield tmp_path
    for loader in (knowledge._rows, knowledge.load_lexicon):
        loader.cache_clear()


def _write(schema: Path, *lines: str) -> str:
    (schema / "lexicons" / "x.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "lexicons/x.jsonl"


def test_a_lexicon_row_becomes_a_term_with_its_forms(schema: Path) -> None:
    path = _write(
        schema,
        "// a comment line",
        '{"label": "Technology", "name": "碳化矽", "name_en": "Silicon Carbide", "abbr": "SiC",'
        ' "aliases": ["碳化硅"], "kind": "material"}',
    )
    (term,) = knowledge.load_lexicon(path)
    assert term.label is Label.TECHNOLOGY
    assert term.surface_forms == ("碳化矽", "碳化硅", "Silicon Carbide", "SiC")
    assert term.kind == "material"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ('{"label": "Technology", "name": "雷達", "alias": ["radar"]}', "unknown key(s) alias"),
        ('{"label": "Technology", "name": "  "}', "'name' must be a non-empty string"),
        ('{"label": "Technology", "name": "雷達", "aliases": "Radar"}', "'aliases' must be a list"),
        ('{"label": "Agency", "name": "國震中心", "parent": [""]}', "'parent' must be a list"),
        ('{"label": "Technology", "name": "雷達", "abbr": 5}', "'abbr' must be a string"),
    ],
)
def test_a_bad_row_is_refused_naming_the_file_and_the_fault(
    schema: Path, row: str, problem: str
) -> None:
    path = _write(schema, row)
    with pytest.raises(SchemaError) as caught:
        knowledge.load_lexicon(path)
    assert str(caught.value).startswith(f"schema file {path}: {problem}")


def test_a_bad_label_is_refused(schema: Path) -> None:
    path = _write(schema, '{"label": "Gadget", "name": "雷達"}')
    with pytest.raises(SchemaError, match="bad label or name"):
        knowledge.load_lexicon(path)


def test_every_shipped_lexicon_loads() -> None:
    files = knowledge.lexicon_files()
    assert "lexicons/technologies.jsonl" in files
    assert all(knowledge.load_lexicon(f) for f in files)


def test_no_surface_form_names_two_lexicon_entities() -> None:
    # Two entries sharing a form merge into one node (graphkit.resolve): in the shipped data
    # that is always a mistake, so each form, spelt any way the normaliser folds, names one.
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for term in knowledge.all_lexicon_terms():
        for form in term.surface_forms:
            owners[name_key(form)].add((term.label.value, term.name))
    shared = {form: sorted(names) for form, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_the_extractor_fingerprint_follows_the_knowledge_and_the_recogniser(schema: Path) -> None:
    _write(schema, '{"label": "Technology", "name": "雷達"}')
    knowledge.extractor_fingerprint.cache_clear()
    before = knowledge.extractor_fingerprint()
    assert knowledge.extractor_fingerprint() == before and len(before) == 16
    assert knowledge.extractor_fingerprint("ckip", "/models/a") != before
    _write(schema, '{"label": "Technology", "name": "光達"}')
    knowledge.extractor_fingerprint.cache_clear()
    assert knowledge.extractor_fingerprint() != before
    knowledge.extractor_fingerprint.cache_clear()


def _documented_rules() -> list[str]:
    """The rules files whose fields are explained one by one in a ``_doc`` object."""
    files = knowledge.schema_root().joinpath("rules").iterdir()
    names = sorted(f.name.removesuffix(".json") for f in files if f.name.endswith(".json"))
    return [name for name in names if "_doc" in knowledge.rules(name)]


#: Rules files whose fields are explained one by one in ``_doc`` (their ``_comment`` is only an
#: overview), found by looking: a file that gains a ``_doc`` is checked too.
DOCUMENTED = _documented_rules()


def test_the_rules_files_explained_field_by_field_are_found() -> None:
    # The list is found by looking, so a file that lost its _doc would drop out of the checks
    # below unseen: these files must be among them.
    expected = {"develops", "lists", "recognise", "orgs", "objects", "worklist", "terms"}
    expected |= {"chunk", "crf"}
    assert expected <= set(DOCUMENTED)


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_field_of_the_file_has_a_doc_entry_and_every_entry_names_a_field(name: str) -> None:
    data = knowledge.rules(name)
    assert set(data["_doc"]) == {k for k in data if not k.startswith("_")}


@pytest.mark.parametrize("name", DOCUMENTED)
def test_the_doc_follows_the_files_order_and_the_overview_stays_short(name: str) -> None:
    data = knowledge.rules(name)
    assert list(data["_doc"]) == [k for k in data if not k.startswith("_")]
    assert all(isinstance(v, str) and v for v in data["_doc"].values())
    assert len(data["_comment"]) <= 1500


def _unquoted(data: dict[str, Any], where: str = "") -> list[str]:
    """Fields of a rules object its comments (its ``_…`` strings) do not name in quotes
    ('field'); an object with a ``_comment`` of its own explains its fields the same way."""
    notes = " ".join(v for k, v in data.items() if k.startswith("_") and isinstance(v, str))
    out: list[str] = []
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if isinstance(value, dict) and isinstance(value.get("_comment"), str):
            out += _unquoted(value, f"{where}{key}.")
        elif f"'{key}'" not in notes:
            out.append(where + key)
    return out


PROSE = sorted(
    f.name.removesuffix(".json")
    for f in knowledge.schema_root().joinpath("rules").iterdir()
    if f.name.endswith(".json") and f.name.removesuffix(".json") not in DOCUMENTED
)


@pytest.mark.parametrize("name", PROSE)
def test_a_rules_file_without_a_doc_names_every_field_in_its_comments(name: str) -> None:
    assert _unquoted(knowledge.rules(name)) == []


def test_an_unexplained_field_is_found_at_any_depth() -> None:
    data = {
        "_comment": "'a' is explained; so is 'c'.",
        "a": 1,
        "b": 2,
        "c": {"x": 1},
        "d": {"_comment": "'x' only", "x": 1, "y": 2},
    }
    assert _unquoted(data) == ["b", "d.y"]
    assert set(PROSE) >= {"extract", "moea_whitepaper", "generic_report", "vocabulary"}
