"""Extract stage on hand-built prose and overview blocks: SUPPORTS, APPLIES_TO, COVERS,
COLLABORATES_WITH, MENTIONED_IN and the nodes of table rows, each with its exact evidence.
"""

from __future__ import annotations

from graphkit.records import (
    DirectoryRow,
    GlossaryRow,
    Label,
    Node,
    NodeRef,
    RegulationLine,
    RelType,
    SubsidyRow,
    Term,
)
from graphkit.structure import structure_mentions
from tests.extract_docs import DOC, block, document, extract, named, node, relations, tech

CHAPTER = "chapter:化合物半導體"


def test_subsidy_rows_support_their_chapter() -> None:
    seg = document(
        block("無章計畫", chapter=None, record=SubsidyRow("無章計畫", "x")),
        block(
            "A+企業創新研發淬鍊計畫\t鼓勵企業投入研發",
            chapter="化合物半導體",
            record=SubsidyRow("A+企業創新研發淬鍊計畫", "鼓勵企業投入研發"),
        ),
        block(
            "小型企業創新研發計畫",
            chapter="化合物半導體",
            record=SubsidyRow("小型企業創新研發計畫", None),
        ),
    )
    ex = extract(seg, [])
    a_plus, sbir = "subsidyscheme:a+企業創新研發淬鍊計畫", "subsidyscheme:小型企業創新研發計畫"
    assert relations(ex, RelType.SUPPORTS) == {
        ("SUPPORTS", a_plus, CHAPTER): (
            "A+企業創新研發淬鍊計畫 鼓勵企業投入研發",
            seg.blocks[1].offset,
            "overview/subsidy-table",
        ),
        ("SUPPORTS", sbir, CHAPTER): (
            "小型企業創新研發計畫",
            seg.blocks[2].offset,
            "overview/subsidy-table",
        ),
    }
    assert node(ex, a_plus) == Node(
        Label.SUBSIDY_SCHEME,
        a_plus,
        "A+企業創新研發淬鍊計畫",
        (),
        {"purpose": "鼓勵企業投入研發", "evidence": "A+企業創新研發淬鍊計畫\t鼓勵企業投入研發"},
    )
    assert node(ex, sbir).props == {"evidence": "小型企業創新研發計畫"}
    assert not [n for n in ex.nodes if n.name == "無章計畫"]
    assert {r.target for r in ex.relations if r.type is RelType.SUPPORTS} == {
        NodeRef(Label.CHAPTER, CHAPTER)
    }


def test_regulation_lines_apply_their_laws_to_the_chapter() -> None:
    forty, too_long = "一" * 38 + "辦法", "二" * 39 + "辦法"
    cells = (
        "《再生能源發展條例》",
        "放寬規定",
        "氫能安全管理辦法",
        forty,
        too_long,
        "《甲法》與《乙法》",
    )
    seg = document(
        block(
            "修訂《產業創新條例》第十條之二,並研議電業法。",
            chapter="化合物半導體",
            record=RegulationLine(),
        ),
        block("\t".join(cells), chapter="化合物半導體", record=RegulationLine(cells)),
        block("研議電業法。", chapter=None, record=RegulationLine()),
    )
    law = Term(Label.REGULATION, "電業法")
    resolved = [
        named(seg, 0, "電業法", law),
        named(seg, 0, "產業創新條例", tech("產業創新條例")),  # not a regulation term: no name
        named(seg, 2, "電業法", law),
    ]
    ex = extract(seg, resolved)
    first, table = seg.blocks[0].text, " ".join(cells)
    at = seg.blocks[1].offset
    rule = "overview/regulation"
    assert relations(ex, RelType.APPLIES_TO) == {
        ("APPLIES_TO", "regulation:產業創新條例第十條之二", CHAPTER): (first, 0, rule),
        ("APPLIES_TO", "regulation:電業法", CHAPTER): (first, 0, rule),
        ("APPLIES_TO", "regulation:再生能源發展條例", CHAPTER): (table, at, rule),
        ("APPLIES_TO", "regulation:氫能安全管理辦法", CHAPTER): (table, at, rule),
        ("APPLIES_TO", f"regulation:{forty}", CHAPTER): (table, at, rule),
    }
    # The name is "law provision", but normalise_name drops a space between two CJK characters
    # (a PDF line break inside a name), so the display name has none (pinned as it is).
    assert node(ex, "regulation:產業創新條例第十條之二") == Node(
        Label.REGULATION,
        "regulation:產業創新條例第十條之二",
        "產業創新條例第十條之二",
        (),
        {"provision": "第十條之二", "law": "產業創新條例", "evidence": first},
    )
    assert node(ex, "regulation:再生能源發展條例").props == {
        "law": "再生能源發展條例",
        "evidence": "\t".join(cells),
    }


