"""Extract stage, one rule a test, on small hand-built documents: the exact relation, its
evidence text, offset and rule id (hierarchy, programme blocks, DEVELOPS, node merging).

The prose rules (overviews, COVERS, COLLABORATES_WITH, MENTIONED_IN) are in
``test_extract_prose.py``. Neither needs spaCy or the corpus, so mutation testing runs them.
"""

from __future__ import annotations

from graphkit.articlework import sentence_at
from graphkit.evidence import EvidenceRules
from graphkit.extract import _Collector
from graphkit.records import (
    Block,
    BlockKind,
    DocumentInfo,
    Evidence,
    ExecutorLine,
    Label,
    Node,
    NodeRef,
    ProgrammeLine,
    ProgrammeList,
    Relation,
    RelType,
    Term,
)
from graphkit.structure import structure_mentions
from tests.extract_docs import (
    DOC,
    block,
    document,
    extract,
    named,
    node,
    relation,
    relations,
    tech,
)

ITRI = Term(Label.AGENCY, "工業技術研究院", ("工研院",), abbr="ITRI")
MIRDC = Term(Label.AGENCY, "金屬工業研究發展中心", short_name="金屬中心")
III = Term(Label.AGENCY, "資訊工業策進會", short_name="資策會")

# ------------------------------------------------------------------ collector


def test_a_node_keeps_its_first_name_and_evidence_and_gains_aliases_and_missing_props() -> None:
    out = _Collector(DOC, EvidenceRules(5))
    first = out.node(
        Label.AGENCY,
        "台灣經濟研究院",
        aliases=["台經院", "台經院"],
        evidence="一二三四五六七",
        url="u1",
        abbr=None,
    )
    again = out.node(
        Label.AGENCY,
        "臺灣經濟研究院",
        aliases=["TIER", "台經院"],
        evidence="其他",
        url="u2",
        abbr="TIER",
    )
    key = (Label.AGENCY, "agency:臺灣經濟研究院")
    assert first == again == NodeRef(*key)
    assert out.nodes == {
        key: Node(*key, "臺灣經濟研究院", ("台經院", "TIER"), {"url": "u1", "abbr": "TIER"})
    }
    assert out.node_evidence == {key: "一二三四五"}


def test_a_term_node_carries_the_terms_names_and_properties() -> None:
    out = _Collector(DOC, EvidenceRules(300))
    term = Term(
        Label.AGENCY,
        "工業技術研究院",
        ("工研院", "工業技術研究院"),
        name_en="Industrial Technology Research Institute",
        abbr="ITRI",
        short_name="工研院",
        url="https://www.itri.org.tw",
        kind="法人",
    )
    assert out.term_node(term, "證據") == NodeRef(Label.AGENCY, "agency:工業技術研究院")
    assert list(out.nodes.values()) == [
        Node(
            Label.AGENCY,
            "agency:工業技術研究院",
            "工業技術研究院",
            ("工研院", "Industrial Technology Research Institute", "ITRI"),
            {
                "name_en": "Industrial Technology Research Institute",
                "abbr": "ITRI",
                "short_name": "工研院",
                "url": "https://www.itri.org.tw",
                "kind": "法人",
            },
        )
    ]
    assert list(out.node_evidence.values()) == ["證據"]


def test_a_relation_keeps_its_first_evidence_and_gains_missing_props() -> None:
    out = _Collector(DOC, EvidenceRules(5))
    p, a = NodeRef(Label.PROGRAMME, "p"), NodeRef(Label.AGENCY, "a")
    out.relate(RelType.EXECUTED_BY, p, a, " 甲  乙\n丙丁戊己", 7, "r1", count=1)
    out.relate(RelType.EXECUTED_BY, p, a, "其他", 9, "r2", count=2, extra=3)
    out.relate(RelType.DEVELOPS, p, a, "丁", 11, "r3")
    assert list(out.relations.values()) == [
        Relation(
            RelType.EXECUTED_BY, p, a, Evidence(DOC, 8, "甲 乙", "r1"), {"count": 1, "extra": 3}
        ),
        Relation(RelType.DEVELOPS, p, a, Evidence(DOC, 11, "丁", "r3"), {}),
    ]


