"""COLLABORATES_WITH from a sentence's structure: who works with whom (攜手, 合作, 技轉 …)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .records import Block, Label, Term
from .resolve import Resolved
from .segment import sentences
from .terms import classify

ACTORS = (Label.AGENCY, Label.ORGANIZATION)


class Collaborations:
    """Who works with whom, read from a sentence's structure (``schema/rules/extract.json``).

    ``A攜手B、C等…`` and ``A技轉B`` link the actor right before the cue to the list right after
    it; ``A與B、C合作`` links A to the names between 與 and 合作. A list item that is no known
    entity becomes an Organization when it looks like a name (short, no particles, not a
    generic word such as 廠商).
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self.cues = [(c["kind"], re.compile(c["regex"])) for c in spec["cues"]]
        self.gap = int(spec["subject_gap"])
        self.end = re.compile(spec["list_end"])
        self.sep = re.compile(spec["list_separators"])
        self.item_len = (int(spec["item_min"]), int(spec["item_max"]))
        self.generic = set(spec["generic_items"])
        self.bad = set(spec["bad_item_chars"])
        self.bad_suffixes = tuple(spec["bad_item_suffixes"])
        self.company = tuple(spec["company_suffixes"])

    def find(
        self, block: Block, found: Sequence[Resolved]
    ) -> Iterable[tuple[str, Term, list[Term], str, int]]:
        """(kind, subject, partners, sentence, offset) for each collaboration in ``block``."""
        actors = [r for r in found if r.term.label in ACTORS]
        if not actors:
            return
        for sentence, offset in sentences(block.text, block.offset):
            base = offset - block.offset
            local = [r for r in actors if base <= r.mention.start < base + len(sentence)]
            if not local:
                continue
            for kind, cue in self.cues:
                for m in cue.finditer(sentence):
                    subject = self._subject(sentence, base, local, m.start())
                    if subject is None:
                        continue
                    if "objects" in m.re.groupindex and m.group("objects"):
                        span = (m.start("objects"), m.end("objects"))
                    else:
                        stop = self.end.search(sentence, m.end())
                        span = (m.end(), stop.start() if stop else len(sentence))
                    partners = self._partners(sentence, base, local, span)
                    partners = [p for p in partners if p.name != subject.name]
                    if partners:
                        yield kind, subject, partners, sentence, offset

    def _subject(self, sentence: str, base: int, local: list[Resolved], cue: int) -> Term | None:
        """The actor ending right before the cue, in the same clause."""
        before = [r for r in local if r.mention.end - base <= cue]
        if not before:
            return None
        last = max(before, key=lambda r: r.mention.end)
        between = sentence[last.mention.end - base : cue]
        if len(between) > self.gap or any(c in between for c in ",，;；:：。"):
            return None
        return last.term

    def _partners(
        self, sentence: str, base: int, local: list[Resolved], span: tuple[int, int]
    ) -> list[Term]:
        start, end = span
        known = {
            sentence[r.mention.start - base : r.mention.end - base]: r.term
            for r in local
            if start <= r.mention.start - base and r.mention.end - base <= end
        }
        out: list[Term] = []
        for raw in self.sep.split(sentence[start:end]):
            item = raw.strip()
            if item in known:
                out.append(known[item])
            elif self._looks_like_name(item):
                label = classify(item)
                label = label if label in ACTORS else Label.ORGANIZATION
                kind = "company" if item.endswith(self.company) else None
                out.append(Term(label, item, kind=kind, origin="collaboration"))
        return list({t.name: t for t in out}.values())

    def _looks_like_name(self, item: str) -> bool:
        lo, hi = self.item_len
        return (
            lo <= len(item) <= hi
            and item not in self.generic
            and not (set(item) & self.bad)
            and not item.endswith(self.bad_suffixes)
            and not item.isdigit()
            and not re.search(r"\d{2,}", item)
        )
