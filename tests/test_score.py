"""The gold v2 scorer: exact counts on small hand-built gold and rows, then the real corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphkit.score import FOLDS, Keys, pair_ends, score_article, score_document, score_documents

GOLD: dict[str, Any] = {
    "idx": 4,
    "title": "T",
    "entities": {
        "technology": [
            {"names": ["碳化矽", "SiC"], "tier": "core"},
            {"names": ["雷射切割"], "tier": "core"},
            {"names": ["感測器"], "tier": "ok"},
        ],
        "agency": [{"names": ["工研院"], "tier": "core"}],
        "organization": [{"names": ["NIH"], "tier": "core"}],
        "programme": [{"names": ["切割設備計畫", "切割設備"], "tier": "core"}],
    },
    "develops": [
        {"programme": "切割設備計畫", "technology": "碳化矽", "tier": "core", "evidence": "x"},
        {"programme": "切割設備計畫", "technology": "雷射切割", "tier": "core", "evidence": "x"},
        {"programme": "切割設備計畫", "technology": "感測器", "tier": "ok", "evidence": "x"},
    ],
    "not_same": [["NIH", "國家衛生研究院", "US body"]],
}


def node(label: str, name: str, **props: Any) -> dict[str, Any]:
    return {"label": label, "name": name, "aliases": [], **props}


@pytest.fixture(scope="module")
def keys() -> Keys:
    return Keys()


def test_article_entities_precision_and_recall(keys: Keys) -> None:
    rows = [
        node("Technology", "碳化矽", abbr="SiC", evidence="SiC 晶圓"),
        node("Technology", "感測器", evidence="沒有"),  # ok tier: precise, not recalled
        node("Technology", "市場", evidence="市場"),  # not in gold
        node("Agency", "工業技術研究院", evidence="工研院"),  # alias resolved by the lexicon
        node("Organization", "NIH", aliases=["國家衛生研究院"], evidence="NIH"),
    ]
    s = score_article(GOLD, rows, [], keys)
    tech = s.counts["technology"]
    assert (tech.tp, tech.predicted, tech.found, tech.gold) == (2, 3, 1, 2)
    assert s.counts["agency"].found == 1 and s.counts["agency"].tp == 1
    assert s.counts["organization"].found == 1
    assert s.counts["programme"].gold == 1 and s.counts["programme"].found == 0
    # 感測器's evidence lacks its name; 工業技術研究院's evidence has only an alias.
    assert s.counts["evidence MENTIONED_IN"].tp == 3
    assert s.counts["not_same kept apart"].tp == 0
    assert "article 04 not_same merged: NIH = 國家衛生研究院" in s.errors
    assert "article 04 technology extra: 市場" in s.errors


def pair(kind: str, a: str, b: str) -> dict[str, Any]:
    return {"type": kind, "a_name": a, "b_name": b}


def test_covers_and_collaborations_recall(keys: Keys) -> None:
    gold = {
        **GOLD,
        "entities": {**GOLD["entities"], "policy": [{"names": ["五大信賴產業"], "tier": "core"}]},
        "covers": [{"policy": "五大信賴產業", "technology": "SiC"},
                   {"policy": "五大信賴產業", "technology": "雷射切割"}],
        "collaborations": [{"a": "工研院", "b": "NIH"}, {"a": "工研院", "b": "臺大"}],
    }  # fmt: skip
    pairs = [
        pair("COVERS", "五大信賴產業", "碳化矽"),  # SiC's gold group holds 碳化矽
        pair("COVERS", "雷射切割", "五大信賴產業"),  # the wrong way round
        pair("COLLABORATES_WITH", "NIH", "工業技術研究院"),  # either way round
        pair("COVERS", "某某", "臺大"),  # another type
    ]
    s = score_article(gold, [], [], keys, pair_ends(pairs, keys))
    covers, collab = s.counts["COVERS (recall)"], s.counts["COLLABORATES_WITH (recall)"]
    assert (covers.found, covers.gold, covers.predicted) == (1, 2, 0)
    assert (collab.found, collab.gold) == (1, 2)
    assert "article 04 COVERS missed: 五大信賴產業 → 雷射切割" in s.errors
    assert "article 04 COLLABORATES_WITH missed: 工研院 → 臺大" in s.errors


def develops_row(technology: str, evidence: str) -> dict[str, Any]:
    row = node("Technology", technology, evidence=evidence)
    return {"programme": "切割設備", "programme_aliases": [], **row}


def test_article_develops(keys: Keys) -> None:
    develops = [
        develops_row("SiC", "本計畫開發SiC"),
        develops_row("感測器", "整合感測器"),
        develops_row("5G", "隨著技術發展"),
    ]
    s = score_article(GOLD, [], develops, keys)
    d = s.counts["DEVELOPS"]
    assert (d.tp, d.predicted, d.found, d.gold) == (2, 3, 1, 2)
    assert s.counts["evidence DEVELOPS"].tp == 2
    assert "article 04 DEVELOPS missed: 切割設備計畫 → 雷射切割" in s.errors


def test_whole_document(keys: Keys) -> None:
    gold = {
        "technologies": [["物聯網"], ["無人機", "UAV"]],
        "agencies": [["國科會"]],
        "programmes": [{"name": "民生公共物聯網", "aliases": ["民生公共物聯網計畫"]}],
        "borderline": {"technologies": [["感測器"]]},
    }
    rows = [
        node("Technology", "UAV"),
        node("Technology", "感測器"),
        node("Organization", "國科會"),  # the wrong label still counts for whole documents
        node("Technology", "天氣"),
        node("Policy", "民生公共物聯網計畫"),
    ]
    s = score_document(gold, rows, "x.txt", keys)
    assert s.counts["technology"].found == 1 and s.counts["technology"].gold == 2
    assert s.counts["agency"].found == 1 and s.counts["programme"].found == 1
    assert (s.counts["precision all"].tp, s.counts["precision all"].predicted) == (4, 5)
    assert s.counts["precision Technology"].tp == 2


def test_documents_are_paired_with_gold_by_file_name(tmp_path: Path, keys: Keys) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "07-a-law.gold.json").write_text('{"regulations": [["某某條例"]]}')
    scopes, total = score_documents({"07-a-law.txt": [node("Regulation", "某某條例")]},
                                    tmp_path, keys)  # fmt: skip
    assert [s.name for s in scopes] == ["document 07-a-law.txt"]
    assert total.counts["regulation"].found == 1
    _, missing = score_documents({}, tmp_path, keys)
    assert missing.counts["regulation"].found == 0


def test_folds_cover_every_article() -> None:
    assert FOLDS == 3 and {i % FOLDS for i in range(33)} == {0, 1, 2}
