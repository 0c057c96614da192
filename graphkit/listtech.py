"""Lists of techniques: items of an enumeration whose items are technologies name technologies.

``智慧電網、自駕車與倉儲自動化等``: two items are known technologies as printed, so 倉儲自動化
is one too; ``研發低介電樹脂、導電紗線…等4項成果``: a verb of making governs the list, so its
items are what is made. Only well-formed items are named (no clause, no count, no field word),
and a new name never lies inside a known one. Part of :mod:`graphkit.lists`; settings in
``schema/rules/lists.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from .chunk import Chunker, Token
from .chunkhead import headed
from .listsettings import ListSettings
from .records import Label, Mention

__all__ = ["Techniques"]

Item = tuple[int, int]  # (start, end) in the clause


class Techniques:
    """Finds the new technologies of lists of techniques (used by :class:`Enumerations`).

    Args:
        chunker: the segmenter and its word lists (heads, verbs, framing words).
        settings: the list rule's settings.
        leads: where a token list has a verb, a preposition … of the given flags (the list
            rule's reading, which knows pieces of words jieba did not know).
        name_like: whether an item's text may be a name at all (length, stop words).
    """

    def __init__(
        self,
        chunker: Chunker,
        settings: ListSettings,
        leads: Callable[[Sequence[Token], frozenset[str]], list[int]],
        name_like: Callable[[str], bool],
    ) -> None:
        self.chunker = chunker
        self.settings = settings
        self.leads = leads
        self.name_like = name_like

    def find(self, clause: str, items: list[Item], closed: list[Item], base: int,
             known: Mapping[Item, Label], block: int) -> list[Mention] | None:  # fmt: skip
        """The new technologies of a list of techniques with no cue, or None when it is none.
        A list most of whose items hold a known technology lists technologies (AI晶片、矽光子、
        量子科技), up to its first 等 (``closed``); so does a list a verb of making governs
        (研發|A、B…、F等4項成果), when nothing it qualifies follows it (A、B等數位模型, A、B及C的Y:
        the verb makes the models, the Y), all its items (C等塗層: C) names."""
        made = self._open_end(clause[slice(*items[-1])]) and self._made(clause, items, base, known)
        items = list(items if made else closed)
        s, e = items[-1]
        tail = min((t for w in self.settings.tail_stops if (t := clause.find(w, s + 1, e)) > 0),
                   default=e)  # fmt: skip
        items[-1] = (s, tail)
        last = len(items) - 1
        techniques = (
            self._technique_name(clause, s, e, k == 0, k == last) for k, (s, e) in enumerate(items)
        )
        found = [n for n in techniques if n is not None]
        if made and len(found) < len(items) - 1:
            return []  # 建立A與B間整合、提升C: items that are clauses, no list of names
        if not made and not self._technical_items(clause, found, base, known):
            return None
        # Any item of a list known items vouch for may be another kind of thing (、地緣政治、,
        # 與碳權交易, 與人資部門): it names a technique only when it ends in a technical head
        # noun or is a Latin name the chunker does not rule out (ESG).
        kept = [n for n in found if made or self._headed(clause[slice(*n)])]
        return self._techniques(clause, kept, base, known, block)

    def _technical_items(
        self, clause: str, items: Sequence[Item], base: int, known: Mapping[Item, Label]
    ) -> bool:
        """Whether ``technical_share`` of a list's items or more, and two at least, hold a known
        technology as their longest known name, one at least is one as printed, and none holds
        another label's (a list of firms by what they make, 企業AI化、服務AI化與製造AI化 with a
        known policy, is no list of techniques; AI風險、AI策略擬定與未來趨勢 lists topics). An
        item ending in one of the chunker's framing words (X產業鏈) holds none."""
        if not any(known.get((base + s, base + e)) is Label.TECHNOLOGY for s, e in items):
            return False
        framing = tuple(self.chunker.settings.framing)
        labels: list[Label | None] = []
        for s, e in items:
            if clause[s:e].endswith(framing):
                labels.append(None)  # 無人機產業鏈: the industry of a technology, no technique
                continue
            inside = [(ke - ks, lab) for (ks, ke), lab in known.items()
                      if base + s <= ks and ke <= base + e]  # fmt: skip
            labels.append(max(inside, key=lambda x: x[0])[1] if inside else None)
        if any(lab not in (None, Label.TECHNOLOGY) for lab in labels):
            return False
        techs = labels.count(Label.TECHNOLOGY)
        return techs >= 2 and techs >= self.settings.technical_share * len(items)

    def _open_end(self, last: str) -> bool:
        """Whether the last item of a list ends it with no noun it qualifies: no qualifier's
        end in it (A、B及C的Y) and, after its 等, a count of techniques (``counted``: 等4項成果;
        等4項計畫 counts projects, a list with no 等 counts nothing)."""
        if any(q in last for q in self.settings.qualifier_ends):
            return False
        at = last.find(self.settings.cue_prefix)
        return bool(self.settings.counted.match(last, at + len(self.settings.cue_prefix)))

    def _made(self, clause: str, items: Sequence[Item], base: int,
              known: Mapping[Item, Label]) -> bool:  # fmt: skip
        """Whether a list of ``made_items`` or more is the object of a verb of making (研發|低介
        電樹脂、導電紗線…: the chunker's 'making_verbs') right before its first item's name,
        and none of its items holds a known name of another label than a technology's."""
        if len(items) < self.settings.made_items:
            return False
        tokens = self.chunker.tag(clause[: items[0][1]])
        made = [t for w, _, t in tokens if w in self.chunker.settings.making_verbs]
        inside = (
            lab for (ks, ke), lab in known.items() if base + items[0][0] <= ks < base + items[-1][1]
        )
        return bool(made) and all(lab is Label.TECHNOLOGY for lab in inside)

    def _techniques(self, clause: str, names: list[Item], base: int,
                    known: Mapping[Item, Label], block: int) -> list[Mention]:  # fmt: skip
        """The new technologies of a list of techniques: its well-formed names no known mention
        covers. One may hold a known name only as a kind of it (``_kind_of_known``: 燃料電池|模組);
        one inside a known name or ending with one (全面推動|AI: words in front of a known name
        qualify it or are the clause's) is none."""
        new = [
            (s, e)
            for s, e in names
            if self._kind_of_known(clause, s, e, base, known)
            and self.name_like(clause[s:e])
            and self.technique(clause[s:e])
            and not self.quality(clause[s:e])
        ]
        return [
            Mention(Label.TECHNOLOGY, clause[s:e], block, base + s, base + e, source="list")
            for s, e in new
        ]

    def _kind_of_known(self, clause: str, s: int, e: int, base: int,
                       known: Mapping[Item, Label]) -> bool:  # fmt: skip
        """Whether a new name holding known names is a kind of the last one: none of them
        sticks out of it and the rest after it is a technical head noun (燃料電池|模組); a name
        equal to a known one, inside one or ending with one has no such rest. A name never
        replaces nor hides the known one it holds (電動車|普及, CPO|概念股: the known name only)."""
        spans = [(ks - base, ke - base) for ks, ke in known if ks < base + e and base + s < ke]
        if not spans:
            return True
        if any(ks < s or e < ke for ks, ke in spans):
            return False
        rest = clause[max(ke for _, ke in spans) : e]
        return self._device(rest)

    def _headed(self, name: str) -> bool:
        """Whether a name ends in a technical head noun: one of the chunker's heads (…晶片,
        …檢測) or a device (…感測器), or is a Latin name none of the chunker's ``latin_not``
        (ESG, a rating, is none)."""
        if name.isascii():
            return name not in self.chunker.settings.latin_not
        return self._device(name)

    def _device(self, name: str) -> bool:
        """Whether a name's last word is a head or a device by the chunker's reading
        (chunkhead.headed: …電解槽, 曝光|機; 商機 is none, two characters)."""
        tokens = self.chunker.tag(name)
        before = tokens[-2] if len(tokens) > 1 else None
        return bool(tokens) and headed(tokens[-1], before, self.chunker.settings)

    def _technique_name(
        self, clause: str, start: int, end: int, first: bool, final: bool
    ) -> Item | None:
        """An item's name in a list of techniques: what follows the first item's verb
        (研發|導電紗線) and a qualifier's end in an item before the last (具低功耗之|邊緣伺服
        器; the last ends before one: 智慧電網|的運用), without a count nor a measure in front
        (30臺|電動巴士, 三大|試產線, 5kW 電解槽); none when the item is a clause (a verb inside
        an item after the first, or a verb ending it that names no work on a noun)."""
        prefix = self.settings.cue_prefix
        etc = next((t for w, _, t in self.chunker.tag(clause[start:end]) if w == prefix), None)
        end = end if etc is None else start + etc  # C等塗層: C
        text = clause[start:end]
        if final:
            end = min((at for q in self.settings.qualifier_ends if (at := text.find(q)) >= 0),
                      default=len(text)) + start  # fmt: skip
            end = self._cut(clause, start, end)
        else:
            start += max(text.rfind(q) + len(q) for q in self.settings.qualifier_ends)
        if end - start < self.settings.min_chars:
            return None
        tokens = self.chunker.tag(clause[start:end])
        verbs = self.chunker.settings.verbs
        leads = [
            k
            for k in self.leads(tokens, self.settings.technique_leads)
            if not self._named_work(tokens, k)
        ] + [k for k, t in enumerate(tokens) if t[0] in verbs]
        if first and tokens and tokens[0][1] == "vn":
            leads.append(0)  # 發展|電流電壓轉換器: the verb that governs the list
        if not first and tokens and tokens[0][1] == "v" and len(tokens) > 1:
            return None  # 、提升|產線自動化: a clause after the list's verb
        if not tokens or len(tokens) - 1 in leads or (not first and any(k > 0 for k in leads)):
            return None
        last = max(leads, default=-1)
        if last >= 0 and tokens[last][1] in self.settings.pointer_flags:
            return None
        if last > 0 and self._glued_verb(tokens, last):
            return None  # 質子|交換|膜…: the verb is a word of the name, its start unsure
        tokens = self._uncounted(tokens[last + 1 :])
        if len(tokens) > 1 and tokens[-1][1] == "m":
            end = start + tokens[-1][2]  # 服務機器人|兩大類: a count after the name
        if len(tokens) > 1 and tokens[0][1] == "ns" and len(tokens[0][0]) > 1:
            tokens = tokens[1:]  # 臺灣|半導體: where it is made, no part of the name
        start += tokens[0][2]
        measure = self.settings.measure.match(clause, start, end)  # 5kW 電解槽: how much
        start = start if measure is None else measure.end()
        # 隨|著|AIoT: a Latin name glued after a verb or pieces of words jieba did not know;
        # after a noun it is the name's (邊緣AI).
        latin = re.search(r"[A-Za-z]", clause[start:end])
        glued = tokens[0][1] in self.settings.lead_flags or len(tokens[0][0]) == 1
        if latin and latin.start() > 0 and clause[start + latin.start() : end].isascii() and glued:
            start += latin.start()
        name = clause[start:end]
        start, end = start + len(name) - len(name.lstrip()), end - len(name) + len(name.rstrip())
        return (start, end) if end - start >= self.settings.min_chars else None

    def fields(self, clause: str, names: list[Item], tokens: Sequence[Token]) -> bool:
        """Whether a list the text calls techniques (its 等 followed by one of ``field_cues``,
        after a modifier: 等技術, 等關鍵技術) lists fields: ``kinds_share`` of its names or
        more, and two at least (船舶與…航行避障…等核心技術 names one ship), are one plain noun
        each (jieba tags ``field_flags``: 國防、能源、AI與量子; 原料、製劑…) that is none of
        the chunker's head words nor named alone. A kind of part (等關鍵零組件: 主軸、刀塔) is named
        by one noun as often, so only a technique cue says so."""
        s, c = self.settings, self.chunker.settings
        if not names:
            return False
        at = next((t for w, _, t in tokens if w == s.cue_prefix and t >= names[-1][0]), None)
        if at is None:
            return False
        after = clause[at + len(s.cue_prefix) :]
        after = after[len(next((m for m in s.cue_modifiers if after.startswith(m)), "")) :]
        if not after.startswith(s.field_cues):
            return False

        def field(name: str) -> bool:
            words = self.chunker.tag(name)
            one = len(words) == 1 and words[0][1] in s.field_flags
            return one and name not in c.heads and name not in c.named_alone

        fields = sum(field(clause[a:z].strip()) for a, z in names)
        return fields >= 2 and fields >= s.kinds_share * len(names)

    def quality(self, name: str) -> bool:
        """Whether a name ends in a word jieba tags one of ``quality_flags`` (an adjective:
        菌絲皮革|耐用 of 菌絲皮革耐用及異味驗證): a quality of a thing, no technique."""
        tokens = self.chunker.tag(name)
        return len(tokens) > 1 and tokens[-1][1] in self.settings.quality_flags

    def technique(self, name: str) -> bool:
        """Whether a new item of a list of techniques names a thing: not one word that is none
        of the chunker's head words nor a device (機械, 通訊, 紡織: a field), nor a name ending
        in one of its framing words (…設備整機供應鏈), nor one of its generic words (控制系統) or
        one holding one of its qualifiers (…關鍵零組件: a category) or ending in one of the words
        no smart kind of a thing ends in (smart 'not_after': 循環|經濟), nor one starting with a
        lone character tagged a verb, an adverb … (``lead_flags``: 檢|預測, a piece of a word;
        低|介電樹脂 is a name), nor lone characters only (航|太)."""
        tokens = self.chunker.tag(name)
        c = self.chunker.settings
        if not tokens or name.endswith(tuple(c.framing)) or name in c.generic:
            return False
        if tokens[-1][0] in c.smart.not_after and len(tokens) > 1:
            return False  # 低碳|經濟: an abstract domain (the chunker's smart 'not_after')
        if any(t[0] in c.qualifiers for t in tokens):
            return False  # 機器人關鍵零組件: a category (the chunker's 'qualifiers'), no name
        if len(tokens[0][0]) == 1 and tokens[0][1] in self.settings.lead_flags:
            return False
        if not name.isascii() and all(len(t[0]) == 1 for t in tokens):
            return False  # 航|太: lone characters jieba did not know as one word
        one = len(tokens) == 1 and not name.isascii()
        device = len(name) >= c.min_chars and name.endswith(c.devices.suffixes)
        return not one or name in c.heads or name in c.named_alone or device

    def _cut(self, clause: str, start: int, end: int) -> int:
        """Where the last item's name ends: before its first verb or adverb after its first
        word (jieba tags ``cut_flags``: 氫能車隊|已, 風險|都是), unless that word is a technical
        head noun (…檢測) or a verb a noun follows (電源|管理|模組); the clause goes on there."""
        heads, cuts = self.chunker.settings.heads, self.settings.cut_flags
        tokens = self.chunker.tag(clause[start:end])
        nouns = self.settings.technique_nouns
        for k, (w, flag, at) in enumerate(tokens[1:], 1):
            noun = k + 1 < len(tokens) and tokens[k + 1][1].startswith(nouns)
            inner = flag.startswith("v") and noun  # 電源|管理|模組: a verb inside a name
            if flag.startswith(cuts) and not inner and w not in heads:
                return start + at
        return end

    def _named_work(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether the verb ``tokens[k]`` ends an item right after a noun (語音|辨識): the
        technique's name, not the clause's verb."""
        noun = k > 0 and tokens[k - 1][1].startswith(self.settings.technique_nouns)
        return k == len(tokens) - 1 and noun and len(tokens[k][0]) > 1

    def _glued_verb(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether the verb ``tokens[k]`` is glued between a noun and a lone character
        (質子|交換|膜): a word of a name jieba did not know, no verb of the clause (one of
        the chunker's 'verbs' always is one)."""
        if tokens[k][0] in self.chunker.settings.verbs or not 0 < k < len(tokens) - 1:
            return False
        noun = tokens[k - 1][1].startswith(self.settings.technique_nouns)
        return noun and len(tokens[k + 1][0]) == 1

    def _uncounted(self, tokens: list[Token]) -> list[Token]:
        """An item's words without a count in front (30|臺|電動巴士: how many, no name)."""
        count = len(tokens) > 2 and (tokens[1][1] == "q" or len(tokens[1][0]) == 1)
        count = count and (tokens[0][0].isdigit() or tokens[0][1] == "m")
        return tokens[2:] if count else tokens
