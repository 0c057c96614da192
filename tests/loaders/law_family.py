"""A document family defined outside graphkit: Taiwanese laws (條例), one block per 條.

It exists to prove that a family is one module plus one rules file, registered without
touching graphkit: ``builtin_families().adding(LawLoader.from_rules(path))``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graphkit.loaders.lines import Line, drop_furniture, join_lines, split_lines
from graphkit.records import Block, DocumentInfo, Segmented, SourceText
from graphkit.rulefile import RulesFile

RULES = Path(__file__).with_name("law_family.json")


@dataclass(frozen=True, slots=True)
class LawSettings:
    title: re.Pattern[str]
    article: re.Pattern[str]
    promulgated: re.Pattern[str]
    furniture: tuple[re.Pattern[str], ...]
    min_articles: int
    era_offset: int


class LawLoader:
    """The articles (條) of a law, each paragraph a block placed in its article."""

    name = "tw-law"

    def __init__(self, settings: LawSettings) -> None:
        self.settings = settings

    @classmethod
    def from_rules(cls, path: Path = RULES) -> LawLoader:
        rf = RulesFile.from_path(path)
        return cls(
            LawSettings(
                title=rf.pattern("title"),
                article=rf.pattern("article"),
                promulgated=rf.pattern("promulgated"),
                furniture=rf.patterns("furniture"),
                min_articles=rf.integer("min_articles", minimum=1),
                era_offset=rf.integer("era_offset"),
            )
        )

    def detect(self, text: str) -> float:
        lines = text.splitlines()
        titled = bool(lines) and self.settings.title.match(lines[0].strip()) is not None
        articles = sum(1 for ln in lines if self.settings.article.match(ln.strip()))
        return 0.9 if titled and articles >= self.settings.min_articles else 0.0

    def segment(self, source: SourceText, text: str) -> Segmented:
        lines = drop_furniture(split_lines(text), self.settings.furniture)
        blocks: list[Block] = []
        article: str | None = None
        for ln in lines[1:]:
            s = ln.stripped
            if not s:
                continue
            if self.settings.article.match(s):
                article = s
                continue
            if article is None:
                continue  # the header: title and dates, read by _info
            blocks.append(Block("law_paragraph", join_lines([ln]), ln.offset, article=article))
        return Segmented(self._info(source, lines), text, tuple(blocks))

    def _info(self, source: SourceText, lines: list[Line]) -> DocumentInfo:
        title = lines[0].stripped if lines else None
        year = published = None
        for ln in lines[:5]:
            m = self.settings.promulgated.search(ln.stripped)
            if m:
                year = int(m.group("year")) + self.settings.era_offset
                published = f"{year:04d}-{int(m.group('month')):02d}"
        return DocumentInfo(
            source=source.name,
            sha256=source.sha256,
            family=self.name,
            title=title,
            edition=str(year) if year else None,
            year=year,
            published=published,
        )
