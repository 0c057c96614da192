from pathlib import Path

import pytest

from graphkit.errors import StoreError
from graphkit.ledger import Ledger, from_json, to_json
from graphkit.pipeline import Pipeline
from graphkit.read import read
from tests.corpus import corpus_file


@pytest.fixture(scope="module")
def extraction(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    return pipeline.extract_document(read(corpus_file("chapter")))[0]


def test_round_trip_is_exact(extraction) -> None:  # type: ignore[no-untyped-def]
    assert from_json(to_json(extraction)) == extraction


def test_save_load_prune(tmp_path: Path, extraction) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(tmp_path / "ledger")
    ledger.save(extraction)
    key = (extraction.document_id, extraction.info.sha256)
    assert ledger.has(*key)
    assert ledger.load(*key) == extraction
    (tmp_path / "ledger" / "stray.tmp123").write_text("x")
    ledger.prune([key])
    assert [p.name for p in (tmp_path / "ledger").iterdir()] == [ledger._file(*key).name]
    ledger.prune([])
    assert not ledger.has(*key)


def test_missing_and_corrupt_entries_are_clear_errors(tmp_path: Path, extraction) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(tmp_path / "ledger")
    with pytest.raises(StoreError, match="load its file again"):
        ledger.load(extraction.document_id, extraction.info.sha256)
    path = ledger.save(extraction)
    path.write_bytes(b"not gzip")
    with pytest.raises(StoreError, match="unreadable"):
        ledger.load(extraction.document_id, extraction.info.sha256)
