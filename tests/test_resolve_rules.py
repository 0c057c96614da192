"""Resolve rules the mutation run found unpinned, on hand-built mentions and lexicons."""

from __future__ import annotations

from graphkit.knowledge import all_lexicon_terms
from graphkit.pipeline import Pipeline
from graphkit.records import Label, Mention, Term
from graphkit.resolve import Resolved, Resolver, known_body
from graphkit.spans import best_spans, counted_spans


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
    """能源部(DOE) is the lexicon's 美國能源部 (DOE): no entity of its own."""
    doe = Term(Label.ORGANIZATION, "美國能源部", abbr="DOE", kind="foreign body", origin="lexicon")
    resolver = Resolver([doe], [_learned_agency("能源部", abbr="DOE")])
    assert resolver.terms() == [doe]
    (hit,) = resolver.resolve([Mention(Label.AGENCY, "DOE", 0, 4, 7, source="lexicon")])
    assert (hit.term.label, hit.term.name) == (Label.ORGANIZATION, "美國能源部")


def test_a_verb_in_front_or_a_generic_head_does_not_make_another_technology(
    pipeline: Pipeline,
) -> None:
    """發展主權AI and 主權AI, 燃料電池技術 and the lexicon's 燃料電池 are one entity each; 負碳技術
    keeps its head (two characters would be left), a verb the segmenter does not read as the
    name's first word stays (開發者平臺), and a lexicon name is never changed (建置技術)."""
    lexicon = [
        Term(Label.TECHNOLOGY, "燃料電池", origin="lexicon"),
        Term(Label.TECHNOLOGY, "建置技術", origin="lexicon"),
    ]
    learned = [
        Term(Label.TECHNOLOGY, "發展主權AI", name_en="Sovereign AI", origin="definition"),
        Term(Label.TECHNOLOGY, "主權AI", origin="definition"),
        Term(Label.TECHNOLOGY, "燃料電池技術", name_en="Fuel Cell Technology", origin="definition"),
        Term(Label.TECHNOLOGY, "負碳技術", origin="definition"),
        Term(Label.TECHNOLOGY, "開發者平臺技術", origin="definition"),
        Term(Label.TECHNOLOGY, "投入產出分析", origin="definition"),
    ]
    resolver = Resolver(lexicon, learned, first_word=pipeline.first_word)
    assert [(t.name, t.aliases) for t in resolver.terms()] == [
        ("燃料電池", ("燃料電池技術", "Fuel Cell Technology")),
        ("建置技術", ()),
        ("主權AI", ("發展主權AI",)),
        ("負碳技術", ()),
        ("開發者平臺", ("開發者平臺技術",)),
        ("投入產出分析", ()),
    ]
    # Without a segmenter only the heads go.
    alone = Resolver([], [Term(Label.TECHNOLOGY, "發展主權AI技術", origin="definition")])
    assert [t.name for t in alone.terms()] == ["發展主權AI"]


def test_a_glossed_sub_body_of_a_taiwanese_agency_or_city_stays_an_agency() -> None:
    lexicon = [Term(Label.AGENCY, "國防部", origin="lexicon")]
    learned = [
        _learned_agency("國防部軍備局", name_en="Armaments Bureau"),
        _learned_agency("臺北市政府產業發展局", abbr="DOED"),
        _learned_agency("國家核安全管理局", abbr="NNSA"),
    ]
    assert [(t.name, t.label) for t in Resolver(lexicon, learned).terms()] == [
        ("國防部", Label.AGENCY),
        ("國防部軍備局", Label.AGENCY),
        ("臺北市政府產業發展局", Label.AGENCY),
        ("國家核安全管理局", Label.ORGANIZATION),
    ]


