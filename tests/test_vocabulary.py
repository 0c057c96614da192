"""The shared vocabulary (schema/rules/vocabulary.json): its loader's errors, the references
rule files make to it, and, for each class, a behaviour of a rule that reads it (each test
fails when its class's words are broken)."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from graphkit.chunk import Chunker
from graphkit.develops import load_settings as develops_settings
from graphkit.developsname import named_in
from graphkit.errors import SchemaError
from graphkit.knowledge import rules, schema_root
from graphkit.lists import Enumerations
from graphkit.listsettings import load_settings as list_settings
from graphkit.normalise import normalise
from graphkit.objects import load_settings as object_settings
from graphkit.objects import work_objects
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Mention, Segmented
from graphkit.rulefile import RulesFile
from graphkit.vocabulary import Vocabulary, load_vocabulary, vocabulary
from graphkit.wholewords import whole_words
from graphkit.worklist import WorkLists
from graphkit.worklist import load_settings as worklist_settings
from tests.extract_docs import block, document
from tests.pipeline_texts import enumerated

FILE = "schema file rules/vocabulary.json"
ORG, T = Label.ORGANIZATION, Label.TECHNOLOGY


# --- the loader --------------------------------------------------------------------------


def data(**changed: object) -> dict[str, object]:
    """The packaged vocabulary's data with ``changed`` classes (None: left out)."""
    out = {**rules("vocabulary"), **changed}
    return {k: v for k, v in out.items() if v is not None}


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ({"joinerz": ["、"]}, "field 'joinerz': unknown class (known: adverb_flags, "),
        ({"joiners": None}, "field 'joiners': missing"),
        (
            {"joiners": []},
            "field 'joiners': expected a non-empty list of non-empty strings, got []",
        ),
        ({"joiners": "、"}, "field 'joiners': expected a non-empty list of non-empty strings, got"),
        ({"joiners": ["、", ""]}, "field 'joiners': expected a non-empty list of non-empty"),
        ({"clause_breaks": ""}, "field 'clause_breaks': expected a non-empty string, got ''"),
        ({"list_end": ["等"]}, "field 'list_end': expected a non-empty string, got ['等']"),
        ({"clause_breaks": "，,"}, "field 'clause_breaks': lacks the sentence breaks "),
    ],
)
def test_each_error_names_the_file_and_the_class(changed: dict[str, object], expected: str) -> None:
    with pytest.raises(SchemaError) as exc:
        load_vocabulary(data(**changed))
    assert str(exc.value).startswith(f"{FILE}: {expected}")


def test_an_entry_that_looks_like_a_reference_is_read_as_printed_in_the_vocabulary() -> None:
    assert load_vocabulary(data(joiners=["@x"])).joiners == ("@x",)


def test_the_packaged_vocabulary_loads_with_every_class() -> None:
    v = vocabulary()
    assert set(v.classes()) == {f.name for f in fields(Vocabulary)}
    assert v.joiners == ("、", "以及") and v.weak_joiners == ("與", "及", "和")


def test_every_class_is_read_by_a_rule_file_or_by_code() -> None:
    """No dead class: each is named (@name or {@name}) in a rules file, or read in code."""
    folder = schema_root() / "rules"
    named = set()
    for f in folder.iterdir():
        if f.name.endswith(".json") and f.name != "vocabulary.json":
            named |= set(re.findall(r"@(\w+)", f.read_text(encoding="utf-8")))
    in_code = {"served_dashes", "compound_flags", "count_flags"}  # developsname, wholewords
    assert set(vocabulary().classes()) - named - in_code == set()


# --- references from rule files ----------------------------------------------------------

V = {"j": ("、", "與"), "end": "等", "breaks": "，。"}


@pytest.mark.parametrize(
    ("value", "read", "expected"),
    [
        (["@x"], "words", "field 'f': unknown vocabulary class '@x' (rules/vocabulary.json)"),
        ("@x", "text", "field 'f': unknown vocabulary class '@x' (rules/vocabulary.json)"),
        ("a{@x}", "pattern", "field 'f': unknown vocabulary class '@x' (rules/vocabulary.json)"),
        ("@j", "text", "field 'f': '@j' is a list of words, not a text"),
    ],
)
def test_a_bad_reference_names_the_file_and_the_field(
    value: object, read: str, expected: str
) -> None:
    rf = RulesFile("rules/x.json", {"f": value}, vocabulary=V)
    with pytest.raises(SchemaError) as exc:
        getattr(rf, read)("f")
    assert str(exc.value) == f"schema file rules/x.json: {expected}"


