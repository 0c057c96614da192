"""Ranking the nodes of a graph by centrality.

Example:
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("agency:a", name="甲", label="Agency")
    >>> g.add_node("programme:p", name="乙", label="Programme")
    >>> g.add_edge("programme:p", "agency:a", key="EXECUTED_BY", type="EXECUTED_BY")
    'EXECUTED_BY'
    >>> rank(g, by="degree", label="Agency")
    [('甲', 1)]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

import networkx as nx

from .errors import BackendError, Errors, QueryError
from .graphs import NEEDS_SCIPY, check_labels
from .records import Label

#: Ranking measures :func:`rank` knows.
Measure = Literal["degree", "pagerank", "betweenness"]
MEASURES: Final[tuple[str, ...]] = ("degree", "pagerank", "betweenness")


def rank(
    graph: nx.MultiDiGraph,
    by: Measure | str = "degree",
    label: str | Label | None = None,
    top: int | None = 20,
) -> list[tuple[str, float]]:
    """The most central nodes of a graph, by name.

    Args:
        graph: A graph from :func:`to_networkx` or :func:`neighbourhood`.
        by: ``"degree"``: number of relationships, in and out (an int); ``"betweenness"``:
            share of shortest paths through the node, direction ignored; ``"pagerank"``:
            PageRank following relationship direction, so the targets of many relationships
            (agencies executing, technologies developed) rank high. PageRank needs scipy.
        label: Rank only nodes with this label; scores are still computed on the whole graph.
        top: How many to return; ``None`` for all.

    Returns:
        ``(name, score)`` pairs, highest score first, ties by name.

    Raises:
        QueryError: ``by``, ``label`` or ``top`` is invalid.
        BackendError: PageRank was asked for and scipy is not installed.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> for p in ("p1", "p2"):
        ...     _ = g.add_edge(p, "a", key="EXECUTED_BY", type="EXECUTED_BY")
        >>> nx.set_node_attributes(g, {"a": "工研院", "p1": "甲", "p2": "乙"}, "name")
        >>> rank(g, top=2)
        [('工研院', 2), ('乙', 1)]
    """
    if by not in MEASURES:
        raise QueryError(
            Errors.E023.format(detail=f"by={by!r} must be one of {', '.join(MEASURES)}")
        )
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise QueryError(Errors.E023.format(detail=f"top={top!r} must be a positive number"))
    wanted = None if label is None else check_labels([label])
    scores: Mapping[Any, float]
    if by == "degree":
        scores = dict(graph.degree())
    elif by == "betweenness":
        # Direction ignored: Programme→Agency and Programme→Technology edges would otherwise
        # leave no directed path through an agency or a technology.
        scores = nx.betweenness_centrality(nx.Graph(graph))
    else:
        try:
            scores = nx.pagerank(graph)
        except ImportError as exc:  # networkx computes PageRank with scipy
            raise BackendError(NEEDS_SCIPY.format(what="rank(by='pagerank')")) from exc
    rows = [
        (str(data.get("name", node)), scores.get(node, 0), str(node))
        for node, data in graph.nodes(data=True)
        if wanted is None or data.get("label") in {lab.value for lab in wanted}
    ]
    rows.sort(key=lambda r: (-r[1], r[0], r[2]))
    return [(name, score) for name, score, _ in rows[:top]]
