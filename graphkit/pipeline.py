"""The pipeline: read → segment → recognise → resolve → extract → build → store.

:func:`extract_document` runs the pure stages for one source; :func:`build_files` reads files,
skips the ones already loaded with the same content, replaces changed ones, and writes the
merged graph to a store in one atomic unit.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from .build import build
from .chunk import Chunker, whole_words
from .corrections import FILE_NAME as CORRECTIONS
from .corrections import apply_corrections, load_corrections
from .develops import load_settings as develops_settings
from .errors import BackendError, Errors, InputError
from .extract import Extractor
from .knowledge import all_lexicon_terms
from .ledger import Ledger
from .lists import Enumerations
from .normalise import make_id, series_of
from .orgs import OrgRecogniser
from .read import read
from .recognise import Recogniser
from .records import Extraction, Label, Mention, Segmented, SourceText
from .resolve import Resolver
from .segment import Families, segment
from .store.base import GraphStore
from .structure import structure_mentions
from .terms import TermLearner


class MentionSource(Protocol):
    """Anything that finds mentions in a segmented document (a NER backend)."""

    def recognise(self, seg: Segmented) -> list[Mention]: ...


def make_pipeline(ner: str = "rules", ckip_model: str | Path | None = None) -> Pipeline:
    """A pipeline with the named NER backend: ``rules`` (default) or ``ckip``.

    Raises:
        BackendError: ``ckip`` without a model path, or without the ``ckip`` extra.
    """
    if ner == "rules":
        return Pipeline()
    if ner == "ckip":
        if not ckip_model:
            raise BackendError(
                Errors.E041.format(
                    path="--ckip-model", detail="give the directory of a CKIP NER model"
                )
            )
        from .ckip import CkipRecogniser

        return Pipeline(ner=CkipRecogniser(ckip_model))
    raise BackendError(Errors.E011.format(path="--ner", detail=f"unknown NER backend {ner!r}"))


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
    """The result of a build: per-file status, warnings and count changes."""

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


class Pipeline:
    """Holds the stage objects (the spaCy pipeline is built once and reused).

    Args:
        recogniser: the rule recogniser (built from ``schema/`` when not given).
        ner: an optional second recogniser whose mentions are merged with the rule mentions
            before resolution (e.g. :class:`graphkit.ckip.CkipRecogniser`).
        families: the document families to read (:func:`graphkit.segment.builtin_families`
            when not given).
    """

    def __init__(
        self,
        recogniser: Recogniser | None = None,
        ner: MentionSource | None = None,
        families: Families | None = None,
    ) -> None:
        self.families = families
        self.recogniser = recogniser or Recogniser()
        self.chunker = Chunker(work=develops_settings())
        self.lists = Enumerations(self.chunker)
        self.orgs = OrgRecogniser(self.chunker)
        self.ner = ner
        self.learner = TermLearner()
        self.extractor = Extractor()

    def extract_document(
        self, source: SourceText, *, family: str | None = None, edition: str | None = None
    ) -> tuple[Extraction, list[str]]:
        """Run segment → recognise → resolve → extract on one source."""
        seg, warnings = segment(source, family, self.families)
        info = seg.info
        series = series_of(info.title, info.publisher, info.family)
        seg = replace(seg, info=replace(info, edition=edition or info.edition, series=series))
        learned = self.learner.learn(seg)
        resolver = Resolver(all_lexicon_terms(), learned)
        found = self.recogniser.recognise(seg, learned)
        found = whole_words(seg, found, self.chunker, WHOLE_WORD_SOURCES)
        mentions = found + self.chunker.recognise(seg)
        mentions += self.orgs.recognise(seg)
        mentions += self.lists.recognise(seg, mentions)
        mentions += structure_mentions(seg)
        if self.ner is not None:
            # Rule mentions first: at equal length the lexicon's span wins (best_spans).
            mentions = mentions + self.ner.recognise(seg)
        resolved = resolver.resolve(mentions)
        extraction = self.extractor.extract(seg, resolved)
        if source.encoding == "pdf":
            extraction = _with_pages(extraction, seg.text)
        return extraction, warnings


def _with_pages(extraction: Extraction, text: str) -> Extraction:
    """Give every relation of a PDF source the page of its evidence (``evidence_page``)."""
    from .pdf import page_of

    relations = tuple(
        replace(r, props={**r.props, "evidence_page": page_of(text, r.evidence.offset)})
        for r in extraction.relations
    )
    return replace(extraction, relations=relations)


def document_id(source: SourceText) -> str:
    """The Document id a source gets: from its file name, so a changed file replaces itself."""
    return make_id(Label.DOCUMENT, source.name)


def _loaded(store: GraphStore) -> dict[str, tuple[str, str | None]]:
    """Document id → (sha256, edition) of every document in the store."""
    return {d["id"]: (str(d.get("sha256") or ""), d.get("edition")) for d in store.documents()}


#: Recognisers whose Chinese names must not start or end inside a word jieba keeps whole.
WHOLE_WORD_SOURCES = frozenset({"lexicon", "learned"})
#: Where a store records the digest of the corrections its graph has applied.
APPLIED = "corrections.applied"


def _digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _corrections_changed(ledger: Ledger) -> bool:
    """Whether the store's corrections file differs from the one its graph applied."""
    root = ledger.path.parent
    applied = root / APPLIED
    done = applied.read_text(encoding="utf-8") if applied.is_file() else ""
    return done != _digest_of(root / CORRECTIONS)


