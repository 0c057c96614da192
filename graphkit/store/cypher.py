"""All Cypher that graphkit writes with, in one place, for every store.

Labels and relationship types are interpolated only from :class:`~graphkit.records.Label` and
:class:`~graphkit.records.RelType` members, never from input text; every value is a parameter.
The same statements run on FalkorDB and Neo4j.
"""

from __future__ import annotations

from ..records import Label, RelType

#: Node and relationship properties that are lists merged by union, in first-seen order.
LIST_PROPS: tuple[str, ...] = ("aliases", "keys", "sources", "editions")
#: Relationship properties kept from the first source that supported the relationship.
FIRST_PROPS: tuple[str, ...] = (
    "evidence",
    "evidence_rule",
    "evidence_offset",
    "evidence_source",
    "evidence_page",  # PDF sources only
)

#: List properties a patch edits where they are (values dropped, values appended) instead of
#: sending them whole: they grow with the number of documents loaded.
EDITED_LISTS: tuple[str, ...] = ("sources", "editions")

BATCH_SIZE = 500


def _check_label(label: Label) -> str:
    return Label(label).value  # raises ValueError for anything that is not a contract label


def _check_type(rel: RelType) -> str:
    return RelType(rel).value


def _union(var: str, prop: str) -> str:
    return (
        f"{var}.{prop} = reduce(acc = coalesce({var}.{prop}, []), x IN coalesce(row.{prop}, []) | "
        f"CASE WHEN x IN acc THEN acc ELSE acc + x END)"
    )


def merge_nodes(label: Label) -> str:
    """MERGE a batch of nodes of one label by id; union list properties, overwrite scalars.

    Each row is ``{id, props: {...}}`` plus one list per name in :data:`LIST_PROPS`.
    """
    lab = _check_label(label)
    unions = ",\n    ".join(_union("n", p) for p in LIST_PROPS)
    return f"UNWIND $rows AS row\nMERGE (n:{lab} {{id: row.id}})\nSET n += row.props,\n    {unions}"


def merge_edges(rel: RelType, source: Label, target: Label) -> str:
    """MERGE a batch of relationships of one type between two labels.

    Each row is ``{src, dst, props: {...}, first: {...}, sources: [...], editions: [...]}``:
    ``first`` holds the evidence, kept from the first source; ``props`` are overwritten.
    """
    typ, src, dst = _check_type(rel), _check_label(source), _check_label(target)
    unions = ",\n    ".join(_union("r", p) for p in ("sources", "editions"))
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{src} {{id: row.src}})\n"
        f"MATCH (b:{dst} {{id: row.dst}})\n"
        f"MERGE (a)-[r:{typ}]->(b)\n"
        "ON CREATE SET r += row.first\n"
        "SET r += row.props,\n"
        f"    {unions}"
    )


#: Deletes graphkit's graph (nodes with a contract label and their relationships) and nothing
#: else, so a Neo4j database can hold other data beside it.
DELETE_GRAPH = (
    "MATCH (n) WHERE " + " OR ".join(f"n:{label.value}" for label in Label) + " DETACH DELETE n"
)

#: The label of the one node outside the graph contract that graphkit writes: in a Neo4j
#: database, it records the push it holds (:meth:`graphkit.store.base.GraphStore.marker`).
MARKER_LABEL = "GraphkitMarker"
#: Every node of the graph (the marker node is not part of it).
GRAPH_NODES = f"MATCH (n) WHERE NOT n:{MARKER_LABEL}"
MARKER = f"MATCH (m:{MARKER_LABEL}) RETURN m.token AS token"
CLEAR_MARKER = f"MATCH (m:{MARKER_LABEL}) DELETE m"
SET_MARKER = f"MERGE (m:{MARKER_LABEL}) SET m.token = $token"

COUNT_LABELS = f"{GRAPH_NODES} RETURN labels(n)[0] AS label, count(n) AS count ORDER BY label"
COUNT_TYPES = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS count ORDER BY type"
DOCUMENTS = (
    "MATCH (d:Document) RETURN d.id AS id, d.name AS name, d.sha256 AS sha256, "
    "d.edition AS edition ORDER BY id"
)

