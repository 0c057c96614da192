"""A listed programme's name as its article's prose spells it otherwise (programmenames)."""

from __future__ import annotations

import pytest

from graphkit.knowledge import rules
from graphkit.programmenames import programme_aliases, respells
from graphkit.records import (
    Block,
    BlockKind,
    DocumentInfo,
    Label,
    ProgrammeLine,
    ProgrammeList,
    Segmented,
    Term,
)
from graphkit.store.falkordb import FalkorDBStore

LEAST = float(rules("terms")["respelled"])


@pytest.mark.parametrize(
    ("quote", "listed", "expected"),
    [
        # one character respelt (智能化 for 智動化), a word for another (技術 for 驗證)
        ("智能化協同設計EDA前瞻技術開發計畫", "智動化協同設計EDA前瞻技術開發計畫", True),
        ("全齡健康之創新治療產品開發技術計畫", "全齡健康之創新治療產品開發驗證計畫", True),
        # another programme of the same field: too few characters shared
        ("智能載具動力電池系統技術開發計畫", "電動載具固態電池與模組開發技術", False),
        # the listed name itself is no other spelling of it
        ("化合物半導體元件關鍵技術計畫", "化合物半導體元件關鍵技術計畫", False),
        # the share counts the longer name's characters: a short quote inside a long name is none
        ("碳循環計畫", "碳循環關鍵技術開發計畫", False),
    ],
)
def test_a_quote_respells_a_listed_name_when_most_characters_agree(
    quote: str, listed: str, expected: bool
) -> None:
    assert respells(quote, listed, LEAST) is expected


def _programme(store: FalkorDBStore, name: str) -> list[dict[str, object]]:
    rows = store.run(
        "MATCH (p:Programme) WHERE p.name = $name OR $name IN p.aliases "
        "OPTIONAL MATCH (p)-[:DESCRIBED_IN]->(a:Article) "
        "RETURN p.name AS name, p.aliases AS aliases, count(a) AS described",
        {"name": name},
    ).records()
    return [dict(r) for r in rows]


def test_a_respelt_quote_is_the_listed_programme_and_another_one_its_own(
    corpus_store: FalkorDBStore,
) -> None:
    """科技專案「智能化…計畫」 in the article listing 智動化…計畫 is that programme's alias (one
    node, described in its article); 科技專案「智能載具動力電池系統技術開發計畫」, an earlier
    programme no block lists, is a Programme of its own, mentioned in its article."""
    rows = _programme(corpus_store, "智能化協同設計EDA前瞻技術開發計畫")
    assert [(r["name"], r["described"]) for r in rows] == [("智動化協同設計EDA前瞻技術開發計畫", 1)]
    assert "智能化協同設計EDA前瞻技術開發計畫" in rows[0]["aliases"]  # type: ignore[operator]
    earlier = "智能載具動力電池系統技術開發計畫"
    assert [(r["name"], r["described"]) for r in _programme(corpus_store, earlier)] == [
        (earlier, 0)
    ]
    mentioned = corpus_store.run(
        "MATCH (p:Programme {name: $name})-[:MENTIONED_IN]->(a:Article) RETURN a.id AS id",
        {"name": earlier},
    ).records()
    assert len(mentioned) == 1


def test_two_files_spelling_a_dash_run_otherwise_make_one_programme(
    corpus_store: FalkorDBStore,
) -> None:
    """The chapter file prints 創新—生成式, the whole white paper 創新——生成式: one node, the
    other spelling an alias (graphkit.normalise.name_key folds a dash run)."""
    single = "晶片驅動臺灣產業創新—生成式AI產業應用與普及發展計畫"
    double = "晶片驅動臺灣產業創新——生成式AI產業應用與普及發展計畫"
    rows = _programme(corpus_store, single)
    assert len(rows) == 1 and rows == _programme(corpus_store, double)
    assert {rows[0]["name"], *rows[0]["aliases"]} >= {single, double}  # type: ignore[misc]