def test_a_body_known_by_its_gloss_only_leaves_its_short_name_to_others() -> None:
    """能源部(DOE) is the lexicon's 美國能源部; Israel's 能源部 of a directory row is not."""
    doe = Term(Label.ORGANIZATION, "美國能源部", abbr="DOE", kind="foreign body", origin="lexicon")
    israel = Term(
        Label.ORGANIZATION,
        "能源部",
        url="https://www.gov.il/x",
        kind="foreign body",
        origin="directory",
    )
    resolver = Resolver([doe], [_learned_agency("能源部", abbr="DOE"), israel])
    assert [(t.name, t.url) for t in resolver.terms()] == [
        ("美國能源部", None),
        ("能源部", "https://www.gov.il/x"),
    ]


def test_only_a_documents_technologies_lose_a_generic_head() -> None:
    """無陽極技術 of a document is 無陽極 (three characters left); the lexicon's 碳捕捉技術 and a
    policy named so keep their names."""
    lexicon = [Term(Label.TECHNOLOGY, "碳捕捉技術", origin="lexicon")]
    learned = [
        Term(Label.TECHNOLOGY, "無陽極技術", origin="definition"),
        Term(Label.POLICY, "精準健康技術", origin="definition"),
    ]
    assert [t.name for t in Resolver(lexicon, learned).terms()] == [
        "碳捕捉技術",
        "無陽極",
        "精準健康技術",
    ]


def test_a_taiwanese_prefix_is_a_cjk_agency_name_of_two_characters_or_more() -> None:
    lexicon = [
        Term(Label.AGENCY, "甲部", origin="lexicon"),
        Term(Label.AGENCY, "丙丁戊署", abbr="AB", origin="lexicon"),
    ]
    learned = [
        _learned_agency("甲部乙局", abbr="JB"),  # a two-character agency leads it
        _learned_agency("AB研究署", name_en="AB Research Agency"),  # an abbreviation does not
    ]
    assert [(t.name, t.label) for t in Resolver(lexicon, learned).terms()][2:] == [
        ("甲部乙局", Label.AGENCY),
        ("AB研究署", Label.ORGANIZATION),
    ]


def test_known_body_finds_organizations_too() -> None:
    body = known_body("台積電")
    assert body is not None and (body.label, body.name) == (Label.ORGANIZATION, "臺灣積體電路製造")


def test_a_latin_name_a_pattern_finds_takes_the_documents_term_of_another_label() -> None:
    """The English name of 委託開發暨製造服務 found by the organisation rule is that service."""
    english = "Contract Development and Manufacturing Organization"
    cdmo = Term(Label.TECHNOLOGY, "委託開發暨製造服務", name_en=english, origin="definition")
    mentions = [
        Mention(Label.ORGANIZATION, english, 0, 0, len(english), source="org-context"),
        Mention(Label.ORGANIZATION, "Acme Foundation", 0, 60, 75, source="org-context"),
    ]
    resolved = Resolver([], [cdmo]).resolve(mentions)
    assert [(r.term.label, r.term.name) for r in resolved] == [
        (Label.TECHNOLOGY, "委託開發暨製造服務"),
        (Label.ORGANIZATION, "Acme Foundation"),
    ]


def _policies(lexicon: list[Term], *printed: str) -> list[tuple[str, tuple[str, ...]]]:
    """Resolve quoted policy names (source ``pattern``), one per block: (name, surface forms)."""
    mentions = [
        Mention(Label.POLICY, text, i, 0, len(text), source="pattern")
        for i, text in enumerate(printed)
    ]
    return [(r.term.name, r.term.surface_forms) for r in Resolver(lexicon).resolve(mentions)]


def test_a_policy_printed_without_its_head_is_the_policy_printed_with_it() -> None:
    """「晶創」 and 「晶創方案」 in one document are one policy, named with its head, whichever
    comes first; 「晶創政策」 is too (any head of resolve.json's policy_heads)."""
    assert [n for n, _ in _policies([], "晶創臺灣", "晶創臺灣方案")] == ["晶創臺灣方案"] * 2
    assert [n for n, _ in _policies([], "晶創臺灣方案", "晶創臺灣")] == ["晶創臺灣方案"] * 2
    assert [n for n, _ in _policies([], "新南向", "新南向政策")] == ["新南向政策"] * 2
    assert _policies([], "晶創臺灣", "晶創臺灣方案")[0][1] == ("晶創臺灣方案", "晶創臺灣")


