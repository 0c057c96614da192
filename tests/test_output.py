import json

from graphkit.output import render, to_csv, to_json
from graphkit.store.results import NodeValue, PathValue, RelationshipValue

SIC = NodeValue("technology:碳化矽", ("Technology",), {"id": "technology:碳化矽", "name": "碳化矽"})
PROGRAMME = NodeValue("programme:p1", ("Programme",), {"id": "programme:p1"})
DEVELOPS = RelationshipValue("DEVELOPS", "programme:p1", "technology:碳化矽", {"mentions": 2})


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


def test_json_shows_nodes_relationships_and_paths() -> None:
    rows = [{"n": SIC, "p": PathValue((PROGRAMME, SIC), (DEVELOPS,)), "l": [DEVELOPS]}]
    develops = {
        "type": "DEVELOPS",
        "start": "programme:p1",
        "end": "technology:碳化矽",
        "properties": {"mentions": 2},
    }
    sic = {
        "id": "technology:碳化矽",
        "labels": ["Technology"],
        "properties": {"id": "technology:碳化矽", "name": "碳化矽"},
    }
    programme = {
        "id": "programme:p1",
        "labels": ["Programme"],
        "properties": {"id": "programme:p1"},
    }
    assert json.loads(to_json(rows)) == [
        {
            "n": sic,
            "p": {"nodes": [programme, sic], "relationships": [develops]},
            "l": [develops],
        }
    ]


def test_csv_cells_hold_graph_values_as_json() -> None:
    text = to_csv(["r"], [{"r": DEVELOPS}])
    assert text.splitlines()[1] == (
        '"{""type"": ""DEVELOPS"", ""start"": ""programme:p1"", ""end"": ""technology:碳化矽"", '
        '""properties"": {""mentions"": 2}}"'
    )
