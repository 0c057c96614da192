"""The library API: one object for a store directory.

A :class:`Workspace` owns what lives in a store directory — the embedded FalkorDB store (its
server started and stopped as needed) and the ledger of extractions (``<store>/ledger``) —
and does the things a user does with it: build, remove, push, query, eval. The ``graphkit``
command is a thin shell over it, and so are the notebook and the tests.

Read operations never create a store: a missing or empty directory is an error that says to
build first. A build reads and checks every file before it opens (or creates) the store.

Example:
    >>> ws = Workspace("graphkit-data")  # doctest: +SKIP
    >>> ws.build(["../shared/corpus/whitepaper-2025.txt"]).documents  # doctest: +SKIP
    >>> ws.query("documents").records()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .knowledge import extractor_fingerprint, ner_model_options
from .ledger import Ledger
from .store.directory import LEDGER_NAME

if TYPE_CHECKING:
    from .diff import EditionDiff
    from .evaluate import Report
    from .loading import BuildReport
    from .pipeline import Pipeline, PushReport
    from .score import GoldReport
    from .store.base import GraphStore, QueryResult
    from .store.falkordb import Limits

__all__ = ["EvalOutcome", "Thresholds", "Workspace"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The least scores :meth:`Workspace.eval` accepts."""

    executed_by_f1: float = 0.98
    years: float = 1.0
    develops_precision: float = 0.95
    develops_recall: float = 0.95


@dataclass(frozen=True, slots=True)
class EvalOutcome:
    """A gold evaluation and the measures under their threshold (empty when it passes)."""

    report: Report
    failed: tuple[str, ...] = field(default=())
    gold: GoldReport | None = None  # the article and whole-document gold (v2), where given

    @property
    def passed(self) -> bool:
        """Whether every measure met its threshold."""
        return not self.failed


