"""Small hand-built documents for the extract-stage rule tests (no spaCy, no corpus).

Each test lays out a few blocks, says which names were recognised where, and runs the real
:class:`graphkit.extract.Extractor` over them, so a test reads as the rule it pins.
"""

from __future__ import annotations

from dataclasses import replace

from graphkit.extract import Extractor
from graphkit.records import (
    Block,
    BlockKind,
    BlockRecord,
    DocumentInfo,
    Extraction,
    Label,
    Mention,
    Node,
    NodeRef,
    Relation,
    RelType,
    Segmented,
    Term,
)
from graphkit.resolve import Resolved

INFO = DocumentInfo("t.txt", "0", "test")
DOC = "document:t.txt"


def block(
    text: str,
    article: str | None = None,
    *,
    chapter: str | None = "章",
    domain: str | None = "領域",
    record: BlockRecord | None = None,
    kind: str = BlockKind.PARAGRAPH,
) -> Block:
    """A block whose offset :func:`document` fills in."""
    return Block(kind, text, 0, domain, chapter, article, record)


def document(*blocks: Block, info: DocumentInfo = INFO) -> Segmented:
    """The blocks one a line, each offset where its text starts in the document text."""
    laid, offset = [], 0
    for b in blocks:
        laid.append(replace(b, offset=offset))
        offset += len(b.text) + 1
    return Segmented(info, "\n".join(b.text for b in blocks), tuple(laid))


def named(
    seg: Segmented,
    index: int,
    text: str,
    term: Term,
    *,
    nth: int = 0,
    source: str = "lexicon",
) -> Resolved:
    """``term`` recognised at the ``nth`` occurrence of ``text`` in block ``index``."""
    body, start = seg.blocks[index].text, -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    mention = Mention(term.label, text, index, start, start + len(text), source=source)
    return Resolved(mention, term)


def tech(name: str, *aliases: str, abbr: str | None = None) -> Term:
    return Term(Label.TECHNOLOGY, name, aliases, abbr=abbr)


def extract(seg: Segmented, resolved: list[Resolved], *, tagged: bool = False) -> Extraction:
    """The real extractor; ``tagged`` gives it the segmenter's word tagger (jieba)."""
    if not tagged:
        return Extractor().extract(seg, resolved)
    from graphkit.chunk import Chunker

    return Extractor(Chunker().tag).extract(seg, resolved)


def relations(ex: Extraction, *types: RelType) -> dict[tuple[str, str, str], tuple[str, int, str]]:
    """(type, source id, target id) → (evidence text, offset, rule), for relations of ``types``."""
    return {
        (r.type.value, r.source.id, r.target.id): (
            r.evidence.text,
            r.evidence.offset,
            r.evidence.rule,
        )
        for r in ex.relations
        if r.type in types
    }


def relation(ex: Extraction, rel: RelType, source: str, target: str) -> Relation:
    found = [r for r in ex.relations if (r.type, r.source.id, r.target.id) == (rel, source, target)]
    assert len(found) == 1, found
    return found[0]


def node(ex: Extraction, ref: str) -> Node:
    found = [n for n in ex.nodes if n.id == ref]
    assert len(found) == 1, found
    return found[0]


def ref(label: Label, node_id: str) -> NodeRef:
    return NodeRef(label, node_id)