# ------------------------------------------------------------------- document


def test_the_document_node_holds_what_is_known_of_the_document() -> None:
    info = DocumentInfo(
        "報告.txt",
        "abc",
        "test",
        title="白皮書",
        publisher="經濟部",
        edition="2025",
        year=2025,
        published="2025-09",
        series="產業技術白皮書",
    )
    ex = extract(document(block("前言。"), info=info), [])
    assert ex.document_id == "document:報告.txt" and ex.info == info
    assert ex.nodes[0] == Node(
        Label.DOCUMENT,
        "document:報告.txt",
        "報告.txt",
        (),
        {
            "title": "白皮書",
            "publisher": "經濟部",
            "edition": "2025",
            "year": 2025,
            "published": "2025-09",
            "series": "產業技術白皮書",
            "source": "報告.txt",
            "sha256": "abc",
            "family": "test",
            "evidence": "",
        },
    )
    bare = extract(document(block("前言。")), [])
    assert bare.nodes[0].props == {
        "source": "t.txt",
        "sha256": "0",
        "family": "test",
        "evidence": "",
    }


def test_evidence_is_cut_at_the_rules_length() -> None:
    long = "本計畫開發碳化矽" + "元件" * 200 + "。"
    seg = document(block(long, "文"))
    ex = extract(seg, [named(seg, 0, "碳化矽", tech("碳化矽"))])
    mention = relation(ex, RelType.MENTIONED_IN, "technology:碳化矽", DOC)
    assert mention.evidence.text == long[:300]
    assert node(ex, "technology:碳化矽").props["evidence"] == long[:300]


def test_evidence_naming_the_entity_late_is_the_clauses_around_it() -> None:
    # A sentence longer than the cut that names the entity after it: the evidence is the whole
    # clauses around the name that fit (12 characters a clause: 25 of them), widened to the left
    # first, from a clause's start, and its offset is theirs.
    head = "".join(f"第{i:03d}項工作持續推進," for i in range(40))
    long = head + "本計畫開發碳化矽元件,並完成驗證。"
    seg = document(block(long, "文"))
    ex = extract(seg, [named(seg, 0, "碳化矽", tech("碳化矽"))])
    mention = relation(ex, RelType.MENTIONED_IN, "technology:碳化矽", DOC)
    start, end = long.index("第016項"), long.index("並完成")
    assert mention.evidence.text == long[start:end]
    assert mention.evidence.offset == start
    assert node(ex, "technology:碳化矽").props["evidence"] == long[start:end]


# ------------------------------------------------------------------ hierarchy


def test_hierarchy_links_domain_chapter_and_article_at_their_first_block() -> None:
    seg = document(
        block("領域概述。", chapter=None),
        block("章節概述。"),
        block("第一段。", "甲文"),
        block("第二段。", "甲文"),
        block("另一章的同名文章。", "甲文", chapter="乙章"),
        block("無章之文。", "乙文", chapter=None, domain=None),
        block("無領域之章。", chapter="孤章", domain=None),
    )
    at = [b.offset for b in seg.blocks]
    got = relations(extract(seg, []), RelType.PUBLISHED_IN, RelType.IN_DOMAIN, RelType.IN_CHAPTER)
    assert got == {
        ("PUBLISHED_IN", "domain:領域", DOC): ("領域", 0, "structure/domain"),
        ("PUBLISHED_IN", "chapter:章", DOC): ("章", at[1], "structure/chapter"),
        ("IN_DOMAIN", "chapter:章", "domain:領域"): ("章", at[1], "structure/chapter"),
        ("PUBLISHED_IN", "article:甲文", DOC): ("甲文", at[2], "structure/article"),
        ("IN_CHAPTER", "article:甲文", "chapter:章"): ("甲文", at[2], "structure/article"),
        ("PUBLISHED_IN", "chapter:乙章", DOC): ("乙章", at[4], "structure/chapter"),
        ("IN_DOMAIN", "chapter:乙章", "domain:領域"): ("乙章", at[4], "structure/chapter"),
        ("IN_CHAPTER", "article:甲文", "chapter:乙章"): ("甲文", at[4], "structure/article"),
        ("PUBLISHED_IN", "article:乙文", DOC): ("乙文", at[5], "structure/article"),
        ("PUBLISHED_IN", "chapter:孤章", DOC): ("孤章", at[6], "structure/chapter"),
    }


