import gzip
import json
from pathlib import Path

import pytest

from graphkit.errors import StoreError
from graphkit.knowledge import extractor_fingerprint
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
    stray = ledger._file(*key).with_suffix(".tmp123")
    stray.write_text("x")
    (tmp_path / "ledger" / "notes.txt").write_text("not graphkit's")
    ledger.prune([key])
    names = sorted(p.name for p in (tmp_path / "ledger").iterdir())
    assert names == sorted([ledger._file(*key).name, "notes.txt"])
    ledger.prune([])
    assert not ledger.has(*key)
    assert (tmp_path / "ledger" / "notes.txt").exists()  # never graphkit's to delete


def test_missing_and_corrupt_entries_are_clear_errors(tmp_path: Path, extraction) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(tmp_path / "ledger")
    with pytest.raises(StoreError, match="load its file again"):
        ledger.load(extraction.document_id, extraction.info.sha256)
    path = ledger.save(extraction)
    path.write_bytes(b"not gzip")
    with pytest.raises(StoreError, match="unreadable"):
        ledger.load(extraction.document_id, extraction.info.sha256)


def test_a_symlinked_ledger_is_refused_and_its_target_kept(tmp_path: Path, extraction) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 item 2: a symlinked ``ledger`` emptied its target on prune."""
    target = tmp_path / "precious"
    target.mkdir()
    (target / "0123456789abcdef-0123456789abcdef.json.gz").write_text("someone else's")
    (tmp_path / "ledger").symlink_to(target)
    ledger = Ledger(tmp_path / "ledger")
    with pytest.raises(StoreError, match="ledger folder is a symlink"):
        ledger.prune([])
    with pytest.raises(StoreError, match="ledger folder is a symlink"):
        ledger.save(extraction)
    assert len(list(target.iterdir())) == 1


def test_truncated_and_garbage_entries(tmp_path: Path, extraction) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 item 9: a truncated entry printed only "Aborted!"; a garbage one was "unchanged"."""
    ledger = Ledger(tmp_path / "ledger")
    key = (extraction.document_id, extraction.info.sha256)
    path = ledger.save(extraction)
    path.write_bytes(path.read_bytes()[:100])  # truncated gzip: EOFError
    with pytest.raises(StoreError, match=r"unreadable \(EOFError.*load that document's file again"):
        ledger.load(*key)
    assert not ledger.has(*key)  # so a build extracts the document again
    ledger.save(extraction)
    assert ledger.load(*key) == extraction


def test_an_entry_keeps_the_extractor_that_made_it(tmp_path: Path, extraction) -> None:  # type: ignore[no-untyped-def]
    """An upgraded graphkit (other code, lexicons or rules) has another fingerprint: its
    ledger reads the entry (documents not given keep their part of the graph) but does not
    have it, so a build given the file extracts it again."""
    key = (extraction.document_id, extraction.info.sha256)
    Ledger(tmp_path / "ledger", "a" * 16).save(extraction)
    upgraded = Ledger(tmp_path / "ledger", "b" * 16)
    assert upgraded.made_by(*key) == "a" * 16
    assert not upgraded.has(*key)
    assert upgraded.load(*key) == extraction
    assert Ledger(tmp_path / "ledger", "a" * 16).has(*key)
    assert Ledger(tmp_path / "ledger").extractor == extractor_fingerprint()


def test_an_entry_of_before_fingerprints_is_made_by_none(tmp_path: Path, extraction) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(tmp_path / "ledger")
    key = (extraction.document_id, extraction.info.sha256)
    path = ledger.save(extraction)
    path.write_bytes(gzip.compress(json.dumps(to_json(extraction), ensure_ascii=False).encode()))
    assert ledger.made_by(*key) is None
    assert not ledger.has(*key)
    path.write_bytes(b"not gzip")
    assert ledger.made_by(*key) is None
