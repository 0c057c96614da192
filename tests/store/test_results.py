"""The typed values of query answers and the decoder both stores make them with."""

from __future__ import annotations

from typing import Any

from graphkit.store.results import Decoder, NodeValue, PathValue, RelationshipValue


class Lookups:
    """Records each lookup of end-node ids and answers from a fixed table."""

    def __init__(self, table: dict[Any, Any]) -> None:
        self.table = table
        self.calls: list[list[Any]] = []

    def __call__(self, keys: list[Any]) -> dict[Any, Any]:
        self.calls.append(keys)
        return {k: self.table[k] for k in keys if k in self.table}


def test_ends_come_from_the_answer_first_then_one_lookup() -> None:
    decoder = Decoder()
    agency = decoder.node(7, ["Agency"], {"id": "agency:itri", "name": "工研院"})
    first = decoder.relationship("EXECUTED_BY", 3, 7, {"evidence": "執行單位：工研院"})
    second = decoder.relationship("EXECUTED_BY", 2, 7, {})
    lookups = Lookups({2: "programme:b", 3: "programme:a", 9: "other"})
    rows = decoder.rows([[agency, {"rels": [first, second]}]], lookups)
    assert lookups.calls == [[2, 3]]  # only the ends the answer lacks, in order
    assert rows == (
        (
            NodeValue("agency:itri", ("Agency",), {"id": "agency:itri", "name": "工研院"}),
            {
                "rels": [
                    RelationshipValue(
                        "EXECUTED_BY",
                        "programme:a",
                        "agency:itri",
                        {"evidence": "執行單位：工研院"},
                    ),
                    RelationshipValue("EXECUTED_BY", "programme:b", "agency:itri", {}),
                ]
            },
        ),
    )


def test_no_lookup_when_the_answer_holds_every_end() -> None:
    decoder = Decoder()
    a = decoder.node("4:x:1", ["Programme"], {"id": "programme:a"})
    b = decoder.node("4:x:2", ["Technology"], {"id": 5})  # not a string: made one
    rel = decoder.relationship("DEVELOPS", "4:x:1", "4:x:2", {"mentions": 1})
    lookups = Lookups({})
    (row,) = decoder.rows([[decoder.path([a, b], [rel])]], lookups)
    assert lookups.calls == []
    assert row == (
        PathValue(
            (
                NodeValue("programme:a", ("Programme",), {"id": "programme:a"}),
                NodeValue("5", ("Technology",), {"id": 5}),
            ),
            (RelationshipValue("DEVELOPS", "programme:a", "5", {"mentions": 1}),),
        ),
    )


def test_nodes_without_id_and_unknown_ends_are_none() -> None:
    decoder = Decoder()
    bare = decoder.node(1, ["Zeta", "Alpha"], {"name": "x"})
    rel = decoder.relationship("R", 1, 2, {})
    (row,) = decoder.rows([[bare, rel, 3, "s", None]], Lookups({2: None}))
    assert row == (
        NodeValue(None, ("Alpha", "Zeta"), {"name": "x"}),
        RelationshipValue("R", None, None, {}),
        3,
        "s",
        None,
    )


def test_nested_converts_maps_and_lists_only() -> None:
    decoder = Decoder()
    seen: list[Any] = []

    def convert(value: Any, d: Decoder) -> Any:
        seen.append(value)
        return d.nested(value, convert)

    assert decoder.nested({1: [2, (3,)], "k": "v"}, convert) == {"1": [2, [3]], "k": "v"}
    assert seen == [[2, (3,)], 2, (3,), 3, "v"]
