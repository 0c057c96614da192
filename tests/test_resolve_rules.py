"""Resolve rules the mutation run found unpinned, on hand-built mentions and lexicons."""

from __future__ import annotations

from graphkit.records import Label, Mention, Term
from graphkit.resolve import Resolved, Resolver, best_spans


def found(start: int, end: int, source: str = "lexicon") -> Resolved:
    name = "甲乙丙丁戊己庚"[start:end]
    mention = Mention(Label.TECHNOLOGY, name, 0, start, end, source=source)
    return Resolved(mention, Term(Label.TECHNOLOGY, name))


def test_a_shorter_span_ending_where_a_longer_one_starts_is_kept() -> None:
    kept = best_spans([found(0, 3), found(3, 7)])
    assert [(r.mention.start, r.mention.end) for r in kept] == [(0, 3), (3, 7)]


def test_lexicon_entries_keep_their_own_labels_when_they_share_a_name() -> None:
    """A lexicon term is never relabelled by another lexicon term's name (learned ones are)."""
    agency = Term(Label.AGENCY, "晶創中心")
    technology = Term(Label.TECHNOLOGY, "晶創中心", ("晶創",))
    resolver = Resolver([agency, technology])
    mentions = [
        Mention(Label.TECHNOLOGY, "晶創", 0, 0, 2),
        Mention(Label.AGENCY, "晶創中心", 0, 3, 7),
    ]
    assert [(r.term.label, r.term.name) for r in resolver.resolve(mentions)] == [
        (Label.TECHNOLOGY, "晶創中心"),
        (Label.AGENCY, "晶創中心"),
    ]
