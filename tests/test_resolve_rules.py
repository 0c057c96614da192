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


def _learned_agency(name: str, abbr: str | None = None, name_en: str | None = None) -> Term:
    return Term(Label.AGENCY, name, abbr=abbr, name_en=name_en, origin="definition")


def test_a_glossed_body_no_agency_lexicon_knows_is_a_foreign_organization() -> None:
    """能源部(DOE) in a sentence on the US budget: Taiwan's bodies are the lexicon's."""
    lexicon = [Term(Label.AGENCY, "國家太空中心", abbr="TASA", origin="lexicon")]
    resolver = Resolver(
        lexicon,
        [
            _learned_agency("能源部", abbr="DOE"),
            _learned_agency("牛津經濟研究院", name_en="Oxford Economics"),
            _learned_agency("國家太空中心", abbr="TASA"),
            _learned_agency("國家運動科學中心"),
        ],
    )
    mentions = [
        Mention(Label.AGENCY, "能源部", 0, 0, 3, source="learned"),
        Mention(Label.AGENCY, "牛津經濟研究院", 0, 4, 11, source="learned"),
        Mention(Label.AGENCY, "國家太空中心", 0, 12, 18, source="learned"),
        Mention(Label.AGENCY, "國家運動科學中心", 0, 19, 27, source="learned"),
    ]
    assert [(r.term.label, r.term.name, r.term.kind) for r in resolver.resolve(mentions)] == [
        (Label.ORGANIZATION, "能源部", "foreign body"),
        (Label.ORGANIZATION, "牛津經濟研究院", "foreign body"),
        (Label.AGENCY, "國家太空中心", None),
        (Label.AGENCY, "國家運動科學中心", None),
    ]


def test_a_glossed_body_takes_the_foreign_organization_its_gloss_names() -> None:
    """能源部(DOE) is the lexicon's 美國能源部 (DOE), one node."""
    doe = Term(Label.ORGANIZATION, "美國能源部", abbr="DOE", kind="foreign body", origin="lexicon")
    resolver = Resolver([doe], [_learned_agency("能源部", abbr="DOE")])
    (hit,) = resolver.resolve([Mention(Label.AGENCY, "能源部", 0, 0, 3, source="learned")])
    assert (hit.term.label, hit.term.name) == (Label.ORGANIZATION, "美國能源部")


def test_a_verb_in_front_or_a_generic_head_does_not_make_another_technology() -> None:
    """發展主權AI and 主權AI, 燃料電池技術 and the lexicon's 燃料電池 are one entity each; 負碳技術
    keeps its head (two characters would be left), and a lexicon name is never changed."""
    lexicon = [
        Term(Label.TECHNOLOGY, "燃料電池", origin="lexicon"),
        Term(Label.TECHNOLOGY, "建置技術", origin="lexicon"),
    ]
    learned = [
        Term(Label.TECHNOLOGY, "發展主權AI", name_en="Sovereign AI", origin="definition"),
        Term(Label.TECHNOLOGY, "主權AI", origin="definition"),
        Term(Label.TECHNOLOGY, "燃料電池技術", name_en="Fuel Cell Technology", origin="definition"),
        Term(Label.TECHNOLOGY, "負碳技術", origin="definition"),
    ]
    assert [(t.name, t.aliases) for t in Resolver(lexicon, learned).terms()] == [
        ("燃料電池", ("燃料電池技術", "Fuel Cell Technology")),
        ("建置技術", ()),
        ("主權AI", ("發展主權AI",)),
        ("負碳技術", ()),
    ]
