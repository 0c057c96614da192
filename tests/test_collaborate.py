"""COLLABORATES_WITH cues read from a sentence's structure, on hand-built blocks."""

from __future__ import annotations

import pytest

from graphkit.collaborate import Collaborations
from graphkit.knowledge import rules
from graphkit.records import Block, BlockKind, Label, Mention, Term
from graphkit.resolve import Resolved

ITRI = Term(Label.AGENCY, "工業技術研究院", ("工研院",))
TSMC = Term(Label.ORGANIZATION, "台灣積體電路製造", ("台積電",))
KNOWN = {"工研院": ITRI, "台積電": TSMC}


@pytest.fixture(scope="module")
def collab() -> Collaborations:
    return Collaborations(rules("extract")["collaboration"])


def find(
    collab: Collaborations, text: str, offset: int = 50, other: tuple[Term, ...] = ()
) -> list[tuple[str, str | None, list[tuple[Label, str, str | None]], str, int]]:
    """Each collaboration as (kind, subject, partners as (label, name, kind), sentence, offset)."""
    block = Block(BlockKind.PARAGRAPH, text, offset)
    found, start = [], 0
    for term in other:  # names recognised as something else than an actor
        at = text.index(term.name)
        found.append(Resolved(Mention(term.label, term.name, 0, at, at + len(term.name)), term))
    while True:
        hits = [(text.find(n, start), n) for n in KNOWN if text.find(n, start) >= 0]
        if not hits:
            break
        at, name = min(hits)
        mention = Mention(KNOWN[name].label, name, 0, at, at + len(name))
        found.append(Resolved(mention, KNOWN[name]))
        start = at + len(name)
    out = []
    for kind, subject, partners, sentence, at in collab.find(block, found):
        # A partner no mention names is the lexicon's, or made here and says so.
        made = [p for p in partners if p not in KNOWN.values()]
        assert all(p.origin in ("collaboration", "lexicon") for p in made)
        named = [(p.label, p.name, p.kind) for p in partners]
        out.append((kind, subject.name if subject else None, named, sentence, at))
    return out


def test_the_actor_before_a_cue_works_with_the_list_after_it(collab: Collaborations) -> None:
    text = "前言。工研院攜手台積電、丙丁科及戊己部等開發晶片。"
    assert find(collab, text) == [
        ("攜手", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None),
                                    (Label.ORGANIZATION, "丙丁科", None),
                                    (Label.AGENCY, "戊己部", None)],
         "工研院攜手台積電、丙丁科及戊己部等開發晶片。", 53),
    ]  # fmt: skip


def test_with_and_a_cooperation_verb_name_the_partners_between(collab: Collaborations) -> None:
    text = "工研院與台積電、庚辛電子共同開發晶片。"
    assert find(collab, text) == [
        ("合作", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None),
                                    (Label.ORGANIZATION, "庚辛電子", "company")],
         text, 50),
    ]  # fmt: skip


@pytest.mark.parametrize("verb", ["攜手", "組成", "共同組成", "共組"])
def test_with_and_joining_hands_or_forming_a_team_name_the_partners_between(
    collab: Collaborations, verb: str
) -> None:
    """台積電與工研院攜手開發 (news prints it so as often as 攜手工研院), 與…組成研發團隊: the
    partners are the names between 與 and the verb."""
    text = f"台積電與工研院{verb}研發團隊。"
    assert find(collab, text) == [
        ("合作", "台灣積體電路製造", [(Label.AGENCY, "工業技術研究院", None)], text, 50),
    ]


def test_a_technology_transfer_names_its_receiver(collab: Collaborations) -> None:
    text = "工研院技轉給台積電。"
    assert find(collab, text) == [
        ("技轉", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None)], text, 50)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "前言。工研院,攜手台積電開發晶片。",  # a clause break between the actor and the cue
        "工研院在過去十年間以多項計畫持續攜手台積電。",  # too far before the cue
        "攜手台積電開發晶片。",  # no actor before the cue
        "工研院攜手工研院開發晶片。",  # with itself
        "沒有任何機構。",
    ],
)
def test_no_collaboration(collab: Collaborations, text: str) -> None:
    assert find(collab, text) == []


