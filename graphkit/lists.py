"""Enumerations share a type: names in a list take the label of the list's known items.

``集結國科會、交通部、經濟部、內政部與環保署的資源``: 國科會, 交通部 and 經濟部 are known
agencies, so 內政部 and 環保署 are agencies too; ``OpenAI、SoftBank、Oracle等企業`` names three
organisations. The list is read from the text's punctuation and joiners, item boundaries and
"is this one common word" from the jieba segmenter (:class:`graphkit.chunk.Chunker`); settings
in ``schema/rules/lists.json``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Literal

from .chunk import PROSE, Chunker, Token
from .chunkwords import joint_work, lone, verb_inside
from .listsettings import ListSettings, load_settings
from .listtech import Techniques
from .orgsettings import OrgSettings
from .orgsettings import load_settings as load_org_settings
from .records import Label, Mention, Segmented
from .terms import classify

__all__ = ["Enumerations", "ListSettings", "list_items", "load_settings"]

Item = tuple[int, int]  # (start, end) in the block text
#: What a cue says a list names when it names things, no bodies (…等雲端服務, …等標準).
THINGS: Literal["things"] = "things"


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


#: The labels of bodies: a known one leading a list item is that item (:meth:`_known_lead`).
_BODIES = frozenset({Label.AGENCY, Label.ORGANIZATION})


class Enumerations:
    """Labels names by the enumeration they are listed in (a recogniser run after the others)."""

    def __init__(
        self,
        chunker: Chunker,
        settings: ListSettings | None = None,
        orgs: OrgSettings | None = None,
    ) -> None:
        self.chunker = chunker
        self.settings = settings or load_settings()
        #: The organisation recogniser's words (rules/orgs.json): a body's heads, places.
        self.orgs = orgs or load_org_settings()
        #: Lists of techniques (graphkit/listtech.py).
        self.techniques = Techniques(
            chunker, self.settings, self._leads, lambda name: self._looks_like_name(name, False)
        )

    def recognise(self, seg: Segmented, known: Sequence[Mention]) -> list[Mention]:
        """New mentions for the unknown names of lists whose known items agree on a label."""
        spans: dict[int, dict[Item, Label]] = {}
        for m in known:
            spans.setdefault(m.block, {})[(m.start, m.end)] = m.label
        out: list[Mention] = []
        clause = self._clause_pattern
        share = self.settings.share
        # Lists of techniques are read in a short document only (a news item: as for the
        # chunker's names printed once, rules/chunk.json 'short_document'); in a long one the
        # recognisers have seen each technology printed often enough to name it themselves.
        short = len(seg.text) <= self.chunker.settings.short
        techniques = frozenset({Label.TECHNOLOGY}) if short else frozenset()
        for i, b in enumerate(seg.blocks):
            if b.kind not in PROSE:
                continue
            block = spans.get(i, {})
            # Where the block's known agencies/organisations start: only a clause holding one
            # (or a cue) can be a list worth reading.
            shared = [s for (s, _), lab in block.items() if lab in share or lab in techniques]
            for c in clause.finditer(b.text):
                opened = self.settings.opened_by.search(b.text, max(0, c.start() - 12), c.start())
                things = self._things_before(b.text, c.start(), c.group())
                found = self._clause(c.start(), c.group(), block, shared, i,
                                     opened is not None, things, short)  # fmt: skip
                # 鈮(Tantalum, Ta)|金屬與…: glued to a closing bracket, the first item goes on
                # with the name printed before the bracket; it is no name of its own.
                glued = b.text[c.start() - 1 : c.start()] in self.settings.closing
                out.extend(m for m in found if not (glued and m.start == c.start()))
        return out

    def _clause(self, base: int, clause: str, known: dict[Item, Label],
                shared: list[int], block: int, opened: bool = False,
                things: bool = False, short: bool = False) -> list[Mention]:  # fmt: skip
        joiners, prefix = self.settings.joiners, self.settings.cue_prefix
        # Only a list with a cue or a known agency/organisation can name anything: skip the
        # segmenter (the slow part) for every other clause.
        vouched = any(base <= s < base + len(clause) for s in shared)
        before = self.settings.before.search(clause)
        if not vouched and before is None and prefix not in clause and not opened:
            return []
        tokens = self.chunker.tag(clause)
        words = frozenset(at for w, _, at in tokens if w in joiners)
        items = [self._unglossed(clause, s, e) for s, e in list_items(clause, joiners, words)]
        if len(items) < 2 or any(self.settings.ordinal.fullmatch(clause[s:e]) for s, e in items):
            return []  # Phase I、II、III和IV期: stages, not bodies (III is no 資策會 here)
        closed, etc = self._closed(items, tokens)
        said = self._cue(clause, tokens, closed[-1][0])
        if etc is not None and not self._cue_ends_phrase(etc, tokens):
            said = None  # A、B等企業管理、C: 企業 is the start of another item, not the cue
        if said == THINGS or (said is None and things):
            return []  # A、Google、Azure等雲端服務: services, whatever else Google names
        cue = said if isinstance(said, Label) else None
        last_item = clause[slice(*closed[-1])].split(prefix)[0]
        if cue is Label.TECHNOLOGY and last_item.endswith(self.settings.field_ends):
            return []  # 醫材、國防航太及新材料領域等技術能量: fields and sectors, no techniques
        if cue is None and short:
            techniques = self.techniques.find(clause, items, closed, base, known, block)
            if techniques is not None:
                return techniques
        items = closed
        if verb_inside(tokens, items[1:-1], self.chunker.settings.verbs):
            return []  # 生技中心、食品所分別開發關鍵技術及產品: a clause runs between, no list
        latin = False  # 供應商包含A、B及C: Latin names of suppliers (Chinese ones are products)
        if cue is None and before is not None and before.end() <= items[0][1]:
            cue, latin = Label.ORGANIZATION, True
        if cue is None and opened:  # 國際組織（如：A、B及C等）: the list names organisations
            cue = Label.ORGANIZATION
        s, e = items[-1]
        at = next((t for w, _, t in tokens if w == prefix and s <= t < e), -1)
        if at > s:
            items[-1] = (s, at)  # ...C等企業, ...C等已發展出: a 等 of its own closes the list
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
        if cue is Label.TECHNOLOGY and self.techniques.fields(clause, names, tokens):
            return []  # 國防、能源、AI與量子等技術研發: fields, no techniques
        return self._typed(clause, names, cue, base, known, block, latin)

    def _typed(self, clause: str, names: list[Item], cue: Label | None, base: int,
               known: Mapping[Item, Label], block: int, latin: bool) -> list[Mention]:  # fmt: skip
        """The mentions of a list's ``names``: its known items' label, or its cue's."""
        vouched = [known[(base + s, base + e)] for s, e in names if (base + s, base + e) in known]
        labels = set(vouched)
        # Known items vouch for the list; a cue alone needs names that are no common word.
        strict = not labels
        label = cue if cue is not None else (next(iter(labels)) if len(labels) == 1 else None)
        if label is None or (cue is None and label not in self.settings.share):
            return []
        body = label in self.settings.share
        if body and not self._bodies([clause[s:e] for s, e in names], labels):
            return []
        owned = (
            (s, e, self._own(label, (base + s, base + e), known, clause[s:e])) for s, e in names
        )
        new = [
            (s, e, own)
            for s, e, own in owned
            if not self._covered(s + base, e + base, known)
            and self._looks_like_name(clause[s:e], strict)
            and not (body and self._kind(clause[s:e]))  # 模組整機: a kind of product
            and (clause[s:e].isascii() or not latin)
            and not (label is Label.TECHNOLOGY and self.techniques.quality(clause[s:e]))
            and self._headed(own, clause[s:e])
        ]
        if body and len(vouched) + len(new) < 2:
            return []  # 於…罕見|與|阿里巴巴創辦人…: one body among phrases, 與 was no joiner
        return [Mention(own, clause[s:e], block, base + s, base + e, source="list")
                for s, e, own in new]  # fmt: skip

    @cached_property
    def _clause_pattern(self) -> re.Pattern[str]:
        """A clause: the text between two 'clause_breaks', where a bracketed gloss right before
        a joiner (信驊科技(酷博樂)、悠泰科技) breaks nothing: the list goes on after it."""
        breaks = "".join(re.escape(c) for c in self.settings.clause_breaks)
        joiners = "|".join(re.escape(j) for j in self.settings.joiners)
        gloss = self.settings.gloss.pattern
        return re.compile(f"(?:(?:{gloss})(?=\\s*(?:{joiners}))|[^{breaks}])+")

    def _unglossed(self, clause: str, start: int, end: int) -> Item:
        """An item without the bracketed gloss that ends it (信驊科技(酷博樂): 信驊科技)."""
        item = clause[start:end].rstrip()
        m = self.settings.gloss.search(item)
        ends = m is not None and m.end() == len(item) and m.start() > 0
        return (start, start + m.start()) if m is not None and ends else (start, end)

    def _own(self, label: Label, item: Item, known: Mapping[Item, Label], name: str) -> Label:
        """The label of a list's new item: the list's, but a firm's unit in a list of agencies
        is the firm's (鴻海研究院 beside 國家中山科學研究院: a known organisation starts it), and
        so is a name ending in an organisation's head (``organization_ends``: 新竹縣政府與
        交通大學: a university is no agency)."""
        s, e = item
        firm = any(
            ks == s and ke < e and lab is Label.ORGANIZATION for (ks, ke), lab in known.items()
        )
        firm = firm or name.endswith(self.settings.organization_ends)
        return Label.ORGANIZATION if label is Label.AGENCY and firm else label

    def _headed(self, own: Label, name: str) -> bool:
        """An agency (:meth:`_own`) needs a body's head or an abbreviation (``agency_ends``)."""
        short = name.isascii() or len(name) <= self.settings.agency_short
        return own is not Label.AGENCY or short or name.endswith(self.settings.agency_ends)

    def _bodies(self, names: list[str], labels: set[Label]) -> bool:
        """Whether a list's ``names`` may name bodies: not when a known one is a technology
        (晶片、半導體、ICT…等業者: firms named by what they make), nor, with none known, when
        ``kinds_share`` of them or more are common words (面板、背光、材料…等廠商: sectors)."""
        words = sum(1 for n in names if self._word(n))
        kinds = not labels and words >= self.settings.kinds_share * len(names)
        return Label.TECHNOLOGY not in labels and not kinds

    def _things_before(self, text: str, start: int, clause: str) -> bool:
        """Whether the list of ``clause`` (at ``start`` in ``text``), introduced by one of
        ``introduced_by`` (…充電標準、通訊協定…，包含A、B及C), enumerates things: the sentence
        before it names a kind of thing (a word ending in one of ``things``), and no body."""
        if not self.settings.introduced_by.match(clause):
            return False
        opening = max(text.rfind(end, 0, start) for end in self.settings.sentence_ends) + 1
        said = {self._cue_word(w) for w, _, _ in self.chunker.tag(text[opening:start])}
        return THINGS in said and said.isdisjoint(self.settings.share)

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
        陸續布局其商品化), or with a known body's name that no body's head word ends (與光寶科|
        布局資料中心電源, where jieba tags 布局 a noun; 台積電文教基金會 is another body, and a
        Latin word after a Latin name names one of its own, Amazon Kuiper): it is that name only,
        which names nothing new."""
        s, e = item
        s += len(clause[s:e]) - len(clause[s:e].lstrip())  # 與 ADI 將: spaced out
        e = min((at for p in self.settings.stops if (at := clause.find(p, s, e)) >= 0), default=e)
        # The longest known name there (國際貨幣基金組織, not 國際貨幣基金|組織).
        lead = max(
            ((ks, ke) for ks, ke in known if ks == base + s), default=None, key=lambda k: k[1]
        )
        if lead is None or not base + s < lead[1] < base + e:
            return False
        after = self.chunker.tag(clause[lead[1] - base : e].lstrip())
        if bool(after) and after[0][1] in self.settings.lead_flags:
            return True
        body = known[lead] in _BODIES and not clause[lead[1] - base : e][:1].isascii()
        return body and classify(clause[s:e]) not in _BODIES  # Amazon Kuiper: a name of its own

    def _cue(
        self, clause: str, tokens: Sequence[Token], start: int
    ) -> Label | Literal["things"] | None:
        """What the noun after the list's 等 (the first from ``start``) says its items are: a
        label, :data:`THINGS` or nothing. A modifier may come between (等領先業者); the noun is
        the first word ending in a cue after at most ``cue_qualifiers`` words qualifying it
        (系統|廠, 上下游|業者, 雲端|服務, 雲端|服務業|者), or a cue word right after that one
        (服務|業者)."""
        prefix, s = self.settings.cue_prefix, self.settings
        at = next((t for w, _, t in tokens if w == prefix and t >= start), None)
        if at is None:
            return None
        after = clause[at + len(prefix) :]
        modifier = next((m for m in s.cue_modifiers if after.startswith(m)), "")
        words = self.chunker.tag(after[len(modifier) :])
        noun = ""
        for k, (word, flag, _) in enumerate(words[: s.cue_qualifiers + 1]):
            noun += word  # 雲端|服務業|者: the noun's words so far
            said = self._cue_word(noun, k == 0)
            if said is not None:
                then = self._cue_word(noun + words[k + 1][0]) if k + 1 < len(words) else None
                said = then or said
                if k + 1 < len(words) and words[k + 1][0] in s.cue_not_before:
                    return THINGS  # 等技術目標, 等技術挑戰: targets and problems, no techniques
                # 產業|技術, 標準|技術: a qualified 技術 is a field's, not the items' kind.
                return said if k == 0 or said == THINGS or said in s.share else None
            if flag in s.cue_breaks:
                return None
        return None

    def _cue_word(self, word: str, first: bool = False) -> Label | Literal["things"] | None:
        """What a word that ends in a cue (廠商, 系統廠, 雲端服務), or the first word after 等
        that starts with one (技術開發), says a list names."""
        cues = self.settings.cues
        cue = max((c for c in cues if word.endswith(c)), key=len, default=None)
        if cue is None and first:
            cue = max((c for c in cues if word.startswith(c)), key=len, default=None)
        if cue is None:
            return None
        return self.settings.cues[cue] or THINGS

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
        leads = self._leads(tokens, self.settings.lead_flags - verbal)
        if verbal:  # 運用|輕量化材料: the chunker's verbs lead, whatever jieba tags them
            verbs = self.chunker.settings.verbs
            leads = sorted({*leads, *(k for k, t in enumerate(tokens) if t[0] in verbs)})
        if not tokens or len(tokens) - 1 in leads:  # 共同落實: a clause's verb, not a name
            return None
        if not first and any(k > 0 for k in leads):
            return None
        if not first and verbal and leads[:1] == [0] and self._opening_verb(tokens):
            return None  # 、培養|模組設計, 、符合|車規安全規範: a clause after the list's verb
        # The name starts after the last verb or preposition (行政院整合|科技部).
        last = max((k for k in leads if k < len(tokens) - 1), default=-1)
        # ... but not after a pronoun: what 此次 or 其 points at is a time or a thing (此次|首度,
        # 其|商品化), never a name.
        if last >= 0 and tokens[last][1] in self.settings.pointer_flags:
            return None
        tokens = tokens[last + 1 :]
        tokens = self._after_kind(tokens)
        # A foreign place in front names where the body is (日本|東洋炭素), unless one common
        # word is left (三井|化學); a lone character tagged a place is a piece of a name (華|邦|電).
        place = tokens[0][1] == "ns" and len(tokens[0][0]) > 1
        common = len(tokens) == 2 and tokens[1][1] in self.settings.common_flags
        if len(tokens) > 1 and place and tokens[0][0] not in self.orgs.home_places and not common:
            tokens = tokens[1:]
        start += tokens[0][2]
        # A Latin name glued to the Chinese before it (隨著|SpaceX).
        latin = re.search(r"[A-Za-z]", clause[start:end])
        if latin and latin.start() > 0 and not clause[start:end].isascii():
            start += latin.start() if clause[start : start + latin.start()].strip() else 0
        return start, end

    @staticmethod
    def _covered(start: int, end: int, known: Mapping[Item, Label]) -> bool:
        """Whether a known mention spans ``start``..``end`` (納入再生|醫療: 再生醫療 is known, so
        the item's name is no new one)."""
        return any(ks <= start and end <= ke for ks, ke in known)

    def _after_kind(self, tokens: list[Token]) -> list[Token]:
        """An item's words after a kind of firm in front (``kind_words``: IC設計業者|瑞昱), which
        says what the body is, not its name; only when one or two words follow it (not
        新創|DeepSeek|創辦人|梁|文峰: a person)."""
        ends = self.settings.kind_words
        kind = max((k for k, t in enumerate(tokens[:-1]) if ends and t[0].endswith(ends)),
                   default=-1)  # fmt: skip
        return tokens[kind + 1 :] if len(tokens) - kind - 1 <= 2 else tokens

    def _leads(self, tokens: Sequence[Token], lead: frozenset[str]) -> list[int]:
        """Where ``tokens`` has a verb, a preposition … (a flag of ``lead``); not a lone
        character of ``piece_flags`` glued to another lone one that is no function word, before
        a word (良|聯|工業) or before the other (中|鋼): a piece of a word jieba did not know;
        nor a verb a suffix follows (``suffix_flags``: 穿戴|式|設備, 侵入|式): the suffix makes
        it the start of a word jieba did not know (穿戴式), no verb of the clause."""
        s, pieces = self.chunker.settings, self.settings.piece_flags

        def piece(k: int) -> bool:
            left = tokens[k - 1] if k > 0 else ("", "x", -1)
            right = tokens[k + 1] if k + 1 < len(tokens) else ("", "x", -1)
            after = lone(left, s) and left[1] not in lead and k + 1 < len(tokens)
            glued = after or lone(right, s)
            return tokens[k][1] in pieces and lone(tokens[k], s) and glued

        def body_end(k: int) -> bool:  # 工程|會: the 會 of a council's short name, no verb
            last = k == len(tokens) - 1 and k > 0 and tokens[k - 1][1].startswith("n")
            return last and tokens[k][0] in self.settings.body_ends

        def suffixed(k: int) -> bool:  # 穿戴|式|設備: a suffix after it makes the verb a word's
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            return nxt is not None and nxt[1] in self.settings.suffix_flags

        return [
            k
            for k, t in enumerate(tokens)
            if t[1] in lead and not piece(k) and not body_end(k) and not suffixed(k)
        ]

    def _opening_verb(self, tokens: Sequence[Token]) -> bool:
        """Whether an item opens with a verb of its own before more words: a word of two
        characters or more (軋|延 is a piece of a word jieba did not know) that is none of the
        chunker's modifiers (自主|航行避障: jieba tags 自主 a verb)."""
        word = tokens[0][0]
        return len(tokens) > 1 and len(word) > 1 and word not in self.chunker.settings.modifiers

    @cached_property
    def _technical(self) -> frozenset[str]:
        """The chunker's head and weak head words (rules/chunk.json)."""
        return frozenset((*self.chunker.settings.heads, *self.chunker.settings.tails))

    @cached_property
    def _bodies_words(self) -> frozenset[str]:
        """A body's head and generic words (rules/orgs.json 'heads', 'generic'): 聯盟, 公司."""
        return frozenset((*self.orgs.heads, *self.orgs.generic))

    def _looks_like_name(self, item: str, strict: bool) -> bool:
        s = self.settings
        # A Latin name is spelled out in words (Orbit Communications System): twice as long.
        longest = s.max_chars * (2 if item.isascii() else 1)
        if not s.min_chars <= len(item) <= longest or self._holds_stop(item):
            return False
        if item.endswith(s.category_ends):  # 科專法人, 業界科專: a kind of body, no body
            return False
        if item in self._technical:  # 感測, 晶片: a technical head word names a thing
            return False
        if item in self.chunker.settings.generic:  # 通訊 of 酬載、通訊等關鍵模組: a field
            return False
        if item in self._bodies_words:  # 聯盟, 公司: the body the text spoke of, no name
            return False
        if self._person(item) or self._joint_work(item):
            return False  # 張翼教授: a person; 廠商聯合開發X: the clause's verb
        if item.isascii():  # a capital somewhere: iDirect, 5G-ACIA; not a common word
            return item[:1].isalnum() and any(c.isupper() for c in item) and not item.isdigit()
        # One dictionary word with a common tag (面板, 材料) is a thing, not a name; a known
        # list still rules out verbs and adjectives (落實, 虛實).
        return not self._word(item, s.common_flags if strict else s.verb_flags)

    def _person(self, item: str) -> bool:
        """Whether a title ends ``item`` (``person_titles``: 張翼教授; 高通 is no person's)."""
        return item.endswith(self.settings.person_titles)

    def _joint_work(self, item: str) -> bool:
        """Whether ``item`` holds one word of working together and a work verb (聯合開發)."""
        return any(joint_work(t[0], self.chunker.settings) for t in self.chunker.tag(item))

    def _kind(self, item: str) -> bool:
        """Whether ``item`` names a kind of product, no body: one of the chunker's generic words
        (模組, 設備) beside words of two characters or more with no proper name's tag (整機)."""
        tokens = self.chunker.tag(item)
        generic = any(t[0] in self.chunker.settings.generic for t in tokens)
        common = all(len(t[0]) > 1 and t[1] not in self.orgs.proper_flags for t in tokens)
        return len(tokens) > 1 and generic and common

    def _holds_stop(self, item: str) -> bool:
        """Whether ``item`` holds one of ``not_in_names``: a function word of one character
        as a word of the segmenter's (和 is no word of 大甲永和), a longer one anywhere."""
        words = {w for w, _, _ in self.chunker.tag(item)} if not item.isascii() else set()
        return any(w in words if len(w) == 1 else w in item for w in self.settings.not_in_names)

    def _word(self, item: str, flags: frozenset[str] | None = None) -> bool:
        """Whether ``item`` is one dictionary word with one of ``flags`` (``common_flags``)."""
        if item.isascii():
            return False
        tokens = self.chunker.tag(item)
        flags = self.settings.common_flags if flags is None else flags
        return len(tokens) == 1 and tokens[0][1] in flags
