"""Every saved query answers the same on FalkorDB and on Neo4j, for the real corpus.

The corpus graph is pushed into the live test server; each saved query then runs on both
stores with its documented defaults and with more parameter sets made from the graph itself
(every name form of the entities the defaults name, names that match nothing, years at and
beyond the edges of the programmes' spans, every document and edition, small and large
limits). Rows are compared as lists: every saved query orders its rows completely, so the
order is part of the answer.

The alias test (one normaliser for lookups): a parameter that names an entity gives the same
rows for every form of the entity's name that graphkit knows (canonical name, short name,
English name, abbreviation, with the legal prefix 財團法人, in other cases and spacing).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase

from graphkit.browser import export_browser
from graphkit.catalog import SavedQuery, catalogue
from graphkit.cli import main
from graphkit.pipeline import push
from graphkit.store.base import GraphStore, QueryResult
from graphkit.store.falkordb import FalkorDBStore
from graphkit.store.neo4j import Neo4jStore
from graphkit.store.results import PathValue, RelationshipValue
from graphkit.workspace import Workspace
from tests.neo4j_server import Connection

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

NO_MATCH = "沒有這個名稱 No Such Name"
#: Legal prefixes written before the names of foundations (財團法人) in the documents.
PREFIX = "財團法人"


@pytest.fixture(scope="module")
def stores(
    corpus_store: FalkorDBStore, neo4j_server: Connection
) -> Iterator[tuple[FalkorDBStore, Neo4jStore]]:
    """The corpus graph in the embedded store and, pushed from it, in Neo4j."""
    driver = GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password))
    with driver, Neo4jStore(neo4j_server.uri, driver=driver) as neo4j:
        push(corpus_store, Workspace(corpus_store.path).ledger, neo4j)
        assert neo4j.digest() == corpus_store.digest()
        yield corpus_store, neo4j


def name_forms(store: GraphStore, key: str) -> list[str]:
    """Every form of the name of the entities whose keys hold ``key``, as users write them."""
    rows = store.run(
        "MATCH (n) WHERE $key IN n.keys RETURN labels(n)[0] AS label, n.name AS name, "
        "n.aliases AS aliases, n.name_en AS name_en, n.abbr AS abbr, n.short_name AS short",
        {"key": key},
    ).records()
    forms: list[str] = []
    for row in rows:
        names = [row["name"], *(row["aliases"] or [])]
        names += [row[k] for k in ("name_en", "abbr", "short") if row[k]]
        forms += names
        forms += [n.upper() for n in names if n.isascii()]
        forms += [f" {n.lower()} " for n in names if n.isascii()]
        # A PDF line break inside a CJK name leaves a space between two characters.
        forms += [f"{n[:2]} {n[2:]}" for n in names if len(n) > 2 and not n[:3].isascii()]
        if row["label"] in ("Agency", "Organization"):
            forms.append(PREFIX + row["name"])
    return list(dict.fromkeys(forms))


def same_entities(store: GraphStore, form: str, key: str) -> bool:
    """Whether ``form`` finds exactly the entities ``key`` finds (an alias two entities share
    finds both, so its rows differ; it is left out)."""
    query = "MATCH (n) WHERE $key IN n.keys RETURN n.id ORDER BY n.id"
    from graphkit.normalise import name_key

    return store.run(query, {"key": name_key(form)}).rows == store.run(query, {"key": key}).rows


def _given_sets(query: SavedQuery, store: GraphStore) -> list[dict[str, str]]:
    """Parameter sets beyond the defaults, made from the graph."""
    sets: list[dict[str, str]] = []
    for param in query.params:
        name = param.name
        if param.names_entity:
            key = str(param.value())
            sets += [{name: form} for form in name_forms(store, key)]
            sets.append({name: NO_MATCH})
        elif name == "year":
            (first, last) = store.run(
                "MATCH (p:Programme) RETURN min(p.start_year) AS a, max(p.end_year) AS b"
            ).rows[0]
            years = {first - 1, first, first + 1, 2024, 2026, last - 1, last, last + 1}
            sets += [{name: str(y)} for y in sorted(years)]
        elif name == "edition":
            editions = store.run("MATCH (d:Document) RETURN DISTINCT d.edition").rows
            sets += [{name: str(e)} for (e,) in editions if e is not None]
            sets.append({name: "1999/2000"})
        elif name == "document":
            documents = store.run("MATCH (d:Document) RETURN d.name").rows
            sets += [{name: str(d)} for (d,) in documents]
            sets.append({name: "no-such-file.txt"})
        elif name == "kind":
            kinds = store.run("MATCH ()-[r:COLLABORATES_WITH]->() RETURN DISTINCT r.kind").rows
            sets += [{name: str(k)} for (k,) in kinds]
            sets.append({name: "不存在"})
        elif name == "limit":
            sets += [{name: "1"}, {name: "7"}, {name: "100000"}]
        elif name.startswith("min_"):
            sets += [{name: "0"}, {name: "2"}, {name: "3"}, {name: "1000"}]
        else:
            raise AssertionError(f"{query.name}: no parameter sets for {name!r}: add some")
    return sets


def parameter_sets(query: SavedQuery, store: GraphStore) -> list[dict[str, Any]]:
    """The defaults, then each extra set (one parameter changed at a time)."""
    return [query.bind(), *(query.bind(given) for given in _given_sets(query, store))]


def canon(result: QueryResult) -> tuple[tuple[str, ...], list[str]]:
    return result.columns, [json.dumps(r, ensure_ascii=False) for r in result.rows]


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_saved_query_answers_the_same_on_both_stores(
    name: str, stores: tuple[FalkorDBStore, Neo4jStore]
) -> None:
    falkordb, neo4j = stores
    query = catalogue()[name]
    answered = 0
    for values in parameter_sets(query, falkordb):
        want = canon(falkordb.run(query.cypher, values))
        got = canon(neo4j.run(query.cypher, values))
        assert got == want, f"{name} with {values}"
        answered += bool(want[1])
    assert answered, f"{name}: no parameter set gave any row"


#: Queries whose answers hold nodes, relationships (alone, in lists and maps) and paths.
GRAPH_VALUE_QUERIES = [
    "MATCH (t:Technology) WHERE $key IN t.keys RETURN t",
    "MATCH (:Programme)-[r:DEVELOPS]->(t:Technology) WHERE $key IN t.keys "
    "RETURN r ORDER BY startNode(r).id",
    "MATCH (p:Programme)-[r:DEVELOPS]->(t:Technology) WHERE $key IN t.keys "
    "WITH t, p, r ORDER BY p.id "
    "RETURN t.name AS name, collect(r) AS rels, {programmes: collect(p.id)} AS m",
    "MATCH path = (:Programme)-[:DEVELOPS]->(t:Technology) WHERE $key IN t.keys "
    "RETURN path ORDER BY nodes(path)[0].id",
]


@pytest.mark.parametrize("query", GRAPH_VALUE_QUERIES)
def test_graph_values_are_equal_on_both_stores(
    query: str, stores: tuple[FalkorDBStore, Neo4jStore]
) -> None:
    falkordb, neo4j = stores
    want = falkordb.run(query, {"key": "sic"})
    assert len(want.rows) >= 1
    got = neo4j.run(query, {"key": "sic"})
    assert got == want
    rels = [r for row in want.rows for r in relationships_in(row)]
    assert all(r.start and r.end for r in rels)
    assert "RETURN t" in query or len(rels) >= 2


def relationships_in(value: Any) -> list[RelationshipValue]:
    if isinstance(value, RelationshipValue):
        return [value]
    if isinstance(value, PathValue):
        return list(value.relationships)
    items = value.values() if isinstance(value, dict) else value
    if isinstance(items, list | tuple) or isinstance(value, dict):
        return [r for item in items for r in relationships_in(item)]
    return []


NAME_QUERIES = sorted(q.name for q in catalogue().values() if any(p.names_entity for p in q.params))


def test_name_taking_queries_are_declared() -> None:
    assert len(NAME_QUERIES) >= 9
    for name in NAME_QUERIES:
        query = catalogue()[name]
        for param in query.params:
            if param.names_entity:
                assert f"${param.name} IN " in query.cypher, name


@pytest.mark.parametrize("name", NAME_QUERIES)
def test_every_name_form_gives_the_same_rows(
    name: str, stores: tuple[FalkorDBStore, Neo4jStore]
) -> None:
    query = catalogue()[name]
    for store in stores:
        want = store.run(query.cypher, query.bind())
        assert want.rows, f"{name}: the default gives no rows on {store!r}"
        for param in (p for p in query.params if p.names_entity):
            key = str(param.value())
            forms = [f for f in name_forms(store, key) if same_entities(store, f, key)]
            assert len(forms) >= 2, f"{name}: {param.name} has one form only"
            for form in forms:
                got = store.run(query.cypher, query.bind({param.name: form}))
                assert got == want, f"{name} with {param.name}={form!r} on {store!r}"


@pytest.mark.parametrize("agency", ["財團法人工業技術研究院", "工研院", "ITRI", "工業技術研究院"])
def test_programmes_of_agency_by_any_name_from_the_command_line(
    agency: str, stores: tuple[FalkorDBStore, Neo4jStore], neo4j_server: Connection
) -> None:
    falkordb, _ = stores
    args = ["query", "programmes-of-agency", "--param", f"agency={agency}", "--format", "json"]
    local = CliRunner().invoke(main, [*args, "--store", str(falkordb.path)])
    remote = CliRunner().invoke(
        main,
        [*args, "--store", str(falkordb.path), "--neo4j", neo4j_server.uri],
        env={"NEO4J_USER": neo4j_server.user, "NEO4J_PASSWORD": neo4j_server.password},
    )
    assert local.exit_code == 0 and remote.exit_code == 0, local.output + remote.output
    rows = json.loads(local.stdout)
    assert rows and json.loads(remote.stdout) == rows
    assert {r["programme"] for r in rows} == {
        r[0]
        for r in falkordb.run(
            "MATCH (p:Programme)-[:EXECUTED_BY]->(a:Agency {name: '工業技術研究院'}) RETURN p.name"
        ).rows
    }


def browser_statements(text: str) -> list[str]:
    """A favourite's statements as Neo4j Browser runs them: ``//`` lines dropped first
    (``cleanCommand``), then split where a ``;`` ends a line (the multi-statement editor)."""
    kept = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in kept.split(";\n") if s.strip()]


def run_as_browser(store: Neo4jStore, text: str) -> QueryResult:
    """Run a favourite: each ``:param name => expr`` is evaluated by the server
    (``RETURN expr AS value``, as the Browser's ``mapParamToCypherStatement`` does), then the
    query runs with the parameters set so far."""
    params: dict[str, Any] = {}
    *commands, query = browser_statements(text)
    for command in commands:
        assert command.startswith(":param "), command
        name, _, expression = command.removeprefix(":param ").partition("=>")
        assert "$" not in expression  # the Browser would not take it
        ((value,),) = store.run(f"RETURN {expression.strip()} AS value").rows
        params[name.strip()] = value
    return store.run(query, params)


def test_exported_favourites_run_in_neo4j_as_the_browser_runs_them(
    stores: tuple[FalkorDBStore, Neo4jStore], tmp_path: Path
) -> None:
    falkordb, neo4j = stores
    archive = export_browser(tmp_path)[-1]
    with zipfile.ZipFile(archive) as zf:
        entries = {Path(n).stem: zf.read(n).decode("utf-8") for n in zf.namelist()}
    assert sorted(entries) == sorted(catalogue())
    for name, text in entries.items():
        query = catalogue()[name]
        got = run_as_browser(neo4j, text)
        want = falkordb.run(query.cypher, query.bind())
        assert got == want, name
        assert got.rows or name in EMPTY_BY_DEFAULT, f"{name}: the favourite gives no rows"


#: Saved queries whose defaults answer nothing on the corpus (none today).
EMPTY_BY_DEFAULT: frozenset[str] = frozenset()
