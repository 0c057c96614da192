"""The CLI build summary's lines: counts per label, and every node id a merge changed."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from graphkit.cli import _summary
from graphkit.loading import BuildReport
from graphkit.unify import unify


def test_the_summary_names_each_id_renamed_beside_the_net_counts() -> None:
    # technology:熱電偶 merged into technology:熱傳導: the net counts show no Technology change
    counts = {"nodes": {"Technology": 2}, "relationships": {}}
    report = BuildReport(before=counts, after=counts, renamed=[("technology:熱電偶",
                                                                "technology:熱傳導")])  # fmt: skip

    @click.command()
    def show() -> None:
        _summary(report, Path("S"))

    lines = CliRunner().invoke(show).output.splitlines()
    assert lines == [
        "nodes: 2 (no change)",
        "relationships: 0 (no change)",
        "  renamed  technology:熱電偶 -> technology:熱傳導",
        "done in 0.0 s; the store is durable at S",
    ]


def test_only_ids_that_left_the_store_are_listed() -> None:
    from graphkit.build import renames
    from graphkit.records import Label, Node
    from tests.test_unify import PU_A, PU_B, doc

    done = unify([PU_A, PU_B])
    assert renames(done, [("Technology", "technology:聚氨酯")]) == [
        ("technology:聚氨酯", "technology:聚氨酯樹脂")
    ]
    assert renames(done, []) == []  # 聚氨酯 was never stored: no id a reader saw changed
    # a node keeping its id under another spelling changed no id
    t = Label.TECHNOLOGY
    a, b = (doc(d, Node(t, "technology:zqx", "ZqX")) for d in "ab")
    c = doc("c", Node(t, "technology:zqx", "ZQX"))
    d = doc("d", Node(t, "technology:甲乙", "甲乙", ("ZQX",), {"abbr": "ZQX"}))
    gone = [("Technology", "technology:zqx"), ("Technology", "technology:甲乙")]
    assert renames(unify([a, b, c, d]), gone) == [("technology:甲乙", "technology:zqx")]
