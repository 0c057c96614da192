"""An item's summary in the merge state: its documents and its fold, carried over a change.

The merge state (:mod:`graphkit.mergestate`) keeps, beside every document's parts of an item,
a :class:`Summary` of it: the documents that have parts of it in merge order, whether each
one's parts are those of the document before it (byte for byte), and its fold
(:func:`graphkit.build.fold_node` or :func:`~graphkit.build.fold_edge`) with ``sources`` and
``editions`` left out (they follow from the documents). A change carries the fold over without
reading the other documents' parts when that gives exactly what folding every part again
gives (:func:`edit`):

* a document added after every other of the item is folded on
  (:func:`~graphkit.build.more_node`, :func:`~graphkit.build.more_edge`);
* a document removed whose parts are those of its neighbour (before or after) changes only
  ``sources`` and ``editions``: folding the same parts right after themselves sets every value
  to the value it already has, keeps first values, takes the maximum of a count with itself
  and lists no new name. When it was the item's first document, a relationship's evidence
  comes from the next one (the only part of the fold a document's own id decides).

Anything else (a document that sorts before another of the item, or one whose parts differ
from both its neighbours) is folded again from every part (:mod:`graphkit.refold`).
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from .build import Order
from .records import PropValue

__all__ = ["EMPTY", "LISTS", "Edit", "Summary", "edit", "lists_of"]

#: The fold's properties the documents give (left out of a summary's fold).
LISTS = ("sources", "editions")


@dataclass(frozen=True, slots=True)
class Summary:
    """What the merge state keeps of one item besides its parts."""

    docs: tuple[int, ...]  # the documents (row ids) with parts of the item, in merge order
    same: tuple[bool, ...]  # whether each one's parts are those of the document before it
    fold: Mapping[str, PropValue] | None  # the fold, without LISTS; None: no parts

    def encode(self) -> tuple[bytes | None, bytes | None]:
        """The ``docs`` and ``fold`` columns of the items table."""
        if self.fold is None:
            return None, None
        fold = {k: v for k, v in self.fold.items() if k not in LISTS}
        return marshal.dumps((list(self.docs), list(self.same))), marshal.dumps(fold)

    @staticmethod
    def decode(docs: bytes | None, fold: bytes | None) -> Summary:
        """A summary from its columns."""
        if docs is None or fold is None:
            return EMPTY
        ids, same = marshal.loads(docs)
        return Summary(tuple(ids), tuple(same), marshal.loads(fold))


EMPTY = Summary((), (), None)


def lists_of(docs: Iterable[int], order: Mapping[int, Order]) -> dict[str, PropValue]:
    """``sources`` and ``editions`` of an item whose documents are ``docs`` (in merge order).

    As :func:`graphkit.build.fold_node` makes them: a document without an edition (``""``,
    :func:`~graphkit.build.editions_of`) adds none.
    """
    places = list(map(order.__getitem__, docs))
    editions = list(dict.fromkeys([place[1] for place in places]))
    if "" in editions:
        editions.remove("")
    return {"sources": [place[2] for place in places], "editions": editions}


@dataclass(frozen=True, slots=True)
class Edit:
    """An item's documents after a change whose fold carries over (see the module)."""

    docs: tuple[int, ...]  # documents kept from before, then those added, in merge order
    same: tuple[bool, ...]  # of the documents kept (an added one is compared when folded)
    kept: int  # how many of ``docs`` are documents from before
    first_gone: bool  # the item's first document was removed, and one from before is first


def edit(
    summary: Summary, removed: Set[int], added: Sequence[int], order: Mapping[int, Order]
) -> Edit | None:
    """The item's documents once ``removed`` go and ``added`` come; None: fold it again.

    ``added`` are documents with parts of the item, ``order`` every document's place in the
    merge (those removed included).
    """
    docs, same = list(summary.docs), list(summary.same)
    first_gone = False
    for doc in [d for d in docs if d in removed]:
        k = docs.index(doc)
        paired = same[k] or (k + 1 < len(docs) and same[k + 1])
        if not paired and len(docs) > 1:
            return None
        if k + 1 < len(docs) and not same[k]:
            same[k + 1] = False  # its predecessor is now one its parts differ from
        del docs[k], same[k]
        first_gone = first_gone or k == 0
    kept = len(docs)
    for doc in sorted(added, key=order.__getitem__):
        if docs and order[doc] < order[docs[-1]]:
            return None
        docs.append(doc)
    return Edit(tuple(docs), tuple(same), kept, first_gone and kept > 0)


def without_lists(props: Mapping[str, Any]) -> dict[str, PropValue]:
    """A fold without the properties its documents give."""
    return {k: v for k, v in props.items() if k not in LISTS}
