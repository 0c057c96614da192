"""The whole pipeline on the real corpus into the real embedded store, scored against gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.catalog import catalogue, get
from graphkit.evaluate import evaluate
from graphkit.loading import BuildReport
from graphkit.pipeline import Pipeline
from graphkit.records import ENTITY_LABELS
from graphkit.score import score_articles, score_files
from graphkit.store.falkordb import FalkorDBStore
from graphkit.workspace import Workspace
from tests.corpus import CORPUS, GOLD, all_files, corpus_file


def test_development_gold(corpus_store: FalkorDBStore) -> None:
    report = evaluate(corpus_store, GOLD, "dev")
    assert report.programmes_found == report.programmes_total, report.errors
    assert report.years_rate == 1.0, report.errors
    ex = report.score("EXECUTED_BY")
    assert ex.precision >= 0.97 and ex.recall >= 0.97 and ex.f1 >= 0.98, report.errors
    # The v1 links are a mention measure (the article names the technology): every DEVELOPS
    # edge must be one of them; recall of DEVELOPS is measured on the article gold (v2).
    assert report.score("DEVELOPS").precision >= 0.95, report.errors


@pytest.mark.parametrize("form", ["碳化矽", "SiC", "Silicon Carbide", "silicon carbide", "sic"])
def test_agencies_by_technology_answers_for_every_name(
    corpus_store: FalkorDBStore, form: str
) -> None:
    q = get("agencies-by-technology")
    rows = corpus_store.run(q.cypher, q.bind({"technology": form})).records()
    reference = corpus_store.run(q.cypher, q.bind()).records()
    assert rows == reference
    assert rows, "agencies per year for SiC"
    years = [r["year"] for r in rows]
    assert years == sorted(years)
    for r in rows:
        assert r["agency"] and r["programmes"]
        assert r["executed_by_evidence"] and r["develops_evidence"]


def test_the_subject_of_a_programmes_name_is_developed(corpus_store: FalkorDBStore) -> None:
    """The technical subject of a name is a Technology the programme develops: printed in a
    sentence (射頻前端, that sentence the evidence), or alone when it names a thing (工具機智動
    系統, the programme line the evidence)."""
    rows = corpus_store.run(
        "MATCH (p:Programme)-[d:DEVELOPS]->(t:Technology) WHERE t.name IN $names "
        "RETURN p.name AS p, t.name AS t, d.evidence AS evidence, d.evidence_rule AS rule "
        "ORDER BY t",
        {"names": ["射頻前端", "工具機智動系統"]},
    ).records()
    found = {(r["p"], r["t"]): r["rule"] for r in rows}
    assert ("低軌衛星地面通訊設備射頻前端核心技術開發計畫", "射頻前端") in found
    assert found[("工具機智動系統強健生產優化關鍵技術", "工具機智動系統")] == "develops/name"
    assert all(r["t"] in r["evidence"] for r in rows)


def test_every_saved_query_runs(corpus_store: FalkorDBStore) -> None:
    empty = []
    for q in catalogue().values():
        rows = corpus_store.run(q.cypher, q.bind()).records()
        if not rows:
            empty.append(q.name)
    # Only the edition comparison may be empty with a single edition loaded... and it is not:
    # every entity of the one edition is new in it.
    assert empty == [], f"saved queries with no answer on the corpus: {empty}"


def test_every_entity_label_has_nodes_with_evidence(corpus_store: FalkorDBStore) -> None:
    for label in ENTITY_LABELS:
        rows = corpus_store.run(
            f"MATCH (n:{label.value}) RETURN count(n) AS n, "
            "sum(CASE WHEN n.evidence IS NULL OR n.evidence = '' THEN 1 ELSE 0 END) AS bare"
        ).records()[0]
        assert rows["n"] > 0, label
        assert rows["bare"] == 0, label


def test_every_relationship_has_provenance(corpus_store: FalkorDBStore) -> None:
    bare = corpus_store.run(
        "MATCH ()-[r]->() WHERE r.evidence IS NULL OR size(r.sources) = 0 "
        "OR r.evidence_rule IS NULL RETURN count(r) AS n"
    ).records()[0]["n"]
    assert bare == 0


def test_second_identical_build_changes_nothing(
    corpus_build: tuple[FalkorDBStore, BuildReport], pipeline: Pipeline
) -> None:
    store, first = corpus_build
    assert {d.status for d in first.documents} == {"loaded"}
    again = Workspace(store.path).build(all_files(), pipeline=pipeline)
    assert {d.status for d in again.documents} == {"unchanged"}
    assert again.after == first.after == again.before


def test_changed_content_is_rebuilt_not_duplicated(tmp_path: Path, pipeline: Pipeline) -> None:
    """Both white-paper files merge; loading them one at a time gives the same graph."""
    files = [corpus_file("whitepaper"), corpus_file("chapter")]
    a, b = Workspace(tmp_path / "a"), Workspace(tmp_path / "b")
    a.build(files, pipeline=pipeline)
    b.build(files[:1], pipeline=pipeline)
    only_full = b.stats()
    b.build(files[1:], pipeline=pipeline)
    assert a.stats() == b.stats()
    assert b.stats()["nodes"]["Programme"] > only_full["nodes"]["Programme"]
    assert b.stats()["nodes"]["Article"] == only_full["nodes"]["Article"]


#: Ratchet floors for the article gold (totals over the 33 development articles): the figures
#: this build reaches, rounded down. Raise them when extraction improves; lower one only for a
#: trade measured on the held-out fold and said here and in the CHANGELOG (round sixteen).
ARTICLE_FLOORS = {
    # A verb glued between a noun of the name and its head stays inside it (波束|合成|晶片);
    # 製程 is no weak head (晶片製程 names a kind of process): precision .791 → .804.
    # Sectors are no technologies (ICT業者, …等產業), framing nouns (SiC晶圓|產品), kinds of
    # known technologies (人形機器人), headed quotes anywhere: .804/.584 → .820/.599.
    # Head words tagged verbs (Chiplet|封裝), X整合技術, a technique's own edges, a modifier
    # kept when too little is left (次世代感知), Taiwan's words (乙太網路), markup and reference
    # lines per sentence: .821/.601 → .821/.616. Launched products (ChatGPT), fragments out
    # (Latin glosses as items, 受限於, a unit's letter), the DEVELOPS sections: .821/.619.
    # Tuned on articles no gold covers: sectors (…廠, 等領域), clauses (符合|X系統), counts
    # (三大核心元件), pieces (線|上感測), definitions' metrics and permits: .826/.619.
    # A verbal noun before another is a compound's (調控|管理|模組): .829/.618; a bound
    # noun character after a head ends the name (雷射|源): .830/.619. Rules for reports of
    # other kinds (determiners, bound attributives 型/式, a verb taking its own object,
    # business words, modifiers alone), 技術模組 generic, general terms of the lexicon
    # (聊天機器人, 衛星通訊 …): .835/.621. Round twelve (recall): a name printed once with
    # clean word edges, devices by their last character (光譜儀), processes as heads (化學機械
    # 研磨), device words alone (濾波器), smart kinds (智慧工廠); a known name ending a longer
    # one is no mention of its own (仿生協作型|機器人): .835/.659. Round fourteen (precision
    # where nobody tuned): defined names cut at word edges (雙波段影像融合技術), 現貨型 no
    # name, pieces before an unknown word (碳化矽馬達|驅控器), vague or adjective-ended
    # objects (高科技材料, 菌絲皮革耐用), prefixes kept (半固態電解質材料): .840/.659.
    # Round fifteen (tech15, recall): coordinated modifiers (多核與眾核運算晶片), Latin items
    # of a list of technologies (CMOS與GaN製程廠), fibres (纖維), a known name kept inside a
    # dropped span (採購|商規無人機): .840/.662.
    # Round sixteen (prog16): the technical subject of a programme's name is a term of the
    # document (射頻前端, 工具機智動系統): .839/.662 → .833/.672 (held-out fold 2 .752/.564 →
    # .748/.583: F1 .645 → .655). The lead took the trade, the one time a precision floor went
    # down: recall is the larger gap to the target (.80), and the held-out fold gained.
    # Round sixteen (technews16): a spaced English phrase's Latin words out of a name (Beyond
    # 5G|…), lexicon 再生能源, 風力發電, 核磁共振, 超音波: .833 → .836 (fold 2 .748 → .757).
    # Round seventeen (tech17): two words of an abstract qualifier and a generic word name
    # nothing (軟體演算法, 品質檢測); a process word ending a list's item is the item's
    # (協同網路運算、); a cue word after a smart kind is the clause's (智慧工廠|成為):
    # .837/.672 → .846/.677 (fold 2 .761 → .767). A review then found the process-word rule
    # reading a clause's verb as a list item (利用AI模型分析、預測: AI模型分析; AI晶片設計及驗證
    # lost AI晶片) and the abstract rule dropping devices (硬體加速器, 基礎模型): the first was
    # reverted and the second kept for generic words only, .840/.674 (fold 2 .761/.583). The
    # floors follow the figures down: gold gains that misread ordinary prose are not kept.
    # Round eighteen (tech18, fragments): two verbal nouns make a compound (研磨|加工|主軸模組),
    # a slash joins its words into the name (CU/DU/RU網元系統), a head word jieba tags a measure
    # before a glued verb and a head (微型陣列|干涉|鏡組), a verb right after a verb of making
    # is its object's (建立|虛擬|工具機…): .840/.674 → .847/.677 (fold 2 .764/.583).
    # Round nineteen (lexict): the general lexicon of ICT, semiconductors, machinery and
    # vehicles (technologies-ict.jsonl, 826 terms): .847/.677 → .846/.709 (fold 2 .765/.587 →
    # .760/.633).
    # Round nineteen (lexgreen): a lexicon of the other fields (energy, materials, life
    # sciences, agriculture, textiles, building): .847/.677 → .846/.681 (fold 2 .765/.587 →
    # .766/.601). Both merged: .845/.713 (702/831, 470/659; fold 2 .761/.647): the precision
    # floor follows the figure down by a wrong match in a thousand (.8448). A known Latin
    # technology glued before a known one names a kind of it (AI|影像辨識): .846/.716 (fold 2
    # .768/.651). A known technology glued before a head word names the thing built on it
    # (量子退火|機器), its known name no mention there: .847/.716 (fold 2 .772/.651); merged
    # with main's X|技術 aliases .850/.719 → .851/.719 (fold 2 .779 → .782). Round twenty
    # (worklist: the items of lists a verb of making governs, named whole): .852/.719 →
    # .853/.727 (fold 2 .786/.656 → .789/.665). Round twenty (devother's DEVELOPS rules, a
    # formula vetoing only its clause also in the chunker's own-work test): .855/.727 →
    # .856/.730 (fold 2 .787/.665 → .788/.670). Round twenty-one (coord: two actions sharing
    # one head): .855/.734 (fold 2 .788/.683); with things' heads and Taiwan's words of the
    # other domains (材料 a head, technical nouns jieba tags verbs, a formula marking only its
    # clause): .859/.750 (fold 2 .794/.693); merged with devprec .859/.750 (fold 2 .793/.693).
    # Round twenty-two (techbound: 超導, 仿生 nouns of the segmenter): .861/.750 (fold 2 same).
    # Round twenty-two: the Technology CRF beside the rules (trained on folds 0 and 1, so the
    # all-33 figure holds its training articles): .880/.810; fold 2 .793/.693 → .791/.748;
    # cross-validated (make crf-cv) .859/.747 → .840/.774. After the round's review, no CRF
    # name opens with a word no name opens with (市售) nor is an English phrase (Chief Digital
    # Officer): .880/.810 → .879/.804, all on the CRF's training folds (fold 2 unchanged,
    # FOLD2_FLOORS; the tuning articles of other fields .794 → .801 precision).
    # Round twenty-three (techprec: CRF spans ending in a field, a facility or a disease, or
    # before a sector word, name none; X新興技術, X專業技術 name no technique; a known name
    # printed in an article only as background (a market's figures, the work abroad, where the
    # work applies, what it replaces) is no mention there): .879/.804 → .882/.804 (fold 2
    # .791/.748 → .802/.748; the other domains' held-out articles .720 → .733 precision).
    "technology": (0.880, 0.802),
    # The government lexicons (lexgov: post-2023 bodies, research units, renamed predecessors):
    # .983/.921 → .984/.937 (fold 2 .870 → .913).
    "agency": (0.982, 0.966),
    # Organisations by context (cited sources, English head nouns, partners) and well-known
    # companies: recall .73 → .91 for precision .98 → .95 (list artefacts the lexicon vouches for);
    # lists closed by their 等 item, no item after a pronoun: precision .977.
    # Bodies in running text of other documents (Latin names before 公司, bracketed examples,
    # cited sources with a year, a proper word leading a head-word name after any verb, a time
    # word before one): .977/.923.
    # Round nineteen (lexorg: 905 organisations as general knowledge): .988/.923 → .989/.956
    # (fold 2 .947/.739 → .955/.870).
    "organization": (0.987, 0.954),
    # Policy names a pattern finds are names all through the document: recall .66 → .83 for
    # one name the gold leaves out of an article that prints it (precision 1.0 → .95). A year
    # span with 年 inside a quoted title (「…行動計畫（2022~2026年）」): .955/.944.
    "policy": (0.953, 0.942),
    # Prose programmes decided per article (an article without its own block), a foreign
    # research programme's definition (Horizon Europe): recall .884 → .930; a note naming a
    # programme with its year span (2 X計畫(2024~2027年),執行機關:…): .953.
    "programme": (0.95, 0.95),
    "regulation": (1.0, 0.66),
    # DEVELOPS clauses: a list word opening a clause, the paragraph's subject, the means
    # opening a clause, headings that open with a technique; capacities, times and uses
    # (研發能量, 完成之後, 可用於) no work: .668/.424 → .690/.469.
    # Sections naming one of several programmes are its work only; other parties only as
    # the subject or source of the work: .695/.472 → .703/.477; 發展 with the programme as
    # the subject: .703/.490; the subject named earlier in the section: .706/.500; 針對:
    # .708/.505; a short word between a name and its industry (半導體信賴產業): .711/.508; 則
    # makes a condition: .713/.508.
    # With tech10's and the lead's recognition fixes merged: .716/.530.
    # Round eleven (judged on articles no gold covers, too): making (製備, 合成) and producing
    # (產出) are work; a gloss is read where its name is; trends, long example lists, definitions,
    # institutions (研發中心), containers (X中的Y) and copulas (是製作) state none; quotes naming
    # the programme's part; headings stating the work make their section the programme's:
    # .724/.528 → .726/.541. A review's fixes (state-of-the-field headings, 其它, 產出 an own
    # verb), firms of the lexicon as subjects (臺塑化開發X) and gen13's names: .737/.543.
    # Round twelve: tech13's names printed once with clean edges, devices, processes: .737/.561.
    # Round thirteen (dev14, judged on articles no gold covers): uses (應用於…, 經驗證適用於),
    # and wastes (裂解廢棄X) state no work: gold unchanged.
    # Round fifteen (dev15): a party a background cue relies on is no subject (依賴國外進口),
    # 深耕 is work, a locative opening the clause names the field (科技專案在X開發Y):
    # .737/.561 → .741/.569. Round sixteen (prog16): the subject of a programme's name,
    # printed in a sentence or naming a thing alone: .734/.586 (held-out fold 2 .616/.424 →
    # .613/.451, F1 .502 → .518); the lead took the trade (see technology). technews16's
    # technology names: .735 → .738. Round seventeen (tech17's names): .746/.596; after its
    # review's reverts (see technology) .740/.591.
    # Round eighteen (tech18's names, prog17's review of programme subjects): .740/.591 →
    # .750/.599 (fold 2 .627/.451); after tech18's review (a measure-tagged head reverted)
    # .749/.596; dev18's fixes of dev17's subject rules leave the gold figures as they were.
    # Round nineteen (lexict's lexicon): .750/.596 → .748/.607 (fold 2 .627/.451 → .624/.472).
    # Round nineteen (lexgreen's lexicon of the other fields): .750/.596 → .750/.602. Both
    # merged: .749/.612 (fold 2 .628/.486); AI|影像辨識 kinds .749/.614; 量子退火|機器
    # compounds .751/.614 (fold 2 .631 → .634); merged with main's X|技術 aliases .755/.617
    # → .757/.617 (fold 2 .646 → .649). Round twenty (worklist's list items): .757/.617 →
    # .759/.632 (fold 2 .649/.493 → .655/.514). Round twenty (devother: 因為, 市售 background;
    # a policy before —— no subject of the name; 解決方案 no effect; an effect inside the
    # mention's qualifier; a formula vetoes only its clause; a name opening a worked-on one
    # is its field): .761/.632 → .762/.640 (fold 2 .654/.514 → .655/.521). Round twenty-one
    # (devprec: 因為 opens a reason, 取代 splits its clause, 尚未/優於 as verbs' negation and
    # comparison, a 未來 clause without the programme as subject a prospect): .762/.640 →
    # .769/.640 (fold 2 .655 → .669); merged with main's shared-head names (chunkcoord, recall
    # .643): .764/.645 → .771/.645 (fold 2 .660 → .674).
    # Round twenty-one (things' names: heads and Taiwan's words of the other domains), merged
    # with main's devprec and coord: .771/.645 → .776/.665 (fold 2 .674/.535 → .689/.549).
    # Round twenty-two (devrec: 提供 a partner's cue, so 提供中小型業者…服務，涵蓋X is the
    # programme's): .781/.662 → .781/.665 (fold 2 unchanged).
    # Round twenty-two: the CRF's names (and devrec's cues): .780/.723 (fold 2 .688/.549 →
    # .704/.604).
    # The review's CRF filter: .780/.723 → .780/.718 (training folds; fold 2 unchanged).
    "DEVELOPS": (0.778, 0.716),
    "evidence DEVELOPS": (1.0, 1.0),
    "evidence MENTIONED_IN": (1.0, 1.0),
    # Our own recall measures of the gold's covers and collaborations (edges carry no article,
    # so no precision): a clause without its subject is the executing agencies' (.00 → .65),
    # an item holding a named actor is that actor (.75); a technology inside a policy's name
    # (.33 → .43). A generic party's examples after it are the partners (攜手產學研，如：A、B):
    # .75 → .80.
    "COVERS (recall)": (0.0, 0.42),
    "COLLABORATES_WITH (recall)": (0.0, 0.8),
}
#: Floors of the held-out fold 2 (article index mod 3 == 2), which neither the rules were tuned
#: on nor the Technology CRF trained on: the all-33 floors hold the CRF's training articles.
FOLD2_FLOORS = {
    "technology": (0.800, 0.746),
    "DEVELOPS": (0.700, 0.600),
}
#: Recall floors for the whole-document gold (documents built alone), per type.
DOCUMENT_FLOORS = {
    "agency": 1.0,
    "organization": 1.0,
    # 奈米, 減列 in the chunker's dictionary; 器材 a head word: .74. Where a technology comes
    # from is no part of its name (國產自主化), X整合技術, Latin names ending in API, a law's
    # definitions of things (新藥:指…之藥品): .871.
    "technology": 0.87,
    # A budget line starting with a programme and its budget (X計畫總經費…千元): 26/26.
    "programme": 1.0,
    "regulation": 1.0,
    "precision all": 1.0,
}


def test_article_gold_ratchet(corpus_store: FalkorDBStore) -> None:
    report = score_articles(corpus_store, GOLD)
    assert len(report.articles) == 33
    for measure, (precision, recall) in ARTICLE_FLOORS.items():
        c = report.total.counts[measure]
        assert c.precision >= precision and c.recall >= recall, (measure, c)
    assert report.total.counts["not_same kept apart"].recall == 1.0, report.total.errors
    [held_out] = [f for f in report.folds if f.name.startswith("fold 2")]
    for measure, (precision, recall) in FOLD2_FLOORS.items():
        c = held_out.counts[measure]
        assert c.precision >= precision and c.recall >= recall, (measure, c)


def test_document_gold_ratchet(pipeline: Pipeline) -> None:
    files = sorted((CORPUS / "other").glob("*.txt"))
    if not files:
        pytest.skip(f"no documents in {CORPUS / 'other'}")
    scopes, total = score_files(files, GOLD, pipeline)
    assert len(scopes) == len(list((GOLD / "other").glob("*.gold.json")))
    for measure, floor in DOCUMENT_FLOORS.items():
        c = total.counts[measure]
        value = c.precision if measure.startswith("precision") else c.recall
        assert value >= floor, (measure, c)


def test_no_two_nodes_of_a_label_share_a_key(corpus_store: FalkorDBStore) -> None:
    """One entity, one node: AI and 人工智慧, 航港局 and 交通部航港局, 主權AI and 發展主權AI
    across the files of the corpus."""
    shared = corpus_store.run(
        "MATCH (n) WHERE n.keys IS NOT NULL UNWIND n.keys AS k "
        "WITH labels(n)[0] AS label, k, collect(n.name) AS names WHERE size(names) > 1 "
        "RETURN label, k, names"
    ).records()
    assert shared == []


def test_relation_rules_look_names_up_in_the_documents_resolver() -> None:
    """extract_document hands extract the document's resolver (Resolver.known): a name the
    document defines (甲乙晶片(Jiayi Chip, JYC)) is known to the relation rules, which read
    covered items and partners off the text, and not only the lexicons' names."""
    from graphkit.extract import Extractor
    from graphkit.records import Label, SourceText
    from graphkit.resolve import Known, known_term

    seen = []

    class Recording(Extractor):
        def extract(self, seg, resolved, known: Known = known_term):  # type: ignore[no-untyped-def]
            seen.append((known(Label.TECHNOLOGY, "JYC"), known(Label.TECHNOLOGY, "AI")))
            return super().extract(seg, resolved, known)

    pipeline = Pipeline()
    pipeline.extractor = Recording(pipeline.chunker.tag)
    text = "甲乙晶片(Jiayi Chip, JYC)是一種新型晶片。\n\n政府推動五大信賴產業(JYC、AI、軍工)。\n"
    pipeline.extract_document(SourceText("x.txt", "x.txt", text, "0", "utf-8"))
    assert [tuple(t.name if t else None for t in pair) for pair in seen] == [
        ("甲乙晶片", "人工智慧")
    ]
    assert known_term(Label.TECHNOLOGY, "JYC") is None  # the lexicons alone do not know it
