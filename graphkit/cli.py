"""The ``graphkit`` command: a thin shell over the library.

Each command parses options, calls one library function, formats the answer, and turns a
:class:`~graphkit.errors.GraphkitError` into a message on stderr with a non-zero exit.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import GraphkitError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = "./graphkit-data"


# ----------------------------------------------------------------- shared options


def store_option(f: F) -> F:
    """``--store DIR``: the embedded store directory."""
    return click.option(
        "--store",
        "store_dir",
        default=DEFAULT_STORE,
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory of the embedded FalkorDB store.",
    )(f)


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format``: how answers are printed."""

    def deco(f: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=choices[0],
            show_default=True,
            help="Output format; json prints a JSON array of row objects and nothing else.",
        )(f)

    return deco


def neo4j_option(f: F) -> F:
    """``--neo4j URI`` and ``--neo4j-database``: answer from Neo4j instead of the embedded store.

    The password is read from ``NEO4J_PASSWORD`` (and the user from ``NEO4J_USER``), never
    from an option. ``NEO4J_URI`` is deliberately not a fallback here: an exported variable
    must not silently move every command to another store.
    """
    f = click.option("--neo4j-database", help="Neo4j database name (default: the server's).")(f)
    return click.option(
        "--neo4j",
        "neo4j_uri",
        metavar="URI",
        help="Use the Neo4j server at URI (neo4j://host:7687).",
    )(f)


def param_option(f: F) -> F:
    """``--param key=value`` (repeatable): query parameters."""
    return click.option(
        "--param",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="A query parameter (repeatable).",
    )(f)