def test_items_that_look_like_no_name_are_left_out(collab: Collaborations) -> None:
    # generic, a measure word, a bad ending, digits, one letter, a year, thirteen characters
    items = (
        "廠商、多家業者、供應產業鏈、2家、A、台積電、2024年、一二三四五六七八九十壹貳參、其他部會"
    )
    text = f"工研院攜手{items}、甲乙電、一二三四五六七八九十壹貳開發。"
    assert find(collab, text) == [
        ("攜手", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None),
                                    (Label.ORGANIZATION, "甲乙電", None),
                                    (Label.ORGANIZATION, "一二三四五六七八九十壹貳", None)],
         text, 50)
    ]  # fmt: skip


def test_the_subject_is_the_actor_nearest_the_cue_up_to_twelve_characters() -> None:
    collab = Collaborations(rules("extract")["collaboration"])
    text = "台積電開發晶片,工研院攜手甲乙電開發晶片。"
    assert [(k, s) for k, s, *_ in find(collab, text)] == [("攜手", "工業技術研究院")]
    # an enumeration ending at the nearest actor is the subject whole: both work with 甲乙電,
    # and with each other
    text = "台積電、工研院攜手甲乙電開發晶片。"
    assert [(k, s) for k, s, *_ in find(collab, text)] == [
        ("攜手", "台灣積體電路製造"),
        ("攜手", "工業技術研究院"),
        ("攜手", "台灣積體電路製造"),
    ]
    gap = "過去十二年來持續以多項計畫"[:12]
    assert [(k, s) for k, s, *_ in find(collab, f"工研院{gap}攜手甲乙電。")] == [
        ("攜手", "工業技術研究院")
    ]


def test_a_cue_without_a_subject_leaves_the_next_cue_of_the_sentence() -> None:
    collab = Collaborations(rules("extract")["collaboration"])
    text = "攜手合作下,工研院攜手台積電開發晶片。"
    assert [(k, s) for k, s, *_ in find(collab, text)] == [("攜手", "工業技術研究院")]


def test_the_list_ends_at_its_end_word_after_the_cue_or_at_the_sentence_end() -> None:
    collab = Collaborations(rules("extract")["collaboration"])
    organization = Label.ORGANIZATION
    text = "工研院的團隊攜手甲乙電開發晶片。"
    assert find(collab, text) == [
        ("攜手", "工業技術研究院", [(organization, "甲乙電", None)], text, 50)
    ]
    assert find(collab, "工研院技轉給甲乙電") == [
        ("技轉", "工業技術研究院", [(organization, "甲乙電", None)], "工研院技轉給甲乙電", 50)
    ]
    # With 與…合作 the names are those before the cooperation verb, 研發 in a name included.
    text = "工研院與台積電、研發聯盟簽署合作備忘錄。"
    assert find(collab, text) == [
        ("合作", "工業技術研究院", [(organization, "台灣積體電路製造", None),
                                    (organization, "研發聯盟", None)], text, 50)
    ]  # fmt: skip


def test_a_partner_named_twice_is_one(collab: Collaborations) -> None:
    text = "工研院攜手台積電、台積電開發晶片。"
    assert find(collab, text) == [
        ("攜手", "工業技術研究院", [(Label.ORGANIZATION, "台灣積體電路製造", None)], text, 50)
    ]


