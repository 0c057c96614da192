"""The ``graphkit`` command: a thin shell over the library.

Each command parses options, calls one library function, formats the answer, and turns a
:class:`~graphkit.errors.GraphkitError` into a message on stderr with a non-zero exit.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .cli_options import (
    DEFAULT_STORE,
    format_option,
    neo4j_option,
    param_option,
    reports_errors,
    stop_on_signal,
    store_option,
    typed_params,
)
from .errors import BackendError, Errors, redact

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .store.base import QueryResult
    from .workspace import Workspace

__all__ = ["DEFAULT_STORE", "main", "typed_params"]


def _workspace(
    store_dir: Path, neo4j_uri: str | None = None, database: str | None = None
) -> Workspace:
    from .workspace import Workspace

    return Workspace(store_dir, neo4j_uri=neo4j_uri, neo4j_database=database)


def _summary(report: Any, store_dir: Path) -> None:
    for w in report.warnings:
        click.echo(f"graphkit: warning: {w}", err=True)
    for d in report.documents:
        click.echo(f"{d.status:>12}  {d.path}  [{d.family}, edition {d.edition or '-'}]")
    added = report.added()
    for part in ("nodes", "relationships"):
        changes = ", ".join(f"{k} {v:+d}" for k, v in added[part].items() if v)
        total = sum(report.after.get(part, {}).values())
        click.echo(f"{part}: {total} ({changes or 'no change'})")
    for old, new in getattr(report, "renamed", ()):
        click.echo(f"  renamed  {old} -> {new}")
    click.echo(f"done in {report.seconds:.1f} s; the store is durable at {store_dir}")


def _print_rows(fmt: str, result: QueryResult, title: str | None = None) -> None:
    from .output import render

    click.echo(render(fmt, result.columns, result.records(), title=title))


# ----------------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def main() -> None:
    """Build an evidence-backed knowledge graph from industrial-policy documents.

    \b
    Example:
        graphkit build examples/*.txt && graphkit query agencies-by-technology
    """
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    for stream in (sys.stdout, sys.stderr):
        # a terminal or pipe that cannot show Chinese gets escapes, not a traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option(
    "--edition", help="Edition label for these documents (default: read from the document)."
)
@click.option("--family", help="Document family (loader) to use instead of detecting it.")
@click.option(
    "--encoding", help="Text encoding of the files when it cannot be detected (e.g. big5)."
)
@click.option(
    "--ner",
    type=click.Choice(["rules", "ckip"]),
    default="rules",
    show_default=True,
    help="Recogniser: the rule pipeline, or the rules plus a CKIP NER model (the ckip extra).",
)
@click.option(
    "--ckip-model",
    type=click.Path(path_type=Path),
    envvar="GRAPHKIT_CKIP_MODEL",
    help="Directory of a downloaded CKIP NER model (with --ner ckip).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes extracting changed files (default: the cores available).",
)
@reports_errors
def build(
    files: tuple[Path, ...],
    store_dir: Path,
    edition: str | None,
    family: str | None,
    encoding: str | None,
    ner: str,
    ckip_model: Path | None,
    jobs: int | None,
) -> None:
    """Build or update the graph from FILES (.txt or .pdf).

    Files already loaded with the same content are skipped without starting the extraction
    pipeline; a changed file replaces its old version. Changed files are extracted in --jobs
    worker processes. Nothing is written unless every file can be read.

    \b
    Example:
        graphkit build ../shared/corpus/*.txt --store ./graphkit-data
    """
    from rich.progress import Progress

    if ner == "ckip" and not ckip_model:  # checked now: the pipeline is made only when needed
        raise BackendError(
            Errors.E041.format(path="--ckip-model", detail="give the directory of a CKIP NER model")
        )

    def pipeline() -> Pipeline:
        from .pipeline import make_pipeline

        return make_pipeline(ner, ckip_model)

    with Progress(console=_stderr_console(), transient=True) as bar:
        task = bar.add_task("building", total=len(files))

        def step(path: str) -> None:
            bar.update(task, advance=1, description=f"extracting {Path(path).name}")

        report = _workspace(store_dir).build(
            files,
            family=family,
            edition=edition,
            encoding=encoding,
            pipeline=pipeline,
            jobs=jobs,
            progress=step,
            recogniser=("ckip", str(ckip_model.resolve())) if ner == "ckip" and ckip_model else (),
        )
    _summary(report, store_dir)


@main.command()
@click.argument("documents", nargs=-1, required=True)
@store_option
@reports_errors
def remove(documents: tuple[str, ...], store_dir: Path) -> None:
    """Remove loaded DOCUMENTS (file names) and whatever only they supported.

    What other documents also support stays; the graph becomes exactly the graph of the
    documents that remain.

    \b
    Example:
        graphkit remove whitepaper-2024.txt
    """
    _summary(_workspace(store_dir).remove(documents), store_dir)


@main.command()
@click.option(
    "--neo4j",
    "neo4j_uri",
    metavar="URI",
    required=True,
    help="The Neo4j server to load (neo4j://host:7687); password from NEO4J_PASSWORD.",
)
@click.option("--neo4j-database", help="Neo4j database name (default: the server's).")
@click.option("--full", is_flag=True, help="Replace the whole graph rather than send changes.")
@store_option
@reports_errors
def push(neo4j_uri: str, neo4j_database: str | None, full: bool, store_dir: Path) -> None:
    """Load the graph of the embedded store into Neo4j: what changed since the last push.

    Constraints come first (schema/neo4j), then the nodes and relationships that differ from
    what Neo4j holds (all of them on a first push, or with --full), in one write transaction;
    nodes without a graph-contract label are left alone. Run it after each build.

    \b
    Example:
        NEO4J_PASSWORD=... graphkit push --neo4j neo4j://localhost:7687
    """
    report = _workspace(store_dir).push(neo4j_uri, neo4j_database, full=full)
    how = "the whole graph" if report.whole else "the changes"
    click.echo(f"sent {how}: {report.sent} nodes and relationships written or deleted")
    for part in ("nodes", "relationships"):
        click.echo(f"{part}: {sum(report.counts[part].values())} in Neo4j at {redact(neo4j_uri)}")


@main.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "json", "csv"]),
    required=True,
    help="graphml (Gephi), json (networkx node-link) or csv (nodes.csv + relationships.csv).",
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("graphkit-export"),
    show_default=True,
    help="Directory to write into.",
)
@store_option
@neo4j_option
@reports_errors
def export_command(
    fmt: str, out: Path, store_dir: Path, neo4j_uri: str | None, neo4j_database: str | None
) -> None:
    """Export the whole graph for Gephi, pandas and other tools.

    \b
    Example:
        graphkit export --format graphml --out ./gephi
    """
    for path in _workspace(store_dir, neo4j_uri, neo4j_database).export(fmt, out):
        click.echo(str(path))


@main.command(name="diff")
@click.argument("edition_a")
@click.argument("edition_b")
@click.option(
    "--min-mentions",
    default=2,
    show_default=True,
    help="Least DEVELOPS mentions for an agency to count as working on a technology.",
)
@format_option("table", "json", "csv")
@store_option
@neo4j_option
@reports_errors
def diff_command(
    edition_a: str,
    edition_b: str,
    min_mentions: int,
    fmt: str,
    store_dir: Path,
    neo4j_uri: str | None,
    neo4j_database: str | None,
) -> None:
    """Show what changed from EDITION_A to EDITION_B: programmes new, ended and continuing,
    agencies entering or leaving a technology, and counts.

    \b
    Example:
        graphkit diff 2024/2025 2025/2026 --format json
    """
    from .output import render

    result = _workspace(store_dir, neo4j_uri, neo4j_database).diff(
        edition_a, edition_b, min_mentions
    )
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        title = f"{edition_a} → {edition_b}"
        click.echo(render(fmt, ["change", "what", "detail"], result.rows(), title=title))


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@main.group(invoke_without_command=True)
@format_option("table", "json")
@click.pass_context
@reports_errors
def queries(ctx: click.Context, fmt: str) -> None:
    """List the saved queries with their descriptions and parameters.

    \b
    Example:
        graphkit queries --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from .catalog import catalogue
    from .output import render

    rows = [
        {
            "name": q.name,
            "description": q.description,
            "parameters": {p.name: p.default for p in q.params},
        }
        for q in catalogue().values()
    ]
    click.echo(render(fmt, ["name", "description", "parameters"], rows))


@queries.command(name="export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@reports_errors
def queries_export(directory: Path) -> None:
    """Write the saved queries as Neo4j Browser favourites into DIRECTORY.

    One ``.cypher`` file per query (a title line, ``:param`` lines with the defaults, the
    query) and ``graphkit-queries.zip``: drop the zip on the Browser window to import them all
    into a *graphkit* favourites folder.

    \b
    Example:
        graphkit queries export ./browser-favourites
    """
    from .browser import export_browser

    for path in export_browser(directory):
        click.echo(str(path))


@main.command()
@click.argument("name")
@param_option
@format_option("table", "json", "csv")
@store_option
@neo4j_option
@reports_errors
def query(
    name: str,
    params: tuple[str, ...],
    fmt: str,
    store_dir: Path,
    neo4j_uri: str | None,
    neo4j_database: str | None,
) -> None:
    """Run the saved query NAME.

    \b
    Example:
        graphkit query agencies-by-technology --param technology=SiC
    """
    from .catalog import get, parse_params

    saved = get(name)
    result = _workspace(store_dir, neo4j_uri, neo4j_database).query(name, parse_params(params))
    _print_rows(fmt, result, title=f"{saved.name}: {saved.description}")


@main.command()
@click.argument("cypher_text", metavar="QUERY")
@param_option
@format_option("table", "json", "csv")
@store_option
@neo4j_option
@reports_errors
def cypher(
    cypher_text: str,
    params: tuple[str, ...],
    fmt: str,
    store_dir: Path,
    neo4j_uri: str | None,
    neo4j_database: str | None,
) -> None:
    """Run an ad-hoc read-only Cypher QUERY (writes are refused by the store).

    Parameter values are JSON: ``--param y=2025`` is an integer, ``--param 'y="2025"'`` a
    string; a value that is not JSON (``name=碳化矽``) is a string, passed unchanged.

    \b
    Example:
        graphkit cypher "MATCH (t:Technology {name: \\$name}) RETURN t.aliases" --param name=碳化矽
    """
    result = _workspace(store_dir, neo4j_uri, neo4j_database).cypher(
        cypher_text, typed_params(params)
    )
    _print_rows(fmt, result)


@main.command()
@format_option("table", "json", "csv")
@store_option
@neo4j_option
@reports_errors
def stats(fmt: str, store_dir: Path, neo4j_uri: str | None, neo4j_database: str | None) -> None:
    """Count nodes by label and relationships by type.

    \b
    Example:
        graphkit stats --format json
    """
    from .output import render

    counts = _workspace(store_dir, neo4j_uri, neo4j_database).stats()
    rows = [{"kind": "node", "name": k, "count": v} for k, v in counts["nodes"].items()]
    rows += [
        {"kind": "relationship", "name": k, "count": v} for k, v in counts["relationships"].items()
    ]
    click.echo(render(fmt, ["kind", "name", "count"], rows))


@main.command(name="eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Directory with programmes.<split>.jsonl, technology-links.<split>.jsonl and "
    "technology-aliases.json.",
)
@click.option("--split", default="dev", show_default=True, help="Which gold split to score.")
@click.option("--min-executed-by-f1", default=0.98, show_default=True, type=float)
@click.option(
    "--min-years",
    default=1.0,
    show_default=True,
    type=float,
    help="Least share of exact year spans.",
)
@click.option("--min-develops-precision", default=0.95, show_default=True, type=float)
@click.option(
    "--min-develops-recall",
    default=0.0,
    show_default=True,
    type=float,
    help="Least recall of the v1 technology links (a mention measure, superseded for "
    "DEVELOPS by the article gold).",
)
@click.option("--verbose", is_flag=True, help="Also list every error.")
@click.option(
    "--documents",
    "documents_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Directory of the documents of <gold>/other/ (each is built alone, in memory, and "
    "scored as a whole document).",
)
@click.option("--per-item", is_flag=True, help="Also show the scores of every article/document.")
@format_option("table", "json")
@store_option
@neo4j_option
@reports_errors
def eval_command(gold_dir: Path, split: str, min_executed_by_f1: float, min_years: float,
                 min_develops_precision: float, min_develops_recall: float, verbose: bool,
                 documents_dir: Path | None, per_item: bool, fmt: str, store_dir: Path,
                 neo4j_uri: str | None, neo4j_database: str | None) -> None:  # fmt: skip
    """Score the graph against gold annotations; exit 1 when under a threshold.

    Scores the v1 programme gold, the article gold (<gold>/articles/, per article, per fold
    and in total) and, with --documents, the whole-document gold (<gold>/other/).

    \b
    Example:
        graphkit eval --gold ../shared/gold --documents ../shared/corpus/other
    """
    from .output import render
    from .score import GoldReport
    from .workspace import Thresholds

    least = Thresholds(min_executed_by_f1, min_years, min_develops_precision, min_develops_recall)
    workspace = _workspace(store_dir, neo4j_uri, neo4j_database)
    outcome = workspace.eval(gold_dir, split, least, documents_dir)
    report, gold_report = outcome.report, outcome.gold or GoldReport()
    if fmt == "json":
        click.echo(render(fmt, [], [{"v1": report.rows(), "v2": gold_report.rows(per_item)}]))
    else:
        click.echo(render(fmt, ["measure", "value"], report.rows(), title=f"gold split {split}"))
        columns = ["scope", "measure", "P", "R", "tp", "predicted", "found", "gold"]
        click.echo(render(fmt, columns, gold_report.rows(per_item), title="gold v2"))
    if verbose:
        for e in [*report.errors, *gold_report.total.errors, *gold_report.documents_total.errors]:
            click.echo(e, err=True)
    if outcome.failed:
        click.echo(f"graphkit: below threshold: {', '.join(outcome.failed)}", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
