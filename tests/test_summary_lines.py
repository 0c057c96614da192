"""The CLI build summary's lines: counts per label, and every node id a merge changed."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from graphkit.cli import _summary
from graphkit.loading import BuildReport


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
