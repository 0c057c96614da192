"""Loading files into a store at a cost proportional to the change.

:func:`load_files` is what :meth:`graphkit.workspace.Workspace.build` runs. It reads every file
(sha256 of its bytes) and compares it with the Documents the store holds *before* any
extraction machinery is imported: when every file is already loaded with the same content,
edition and a readable ledger entry, it returns at once — no spaCy or jieba import, no
pipeline, and nothing written to the store. Otherwise the changed files are extracted, across
``jobs`` worker processes when there are several, and the graph becomes the merge of every
loaded document's extraction, with the store's corrections file applied, written in one
atomic step (:func:`commit`). Which loaded document a file is follows
:func:`graphkit.identity.identify`. :func:`graphkit.pipeline.build_files` is this, from paths.

The merge sorts extractions by document id, so the graph does not depend on the order the
files were given in nor on how many workers extracted them.
"""

from __future__ import annotations

import atexit
import gc
import os
import secrets
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .buildreport import BuildReport, DocumentReport
from .corrections import FILE_NAME as CORRECTIONS
from .corrections import applied_digest, file_digest, record_applied
from .errors import Errors, InputError
from .identity import Identity, identify, loaded_documents
from .ledger import Ledger
from .normalise import make_id
from .read import read
from .records import Label, SourceText
from .workers import extract_all
from .writing import FULL_WRITE_SHARE, write_graph

if TYPE_CHECKING:
    from .delta import Fingerprints
    from .mergestate import MergeState
    from .pipeline import Pipeline
    from .records import Extraction, Graph
    from .store.base import GraphStore
    from .unify import Unified

__all__ = [
    "BuildReport",
    "DocumentReport",
    "commit",
    "default_jobs",
    "load_files",
    "loaded_in",
    "merged_graph",
    "plan",
    "read_sources",
    "remove_documents",
    "warm_pipeline",
    "write_graph",
]


