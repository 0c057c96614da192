"""Typed records passed between pipeline stages.

Data flows one way: read → segment → recognise → resolve → extract → build → store.
Every stage takes and returns these frozen records; none of them does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

#: A property value as it can be stored in both FalkorDB and Neo4j.
PropValue = str | int | float | bool | list[str] | list[int] | None


class Label(StrEnum):
    """Node labels of the graph contract. Labels in Cypher only ever come from here."""

    PROGRAMME = "Programme"
    AGENCY = "Agency"
    TECHNOLOGY = "Technology"
    POLICY = "Policy"
    SUBSIDY_SCHEME = "SubsidyScheme"
    REGULATION = "Regulation"
    ORGANIZATION = "Organization"
    DOCUMENT = "Document"
    DOMAIN = "Domain"
    CHAPTER = "Chapter"
    ARTICLE = "Article"


#: Labels of things the documents talk about (as opposed to the document hierarchy).
ENTITY_LABELS: tuple[Label, ...] = (
    Label.PROGRAMME,
    Label.AGENCY,
    Label.TECHNOLOGY,
    Label.POLICY,
    Label.SUBSIDY_SCHEME,
    Label.REGULATION,
    Label.ORGANIZATION,
)


class RelType(StrEnum):
    """Relationship types of the graph contract."""

    EXECUTED_BY = "EXECUTED_BY"
    DEVELOPS = "DEVELOPS"
    DESCRIBED_IN = "DESCRIBED_IN"
    IN_CHAPTER = "IN_CHAPTER"
    IN_DOMAIN = "IN_DOMAIN"
    PUBLISHED_IN = "PUBLISHED_IN"
    MENTIONED_IN = "MENTIONED_IN"
    SUPPORTS = "SUPPORTS"
    APPLIES_TO = "APPLIES_TO"
    COVERS = "COVERS"
    COLLABORATES_WITH = "COLLABORATES_WITH"


# --------------------------------------------------------------------------- read


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded input file, exactly as read (not yet normalised)."""

    path: str
    name: str
    text: str
    sha256: str
    encoding: str


# ------------------------------------------------------------------------ segment


class BlockKind(StrEnum):
    """Block kinds every family shares. A family names its other kinds in its own module."""

    PARAGRAPH = "paragraph"


# Structured lines and rows a loader parses once, so later stages read named fields rather than
# re-parsing the text or indexing table cells. A block without one is prose.


@dataclass(frozen=True, slots=True)
class ProgrammeLine:
    """A programme line of a 相關科技專案 block: ``NAME（YYYY~YYYY年）``."""

    name: str
    start: int
    end: int  # the start year again when the line gives one year
    text: str


@dataclass(frozen=True, slots=True)
class ExecutorLine:
    """An ``執行單位：`` line: the agencies executing the programme lines before it."""

    agencies: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class ProgrammeList:
    """A 相關科技專案 block: programme lines, each group followed by its 執行單位 line."""

    lines: tuple[ProgrammeLine | ExecutorLine, ...]


@dataclass(frozen=True, slots=True)
class SubsidyRow:
    """A row of a subsidy-scheme table: the scheme and what it is for."""

    name: str
    purpose: str | None


