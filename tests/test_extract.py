"""Relation rules over the real documents' structure (no store involved)."""

import re
from collections import defaultdict

import pytest

from graphkit.normalise import name_key
from graphkit.pipeline import Pipeline
from graphkit.read import read
from graphkit.records import Extraction, Label, RelType
from tests.corpus import corpus_file, report_files


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def paper(pipeline: Pipeline) -> Extraction:
    extraction, _ = pipeline.extract_document(read(corpus_file("whitepaper")))
    return extraction


def names(ex: Extraction, label: Label) -> dict[str, str]:
    return {n.id: n.name for n in ex.nodes if n.label is label}


def edges(ex: Extraction, rel: RelType) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in ex.relations:
        if r.type is rel:
            out[r.source.id].add(r.target.id)
    return out


def test_every_relation_has_evidence(paper: Extraction) -> None:
    for r in paper.relations:
        assert r.evidence.text and r.evidence.rule and r.evidence.document == paper.document_id
        assert len(r.evidence.text) <= 300


def test_every_mention_and_develops_evidence_prints_the_entity(paper: Extraction) -> None:
    # Long sentences (a table row read as one, a paragraph that names the entity late) are cut
    # around the name, not after the first 300 characters.
    nodes = {n.id: n for n in paper.nodes}
    checked = 0
    for r in paper.relations:
        if r.type not in (RelType.MENTIONED_IN, RelType.DEVELOPS):
            continue
        entity = nodes[r.target.id if r.type is RelType.DEVELOPS else r.source.id]
        forms = [
            entity.name,
            *entity.aliases,
            entity.props.get("abbr"),
            entity.props.get("name_en"),
        ]
        text = name_key(r.evidence.text)
        assert any(name_key(f) in text for f in forms if isinstance(f, str) and f), r
        checked += 1
    assert checked > 5000


def test_evidence_holds_no_formula_and_no_source_glued_after_its_name(paper: Extraction) -> None:
    # The 2025/2026 text prints formulas in LaTeX ($\\geq 90\\%$) and, where the PDF's text
    # glued a footnote into a paragraph, its source (…紡織資料來源:Chui, M., …).
    formula = re.compile(r"\$|\\[A-Za-z]")  # a formula, or half of one
    texts = [r.evidence.text for r in paper.relations]
    texts += [str(n.props.get("evidence", "")) for n in paper.nodes]
    assert [t for t in texts if formula.search(t)] == []
    develops = [r.evidence.text for r in paper.relations if r.type is RelType.DEVELOPS]
    assert [t for t in develops if "資料來源" in t] == []


def test_programmes_have_years_and_agencies(paper: Extraction) -> None:
    programmes = [n for n in paper.nodes if n.label is Label.PROGRAMME and "start_year" in n.props]
    assert len(programmes) >= 70
    executed = edges(paper, RelType.EXECUTED_BY)
    for p in programmes:
        assert (
            isinstance(p.props["start_year"], int) and p.props["start_year"] <= p.props["end_year"]
        )  # type: ignore[operator]
    assert sum(1 for p in programmes if executed.get(p.id)) >= len(programmes) - 1


def test_interleaved_agency_lines_go_to_their_own_programmes(paper: Extraction) -> None:
    """In a block 'A / 執行單位 X / B / 執行單位 Y', A gets X and B gets Y only."""
    agency = names(paper, Label.AGENCY)
    executed = edges(paper, RelType.EXECUTED_BY)
    sizes = {frozenset(agency[a] for a in targets) for targets in executed.values()}
    # The same block lists two programmes with different agency sets; no programme got both.
    assert any(len(s) == 5 for s in sizes) and any(len(s) == 3 for s in sizes)


def test_truncated_agency_completed(paper: Extraction) -> None:
    agencies = set(names(paper, Label.AGENCY).values())
    assert "工業技術研究院" in agencies
    assert "工業技術研究" not in agencies and "國家中山科學研究" not in agencies


def test_develops_counts_only_the_programmes_article(paper: Extraction) -> None:
    develops = [r for r in paper.relations if r.type is RelType.DEVELOPS]
    assert develops
    assert all(isinstance(r.props["mentions"], int) and r.props["mentions"] >= 1 for r in develops)
    assert {r.evidence.rule for r in develops} == {"develops/name", "develops/work"}
    # Evidence comes from the programme's own article and names the technology.
    nodes = {(n.label, n.id): n for n in paper.nodes}
    for r in develops:
        tech = nodes[(r.target.label, r.target.id)]
        forms = [tech.name, *tech.aliases, tech.props.get("abbr"), tech.props.get("name_en")]
        text = r.evidence.text.casefold()
        assert any(f and str(f).casefold() in text for f in forms), (tech.name, r.evidence.text)


def test_sic_variants_are_one_technology(paper: Extraction) -> None:
    techs = [n for n in paper.nodes if n.label is Label.TECHNOLOGY and n.name == "碳化矽"]
    assert len(techs) == 1
    forms = {
        techs[0].name,
        *techs[0].aliases,
        techs[0].props.get("abbr"),
        techs[0].props.get("name_en"),
    }
    assert {"SiC", "Silicon Carbide"} <= forms