def default_jobs() -> int:
    """The cores this process may run on (the default number of extraction workers)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def warm_pipeline(
    sources: Sequence[SourceText],
    ledger: Ledger,
    pipeline: Pipeline | Callable[[], Pipeline] | None,
) -> Pipeline | Callable[[], Pipeline] | None:
    """Start making the pipeline in a thread, while the store starts, if a file is new.

    Making it (spaCy, the lexicons, jieba's dictionary) and starting the store's server each
    take a few tenths of a second, and the server mostly waits. When the ledger holds the
    content of every file, nothing will probably be extracted, and ``pipeline`` is returned as
    it is; otherwise a function returning the pipeline being made (its errors are raised there).
    """
    if pipeline is not None and not callable(pipeline):
        return pipeline  # already made
    if ledger.knows(*(source.sha256 for source in sources)):
        return pipeline
    factory = pipeline or _default_pipeline
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphkit-pipeline")
    made = executor.submit(_warmed, factory)
    executor.shutdown(wait=False)  # the thread ends once the pipeline is made
    return made.result


def _default_pipeline() -> Pipeline:
    from .pipeline import Pipeline

    return Pipeline()


def _warmed(factory: Callable[[], Pipeline]) -> Pipeline:
    made = factory()
    made.warm()
    # The pipeline (spaCy, the lexicons, jieba's dictionary and tag table: millions of
    # objects) makes the interpreter's last collection at exit walk them all (0.1 to 0.15 s
    # of every command that extracts). At exit only, everything is moved out of its reach:
    # a process that goes on (a notebook) keeps collecting as before.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    return made


def read_sources(
    paths: Sequence[str | Path | SourceText], encoding: str | None = None
) -> list[SourceText]:
    """Read every input (already read ones pass through).

    Raises:
        InputError: A file cannot be read.
    """
    return [p if isinstance(p, SourceText) else read(p, encoding=encoding) for p in paths]


@dataclass(frozen=True, slots=True)
class Plan:
    """What a build has to do: the files to extract, and those already loaded as they are."""

    loaded: dict[str, tuple[str, str | None]]  # document id → (sha256, edition) in the store
    todo: tuple[Identity, ...]  # to extract, in the order given
    unchanged: tuple[tuple[Identity, str | None], ...]  # (file, its stored edition)
    repeated: tuple[SourceText, ...] = field(default=())  # given twice: loaded once
    duplicates: tuple[Identity, ...] = field(default=())  # the content of a loaded document
    paths: dict[str, str] = field(default_factory=dict)  # document id → its file's path
    paths_changed: bool = False  # a document loaded before paths were recorded


def plan(
    sources: Sequence[SourceText], store: GraphStore, ledger: Ledger, edition: str | None
) -> Plan:
    """Compare ``sources`` with the store's Documents (call it holding the store's lock).

    Which loaded document a file is, if any, follows :func:`graphkit.identity.identify`.
    """
    documents = store.documents()
    loaded = _loaded(documents)
    where = {doc: path for doc, path in ledger.paths().items() if doc in loaded}
    recorded = dict(where)
    todo: list[Identity] = []
    unchanged: list[tuple[Identity, str | None]] = []
    repeated: list[SourceText] = []
    duplicates: list[Identity] = []
    for ident in identify(sources, loaded_documents(documents, where)):
        doc_id = ident.document_id
        if ident.same_as is not None:
            duplicates.append(ident)
            continue
        if doc_id in {i.document_id for i in todo} | {i.document_id for i, _ in unchanged}:
            repeated.append(ident.source)
            continue
        where[doc_id] = ident.path
        old_sha, old_edition = loaded.get(doc_id, ("", None))
        same_edition = edition is None or edition == old_edition
        if old_sha == ident.source.sha256 and same_edition and ledger.has(doc_id, old_sha):
            unchanged.append((ident, old_edition))
        else:
            todo.append(ident)
    return Plan(loaded, tuple(todo), tuple(unchanged), tuple(repeated), tuple(duplicates),
                where, where != recorded)  # fmt: skip


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
        if todo.todo:
            report = _extract_and_write(
                todo, store, ledger, family, edition, pipeline, jobs or default_jobs(), progress
            )
        else:
            report = _unchanged_report(todo)
            if progress:
                for source in sources:
                    progress(source.path)
            if todo.loaded and corrections_changed(ledger):
                commit(store, ledger, {d: sha for d, (sha, _) in todo.loaded.items()}, report,
                       paths=todo.paths)  # fmt: skip
            else:
                report.before = report.after = store.counts()
                if todo.paths_changed:
                    ledger.save_paths(todo.paths)
    report.warnings.extend(_stale(todo, ledger))
    given = {source.path: i for i, source in reversed(list(enumerate(sources)))}
    report.documents.sort(key=lambda d: given.get(d.path, len(given)))  # in the order given
    report.seconds = time.perf_counter() - started
    return report


def remove_documents(names: Sequence[str], store: GraphStore, ledger: Ledger) -> BuildReport:
    """Remove loaded documents (by file name or Document id) and whatever only they supported.

    The graph becomes exactly the graph of the documents that remain.

    Raises:
        InputError: a name is not a loaded document.
    """
    started = time.perf_counter()
    report = BuildReport()
    with store.lock():
        loaded = loaded_in(store)
        by_name = {make_id(Label.DOCUMENT, n): n for n in names}
        unknown = [n for doc, n in by_name.items() if doc not in loaded and n not in loaded]
        if unknown:
            known = ", ".join(d.split(":", 1)[1] for d in sorted(loaded)) or "none"
            raise InputError(
                Errors.E011.format(
                    path=unknown[0], detail=f"not a loaded document (loaded: {known})"
                )
            )
        gone = {doc if doc in loaded else n for doc, n in by_name.items()}
        keep = {doc: sha for doc, (sha, _) in loaded.items() if doc not in gone}
        for doc in sorted(gone):
            report.documents.append(DocumentReport(doc, doc, "-", loaded[doc][1], "removed"))
        commit(store, ledger, keep, report)
    report.seconds = time.perf_counter() - started
    return report


def _stale(todo: Plan, ledger: Ledger) -> list[str]:
    """A warning naming the loaded documents not given whose extraction an earlier graphkit
    (or other recogniser options) made: their part of the graph stays as that made it."""
    given = {i.document_id for i in todo.todo} | {i.document_id for i, _ in todo.unchanged}
    stale = [
        doc.split(":", 1)[1]
        for doc, (sha, _) in sorted(todo.loaded.items())
        if doc not in given and ledger.made_by(doc, sha) != ledger.extractor
    ]
    if not stale:
        return []
    return [
        f"{len(stale)} loaded document(s) extracted by an earlier graphkit (its code, lexicons "
        "or rules have changed since) or with other recogniser options keep that extraction: "
        f"build their files again to extract them anew: {', '.join(stale)}"
    ]


def _unchanged_report(todo: Plan) -> BuildReport:
    """A report of the files already loaded as they are, duplicates and files given twice."""
    report = BuildReport()
    for ident in todo.duplicates:
        same = ident.same_as
        assert same is not None  # a duplicate names the document it repeats
        report.warnings.append(
            f"{ident.source.path}: same content as the document {same.name} loaded from "
            f"{same.path or 'another file'}; not loaded twice"
        )
        edition_of = todo.loaded.get(ident.document_id, ("", None))[1]
        report.documents.append(
            DocumentReport(ident.source.path, ident.document_id, "-", edition_of, "duplicate")
        )
    for ident, old_edition in todo.unchanged:
        report.documents.append(
            DocumentReport(ident.source.path, ident.document_id, "-", old_edition, "unchanged")
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
    from .pipeline import Pipeline

    if pipeline is None:
        pipeline = Pipeline
    made = pipeline if isinstance(pipeline, Pipeline) else pipeline()
    store.ensure_schema()
    report = _unchanged_report(todo)
    keep = {doc: sha for doc, (sha, _) in todo.loaded.items()}
    fresh: dict[str, Extraction] = {}
    sources = [ident.source for ident in todo.todo]
    extracted = extract_all(made, sources, ledger, family, edition, jobs, progress)
    for ident, (extraction, warnings) in zip(todo.todo, extracted, strict=True):
        doc_id, source = ident.document_id, ident.source
        report.warnings.extend(warnings)
        keep[doc_id] = source.sha256
        fresh[doc_id] = extraction
        old_sha, old_edition = todo.loaded.get(doc_id, ("", None))
        status = "replaced" if doc_id in todo.loaded else "loaded"
        if status == "replaced" and old_sha == source.sha256 and edition in (None, old_edition):
            status = "re-extracted"  # the same file and edition: an earlier graphkit extracted it
        if status == "replaced" and old_sha != source.sha256:
            report.warnings.append(
                f"{source.path}: new content for the loaded document {source.name}: "
                "a new version of it, which replaces the old one"
            )
        info = extraction.info
        report.documents.append(
            DocumentReport(source.path, doc_id, info.family, info.edition, status)
        )
    commit(store, ledger, keep, report, fresh, todo.paths)
    return report


def loaded_in(store: GraphStore) -> dict[str, tuple[str, str | None]]:
    """Document id → (sha256, edition) of every document in the store."""
    return _loaded(store.documents())


def _loaded(documents: list[dict[str, Any]]) -> dict[str, tuple[str, str | None]]:
    return {d["id"]: (str(d.get("sha256") or ""), d.get("edition")) for d in documents}


def corrections_changed(ledger: Ledger) -> bool:
    """Whether the store's corrections file differs from the one its graph applied."""
    root = ledger.path.parent
    return applied_digest(root) != file_digest(root)


