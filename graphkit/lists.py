"""Enumerations share a type: names in a list take the label of the list's known items.

``集結國科會、交通部、經濟部、內政部與環保署的資源``: 國科會, 交通部 and 經濟部 are known
agencies, so 內政部 and 環保署 are agencies too; ``OpenAI、SoftBank、Oracle等企業`` names three
organisations. The list is read from the text's punctuation and joiners, item boundaries and
"is this one common word" from the jieba segmenter (:class:`graphkit.chunk.Chunker`). Settings
are data (``schema/rules/lists.json``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from .chunk import PROSE, Chunker, Token
from .knowledge import rules
from .records import Label, Mention, Segmented
from .rulefile import RulesFile

#: Name of the settings file under ``schema/rules``.
RULES = "lists"


@dataclass(frozen=True, slots=True)
class ListSettings:
    """What ``schema/rules/lists.json`` holds, checked (see its ``_comment``)."""

    joiners: tuple[str, ...]
    clause_breaks: frozenset[str]
    cues: Mapping[str, Label]
    share: frozenset[Label]
    cue_prefix: str
    not_in_names: tuple[str, ...]
    stops: tuple[str, ...]
    common_flags: frozenset[str]
    lead_flags: frozenset[str]
    verb_flags: frozenset[str]
    min_chars: int
    max_chars: int
    before: re.Pattern[str]
    cue_modifiers: tuple[str, ...]
    opened_by: re.Pattern[str]
    tail_stops: tuple[str, ...]
    pointer_flags: frozenset[str]
    compound_flags: frozenset[str]
    ordinal: re.Pattern[str]
    category_ends: tuple[str, ...]


def load_settings(data: Mapping[str, Any] | None = None) -> ListSettings:
    """The list rule's settings: ``schema/rules/lists.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type (the message names the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    words, text, count = rf.words, partial(rf.text, non_empty=True), partial(rf.integer, minimum=1)
    table = rf.section("cues")
    cues: dict[str, Label] = {}
    for label in table.data:
        try:
            contract = Label(label)
        except ValueError:
            raise table.error(label, "not a contract label") from None
        cues.update(dict.fromkeys(table.words(label), contract))
    try:
        share = frozenset(Label(v) for v in words("share"))
    except ValueError as exc:
        raise rf.error("share", str(exc)) from None
    return ListSettings(
        tuple(sorted(words("joiners"), key=len, reverse=True)),
        frozenset(text("clause_breaks")),
        cues,
        share,
        text("cue_prefix"),
        tuple(words("not_in_names")),
        tuple(words("stops")),
        frozenset(words("common_flags")),
        frozenset(words("lead_flags")),
        frozenset(words("verb_flags")),
        count("min_chars"),
        count("max_chars"),
        rf.pattern("before"),
        tuple(sorted(words("cue_modifiers"), key=len, reverse=True)),
        rf.pattern("opened_by"),
        rf.words("tail_stops"),
        frozenset(words("pointer_flags")),
        frozenset(words("compound_flags")),
        rf.pattern("ordinal"),
        rf.words("category_ends"),
    )


Item = tuple[int, int]  # (start, end) in the block text


def list_items(
    clause: str, joiners: Sequence[str], standalone: frozenset[int] | None = None
) -> list[Item]:
    """The items of the enumerations in ``clause``: spans between joiners, for every run of
    two or more items (a clause without a joiner has no list). With ``standalone``, a joiner
    counts only where a word starts (與 in 參與 joins nothing).

    >>> c = "集結國科會、交通部與內政部的資源"
    >>> [c[s:e] for s, e in list_items(c, ["、", "與"])]
    ['集結國科會', '交通部', '內政部的資源']
    """
    pattern = "|".join(re.escape(j) for j in joiners)
    parts: list[Item] = []
    at = 0
    for m in re.finditer(pattern, clause):
        if standalone is not None and m.start() not in standalone:
            continue
        parts.append((at, m.start()))
        at = m.end()
    if not parts:
        return []
    parts.append((at, len(clause)))
    return [(s, e) for s, e in parts if e > s]


