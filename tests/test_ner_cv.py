"""Cross-validation helpers of the NER model (graphkit.ner_cv) on a hand-built article."""

from __future__ import annotations

from graphkit.ner_cv import mention_rows, score_fold, table
from graphkit.records import Block, DocumentInfo, Label, Mention, Segmented
from graphkit.score import Keys, Scope

T, ORG = Label.TECHNOLOGY, Label.ORGANIZATION

GOLD = [
    {
        "idx": 2,  # fold 2
        "title": "碳化矽 新紀元",
        "entities": {
            "technology": [
                {"names": ["碳化矽", "SiC"], "tier": "core"},
                {"names": ["碳化矽晶圓"], "tier": "core"},
                {"names": ["感測器"], "tier": "ok"},
            ],
            "organization": [{"names": ["Wolfspeed"], "tier": "core"}],
        },
    },
    {"idx": 3, "title": "別篇", "entities": {"technology": [{"names": ["雷達"], "tier": "core"}]}},
]


def _seg() -> Segmented:
    info = DocumentInfo(source="x.txt", sha256="0", family="moea_whitepaper")
    blocks = (
        Block("paragraph", "SiC與感測器,碳化矽,晶片設計", 0, article="碳化矽新紀元"),
        Block("paragraph", "雷達", 0, article=None),
    )
    return Segmented(info, "", blocks)


def test_model_mentions_scored_per_article_and_fold() -> None:
    found = [
        Mention(T, "SiC", 0, 0, 3, None, "ner"),
        Mention(T, "感測器", 0, 4, 7, None, "ner"),  # ok: counts for precision only
        Mention(T, "碳化矽", 0, 8, 11, None, "ner"),  # a second form of the same name
        Mention(T, "晶片設計", 0, 12, 16, None, "ner"),  # not in the gold
        Mention(ORG, "碳化矽", 0, 8, 11, None, "ner"),  # wrong label
        Mention(T, "雷達", 1, 0, 2, None, "ner"),  # outside any article: not scored
    ]
    rows = mention_rows(_seg(), found)
    assert rows == {
        "碳化矽新紀元": [
            {"label": "Technology", "name": "SiC"},
            {"label": "Technology", "name": "感測器"},
            {"label": "Technology", "name": "碳化矽"},
            {"label": "Technology", "name": "晶片設計"},
            {"label": "Organization", "name": "碳化矽"},
        ]
    }
    keys = Keys()
    scope = score_fold(GOLD, rows, 2, keys)
    tech, org = scope.counts["technology"], scope.counts["organization"]
    # 4 nodes, 3 match a group (SiC, 感測器, 碳化矽); 1 of 2 core groups found.
    assert (tech.tp, tech.predicted, tech.found, tech.gold) == (3, 4, 1, 2)
    assert (org.tp, org.predicted, org.found, org.gold) == (0, 1, 0, 1)
    assert score_fold(GOLD, rows, 0, keys).counts["technology"].gold == 1  # 雷達 of article 3

    lines = table({s: [Scope("f0"), Scope("f1"), scope] for s in ("rules", "model", "rules+model")})
    assert lines[0] == "| type | system | fold 0 | fold 1 | fold 2 | total |"
    cell = "P 0.750 R 0.500 (3/4, 1/2)"
    assert lines[2] == f"| technology | rules | – | – | {cell} | {cell} |"


def test_develops_rows_of_a_graph_per_article() -> None:
    from graphkit.ner_cv import graph_develops_rows
    from graphkit.records import Graph, GraphEdge, GraphNode, NodeRef, RelType

    a = NodeRef(Label.ARTICLE, "article:1")
    p, q = NodeRef(Label.PROGRAMME, "programme:1"), NodeRef(Label.PROGRAMME, "programme:2")
    t = NodeRef(T, "technology:1")
    nodes = (
        GraphNode(a.label, a.id, {"name": "碳化矽 新紀元"}),
        GraphNode(p.label, p.id, {"name": "碳化矽計畫", "aliases": ["SiC計畫"]}),
        GraphNode(q.label, q.id, {"name": "別的計畫"}),
        GraphNode(t.label, t.id, {"name": "碳化矽", "abbr": "SiC"}),
    )
    edges = (
        GraphEdge(RelType.DESCRIBED_IN, p, a, {}),
        GraphEdge(RelType.DEVELOPS, p, t, {"evidence": "本計畫開發SiC。"}),
        GraphEdge(RelType.DEVELOPS, q, t, {"evidence": "開發碳化矽。"}),  # q: no article
    )
    rows = graph_develops_rows(Graph(nodes, edges))
    assert list(rows) == ["碳化矽新紀元"]
    [row] = rows["碳化矽新紀元"]
    assert (row["programme"], row["programme_aliases"]) == ("碳化矽計畫", ["SiC計畫"])
    assert (row["name"], row["abbr"], row["evidence"]) == ("碳化矽", "SiC", "本計畫開發SiC。")
    gold = {
        **GOLD[0],
        "entities": {
            **GOLD[0]["entities"],
            "programme": [{"names": ["碳化矽計畫"], "tier": "core"}],
        },
        "develops": [{"programme": "碳化矽計畫", "technology": "SiC", "tier": "core"}],
    }
    scope = score_fold([gold], {}, 2, Keys(), rows)
    d = scope.counts["DEVELOPS"]
    assert (d.tp, d.predicted, d.found, d.gold) == (1, 1, 1, 1)