@pytest.fixture(scope="module")
def tagged() -> Collaborations:
    from graphkit.chunk import Chunker

    return Collaborations(rules("extract")["collaboration"], Chunker().tag)


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        # after a programme reference, the clause is empty
        ("本科技專案在元件設計,與臺灣大學和陽明交通大學等學界合作。", ["臺灣大學", "陽明交通大學"]),
        ("並與台積電合作。", ["台灣積體電路製造"]),  # a conjunction starts the clause
        ("目前已與英發企業公司合作。", ["英發企業公司"]),  # a time word; a company's head word
        # a quoted name after the words describing it: the quote names the partner
        ("目前已與國內手工具界的隱形冠軍「甲乙公司」合作。", ["甲乙公司"]),
        ("持續推進與產業型國際組織(如:TIP、NGMN及5G-ACIA等)合作。", ["TIP", "NGMN", "5G-ACIA"]),
        ("技轉給台積電。", ["台灣積體電路製造"]),  # a verb starts the clause
    ],
)
def test_a_clause_without_its_subject_is_reported_with_none(
    tagged: Collaborations, text: str, partners: list[str]
) -> None:
    assert [(s, [p[1] for p in ps]) for _, s, ps, *_ in find(tagged, text)] == [(None, partners)]


@pytest.mark.parametrize(
    "text",
    [
        "業者與台積電合作。",  # a noun is the clause's own subject
        "結合生物、化學與電子功能的晶片。",  # 結合 joins things: never without a subject
        "並與國內零組件廠合作。",  # a category, no name: a clause without subject names none
        "並與上游原料廠和聯策等場域合作。",
    ],
)
def test_no_clause_without_its_subject(tagged: Collaborations, text: str) -> None:
    assert find(tagged, text) == []


def _listed(tagged: Collaborations, text: str, *named: Term) -> list[str]:
    """The partners of a clause without its subject, ``named`` being its recognised actors."""
    found = []
    for term in named:
        at = text.index(term.aliases[0] if term.aliases else term.name)
        end = at + len(term.aliases[0] if term.aliases else term.name)
        found.append(Resolved(Mention(term.label, text[at:end], 0, at, end), term))
    block = Block(BlockKind.PARAGRAPH, text, 0)
    return [p.name for _, _, ps, *_ in tagged.find(block, found) for p in ps]


def test_names_listed_with_a_named_company_are_companies_too(tagged: Collaborations) -> None:
    """A list's items share a type: beside a company (kind, or a company's head word), 穩晟 and
    聯策 are partners even in a clause without its subject; beside an agency or a university
    (臺灣大學、醫療院所、長照機構: categories), unknown names are none."""
    umc = Term(Label.ORGANIZATION, "聯華電子", ("聯電",), kind="company")
    text = "目前已與穩晟、聯電、聯策等場域合作。"
    assert _listed(tagged, text, umc) == ["穩晟", "聯華電子", "聯策"]
    firm = Term(Label.ORGANIZATION, "甲乙電子")
    assert _listed(tagged, "目前已與穩晟、甲乙電子等場域合作。", firm) == ["穩晟", "甲乙電子"]
    assert _listed(tagged, "目前已與穩晟、工研院、聯策等場域合作。", ITRI) == ["工業技術研究院"]
    ntu = Term(Label.ORGANIZATION, "臺灣大學")
    text = "目前已與臺灣大學、醫療院所、長照機構等單位合作。"
    assert _listed(tagged, text, ntu) == ["臺灣大學"]


def test_an_actor_named_before_the_cue_is_the_subject_not_the_programme(
    tagged: Collaborations,
) -> None:
    text = "工研院在過去十年間以多項計畫持續與台積電合作。"  # too far for a subject, yet named
    assert find(tagged, text) == []


def test_a_name_recognised_as_no_actor_is_no_partner(collab: Collaborations) -> None:
    gan = Term(Label.TECHNOLOGY, "氮化鎵")
    text = "工研院攜手氮化鎵、甲乙電開發。"
    assert find(collab, text, other=(gan,)) == [
        ("攜手", "工業技術研究院", [(Label.ORGANIZATION, "甲乙電", None)], text, 50)
    ]