# --------------------------------------------------------------------- COVERS

CHIPS = Term(Label.POLICY, "晶創臺灣方案", ("晶創",))
AI = Term(Label.TECHNOLOGY, "人工智慧", ("AI",))


def test_a_policy_followed_by_a_list_covers_its_items() -> None:
    text = "量子電腦之外,政府推動晶創臺灣方案 (AI、甲乙光子及量子電腦、工研院),帶動產業。"
    seg = document(block(text, "文"))
    quantum = Term(Label.TECHNOLOGY, "量子計算", ("量子電腦",))
    itri = Term(Label.AGENCY, "工業技術研究院", ("工研院",))
    resolved = [
        named(seg, 0, "量子電腦", quantum),  # before the policy: not an item's entity
        named(seg, 0, "晶創臺灣方案", CHIPS),
        named(seg, 0, "AI", AI),
        named(seg, 0, "工研院", itri),  # an agency is no technology: the item is one
    ]
    ex = extract(seg, resolved)
    sentence = (text, 0, "prose/covers")  # a comma ends no sentence
    assert relations(ex, RelType.COVERS) == {
        ("COVERS", "policy:晶創臺灣方案", "technology:人工智慧"): sentence,
        ("COVERS", "policy:晶創臺灣方案", "technology:甲乙光子"): sentence,
        ("COVERS", "policy:晶創臺灣方案", "technology:量子電腦"): sentence,
        ("COVERS", "policy:晶創臺灣方案", "technology:工研院"): sentence,
    }
    assert node(ex, "technology:甲乙光子").props == {"evidence": sentence[0]}
    assert node(ex, "technology:人工智慧").aliases == ("AI",)
    assert node(ex, "technology:人工智慧").props == {"evidence": text}
    # The policy's node is made by this rule: the sentence that covers is its evidence.
    assert node(ex, "policy:晶創臺灣方案").props == {"evidence": text}


def test_covers_needs_two_items_of_two_to_twelve_characters_that_are_not_aliases() -> None:
    twelve = "一二三四五六七八九十壹貳"
    texts = [
        "晶創臺灣方案(晶創)",  # one item: an abbreviation in brackets
        "晶創臺灣方案(晶創、AI)",  # an alias among the items
        f"晶創臺灣方案(甲、矽光子、{twelve}參)",  # one item left of the right length
        "晶創臺灣方案帶動(AI、矽光子)",  # the list must follow the name
        "半導體(AI、矽光子)",  # only a policy covers
        f"智慧國家方案(甲、矽光子、{twelve}、{twelve}參)",
        "晶創臺灣方案與綠能方案(氫能、儲能),晶創臺灣方案(晶創)及綠能方案(風電、地熱)",
    ]
    seg = document(*(block(t, "文") for t in texts))
    smart = Term(Label.POLICY, "智慧國家方案")
    resolved = [named(seg, i, "晶創臺灣方案", CHIPS) for i in range(4)]
    resolved += [named(seg, 4, "半導體", tech("半導體")), named(seg, 5, "智慧國家方案", smart)]
    # The first policy of a block lacking a list, or with a one-item list, stops nothing.
    green = Term(Label.POLICY, "綠能方案")
    for nth in (0, 1):
        resolved += [named(seg, 6, "晶創臺灣方案", CHIPS, nth=nth),
                     named(seg, 6, "綠能方案", green, nth=nth)]  # fmt: skip
    ex = extract(seg, resolved)
    at, rule = seg.blocks[5].offset, "prose/covers"
    sixth = (texts[6], seg.blocks[6].offset, rule)
    assert relations(ex, RelType.COVERS) == {
        ("COVERS", "policy:智慧國家方案", "technology:矽光子"): (texts[5], at, rule),
        ("COVERS", "policy:智慧國家方案", f"technology:{twelve}"): (texts[5], at, rule),
        ("COVERS", "policy:綠能方案", "technology:氫能"): sixth,
        ("COVERS", "policy:綠能方案", "technology:儲能"): sixth,
        ("COVERS", "policy:綠能方案", "technology:風力發電"): sixth,  # 風電, the lexicon's alias
        ("COVERS", "policy:綠能方案", "technology:地熱能"): sixth,  # 地熱
    }