def test_directory_rows_with_abbreviations_become_nodes(paper: Extraction) -> None:
    """A directory row 名稱(ABBR) gives the node 名稱 with the abbreviation, found by either."""
    from graphkit.terms import split_abbr

    assert split_abbr("中國科學院(CAS)") == ("中國科學院", "CAS")
    assert split_abbr("財團法人工業技術研究院") == ("工業技術研究院", None)
    abbreviated = [n for n in paper.nodes if n.label is Label.ORGANIZATION and n.props.get("url")]
    assert any(n.props.get("abbr") for n in abbreviated)


def test_hierarchy_edges(paper: Extraction) -> None:
    kinds = {r.type for r in paper.relations}
    assert {
        RelType.IN_CHAPTER,
        RelType.IN_DOMAIN,
        RelType.PUBLISHED_IN,
        RelType.DESCRIBED_IN,
    } <= kinds


def test_overview_tables_give_schemes_and_regulations(paper: Extraction) -> None:
    schemes = names(paper, Label.SUBSIDY_SCHEME)
    assert len(schemes) >= 5
    regs = [n for n in paper.nodes if n.label is Label.REGULATION]
    assert any(n.props.get("provision") for n in regs)
    assert edges(paper, RelType.SUPPORTS) and edges(paper, RelType.APPLIES_TO)


def test_reports_give_mentions(pipeline: Pipeline) -> None:
    for path in report_files():
        ex, warnings = pipeline.extract_document(read(path))
        assert not warnings
        assert any(r.type is RelType.MENTIONED_IN for r in ex.relations)
        assert ex.info.family == "generic-report"


def test_article_evidence_comes_from_the_same_article_and_never_a_source_line() -> None:
    from graphkit.extract import Extractor
    from graphkit.records import Block, BlockKind, DocumentInfo, Mention, Segmented, Term
    from graphkit.resolve import Resolved

    texts = [
        ("甲", "碳化矽晶圓需求增加。"),
        ("乙", "本文討論碳化矽元件。"),
        ("乙", "1 資料來源:碳化矽協會(2024)。"),
    ]
    blocks, offset = [], 0
    for article, text in texts:
        blocks.append(Block(BlockKind.PARAGRAPH, text, offset, "領域", "章", article))
        offset += len(text) + 1
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), "\n".join(t for _, t in texts), tuple(blocks)
    )
    sic = Term(Label.TECHNOLOGY, "碳化矽")
    resolved = [
        Resolved(
            Mention(Label.TECHNOLOGY, "碳化矽", i, t.index("碳化矽"), t.index("碳化矽") + 3), sic
        )
        for i, (_, t) in enumerate(texts)
    ]
    ex = Extractor().extract(seg, resolved)
    mentioned = {
        r.target.id: (r.evidence.text, r.evidence.offset, r.props["count"])
        for r in ex.relations
        if r.type is RelType.MENTIONED_IN
    }
    assert mentioned == {
        "article:甲": ("碳化矽晶圓需求增加。", 0, 1),
        "article:乙": ("本文討論碳化矽元件。", blocks[1].offset, 1),  # not the source line
        "document:t.txt": ("碳化矽晶圓需求增加。", 0, 2),
    }


def test_a_known_name_starting_a_compound_still_counts() -> None:
    """碳化矽 in 碳化矽功率元件 is a mention of 碳化矽; 半導體 in 功率半導體元件 is not."""
    from graphkit.extract import Extractor
    from graphkit.records import Block, BlockKind, DocumentInfo, Mention, Segmented, Term
    from graphkit.resolve import Resolved

    text = "開發碳化矽功率元件與功率半導體元件。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )

    def found(name: str, source: str = "lexicon") -> Resolved:
        start = text.index(name)
        mention = Mention(Label.TECHNOLOGY, name, 0, start, start + len(name), source=source)
        return Resolved(mention, Term(Label.TECHNOLOGY, name))

    resolved = [found("碳化矽"), found("半導體"), found("碳化矽功率元件", "chunk"),
                found("功率半導體元件", "chunk")]  # fmt: skip
    ex = Extractor().extract(seg, resolved)
    counted = {r.source.id for r in ex.relations if r.type is RelType.MENTIONED_IN}
    assert counted == {
        "technology:碳化矽",
        "technology:碳化矽功率元件",
        "technology:功率半導體元件",
    }


def test_a_shape_inside_a_longer_known_name_is_part_of_it() -> None:
    from graphkit.extract import Extractor
    from graphkit.records import Block, BlockKind, DocumentInfo, Mention, Segmented, Term
    from graphkit.resolve import Resolved

    text = "透過應變管理資訊雲端系統與雲端系統平臺。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )

    def found(name: str, source: str, at: int = 0) -> Resolved:
        start = text.index(name, at)
        mention = Mention(Label.TECHNOLOGY, name, 0, start, start + len(name), source=source)
        return Resolved(mention, Term(Label.TECHNOLOGY, name))

    resolved = [found("應變管理資訊雲端系統", "learned"), found("管理資訊雲端系統", "chunk"),
                found("雲端系統平臺", "chunk", 13)]  # fmt: skip
    ex = Extractor().extract(seg, resolved)
    counted = {r.source.id for r in ex.relations if r.type is RelType.MENTIONED_IN}
    assert counted == {"technology:應變管理資訊雲端系統", "technology:雲端系統平臺"}