def test_a_place_is_no_partner(collab: Collaborations) -> None:
    text = "工研院與歐洲、日本、英國等同盟國及台積電合作。"
    assert [(s, [p[1] for p in ps]) for _, s, ps, *_ in find(collab, text)] == [
        ("工業技術研究院", ["台灣積體電路製造"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "由工研院與台積電跨部會共同落實產業AI化。",  # 共同 and a verb of doing together
        "工研院將與國內晶圓代工的龍頭「台積電」合作。",  # the actor named inside a long item
        "工研院未來也將與台積電接軌。",
    ],
)
def test_a_partner_is_the_actor_named_in_its_list_item(collab: Collaborations, text: str) -> None:
    assert [(s, [p[1] for p in ps]) for _, s, ps, *_ in find(collab, text)] == [
        ("工業技術研究院", ["台灣積體電路製造"])
    ]


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        ("研究團隊表示,並與台積電合作。", ["台灣積體電路製造"]),  # the clause after the comma
        ("本科技專案與台積電合作。", ["台灣積體電路製造"]),  # the programme named as the subject
        ("並與國內零組件廠、台積電合作。", ["台灣積體電路製造"]),  # a category, then a name
    ],
)
def test_the_clause_of_the_cue_decides_and_a_category_leaves_the_names_after_it(
    tagged: Collaborations, text: str, partners: list[str]
) -> None:
    assert [(s, [p[1] for p in ps]) for _, s, ps, *_ in find(tagged, text)] == [(None, partners)]


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        # the list ends where the cue's objects end; examples in brackets before the cue are not
        ("工研院與台積電合作,甲乙電、庚辛電則否。", [("工業技術研究院", ["台灣積體電路製造"])]),
        (
            "依國際規範(如:ISO、IEC等),工研院與台積電合作。",
            [("工業技術研究院", ["台灣積體電路製造"])],
        ),
        # a cue inside a list is skipped, the next cue of the sentence is read
        (
            "工研院與台積電和甲乙電合作,工研院也與庚辛電合作。",
            [("工業技術研究院", ["台灣積體電路製造", "甲乙電"]), ("工業技術研究院", ["庚辛電"])],
        ),
    ],
)
def test_the_partners_are_the_cues_own_list(
    collab: Collaborations, text: str, partners: list[tuple[str, list[str]]]
) -> None:
    assert [(s, [p[1] for p in ps]) for _, s, ps, *_ in find(collab, text)] == partners


def test_bracketed_examples_stand_for_their_category_only(collab: Collaborations) -> None:
    text = "工研院與甲乙電、國際組織(如:TIP、NGMN等)合作。"
    assert [(s, [p[1] for p in ps]) for _, s, ps, *_ in find(collab, text)] == [
        ("工業技術研究院", ["甲乙電", "TIP", "NGMN"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "並協助國內廠商與台積電合作。",  # the firms work with 台積電, not the programme
        "並促成英發企業與台積電合作。",
        "並與EU AI Act接軌。",  # 接軌 takes named actors only
    ],
)
def test_a_noun_before_the_cue_is_its_subject(tagged: Collaborations, text: str) -> None:
    assert find(tagged, text) == []


def test_keeping_pace_with_a_named_actor(tagged: Collaborations) -> None:
    assert [(s, [p[1] for p in ps]) for _, s, ps, *_ in find(tagged, "未來也將與台積電接軌。")] == [
        (None, ["台灣積體電路製造"])
    ]


def test_a_partner_no_mention_names_is_the_lexicons_body_of_that_name(
    collab: Collaborations,
) -> None:
    """航港局 is the agencies lexicon's 交通部航港局, one node, not a new Agency 航港局."""
    text = "工研院與航港局合作開發船舶。"
    itri = Resolved(Mention(Label.AGENCY, "工研院", 0, 0, 3), ITRI)
    ((kind, subject, partners, _, _),) = collab.find(Block(BlockKind.PARAGRAPH, text, 0), [itri])
    assert (kind, subject, [(p.label, p.name, p.origin) for p in partners]) == (
        "合作",
        ITRI,
        [(Label.AGENCY, "交通部航港局", "lexicon")],
    )


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("司於10月假工研院禮堂與台積電共同舉辦研討會。", []),
        ("司於10月在工研院與台積電合作。", []),
        ("10月工研院與台積電共同舉辦研討會。", ["工業技術研究院"]),
        # 由於, 現在: the segmenter's words end there, no venue (extract.json venue_before)
        ("由於工研院與台積電合作開發晶片,成本下降。", ["工業技術研究院"]),
        ("現在工研院與台積電合作開發晶片。", ["工業技術研究院"]),
    ],
)
def test_an_actor_after_a_venue_word_is_where_it_happens_not_who(
    tagged: Collaborations, text: str, subjects: list[str]
) -> None:
    """假工研院…與台積電共同舉辦: the event is held at the institute; the same sentence with the
    institute as the host links it."""
    assert [s for _, s, *_ in find(tagged, text)] == subjects