# ----------------------------------------------------------------- programmes


def programme_block(article: str | None = "甲文") -> Block:
    lines = (
        ProgrammeLine("碳化矽功率元件計畫", 2022, 2025, "碳化矽功率元件計畫(2022~2025年)"),
        ProgrammeLine("氮化鎵射頻計畫", 2023, 2023, "氮化鎵射頻計畫(2023年)"),
        ExecutorLine(("工研院",), "執行單位:工研院"),
        ProgrammeLine("矽光子計畫", 2024, 2026, "矽光子計畫(2024~2026年)"),
        ExecutorLine(("金屬中心", "資策會"), "執行單位:金屬中心、資策會"),
    )
    text = "\n".join(line.text for line in lines)
    return block(text, article, record=ProgrammeList(lines), kind="programme_block")


EXECUTORS = {"工研院": ITRI, "金屬中心": MIRDC, "資策會": III}


def test_a_programme_block_gives_programmes_years_articles_and_executing_agencies() -> None:
    seg = document(block("前言。", "甲文"), programme_block())
    resolved = [
        named(seg, m.block, m.text, EXECUTORS[m.text], source=m.source)
        for m in structure_mentions(seg)
    ]
    ex = extract(seg, resolved)
    at = seg.blocks[1].offset
    sic, gan, siph = (
        "programme:碳化矽功率元件計畫",
        "programme:氮化鎵射頻計畫",
        "programme:矽光子計畫",
    )
    assert {r.evidence.document for r in ex.relations} == {DOC}
    got = relations(ex, RelType.DESCRIBED_IN, RelType.EXECUTED_BY)
    described, executed = "programme-block/described-in", "programme-block/executed-by"
    assert got == {
        ("DESCRIBED_IN", sic, "article:甲文"): ("碳化矽功率元件計畫(2022~2025年)", at, described),
        ("DESCRIBED_IN", gan, "article:甲文"): ("氮化鎵射頻計畫(2023年)", at, described),
        ("DESCRIBED_IN", siph, "article:甲文"): ("矽光子計畫(2024~2026年)", at, described),
        ("EXECUTED_BY", sic, "agency:工業技術研究院"): (
            "碳化矽功率元件計畫(2022~2025年) 執行單位:工研院",
            at,
            executed,
        ),
        ("EXECUTED_BY", gan, "agency:工業技術研究院"): (
            "氮化鎵射頻計畫(2023年) 執行單位:工研院",
            at,
            executed,
        ),
        ("EXECUTED_BY", siph, "agency:金屬工業研究發展中心"): (
            "矽光子計畫(2024~2026年) 執行單位:金屬中心、資策會",
            at,
            executed,
        ),
        ("EXECUTED_BY", siph, "agency:資訊工業策進會"): (
            "矽光子計畫(2024~2026年) 執行單位:金屬中心、資策會",
            at,
            executed,
        ),
    }
    assert node(ex, sic) == Node(
        Label.PROGRAMME,
        sic,
        "碳化矽功率元件計畫",
        (),
        {"start_year": 2022, "end_year": 2025, "evidence": "碳化矽功率元件計畫(2022~2025年)"},
    )
    assert node(ex, "agency:工業技術研究院") == Node(
        Label.AGENCY,
        "agency:工業技術研究院",
        "工業技術研究院",
        ("工研院", "ITRI"),
        {"abbr": "ITRI", "evidence": "執行單位:工研院"},
    )


def test_a_programme_block_outside_an_article_describes_nothing() -> None:
    seg = document(programme_block(article=None))
    resolved = [
        named(seg, m.block, m.text, EXECUTORS[m.text], source=m.source)
        for m in structure_mentions(seg)
    ]
    got = relations(extract(seg, resolved), RelType.DESCRIBED_IN, RelType.EXECUTED_BY)
    assert sorted(k[0] for k in got) == ["EXECUTED_BY"] * 4


