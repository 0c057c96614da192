from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.evaluate import Score, evaluate
from graphkit.store.falkordb import FalkorDBStore
from tests.corpus import GOLD


def test_score_arithmetic() -> None:
    s = Score("X", tp=8, fp=2, fn=2)
    assert (s.precision, s.recall) == (0.8, 0.8)
    assert round(s.f1, 3) == 0.8
    assert Score("D", tp=9, fp=1, fn=1, recall_tp=4).recall == 0.8
    assert Score("empty", 0, 0, 0).f1 == 1.0


def test_missing_gold_files(tmp_path: Path, corpus_store: FalkorDBStore) -> None:
    with pytest.raises(GraphkitError, match=r"programmes\.dev\.jsonl is missing"):
        evaluate(corpus_store, tmp_path)


def test_a_gold_of_whole_documents_only_needs_no_programme_gold(
    tmp_path: Path, corpus_store: FalkorDBStore
) -> None:
    (tmp_path / "other").mkdir()
    report = evaluate(corpus_store, tmp_path)
    assert (report.programmes_total, [(s.name, s.tp, s.fp, s.fn) for s in report.scores]) == (
        0,
        [("EXECUTED_BY", 0, 0, 0), ("DEVELOPS", 0, 0, 0)],
    )


def test_eval_command_exits_non_zero_under_a_threshold(corpus_store: FalkorDBStore) -> None:
    runner = CliRunner()
    args = ["eval", "--gold", str(GOLD), "--store", str(corpus_store.path)]
    ok = runner.invoke(main, args)
    assert ok.exit_code == 0, ok.stderr
    assert "EXECUTED_BY" in ok.stdout and "DEVELOPS" in ok.stdout
    strict = runner.invoke(main, [*args, "--min-develops-precision", "1.01", "--verbose"])
    assert strict.exit_code == 1
    assert "below threshold: DEVELOPS precision" in strict.stderr
