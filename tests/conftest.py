"""Shared fixtures: the real corpus built once into a real embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphkit.ledger import Ledger
from graphkit.pipeline import BuildReport, Pipeline, build_files
from graphkit.store.falkordb import FalkorDBStore
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
    store = FalkorDBStore(path)
    try:
        report = build_files(all_files(), store, Ledger(path / "ledger"), pipeline=pipeline)
        yield store, report
    finally:
        store.close()


@pytest.fixture(scope="session")
def corpus_store(corpus_build: tuple[FalkorDBStore, BuildReport]) -> FalkorDBStore:
    return corpus_build[0]
