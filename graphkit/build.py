"""Build stage: merge what each document contributes into one graph, with provenance.

Merging is a pure function of the *set* of extractions: they are ordered by edition year,
edition and document id first, so the order files were loaded in never matters. Every node and
relationship gets ``sources`` (Document ids) and ``editions``; evidence comes from the first
source (the earliest edition), other node properties from the latest edition that states them
(a programme's extended year span, a changed URL). A node's ``keys`` holds the lower-cased
forms of all its names, so queries can find 碳化矽 by ``sic``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .normalise import name_key
from .records import Extraction, Graph, GraphEdge, GraphNode, Label, NodeRef, PropValue, RelType


def _union(a: Iterable[str], b: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*a, *b]))


def _keys(name: str, aliases: Iterable[str], props: dict[str, PropValue]) -> list[str]:
    forms = [
        name,
        *aliases,
        *(str(props[k]) for k in ("name_en", "abbr", "short_name") if props.get(k)),
    ]
    return list(dict.fromkeys(name_key(f) for f in forms if f))


#: Node properties kept from the first source rather than the latest.
FIRST_NODE_PROPS = frozenset({"evidence"})


def _order(ex: Extraction) -> tuple[int, str, str]:
    return (ex.info.year or 0, ex.info.edition or "", ex.document_id)


def build(extractions: Iterable[Extraction]) -> Graph:
    """Merge extractions into a graph ready for a store (the result does not depend on order)."""
    nodes: dict[tuple[Label, str], dict[str, PropValue]] = {}
    edges: dict[tuple[RelType, NodeRef, NodeRef], dict[str, PropValue]] = {}
    for ex in sorted(extractions, key=_order):
        edition = ex.info.edition
        editions = [edition] if edition else []
        for n in ex.nodes:
            key = (n.label, n.id)
            old = nodes.get(key)
            props: dict[str, PropValue] = dict(n.props)
            if old is None:
                props.update(name=n.name, aliases=list(n.aliases), sources=[ex.document_id],
                             editions=list(editions))  # fmt: skip
                nodes[key] = props
            else:
                for k, v in props.items():
                    if k in FIRST_NODE_PROPS:
                        old.setdefault(k, v)
                    else:
                        old[k] = v
                old["aliases"] = _union(old["aliases"], n.aliases)  # type: ignore[arg-type]
                old["sources"] = _union(old["sources"], [ex.document_id])  # type: ignore[arg-type]
                old["editions"] = _union(old["editions"], editions)  # type: ignore[arg-type]
        for r in ex.relations:
            old_edge = edges.get(r.key)
            if old_edge is None:
                edges[r.key] = {
                    **r.props,
                    "sources": [ex.document_id],
                    "editions": list(editions),
                    "evidence": r.evidence.text,
                    "evidence_rule": r.evidence.rule,
                    "evidence_offset": r.evidence.offset,
                    "evidence_source": r.evidence.document,
                }
            else:
                for k, v in r.props.items():
                    if k == "evidence_page":  # goes with the first evidence, kept above
                        continue
                    prev = old_edge.get(k)
                    # Counts from two copies of one article (two files, one edition): the larger.
                    if isinstance(v, int) and isinstance(prev, int):
                        old_edge[k] = max(prev, v)
                    else:
                        old_edge.setdefault(k, v)
                old_edge["sources"] = _union(old_edge["sources"], [ex.document_id])  # type: ignore[arg-type]
                old_edge["editions"] = _union(old_edge["editions"], editions)  # type: ignore[arg-type]
    graph_nodes = []
    for (label, node_id), props in nodes.items():
        props["keys"] = _keys(str(props["name"]), props["aliases"], props)  # type: ignore[arg-type]
        graph_nodes.append(GraphNode(label, node_id, props))
    graph_edges = [GraphEdge(t, s, d, props) for (t, s, d), props in edges.items()]
    return Graph(tuple(graph_nodes), tuple(graph_edges))
