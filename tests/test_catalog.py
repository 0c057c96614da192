import pytest

from graphkit.catalog import catalogue, get, parse, parse_params
from graphkit.errors import QueryError, SchemaError
from graphkit.normalise import name_key


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


def test_name_parameters_are_name_keys_made_by_the_node_key_function() -> None:
    q = parse(
        "// name: x\n// description: y\n// param who (name): 財團法人 工業技術研究院 | an agency\n"
        "// param year: 2025\nMATCH (a:Agency) WHERE $who IN a.keys RETURN $year",
        "x.cypher",
    )
    who, year = q.params
    assert who.names_entity and not year.names_entity
    assert who.default == "財團法人 工業技術研究院"  # as written: the Browser shows it
    assert q.bind() == {"who": name_key("工業技術研究院"), "year": 2025}
    forms = ("財團法人工業技術研究院", "工業技術研究院", "工業 技術研究院", "「工業技術研究院」")
    for form in forms:
        assert q.bind({"who": form})["who"] == name_key("工業技術研究院"), form
    assert q.bind({"who": " Silicon  Carbide "})["who"] == name_key("silicon carbide")
    assert q.bind({"who": "ＩＴＲＩ"})["who"] == "itri"


def test_no_saved_query_normalises_names_in_cypher() -> None:
    """One normaliser: name parameters go through name_key, never through Cypher functions."""
    for q in catalogue().values():
        assert "toLower(" not in q.cypher and "replace(" not in q.cypher, q.name


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