# ---------------------------------------------------------- COLLABORATES_WITH

ITRI = Term(Label.AGENCY, "工業技術研究院", ("工研院",))
TSMC = Term(Label.ORGANIZATION, "台灣積體電路製造", ("台積電",))


def test_a_collaboration_links_the_actor_before_the_cue_to_each_partner() -> None:
    text = "前言。工研院攜手台積電、丙丁科開發晶片。"
    seg = document(block(text, "文"))
    ex = extract(seg, [named(seg, 0, "工研院", ITRI), named(seg, 0, "台積電", TSMC)])
    sentence, at = "工研院攜手台積電、丙丁科開發晶片。", text.index("工研院")
    rule = "prose/collaboration/攜手"
    assert relations(ex, RelType.COLLABORATES_WITH) == {
        ("COLLABORATES_WITH", "agency:工業技術研究院", "organization:臺灣積體電路製造"): (
            sentence,
            at,
            rule,
        ),
        ("COLLABORATES_WITH", "agency:工業技術研究院", "organization:丙丁科"): (sentence, at, rule),
    }
    kinds = {r.props["kind"] for r in ex.relations if r.type is RelType.COLLABORATES_WITH}
    assert kinds == {"攜手"}
    assert node(ex, "agency:工業技術研究院").props == {"evidence": sentence}
    assert node(ex, "organization:丙丁科") == Node(
        Label.ORGANIZATION, "organization:丙丁科", "丙丁科", (), {"evidence": sentence}
    )


def test_an_actor_never_collaborates_with_itself() -> None:
    """財團法人工業技術研究院 is 工業技術研究院 once normalised: no relation to itself."""
    text = "工研院攜手財團法人工業技術研究院、台積電開發晶片。"
    seg = document(block(text, "文"))
    ex = extract(seg, [named(seg, 0, "工研院", ITRI), named(seg, 0, "台積電", TSMC)])
    assert set(relations(ex, RelType.COLLABORATES_WITH)) == {
        ("COLLABORATES_WITH", "agency:工業技術研究院", "organization:臺灣積體電路製造"),
    }


def test_a_clause_without_its_subject_is_the_work_of_the_articles_executing_agencies() -> None:
    """本科技專案…,與X合作 and 並與X合作: the article's programme works with X, so each agency its
    相關科技專案 block names does, the block's line that names them before the sentence as
    evidence; outside an article there is no one to say it of."""
    from graphkit.records import ExecutorLine, ProgrammeLine, ProgrammeList

    lines = (
        ProgrammeLine("矽光子計畫", 2024, 2026, "矽光子計畫(2024~2026年)"),
        ExecutorLine(("工研院", "資策會"), "執行單位:工研院、資策會"),
    )
    listed = block("\n".join(x.text for x in lines), "甲文", record=ProgrammeList(lines),
                   kind="programme_block")  # fmt: skip
    first = "本科技專案在元件設計,與臺灣大學和陽明交通大學等學界合作,提高良率。"
    second = "並與產業型國際組織(如:TIP、NGMN等)合作。"
    seg = document(block(first + second, "甲文"), listed, block(second, None))
    iii = Term(Label.AGENCY, "資訊工業策進會", ("資策會",))
    agencies = {"工研院": ITRI, "資策會": iii}
    resolved = [named(seg, m.block, m.text, agencies[m.text], source=m.source)
                for m in structure_mentions(seg)]  # fmt: skip
    ex = extract(seg, resolved, tagged=True)
    found = relations(ex, RelType.COLLABORATES_WITH).items()
    got = {(s[len("agency:"):], t.split(":")[1]): (ev, at, rule)
           for (_, s, t), (ev, at, rule) in found}  # fmt: skip
    rule = "prose/collaboration/合作"
    said = " 矽光子計畫(2024~2026年) 執行單位:工研院、資策會"  # who the programme's agencies are
    at = {first: 0, second: len(first)}  # the offset is the sentence's
    assert got == {
        (agency, partner): (evidence + said, at[evidence], rule)
        for agency in ("工業技術研究院", "資訊工業策進會")
        for partner, evidence in (("臺灣大學", first), ("陽明交通大學", first),
                                  ("tip", second), ("ngmn", second))
    }  # fmt: skip
    assert not relations(extract(seg, resolved), RelType.COLLABORATES_WITH)  # no tagger: no rule


