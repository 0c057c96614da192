"""COLLABORATES_WITH from a sentence's structure: who works with whom (攜手, 合作, 技轉 …)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Any

from .chunkwords import Token
from .normalise import name_key
from .records import Block, Label, Term
from .resolve import Known, Resolved, known_body, known_term, place_names
from .segment import sentences
from .terms import classify

ACTORS = (Label.AGENCY, Label.ORGANIZATION)


class Collaborations:
    """Who works with whom, read from a sentence's structure (``schema/rules/extract.json``).

    ``A攜手B、C等…`` and ``A技轉B`` link the actor right before the cue to the list right after
    it; ``A與B、C合作`` links A to the names between 與 and 合作. A list item that is no known
    entity becomes an Organization when it looks like a name (short, no particles, not a
    generic word such as 廠商). A category with its examples in brackets (國際組織(如:TIP、
    NGMN等)) names the examples.

    With a word tagger (``tag``), a cue whose clause has no subject of its own is reported with
    subject ``None``: the programme the text writes up (本科技專案…,與臺灣大學合作; 並與X合作;
    目前已與X合作). That is so for a cue marked ``elided`` (合作, 技轉, 攜手; not 結合, which
    joins things as often as partners) when no actor is named before the cue in its sentence
    and its clause, after a programme reference (``programme_subject``), is empty or starts
    with a word whose tag is one of ``elided_tags`` (a verb, adverb, conjunction, preposition or
    time word: a Chinese clause that starts so has its subject left out). The caller decides
    who that is. Its partners are named actors, names with an actor's head word (…大學,
    …協會) and Latin names (``latin_name``); a category (國內零組件廠) is none.
    """

    def __init__(
        self,
        spec: dict[str, Any],
        tag: Callable[[str], Sequence[Token]] | None = None,
        known: Known = known_term,
    ) -> None:
        self.tag = tag
        self.known = known  # a partner no mention names: the document's resolver's entity
        self.programme_subject = re.compile(spec["programme_subject"])
        self.elided_tags = frozenset(spec["elided_tags"])
        self.dateline = re.compile(spec["dateline"])
        self.examples = re.compile(spec["examples"])
        self.examples_after = re.compile(spec["examples_after"])
        self.item_quoted = re.compile(spec["item_quoted"])
        self.clause_break = re.compile(spec["clause_break"])
        self.latin = re.compile(spec["latin_name"])
        self.closes = re.compile(spec["item_close"])
        self.cues = [
            (c["kind"], re.compile(c["regex"]), bool(c.get("elided")), bool(c.get("named_only")))
            for c in spec["cues"]
        ]
        self.gap = int(spec["subject_gap"])
        self.joiners = frozenset(spec["subject_joiners"])
        self.apart = tuple(spec["apart_words"])
        self.paired = frozenset(spec["paired_kinds"])
        self.handed = tuple(spec["topic_handed"])
        self.joint_venue = re.compile(spec["joint_venue"])
        self.venue = tuple(spec["venue_before"])
        self.person_tags = frozenset(spec["person_tags"])
        self.end = re.compile(spec["list_end"])
        self.sep = re.compile(spec["list_separators"])
        self.item_len = (int(spec["item_min"]), int(spec["item_max"]))
        self.generic = set(spec["generic_items"])
        self.generic_starts = tuple(spec["generic_starts"])
        self.kind_item = re.compile(spec["kind_item"])
        self.bad = set(spec["bad_item_chars"])
        self.bad_suffixes = tuple(spec["bad_item_suffixes"])
        self.company = tuple(spec["company_suffixes"])

    def find(
        self, block: Block, found: Sequence[Resolved]
    ) -> Iterable[tuple[str, Term | None, list[Term], str, int]]:
        """(kind, subject, partners, sentence, offset) for each collaboration in ``block``;
        subject ``None`` is the programme the text writes up (a clause without its subject)."""
        for sentence, offset in sentences(block.text, block.offset):
            base = offset - block.offset
            here = [r for r in found if base <= r.mention.start < base + len(sentence)]
            local = [r for r in here if r.term.label in ACTORS]
            other = {block.text[r.mention.start : r.mention.end] for r in here} - {
                block.text[r.mention.start : r.mention.end] for r in local
            }
            for kind, cue, elides, named_only in self.cues:
                listed = 0  # 與A和B合作: the 和 inside a list is no cue of its own
                for m in cue.finditer(sentence):
                    if m.start() < listed or self._in_name(m, here, base):
                        continue
                    subjects = self._subjects(sentence, base, local, m.start())
                    strict = not subjects
                    if strict and elides:  # the actor the sentence opens with, if any
                        subjects = self._topic(sentence, base, local, m.start())
                    if not subjects and not (
                        elides and self._elided(sentence, base, local, m.start())
                    ):
                        continue
                    span = self._span(sentence, m)
                    listed = span[1]
                    # examples of a generic party are partners only when they name actors
                    examples = self._examples(sentence, span)
                    partners = self._partners(
                        sentence, base, local, examples or span, other,
                        strict or examples is not None, named_only,
                    )  # fmt: skip
                    # A、B攜手C: each subject works with the partners
                    each: list[Term | None] = [*subjects] or [None]
                    for subject in each:
                        mates = [p for p in partners if subject is None or p.name != subject.name]
                        if mates:
                            yield kind, subject, mates, sentence, offset
                    # A、B與C組成…: and with each other (not 台積電、聯電分別與工研院合作)
                    if partners and self._together(kind, sentence, m.start()):
                        for k, subject in enumerate(subjects[:-1]):
                            mates = [t for t in subjects[k + 1 :] if t.name != subject.name]
                            if mates:
                                yield kind, subject, mates, sentence, offset

    def _together(self, kind: str, sentence: str, cue: int) -> bool:
        """Whether the subjects listed before the cue at ``cue`` work with each other too: the
        cue's kind is one of working together (``paired_kinds``: a transfer goes one way) and
        no word of the clause before it says they work apart (``apart_words``: 分別, 皆 …)."""
        clause = self.clause_break.split(sentence[:cue])[-1]
        return kind in self.paired and not any(w in clause for w in self.apart)

    @staticmethod
    def _in_name(m: re.Match[str], here: Sequence[Resolved], base: int) -> bool:
        """Whether the cue is a word of a recognised name (the 與 of 電子與光電系統研究所), no
        cue of the sentence's."""
        return any(
            r.mention.start - base < m.start() and m.end() <= r.mention.end - base for r in here
        )

    def _span(self, sentence: str, m: re.Match[str]) -> tuple[int, int]:
        """Where the partners are: the cue's objects, or what follows it up to the list's end."""
        if "objects" in m.re.groupindex and m.group("objects"):
            return m.start("objects"), m.end("objects")
        stop = self.end.search(sentence, m.end())
        return m.end(), stop.start() if stop else len(sentence)

    def _examples(self, sentence: str, span: tuple[int, int]) -> tuple[int, int] | None:
        """Where the examples after the cue's object are when it is a generic party (攜手產學研，
        如：A、B等: A and B, ``examples_after``), else None."""
        after = self.examples_after.match(sentence, span[1])
        if after is None or sentence[span[0] : span[1]].strip() not in self.generic:
            return None
        return after.start("items"), after.end("items")

    def _pieces(self, sentence: str, span: tuple[int, int]) -> list[tuple[int, int]]:
        """The stretches of ``span`` that list partners: the item holding examples in brackets
        (國際組織(如:TIP、NGMN等)) gives way to its examples, the other items stay."""
        start, end = span
        inner = self.examples.search(sentence, start, end)
        if inner is None:
            return [span]
        cuts = [m.end() for m in self.sep.finditer(sentence, start, inner.start())]
        category = max(cuts, default=start)  # where the bracketed item starts
        return [(start, category), (inner.start("items"), inner.end("items")), (inner.end(), end)]

    def _at_venue(self, before: str) -> bool:
        """Whether the segmenter's last word of ``before`` is a word of a venue (假, 在, 於:
        假臺大醫院舉辦), not the end of a longer word (由於, 對於, 現在: no venue)."""
        tokens = self.tag(before) if self.tag is not None and before else []
        return bool(tokens) and tokens[-1][0] in self.venue

    def _elided(self, sentence: str, base: int, local: list[Resolved], cue: int) -> bool:
        """Whether the cue's clause leaves its subject out (see the class): the clause starts
        with no noun, and the word right before the cue is none either (協助國內廠商與X合作:
        the firms work with X, not the programme)."""
        if self.tag is None or any(r.mention.end - base <= cue for r in local):
            return False
        lead = self.clause_break.split(sentence[:cue])[-1]
        reference = self.programme_subject.match(lead)
        lead = lead[reference.end() :] if reference else lead
        return self._led(lead)

    def _topic(self, sentence: str, base: int, local: list[Resolved], cue: int) -> list[Term]:
        """The topic a later clause without its subject goes on with (a Chinese topic goes on:
        資策會與A合作開課,並攜手B、C: 資策會 works with B and C; …指出,台積電營收成長,並與輝達
        合作: 台積電): the actor the nearest earlier clause opens with, the clauses between
        leaving their subject out too, a verb, an adverb, a preposition or a time word right
        after it (台積電工程師… names people), no other actor between it and the cue, and its
        clause handing nothing on (``topic_handed``)."""
        starts = [0, *(m.end() for m in self.clause_break.finditer(sentence, 0, cue))]
        if self.tag is None or len(starts) == 1 or not self._led(sentence[starts[-1] : cue]):
            return []
        for start, end in reversed(list(pairwise(starts))):
            opener = next((r for r in local if r.mention.start - base == start), None)
            if opener is not None:
                break
            if not self._led(sentence[start:end], first_only=True):
                return []  # 供應鏈業者紛紛擴產,並與X合作: that clause has a subject of its own
        else:
            return []
        if any(opener.mention.start < r.mention.start < cue + base for r in local):
            return []  # 經濟部補助鴻海…,並與X合作: another actor may be who goes on
        own = self.clause_break.split(sentence[opener.mention.end - base : cue])[0]
        if any(w in own for w in self.handed) or not self._led(own, first_only=True):
            return []  # 經濟部委託工研院…, 國科會指出…, 台積電工程師…: not the opener's doing
        return [opener.term]

    def _led(self, text: str, *, first_only: bool = False) -> bool:
        """Whether ``text`` starts (and, unless ``first_only``, ends) with a word of
        ``elided_tags`` or is empty: a clause that leaves its subject out."""
        text = self.dateline.sub("", text, count=1)  # 今(15)日宣布: the date is no subject
        tokens = self.tag(text) if self.tag is not None and text else []
        ends = [*tokens[:1], *([] if first_only else tokens[-1:])]
        return all(t[1] in self.elided_tags for t in ends)

    def _subjects(self, sentence: str, base: int, local: list[Resolved], cue: int) -> list[Term]:
        """The actor ending right before the cue, in the same clause, and those it ends an
        enumeration of (``subject_joiners`` between: 臺灣大學、成功大學與中研院組成…)."""
        before = [r for r in local if r.mention.end - base <= cue]
        if not before:
            return []
        last = max(before, key=lambda r: r.mention.end)
        between = sentence[last.mention.end - base : cue]
        if len(between) > self.gap or any(c in between for c in ",，;；:：。"):
            return []
        if self._at_venue(sentence[: last.mention.start - base]):
            return []  # 假臺大醫院…與X共同舉辦: where it happens, not who
        if self._person(between):
            return []  # 特斯拉的馬斯克…與X結盟: a person acts, no body
        group = [last]
        for r in sorted(before, key=lambda r: -r.mention.end):
            joiner = sentence[r.mention.end - base : group[0].mention.start - base]
            if r.mention.end <= group[0].mention.start and joiner in self.joiners:
                group.insert(0, r)
        start = group[0].mention.start - base
        joint = self.joint_venue.match(sentence, start)  # 在A、B與C通力合作下: they work together
        if self._at_venue(sentence[:start]) and not joint:
            return []  # 在經濟部、國科會的支持下與X合作: who supports, not who works
        return [r.term for r in group]

    def _person(self, text: str) -> bool:
        """Whether ``text`` names a person of the actor: a word of two characters or more that
        the segmenter tags a person's name (``person_tags``) right after 的 (特斯拉的|馬斯克);
        jieba tags many other words so (智慧, 和碩), but not after 的."""
        tokens = self.tag(text) if self.tag is not None and text else []
        return any(
            a[0] == "的" and b[1] in self.person_tags and len(b[0]) > 1 for a, b in pairwise(tokens)
        )

    def _partners(
        self,
        sentence: str,
        base: int,
        local: list[Resolved],
        span: tuple[int, int],
        other: set[str],
        strict: bool,
        named_only: bool = False,
    ) -> list[Term]:
        """The actors named in ``span``; a list item no mention names is the lexicon's body of that
        name (航港局, though a longer mention swallowed it), or else an Organization when it
        looks like a name, and (``strict``, for a clause without its subject) when its head word
        makes it an actor or it is a Latin name; with ``named_only`` only named actors count. A
        name recognised as something else (a technology) is no partner, and a place is none
        (日本: where partners are, not one)."""
        start, end = span
        known = [
            (r.mention.start - base, r.mention.end - base, r.term)
            for r in local
            if start <= r.mention.start - base and r.mention.end - base <= end
        ]
        out: list[Term] = []
        items = list(self._items(sentence, span, [(s, e) for s, e, _ in known]))
        # 與穩晟、聯電、嘉聯益等合作: items listed with a named company are companies too.
        with_firm = any(
            self._company(t) and a <= s and e <= b for a, b in items for s, e, t in known
        )
        for item_start, item_end in items:
            # 日月光(台積電轉投資): a name in the item's bracket glosses it, no partner of its own
            gloss = sentence.find("(", item_start, item_end)
            gloss = item_end if gloss < 0 else gloss
            named = [t for s, e, t in known if item_start <= s and e <= gloss]
            # A和B等學界: B, not B's category; 人工智慧(AI): the name without its gloss.
            item = self._item(sentence[item_start:gloss])
            if named:  # 數發部跨部會: the actor named in the item
                out.extend(named)
            elif (
                not named_only
                and item not in other
                and name_key(item) not in place_names()
                and self._looks_like_name(item)
            ):
                body = known_body(item, self.known)  # 航港局: the lexicon's 交通部航港局
                if body is not None:
                    out.append(body)
                    continue
                label = classify(item)
                if (
                    strict
                    and label not in ACTORS
                    and not self.latin.fullmatch(item)
                    and not with_firm
                ):
                    continue
                label = label if label in ACTORS else Label.ORGANIZATION
                kind = "company" if item.endswith(self.company) else None
                out.append(Term(label, item, kind=kind, origin="collaboration"))
        return list({t.name: t for t in out}.values())

    def _item(self, text: str) -> str:
        """A list item's name: before 等 (A和B等學界: B), the quote ending it after the words
        that describe it (手工具界的隱形冠軍「英發企業」: 英發企業, ``item_quoted``)."""
        item = self.closes.split(text)[0].strip()
        quoted = self.item_quoted.search(item)
        return quoted.group(1) if quoted else item

    def _company(self, term: Term) -> bool:
        """Whether ``term`` is a company (kind, or a company's head word ending its name)."""
        return term.label is Label.ORGANIZATION and (
            term.kind == "company" or term.name.endswith(self.company)
        )

    def _items(
        self, sentence: str, span: tuple[int, int], names: Sequence[tuple[int, int]] = ()
    ) -> Iterable[tuple[int, int]]:
        """Where each list item of ``span`` is, the examples in brackets for their category; a
        joiner inside a recognised name (歐盟執委會資通訊網路暨科技總署, 和碩) parts no items."""
        for start, end in self._pieces(sentence, span):
            cuts = [
                (m.start(), m.end())
                for m in self.sep.finditer(sentence, start, end)
                if not any(a <= m.start() and m.end() <= b for a, b in names)
            ]
            yield from zip(
                [start] + [e for _, e in cuts], [s for s, _ in cuts] + [end], strict=True
            )

    def _looks_like_name(self, item: str) -> bool:
        lo, hi = self.item_len
        return (
            lo <= len(item) <= hi
            and item not in self.generic
            and not item.startswith(self.generic_starts)
            and not self.kind_item.match(item)
            and not (set(item) & self.bad)
            and not item.endswith(self.bad_suffixes)
            and not item.isdigit()
            and not re.search(r"\d{2,}", item)
        )
