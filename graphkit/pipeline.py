"""The pipeline: read → segment → recognise → resolve → extract → build → store.

:func:`extract_document` runs the pure stages for one source; :func:`build_files` reads files,
skips the ones already loaded with the same content, replaces changed ones, and writes the
merged graph to a store in one atomic unit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .build import build
from .extract import Extractor
from .knowledge import all_lexicon_terms
from .normalise import make_id
from .read import read
from .recognise import Recogniser
from .records import Extraction, Label, SourceText
from .resolve import Resolver
from .segment import segment
from .store.base import GraphStore
from .terms import TermLearner


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """What happened to one input file."""

    path: str
    document_id: str
    family: str
    edition: str | None
    status: str  # loaded | replaced | unchanged


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
    """Holds the stage objects (the spaCy pipeline is built once and reused)."""

    def __init__(self, recogniser: Recogniser | None = None) -> None:
        self.recogniser = recogniser or Recogniser()
        self.learner = TermLearner()
        self.extractor = Extractor()

    def extract_document(
        self, source: SourceText, *, family: str | None = None, edition: str | None = None
    ) -> tuple[Extraction, list[str]]:
        """Run segment → recognise → resolve → extract on one source."""
        seg, warnings = segment(source, family)
        if edition:
            seg = replace(seg, info=replace(seg.info, edition=edition))
        learned = self.learner.learn(seg)
        resolver = Resolver(all_lexicon_terms(), learned)
        mentions = self.recogniser.recognise(seg, learned)
        resolved = resolver.resolve(mentions)
        return self.extractor.extract(seg, resolved, resolver), warnings


def document_id(source: SourceText) -> str:
    """The Document id a source gets: from its file name, so a changed file replaces itself."""
    return make_id(Label.DOCUMENT, source.name)


def build_files(
    paths: Sequence[str | Path],
    store: GraphStore,
    *,
    family: str | None = None,
    edition: str | None = None,
    encoding: str | None = None,
    pipeline: Pipeline | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build or update the graph in ``store`` from files.

    Every file is read and checked before the store is touched, so a bad file stops the
    build with nothing written. A file already loaded with the same content (sha256) is
    skipped; a file loaded before with other content replaces its old version.
    """
    started = time.perf_counter()
    report = BuildReport()
    sources = [read(p, encoding=encoding) for p in paths]
    pipeline = pipeline or Pipeline()
    store.ensure_schema()
    loaded = {d["id"]: d.get("sha256") for d in store.documents()}
    extractions: list[Extraction] = []
    replaced: list[str] = []
    seen: set[str] = set()
    for source in sources:
        doc_id = document_id(source)
        if doc_id in seen:
            report.warnings.append(f"{source.path}: same file name given twice; loaded once")
            continue
        seen.add(doc_id)
        if progress:
            progress(source.path)
        if loaded.get(doc_id) == source.sha256:
            report.documents.append(DocumentReport(source.path, doc_id, "-", edition, "unchanged"))
            continue
        extraction, warnings = pipeline.extract_document(source, family=family, edition=edition)
        report.warnings.extend(warnings)
        extractions.append(extraction)
        status = "replaced" if doc_id in loaded else "loaded"
        if status == "replaced":
            replaced.append(doc_id)
        info = extraction.info
        report.documents.append(
            DocumentReport(source.path, doc_id, info.family, info.edition, status)
        )
    report.before = store.counts()
    if extractions:
        store.write(build(extractions), remove_documents=replaced)
    report.after = store.counts()
    report.seconds = time.perf_counter() - started
    return report
