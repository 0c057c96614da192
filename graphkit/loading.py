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

import os
import secrets
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .corrections import FILE_NAME as CORRECTIONS
from .corrections import applied_digest, file_digest, record_applied
from .errors import Errors, InputError
from .identity import Identity, identify, loaded_documents
from .ledger import STATE_NAME, Ledger
from .normalise import make_id
from .read import read
from .records import Label, SourceText
from .workers import extract_all

if TYPE_CHECKING:
    from .delta import Delta, Fingerprints
    from .pipeline import Pipeline
    from .records import Extraction, Graph
    from .store.base import GraphStore

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
    "write_graph",
]


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """What happened to one input file."""

    path: str
    document_id: str
    family: str
    edition: str | None
    status: str  # loaded | replaced | unchanged | duplicate | removed


@dataclass(slots=True)
class BuildReport:
    """The result of a build: per-file status, warnings and count changes.

    Defined here, not in :mod:`graphkit.pipeline`, so that a build with nothing to do never
    imports the pipeline (and spaCy with it).
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
    loaded = loaded_in(store)
    where = {doc: path for doc, path in ledger.paths().items() if doc in loaded}
    recorded = dict(where)
    todo: list[Identity] = []
    unchanged: list[tuple[Identity, str | None]] = []
    repeated: list[SourceText] = []
    duplicates: list[Identity] = []
    for ident in identify(sources, loaded_documents(store.documents(), where)):
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
        old_sha = todo.loaded.get(doc_id, ("", None))[0]
        status = "replaced" if doc_id in todo.loaded else "loaded"
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
    return {d["id"]: (str(d.get("sha256") or ""), d.get("edition")) for d in store.documents()}


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
    """Merge the extractions of ``keep`` (document id → sha256) and replace the graph.

    ``fresh`` holds extractions made in this run (already saved to the ledger); the others
    are loaded from the ledger. Sorted by document id, so the merge is independent of file
    order and worker count. The store's corrections file (``<store>/corrections.json``,
    :mod:`graphkit.corrections`) is applied to the merged graph, so every build applies it.
    """
    graph, warnings = merged_graph(ledger, keep, fresh)
    report.warnings.extend(warnings)
    report.before = store.counts()
    write_graph(store, ledger, graph, report.before)
    report.after = store.counts()
    record_applied(ledger.path.parent, file_digest(ledger.path.parent))
    ledger.prune(keep.items())
    paths = ledger.paths() if paths is None else paths
    ledger.save_paths({doc: path for doc, path in paths.items() if doc in keep})


def merged_graph(
    ledger: Ledger, keep: dict[str, str], fresh: dict[str, Extraction] | None = None
) -> tuple[Graph, list[str]]:
    """The graph of the documents ``keep`` (id → sha256), corrected; with the warnings.

    ``fresh`` holds extractions made in this run; the others are loaded from the ledger.
    """
    from .build import build
    from .corrections import apply_corrections, load_corrections

    fresh = fresh or {}
    graph = build(
        fresh[doc] if doc in fresh else ledger.load(doc, sha) for doc, sha in sorted(keep.items())
    )
    corrections = ledger.path.parent / CORRECTIONS
    if not corrections.is_file():
        return graph, []
    return apply_corrections(graph, load_corrections(corrections))


#: A difference touching more items than this share of the new graph's is not applied as a
#: difference: the graph is written whole (in batches, on a staging copy) instead. Adding or
#: removing an edition touches nearly every item the editions share (their sources and
#: editions change), and one query still costs less than a rewrite then, so only a
#: difference larger than the graph itself (most of it deleted) is written whole.
FULL_WRITE_SHARE = 1.0


def write_graph(
    store: GraphStore,
    ledger: Ledger,
    graph: Graph,
    counts: dict[str, dict[str, int]],
    *,
    state: str = STATE_NAME,
    whole: bool = False,
) -> Delta | None:
    """Make ``graph`` the stored graph, writing only the difference unless ``whole``.

    Returns the difference applied, or None when the graph was written whole. ``state`` names
    the ledger file keeping the fingerprints (one for the store, one for pushes).

    The old side of the difference is the ledger's fingerprints of the graph written last
    (:meth:`Ledger.state`), trusted only when the store still carries the marker set after
    that write and holds as many items of each label and type (``counts``,
    :meth:`GraphStore.counts`); otherwise the store's own content. The marker is cleared by
    every write and set again only after the fingerprints of the new graph are saved, so a
    crash anywhere in between leaves no marker, and the next build reads the store.
    """
    from .delta import Fingerprints, diff, fingerprints, stored

    new = stored(graph)
    prints = fingerprints(new)
    written: Delta | None = None
    if whole:
        store.write(graph)
    else:
        old = ledger.state(store.marker(), state)
        if old is None or _counts_of(old) != _of_contract(counts):
            empty = not any(_of_contract(counts)["nodes"].values())
            old = Fingerprints({}, {}) if empty else fingerprints(store.stored())
        delta = diff(old, new, prints)
        if not old.size() or delta.size() > FULL_WRITE_SHARE * prints.size():
            store.write(graph)
        else:
            store.write_changes(graph, delta)
            written = delta
    token = secrets.token_hex(16)
    ledger.save_state(token, prints, state)
    store.mark(token)
    return written


def _of_contract(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """``counts`` of the contract's labels and types only (Neo4j may hold other data)."""
    from .records import RelType

    labels, types = {lab.value for lab in Label}, {typ.value for typ in RelType}
    return {
        "nodes": {k: v for k, v in counts.get("nodes", {}).items() if k in labels},
        "relationships": {k: v for k, v in counts.get("relationships", {}).items() if k in types},
    }


def _counts_of(prints: Fingerprints) -> dict[str, dict[str, int]]:
    """Items per label and per type, in the shape of :meth:`GraphStore.counts`."""
    nodes = Counter(label for label, _ in prints.nodes)
    edges = Counter(key[0] for key in prints.edges)
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(edges.items()))}
