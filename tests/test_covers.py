"""COVERS from prose (graphkit.covers): each shape on a hand-built block."""

from __future__ import annotations

from graphkit.covers import CoverSettings, covers
from graphkit.knowledge import all_lexicon_terms, rules
from graphkit.records import Block, BlockKind, Label, Mention, Term
from graphkit.resolve import Resolved, Resolver


def found(
    text: str, policy: str, technologies: list[str], last: tuple[str, ...] = ()
) -> list[tuple[str, str, str, int]]:
    """The covers of ``text``: ``policy`` and ``technologies`` at their first printing (at the
    last for the technologies in ``last``)."""
    block = Block(BlockKind.PARAGRAPH, text, 0)
    resolved = []
    for name, label in [(policy, Label.POLICY), *((t, Label.TECHNOLOGY) for t in technologies)]:
        at = text.rindex(name) if label is Label.TECHNOLOGY and name in last else text.index(name)
        resolved.append(Resolved(Mention(label, name, 0, at, at + len(name)), Term(label, name)))
    out = []
    # Settings read in each test, not at import: a mutant of their reading is then seen.
    for p, item, rule, at in covers(block, resolved, CoverSettings.of(rules("extract"))):
        out.append((p.name, item if isinstance(item, str) else item.name, rule, at))
    return out


def test_a_parenthesised_list_after_the_policy() -> None:
    text = "五大信賴產業(半導體、軍工及安控)"
    assert found(text, "五大信賴產業", ["半導體"]) == [
        ("五大信賴產業", "半導體", "prose/covers", 0),
        ("五大信賴產業", "軍工", "prose/covers", 0),
        ("五大信賴產業", "安控", "prose/covers", 0),
    ]


def test_a_verb_of_promotion_after_the_policy() -> None:
    text = "政府推動「晶創臺灣方案」，將結合生成式AI與晶片。碳化矽則另有發展。"
    assert found(text, "晶創臺灣方案", ["生成式AI", "碳化矽"]) == [
        ("晶創臺灣方案", "生成式AI", "prose/covers-verb", 5)
    ]  # not 碳化矽: the next sentence


def test_investing_in_and_fostering_are_verbs_of_promotion() -> None:
    """國科會推出「AI新十大建設」，投入矽光子與量子科技; 扶植 as well (news and strategies)."""
    text = "國科會推出「AI新十大建設」，投入矽光子與量子科技。"
    assert found(text, "AI新十大建設", ["矽光子", "量子科技"]) == [
        ("AI新十大建設", "矽光子", "prose/covers-verb", 6),
        ("AI新十大建設", "量子科技", "prose/covers-verb", 6),
    ]
    text = "「淨零轉型方案」扶植氫能。"
    assert found(text, "淨零轉型方案", ["氫能"]) == [
        ("淨零轉型方案", "氫能", "prose/covers-verb", 1),
    ]


def test_no_verb_between_no_cover() -> None:
    assert found("「晶創臺灣方案」與生成式AI", "晶創臺灣方案", ["生成式AI"]) == []


def test_a_list_closed_by_etc_right_before_the_policy() -> None:
    text = "臺灣在電動車、航太、精密機械等五大信賴產業中"
    assert found(text, "五大信賴產業", ["電動車"]) == [
        ("五大信賴產業", "電動車", "prose/covers-list", 15)
    ]


def test_a_technology_inside_the_policys_name() -> None:
    """百工百業應用AI covers AI; the name is one span, the AI inside it a mention of its own."""
    text = "實現「百工百業應用AI」的目標。"
    assert found(text, "百工百業應用AI", ["AI"]) == [
        ("百工百業應用AI", "AI", "prose/covers-name", 3)
    ]
    assert found("推動「健康臺灣」。", "健康臺灣", []) == []


def test_a_technology_starting_the_policys_name() -> None:
    assert found("推動「AI新十大建設」。", "AI新十大建設", ["AI"], last=("AI",)) == [
        ("AI新十大建設", "AI", "prose/covers-name", 3)
    ]


def test_the_list_before_the_policy_starts_after_the_last_sentence_end() -> None:
    text = "碳化矽。氮化鎵。半導體、AI等「五大信賴產業」與石墨烯"
    assert found(text, "五大信賴產業", ["碳化矽", "氮化鎵", "半導體", "AI", "石墨烯"]) == [
        ("五大信賴產業", "半導體", "prose/covers-list", 16),
        ("五大信賴產業", "AI", "prose/covers-list", 16),
    ]  # not 碳化矽 nor 氮化鎵 (before a sentence end), nor 石墨烯 (after the policy)