def test_a_bare_concept_is_not_the_lexicons_plan_with_a_head() -> None:
    """「循環經濟」 is no 循環經濟推動方案 only because a lexicon names that plan: the pairing of
    the two forms is inferred within one document, or listed as an alias in the lexicon."""
    plan = Term(Label.POLICY, "循環經濟推動方案", origin="lexicon")
    assert [n for n, _ in _policies([plan], "循環經濟")] == ["循環經濟"]
    listed = Term(Label.POLICY, "新南向政策", ("新南向",), origin="lexicon")
    assert [n for n, _ in _policies([listed], "新南向")] == ["新南向政策"]


def test_a_policy_with_a_head_takes_the_known_policy_without_it() -> None:
    known = Term(Label.POLICY, "淨零排放路徑", origin="lexicon")
    assert [n for n, _ in _policies([known], "淨零排放路徑藍圖")] == ["淨零排放路徑"]


def test_a_known_policy_of_the_bare_name_keeps_it_and_short_stems_merge_nothing() -> None:
    """A policy the lexicon knows by the bare name stays itself (五大信賴產業 is not made the
    推動方案 of a document), and a stem under min_bare characters (AI方案 → AI) merges nothing."""
    bare = Term(Label.POLICY, "五大產業", origin="lexicon")
    assert [n for n, _ in _policies([bare], "五大產業", "五大產業方案")] == ["五大產業"] * 2
    assert [n for n, _ in _policies([], "AI", "AI方案")] == ["AI", "AI方案"]
    other = Term(Label.TECHNOLOGY, "新南向", origin="lexicon")
    assert [n for n, _ in _policies([other], "新南向政策")] == ["新南向政策"]


def test_a_latin_event_or_award_is_no_body_but_a_one_word_name_is() -> None:
    """美國AutoTech Breakthrough Awards names an award (orgs.json event_heads); a firm called
    Summit alone, or a Chinese name, is left to the rules that found it."""
    names = ["AutoTech Breakthrough Awards", "Computex Show", "Summit", "Acme Robotics"]
    mentions = [
        Mention(Label.ORGANIZATION, n, i, 0, len(n), source="pattern") for i, n in enumerate(names)
    ]
    resolved = Resolver([]).resolve(mentions)
    assert [r.term.name for r in resolved] == ["Summit", "Acme Robotics"]


def test_a_ministry_before_its_bodys_short_name_is_that_body() -> None:
    """經濟部中企署 is the lexicon's 經濟部中小及新創企業署 (short 中企署); 經濟部X署 whose X署
    is no body of 經濟部 stays a name of its own, and so does a body of another ministry."""
    ministry = Term(Label.AGENCY, "經濟部", origin="lexicon")
    body = Term(Label.AGENCY, "經濟部中小及新創企業署", ("中企署",), origin="lexicon")
    other = Term(Label.AGENCY, "交通部航港局", ("航港局",), origin="lexicon")
    names = ["經濟部中企署", "經濟部航港局", "經濟部甲乙署"]
    mentions = [
        Mention(Label.AGENCY, n, i, 0, len(n), source="org-context") for i, n in enumerate(names)
    ]
    resolved = Resolver([ministry, body, other]).resolve(mentions)
    assert [r.term.name for r in resolved] == [
        "經濟部中小及新創企業署",
        "經濟部航港局",
        "經濟部甲乙署",
    ]


