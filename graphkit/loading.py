"""Loading files into a store at a cost proportional to the change.

:func:`load_files` is what :meth:`graphkit.workspace.Workspace.build` runs. It reads every file
(sha256 of its bytes) and compares it with the Documents the store holds *before* any
extraction machinery is imported: when every file is already loaded with the same content,
edition and a readable ledger entry, it returns at once — no spaCy or jieba import, no
pipeline, and nothing written to the store. Otherwise the changed files are extracted, across
``jobs`` worker processes when there are several, and the graph becomes the merge of every
loaded document's extraction (written in one atomic step, as
:func:`graphkit.pipeline.build_files` does).

The merge sorts extractions by document id, so the graph does not depend on the order the
files were given in nor on how many workers extracted them.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Errors, InputError
from .ledger import Ledger
from .normalise import make_id
from .read import read
from .records import Label, SourceText

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .records import Extraction
    from .store.base import GraphStore

#: prctl(2) option: the signal a process gets when its parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1

__all__ = ["BuildReport", "DocumentReport", "default_jobs", "load_files", "plan", "read_sources"]


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """What happened to one input file."""

    path: str
    document_id: str
    family: str
    edition: str | None
    status: str  # loaded | replaced | unchanged | removed


@dataclass(slots=True)
class BuildReport:
    """The result of a build: per-file status, warnings and count changes.

    The same fields as :class:`graphkit.pipeline.BuildReport`, defined here so that a build
    with nothing to do never imports the pipeline (and spaCy with it).
    """

    documents: list[DocumentReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    before: dict[str, dict[str, int]] = field(default_factory=dict)
    after: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0

    def added(self) -> dict[str, dict[str, int]]:
        """Change in node counts per label and relationship counts per type."""
        out: dict[str, dict[str, int]] = {}
        for part in ("nodes", "relationships"):
            keys = set(self.before.get(part, {})) | set(self.after.get(part, {}))
            out[part] = {
                k: self.after.get(part, {}).get(k, 0) - self.before.get(part, {}).get(k, 0)
                for k in sorted(keys)
            }
        return out


def default_jobs() -> int:
    """The cores this process may run on (the default number of extraction workers)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _document_id(source: SourceText) -> str:
    # The same id as graphkit.pipeline.document_id, which cannot be imported here without
    # importing spaCy (graphkit.pipeline imports the recogniser).
    return make_id(Label.DOCUMENT, source.name)


def read_sources(
    paths: Sequence[str | Path | SourceText], encoding: str | None = None
) -> list[SourceText]:
    """Read every input and refuse two different files with one document identity.

    Raises:
        InputError: A file cannot be read, or two files share a name but not their content.
    """
    sources = [p if isinstance(p, SourceText) else read(p, encoding=encoding) for p in paths]
    first: dict[str, SourceText] = {}
    for source in sources:
        other = first.setdefault(_document_id(source), source)
        if other.sha256 != source.sha256:
            raise InputError(
                Errors.E011.format(
                    path=source.path,
                    detail=f"has the file name of {other.path} but other content; graphkit "
                    "identifies a document by its file name, so rename one of them",
                )
            )
    return sources


@dataclass(frozen=True, slots=True)
class Plan:
    """What a build has to do: the files to extract, and those already loaded as they are."""

    loaded: dict[str, tuple[str, str | None]]  # document id → (sha256, edition) in the store
    todo: tuple[SourceText, ...]  # to extract, in the order given
    unchanged: tuple[tuple[SourceText, str | None], ...]  # (source, its stored edition)
    repeated: tuple[SourceText, ...] = field(default=())  # given twice: loaded once


def plan(
    sources: Sequence[SourceText], store: GraphStore, ledger: Ledger, edition: str | None
) -> Plan:
    """Compare ``sources`` with the store's Documents (call it holding the store's lock)."""
    loaded = {d["id"]: (str(d.get("sha256") or ""), d.get("edition")) for d in store.documents()}
    todo: list[SourceText] = []
    unchanged: list[tuple[SourceText, str | None]] = []
    repeated: list[SourceText] = []
    seen: set[str] = set()
    for source in sources:
        doc_id = _document_id(source)
        if doc_id in seen:
            repeated.append(source)
            continue
        seen.add(doc_id)
        old_sha, old_edition = loaded.get(doc_id, ("", None))
        same_edition = edition is None or edition == old_edition
        if old_sha == source.sha256 and same_edition and ledger.has(doc_id, source.sha256):
            unchanged.append((source, old_edition))
        else:
            todo.append(source)
    return Plan(loaded, tuple(todo), tuple(unchanged), tuple(repeated))


