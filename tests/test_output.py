import json

from graphkit.output import render, to_csv, to_json


def test_json_is_an_array_of_plain_objects() -> None:
    rows = [{"name": "碳化矽", "aliases": ("SiC",), "when": object}]
    data = json.loads(to_json(rows))
    assert data[0]["name"] == "碳化矽" and data[0]["aliases"] == ["SiC"]
    assert isinstance(data[0]["when"], str)


def test_csv_joins_lists_and_keeps_column_order() -> None:
    text = to_csv(["b", "a"], [{"a": ["x", "y"], "b": None}])
    assert text == "b,a\n,x; y\n"


def test_table_counts_rows() -> None:
    out = render("table", ["n"], [{"n": 1}, {"n": 2}])
    assert "2 rows" in out
