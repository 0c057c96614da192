"""The segment stage: choosing a family, warnings, sentence splitting."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.read import read
from graphkit.records import Block, BlockKind, DatedEvent, RegulationLine, Segmented, SourceText
from graphkit.segment import CLAIM_THRESHOLD, Families, builtin_families, segment, sentences


class _Named:
    """The least a loader needs, for registry tests: a name and a fixed confidence."""

    def __init__(self, name: str, score: float = 0.0) -> None:
        self.name = name
        self.score = score

    def detect(self, text: str) -> float:
        return self.score

    def segment(self, source: SourceText, text: str) -> Segmented:
        raise NotImplementedError


def test_a_text_no_family_claims_is_read_as_a_generic_report_with_a_warning(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("id,value\n1,2\n", encoding="utf-8")
    seg, warnings = segment(read(path))
    assert seg.info.family == "generic-report"
    assert warnings == [
        f"{path}: layout not recognised (best confidence 0.00); loaded as a generic report"
    ]


def test_a_named_family_is_used_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("相關科技專案\n甲計畫(2020年)\n", encoding="utf-8")
    seg, warnings = segment(read(path), "moea-whitepaper")
    assert (seg.info.family, warnings) == ("moea-whitepaper", [])


def test_segment_normalises_before_segmenting(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("臺灣產業報告，第一段。\n", encoding="utf-8")
    seg, _ = segment(read(path), "generic-report")
    assert seg.text == "臺灣產業報告,第一段。\n"
    assert seg.blocks == (Block(BlockKind.PARAGRAPH, "臺灣產業報告,第一段。", 0),)


def test_claim_threshold_decides_between_a_family_and_the_fallback() -> None:
    fams = builtin_families()
    markers = "產業技術白皮書 相關科技專案 重點摘要"
    loader, score = fams.choose(markers)
    assert (loader.name, score) == ("moea-whitepaper", 1.0)
    loader, score = fams.choose("重點摘要 總論")
    assert loader.name == "generic-report" and score < CLAIM_THRESHOLD


def test_adding_a_family_keeps_the_fallback_and_the_order() -> None:
    fams = builtin_families()
    generic = fams.get("generic-report")
    custom = Families((generic,)).adding(fams.get("moea-whitepaper"))
    assert custom.names() == ("generic-report", "moea-whitepaper")
    assert custom.fallback == "generic-report"
    other = Families((generic, fams.get("moea-whitepaper")), fallback="moea-whitepaper")
    assert other.adding(_Named("x")).fallback == "moea-whitepaper"


def test_an_unknown_family_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InputError) as exc:
        builtin_families().get("nope")
    assert str(exc.value) == (
        "--family: unknown document family 'nope'; known: moea-whitepaper, generic-report"
    )


def test_ties_go_to_the_family_registered_first_and_the_threshold_claims() -> None:
    fallback = _Named("fallback")
    fams = Families((fallback, _Named("a", 0.7), _Named("b", 0.7)), fallback="fallback")
    assert fams.choose("text")[0].name == "a"
    at_threshold = Families((fallback, _Named("c", CLAIM_THRESHOLD)), fallback="fallback")
    assert at_threshold.choose("text") == (at_threshold.loaders[1], CLAIM_THRESHOLD)
    below = Families((fallback, _Named("d", CLAIM_THRESHOLD - 0.01)), fallback="fallback")
    assert below.choose("text")[0] is fallback


def test_sentences_with_offsets() -> None:
    text = "第一句。第二句!\n第三句;「引號。」 尾巴"
    assert sentences(text, 100) == [
        ("第一句。", 100),
        ("第二句!", 104),
        ("第三句;", 109),
        ("「引號。」", 113),
        ("尾巴", 119),  # after the space before it
    ]
    assert sentences("甲。乙。") == [("甲。", 0), ("乙。", 2)]
    assert sentences("") == []
    assert sentences("\n\n") == []


@pytest.mark.parametrize(
    ("record", "prose"),
    [(None, True), (DatedEvent("2024-03", "題"), True), (RegulationLine(), False)],
)
def test_prose_is_a_block_without_a_record_or_an_event(
    record: DatedEvent | RegulationLine | None, prose: bool
) -> None:
    assert Block("any", "文字", 0, record=record).is_prose is prose