def test_a_joiner_inside_a_recognised_name_parts_no_items(collab: Collaborations) -> None:
    """與戊己網路暨科技總署共同舉辦: one partner, the body named whole, not 戊己網路 and a
    category; unrecognised, the joiner parts the items as before."""
    body = Term(Label.ORGANIZATION, "戊己網路暨科技總署")
    text = "工研院與戊己網路暨科技總署共同舉辦研討會。"
    at = text.index(body.name)
    block = Block(BlockKind.PARAGRAPH, text, 0)
    found = [
        Resolved(Mention(Label.AGENCY, "工研院", 0, 0, 3), ITRI),
        Resolved(Mention(Label.ORGANIZATION, body.name, 0, at, at + len(body.name)), body),
    ]
    assert [[p.name for p in ps] for _, _, ps, *_ in collab.find(block, found)] == [
        ["戊己網路暨科技總署"]
    ]
    assert [[p[1] for p in ps] for _, _, ps, *_ in find(collab, text)] == [["戊己網路", "科技總署"]]


def test_the_rules_read_a_later_sentence_of_the_block_at_its_own_offsets(
    collab: Collaborations, tagged: Collaborations
) -> None:
    """The venue and the joiner rules hold in the second sentence of a block too, and a name
    that starts with a joiner's character (和碩) is one partner."""
    assert find(tagged, "前言。司於10月假工研院禮堂與台積電共同舉辦研討會。") == []
    pegatron = Term(Label.ORGANIZATION, "和碩聯合科技", ("和碩",))
    text = "前言。工研院攜手台積電、和碩等開發晶片。"
    block = Block(BlockKind.PARAGRAPH, text, 0)
    found = [
        Resolved(Mention(Label.AGENCY, "工研院", 0, 3, 6), ITRI),
        Resolved(Mention(Label.ORGANIZATION, "台積電", 0, 8, 11), TSMC),
        Resolved(Mention(Label.ORGANIZATION, "和碩", 0, 12, 14), pegatron),
    ]
    assert [(s and s.name, [p.name for p in ps]) for _, s, ps, *_ in collab.find(block, found)] == [
        ("工業技術研究院", ["台灣積體電路製造", "和碩聯合科技"])
    ]


