"""Rules over a document's mentions as a whole (graphkit.documentwide)."""

from __future__ import annotations

from graphkit.documentwide import known_first
from graphkit.records import Label, Mention


def test_a_lexicons_label_wins_over_a_patterns_on_one_span() -> None:
    # A quoted 「…計畫」 is a programme to the patterns; the lexicon knows a policy by that name.
    found = [
        Mention(Label.PROGRAMME, "甲乙計畫", 0, 1, 5, source="pattern"),
        Mention(Label.POLICY, "甲乙計畫", 0, 1, 5, key="甲乙", source="lexicon"),
        Mention(Label.PROGRAMME, "甲乙計畫", 1, 1, 5, source="pattern"),
        Mention(Label.TECHNOLOGY, "甲乙", 0, 1, 3, source="pattern"),
    ]
    assert known_first(found) == found[1:]


def test_a_known_policy_inside_a_bodys_name_is_none() -> None:
    from graphkit.documentwide import outside_names

    found = [
        Mention(Label.POLICY, "甲乙", 0, 4, 6, key="甲乙", source="lexicon"),
        Mention(Label.AGENCY, "甲乙推動委員會", 0, 4, 11, source="pattern"),
        Mention(Label.POLICY, "甲乙", 1, 0, 2, key="甲乙", source="lexicon"),
        Mention(Label.POLICY, "甲乙方案", 1, 0, 4, source="pattern"),
    ]
    assert outside_names(found) == found[1:]
