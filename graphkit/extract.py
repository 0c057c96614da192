"""Extract stage: rules over the document's structure give nodes and relations with evidence.

* Hierarchy: Domain › Chapter › Article blocks give IN_DOMAIN, IN_CHAPTER and PUBLISHED_IN.
* 相關科技專案 blocks: each programme line (``NAME(YYYY~YYYY年)``) is a Programme with its year
  span, DESCRIBED_IN its article; a ``執行單位:`` line gives EXECUTED_BY to every programme
  listed since the previous 執行單位 line.
* DEVELOPS: a programme develops the technologies its own article mentions (from the title to
  the end of its block, never the next chapter's overview), with ``mentions`` = the count.
* Chapter overviews: 補助計畫 table rows give SubsidyScheme SUPPORTS Chapter; 法規調適 lines
  give Regulation APPLIES_TO Chapter.
* Prose: a policy followed by a parenthesised list gives COVERS; 攜手/合作/技轉 sentences naming
  two organisations give COLLABORATES_WITH; every mention gives MENTIONED_IN with a count.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .articlework import article_work, sentence_at
from .chunkwords import Token
from .collaborate import Collaborations
from .covers import CoverSettings, covers
from .develops import DevelopsSettings, load_settings, named_subjects
from .evidence import EvidenceRules, clip, node_forms
from .knowledge import rules
from .normalise import make_id, name_key, normalise_name
from .records import (
    ENTITY_LABELS,
    Evidence,
    Extraction,
    Label,
    Node,
    NodeRef,
    ProgrammeLine,
    ProgrammeList,
    PropValue,
    RegulationLine,
    Relation,
    RelType,
    Segmented,
    SubsidyRow,
    Term,
)
from .resolve import Known, Resolved, known_term
from .rulefile import RulesFile
from .segment import in_source_line
from .spans import best_spans, counted_spans
from .structure import STRUCTURE_SOURCES, record_lines, row_name

_ArticleKey = tuple[str | None, str | None, str]


@dataclass
class _Collector:
    """Accumulates one document's nodes and relations, first evidence winning."""

    document_id: str
    evidence: EvidenceRules  # how evidence is cut
    nodes: dict[tuple[Label, str], Node] = field(default_factory=dict)
    node_evidence: dict[tuple[Label, str], str] = field(default_factory=dict)
    relations: dict[tuple[RelType, NodeRef, NodeRef], Relation] = field(default_factory=dict)

    def node(self, label: Label, name: str, *, aliases: Iterable[str] = (), evidence: str = "",
             **props: PropValue) -> NodeRef:  # fmt: skip
        name = normalise_name(name)
        ref = NodeRef(label, make_id(label, name))
        key = (label, ref.id)
        clean = {k: v for k, v in props.items() if v is not None}
        old = self.nodes.get(key)
        if old is None:
            self.nodes[key] = Node(label, ref.id, name, tuple(dict.fromkeys(aliases)), clean)
            forms = node_forms(self.nodes[key])
            self.node_evidence[key] = clip(evidence, forms, self.evidence, flat=False)[0]
        else:
            if not self.node_evidence[key]:  # a node made without evidence takes the first
                self.node_evidence[key] = clip(
                    evidence, node_forms(old), self.evidence, flat=False
                )[0]
            merged_aliases = tuple(dict.fromkeys([*old.aliases, *aliases]))
            self.nodes[key] = Node(label, ref.id, old.name, merged_aliases, {**clean, **old.props})
        return ref

    def term_node(self, term: Term, evidence: str = "") -> NodeRef:
        aliases = [f for f in term.surface_forms if f != term.name]
        return self.node(
            term.label,
            term.name,
            aliases=aliases,
            evidence=evidence,
            name_en=term.name_en,
            abbr=term.abbr,
            short_name=term.short_name,
            url=term.url,
            kind=term.kind,
        )

    def relate(self, rel: RelType, src: NodeRef, dst: NodeRef, text: str, offset: int, rule: str,
               **props: PropValue) -> None:  # fmt: skip
        key = (rel, src, dst)
        if key in self.relations:
            old = self.relations[key]
            merged = {**old.props, **{k: v for k, v in props.items() if k not in old.props}}
            self.relations[key] = Relation(rel, src, dst, old.evidence, merged)
            return
        # cut around a name of the entity the evidence is for (the target, where it is one)
        ends = [self.nodes.get((e.label, e.id)) for e in (dst, src) if e.label in ENTITY_LABELS]
        entity, other = (*ends, None, None)[:2]
        clipped, shift = clip(text, node_forms(entity), self.evidence, also=node_forms(other))
        ev = Evidence(self.document_id, offset + shift, clipped, rule)
        self.relations[key] = Relation(rel, src, dst, ev, props)