def test_a_partner_made_from_the_text_says_so(tagged: Collaborations) -> None:
    tsmc = Term(Label.ORGANIZATION, "台灣積體電路製造", ("台積電",), kind="company")
    block = Block(BlockKind.PARAGRAPH, "目前已與穩晟、台積電等場域合作。", 0)
    found = [Resolved(Mention(Label.ORGANIZATION, "台積電", 0, 7, 10), tsmc)]
    partners = [p for _, _, ps, *_ in tagged.find(block, found) for p in ps]
    assert [(p.name, p.origin) for p in partners] == [
        ("穩晟", "collaboration"),
        ("台灣積體電路製造", tsmc.origin),
    ]


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("台積電的馬斯克在這次選舉與工研院結盟。", []),
        ("台積電在這次選舉與工研院結盟。", ["台灣積體電路製造"]),
        # jieba tags 智慧 nr too: not after 的, no person; nor is one character after 的
        ("台積電以智慧製造與工研院合作。", ["台灣積體電路製造"]),
        ("台積電的李廠長與工研院合作。", ["台灣積體電路製造"]),
    ],
)
def test_a_person_between_the_actor_and_the_cue_is_who_acts(
    tagged: Collaborations, text: str, subjects: list[str]
) -> None:
    """A person of the body (的 and a name jieba tags nr) before the cue acts: no edge."""
    assert [s for _, s, *_ in find(tagged, text)] == subjects


def test_a_joiner_inside_a_recognised_name_is_no_cue(collab: Collaborations) -> None:
    """The 與 of 電子與光電系統研究所 is the name's: the cue is the 與 after it, and no piece of
    the name (光電系統研究所) becomes a partner of the 工研院 before it."""
    unit = Term(Label.AGENCY, "電子與光電系統研究所", origin="lexicon")
    text = "工研院電子與光電系統研究所與台積電合作開發晶片。"
    block = Block(BlockKind.PARAGRAPH, text, 0)
    found = [
        Resolved(Mention(Label.AGENCY, "工研院", 0, 0, 3), ITRI),
        Resolved(Mention(Label.AGENCY, unit.name, 0, 3, 13), unit),
        Resolved(Mention(Label.ORGANIZATION, "台積電", 0, 14, 17), TSMC),
    ]
    got = [
        (kind, subject.name if subject else None, [p.name for p in partners])
        for kind, subject, partners, _, _ in collab.find(block, found)
    ]
    assert got == [("合作", "電子與光電系統研究所", ["台灣積體電路製造"])]


def _pairs(collab: Collaborations, text: str, *named: Term) -> list[tuple[str | None, list[str]]]:
    """(subject, partners) of each collaboration of ``text``, ``named`` its recognised actors."""
    found = []
    for term in named:
        name = term.aliases[0] if term.aliases else term.name
        at = text.index(name)
        found.append(Resolved(Mention(term.label, name, 0, at, at + len(name)), term))
    block = Block(BlockKind.PARAGRAPH, text, 0)
    return [
        (s.name if s else None, [p.name for p in ps]) for _, s, ps, *_ in collab.find(block, found)
    ]


III = Term(Label.AGENCY, "資訊工業策進會", ("資策會",))
MS = Term(Label.ORGANIZATION, "微軟")
NV = Term(Label.ORGANIZATION, "輝達")
QC = Term(Label.ORGANIZATION, "廣達電腦")
NTU = Term(Label.ORGANIZATION, "臺灣大學")
NCKU = Term(Label.ORGANIZATION, "成功大學")
AS = Term(Label.AGENCY, "中央研究院")