@dataclass(frozen=True, slots=True)
class RegulationLine:
    """A line on regulations; ``cells`` holds the row's cells when it came from a table."""

    cells: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GlossaryRow:
    """A glossary row: the Chinese term and its English cell (``English, ABBR``)."""

    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    """A directory row: an organisation, where it is, and its site."""

    continent: str
    country: str
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class AgencyRow:
    """A row of a table of agencies and their sites."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """An entry of a chronology: its date (``YYYY-MM``) and title; the block text is prose."""

    date: str
    title: str


#: Everything a block can carry besides its text.
BlockRecord = (
    ProgrammeList
    | SubsidyRow
    | RegulationLine
    | GlossaryRow
    | DirectoryRow
    | AgencyRow
    | DatedEvent
)


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of text with its place in the document hierarchy.

    ``offset`` is the position of ``text`` in the normalised document text, so evidence can
    point back into the document. ``kind`` is the family's name for the block;
    ``record`` holds what the loader parsed out of a structured line or row.
    """

    kind: str
    text: str
    offset: int
    domain: str | None = None
    chapter: str | None = None
    article: str | None = None
    record: BlockRecord | None = None

    @property
    def is_prose(self) -> bool:
        """Running text, where terms may be defined: no record, or a dated event's body."""
        return self.record is None or isinstance(self.record, DatedEvent)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What is known about a loaded document (the Document node)."""

    source: str  # file name as given by the user
    sha256: str
    family: str  # name of the loader that segmented it
    title: str | None = None
    publisher: str | None = None
    edition: str | None = None
    year: int | None = None
    published: str | None = None  # e.g. "2025-09"
    series: str | None = None  # what its editions belong to (normalise.series_of)


@dataclass(frozen=True, slots=True)
class Segmented:
    """Output of a loader: the normalised text cut into blocks along its structure."""

    info: DocumentInfo
    text: str
    blocks: tuple[Block, ...]


# ---------------------------------------------------------------------- recognise

#: The kind of a body abroad (a recogniser's, a directory row's or the resolver's judgement): an
#: Organization, never merged into a Taiwanese agency of its name.
FOREIGN_BODY = "foreign body"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a block recognised as naming an entity.

    ``key`` is the canonical name the lexicon gives for this surface form, when it knows one.
    """

    label: Label
    text: str
    block: int  # index into Segmented.blocks
    start: int  # character offsets within the block text
    end: int
    key: str | None = None
    source: str = "lexicon"  # lexicon | learned | pattern | ckip
    kind: str | None = None  # what a recogniser knows of a new entity (``foreign body``)


# ------------------------------------------------------------------------ resolve


@dataclass(frozen=True, slots=True)
class Term:
    """A known entity: canonical name plus its other names.

    Lexicon files and terms learned from a document (glossary rows, in-text definitions,
    directory rows, 簡稱 patterns) both become Terms.
    """

    label: Label
    name: str
    aliases: tuple[str, ...] = ()
    name_en: str | None = None
    abbr: str | None = None
    short_name: str | None = None
    url: str | None = None
    kind: str | None = None
    origin: str = "lexicon"

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every string that names this term, canonical name first, without repeats."""
        forms = [self.name, *self.aliases]
        forms += [f for f in (self.name_en, self.abbr, self.short_name) if f]
        return tuple(dict.fromkeys(forms))


# ------------------------------------------------------------------------ extract


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a relation exists: the document, where, the supporting text and the rule."""

    document: str  # Document id
    offset: int
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class NodeRef:
    """Points at a node by label and id."""

    label: Label
    id: str


@dataclass(frozen=True, slots=True)
class Node:
    """A node to be written: label, deterministic id and properties."""

    label: Label
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    props: Mapping[str, PropValue] = field(default_factory=dict)

    @property
    def ref(self) -> NodeRef:
        return NodeRef(self.label, self.id)


@dataclass(frozen=True, slots=True)
class Relation:
    """A relationship with its evidence."""

    type: RelType
    source: NodeRef
    target: NodeRef
    evidence: Evidence
    props: Mapping[str, PropValue] = field(default_factory=dict)

    @property
    def key(self) -> tuple[RelType, NodeRef, NodeRef]:
        return (self.type, self.source, self.target)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one document contributes: its nodes and relations, before merging."""

    info: DocumentInfo
    document_id: str
    nodes: tuple[Node, ...]
    relations: tuple[Relation, ...]


# -------------------------------------------------------------------------- build


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A merged node, ready for the store. ``props`` includes name, aliases and provenance."""

    label: Label
    id: str
    props: Mapping[str, PropValue]


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """A merged relationship, ready for the store, with provenance in ``props``."""

    type: RelType
    source: NodeRef
    target: NodeRef
    props: Mapping[str, PropValue]


@dataclass(frozen=True, slots=True)
class Graph:
    """The merged graph of one or more documents."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