class Enumerations:
    """Labels names by the enumeration they are listed in (a recogniser run after the others)."""

    def __init__(self, chunker: Chunker, settings: ListSettings | None = None) -> None:
        self.chunker = chunker
        self.settings = settings or load_settings()

    def recognise(self, seg: Segmented, known: Sequence[Mention]) -> list[Mention]:
        """New mentions for the unknown names of lists whose known items agree on a label."""
        spans: dict[int, dict[tuple[int, int], Label]] = {}
        for m in known:
            spans.setdefault(m.block, {})[(m.start, m.end)] = m.label
        out: list[Mention] = []
        breaks = "".join(re.escape(c) for c in self.settings.clause_breaks)
        clause = re.compile(f"[^{breaks}]+")
        share = self.settings.share
        for i, b in enumerate(seg.blocks):
            if b.kind not in PROSE:
                continue
            block = spans.get(i, {})
            # Where the block's known agencies/organisations start: only a clause holding one
            # (or a cue) can be a list worth reading.
            shared = [s for (s, _), lab in block.items() if lab in share]
            for c in clause.finditer(b.text):
                opened = self.settings.opened_by.search(b.text, max(0, c.start() - 12), c.start())
                out.extend(self._clause(c.start(), c.group(), block, shared, i, opened is not None))
        return out

    def _clause(self, base: int, clause: str, known: dict[tuple[int, int], Label],
                shared: list[int], block: int, opened: bool = False) -> list[Mention]:  # fmt: skip
        joiners, prefix = self.settings.joiners, self.settings.cue_prefix
        # Only a list with a cue or a known agency/organisation can name anything: skip the
        # segmenter (the slow part) for every other clause.
        vouched = any(base <= s < base + len(clause) for s in shared)
        before = self.settings.before.search(clause)
        if not vouched and before is None and prefix not in clause and not opened:
            return []
        tokens = self.chunker.tag(clause)
        words = frozenset(at for w, _, at in tokens if w in joiners)
        items = list_items(clause, joiners, words)
        if len(items) < 2 or any(self.settings.ordinal.fullmatch(clause[s:e]) for s, e in items):
            return []  # Phase I、II、III和IV期: stages, not bodies (III is no 資策會 here)
        closed, etc = self._closed(items, tokens)
        cue = self._cue(clause[closed[-1][0] :])
        if etc is not None and not self._cue_ends_phrase(etc, tokens):
            cue = None  # A、B等企業管理、C: 企業 is the start of another item, not the cue
        items = closed
        latin = False  # 供應商包含A、B及C: Latin names of suppliers (Chinese ones are products)
        if cue is None and before is not None and before.end() <= items[0][1]:
            cue, latin = Label.ORGANIZATION, True
        if cue is None and opened:  # 國際組織（如：A、B及C等）: the list names organisations
            cue = Label.ORGANIZATION
        s, e = items[-1]
        # ...C等企業, ...C等已發展出: a 等 of its own closes the list.
        at = next((t for w, _, t in tokens if w == prefix and s <= t < e), -1)
        if at > s:
            items[-1] = (s, at)
        # ...與ADI將陸續布局其商品化: the item is the known ADI only, nothing new.
        items = [
            items[0],
            *(it for it in items[1:] if not self._known_lead(clause, it, base, known)),
        ]
        s, e = items[-1]
        tail = min((t for w in self.settings.tail_stops if (t := clause.find(w, s + 1, e)) > 0),
                   default=e)  # fmt: skip
        items[-1] = (s, tail)
        last = len(items) - 1
        # Technologies are named by verbal nouns too (品質檢測, AI預測): no verb of a clause.
        verbal = frozenset({"vn"}) if cue is Label.TECHNOLOGY else frozenset()
        named = (
            self._name(clause, s, e, k == 0, k == last, verbal) for k, (s, e) in enumerate(items)
        )
        names = [n for n in named if n is not None]
        labels = {known[(base + s, base + e)] for s, e in names if (base + s, base + e) in known}
        # Known items vouch for the list; a cue alone needs names that are no common word.
        strict = not labels
        label = cue if cue is not None else (next(iter(labels)) if len(labels) == 1 else None)
        if label is None or (cue is None and label not in self.settings.share):
            return []
        return [
            Mention(label, clause[s:e], block, base + s, base + e, source="list")
            for s, e in names
            if (base + s, base + e) not in known
            and self._looks_like_name(clause[s:e], strict)
            and (clause[s:e].isascii() or not latin)
        ]

    def _closed(
        self, items: list[Item], tokens: Sequence[tuple[str, str, int]]
    ) -> tuple[list[Item], int | None]:
        """The items up to the first one holding a 等 of its own, and where that 等 is:
        ``A、B、C等X與Y`` lists A, B and C (with Y, X is what they are; the 等 item keeps its
        cue for :meth:`_cue`)."""
        prefix = self.settings.cue_prefix
        for k, (s, e) in enumerate(items[:-1]):
            at = next((t for w, _, t in tokens if w == prefix and s < t < e), None)
            if at is not None:
                return items[: k + 1], at
        return items, None

    def _cue_ends_phrase(self, at: int, tokens: Sequence[Token]) -> bool:
        """Whether the word after the 等 at ``at`` (its cue) is followed by no noun of its own."""
        after = [f for _, f, t in tokens if t > at]
        return len(after) < 2 or after[1] not in self.settings.compound_flags

    def _known_lead(
        self, clause: str, item: Item, base: int, known: Mapping[tuple[int, int], Label]
    ) -> bool:
        """Whether an item starts with a known name followed by a verb or an adverb (…與ADI將
        陸續布局其商品化): it is that name only, which names nothing new."""
        s, e = item
        s += len(clause[s:e]) - len(clause[s:e].lstrip())  # 與 ADI 將: spaced out
        e = min((at for p in self.settings.stops if (at := clause.find(p, s, e)) >= 0), default=e)
        # The longest known name there (國際貨幣基金組織, not 國際貨幣基金|組織).
        ke = max((k_end for k_start, k_end in known if k_start == base + s), default=-1)
        if not base + s < ke < base + e:
            return False
        after = self.chunker.tag(clause[ke - base : e].lstrip())
        return bool(after) and after[0][1] in self.settings.lead_flags

    def _cue(self, last: str) -> Label | None:
        prefix = self.settings.cue_prefix
        at = last.find(prefix)
        if at < 0:
            return None
        after = last[at + len(prefix) :]
        # 等領先業者, 等國際大廠: a modifier may come between 等 and the cue.
        modifier = next((m for m in self.settings.cue_modifiers if after.startswith(m)), "")
        after = after[len(modifier) :]
        return next((lab for cue, lab in self.settings.cues.items() if after.startswith(cue)), None)

    def _name(
        self,
        clause: str,
        start: int,
        end: int,
        first: bool = True,
        final: bool = True,
        verbal: frozenset[str] = frozenset(),
    ) -> Item | None:
        """The item's name: what follows the first item's last verb or preposition
        (集結|國科會), cut before a particle that ends the last item (內政部|的資源); none when
        the item ends in a verb. An item before the last holding such a particle
        (首要之務為強化與歐盟…, 技術司的法人科專與…) and one after the first holding a verb
        (美國政府和客戶要求高度智慧化的製造) is a phrase, not a name: the joiner was none."""
        cut = min((at for p in self.settings.stops if (at := clause.find(p, start, end)) >= 0),
                  default=end)  # fmt: skip
        if cut < end and not final:
            return None
        end = cut
        if end - start < self.settings.min_chars:
            return None
        tokens = self.chunker.tag(clause[start:end])
        lead = self.settings.lead_flags - verbal
        if not tokens or tokens[-1][1] in lead:  # 共同落實: a clause's verb, not a name
            return None
        if not first and any(t[1] in lead for t in tokens[1:]):
            return None
        # The name starts after the last verb or preposition (行政院整合|科技部).
        last = max((k for k, t in enumerate(tokens[:-1]) if t[1] in lead), default=-1)
        # ... but not after a pronoun: what 此次 or 其 points at is a time or a thing (此次|首度,
        # 其|商品化), never a name.
        if last >= 0 and tokens[last][1] in self.settings.pointer_flags:
            return None
        tokens = tokens[last + 1 :]
        # A foreign place in front names where the body is, not the body (日本|東洋炭素).
        if len(tokens) > 1 and tokens[0][1] == "ns" and tokens[0][0] not in self._home:
            tokens = tokens[1:]
        start += tokens[0][2]
        # A Latin name glued to the Chinese before it (隨著|SpaceX).
        latin = re.search(r"[A-Za-z]", clause[start:end])
        if latin and latin.start() > 0 and not clause[start:end].isascii():
            start += latin.start() if clause[start : start + latin.start()].strip() else 0
        return start, end

    @cached_property
    def _technical(self) -> frozenset[str]:
        """The chunker's head and weak head words (rules/chunk.json)."""
        return frozenset((*self.chunker.settings.heads, *self.chunker.settings.tails))

    @cached_property
    def _home(self) -> frozenset[str]:
        """The places that are home (rules/orgs.json): 臺北 stays in 臺北市政府."""
        return frozenset(rules("orgs")["home_places"])

    def _looks_like_name(self, item: str, strict: bool) -> bool:
        s = self.settings
        # A Latin name is spelled out in words (Orbit Communications System): twice as long.
        longest = s.max_chars * (2 if item.isascii() else 1)
        if not s.min_chars <= len(item) <= longest or any(w in item for w in s.not_in_names):
            return False
        if item.endswith(s.category_ends):  # 科專法人, 業界科專: a kind of body, no body
            return False
        if item in self._technical:  # 感測, 晶片: a technical head word names a thing
            return False
        if item.isascii():  # a capital somewhere: iDirect, 5G-ACIA; not a common word
            return item[:1].isalnum() and any(c.isupper() for c in item) and not item.isdigit()
        tokens = self.chunker.tag(item)
        if len(tokens) != 1:
            return True
        # One dictionary word with a common tag (面板, 材料) is a thing, not a name; a known
        # list still rules out verbs and adjectives (落實, 虛實).
        return tokens[0][1] not in (s.common_flags if strict else s.verb_flags)