def load_files(
    sources: Sequence[SourceText],
    store: GraphStore,
    ledger: Ledger,
    *,
    family: str | None = None,
    edition: str | None = None,
    pipeline: Pipeline | Callable[[], Pipeline] | None = None,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build or update the graph in ``store`` from already read ``sources``.

    Args:
        sources: The files, read (see :func:`read_sources`).
        store: The store to update.
        ledger: Its ledger.
        family: Force a document family.
        edition: Force an edition label.
        pipeline: The extraction pipeline, or a function making one (called only when a file
            has to be extracted); default :class:`graphkit.pipeline.Pipeline`.
        jobs: Worker processes for extraction (default: the cores available); 1 extracts in
            this process.
        progress: Called with each file's path as it is dealt with.
    """
    started = time.perf_counter()
    with store.lock():
        todo = plan(sources, store, ledger, edition)
        if not todo.todo:
            report = _unchanged_report(todo)
            report.before = report.after = store.counts()
            if progress:
                for source in sources:
                    progress(source.path)
            report.seconds = time.perf_counter() - started
            return report
        report = _extract_and_write(
            todo, store, ledger, family, edition, pipeline, jobs or default_jobs(), progress
        )
    report.seconds = time.perf_counter() - started
    return report


def _unchanged_report(todo: Plan) -> BuildReport:
    """A report of the files already loaded as they are (and of files given twice)."""
    report = BuildReport()
    for source, old_edition in todo.unchanged:
        report.documents.append(
            DocumentReport(source.path, _document_id(source), "-", old_edition, "unchanged")
        )
    for source in todo.repeated:
        report.warnings.append(f"{source.path}: same file given twice; loaded once")
    return report


def _extract_and_write(
    todo: Plan,
    store: GraphStore,
    ledger: Ledger,
    family: str | None,
    edition: str | None,
    pipeline: Pipeline | Callable[[], Pipeline] | None,
    jobs: int,
    progress: Callable[[str], None] | None,
) -> BuildReport:
    """Extract ``todo.todo`` (saving each to the ledger), merge everything loaded, write."""
    from .build import build
    from .pipeline import Pipeline

    if pipeline is None:
        pipeline = Pipeline
    made = pipeline if isinstance(pipeline, Pipeline) else pipeline()
    if made.ner is not None:
        # A second NER backend (CKIP) runs torch, whose thread pools do not survive a fork.
        jobs = 1
    store.ensure_schema()
    report = _unchanged_report(todo)
    keep = {doc: sha for doc, (sha, _) in todo.loaded.items()}
    fresh: dict[str, Extraction] = {}
    for source, (extraction, warnings) in zip(
        todo.todo,
        _extract_all(made, todo.todo, ledger, family, edition, jobs, progress),
        strict=True,
    ):
        doc_id = _document_id(source)
        report.warnings.extend(warnings)
        keep[doc_id] = source.sha256
        fresh[doc_id] = extraction
        old_sha = todo.loaded.get(doc_id, ("", None))[0]
        status = "replaced" if doc_id in todo.loaded else "loaded"
        if status == "replaced" and old_sha != source.sha256:
            report.warnings.append(
                f"{source.path}: replaces the loaded document of the same name as a new "
                "version of it; rename the file to keep both"
            )
        info = extraction.info
        report.documents.append(
            DocumentReport(source.path, doc_id, info.family, info.edition, status)
        )
    # Sorted by document id: the merge is independent of file order and worker count.
    extractions = [
        fresh[doc] if doc in fresh else ledger.load(doc, sha) for doc, sha in sorted(keep.items())
    ]
    report.before = store.counts()
    store.write(build(extractions))
    report.after = store.counts()
    ledger.prune(keep.items())
    return report


def _extract_all(
    pipeline: Pipeline,
    sources: Sequence[SourceText],
    ledger: Ledger,
    family: str | None,
    edition: str | None,
    jobs: int,
    progress: Callable[[str], None] | None,
) -> list[tuple[Extraction, list[str]]]:
    """Extract and save each source, in order; across processes when ``jobs`` > 1.

    Each extraction's ledger entry is durable before the graph that refers to it is written.
    """
    workers = min(jobs, len(sources))
    if workers <= 1:
        out = []
        for source in sources:
            if progress:
                progress(source.path)
            out.append(_extract_one(pipeline, ledger, source, family, edition))
        return out
    # fork: the workers inherit the pipeline already built here (its spaCy objects are not
    # cheap to pickle or to build again per worker); they only compute and write ledger
    # entries, never touch the store's connection or print. gc.freeze keeps the workers'
    # collector from touching (and so copying) every page of the inherited heap.
    gc.freeze()
    try:
        return _extract_in_pool(pipeline, sources, ledger, family, edition, workers, progress)
    finally:
        gc.unfreeze()


def _extract_in_pool(
    pipeline: Pipeline,
    sources: Sequence[SourceText],
    ledger: Ledger,
    family: str | None,
    edition: str | None,
    workers: int,
    progress: Callable[[str], None] | None,
) -> list[tuple[Extraction, list[str]]]:
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), pipeline, ledger.path, family, edition),
    ) as pool:
        futures = [pool.submit(_worker_extract, source) for source in sources]
        out = []
        for source, future in zip(sources, futures, strict=True):
            out.append(future.result())
            if progress:
                progress(source.path)
        return out


def _extract_one(
    pipeline: Pipeline,
    ledger: Ledger,
    source: SourceText,
    family: str | None,
    edition: str | None,
) -> tuple[Extraction, list[str]]:
    extraction, warnings = pipeline.extract_document(source, family=family, edition=edition)
    ledger.save(extraction)
    return extraction, warnings


@dataclass(frozen=True, slots=True)
class _Worker:
    pipeline: Pipeline
    ledger: Ledger
    family: str | None
    edition: str | None


#: Set only inside an extraction worker process, by :func:`_start_worker`: the state a
#: process pool keeps per worker (the pipeline is costly to build, so once per worker).
_WORKER: list[_Worker] = []


def _start_worker(
    parent: int, pipeline: Pipeline, ledger_path: Path, family: str | None, edition: str | None
) -> None:
    _die_with(parent)
    _WORKER.append(_Worker(pipeline, Ledger(ledger_path), family, edition))


def _die_with(parent: int) -> None:
    """End this worker when the build process ends, even killed with SIGKILL.

    A forked worker holds the pool's pipes open itself, so it would never see the parent go:
    it would wait for work forever (and keep the parent's stdout open for whoever reads it).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl (not Linux): the check below still runs
        pass
    if os.getppid() != parent:  # the parent went before prctl took effect
        os._exit(1)


def _worker_extract(source: SourceText) -> tuple[Extraction, list[str]]:
    w = _WORKER[0]
    return _extract_one(w.pipeline, w.ledger, source, w.family, w.edition)