def _article(prose: str, *listed: str) -> Segmented:
    """One article: a paragraph, then its 相關科技專案 block listing ``listed``."""
    lines = tuple(ProgrammeLine(n, 2024, 2027, f"{n}(2024~2027年)") for n in listed)
    blocks = (
        Block(BlockKind.PARAGRAPH, prose, 0, "d", "c", "a"),
        Block(BlockKind.PARAGRAPH, "", len(prose), "d", "c", "a", ProgrammeList(lines)),
    )
    return Segmented(DocumentInfo("t.txt", "0", "test"), prose, blocks)


def _aliases(seg: Segmented, *listed: str) -> dict[str, tuple[str, ...]]:
    terms = [Term(Label.PROGRAMME, n, origin="programme-block") for n in listed]
    return {t.name: t.aliases for t in programme_aliases(seg, terms)}


def test_a_quote_of_a_listed_name_or_near_two_is_no_alias() -> None:
    """科技專案「智能化…」 for the listed 智動化…: an alias; a quote of one listed name as printed
    is that programme, no alias of its near twin (5G… and 6G…); a quote near two names is
    neither's."""
    one = "智動化協同設計EDA前瞻技術開發計畫"
    prose = "科技專案「智能化協同設計EDA前瞻技術開發計畫」開發晶片。"
    assert _aliases(_article(prose, one), one) == {one: ("智能化協同設計EDA前瞻技術開發計畫",)}
    twins = ("5G前瞻通訊技術開發計畫", "6G前瞻通訊技術開發計畫")
    prose = "本科技專案「5G前瞻通訊技術開發計畫」開發晶片。"
    assert _aliases(_article(prose, *twins), *twins) == {twins[0]: (), twins[1]: ()}
    prose = "本科技專案「7G前瞻通訊技術開發計畫」開發晶片。"
    assert _aliases(_article(prose, *twins), *twins) == {twins[0]: (), twins[1]: ()}


def test_a_quoted_technique_respelling_a_listed_name_is_its_alias() -> None:
    """科技專案「X技術」 spelling a listed programme otherwise (…整合發展技術 for the listed
    …整合發展計畫) is that programme's alias, as a quoted …計畫 is; one that spells no listed
    name adds none (it is a technique, see the next test)."""
    listed = "低延遲AI Chiplet整合發展計畫"
    prose = "科技專案「低延遲AI Chiplet整合發展技術」，持續投入研發。"
    assert _aliases(_article(prose, listed), listed) == {listed: ("低延遲AI Chiplet整合發展技術",)}
    prose = "科技專案「鋼鐵加工用化學品低碳化與處理技術」是建立無磷環保皮膜配方。"
    assert _aliases(_article(prose, listed), listed) == {listed: ()}


def _recognised(prose: str, *listed: str) -> list[tuple[str, str]]:
    from graphkit.pipeline import Pipeline

    seg = _article(prose, *listed)
    mentions, _ = Pipeline().recognised(seg)
    return sorted({(m.label.value, m.text) for m in mentions if "「" in prose[: m.start]})


def test_a_quoted_technique_is_a_technology_unless_it_names_the_programme() -> None:
    """A technique quoted after 科技專案 that spells no programme of its article is a
    technology, whatever words its name holds (用, 與, 低碳化: no chunk of the tagger's); one
    that spells a listed programme is that programme, no technology of its own
    (programme_quotes)."""
    listed = "鋼鐵產業低碳排反應與製程技術開發計畫"
    prose = "科技專案「鋼鐵加工用化學品低碳化與處理技術」是建立配方。"
    found = _recognised(prose, listed)
    assert ("Technology", "鋼鐵加工用化學品低碳化與處理技術") in found
    prose = "科技專案「鋼鐵產業低碳排反應與製程開發技術」是建立配方。"
    found = _recognised(prose, listed)
    assert ("Programme", "鋼鐵產業低碳排反應與製程開發技術") in found
    assert not [f for f in found if f[0] == "Technology" and f[1].startswith("鋼鐵產業")]


def test_a_quoted_technique_the_word_programme_follows_is_a_programme() -> None:
    """科技專案「X技術」計畫 names a programme ('quoted-then-programme'), no technique."""
    found = _recognised("經濟部科技專案「智慧內視鏡影像分析技術」計畫，開發影像系統。")
    assert ("Programme", "智慧內視鏡影像分析技術") in found