def test_references_expand_in_words_texts_patterns_and_sections() -> None:
    rf = RulesFile(
        "rules/x.json",
        {"w": ["@j", "或", "@end"], "t": "@breaks", "p": "(?:{@j})[{@breaks}]", "s": {"w": ["@j"]}},
        vocabulary=V,
    )
    assert rf.words("w") == ("、", "與", "或", "等")
    assert rf.text("t") == "，。"
    assert rf.pattern("p").pattern == "(?:、|與)[，。]"
    assert rf.section("s").words("w") == ("、", "與")


def test_a_rule_file_s_unknown_class_names_that_file_and_field() -> None:
    with pytest.raises(SchemaError) as exc:
        worklist_settings({**rules("worklist"), "joiners": ["@joinerz"]})
    assert str(exc.value) == (
        "schema file rules/worklist.json: field 'joiners': unknown vocabulary class '@joinerz' "
        "(rules/vocabulary.json)"
    )


# --- each class, through a rule that reads it ----------------------------------------------


@pytest.fixture(scope="module")
def worklists() -> WorkLists:
    return WorkLists(Chunker())


@pytest.fixture(scope="module")
def work_chunker() -> Chunker:
    return Chunker(work=develops_settings())


def made(worklists: WorkLists, text: str) -> list[str]:
    """What the work-list rule names in ``text`` (one paragraph, normalised)."""
    seg = Segmented(DocumentInfo("t.txt", "0", "t"), text, (Block(BlockKind.PARAGRAPH, text, 0),))
    return [m.text for m in worklists.recognise(seg, [])]


def objects(chunker: Chunker, text: str) -> list[str]:
    """The work objects the object rule names in ``text``."""
    s = chunker.settings
    found = work_objects(
        text, 0, chunker.tag, develops_settings(), object_settings(), s.heads, s.tails
    )
    return [m.text for m in found]


NAV, FEEDBACK, MOTION = "影像輔助導航系統", "即時感測回饋模組", "微型運動控制系統"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # joiners (、) and weak joiners (及 after a head word) part the items
        (f"科技專案開發{NAV}、{FEEDBACK}及{MOTION}。", [NAV, FEEDBACK, MOTION]),
        # 以及 is a joiner too
        (f"科技專案開發{NAV}、{FEEDBACK}以及{MOTION}。", [NAV, FEEDBACK, MOTION]),
        # sentence breaks: the verb governs nothing past 。
        (f"科技專案開發{NAV}。{FEEDBACK}、{MOTION}。", []),
        # clause breaks: the list ends at ,
        (f"科技專案開發{NAV},{FEEDBACK}、{MOTION}。", []),
        # sentence breaks: the programme said in a sentence before makes nothing of this one
        ("科技專案推動研究。業者建置影像輔助導航系統與微型運動控制平臺。", []),
        # brackets: a comma inside one ends no item
        (
            f"科技專案開發鈮(Tantalum, Ta)金屬靶材、{FEEDBACK}。",
            ["鈮(Tantalum, Ta)金屬靶材", FEEDBACK],
        ),
        # list end: 等 ends the last item
        (f"科技專案開發{NAV}、{FEEDBACK}等技術,{MOTION}。", [NAV, FEEDBACK]),
        # subjects: a list of two joined by 與 only when the programme makes it
        ("科技專案建置影像輔助導航系統與微型運動控制平臺。", [NAV, "微型運動控制平臺"]),
        ("業者建置影像輔助導航系統與微型運動控制平臺。", []),
        # qualifier ends: a verb before 的 qualifies a noun
        (f"業者研發的{NAV}、{FEEDBACK}。", []),
        # brackets: a gloss's comma-free text is inside the item
        (
            f"科技專案開發端到端(End-to-End)AI自駕決策系統、{FEEDBACK}。",
            ["端到端(End-to-End)AI自駕決策系統", FEEDBACK],
        ),
        # numerals: a count in front is no part of the name
        (f"科技專案開發兩款{NAV}、{FEEDBACK}。", [NAV, FEEDBACK]),
        # list intros: the list after 包括
        (f"科技專案建構多項技術平臺,包括{NAV}、{FEEDBACK}及{MOTION}等。", [NAV, FEEDBACK, MOTION]),
        # verb flags: the clause's last verb before the first item's last word governs it
        (
            "科技專案同步展開影像輔助導航、即時感測回饋等技術研發。",
            ["影像輔助導航", "即時感測回饋"],
        ),
        # adverb flags: 並 inside an item joins two clauses
        (f"科技專案開發金屬鈦合成並純化至4N技術、{FEEDBACK}、{NAV}。", [FEEDBACK, NAV]),
        # domain words: 場域 ends no name
        (f"科技專案開發{NAV}、智慧製造場域、{FEEDBACK}。", [NAV, FEEDBACK]),
    ],
)
def test_worklist_reads_the_vocabulary(
    worklists: WorkLists, text: str, expected: list[str]
) -> None:
    assert made(worklists, text) == expected


