"""Shared fixtures: the real corpus built once into a real embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphkit.chunk import Chunker
from graphkit.lists import Enumerations
from graphkit.loading import BuildReport
from graphkit.pipeline import Pipeline
from graphkit.store.falkordb import FalkorDBStore
from graphkit.workspace import Workspace
from tests.corpus import all_files
from tests.neo4j_server import Connection, Neo4jServer, build, missing_tools


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """One spaCy pipeline for the whole session (building it is the slow part)."""
    return Pipeline()


@pytest.fixture(scope="session")
def lists() -> Enumerations:
    """The enumeration recogniser with its own chunker (tests/pipeline_texts.enumerated)."""
    return Enumerations(Chunker())


@pytest.fixture(scope="session")
def corpus_build(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> Iterator[tuple[FalkorDBStore, BuildReport]]:
    """Every corpus file built into a fresh embedded store; read-only for the tests using it."""
    path: Path = tmp_path_factory.mktemp("corpus-store")
    ws = Workspace(path)
    report = ws.build(all_files(), pipeline=pipeline)
    with ws.open() as store:
        assert isinstance(store, FalkorDBStore)
        yield store, report


@pytest.fixture(scope="session")
def corpus_store(corpus_build: tuple[FalkorDBStore, BuildReport]) -> FalkorDBStore:
    return corpus_build[0]


@pytest.fixture(scope="session")
def neo4j_command() -> list[str]:
    """The command that runs the Neo4j test server, built once (neo4j-server/, Maven)."""
    missing = missing_tools()
    if missing:
        pytest.skip(
            f"the live Neo4j tests need {' and '.join(missing)} on PATH (Java 17+ and Maven "
            "build and run the test server of neo4j-server/)"
        )
    return build()


@pytest.fixture(scope="session")
def neo4j_server(
    neo4j_command: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Connection]:
    """A Neo4j 5.26 community server for the session: Bolt URI, user and password."""
    log = tmp_path_factory.mktemp("neo4j-server") / "neo4j.log"
    with Neo4jServer(neo4j_command, log) as server:
        yield server.connection
