"""A body's name leading a technology's printed name is its owner (graphkit.owners)."""

from __future__ import annotations

from graphkit.owners import without_owners
from graphkit.pipeline import Pipeline
from graphkit.records import Label, Mention

ITRI = Mention(Label.AGENCY, "工研院", 0, 0, 3)


def _cut(chunk: Mention, *found: Mention, least: int = 3) -> list[tuple[str, int, str | None]]:
    return [(m.text, m.start, m.key) for m in without_owners([chunk], found, least)]


def test_the_name_after_a_body_that_starts_it() -> None:
    """工研院|矽光子技術: 矽光子, printed 矽光子技術, from where the body ends."""
    chunk = Mention(Label.TECHNOLOGY, "工研院矽光子技術", 0, 0, 8, key="工研院矽光子")
    assert _cut(chunk, ITRI) == [("矽光子技術", 3, "矽光子")]
    org = Mention(Label.ORGANIZATION, "台積電", 0, 0, 3)
    chunk = Mention(Label.TECHNOLOGY, "台積電先進封裝", 0, 0, 7)
    assert _cut(chunk, org) == [("先進封裝", 3, None)]
    # 工研院 AI 晶片: the space after the body is no part of the name
    chunk = Mention(Label.TECHNOLOGY, "工研院 AI 晶片", 0, 0, 9)
    assert _cut(chunk, ITRI) == [("AI 晶片", 4, None)]


def test_a_name_the_body_does_not_start_or_that_it_fills_stays() -> None:
    """A body inside (not at the start), of another block, as long as the name, or no body
    at all (a technology's mention at the start) leaves the name as it is."""
    chunk = Mention(Label.TECHNOLOGY, "矽光子工研院模組", 0, 0, 8)
    inside = Mention(Label.AGENCY, "工研院", 0, 3, 6)
    other_block = Mention(Label.AGENCY, "工研院", 1, 0, 3)
    whole = Mention(Label.ORGANIZATION, "矽光子工研院模組", 0, 0, 8)
    tech = Mention(Label.TECHNOLOGY, "矽光子", 0, 0, 3)
    for found in (inside, other_block, whole, tech):
        assert _cut(chunk, found) == [("矽光子工研院模組", 0, None)]


def test_a_name_left_shorter_than_least_is_none() -> None:
    """工研院|AI技術 leaves AI (2 < 3): the lexicon names it, not the chunker."""
    chunk = Mention(Label.TECHNOLOGY, "工研院AI技術", 0, 0, 7, key="工研院AI")
    assert _cut(chunk, ITRI) == []
    assert _cut(chunk, ITRI, least=2) == [("AI技術", 3, "AI")]


def test_a_name_proper_without_the_body_keeps_its_key() -> None:
    """A name proper that does not start with the owner (the printed form holds more) stays."""
    chunk = Mention(Label.TECHNOLOGY, "工研院高效能電池模組技術", 0, 0, 12, key="電池模組")
    assert _cut(chunk, ITRI) == [("高效能電池模組技術", 3, "電池模組")]


def test_news_text_names_the_technology_and_its_owner() -> None:
    """The whole pipeline: the institute and 矽光子, no 工研院矽光子."""
    from graphkit.records import SourceText

    text = "工研院矽光子技術已成熟，台積電先進封裝技術領先。"
    source = SourceText(path="/n.txt", name="n.txt", text=text, sha256="0", encoding="utf-8")
    extraction, _ = Pipeline().extract_document(source)
    names = sorted((n.label.value, n.name) for n in extraction.nodes if n.label.value != "Document")
    assert names == [
        ("Agency", "工業技術研究院"),
        ("Organization", "臺灣積體電路製造"),
        ("Technology", "先進封裝"),
        ("Technology", "矽光子"),
    ]


def test_every_name_of_a_block_is_read_at_its_own_offset() -> None:
    """A name the body does not start stays and the next one is still read; offsets are the
    block's, not the name's (a name after the block's start is cut where its body ends)."""
    before = Mention(Label.TECHNOLOGY, "矽光子模組", 0, 0, 5)
    body = Mention(Label.AGENCY, "工研院", 0, 10, 13)
    later = Mention(Label.TECHNOLOGY, "工研院碳化矽晶圓", 0, 10, 18)
    kept = without_owners([before, later], [body], 3)
    assert [(m.text, m.start, m.end) for m in kept] == [
        ("矽光子模組", 0, 5),
        ("碳化矽晶圓", 13, 18),
    ]