#: The stored graph item by item, keyed as :mod:`graphkit.delta` keys it.
STORED_NODES = f"{GRAPH_NODES} RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props"
STORED_EDGES = (
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a)[0] AS src_label, a.id AS src, "
    "labels(b)[0] AS dst_label, b.id AS dst, properties(r) AS props"
)


def delete_edges(rel: RelType, source: Label, target: Label, param: str) -> str:
    """Delete the relationships listed in ``$param`` (rows ``{src, dst}``)."""
    typ, src, dst = _check_type(rel), _check_label(source), _check_label(target)
    return (
        f"UNWIND ${param} AS row\n"
        f"MATCH (:{src} {{id: row.src}})-[r:{typ}]->(:{dst} {{id: row.dst}})\nDELETE r"
    )


def delete_nodes(label: Label, param: str) -> str:
    """Delete the nodes listed in ``$param`` (rows ``{id}``) with their relationships."""
    return (
        f"UNWIND ${param} AS row\nMATCH (n:{_check_label(label)} {{id: row.id}})\nDETACH DELETE n"
    )


def put_nodes(label: Label, param: str) -> str:
    """Create or overwrite the nodes in ``$param`` (rows ``{id, props}``): all properties."""
    return (
        f"UNWIND ${param} AS row\nMERGE (n:{_check_label(label)} {{id: row.id}})\nSET n = row.props"
    )


def put_edges(rel: RelType, source: Label, target: Label, param: str) -> str:
    """Create or overwrite the relationships in ``$param`` (rows ``{src, dst, props}``)."""
    typ, src, dst = _check_type(rel), _check_label(source), _check_label(target)
    return (
        f"UNWIND ${param} AS row\n"
        f"MATCH (a:{src} {{id: row.src}})\n"
        f"MATCH (b:{dst} {{id: row.dst}})\n"
        f"MERGE (a)-[r:{typ}]->(b)\nSET r = row.props"
    )


def _edits(var: str) -> str:
    return ",\n    ".join(
        f"{var}.{p} = reduce(acc = [], piece IN row.{p} | "
        f"acc + {var}.{p}[piece[0]..piece[1]] + piece[2])"
        for p in EDITED_LISTS
    )


def patch_nodes(label: Label, param: str) -> str:
    """Change the nodes in ``$param`` where they differ (rows ``{id, props, sources, editions}``).

    ``props`` holds the properties given a new value (null removes one); each list of
    :data:`EDITED_LISTS` is made again of pieces ``[a, b, [items]]``: its items from index a up
    to b (not included), then the items given (:class:`graphkit.delta.Patch`; a list that did
    not change is the one piece ``[0, size, []]``).
    """
    return (
        f"UNWIND ${param} AS row\nMATCH (n:{_check_label(label)} {{id: row.id}})\n"
        f"SET n += row.props,\n    {_edits('n')}"
    )


def patch_edges(rel: RelType, source: Label, target: Label, param: str) -> str:
    """Change the relationships in ``$param`` (rows ``{src, dst, props, sources, editions}``)."""
    typ, src, dst = _check_type(rel), _check_label(source), _check_label(target)
    return (
        f"UNWIND ${param} AS row\n"
        f"MATCH (:{src} {{id: row.src}})-[r:{typ}]->(:{dst} {{id: row.dst}})\n"
        f"SET r += row.props,\n    {_edits('r')}"
    )


def count_type(rel: RelType) -> str:
    """How many relationships of one type the graph holds (a store answers it from its
    counts, without reading them: a count over all types groups every relationship)."""
    return f"MATCH ()-[r:{_check_type(rel)}]->() RETURN count(r) AS count"


def one_query(clauses: list[str]) -> str:
    """Chain update clauses into one query (one atomic write on FalkorDB).

    ``WITH count(*)`` between two parts makes exactly one row whatever the part before
    matched, so every part runs, in order.
    """
    return "\n".join(
        clause if i == 0 else f"WITH count(*) AS done{i}\n{clause}"
        for i, clause in enumerate(clauses)
    )
