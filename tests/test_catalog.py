import pytest

from graphkit.catalog import catalogue, get, parse, parse_params
from graphkit.errors import QueryError, SchemaError


def test_every_saved_query_has_a_header_and_declares_its_parameters() -> None:
    queries = catalogue()
    assert len(queries) >= 15
    for q in queries.values():
        assert q.description and q.cypher
        assert q.file == f"{q.name}.cypher"


def test_bind_coerces_to_the_default_type_and_normalises() -> None:
    q = get("programmes-active-in-year")
    assert q.bind({"year": "2026"}) == {"year": 2026}
    with pytest.raises(QueryError, match="whole number"):
        q.bind({"year": "soon"})
    with pytest.raises(QueryError, match="not a parameter"):
        q.bind({"yr": "2026"})
    assert get("agencies-by-technology").bind({"technology": "氢能"})["technology"] == "氫能"


def test_parse_rejects_undeclared_parameters() -> None:
    with pytest.raises(SchemaError, match="differ"):
        parse("// name: x\n// description: y\nMATCH (n) WHERE n.name = $name RETURN n", "x.cypher")
    with pytest.raises(SchemaError, match="no description"):
        parse("// name: x\nRETURN 1", "x.cypher")


def test_parse_params() -> None:
    assert parse_params(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(QueryError):
        parse_params(["novalue"])


def test_unknown_query() -> None:
    with pytest.raises(QueryError, match="graphkit queries"):
        get("no-such-query")