CHIP, SENSOR = "影像辨識晶片", "低功耗感測模組"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"科技專案開發{CHIP}暨{SENSOR}。", [CHIP, SENSOR]),  # formal joiners
        (f"科技專案開發{CHIP}／{SENSOR}。", [CHIP, SENSOR]),  # slashes
        (f"科技專案開發{CHIP}或{SENSOR}。", [CHIP, SENSOR]),  # alternatives
        (f"科技專案聚焦於{CHIP}國產化、{SENSOR}。", [SENSOR]),  # localised
        (f"科技專案開發{CHIP}生態圈。", []),  # domain words
        (f"科技專案開發{CHIP}基礎技術。", [CHIP]),  # technique words
        (f"科技專案開發在戶外使用之{CHIP}。", [CHIP]),  # place words, qualifier ends
        (f"科技專案結合{CHIP}與{SENSOR}。", [CHIP, SENSOR]),  # means verbs
        (f"科技專案開發適用於戶外{CHIP}。", [f"戶外{CHIP}"]),  # place words
        (f"科技專案開發更精準{CHIP}。", []),  # adverb flags: a lone adverb ends no name
        (f"科技專案開發三款{CHIP}。", [CHIP]),  # count flags
        (f"科技專案開發了{CHIP}。", [CHIP]),  # particle flags
    ],
)
def test_objects_read_the_vocabulary(work_chunker: Chunker, text: str, expected: list[str]) -> None:
    assert objects(work_chunker, text) == expected


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        # firm words: 等業者 names organisations
        (
            "隨著SpaceX、OneWeb與Amazon Kuiper等業者投入",
            {},
            [("SpaceX", ORG, 2), ("OneWeb", ORG, 9), ("Amazon Kuiper", ORG, 16)],
        ),
        # place words: the last item ends before 在
        ("目前Alpha與日本東洋炭素在全球市場居領導地位", {"Alpha": ORG}, [("東洋炭素", ORG, 10)]),
        # officer titles: an item holding one names a person
        ("台積電、聯電與瑞昱執行長等企業", {}, [("台積電", ORG, 0), ("聯電", ORG, 4)]),
        # organization heads: among agencies, a university is an organisation
        (
            "集結國科會、交通部與臺灣大學的資源",
            {"國科會": Label.AGENCY, "交通部": Label.AGENCY},
            [("臺灣大學", ORG, 10)],
        ),
        # adverb flags: a leading adverb is no part of the first item
        (
            "已經台積電、聯電與瑞昱等企業",
            {},
            [("台積電", ORG, 2), ("聯電", ORG, 6), ("瑞昱", ORG, 9)],
        ),
    ],
)
def test_lists_read_the_vocabulary(
    lists: Enumerations, text: str, known: dict[str, Label], expected: list[object]
) -> None:
    assert enumerated(lists, text, known) == expected


def test_lists_settings_are_the_vocabulary_s_words() -> None:
    s, v = list_settings(), vocabulary()
    assert set(s.joiners) == {*v.joiners, *v.weak_joiners, *v.alternatives}
    assert s.clause_breaks == frozenset(v.clause_breaks) | frozenset("：:()（）「」《》")
    assert s.sentence_ends == tuple(v.sentence_breaks)
    assert s.closing == frozenset(v.close_brackets)
    assert s.cue_prefix == v.list_end
    assert s.tail_stops == v.place_words
    assert s.kind_words == v.firm_words
    assert set(v.officer_titles) <= set(s.not_in_names) & set(s.person_titles)
    assert s.introduced_by.pattern == r"\s*(?:例如|包含|包括|涵蓋)"


def test_objects_settings_are_the_vocabulary_s_words() -> None:
    s, v = object_settings(), vocabulary()
    flags = {*v.verb_flags, *v.adverb_flags, *v.particle_flags, *v.count_flags}
    assert flags | set(v.interjection_flags) <= s.lead_flags
    assert {*v.particle_flags, *v.count_flags, *v.interjection_flags} <= s.tail_flags
    assert set(v.means_verbs) <= s.lead_words and set(v.means_verbs) <= set(s.verbs)


