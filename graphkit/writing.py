"""Writing a merged graph to a store: the difference from what it holds, or the whole graph.

:func:`write_graph` is the write step of a build that merges every document
(:func:`graphkit.loading.commit`) and of :func:`graphkit.pipeline.push`.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from .ledger import STATE_NAME, Ledger
from .records import Label

if TYPE_CHECKING:
    from .delta import Delta, Fingerprints
    from .records import Graph
    from .store.base import GraphStore

__all__ = ["FULL_WRITE_SHARE", "write_graph"]


#: A difference touching more items than this share of the new graph's is not applied as a
#: difference: the graph is written whole (in batches, on a staging copy) instead. Adding or
#: removing an edition touches nearly every item the editions share (their sources and
#: editions change), and one query still costs less than a rewrite then, so only a
#: difference larger than the graph itself (most of it deleted) is written whole.
FULL_WRITE_SHARE = 1.0


def write_graph(
    store: GraphStore,
    ledger: Ledger,
    graph: Graph,
    counts: dict[str, dict[str, int]],
    *,
    state: str = STATE_NAME,
    whole: bool = False,
    keep_state: Callable[[str, Fingerprints], None] | None = None,
) -> Delta | None:
    """Make ``graph`` the stored graph, writing only the difference unless ``whole``.

    Returns the difference applied, or None when the graph was written whole. ``state`` names
    the ledger file keeping the fingerprints (one for the store, one for pushes);
    ``keep_state`` is called with the new marker and fingerprints before the marker is set.

    The old side of the difference is the ledger's fingerprints of the graph written last
    (:meth:`Ledger.state`), trusted only when the store still carries the marker set after
    that write and holds as many items of each label and type (``counts``,
    :meth:`GraphStore.counts`); otherwise the store's own content. The marker is cleared by
    every write and set again only after the fingerprints of the new graph are saved, so a
    crash anywhere in between leaves no marker, and the next build reads the store.
    """
    from .delta import Fingerprints, diff, fingerprints, stored

    new = stored(graph)
    prints = fingerprints(new)
    written: Delta | None = None
    if whole:
        store.write(graph)
    else:
        old = ledger.state(store.marker(), state)
        if old is None or _counts_of(old) != _of_contract(counts):
            empty = not any(_of_contract(counts)["nodes"].values())
            old = Fingerprints({}, {}) if empty else fingerprints(store.stored())
        delta = diff(old, new, prints)
        if not old.size() or delta.size() > FULL_WRITE_SHARE * prints.size():
            store.write(graph)
        else:
            store.write_changes(graph, delta)
            written = delta
    token = secrets.token_hex(16)
    ledger.save_state(token, prints, state)
    if keep_state is not None:
        keep_state(token, prints)
    store.mark(token)
    return written


def _of_contract(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """``counts`` of the contract's labels and types only (Neo4j may hold other data)."""
    from .records import RelType

    labels, types = {lab.value for lab in Label}, {typ.value for typ in RelType}
    return {
        "nodes": {k: v for k, v in counts.get("nodes", {}).items() if k in labels},
        "relationships": {k: v for k, v in counts.get("relationships", {}).items() if k in types},
    }


def _counts_of(prints: Fingerprints) -> dict[str, dict[str, int]]:
    """Items per label and per type, in the shape of :meth:`GraphStore.counts`."""
    nodes = Counter(label for label, _ in prints.nodes)
    edges = Counter(key[0] for key in prints.edges)
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(edges.items()))}