class Extractor:
    """Applies the relation rules of ``schema/rules/extract.json`` to one document.

    Args:
        tag: the segmenter's word tagger (:meth:`graphkit.chunk.Chunker.tag`), for the
            collaboration rule that reads a clause without its subject; without it that rule
            is off.
    """

    def __init__(self, tag: Callable[[str], Sequence[Token]] | None = None) -> None:
        self.tag = tag

    @cached_property
    def _rules(self) -> dict[str, Any]:
        return rules("extract")

    @cached_property
    def _develops_settings(self) -> DevelopsSettings:
        return load_settings()

    @cached_property
    def _evidence(self) -> EvidenceRules:
        return EvidenceRules.of(RulesFile.packaged("extract"))

    def extract(
        self, seg: Segmented, resolved: Sequence[Resolved], known: Known = known_term
    ) -> Extraction:
        """Nodes and relations of one document, from its structure and resolved mentions;
        ``known`` looks up a name a relation rule reads off the text without a mention (the
        document's resolver: :meth:`graphkit.resolve.Resolver.known`)."""
        info = seg.info
        doc_id = make_id(Label.DOCUMENT, info.source)
        out = _Collector(doc_id, self._evidence)
        doc = out.node(
            Label.DOCUMENT,
            info.source,
            title=info.title,
            publisher=info.publisher,
            edition=info.edition,
            year=info.year,
            published=info.published,
            series=info.series,
            source=info.source,
            sha256=info.sha256,
            family=info.family,
        )
        articles = self._hierarchy(seg, out, doc)
        by_block: dict[int, list[Resolved]] = defaultdict(list)
        structural: dict[int, list[Resolved]] = defaultdict(list)
        for r in resolved:
            if r.mention.source in STRUCTURE_SOURCES:
                structural[r.mention.block].append(r)
            else:
                by_block[r.mention.block].append(r)
        programmes = self._programmes(seg, out, structural, articles)
        self._develops(seg, out, programmes, by_block)
        self._overviews(seg, out, by_block)
        self._prose(seg, out, by_block, programmes, known)
        self._mentions(seg, out, doc, resolved, articles)
        self._learned_nodes(seg, out, structural)
        nodes = tuple(
            Node(n.label, n.id, n.name, n.aliases, {**n.props, "evidence": out.node_evidence[k]})
            for k, n in out.nodes.items()
        )
        return Extraction(info, doc_id, nodes, tuple(out.relations.values()))

    # -------------------------------------------------------------- hierarchy

    def _hierarchy(
        self, seg: Segmented, out: _Collector, doc: NodeRef
    ) -> dict[_ArticleKey, NodeRef]:
        articles: dict[_ArticleKey, NodeRef] = {}
        for b in seg.blocks:
            domain = chapter = None
            if b.domain:
                domain = out.node(Label.DOMAIN, b.domain)
                out.relate(
                    RelType.PUBLISHED_IN, domain, doc, b.domain, b.offset, "structure/domain"
                )
            if b.chapter:
                chapter = out.node(Label.CHAPTER, b.chapter)
                out.relate(
                    RelType.PUBLISHED_IN, chapter, doc, b.chapter, b.offset, "structure/chapter"
                )
                if domain:
                    out.relate(
                        RelType.IN_DOMAIN, chapter, domain, b.chapter, b.offset, "structure/chapter"
                    )
            if b.article:
                key = (b.domain, b.chapter, b.article)
                if key not in articles:
                    art = out.node(Label.ARTICLE, b.article)
                    articles[key] = art
                    out.relate(
                        RelType.PUBLISHED_IN, art, doc, b.article, b.offset, "structure/article"
                    )
                    if chapter:
                        out.relate(
                            RelType.IN_CHAPTER,
                            art,
                            chapter,
                            b.article,
                            b.offset,
                            "structure/article",
                        )
        return articles

    # ------------------------------------------------------------- programmes

    def _programmes(
        self,
        seg: Segmented,
        out: _Collector,
        structural: dict[int, list[Resolved]],
        articles: dict[_ArticleKey, NodeRef],
    ) -> dict[_ArticleKey, list[NodeRef]]:
        """Programme blocks: programmes, their years, articles and executing agencies."""
        found: dict[_ArticleKey, list[NodeRef]] = defaultdict(list)
        for i, b in enumerate(seg.blocks):
            if not isinstance(b.record, ProgrammeList):
                continue
            key = (b.domain, b.chapter, b.article or "")
            pending: list[tuple[NodeRef, str]] = []
            for line, at in record_lines(b.record):
                if isinstance(line, ProgrammeLine):
                    ref = out.node(Label.PROGRAMME, line.name, evidence=line.text,
                                   start_year=line.start, end_year=line.end)  # fmt: skip
                    pending.append((ref, line.text))
                    found[key].append(ref)
                    if b.article and key in articles:
                        out.relate(RelType.DESCRIBED_IN, ref, articles[key], line.text, b.offset,
                                   "programme-block/described-in")  # fmt: skip
                    continue
                named = [
                    r.term
                    for r in structural.get(i, [])
                    if at <= r.mention.start < at + len(line.text)
                ]
                for term in named:
                    agency = out.term_node(term, line.text)
                    for ref, pline in pending:
                        out.relate(RelType.EXECUTED_BY, ref, agency, f"{pline} {line.text}",
                                   b.offset, "programme-block/executed-by")  # fmt: skip
                pending = []
        return found

    def _develops(
        self,
        seg: Segmented,
        out: _Collector,
        programmes: dict[_ArticleKey, list[NodeRef]],
        by_block: dict[int, list[Resolved]],
    ) -> None:
        """DEVELOPS from each programme to the technologies its article presents as its work.

        Rules (:mod:`graphkit.develops`): a technology named in the programme's name; one
        mentioned in a clause that states the work (a work verb before it, no background cue)
        develops-links the programmes whose section it is in (all, unless the section names
        some: :func:`~graphkit.articlework.scopes`). ``mentions`` is the count in the article.
        """
        settings = self._develops_settings
        article_blocks: dict[_ArticleKey, list[int]] = defaultdict(list)
        for i, b in enumerate(seg.blocks):
            if b.article:
                article_blocks[(b.domain, b.chapter, b.article)].append(i)
        for key, refs in programmes.items():
            blocks = [seg.blocks[i] for i in article_blocks.get(key, [])]
            spans = [by_block.get(i, []) for i in article_blocks.get(key, [])]
            names = {ref: out.nodes[(ref.label, ref.id)].name for ref in refs}
            found = article_work(blocks, spans, names, settings)
            forms = {name: term.surface_forms for name, term in found.terms.items()}
            named = {ref: named_subjects(names[ref], forms) for ref in refs}
            for name, n in sorted(found.counts.items()):
                term = found.terms[name]
                for ref in refs:
                    rule, where = "develops/work", found.work.get((name, ref))
                    if name in named[ref]:
                        rule, where = "develops/name", where or found.first.get(name)
                    if where is None:
                        continue
                    text, offset = where
                    tech = out.term_node(term, text)
                    out.relate(RelType.DEVELOPS, ref, tech, text, offset, rule, mentions=n)

    # -------------------------------------------------------------- overviews

    def _overviews(
        self, seg: Segmented, out: _Collector, by_block: dict[int, list[Resolved]]
    ) -> None:
        """Subsidy-table rows (SUPPORTS) and 法規調適 lines (APPLIES_TO) of chapter overviews."""
        provision = re.compile(self._rules["regulation_provision"])
        suffixes = tuple(self._rules["regulation_suffixes"])
        for i, b in enumerate(seg.blocks):
            if not b.chapter:
                continue
            chapter = NodeRef(Label.CHAPTER, make_id(Label.CHAPTER, b.chapter))
            if isinstance(b.record, SubsidyRow):
                scheme = out.node(
                    Label.SUBSIDY_SCHEME, b.record.name, evidence=b.text, purpose=b.record.purpose
                )
                out.relate(
                    RelType.SUPPORTS, scheme, chapter, b.text, b.offset, "overview/subsidy-table"
                )
            elif isinstance(b.record, RegulationLine):
                names: list[tuple[str, str | None]] = []
                for m in provision.finditer(b.text):
                    names.append((m.group("law"), m.group("provision")))
                for r in by_block.get(i, []):
                    if r.term.label is Label.REGULATION:
                        names.append((r.term.name, None))
                for cell in b.record.cells:
                    bare = cell.strip("《》 ")
                    if bare.endswith(suffixes) and "《" not in bare and len(bare) <= 40:
                        names.append((bare, None))
                for law, prov in dict.fromkeys(names):
                    name = f"{law} {prov}" if prov else law
                    reg = out.node(Label.REGULATION, name, evidence=b.text, provision=prov, law=law)
                    out.relate(
                        RelType.APPLIES_TO, reg, chapter, b.text, b.offset, "overview/regulation"
                    )

    # ------------------------------------------------------------------ prose

    def _prose(
        self,
        seg: Segmented,
        out: _Collector,
        by_block: dict[int, list[Resolved]],
        programmes: dict[_ArticleKey, list[NodeRef]],
        known: Known,
    ) -> None:
        """COVERS from prose (:mod:`graphkit.covers`); COLLABORATES_WITH from cue sentences, a
        clause without its subject being the work of the article's executing agencies."""
        cover = CoverSettings.of(self._rules)
        collab = Collaborations(self._rules["collaboration"], self.tag, known)
        # Per article, each executing agency with the 相關科技專案 line that says so.
        listed_in: dict[NodeRef, list[_ArticleKey]] = defaultdict(list)
        for key, refs in programmes.items():
            for ref in refs:
                listed_in[ref].append(key)
        executors: dict[_ArticleKey, dict[NodeRef, str]] = defaultdict(dict)
        for (rel, src, dst), relation in out.relations.items():
            if rel is RelType.EXECUTED_BY:
                for key in listed_in.get(src, ()):
                    executors[key].setdefault(dst, relation.evidence.text)
        for i, b in enumerate(seg.blocks):
            found = best_spans(by_block.get(i, []))
            for policy_term, item, rule, at in covers(b, by_block.get(i, []), cover, known):
                text, offset = sentence_at(b, at)
                policy = out.term_node(policy_term, text)
                tech = (
                    out.node(Label.TECHNOLOGY, item, evidence=text)
                    if isinstance(item, str)
                    else out.term_node(item, text)
                )
                out.relate(RelType.COVERS, policy, tech, text, offset, rule)
            for kind, subject, partners, sentence, offset in collab.find(b, found):
                # A clause without its subject: the executing agencies, the evidence naming them
                # by the programme block's line after the sentence.
                if subject is not None:
                    subjects = {out.term_node(subject, sentence): sentence}
                elif b.article:
                    key = (b.domain, b.chapter, b.article)
                    subjects = {
                        a: _followed_by(sentence, line, out.evidence.limit)
                        for a, line in executors[key].items()
                    }
                else:
                    subjects = {}
                for (src, text), partner in ((s, p) for s in subjects.items() for p in partners):
                    dst = out.term_node(partner, sentence)
                    if dst != src:
                        out.relate(
                            RelType.COLLABORATES_WITH,
                            src,
                            dst,
                            text,
                            offset,
                            f"prose/collaboration/{kind}",
                            kind=kind,
                        )

    # --------------------------------------------------------------- mentions

    def _mentions(
        self,
        seg: Segmented,
        out: _Collector,
        doc: NodeRef,
        resolved: Sequence[Resolved],
        articles: dict[_ArticleKey, NodeRef],
    ) -> None:
        """MENTIONED_IN with counts, to the Document and to the Article where there is one."""
        per_doc: Counter[tuple[Label, str]] = Counter()
        per_article: Counter[tuple[Label, str, _ArticleKey]] = Counter()
        first: dict[tuple[Label, str], tuple[Term, str, int, bool]] = {}
        # Evidence per article (and for the document): the first sentence naming the entity,
        # one without markup that holds the printed form when there is one.
        in_article: dict[tuple[Label, str, _ArticleKey], tuple[str, int, bool]] = {}
        markup = self._develops_settings.markup
        reference = re.compile(self._rules["reference_line"])
        notes = tuple(self._rules["note_words"])
        # Printed forms the entity's names lack (半導體技術 for 半導體) become aliases, and so
        # does a technology's name printed with a generic head after it (X|技術), unless another
        # entity of the document is named so (the programme 科技專案「X技術」).
        printed: dict[tuple[Label, str], list[str]] = defaultdict(list)
        heads = tuple(self._rules["printed_heads"])
        others = {name_key(f) for r in resolved for f in r.term.surface_forms}
        # Longest spans per label: 半導體 inside 化合物半導體 is no mention of 半導體, but an
        # agency inside a programme's name is a mention of the agency.
        spans = counted_spans(resolved)
        for r in sorted(spans, key=lambda r: (r.mention.block, r.mention.start)):
            if r.term.label not in ENTITY_LABELS:
                continue
            b = seg.blocks[r.mention.block]
            text, offset = sentence_at(b, r.mention.start)
            if reference.match(text) or in_source_line(b.text, r.mention.start, reference, notes):
                continue  # a source line names, it does not mention
            k = (r.term.label, r.term.name)
            per_doc[k] += 1
            printed[k] += _printed(r, b.text, heads, others)
            clean = r.mention.text in text and not markup.search(text)
            if k not in first or (clean and not first[k][3]):
                first[k] = (r.term, text, offset, clean)
            if b.article:
                ak = (*k, (b.domain, b.chapter, b.article))
                per_article[ak] += 1
                if ak not in in_article or (clean and not in_article[ak][2]):
                    in_article[ak] = (text, offset, clean)
        for k, n in per_doc.items():
            term, text, offset, _ = first[k]
            ref = out.term_node(term, text)
            known = {name_key(f) for f in term.surface_forms}
            extra = [f for f in printed[k] if name_key(normalise_name(f)) not in known]
            if extra:
                out.node(term.label, term.name, aliases=[normalise_name(f) for f in extra])
            out.relate(RelType.MENTIONED_IN, ref, doc, text, offset, "mention/document", count=n)
        for (label, name, akey), n in per_article.items():
            term = first[(label, name)][0]
            text, offset, _ = in_article[(label, name, akey)]
            ref = out.term_node(term, text)
            out.relate(
                RelType.MENTIONED_IN, ref, articles[akey], text, offset, "mention/article", count=n
            )

    def _learned_nodes(
        self, seg: Segmented, out: _Collector, structural: dict[int, list[Resolved]]
    ) -> None:
        """Entities from the document's tables (glossary, directory, agency table) become nodes."""
        for i, b in enumerate(seg.blocks):
            if row_name(b.record) is None:
                continue
            for r in structural.get(i, []):
                if r.mention.source == "table-row":
                    out.term_node(r.term, b.text)


def _followed_by(sentence: str, line: str, limit: int) -> str:
    """``sentence`` then ``line`` within ``limit`` characters: a long sentence is cut at its last
    clause break that leaves room for the line, so the evidence names both ends.

    >>> _followed_by("甲乙丙,丁戊己,庚辛。", "執行單位:工研院", 17)
    '甲乙丙,丁戊己, 執行單位:工研院'
    """
    room = limit - len(line) - 1
    if len(sentence) > room:
        cut = max(sentence.rfind(c, 0, room) for c in ",，;；、")
        sentence = sentence[: cut + 1] if cut > 0 else sentence[:room]
    return f"{sentence} {line}"


def _printed(r: Resolved, text: str, heads: tuple[str, ...], others: set[str]) -> list[str]:
    """The forms ``r`` is printed in: its mention's text, and for a technology that text with
    one of ``heads`` printed right after it (X|技術) unless ``others`` holds that form."""
    forms = [r.mention.text]
    if r.term.label is Label.TECHNOLOGY:
        forms += [
            r.mention.text + h
            for h in heads
            if text.startswith(h, r.mention.end) and name_key(r.mention.text + h) not in others
        ]
    return forms
