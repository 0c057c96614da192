"""The white-paper loader follows the document's structure on the real corpus."""

import json
from collections import Counter

import pytest

from graphkit.loaders.moea_whitepaper import Kind
from graphkit.normalise import name_key
from graphkit.read import read
from graphkit.records import (
    BlockKind,
    DirectoryRow,
    ExecutorLine,
    ProgrammeLine,
    ProgrammeList,
    Segmented,
)
from graphkit.segment import choose_loader, segment
from tests.corpus import GOLD, corpus_file, report_files


@pytest.fixture(scope="module")
def paper() -> Segmented:
    seg, warnings = segment(read(corpus_file("whitepaper")))
    assert warnings == []
    return seg


def test_family_detected(paper: Segmented) -> None:
    assert paper.info.family == "moea-whitepaper"
    assert paper.info.edition is not None and "/" in paper.info.edition
    assert paper.info.published and paper.info.year
    for report in report_files():
        seg, _ = segment(read(report))
        assert seg.info.family == "generic-report"


def test_page_furniture_dropped(paper: Segmented) -> None:
    texts = [b.text for b in paper.blocks]
    assert not any(t.startswith("誠摯邀請您填寫") for t in texts)
    assert not any("surveycake" in t for t in texts)


def test_hierarchy_from_real_headings(paper: Segmented) -> None:
    chapters = {b.chapter for b in paper.blocks if b.chapter}
    domains = {b.domain for b in paper.blocks if b.domain}
    assert len(domains) == 7
    # TOC lines (with page numbers) and chapter lists never become chapters.
    assert not any(c[-1].isdigit() for c in chapters)
    articles = {(b.chapter, b.article) for b in paper.blocks if b.article}
    # Every article lies in a chapter.
    assert all(chapter for chapter, _ in articles)


def test_every_gold_programme_is_in_a_block_of_its_article() -> None:
    """Blocks carry the article, chapter and domain the gold gives for each programme."""
    gold = [
        json.loads(x)
        for x in (GOLD / "programmes.dev.jsonl").read_text(encoding="utf-8").splitlines()
        if x
    ]
    segs = [segment(read(corpus_file(k)))[0] for k in ("whitepaper", "chapter")]
    placed = {}
    for seg in segs:
        for b in seg.blocks:
            if isinstance(b.record, ProgrammeList):
                for line in b.record.lines:
                    if isinstance(line, ProgrammeLine):
                        placed.setdefault(name_key(line.name), (b.article, b.chapter, b.domain))
    for g in gold:
        key = name_key(g["programme"])
        assert key in placed, g["programme"]
        article, chapter, domain = placed[key]
        assert name_key(article or "") == name_key(g["article"])
        assert name_key(chapter or "") == name_key(g["chapter"])
        if domain is not None:
            assert name_key(domain) == name_key(g["domain"])


def test_programme_blocks_close_articles(paper: Segmented) -> None:
    """Text after a 相關科技專案 block (the next chapter's overview) belongs to no article."""
    seen_block = False
    for b in paper.blocks:
        if b.kind is Kind.PROGRAMME_BLOCK:
            seen_block = True
            continue
        if seen_block and b.article is None and b.chapter:
            break
    else:
        pytest.fail("no overview text after a programme block")
    overview = [
        b for b in paper.blocks if b.chapter and not b.article and b.kind is BlockKind.PARAGRAPH
    ]
    assert overview


def test_tables_and_appendices(paper: Segmented) -> None:
    kinds = Counter(b.kind for b in paper.blocks)
    assert kinds[Kind.GLOSSARY_ROW] >= 20
    assert kinds[Kind.DIRECTORY_ROW] >= 100
    assert kinds[Kind.AGENCY_ROW] >= 5
    assert kinds[Kind.SUBSIDY_ROW] >= 20
    assert kinds[Kind.REGULATION_LINE] >= 10
    assert kinds[Kind.EVENT] >= 10
    directory = [b.record for b in paper.blocks if isinstance(b.record, DirectoryRow)]
    assert len(directory) == kinds[Kind.DIRECTORY_ROW]
    assert all(r.continent and r.country for r in directory)  # carried down to every row


def test_multi_programme_blocks_keep_their_order(paper: Segmented) -> None:
    lists = [b.record for b in paper.blocks if isinstance(b.record, ProgrammeList)]
    interleaved = [r for r in lists if sum(isinstance(x, ExecutorLine) for x in r.lines) > 1]
    assert interleaved, "a block with several 執行單位 lines"
    for r in interleaved:
        assert isinstance(r.lines[0], ProgrammeLine)


def test_every_block_offset_is_exact(paper: Segmented) -> None:
    """Each block starts at its offset (after the line's indentation): no slack at all.

    A programme block's offset is its 相關科技專案 marker line; every other block's text begins
    with its first line, so the text at the offset is the block's own first characters.
    """
    for b in paper.blocks:
        at = paper.text[b.offset :].lstrip(" \t\u3000")
        assert b.offset == 0 or paper.text[b.offset - 1] == "\n", b
        if b.kind is Kind.PROGRAMME_BLOCK:
            assert at.startswith(("相關科技專案", "RELATED TECHNOLOGY PROJECTS")), b
        else:
            first = b.text.split("\n")[0][:12]
            assert at.startswith(first), b


def test_blocks_are_in_document_order(paper: Segmented) -> None:
    offsets = [b.offset for b in paper.blocks]
    assert offsets == sorted(offsets)
    assert len(set(offsets)) == len(offsets)


def test_unknown_layout_falls_back_with_a_warning(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.txt"
    path.write_text("id,value\n1,2\n3,4\n", encoding="utf-8")
    seg, warnings = segment(read(path))
    assert seg.info.family == "generic-report"
    assert warnings and "notes.txt" in warnings[0] and "generic report" in warnings[0]
    _loader, score = choose_loader("just some text")
    assert score < 0.5