def test_a_later_clause_without_its_subject_goes_on_with_the_sentence_s_first_actor(
    tagged: Collaborations,
) -> None:
    """資策會…，並攜手A、B(gloss)及C: the topic 資策會 is who works with A, B and C; a bracketed
    gloss after an item (輝達(NVIDIA)) does not end the list."""
    text = "資策會開設AI課程,並攜手微軟、輝達(NVIDIA)及廣達電腦建置算力平台。"
    assert _pairs(tagged, text, III, MS, NV, QC) == [
        ("資訊工業策進會", ["微軟", "輝達", "廣達電腦"])
    ]
    # A sentence that opens with no actor keeps a clause without its subject as before.
    text = "此外,並攜手微軟建置算力平台。"
    assert _pairs(tagged, text, MS) == [(None, ["微軟"])]
    # Another actor before the cue, or an opener handing the work on, is no topic going on.
    text = "資策會補助微軟開設課程,並攜手輝達建置算力平台。"
    assert _pairs(tagged, text, III, MS, NV) == []
    text = "資策會指出,今年將擴大投資,並攜手輝達建置算力平台。"
    assert _pairs(tagged, text, III, NV) == []
    # The nearest clause an actor opens is the topic: 台積電, not the one who reported it;
    # clauses between that leave their subject out go on with it, one with a subject of its
    # own (供應鏈業者…) or an actor naming people (台積電工程師) breaks it.
    text = "資策會的研究指出,台積電今年擴大投資,並提升產能,並攜手輝達開發晶片。"
    assert _pairs(tagged, text, III, TSMC, NV) == [("台灣積體電路製造", ["輝達"])]
    text = "資策會的研究指出,台積電今年擴大投資,供應鏈業者紛紛擴產,並攜手輝達開發晶片。"
    assert _pairs(tagged, text, III, TSMC, NV) == []
    text = "資策會開設課程,台積電工程師亦參與受訓,並攜手輝達建置平台。"
    assert _pairs(tagged, text, III, TSMC, NV) == []
    # A gloss ends no list, and a name inside it is no partner.
    text = "資策會開設課程,並攜手微軟(輝達轉投資)及廣達電腦建置平台。"
    assert _pairs(tagged, text, III, MS, NV, QC) == [("資訊工業策進會", ["微軟", "廣達電腦"])]


def test_every_actor_of_an_enumeration_before_the_cue_is_a_subject(tagged: Collaborations) -> None:
    text = "臺灣大學、成功大學與中央研究院組成量子電腦國家隊。"
    assert _pairs(tagged, text, NTU, NCKU, AS) == [
        ("臺灣大學", ["中央研究院"]),
        ("成功大學", ["中央研究院"]),
        ("臺灣大學", ["成功大學"]),  # a team of three: the listed two work together too
    ]
    # each with the partner, not with each other, where the text says apart ('apart_words')
    text = "臺灣大學、成功大學分別與中央研究院合作。"
    assert _pairs(tagged, text, NTU, NCKU, AS) == [
        ("臺灣大學", ["中央研究院"]),
        ("成功大學", ["中央研究院"]),
    ]
    # supporters after a venue word work with no one
    text = "工研院在臺灣大學、成功大學的支持下與中央研究院合作。"
    assert _pairs(tagged, text, ITRI, NTU, NCKU, AS) == []
    # … even with a partner's cooperation after the support (在A、B輔導與C合作下) …
    text = "在臺灣大學、成功大學輔導與中央研究院合作下,完成原型機。"
    assert _pairs(tagged, text, NTU, NCKU, AS) == []
    # … but under their working together (在…合作下) they are the partners
    text = "在臺灣大學、成功大學與中央研究院等跨校通力合作下,完成原型機。"
    assert _pairs(tagged, text, NTU, NCKU, AS) == [
        ("臺灣大學", ["中央研究院"]),
        ("成功大學", ["中央研究院"]),
        ("臺灣大學", ["成功大學"]),
    ]
    # With no partner named, a list of bodies is no team (整合A、B等資源並與大學合作).
    text = "整合臺灣大學、成功大學等資源並與大學合作。"
    assert _pairs(tagged, text, NTU, NCKU) == []


def test_a_kind_of_firm_is_no_partner(collab: Collaborations) -> None:
    """藥廠 (a drug maker) names a kind of firm by what it makes, no partner (kind_item)."""
    assert find(collab, "工研院攜手藥廠開發細胞治療。") == []
    assert [p[1] for *_, ps, _, _ in find(collab, "工研院攜手藥華開發新藥。") for p in ps] == [
        "藥華"
    ]


