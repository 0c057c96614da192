"""The pipeline: read → segment → recognise → resolve → extract → build → store.

:meth:`Pipeline.extract_document` runs the pure stages for one source. Loading files into a
store (skipping unchanged ones, replacing changed ones, one atomic write of the merged graph) is
:mod:`graphkit.loading`; :func:`build_files` here calls it with paths.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Protocol

from .chunk import Chunker, whole_words
from .crf import CrfRecogniser
from .crf import from_settings as crf_from_settings
from .develops import load_settings as develops_settings
from .errors import BackendError, Errors
from .extract import Extractor
from .knowledge import all_lexicon_terms
from .ledger import PUSH_STATE_NAME, Ledger
from .lists import Enumerations
from .loading import (
    BuildReport,
    DocumentReport,
    load_files,
    loaded_in,
    merged_graph,
    read_sources,
    remove_documents,
    write_graph,
)
from .ner import NerRecogniser, from_settings
from .normalise import make_id, series_of
from .orgs import OrgRecogniser
from .owners import without_owners
from .programmenames import programme_aliases, programme_quotes
from .programmesubject import programme_subjects
from .recognise import Recogniser
from .records import Extraction, Label, Mention, Segmented, SourceText, Term
from .resolve import Resolver
from .segment import Families, segment
from .store.base import GraphStore
from .structure import structure_mentions
from .terms import TermLearner
from .worklist import WorkLists

__all__ = [
    "BuildReport",
    "DocumentReport",
    "MentionSource",
    "Pipeline",
    "PushReport",
    "build_files",
    "document_id",
    "make_pipeline",
    "push",
    "remove_documents",
]

#: Recognisers whose Chinese names must not start or end inside a word jieba keeps whole.
WHOLE_WORD_SOURCES = frozenset({"lexicon", "learned"})


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


class Pipeline:
    """Holds the stage objects (the spaCy pipeline is built once and reused).

    Args:
        recogniser: the rule recogniser (built from ``schema/`` when not given).
        ner: an optional second recogniser whose mentions are merged with the rule mentions
            before resolution (e.g. :class:`graphkit.ckip.CkipRecogniser`).
        families: the document families to read (:func:`graphkit.segment.builtin_families`
            when not given).
        model: the statistical NER model (:mod:`graphkit.ner`); the one ``schema/rules/ner.json``
            names when it is enabled there.
        crf: the Technology CRF (:mod:`graphkit.crf`): ``"settings"`` for the one
            ``schema/rules/crf.json`` names when it is enabled there, ``None`` for none.
    """

    def __init__(
        self,
        recogniser: Recogniser | None = None,
        ner: MentionSource | None = None,
        families: Families | None = None,
        model: NerRecogniser | None = None,
        crf: CrfRecogniser | Literal["settings"] | None = "settings",
    ) -> None:
        self.families = families
        self.recogniser = recogniser or Recogniser()
        self.chunker = Chunker(work=develops_settings())
        self.lists = Enumerations(self.chunker)
        self.worklists = WorkLists(self.chunker)
        self.orgs = OrgRecogniser(self.chunker)
        self.ner = ner
        self.model = model if model is not None else from_settings()
        self.crf = crf_from_settings(self.chunker) if crf == "settings" else crf
        self.learner = TermLearner(self.chunker.tag)
        self.extractor = Extractor(self.chunker.tag)

    def first_word(self, name: str) -> str:
        """The segmenter's first word of a name (the resolver's test of a verb in front)."""
        tokens = self.chunker.tag(name)
        return tokens[0][0] if tokens else ""

    def warm(self) -> None:
        """Load now what the first document would (jieba's dictionary)."""
        self.chunker.is_word("")

    def extract_document(
        self, source: SourceText, *, family: str | None = None, edition: str | None = None
    ) -> tuple[Extraction, list[str]]:
        """Run segment → recognise → resolve → extract on one source."""
        seg, warnings = self.segmented(source, family=family, edition=edition)
        mentions, learned = self.recognised(seg)
        return self.extracted(seg, mentions, learned, pdf=source.encoding == "pdf"), warnings

    def segmented(
        self, source: SourceText, *, family: str | None = None, edition: str | None = None
    ) -> tuple[Segmented, list[str]]:
        """The segment stage: the source's blocks, its edition and series, and the warnings."""
        seg, warnings = segment(source, family, self.families)
        info = seg.info
        series = series_of(info.title, info.publisher, info.family)
        seg = replace(seg, info=replace(info, edition=edition or info.edition, series=series))
        return seg, warnings

    def recognised(self, seg: Segmented) -> tuple[list[Mention], list[Term]]:
        """The recognise stage: every recogniser's mentions, and the terms the document itself
        defines (the resolver's second lexicon)."""
        learned = programme_aliases(seg, self.learner.learn(seg))  # 科技專案「…」 respelt
        learned = programme_subjects(seg, self.chunker.tag, learned)
        tagged = self.crf.start(seg) if self.crf is not None else None  # beside the rules
        found = programme_quotes(self.recogniser.recognise(seg, learned), learned)
        found = whole_words(seg, found, self.chunker, WHOLE_WORD_SOURCES)
        chunks = self.chunker.recognise(seg)  # a body's name before one is its owner's
        mentions = found + without_owners(chunks, found, self.chunker.settings.min_chars)
        mentions += self.orgs.recognise(seg)
        mentions += self.lists.recognise(seg, mentions)
        mentions += self.worklists.recognise(seg, mentions)  # what a programme makes, whole
        mentions += structure_mentions(seg)
        if self.model is not None:  # the statistical NER model's candidates (schema/rules/ner.json)
            mentions += self.model.candidates(seg, mentions, self.chunker)
        if self.crf is not None and tagged is not None:  # the CRF's (schema/rules/crf.json)
            mentions += self.crf.candidates(seg, mentions, self.chunker, tagged())
        if self.ner is not None:
            # Rule mentions first: at equal length the lexicon's span wins (best_spans).
            mentions = mentions + self.ner.recognise(seg)
        return mentions, learned

    def extracted(
        self, seg: Segmented, mentions: list[Mention], learned: list[Term], *, pdf: bool = False
    ) -> Extraction:
        """The resolve and extract stages: entities and relations with their evidence (and,
        for a PDF source, each relation's page)."""
        resolver = Resolver(all_lexicon_terms(), learned, first_word=self.first_word)
        resolved = resolver.resolve(mentions)
        extraction = self.extractor.extract(seg, resolved, resolver.known)
        return _with_pages(extraction, seg.text) if pdf else extraction


def _with_pages(extraction: Extraction, text: str) -> Extraction:
    """Give every relation of a PDF source the page of its evidence (``evidence_page``)."""
    from .pdf import page_of

    relations = tuple(
        replace(r, props={**r.props, "evidence_page": page_of(text, r.evidence.offset)})
        for r in extraction.relations
    )
    return replace(extraction, relations=relations)


def document_id(source: SourceText) -> str:
    """The Document id of a source's name (:mod:`graphkit.identity` says which name it gets)."""
    return make_id(Label.DOCUMENT, source.name)


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
    jobs: int = 1,
) -> BuildReport:
    """Build or update the graph in ``store`` from files (:func:`graphkit.loading.load_files`).

    Every file is read and checked before the store is touched, so a bad file stops the
    build with nothing written. A file already loaded with the same content (sha256) and
    edition is skipped; a file loaded before with other content replaces its old version.
    The stored graph is then replaced by the merge of every loaded document, in one step.
    """
    sources = read_sources(paths, encoding)
    return load_files(sources, store, ledger, family=family, edition=edition,
                      pipeline=pipeline, jobs=jobs, progress=progress)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push did: the counts in the target afterwards and how much it sent."""

    counts: dict[str, dict[str, int]]
    sent: int  # nodes and relationships written or deleted
    whole: bool  # the graph was written whole (first push, --full, or no usable record)


def push(
    source: GraphStore, ledger: Ledger, target: GraphStore, *, full: bool = False
) -> PushReport:
    """Mirror the graph of an embedded store into another store (Neo4j).

    The graph is made from the ledger of the documents loaded in ``source`` (the same merge and
    corrections as a build), under ``source``'s lock. Only the difference from what the target
    holds is sent, in one write transaction: the target records the push it holds on a marker
    node, and the ledger keeps that push's fingerprints (:data:`PUSH_STATE_NAME`); when they
    do not match, the target's graph is read to diff against. ``full`` replaces the graph
    whole instead.
    """
    with source.lock():
        loaded = loaded_in(source)
        graph, _ = merged_graph(ledger, {doc: sha for doc, (sha, _) in loaded.items()})
        target.ensure_schema()
        delta = write_graph(
            target, ledger, graph, target.counts(), state=PUSH_STATE_NAME, whole=full
        )
    sent = delta.size() if delta else len(graph.nodes) + len(graph.edges)
    return PushReport(target.counts(), sent, delta is None)
