"""Short texts through the real stages: a text as a one-paragraph document through the whole
pipeline, or through the enumeration recogniser with the names already known."""

from __future__ import annotations

from graphkit.lists import Enumerations
from graphkit.pipeline import Pipeline
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Mention, Segmented, SourceText


def text_nodes(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    """(label, name) of every node but the Document that ``pipeline`` extracts from ``text``
    read as one short document, sorted."""
    source = SourceText(path="/n.txt", name="n.txt", text=text, sha256="0", encoding="utf-8")
    extraction, _ = pipeline.extract_document(source)
    nodes = extraction.nodes
    return sorted((n.label.value, n.name) for n in nodes if n.label is not Label.DOCUMENT)


def names_of(pipeline: Pipeline, text: str, *labels: Label) -> list[str]:
    """The sorted names of the nodes of ``labels`` extracted from ``text``."""
    return [name for label, name in text_nodes(pipeline, text) if label in labels]


def enumerated(
    lists: Enumerations, text: str, known: dict[str, Label]
) -> list[tuple[str, Label, int]]:
    """What the enumeration recogniser names in ``text`` (one paragraph) when ``known``'s
    names (each at its first place) were recognised before it: (text, label, start)."""
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    mentions = [
        Mention(label, name, 0, text.index(name), text.index(name) + len(name))
        for name, label in known.items()
    ]
    return [(m.text, m.label, m.start) for m in lists.recognise(seg, mentions)]
