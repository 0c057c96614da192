"""The government lexicons (agencies, policies, regulations, subsidy schemes): they load, their
forms name one entity each, every "parent" is a body of the lexicon, and sentences name their
entities through the whole pipeline (a research unit by its short name, a law without 《》, a
subsidy scheme by its abbreviation)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from graphkit.knowledge import all_lexicon_terms, lexicon_parents, load_lexicon
from graphkit.normalise import make_id, name_key, normalise_name
from graphkit.pipeline import Pipeline
from graphkit.records import Label
from graphkit.resolve import Resolver
from tests.pipeline_texts import text_nodes

GOV_FILES = {
    "lexicons/agencies.jsonl": Label.AGENCY,
    "lexicons/policies.jsonl": Label.POLICY,
    "lexicons/regulations.jsonl": Label.REGULATION,
    "lexicons/subsidy_schemes.jsonl": Label.SUBSIDY_SCHEME,
}
#: The labels the sentences below are checked for (technologies are other lexicons' business).
GOV_LABELS = frozenset(GOV_FILES.values())


@pytest.mark.parametrize(("path", "label"), GOV_FILES.items())
def test_each_government_lexicon_loads_with_its_one_label(path: str, label: Label) -> None:
    terms = load_lexicon(path)
    assert len(terms) >= 15
    assert {t.label for t in terms} == {label}
    assert len({t.name for t in terms}) == len(terms)  # one line an entity


def test_no_form_of_a_government_entry_names_another_entry() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for term in all_lexicon_terms():
        for form in term.surface_forms:
            owners[name_key(form)].add(term.name)
    gov = {t.name for path in GOV_FILES for t in load_lexicon(path)}
    shared = {
        form: sorted(names) for form, names in owners.items() if len(names) > 1 and names & gov
    }
    assert shared == {}


def test_every_parent_names_an_agency_of_the_lexicon() -> None:
    agencies = {
        name_key(f)
        for t in all_lexicon_terms()
        if t.label is Label.AGENCY
        for f in (t.name, t.short_name)
        if f
    }
    parents = lexicon_parents()
    assert parents["材料與化工研究所"] == ("工業技術研究院",)
    assert parents["產業情報研究所"] == ("資訊工業策進會",)
    orphans = {
        body: ps for body, ps in parents.items() if not all(name_key(p) in agencies for p in ps)
    }
    assert orphans == {}


def test_renamed_predecessors_and_short_names_resolve_to_today_s_body() -> None:
    r = Resolver(all_lexicon_terms(), ())
    for form, name in (
        ("投審會", "經濟部投資審議司"),
        ("經濟部國營事業委員會", "經濟部國營事業管理司"),
        ("經濟部商業司", "經濟部商業發展署"),
        ("加工出口區管理處", "經濟部產業園區管理局"),
        ("毒物及化學物質局", "環境部化學物質管理署"),
        ("勞發署", "勞動部勞動力發展署"),
        ("茶改場", "農業部茶及飲料作物改良場"),
        ("中衛中心", "中衛發展中心"),
        ("TERTEC", "臺灣大電力研究試驗中心"),
        ("衛福部食藥署", "衛生福利部食品藥物管理署"),
    ):
        term = r.lookup(Label.AGENCY, form)
        assert term is not None and term.name == name, form
    for label, form, name in (
        (Label.REGULATION, "生技新藥產業發展條例", "生技醫藥產業發展條例"),
        (Label.REGULATION, "RoHS", "危害性物質限制指令"),
        (Label.REGULATION, "CSDDD", "企業永續盡職調查指令"),
        (Label.POLICY, "IPEF", "印太經濟架構"),
        (Label.SUBSIDY_SCHEME, "CITD", "協助傳統產業技術開發計畫"),
        (Label.SUBSIDY_SCHEME, "業界科專", "業界開發產業技術計畫"),
    ):
        term = r.lookup(label, form)
        assert term is not None and term.name == name, form


def test_a_lexicon_scheme_and_the_subsidy_table_s_printed_name_make_one_node() -> None:
    """A white paper's subsidy table makes its rows' nodes by their printed names (extract):
    the lexicon writes 平台, the table prints 平臺, and a node's name is normalised (台→臺),
    so the two are one node."""
    (scheme,) = [
        t for t in load_lexicon("lexicons/subsidy_schemes.jsonl") if t.name.startswith("產業升級")
    ]
    assert scheme.name == "產業升級創新平台輔導計畫"
    printed = make_id(Label.SUBSIDY_SCHEME, normalise_name("產業升級創新平臺輔導計畫"))
    assert make_id(Label.SUBSIDY_SCHEME, normalise_name(scheme.name)) == printed


def _gov_nodes(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    return [(label, name) for label, name in text_nodes(pipeline, text) if label in GOV_LABELS]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Research units by their short names; 工研院材化所 by its parent's short name.
        (
            "材化所與塑膠中心合作開發生質塑膠。",
            [("Agency", "塑膠工業技術發展中心"), ("Agency", "材料與化工研究所")],
        ),
        ("工研院材化所開發回收技術。", [("Agency", "材料與化工研究所")]),
        ("資策會MIC預估市場將成長。", [("Agency", "產業情報研究所")]),
        (
            "農試所與茶改場合作育種。",
            [("Agency", "農業部農業試驗所"), ("Agency", "農業部茶及飲料作物改良場")],
        ),
        # A ministry's short name before its body's short name.
        (
            "數位部數產署與數發部資安署。",
            [("Agency", "數位發展部數位產業署"), ("Agency", "數位發展部資通安全署")],
        ),
        # Laws named without 《》.
        (
            "企業依營業秘密法與產業創新條例保護研發成果。",
            [("Regulation", "產業創新條例"), ("Regulation", "營業秘密法")],
        ),
        (
            "出口歐盟須符合RoHS與REACH法規。",
            [
                ("Regulation", "化學品註冊、評估、授權及限制法規"),
                ("Regulation", "危害性物質限制指令"),
            ],
        ),
        # Subsidy schemes by their abbreviations and common names.
        ("中小企業可申請SBIR補助。", [("SubsidyScheme", "小型企業創新研發計畫")]),
        (
            "廠商申請CITD與業界科專。",
            [
                ("SubsidyScheme", "協助傳統產業技術開發計畫"),
                ("SubsidyScheme", "業界開發產業技術計畫"),
            ],
        ),
        ("政府推動前瞻基礎建設計畫。", [("Policy", "前瞻基礎建設計畫")]),
        # A carbon tariff bill names no customs law.
        ("美國碳關稅法案仍在審議。", []),
    ],
)
def test_sentences_name_their_government_entities(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _gov_nodes(pipeline, text) == sorted(expected)