def test_an_executor_line_names_only_the_agencies_on_it() -> None:
    """A 執行單位 line without its label: the agency at the line's first character counts."""
    lines = (
        ProgrammeLine("甲計畫", 2024, 2024, "甲計畫(2024年)"),
        ExecutorLine(("工研院",), "工研院"),
    )
    text = "\n".join(line.text for line in lines)
    seg = document(block(text, "文", record=ProgrammeList(lines)))
    resolved = [named(seg, 0, "工研院", ITRI, source="executing-agency")]
    got = relations(extract(seg, resolved), RelType.EXECUTED_BY)
    assert got == {
        ("EXECUTED_BY", "programme:甲計畫", "agency:工業技術研究院"): (
            "甲計畫(2024年) 工研院",
            0,
            "programme-block/executed-by",
        )
    }


# ------------------------------------------------------------------- develops


def test_develops_by_name_and_by_work_never_background_or_the_programme_list() -> None:
    prose = "本計畫開發碳化矽功率元件。隨著氮化鎵市場成長,矽光子亦受關注。工研院開發化合物半導體。"
    lines = (
        ProgrammeLine("氮化鎵射頻計畫", 2023, 2024, "氮化鎵射頻計畫(2023~2024年)"),
        ProgrammeLine("開發矽光子模組計畫", 2024, 2025, "開發矽光子模組計畫(2024~2025年)"),
        ExecutorLine(("工研院",), "執行單位:工研院"),
    )
    listing = "\n".join(line.text for line in lines)
    seg = document(
        block(prose, "甲文"),
        block(listing, "甲文", record=ProgrammeList(lines)),
        block("另一篇開發氮化鎵與碳化矽。", "乙文"),
    )
    sic, gan, siph = tech("碳化矽"), tech("氮化鎵"), tech("矽光子")
    compound, semi = tech("化合物半導體"), tech("半導體")
    resolved = [
        named(seg, 0, "碳化矽", sic),
        named(seg, 0, "氮化鎵", gan),
        named(seg, 0, "矽光子", siph),
        named(seg, 0, "化合物半導體", compound),
        named(seg, 0, "半導體", semi),
        named(seg, 0, "工研院", ITRI),
        named(seg, 1, "氮化鎵", gan),
        named(seg, 1, "矽光子", siph),
        named(seg, 2, "氮化鎵", gan),
        named(seg, 2, "碳化矽", sic),
    ]
    ex = extract(seg, resolved)
    gan_p, siph_p = "programme:氮化鎵射頻計畫", "programme:開發矽光子模組計畫"
    work = ("本計畫開發碳化矽功率元件。", 0, "develops/work")
    compound_work = ("工研院開發化合物半導體。", prose.index("工研院"), "develops/work")
    background = ("隨著氮化鎵市場成長,矽光子亦受關注。", prose.index("隨著"), "develops/name")
    assert relations(ex, RelType.DEVELOPS) == {
        ("DEVELOPS", gan_p, "technology:碳化矽"): work,
        ("DEVELOPS", siph_p, "technology:碳化矽"): work,
        ("DEVELOPS", gan_p, "technology:化合物半導體"): compound_work,
        ("DEVELOPS", siph_p, "technology:化合物半導體"): compound_work,
        # Named in the programme's name: the first sentence naming it is evidence.
        ("DEVELOPS", gan_p, "technology:氮化鎵"): background,
        ("DEVELOPS", siph_p, "technology:矽光子"): background,
        # Never 矽光子 for the other programme: its only work clause is the programme list.
    }
    counts = {r.key: r.props for r in ex.relations if r.type is RelType.DEVELOPS}
    assert {(k[1].id, k[2].id): v["mentions"] for k, v in counts.items()} == {
        (gan_p, "technology:碳化矽"): 1,
        (siph_p, "technology:碳化矽"): 1,
        (gan_p, "technology:化合物半導體"): 1,
        (siph_p, "technology:化合物半導體"): 1,
        (gan_p, "technology:氮化鎵"): 2,
        (siph_p, "technology:矽光子"): 2,
    }


