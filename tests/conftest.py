"""Shared fixtures: the real corpus built once into a real embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphkit.pipeline import BuildReport, Pipeline
from graphkit.store.falkordb import FalkorDBStore
from graphkit.workspace import Workspace
from tests.corpus import all_files


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """One spaCy pipeline for the whole session (building it is the slow part)."""
    return Pipeline()


@pytest.fixture(scope="session")
def corpus_build(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> Iterator[tuple[FalkorDBStore, BuildReport]]:
    """Every corpus file built into a fresh embedded store; read-only for the tests using it."""
    path: Path = tmp_path_factory.mktemp("corpus-store")
    report = Workspace(path).build(all_files(), pipeline=pipeline)
    with FalkorDBStore(path, create=False) as store:
        yield store, report


@pytest.fixture(scope="session")
def corpus_store(corpus_build: tuple[FalkorDBStore, BuildReport]) -> FalkorDBStore:
    return corpus_build[0]
