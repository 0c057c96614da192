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
    """What a block of a segmented document is, by the document's own structure."""

    PARAGRAPH = "paragraph"
    PROGRAMME_BLOCK = "programme_block"  # a 相關科技專案 block: programme lines and 執行單位 lines
    SUBSIDY_ROW = "subsidy_row"  # a row of a per-chapter 補助計畫 table: name, purpose
    REGULATION_LINE = "regulation_line"  # a 法規調適 line
    GLOSSARY_ROW = "glossary_row"  # a 中英文名詞索引 row: zh, "English, ABBR"
    DIRECTORY_ROW = "directory_row"  # a 產業技術訊息相關連網 row: name, url
    AGENCY_ROW = "agency_row"  # a row of the 執行單位法人 table: name, url
    EVENT = "event"  # a 大事記 entry


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of text with its place in the document hierarchy.

    ``offset`` is the position of ``text`` in the normalised document text, so evidence can
    point back into the document. ``cells`` holds table cells for the row kinds.
    """

    kind: BlockKind
    text: str
    offset: int
    domain: str | None = None
    chapter: str | None = None
    article: str | None = None
    cells: tuple[str, ...] = ()


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