def _commit(
    store: GraphStore,
    ledger: Ledger,
    keep: dict[str, str],
    report: BuildReport,
    fresh: dict[str, Extraction] | None = None,
) -> None:
    """Merge the extractions of ``keep`` (document id → sha256) and replace the graph.

    ``fresh`` holds extractions made in this run (already saved to the ledger); the others
    are loaded from the ledger. The store's corrections file (``<store>/corrections.json``,
    :mod:`graphkit.corrections`) is applied to the merged graph, so every build applies it.
    """
    fresh = fresh or {}
    extractions = [
        fresh[doc] if doc in fresh else ledger.load(doc, sha) for doc, sha in sorted(keep.items())
    ]
    graph = build(extractions)
    corrections = ledger.path.parent / CORRECTIONS
    if corrections.is_file():
        graph, warnings = apply_corrections(graph, load_corrections(corrections))
        report.warnings.extend(warnings)
    report.before = store.counts()
    store.write(graph)
    report.after = store.counts()
    applied = ledger.path.parent / APPLIED
    applied.write_text(_digest_of(corrections), encoding="utf-8")
    ledger.prune(keep.items())


def build_files(
    paths: Sequence[str | Path | SourceText],
    store: GraphStore,
    ledger: Ledger,
    *,
    family: str | None = None,
    edition: str | None = None,
    encoding: str | None = None,
    pipeline: Pipeline | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build or update the graph in ``store`` from files.

    Every file is read and checked before the store is touched, so a bad file stops the
    build with nothing written. A file already loaded with the same content (sha256) and
    edition is skipped; a file loaded before with other content replaces its old version.
    The stored graph is then replaced by the merge of every loaded document, in one step.
    """
    started = time.perf_counter()
    report = BuildReport()
    sources = read_all(paths, encoding)
    pipeline = pipeline or Pipeline()
    store.ensure_schema()
    with store.lock():
        loaded = _loaded(store)
        keep = {doc: sha for doc, (sha, _) in loaded.items()}
        fresh: dict[str, Extraction] = {}
        seen: set[str] = set()
        for source in sources:
            doc_id = document_id(source)
            if doc_id in seen:
                report.warnings.append(f"{source.path}: same file given twice; loaded once")
                continue
            seen.add(doc_id)
            if progress:
                progress(source.path)
            old_sha, old_edition = loaded.get(doc_id, ("", None))
            same_edition = edition is None or edition == old_edition
            if old_sha == source.sha256 and same_edition and ledger.has(doc_id, source.sha256):
                report.documents.append(
                    DocumentReport(source.path, doc_id, "-", old_edition, "unchanged")
                )
                continue
            extraction, warnings = pipeline.extract_document(source, family=family, edition=edition)
            report.warnings.extend(warnings)
            # The ledger entry is durable before the graph that refers to it is written.
            ledger.save(extraction)
            keep[doc_id] = source.sha256
            fresh[doc_id] = extraction
            status = "replaced" if doc_id in loaded else "loaded"
            if status == "replaced" and old_sha != source.sha256:
                report.warnings.append(
                    f"{source.path}: replaces the loaded document of the same name as a new "
                    "version of it; rename the file to keep both"
                )
            info = extraction.info
            report.documents.append(
                DocumentReport(source.path, doc_id, info.family, info.edition, status)
            )
        if fresh or (keep and _corrections_changed(ledger)):
            _commit(store, ledger, keep, report, fresh)
        else:
            report.before = report.after = store.counts()
    report.seconds = time.perf_counter() - started
    return report


def read_all(
    paths: Sequence[str | Path | SourceText], encoding: str | None = None
) -> list[SourceText]:
    """Read every input (already read ones pass through) and refuse document-name clashes."""
    sources = [p if isinstance(p, SourceText) else read(p, encoding=encoding) for p in paths]
    _refuse_name_clashes(sources)
    return sources


def _refuse_name_clashes(sources: Sequence[SourceText]) -> None:
    """Two different files with one document identity (file name) in one build: refuse.

    A document is identified by its file name; a file with the name of a loaded document
    is a new version of it. Within one build there is no order to say which is newer.
    """
    first: dict[str, SourceText] = {}
    for source in sources:
        other = first.setdefault(document_id(source), source)
        if other.sha256 != source.sha256:
            raise InputError(
                Errors.E011.format(
                    path=source.path,
                    detail=f"has the file name of {other.path} but other content; graphkit "
                    "identifies a document by its file name, so rename one of them",
                )
            )


def remove_documents(names: Sequence[str], store: GraphStore, ledger: Ledger) -> BuildReport:
    """Remove loaded documents (by file name or Document id) and whatever only they supported.

    The graph becomes exactly the graph of the documents that remain.

    Raises:
        InputError: a name is not a loaded document.
    """
    started = time.perf_counter()
    report = BuildReport()
    with store.lock():
        loaded = _loaded(store)
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
        _commit(store, ledger, keep, report)
    report.seconds = time.perf_counter() - started
    return report


def push(source: GraphStore, ledger: Ledger, target: GraphStore) -> dict[str, dict[str, int]]:
    """Mirror the graph of an embedded store into another store (Neo4j), in one write.

    The graph is rebuilt from the ledger of the documents loaded in ``source`` (the same pure
    function that built it), under ``source``'s lock, and replaces graphkit's graph in
    ``target``. Returns ``target``'s counts afterwards.
    """
    with source.lock():
        loaded = _loaded(source)
        graph = build(ledger.load(doc, sha) for doc, (sha, _) in sorted(loaded.items()))
    target.ensure_schema()
    target.write(graph)
    return target.counts()