def test_the_policy_head_rules_touch_policies_only_and_names_without_a_head() -> None:
    """A technology named like a known policy's stem stays a technology of its own name; a
    policy's stem of exactly min_bare characters merges; a name with no head is no stem of
    anything (甲乙丙丁戊己庚 is not the known 甲乙丙, 五加二產業創新計畫 gives no 五加二產業)."""
    known = Term(Label.POLICY, "新南向政策", origin="lexicon")
    tech = Mention(Label.TECHNOLOGY, "新南向", 0, 0, 3, source="chunk")
    assert [r.term.name for r in Resolver([known]).resolve([tech])] == ["新南向"]
    short = Term(Label.POLICY, "新南向", origin="lexicon")
    assert [n for n, _ in _policies([short], "新南向政策")] == ["新南向"]
    stem = Term(Label.POLICY, "甲乙丙", origin="lexicon")
    assert [n for n, _ in _policies([stem], "甲乙丙丁戊己庚")] == ["甲乙丙丁戊己庚"]
    names = [n for n, _ in _policies([], "五加二產業創新計畫", "五加二產業")]
    assert names == ["五加二產業創新計畫", "五加二產業"]


def test_a_latin_firm_found_by_its_head_word_is_a_body_whatever_its_last_word() -> None:
    """美國Epic Show公司: the head-word rule found a firm (公司 follows), not an event."""
    m = Mention(Label.ORGANIZATION, "Epic Show公司", 0, 0, 11, key="Epic Show", source="org-head")
    assert [r.term.name for r in Resolver([]).resolve([m])] == ["Epic Show"]


def test_a_body_printed_after_its_parent_ministrys_name_is_that_body() -> None:
    """agencies.jsonl 'parent': 國科會竹科管理局 and 國家科學及技術委員會南部科學園區管理局 are
    the lexicon's science-park bureaus, not bodies of their own; 經濟部竹科管理局 is none of
    them (the bureau is no body of 經濟部)."""
    names = ["國科會竹科管理局", "國家科學及技術委員會南部科學園區管理局", "經濟部竹科管理局"]
    mentions = [
        Mention(Label.AGENCY, n, i, 0, len(n), source="org-context") for i, n in enumerate(names)
    ]
    resolved = Resolver(all_lexicon_terms()).resolve(mentions)
    assert [r.term.name for r in resolved] == [
        "新竹科學園區管理局",
        "南部科學園區管理局",
        "經濟部竹科管理局",
    ]


def test_a_name_inside_a_table_row_s_name_cell_is_no_mention_of_its_own() -> None:
    """科技部 inside a directory row's 科技部(DST) is part of India's body, not Taiwan's agency."""
    row = Term(Label.ORGANIZATION, "科技部 DST", abbr="DST", kind="foreign body")
    agency = Term(Label.AGENCY, "科技部")
    found = [
        Resolved(Mention(Label.TECHNOLOGY, "科技部(DST)", 4, 0, 8, "科技部", "table-row"), row),
        Resolved(Mention(Label.AGENCY, "科技部", 4, 0, 3, source="lexicon"), agency),
        Resolved(Mention(Label.AGENCY, "科技部", 5, 0, 3, source="lexicon"), agency),
    ]
    kept = [(r.mention.block, r.term.name) for r in counted_spans(found)]
    assert sorted(kept) == [(4, "科技部 DST"), (5, "科技部")]


def test_a_table_row_s_name_cell_ends_where_its_span_does() -> None:
    """Only shorter spans inside the cell go: one at its end too, one as long as it stays."""
    row = Term(Label.ORGANIZATION, "甲國科技部 DST", kind="foreign body")
    cell = Mention(Label.TECHNOLOGY, "甲國科技部(DST)", 0, 2, 12, "甲國科技部", "table-row")
    found = [
        Resolved(cell, row),
        Resolved(Mention(Label.TECHNOLOGY, "DST", 0, 9, 12), Term(Label.TECHNOLOGY, "DST")),
        Resolved(Mention(Label.AGENCY, "甲國科技部(DST)", 0, 2, 12), Term(Label.AGENCY, "甲")),
    ]
    kept = [(r.mention.start, r.mention.end, r.term.label) for r in counted_spans(found)]
    assert sorted(kept) == [(2, 12, Label.AGENCY), (2, 12, Label.ORGANIZATION)]