def test_a_verb_of_promotion_within_the_window() -> None:
    window = rules("extract")["covers_window"]
    gap = "」推動" + "甲" * (window - 3)  # exactly the window between the policy and the name
    assert found(f"「晶創臺灣方案{gap}碳化矽", "晶創臺灣方案", ["碳化矽"]) == [
        ("晶創臺灣方案", "碳化矽", "prose/covers-verb", 1)
    ]
    assert found(f"「晶創臺灣方案{gap}乙碳化矽", "晶創臺灣方案", ["碳化矽"]) == []


def test_an_item_no_mention_names_is_the_lexicons_technology_of_that_name() -> None:
    """AI in the brackets is the lexicon's 人工智慧 (one node), an unknown item a new name."""
    text = "五大信賴產業(AI、軍工)"
    assert found(text, "五大信賴產業", []) == [
        ("五大信賴產業", "人工智慧", "prose/covers", 0),
        ("五大信賴產業", "軍工", "prose/covers", 0),
    ]


def test_a_latin_item_is_the_lexicons_only_in_its_own_case() -> None:
    """GaN is 氮化鎵; gan and Ar are new names (Latin names match case-sensitively)."""
    text = "五大信賴產業(GaN、gan、Ar)"
    assert [item for _, item, _, _ in found(text, "五大信賴產業", [])] == ["氮化鎵", "gan", "Ar"]


def test_an_item_no_mention_names_is_the_documents_own_term_through_its_resolver() -> None:
    """A covered item the document defines itself (甲乙晶片(JY)) is that term when extract passes
    the document's resolver (Resolver.known); the lexicons alone do not know it."""
    defined = Term(Label.TECHNOLOGY, "甲乙晶片", abbr="JY", origin="definition")
    resolver = Resolver(all_lexicon_terms(), [defined])
    text = "五大信賴產業(JY、AI)"
    policy = Term(Label.POLICY, "五大信賴產業")
    block = Block(BlockKind.PARAGRAPH, text, 0)
    mention = Resolved(Mention(Label.POLICY, "五大信賴產業", 0, 0, 6), policy)
    settings = CoverSettings.of(rules("extract"))
    names = [
        item if isinstance(item, str) else item.name
        for _, item, _, _ in covers(block, [mention], settings, resolver.known)
    ]
    assert names == ["甲乙晶片", "人工智慧"]
    alone = [item for _, item, _, _ in covers(block, [mention], settings)]
    assert [x if isinstance(x, str) else x.name for x in alone] == ["JY", "人工智慧"]


def _covered(text: str, names: list[tuple[str, Label]]) -> list[tuple[str, str]]:
    """(policy, technology) of each cover of ``text``, ``names`` at their first printing."""
    block = Block(BlockKind.PARAGRAPH, text, 0)
    resolved = [
        Resolved(Mention(label, n, 0, text.index(n), text.index(n) + len(n)), Term(label, n))
        for n, label in names
    ]
    settings = CoverSettings.of(rules("extract"))
    return [
        (p.name, t if isinstance(t, str) else t.name)
        for p, t, *_ in covers(block, resolved, settings)
    ]


def test_policies_joined_before_the_verb_each_cover_its_technology() -> None:
    """透過「P1」與「P2」，預計投入T: what is said after the last of the joined policies is said
    of each ('covers_joined'); a policy before another that is not joined to it covers nothing
    so far away."""
    text = "政府透過「晶創臺灣方案」與「AI新十大建設」，預計四年投入新臺幣50億元支持矽光子。"
    names = [("晶創臺灣方案", Label.POLICY), ("AI新十大建設", Label.POLICY)]
    names.append(("矽光子", Label.TECHNOLOGY))
    assert _covered(text, names) == [("晶創臺灣方案", "矽光子"), ("AI新十大建設", "矽光子")]
    apart = text.replace("」與「", "」,民間則有「")
    assert _covered(apart, names) == [("AI新十大建設", "矽光子")]
    # set apart ('covers_contrasts'), or another policy's name between: said of the latter only
    apart = "「晶創臺灣方案」與「AI新十大建設」兩者方向不同,後者預計四年投入矽光子。"
    assert _covered(apart, names) == [("AI新十大建設", "矽光子")]
    names.insert(2, ("台灣AI行動計畫", Label.POLICY))
    apart = "有別於「晶創臺灣方案」與「AI新十大建設」,「台灣AI行動計畫」預計投入矽光子。"
    # the chain carries 晶創臺灣方案 no further than the next policy's name (AI新十大建設, in
    # the window after its own name, is read as before: left)
    assert _covered(apart, names) == [("AI新十大建設", "矽光子"), ("台灣AI行動計畫", "矽光子")]