def test_classes_no_rule_shows_alone_are_pinned_where_they_are_read() -> None:
    """Classes whose words other rules cover too (a slash is a mark; 國產化 ends in 化; 場域
    ends no head word; jieba tags few interjections): the settings that read them."""
    o, w = object_settings(), worklist_settings()
    assert {"／", "/"} <= o.joiners
    assert {"國產化", "自主化", "本土化", "能量", "場域", "環境", "領域"} <= set(o.abstract)
    assert {"國產化", "自主化", "本土化"} <= set(w.stem_not_ends)
    assert w.not_heads == ("能量", "場域", "環境", "生態圈", "生態系", "供應鏈", "產業鏈", "市場",
                           "產業", "領域", "服務", "基礎")  # fmt: skip
    assert {"y", "e", "o"} <= o.lead_flags & o.tail_flags


def test_the_served_policy_before_a_dash_is_no_part_of_the_programme_s_name() -> None:
    policy = "生物製造研發服務能量行動方案——核酸藥物研發計畫"
    assert named_in(policy, ["生物製造"]) is None
    assert named_in(policy.replace("——", "──"), ["生物製造"]) is None
    assert named_in(policy, ["核酸藥物"]) == "核酸藥物"


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        # compound flags: 碳化矽|晶圓|製程 goes on after its head, so no 碳化矽晶圓 is named
        ("發展碳化矽晶圓製程。", "碳化矽", [("碳化矽", "lexicon")]),
        # count flags: after 有關 (a verb, no count) the lone noun 氫 starts the compound
        (
            "提供廠商有關氫燃料電池空壓機的系統整合。",
            "燃料電池",
            [("燃料電池", "lexicon"), ("氫燃料電池空壓機", "chunk")],
        ),
    ],
)
def test_wholewords_reads_the_vocabulary(text: str, known: str, expected: list[object]) -> None:
    at = text.index(known)
    m = Mention(T, known, 0, at, at + len(known))
    found = whole_words(document(block(text)), [m], Chunker(), frozenset({"lexicon"}))
    assert [(f.text, f.source) for f in found] == expected


def test_the_vocabulary_file_says_what_each_class_is() -> None:
    comment = rules("vocabulary")["_comment"]
    assert [c for c in vocabulary().classes() if f"'{c}'" not in comment] == []


def test_the_vocabulary_is_written_as_the_normalised_text_reads() -> None:
    """Rules read normalised text (台→臺, NFKC): a word or character whose normalised form the
    class lacks would never match (as tests/test_chunk.py checks of the other rule files)."""
    dead = [
        (name, w)
        for name, value in vocabulary().classes().items()
        if not name.endswith("_flags")
        for w in value
        if normalise(w) not in value
    ]
    assert dead == []


def test_the_chunker_and_the_develops_rules_read_the_shared_classes() -> None:
    """chunk.json and develops.json name the vocabulary's classes instead of copies: a word
    added to a class reaches them."""
    v, chunk, dev = vocabulary(), Chunker().settings, develops_settings()
    assert chunk.joiners == frozenset({*v.joiners, *v.weak_joiners, *v.alternatives})
    assert chunk.coordinators == frozenset({*v.weak_joiners, *v.alternatives, *v.slashes})
    assert chunk.trailing == frozenset(v.technique_words)
    assert chunk.technique_not_last[: len(v.localised)] == v.localised
    assert chunk.shared.joiners == frozenset(v.weak_joiners)
    assert dev.qualifier_ends == v.qualifier_ends and dev.conjunctions == v.weak_joiners
    assert dev.places == v.place_words and dev.means == v.means_verbs


def test_no_field_read_raw_holds_a_vocabulary_reference() -> None:
    """Code reading a rule file's field raw (rules("x")["field"]) gets "@name" unexpanded: such
    a field must hold no reference (the markup pattern once went to the vocabulary while two
    modules read it raw, and matched nothing)."""
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    raw = re.compile(r'rules\("([a-z_]+)"\)\["([a-z_]+)"\]')
    reads = {
        m.groups()
        for p in (root / "graphkit").rglob("*.py")
        for m in raw.finditer(p.read_text(encoding="utf-8"))
    }
    assert ("develops", "titles") in reads  # the scan sees them
    for name, field in sorted(reads):
        value = json.loads(
            (root / "schema" / "rules" / f"{name}.json").read_text(encoding="utf-8")
        )[field]
        assert "@" not in json.dumps(value, ensure_ascii=False), (name, field)