# --------------------------------------------------------------- MENTIONED_IN


def test_mentions_count_per_document_and_article_with_clean_evidence() -> None:
    sic = tech("碳化矽", "SiC")
    seg = document(
        block("<td>碳化矽</td>。碳化矽很重要。", "甲文"),
        block("SIC晶圓。", "甲文"),
        block("碳化矽材料很貴。", "乙文"),
        block("- 1 資料來源:碳化矽協會。碳化矽年報。"),  # a footnote printed as a list item
        block("化合物半導體與碳 化矽。"),
    )
    resolved = [
        named(seg, 0, "碳化矽", sic),
        named(seg, 0, "碳化矽", sic, nth=1),
        named(seg, 1, "SIC", sic),
        named(seg, 2, "碳化矽材料", sic, source="learned"),
        named(seg, 3, "碳化矽", sic),  # a source line names, it does not mention
        named(seg, 3, "碳化矽", sic, nth=1),  # nor does its next sentence (a cited title)
        named(seg, 4, "碳 化矽", sic),
        named(seg, 4, "化合物半導體", Term(Label.CHAPTER, "化合物半導體")),  # no entity
    ]
    ex = extract(seg, resolved)
    clean = len("<td>碳化矽</td>。")
    got = {
        r.key: (r.evidence.text, r.evidence.offset, r.evidence.rule, r.props)
        for r in ex.relations
        if r.type is RelType.MENTIONED_IN
    }
    assert {(k[1].id, k[2].id): v for k, v in got.items()} == {
        # the document's evidence is clean too: no table cell when a sentence names it
        ("technology:碳化矽", DOC): ("碳化矽很重要。", clean, "mention/document", {"count": 5}),
        ("technology:碳化矽", "article:甲文"): (
            "碳化矽很重要。",
            clean,
            "mention/article",
            {"count": 3},
        ),
        ("technology:碳化矽", "article:乙文"): (
            "碳化矽材料很貴。",
            seg.blocks[2].offset,
            "mention/article",
            {"count": 1},
        ),
    }
    # A printed form the term's names lack becomes an alias; SIC and 碳 化矽 are spellings.
    assert node(ex, "technology:碳化矽") == Node(
        Label.TECHNOLOGY,
        "technology:碳化矽",
        "碳化矽",
        ("SiC", "碳化矽材料"),
        {"evidence": "碳化矽很重要。"},
    )


def test_a_technology_printed_with_a_generic_head_keeps_that_form_as_an_alias() -> None:
    # 電漿殺菌|技術, 熔融紡絲|製程: the recognisers name 電漿殺菌; the printed 電漿殺菌技術 names
    # it too. Not where another entity is named so: the programme 科技專案「智慧決策技術」.
    plasma, smart, spin = tech("電漿殺菌"), tech("智慧決策"), tech("熔融紡絲")
    text = "開發電漿殺菌技術與智慧決策技術。科技專案「智慧決策技術」。改用熔融紡絲製程。"
    seg = document(block(text, "甲文"))
    programme = Term(Label.PROGRAMME, "智慧決策技術")
    resolved = [
        named(seg, 0, "電漿殺菌", plasma),
        named(seg, 0, "智慧決策", smart),
        named(seg, 0, "智慧決策技術", programme, nth=1),
        named(seg, 0, "熔融紡絲", spin),
    ]
    ex = extract(seg, resolved)
    assert node(ex, "technology:電漿殺菌").aliases == ("電漿殺菌技術",)
    assert node(ex, "technology:智慧決策").aliases == ()
    assert node(ex, "technology:熔融紡絲").aliases == ("熔融紡絲製程",)