def commit(
    store: GraphStore,
    ledger: Ledger,
    keep: dict[str, str],
    report: BuildReport,
    fresh: dict[str, Extraction] | None = None,
    paths: dict[str, str] | None = None,
) -> None:
    """Make the stored graph the merge of the documents ``keep`` (id → sha256).

    ``fresh`` holds extractions made in this run (already saved to the ledger). When the
    store's merge state (:mod:`graphkit.mergestate`) describes the stored graph and no
    corrections file applies, only the items of the documents added or dropped are merged
    again and only their difference is written. Otherwise every extraction is merged (the
    others loaded from the ledger, sorted by document id, so the merge is independent of file
    order and worker count), the store's corrections file (``<store>/corrections.json``,
    :mod:`graphkit.corrections`) applied, and the difference to the stored graph written;
    the merge state is then made again.
    """
    from .build import renames
    from .mergestate import MergeState

    fresh = fresh or {}
    corrections = _corrections_file(ledger)
    report.before = store.counts()
    with MergeState(ledger.path) as state:
        if corrections is not None or not _commit_change(store, state, keep, fresh):
            merges = state.merges() if state.token() == store.marker() else {}  # as stored
            extractions = _extractions(ledger, keep, fresh)
            graph, done = _build_unified(extractions)
            graph, warnings = _corrected(graph, corrections)
            report.warnings.extend(warnings)

            def keep_state(token: str, prints: Fingerprints) -> None:
                del prints  # the state keeps each item's merge, which says more
                state.begin()
                if corrections is not None:  # the graph is no merge of parts: describe none
                    state.commit(None)
                else:
                    state.replace(extractions, graph, done)
                    state.commit(token)

            written = write_graph(store, ledger, graph, report.before, keep_state=keep_state)
            deleted = () if written is None else written.delete_nodes  # None: written whole
            report.renamed = renames(done, deleted, merges, graph)
    report.after = store.counts()
    record_applied(ledger.path.parent, file_digest(ledger.path.parent))
    ledger.prune(keep.items())
    paths = ledger.paths() if paths is None else paths
    ledger.save_paths({doc: path for doc, path in paths.items() if doc in keep})