def test_a_news_dateline_and_byline_leave_the_topic_its_subject(tagged: Collaborations) -> None:
    """資策會今(15)日宣布,將與A及B共同成立…: the date is no subject ('dateline'), and a
    byline (【記者…報導】) ends a clause, so the ministry the sentence opens with is the topic."""
    text = "【記者林文華/臺北報導】資策會今(15)日宣布,將與微軟及輝達共同成立聯盟。"
    assert _pairs(tagged, text, III, MS, NV) == [("資訊工業策進會", ["微軟", "輝達"])]
    text = "資策會昨(14)日宣布,將與微軟及輝達共同成立聯盟。"
    assert _pairs(tagged, text, III, MS, NV) == [("資訊工業策進會", ["微軟", "輝達"])]
    # no dateline: a number in brackets after the actor names no time (資策會(2023)…)
    text = "資策會(2023)宣布,將與微軟及輝達共同成立聯盟。"
    assert _pairs(tagged, text, III, MS, NV) == []


def test_listed_subjects_work_together_unless_apart_or_a_transfer(tagged: Collaborations) -> None:
    """The bodies an enumeration before a cue of working together lists work with each other
    ('paired_kinds'); not where a word of the cue's clause says each works on its own
    ('apart_words': 皆, 分別), nor when they transfer a technology (技轉 goes one way); a word
    of another clause says nothing of this one."""
    text = "臺灣大學、成功大學皆與中央研究院合作開發晶片。"
    assert _pairs(tagged, text, NTU, NCKU, AS) == [
        ("臺灣大學", ["中央研究院"]),
        ("成功大學", ["中央研究院"]),
    ]
    text = "臺灣大學、成功大學技轉中央研究院。"
    assert _pairs(tagged, text, NTU, NCKU, AS) == [
        ("臺灣大學", ["中央研究院"]),
        ("成功大學", ["中央研究院"]),
    ]
    text = "輝達分別在新竹及台南設廠,臺灣大學、成功大學與中央研究院組成國家隊。"
    assert _pairs(tagged, text, NV, NTU, NCKU, AS) == [
        ("臺灣大學", ["中央研究院"]),
        ("成功大學", ["中央研究院"]),
        ("臺灣大學", ["成功大學"]),
    ]


def test_a_dateline_alone_leaves_the_topic_its_subject(tagged: Collaborations) -> None:
    """資策會今(15)日宣布,將與A及B共同成立…: 今 of the dateline is no time word the segmenter
    knows (今|(|15|)|日), so without 'dateline' the clause had a subject of its own."""
    text = "資策會今(15)日宣布,將與微軟及輝達共同成立聯盟。"
    assert _pairs(tagged, text, III, MS, NV) == [("資訊工業策進會", ["微軟", "輝達"])]


def test_a_generic_partys_examples_after_it_are_the_partners(collab: Collaborations) -> None:
    """工研院攜手產學研，如：A、B等: the examples after the generic party (產學研, one of
    'generic_items') are the partners; a named partner keeps its own list."""
    text = "工研院攜手產學研，如：國立甲大學、國立乙大學等，一同打造平台。"
    assert [(k, s, [p[1] for p in ps]) for k, s, ps, _, _ in find(collab, text)] == [
        ("攜手", "工業技術研究院", ["國立甲大學", "國立乙大學"])
    ]
    text = "工研院攜手台積電，如：國立甲大學、國立乙大學等，一同打造平台。"
    assert [(k, s, [p[1] for p in ps]) for k, s, ps, _, _ in find(collab, text)] == [
        ("攜手", "工業技術研究院", ["台灣積體電路製造"])
    ]
    # examples that name no actor (sectors, tasks) are no partners
    for text in (
        "工研院攜手業者，如：半導體、面板等產業，共同開發。",
        "工研院攜手業者，包括開發AI晶片、建置產線等，共同打造平台。",
        "工研院攜手業界，例如加速AI落地，提升競爭力。",
    ):
        assert find(collab, text) == [], text