def test_the_nodes_of_table_rows() -> None:
    seg = document(
        block(
            "碳化矽\tSilicon Carbide, SiC",
            None,
            chapter=None,
            domain=None,
            record=GlossaryRow("碳化矽", "Silicon Carbide, SiC"),
        ),
        block(
            "亞洲\t日本\t產業技術總合研究所(AIST)\thttps://www.aist.go.jp",
            None,
            chapter=None,
            domain=None,
            record=DirectoryRow(
                "亞洲", "日本", "產業技術總合研究所(AIST)", "https://www.aist.go.jp"
            ),
        ),
    )
    terms = {
        "碳化矽": Term(Label.TECHNOLOGY, "碳化矽", name_en="Silicon Carbide", abbr="SiC"),
        "產業技術總合研究所(AIST)": Term(
            Label.ORGANIZATION, "產業技術總合研究所", abbr="AIST", url="https://www.aist.go.jp"
        ),
    }
    found = structure_mentions(seg)
    resolved = [named(seg, m.block, m.text, terms[m.text], source=m.source) for m in found]
    ex = extract(seg, resolved)
    assert node(ex, "technology:碳化矽") == Node(
        Label.TECHNOLOGY,
        "technology:碳化矽",
        "碳化矽",
        ("Silicon Carbide", "SiC"),
        {"name_en": "Silicon Carbide", "abbr": "SiC", "evidence": seg.blocks[0].text},
    )
    assert node(ex, "organization:產業技術總合研究所").props == {
        "abbr": "AIST",
        "url": "https://www.aist.go.jp",
        "evidence": seg.blocks[1].text,
    }


def test_the_mentions_that_count() -> None:
    """碳化矽 in 碳化矽功率元件 counts, 半導體 in 功率半導體元件 does not; a span both the
    lexicon and the chunker found counts once; an agency inside a programme's name counts;
    a name touching a compound is no part of it."""
    text = "開發碳化矽功率元件與功率半導體元件。氮化鎵功率模組。散熱基板鑽石。工研院晶片計畫完成。"
    seg = document(block(text, "文"))
    itri = Term(Label.AGENCY, "工業技術研究院", ("工研院",))
    resolved = [
        named(seg, 0, "碳化矽", tech("碳化矽")),
        named(seg, 0, "半導體", tech("半導體")),
        named(seg, 0, "功率半導體元件", tech("功率半導體元件")),
        named(seg, 0, "氮化鎵", tech("氮化鎵")),
        named(seg, 0, "鑽石", tech("鑽石")),
        named(seg, 0, "工研院", itri),
        named(seg, 0, "工研院晶片計畫", Term(Label.PROGRAMME, "工研院晶片計畫"), source="pattern"),
    ]
    for name in ("碳化矽功率元件", "功率半導體元件", "功率模組", "散熱基板"):
        resolved.append(named(seg, 0, name, tech(name), source="chunk"))
    ex = extract(seg, resolved)
    counted = {
        r.source.id: r.props["count"]
        for r in ex.relations
        if r.type is RelType.MENTIONED_IN and r.target.id == DOC
    }
    assert counted == {
        "technology:碳化矽": 1,
        "technology:碳化矽功率元件": 1,
        "technology:功率半導體元件": 1,
        "technology:氮化鎵": 1,
        "technology:功率模組": 1,
        "technology:散熱基板": 1,
        "technology:鑽石": 1,
        "agency:工業技術研究院": 1,
        "programme:工研院晶片計畫": 1,
    }