def _commit_change(
    store: GraphStore, state: MergeState, keep: dict[str, str], fresh: dict[str, Extraction]
) -> bool:
    """Write only the difference the change makes, if the merge state allows; whether done."""
    token = state.token()
    if token is None or token != store.marker():
        return False
    merged = state.documents()
    if any(doc not in fresh and merged.get(doc) != sha for doc, sha in keep.items()):
        return False
    state.begin()
    try:
        change = state.change(
            [fresh[doc] for doc in sorted(fresh)], [doc for doc in merged if doc not in keep]
        )
        if change is None or change.delta.size() > FULL_WRITE_SHARE * state.present():
            state.rollback()
            return False
        store.write_changes(change.graph, change.delta)
        token = secrets.token_hex(16)
        state.commit(token)
    except BaseException:
        state.rollback()
        raise
    store.mark(token)
    return True


def _extractions(
    ledger: Ledger, keep: dict[str, str], fresh: dict[str, Extraction]
) -> list[Extraction]:
    """The extractions of ``keep``: made in this run (``fresh``) or read from the ledger."""
    return [
        fresh[doc] if doc in fresh else ledger.load(doc, sha) for doc, sha in sorted(keep.items())
    ]


def _build(extractions: list[Extraction]) -> Graph:
    from .build import build

    return build(extractions)


def _build_unified(extractions: list[Extraction]) -> tuple[Graph, Unified]:
    """The merge of ``extractions`` and what :func:`graphkit.unify.unify` made of them."""
    from .build import collector_paused, merged, unified

    with collector_paused():
        done = unified(extractions)
        return merged(done), done


def _corrections_file(ledger: Ledger) -> Path | None:
    """The store's corrections file, if it has one."""
    corrections = ledger.path.parent / CORRECTIONS
    return corrections if corrections.is_file() else None


def _corrected(graph: Graph, corrections: Path | None) -> tuple[Graph, list[str]]:
    """``graph`` with the ``corrections`` file applied, if any; the warnings."""
    from .corrections import apply_corrections, load_corrections

    if corrections is None:
        return graph, []
    return apply_corrections(graph, load_corrections(corrections))


def merged_graph(
    ledger: Ledger, keep: dict[str, str], fresh: dict[str, Extraction] | None = None
) -> tuple[Graph, list[str]]:
    """The graph of the documents ``keep`` (id → sha256), corrected; with the warnings.

    ``fresh`` holds extractions made in this run; the others are loaded from the ledger.
    """
    return _corrected(_build(_extractions(ledger, keep, fresh or {})), _corrections_file(ledger))