class Workspace:
    """A graphkit store directory: the embedded graph store and the ledger beside it.

    Args:
        store_dir: The store directory (created by the first :meth:`build`).
        neo4j_uri: Answer read operations (query, stats, export, diff, eval) from this Neo4j
            server instead of the embedded store; the password comes from NEO4J_PASSWORD.
        neo4j_database: The Neo4j database (default: the server's).
        limits: Query timeout and memory caps of the embedded server (default: from the
            environment, see :class:`graphkit.store.server.Limits`).
    """

    def __init__(
        self,
        store_dir: str | Path = "./graphkit-data",
        *,
        neo4j_uri: str | None = None,
        neo4j_database: str | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.path = Path(store_dir)
        self.neo4j_uri = neo4j_uri
        self.neo4j_database = neo4j_database
        self.limits = limits

    @property
    def ledger(self) -> Ledger:
        """The extractions of the loaded documents."""
        return Ledger(self.path / LEDGER_NAME)

    # ------------------------------------------------------------------ stores

    def open(self, *, create: bool = False) -> GraphStore:
        """The embedded store (the caller closes it). ``create`` makes it when missing."""
        from .store.falkordb import FalkorDBStore

        return FalkorDBStore(self.path, create=create, limits=self.limits)

    def reader(self) -> GraphStore:
        """The store read operations answer from: Neo4j when given, else the embedded one."""
        if self.neo4j_uri:
            from .store import open_neo4j

            return open_neo4j(self.neo4j_uri, database=self.neo4j_database)
        return self.open()

    # ------------------------------------------------------------------ operations

    def build(
        self,
        files: Sequence[str | Path],
        *,
        family: str | None = None,
        edition: str | None = None,
        encoding: str | None = None,
        pipeline: Pipeline | Callable[[], Pipeline] | None = None,
        jobs: int | None = None,
        progress: Callable[[str], None] | None = None,
        recogniser: Sequence[str] = (),
    ) -> BuildReport:
        """Build or update the graph from files (see :func:`graphkit.loading.load_files`).

        Every file is read and checked before the store is opened, so bad input never leaves
        a new, empty store behind. Files already loaded as they are cost a read and a look at
        the store: no extraction, no write. Changed files are extracted by ``jobs`` worker
        processes (default: the cores available), and so are files an earlier graphkit (or
        another ``recogniser``: the options that choose ``pipeline``, ``("ckip", model)``; or
        another statistical NER model named by ``$GRAPHKIT_NER_MODEL``) extracted.
        """
        from .loading import load_files, read_sources, warm_pipeline

        sources = read_sources(files, encoding)
        extractor = extractor_fingerprint(*recogniser, *ner_model_options())
        ledger = Ledger(self.path / LEDGER_NAME, extractor)
        pipeline = warm_pipeline(sources, ledger, pipeline)  # while the store starts
        with self.open(create=True) as store:
            return load_files(
                sources,
                store,
                ledger,
                family=family,
                edition=edition,
                pipeline=pipeline,
                jobs=jobs,
                progress=progress,
            )

    def remove(self, documents: Sequence[str]) -> BuildReport:
        """Remove loaded documents (see :func:`graphkit.loading.remove_documents`)."""
        from .loading import remove_documents

        with self.open() as store:
            return remove_documents(list(documents), store, self.ledger)

    def push(
        self, neo4j_uri: str, database: str | None = None, *, full: bool = False
    ) -> PushReport:
        """Mirror the embedded graph into Neo4j: only what changed since the last push there,
        or the whole graph with ``full``. Returns the counts there and how much was sent."""
        from .pipeline import push
        from .store import open_neo4j

        with self.open() as source, open_neo4j(neo4j_uri, database=database) as target:
            return push(source, self.ledger, target, full=full)

    def query(self, name: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a saved query, its parameters checked and typed by the catalogue."""
        from .catalog import get

        saved = get(name)
        values = saved.bind({k: str(v) for k, v in (params or {}).items()})
        with self.reader() as store:
            return store.run(saved.cypher, values, read_only=True)

    def cypher(self, text: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run an ad-hoc read-only Cypher query with typed parameter values."""
        with self.reader() as store:
            return store.run(text, dict(params or {}), read_only=True)

    def stats(self) -> dict[str, dict[str, int]]:
        """Node counts per label and relationship counts per type."""
        with self.reader() as store:
            return store.counts()

    def documents(self) -> list[dict[str, Any]]:
        """The loaded documents."""
        with self.reader() as store:
            return store.documents()

    def digest(self) -> str:
        """A sha256 of the whole graph's content (see :meth:`GraphStore.digest`)."""
        with self.reader() as store:
            return store.digest()

    def export(self, fmt: str, out: Path) -> list[Path]:
        """Export the graph (graphml, json or csv) into ``out``; returns the files written."""
        from .export import export

        with self.reader() as store:
            return export(store, fmt, out)

    def diff(self, edition_a: str, edition_b: str, min_mentions: int = 2) -> EditionDiff:
        """What changed from one edition to another."""
        from .diff import diff

        with self.reader() as store:
            return diff(store, edition_a, edition_b, min_mentions)

    def eval(
        self,
        gold_dir: Path,
        split: str = "dev",
        thresholds: Thresholds | None = None,
        documents_dir: Path | None = None,
    ) -> EvalOutcome:
        """Score the graph against gold annotations and compare with ``thresholds``.

        Besides the v1 programme gold, scores the article gold (``<gold>/articles/``) when it is
        there and, with ``documents_dir``, each document of it built alone against
        ``<gold>/other/``.
        """
        from .evaluate import evaluate
        from .score import GoldReport, score_articles, score_files

        least = thresholds or Thresholds()
        gold = GoldReport()
        with self.reader() as store:
            report = evaluate(store, gold_dir, split)
            if (gold_dir / "articles").is_dir():
                gold = score_articles(store, gold_dir)
        if documents_dir is not None:
            files = sorted(documents_dir.glob("*.txt"))
            gold.documents, gold.documents_total = score_files(files, gold_dir)
        ex, dev = report.score("EXECUTED_BY"), report.score("DEVELOPS")
        checks = (
            ("EXECUTED_BY F1", ex.f1 >= least.executed_by_f1),
            ("years exact", report.years_rate >= least.years),
            ("DEVELOPS precision", dev.precision >= least.develops_precision),
            ("DEVELOPS recall", dev.recall >= least.develops_recall),
        )
        return EvalOutcome(report, tuple(name for name, ok in checks if not ok), gold)

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"
