"""The value checks both stores share, with each store's rules (graphkit.store.values)."""

import datetime

import pytest

from graphkit.store.values import FALKORDB, NEO4J, params_problem


@pytest.mark.parametrize(
    ("value", "falkordb", "neo4j"),
    [
        (2025, None, None),
        (2**63 - 1, None, None),
        (2**63, "$x = 9223372036854775808 does not fit in a 64-bit integer",
         "$x = 9223372036854775808 does not fit in a 64-bit integer"),
        (-(2**63) - 1, "$x = -9223372036854775809 does not fit in a 64-bit integer",
         "$x = -9223372036854775809 does not fit in a 64-bit integer"),
        (float("inf"), "$x = inf is not a finite number", None),
        ("a\x00b", "$x contains a NUL character: 'a\\x00b'", None),
        ("\ud800", "$x is not valid Unicode text (surrogates not allowed): '\\ud800'",
         "$x is not valid Unicode text (surrogates not allowed): '\\ud800'"),
        (b"bytes", "$x has a type a graph store cannot hold: bytes", None),
        (datetime.date(2025, 1, 1), "$x has a type a graph store cannot hold: date", None),
        ({"not a name": 1}, "$x has a key that is not a plain name: 'not a name'", None),
        ({1: 1}, "$x has a key that is not a plain name: 1",
         "$x has a key that is not a plain name: 1"),
        ([1, [2, 2**64]], "$x[1][1] = 18446744073709551616 does not fit in a 64-bit integer",
         "$x[1][1] = 18446744073709551616 does not fit in a 64-bit integer"),
        (object(), "$x has a type a graph store cannot hold: object",
         "$x has a type a graph store cannot hold: object"),
    ],
)  # fmt: skip
def test_each_store_refuses_what_it_cannot_hold(value: object, falkordb: str, neo4j: str) -> None:
    found = (
        params_problem({"x": value}, rules=FALKORDB),
        params_problem({"x": value}, rules=NEO4J),
    )
    assert found == (falkordb, neo4j)


def test_the_default_rules_are_falkordbs() -> None:
    assert params_problem({"x": float("nan")}) == "$x = nan is not a finite number"