def reports_errors(f: F) -> F:
    """Turn library errors into a clear message and exit status 1."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except GraphkitError as exc:
            click.echo(f"graphkit: error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _open(store_dir: Path, neo4j_uri: str | None = None, database: str | None = None) -> Any:
    from .store import open_neo4j, open_store

    if neo4j_uri:
        return open_neo4j(neo4j_uri, database=database)
    return open_store(store_dir)


def _ledger(store_dir: Path) -> Any:
    from .ledger import Ledger

    return Ledger(store_dir / "ledger")


def _summary(report: Any, store_dir: Path) -> None:
    for w in report.warnings:
        click.echo(f"graphkit: warning: {w}", err=True)
    for d in report.documents:
        click.echo(f"{d.status:>9}  {d.path}  [{d.family}, edition {d.edition or '-'}]")
    added = report.added()
    for part in ("nodes", "relationships"):
        changes = ", ".join(f"{k} {v:+d}" for k, v in added[part].items() if v)
        total = sum(report.after.get(part, {}).values())
        click.echo(f"{part}: {total} ({changes or 'no change'})")
    click.echo(f"done in {report.seconds:.1f} s; the store is durable at {store_dir}")


def _print_rows(fmt: str, result: Any, title: str | None = None) -> None:
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
@reports_errors
def build(
    files: tuple[Path, ...],
    store_dir: Path,
    edition: str | None,
    family: str | None,
    encoding: str | None,
    ner: str,
    ckip_model: Path | None,
) -> None:
    """Build or update the graph from FILES (.txt or .pdf).

    Files already loaded with the same content are skipped; a changed file replaces its old
    version. Nothing is written unless every file can be read.

    \b
    Example:
        graphkit build ../shared/corpus/*.txt --store ./graphkit-data
    """
    from rich.progress import Progress

    from .pipeline import build_files, make_pipeline

    pipeline = make_pipeline(ner, ckip_model)
    with _open(store_dir) as store, Progress(console=_stderr_console(), transient=True) as bar:
        task = bar.add_task("building", total=len(files))

        def step(path: str) -> None:
            bar.update(task, advance=1, description=f"extracting {Path(path).name}")

        report = build_files(
            list(files),
            store,
            _ledger(store_dir),
            family=family,
            edition=edition,
            encoding=encoding,
            pipeline=pipeline,
            progress=step,
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
    from .pipeline import remove_documents

    with _open(store_dir) as store:
        report = remove_documents(list(documents), store, _ledger(store_dir))
    _summary(report, store_dir)


@main.command()
@click.option(
    "--neo4j",
    "neo4j_uri",
    metavar="URI",
    required=True,
    help="The Neo4j server to load (neo4j://host:7687); password from NEO4J_PASSWORD.",
)
@click.option("--neo4j-database", help="Neo4j database name (default: the server's).")
@store_option
@reports_errors
def push(neo4j_uri: str, neo4j_database: str | None, store_dir: Path) -> None:
    """Load the graph of the embedded store into Neo4j, replacing graphkit's graph there.

    Constraints come first (schema/neo4j), then the whole graph in one write transaction;
    nodes without a graph-contract label are left alone. Run it after each build.

    \b
    Example:
        NEO4J_PASSWORD=... graphkit push --neo4j neo4j://localhost:7687
    """
    from .pipeline import push as push_graph
    from .store import open_neo4j

    with _open(store_dir) as source, open_neo4j(neo4j_uri, database=neo4j_database) as target:
        counts = push_graph(source, _ledger(store_dir), target)
    for part in ("nodes", "relationships"):
        click.echo(f"{part}: {sum(counts[part].values())} in Neo4j at {neo4j_uri}")


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
    from .export import export

    with _open(store_dir, neo4j_uri, neo4j_database) as store:
        for path in export(store, fmt, out):
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
    import json

    from .diff import diff
    from .output import render

    with _open(store_dir, neo4j_uri, neo4j_database) as store:
        result = diff(store, edition_a, edition_b, min_mentions)
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
    values = saved.bind(parse_params(params))
    with _open(store_dir, neo4j_uri, neo4j_database) as store:
        result = store.run(saved.cypher, values, read_only=True)
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

    \b
    Example:
        graphkit cypher "MATCH (t:Technology {name: \\$name}) RETURN t.aliases" --param name=碳化矽
    """
    from .catalog import coerce, parse_params

    values = {k: coerce(v, "", k) for k, v in parse_params(params).items()}
    with _open(store_dir, neo4j_uri, neo4j_database) as store:
        result = store.run(cypher_text, values, read_only=True)
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

    with _open(store_dir, neo4j_uri, neo4j_database) as store:
        counts = store.counts()
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
    from .evaluate import evaluate
    from .output import render
    from .score import GoldReport, score_articles, score_files

    gold_report = GoldReport()
    with _open(store_dir, neo4j_uri, neo4j_database) as store:
        report = evaluate(store, gold_dir, split)
        if (gold_dir / "articles").is_dir():
            gold_report = score_articles(store, gold_dir)
    if documents_dir is not None:
        files = sorted(documents_dir.glob("*.txt"))
        gold_report.documents, gold_report.documents_total = score_files(files, gold_dir)
    if fmt == "json":
        click.echo(render(fmt, [], [{"v1": report.rows(), "v2": gold_report.rows(per_item)}]))
    else:
        click.echo(render(fmt, ["measure", "value"], report.rows(), title=f"gold split {split}"))
        columns = ["scope", "measure", "P", "R", "tp", "predicted", "found", "gold"]
        click.echo(render(fmt, columns, gold_report.rows(per_item), title="gold v2"))
    if verbose:
        for e in [*report.errors, *gold_report.total.errors, *gold_report.documents_total.errors]:
            click.echo(e, err=True)
    ex, dev = report.score("EXECUTED_BY"), report.score("DEVELOPS")
    failed = [
        name
        for name, ok in (
            ("EXECUTED_BY F1", ex.f1 >= min_executed_by_f1),
            ("years exact", report.years_rate >= min_years),
            ("DEVELOPS precision", dev.precision >= min_develops_precision),
            ("DEVELOPS recall", dev.recall >= min_develops_recall),
        )
        if not ok
    ]
    if failed:
        click.echo(f"graphkit: below threshold: {', '.join(failed)}", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