def test_develops_finds_the_mention_itself_not_an_earlier_spelling() -> None:
    """The first 碳化矽 of the sentence is market context; the second is the work."""
    prose = "碳化矽市場大,本計畫開發碳化矽。"
    lines = (ProgrammeLine("甲計畫", 2024, 2024, "甲計畫(2024年)"),)
    listing = block(lines[0].text, "文", record=ProgrammeList(lines))
    seg = document(block("前言" * 4 + "。"), block(prose, "文"), listing)
    sic = tech("碳化矽")
    ex = extract(seg, [named(seg, 1, "碳化矽", sic), named(seg, 1, "碳化矽", sic, nth=1)])
    at = seg.blocks[1].offset
    assert relations(ex, RelType.DEVELOPS) == {
        ("DEVELOPS", "programme:甲計畫", "technology:碳化矽"): (prose, at, "develops/work")
    }
    later = "開發碳化矽,碳化矽市場大。"
    seg = document(block("前言" * 4 + "。"), block(later, "文"), listing)
    ex = extract(seg, [named(seg, 1, "碳化矽", sic), named(seg, 1, "碳化矽", sic, nth=1)])
    assert relations(ex, RelType.DEVELOPS) == {
        ("DEVELOPS", "programme:甲計畫", "technology:碳化矽"): (later, at, "develops/work")
    }
    # The technology's node takes its evidence from the first relation made with it.
    assert node(ex, "technology:碳化矽").props == {"evidence": later}


def test_a_technology_in_the_programmes_name_takes_its_work_sentence_as_evidence() -> None:
    prose = "隨著氮化鎵市場成長。本計畫開發氮化鎵元件。"
    lines = (ProgrammeLine("氮化鎵計畫", 2024, 2024, "氮化鎵計畫(2024年)"),)
    seg = document(block(prose, "文"), block(lines[0].text, "文", record=ProgrammeList(lines)))
    gan = tech("氮化鎵")
    ex = extract(seg, [named(seg, 0, "氮化鎵", gan), named(seg, 0, "氮化鎵", gan, nth=1)])
    assert relations(ex, RelType.DEVELOPS) == {
        ("DEVELOPS", "programme:氮化鎵計畫", "technology:氮化鎵"):
            ("本計畫開發氮化鎵元件。", prose.index("本"), "develops/name")
    }  # fmt: skip


def test_develops_work_in_a_later_sentence_of_a_block() -> None:
    prose = "前言。  本計畫開發碳化矽。"
    lines = (ProgrammeLine("甲計畫", 2024, 2024, "甲計畫(2024年)"),)
    seg = document(block(prose, "文"), block(lines[0].text, "文", record=ProgrammeList(lines)))
    ex = extract(seg, [named(seg, 0, "碳化矽", tech("碳化矽"))])
    assert relations(ex, RelType.DEVELOPS) == {
        ("DEVELOPS", "programme:甲計畫", "technology:碳化矽"): (
            "本計畫開發碳化矽。",
            prose.index("本"),  # where the evidence starts, not the spaces before it
            "develops/work",
        )
    }


# ------------------------------------------------------------------ sentences


def test_the_sentence_of_a_mention_is_the_one_holding_it() -> None:
    b = Block(BlockKind.PARAGRAPH, "甲。碳化矽很好。  乙丙丁。", 100)
    assert sentence_at(b, 0) == ("甲。", 100)
    # The first characters of a sentence belong to it, not to the sentence before.
    assert sentence_at(b, 2) == ("碳化矽很好。", 102)
    assert sentence_at(b, 3) == ("碳化矽很好。", 102)
    assert sentence_at(b, 7) == ("碳化矽很好。", 102)
    # A sentence's offset is where its text starts, after leading spaces.
    assert sentence_at(b, 10) == ("乙丙丁。", 110)
    assert sentence_at(b, 13) == ("乙丙丁。", 110)
    assert sentence_at(b, 14) == (b.text, 100)  # past the end: the whole block
    twice = Block(BlockKind.PARAGRAPH, "碳化矽。碳化矽。", 100)
    assert sentence_at(twice, 0) == ("碳化矽。", 100)
    assert sentence_at(twice, 4) == ("碳化矽。", 104)
