"""Projection of the article gold onto article text (graphkit.ner_data)."""

from __future__ import annotations

from graphkit.ner_data import Span, article_blocks, fold_of, gold_examples, project
from graphkit.records import Block, DocumentInfo, Label, Segmented

T, ORG = Label.TECHNOLOGY, Label.ORGANIZATION


def _seg(*blocks: tuple[str, str | None]) -> Segmented:
    info = DocumentInfo(source="x.txt", sha256="0", family="moea_whitepaper")
    made = tuple(Block("paragraph", text, 0, article=art) for text, art in blocks)
    return Segmented(info, "", made)


GOLD = {
    "idx": 4,
    "title": "碳化矽 新紀元",
    "entities": {
        "technology": [
            {"names": ["碳化矽", "SiC"], "tier": "core"},
            {"names": ["碳化矽晶圓"], "tier": "core"},
            {"names": ["感測器"], "tier": "ok"},
        ],
        "organization": [{"names": ["ST", "STMicroelectronics"], "tier": "core"}],
        "agency": [],
    },
}


def test_project_longest_first_on_token_boundaries_ok_as_missing() -> None:
    text = "碳化矽晶圓由STMicroelectronics與ST量產,SiC感測器;SiCs不算"
    forms = [("碳化矽晶圓", T), ("STMicroelectronics", ORG), ("碳化矽", T), ("感測器", None),
             ("SiC", T), ("ST", ORG)]  # fmt: skip
    assert project(text, sorted(forms, key=lambda f: -len(f[0]))) == (
        Span(0, 5, T),  # 碳化矽晶圓, not 碳化矽 inside it
        Span(6, 24, ORG),  # STMicroelectronics, and no ST inside it
        Span(25, 27, ORG),  # ST on its own
        Span(30, 33, T),  # SiC
        Span(33, 36, None),  # 感測器: an ok entity is missing annotation
    )  # SiCs: not on a token boundary


def test_gold_examples_per_block_of_the_article_only() -> None:
    seg = _seg(
        ("序:碳化矽是重點", None),  # outside any article: not used
        ("碳化矽晶圓與SiC,感測器", "碳化矽  新紀元"),  # title compared by name_key
        ("", "碳化矽 新紀元"),  # empty block: no example
        ("ST發表碳化矽", "碳化矽 新紀元"),
        ("碳化矽", "另一篇"),  # another article
    )
    assert article_blocks(seg) == {"碳化矽新紀元": [1, 2, 3], "另一篇": [4]}
    examples = gold_examples(seg, [GOLD])
    assert [(e.article, e.text, e.spans) for e in examples] == [
        (4, "碳化矽晶圓與SiC,感測器", (Span(0, 5, T), Span(6, 9, T), Span(10, 13, None))),
        (4, "ST發表碳化矽", (Span(0, 2, ORG), Span(4, 7, T))),
    ]
    assert gold_examples(seg, [GOLD], frozenset({"table_row"})) == []


def test_folds_follow_eval() -> None:
    assert [fold_of(i) for i in (0, 1, 2, 3, 31, 32)] == [0, 1, 2, 0, 1, 2]