def test_a_shape_inside_a_longer_known_name_is_part_of_it_but_names_a_programme_s_subject() -> None:
    known = Term(Label.TECHNOLOGY, "應變管理資訊雲端系統")
    shape = Term(Label.TECHNOLOGY, "管理資訊雲端系統")
    programme = Term(Label.PROGRAMME, "管理資訊雲端系統開發計畫")
    found = [
        Resolved(Mention(Label.TECHNOLOGY, known.name, 0, 0, 10), known),
        Resolved(Mention(Label.TECHNOLOGY, shape.name, 0, 2, 10, source="chunk"), shape),
        Resolved(Mention(Label.TECHNOLOGY, shape.name, 1, 2, 10, source="chunk"), shape),
        Resolved(Mention(Label.PROGRAMME, programme.name, 2, 0, 12), programme),
        Resolved(Mention(Label.TECHNOLOGY, shape.name, 2, 0, 8, source="chunk"), shape),
        # one starting where the known name starts is part of it too
        Resolved(Mention(Label.TECHNOLOGY, known.name, 3, 1, 11), known),
        Resolved(Mention(Label.TECHNOLOGY, "應變管理", 3, 1, 5, source="chunk"), shape),
        # the shape of a known name's own span is counted once, as the shape
        Resolved(Mention(Label.TECHNOLOGY, known.name, 4, 3, 13), known),
        Resolved(Mention(Label.TECHNOLOGY, known.name, 4, 3, 13, source="chunk"), shape),
    ]
    kept = sorted((r.mention.block, r.mention.start, r.term.name) for r in counted_spans(found))
    assert kept == [
        (0, 0, known.name),
        (1, 2, shape.name),
        (2, 0, shape.name),
        (2, 0, programme.name),
        (3, 1, known.name),
        (4, 3, shape.name),
    ]


def test_a_ner_model_s_span_ranks_with_ckip_s_before_a_pattern_s() -> None:
    for order in (
        [found(0, 3, "ner"), found(0, 3, "pattern")],
        [found(0, 3, "pattern"), found(0, 3, "ner")],
    ):
        assert [r.mention.source for r in best_spans(order)] == ["ner"]


def test_a_taiwanese_agency_inside_a_body_abroad_is_no_mention_of_it() -> None:
    """國際能源署 is no mention of Taiwan's 能源署; inside a body at home (工研院產科國際所)
    or a programme's name an agency is still mentioned; a technology inside a body's name is a
    word of it (tests/test_spans.py), abroad too."""
    energy = Term(Label.AGENCY, "經濟部能源署", ("能源署",))
    iea = Term(Label.ORGANIZATION, "國際能源總署", ("國際能源署",), kind="foreign body")
    home = Term(Label.ORGANIZATION, "能源署研究所")
    tech = Term(Label.TECHNOLOGY, "能源")
    found = [
        Resolved(Mention(Label.ORGANIZATION, "國際能源署", 0, 0, 5, source="learned"), iea),
        Resolved(Mention(Label.AGENCY, "能源署", 0, 2, 5), energy),
        Resolved(Mention(Label.TECHNOLOGY, "能源", 0, 2, 4), tech),
        Resolved(Mention(Label.ORGANIZATION, "能源署研究所", 1, 0, 6, source="pattern"), home),
        Resolved(Mention(Label.AGENCY, "能源署", 1, 0, 3), energy),
    ]
    kept = sorted((r.mention.block, r.term.name) for r in counted_spans(found))
    assert kept == [(0, "國際能源總署"), (1, "經濟部能源署"), (1, "能源署研究所")]
