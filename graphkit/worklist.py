"""Lists of what a programme makes: the items after a verb of making, each named whole.

``科技專案開發新世代解序生醫晶片、核酸傳輸用外泌體載體產製與分析晶片、穿戴式超音波貼片``:
the verb 開發 governs a list, and each item ending in a technical head noun is a technology as
printed, however long (the chunker names only pieces of such names when printed once in a long
document). So do the items after a list intro that follows a verb of making (建構多項技術平臺，
如：A、B及C等). Settings in ``schema/rules/worklist.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .chunk import PROSE, Chunker, Token
from .chunkhead import headed
from .knowledge import rules
from .records import Label, Mention, Segmented
from .rulefile import RulesFile

__all__ = ["WorkListSettings", "WorkLists", "load_settings"]

#: Name of the settings file under ``schema/rules``.
RULES = "worklist"
#: The source name of the mentions this recogniser finds.
SOURCE = "worklist"

Item = tuple[int, int]  # (start, end) in the sentence


@dataclass(frozen=True, slots=True)
class WorkListSettings:
    """What ``schema/rules/worklist.json`` holds, checked (each field explained in its ``_doc``)."""

    sentence_breaks: str
    clause_breaks: str
    list_marks: tuple[str, ...]
    verbs: tuple[str, ...]
    subjects: tuple[str, ...]
    intro: re.Pattern[str]
    closing: re.Pattern[str]
    skip_flags: frozenset[str]
    verb_flags: frozenset[str]
    joiners: tuple[str, ...]
    weak_joiners: frozenset[str]
    continue_with: tuple[str, ...]
    ends: frozenset[str]
    item_count: re.Pattern[str]
    qualifier_ends: tuple[str, ...]
    lead_flags: frozenset[str]
    inner_flags: frozenset[str]
    heads: tuple[str, ...]
    not_heads: tuple[str, ...]
    weak_heads: tuple[str, ...]
    stem_not_ends: tuple[str, ...]
    not_first: tuple[str, ...]
    tails: tuple[str, ...]
    abstract_ends: tuple[str, ...]
    other_labels: frozenset[Label]
    min_items: int
    min_chars: int
    max_chars: int
    stop_items: frozenset[str]
    open_brackets: str
    close_brackets: str


def load_settings(data: Mapping[str, Any] | None = None) -> WorkListSettings:
    """The work-list rule's settings: ``schema/rules/worklist.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type (the message names the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    try:
        others = frozenset(Label(v) for v in rf.words("other_labels"))
    except ValueError as exc:
        raise rf.error("other_labels", str(exc)) from None
    return WorkListSettings(
        rf.text("sentence_breaks", non_empty=True),
        rf.text("clause_breaks", non_empty=True),
        rf.words("list_marks", non_empty=True),
        rf.words("verbs"),
        rf.words("subjects"),
        rf.pattern("intro"),
        rf.pattern("closing"),
        frozenset(rf.words("skip_flags")),
        frozenset(rf.words("verb_flags")),
        tuple(sorted(rf.words("joiners", non_empty=True), key=len, reverse=True)),
        frozenset(rf.words("weak_joiners")),
        rf.words("continue_with"),
        frozenset(rf.words("ends")),
        rf.pattern("item_count"),
        rf.words("qualifier_ends"),
        frozenset(rf.words("lead_flags")),
        frozenset(rf.words("inner_flags")),
        tuple(sorted(rf.words("heads"), key=len, reverse=True)),
        rf.words("not_heads"),
        rf.words("weak_heads"),
        rf.words("stem_not_ends"),
        rf.words("not_first"),
        rf.words("tails"),
        rf.words("abstract_ends"),
        others,
        rf.integer("min_items", minimum=1),
        rf.integer("min_chars", minimum=1),
        rf.integer("max_chars", minimum=1),
        frozenset(rf.words("stop_items")),
        rf.text("open_brackets", non_empty=True),
        rf.text("close_brackets", non_empty=True),
    )


class WorkLists:
    """Names the items of lists of what is made (a recogniser run after the others).

    Args:
        chunker: the segmenter and its word lists (making verbs, heads, devices, generic words).
        settings: the rule's settings (``schema/rules/worklist.json`` when not given).
    """

    def __init__(self, chunker: Chunker, settings: WorkListSettings | None = None) -> None:
        self.chunker = chunker
        self.settings = settings or load_settings()
        breaks = re.escape(self.settings.sentence_breaks)
        self._sentence = re.compile(f"[^{breaks}]+")

    def recognise(self, seg: Segmented, known: Sequence[Mention]) -> list[Mention]:
        """New technology mentions for the items of lists a verb of making governs."""
        spans: dict[int, dict[Item, Label]] = {}
        for m in known:
            block = spans.setdefault(m.block, {})
            # 經濟部產業技術司: an agency the lexicon knows, whatever the body rule calls it
            if block.get((m.start, m.end)) is None or m.label not in self.settings.other_labels:
                block[(m.start, m.end)] = m.label
        verbs = (*self.chunker.settings.making_verbs, *self.settings.verbs)
        out: list[Mention] = []
        for i, b in enumerate(seg.blocks):
            if b.kind not in PROSE:
                continue
            block = spans.get(i, {})
            for found in self._sentence.finditer(b.text):
                sentence, at = found.group(), found.start()
                if not any(v in sentence for v in verbs):
                    continue
                marks = (*self.settings.list_marks, *self.settings.weak_joiners)
                if not any(mark in sentence for mark in marks):
                    continue
                out.extend(
                    Mention(Label.TECHNOLOGY, sentence[s:e], i, at + s, at + e, source=SOURCE)
                    for s, e in self.sentence_items(sentence, at, block)
                )
        return out

    def sentence_items(self, sentence: str, base: int, known: Mapping[Item, Label]) -> list[Item]:
        """The names of a sentence's lists of made things, as spans of the sentence, none equal
        to a known mention nor crossing a known mention of another label than a technology's."""
        found: list[Item] = []
        tokens = self.chunker.tag(sentence)
        verbs = (*self.chunker.settings.making_verbs, *self.settings.verbs)
        # A verb starts where a word does; jieba may glue it to the name's first character
        # (開發新|世代…) or cut it in two (內|建).
        starts = {at for _, _, at in tokens}
        for at in sorted(starts):
            verb = next((v for v in verbs if sentence.startswith(v, at)), None)
            if verb is None or any(s <= at < e for s, e in found):
                continue
            if self._other_maker(base, base + at, known):
                continue
            if sentence.startswith(self.settings.qualifier_ends, at + len(verb)):
                continue  # 業者研發的|晶片…, 開發之|SDR平臺: the verb qualifies a noun
            said = any(sentence.find(s, 0, at) >= 0 for s in self.settings.subjects)
            for s, e in self._list_after(sentence, at + len(verb), said):
                key = (base + s, base + e)
                if key in known or not self._free(key, known):
                    continue
                found.append((s, e))
        for m in self.settings.closing.finditer(sentence):
            at = max(sentence.rfind(b, 0, m.start()) for b in self.settings.clause_breaks)
            if self._other_maker(base + at + 1, base + m.start(), known):
                continue  # a body in the list's own clause develops it
            for s, e in self._list_before(sentence, m.start()):
                key = (base + s, base + e)
                if key in known or not self._free(key, known) or (s, e) in found:
                    continue
                found.append((s, e))
        return found

    def _list_before(self, sentence: str, end: int) -> list[Item]:
        """The well-formed items of the list ending at ``end``, right before a 'closing' (展開
        A、B、C|等技術研發): what is developed, named by its items whether or not they end in a
        head word; the clause's words before the first item (同步展開|A) are left out. Every
        item must be a name (國防、能源、AI與量子等技術研發: fields of work)."""
        breaks = self.settings.clause_breaks
        start = max((sentence.rfind(b, 0, end) for b in breaks), default=-1) + 1
        items = self._split(sentence, start, end)
        if len(items) < self.settings.min_items:
            return []
        s, e = items[0]
        tokens = self.chunker.tag(sentence[s:e])
        lead = next((k for k, t in enumerate(tokens) if t[1] not in self.settings.skip_flags), 0)
        # 科技專案同步展開|A: the clause's last verb before the item's last word governs it
        verbs = [k for k, t in enumerate(tokens[:-1]) if t[1] in self.settings.verb_flags]
        lead = max(lead, verbs[-1] + 1 if verbs else 0)
        items[0] = (s + tokens[lead][2], e) if tokens else (s, e)
        names = [self._name(sentence, s, e, k == 0, False) for k, (s, e) in enumerate(items)]
        found = [n for n in names if n is not None]
        return found if len(found) == len(items) else []  # 投資國防、能源…: fields, no names

    def _other_maker(self, start: int, verb: int, known: Mapping[Item, Label]) -> bool:
        """Whether a known body of one of ``other_labels`` stands between the sentence's start
        and its verb (台積電開發…: the firm makes it, no programme)."""
        others = self.settings.other_labels
        return any(start <= s and e <= verb and lab in others for (s, e), lab in known.items())

    def _free(self, span: Item, known: Mapping[Item, Label]) -> bool:
        """Whether no known mention of another label than a technology's overlaps ``span``."""
        s, e = span
        return not any(
            ks < e and s < ke and lab is not Label.TECHNOLOGY for (ks, ke), lab in known.items()
        )

    def _list_after(self, sentence: str, at: int, said: bool = False) -> list[Item]:
        """The well-formed items of the list the verb ending at ``at`` governs: right after it
        (開發|A、B與C), or after an intro (建構多項技術平臺，如：|A、B及C等); none unless
        ``min_items`` of them are well formed. A list of two joined by 與 (no 、) is read only
        when the programme is ``said`` to make it (科技專案建置A系統與B平臺)."""
        intro = self.settings.intro.match(sentence, at)
        start = intro.end("intro") if intro is not None else at
        end = self._clause_end(sentence, start)
        opens, closes = self.settings.open_brackets, self.settings.close_brackets
        if intro is not None and sentence[intro.start("intro") - 1] in opens:
            # 電池技術(如:A、B等): the list ends with its bracket
            close = [k for c in closes if (k := sentence.find(c, start, end)) >= 0]
            end = min(close, default=end)
        etc = self._etc(sentence, (start, end))
        marked = said or any(mark in sentence[start:end] for mark in self.settings.list_marks)
        if etc is not None:
            tail = sentence[etc:end]
            cut = max((tail.rfind(q) + len(q) for q in self.settings.qualifier_ends if q in tail),
                      default=0)  # fmt: skip
            if cut:  # 結合A、B等先進材料之|C及D: the list qualifies; the verb makes C and D
                start, etc = etc + cut, self._etc(sentence, (etc + cut, end))
        end = end if etc is None else etc
        items = self._split(sentence, start, end)
        if not items or not marked:
            return []  # 開發A與B: a list of two is read only after a list of qualifiers
        if etc is None and end < len(sentence):  # …與E，以及F: one more item
            rest = sentence[end + 1 :]
            more = next((w for w in self.settings.continue_with if rest.startswith(w)), None)
            if more is not None:
                s = end + 1 + len(more)
                last = (s, self._clause_end(sentence, s))
                items.append((s, self._etc(sentence, last) or last[1]))  # 以及F等先進技術: F
        names: list[Item] = []
        formed = 0  # well-formed items, one too long to be named among them
        for k, (s, e) in enumerate(items):
            name = self._name(sentence, s, e, k == 0)
            if name is None and k > 0 and self._clause(sentence[s:e]):
                break  # 、提升C: the list ended, a clause goes on
            if name is not None:
                names.append(name)
            formed += name is not None or self._too_long(sentence[s:e])
        return names if formed >= self.settings.min_items else []

    def _too_long(self, text: str) -> bool:
        """Whether an item is a name but for its length (開發|低流動性液態金屬(Liquid Metal)導熱
        材料: a name and a gloss): it still makes the list one of made things."""
        text = text.strip()
        verbs = self.chunker.settings.verbs
        made = next((v for v in self.chunker.settings.making_verbs if text.startswith(v)), "")
        text = text[len(made) :]  # 、開發B: another thing made
        if len(text) <= self.settings.max_chars:
            return False
        if any(t[0] in verbs for t in self.chunker.tag(text)):
            return False
        return self._ends_name(text)

    def _clause_end(self, sentence: str, start: int) -> int:
        """Where the clause from ``start`` ends: its first clause break outside brackets."""
        breaks = self.settings.clause_breaks
        return next(
            (k for k in self._unbracketed(sentence, start) if sentence[k] in breaks),
            len(sentence),
        )

    def _split(self, sentence: str, start: int, end: int) -> list[Item]:
        """The items of ``sentence[start:end]``: split at every joiner outside brackets, and at
        a weak joiner (與, 及) only where the text before it ends in a head word."""
        parts: list[Item] = []
        at = start
        for k in self._unbracketed(sentence, start, end):
            if k < at:
                continue  # inside the joiner just split at
            joiner = next((j for j in self.settings.joiners if sentence.startswith(j, k)), None)
            if joiner is not None:
                parts.append((at, k))
                at = k + len(joiner)
        parts.append((at, end))
        out: list[Item] = []
        for s, e in parts:
            out.extend(self._weak_split(sentence, s, e))
        return [(s, e) for s, e in out if e > s]

    def _weak_split(self, sentence: str, start: int, end: int) -> list[Item]:
        """An item split at its weak joiners (與, 及, 和) where the words before end a name."""
        tokens = self.chunker.tag(sentence[start:end])
        out: list[Item] = []
        at = start
        for k, (w, _, off) in enumerate(tokens):
            if w not in self.settings.weak_joiners or k == 0 or k == len(tokens) - 1:
                continue
            if self._ends_name(sentence[at : start + off]):
                out.append((at, start + off))
                at = start + off + len(w)
            elif tokens[k + 1][1] == "eng":
                return out  # 雲原生|及|SON技術: two names sharing one head, neither whole here
        out.append((at, end))
        return out

    def _etc(self, sentence: str, item: Item) -> int | None:
        """Where a list's last item ends at its 等 (``ends``), or None when it has none."""
        s, e = item
        for w, _, off in self.chunker.tag(sentence[s:e]):
            if w in self.settings.ends and off > 0:
                return s + off
        return None

    def _clause(self, text: str) -> bool:
        """Whether an item starts with a verb (提升C, 協助D): a clause, no made thing."""
        tokens = self.chunker.tag(text)
        verb = bool(tokens) and (tokens[0][0] in self.chunker.settings.verbs or tokens[0][1] == "v")
        return verb and not self._ends_name(text)

    def _name(
        self, sentence: str, start: int, end: int, first: bool, headed: bool = True
    ) -> Item | None:
        """An item's name: without a verb of making, a count or a determiner, or the qualifier
        in front (具…潛力的|腦科醫材); none unless it ends in a head word (when ``headed``)
        and holds no verb of the chunker's."""
        st = self.settings
        c = self.chunker.settings
        text = sentence[start:end]
        verb = next((v for v in c.making_verbs if text.startswith(v)), None)
        if verb is not None and not first:
            start += len(verb)  # 、開發B: another thing made
        cut = max((text.rfind(q) + len(q) for q in st.qualifier_ends if q in text), default=0)
        start = max(start, sentence.find(text[cut:], start) if cut else start)
        for _ in range(2):
            text = sentence[start:end]
            count = st.item_count.match(text)
            if count is not None:
                start += count.end()
            det = next((d for d in c.determiners if sentence.startswith(d, start)), None)
            if det is not None:
                start += len(det)
        text = sentence[start:end].strip()
        start += len(sentence[start:end]) - len(sentence[start:end].lstrip())
        end = start + len(text)
        if not st.min_chars <= len(text) <= st.max_chars or text in st.stop_items:
            return None
        if text in c.generic or text.endswith(tuple(c.framing)):
            return None
        tokens = self.chunker.tag(text)
        if not tokens or any(t[0] in c.verbs for t in tokens):
            return None  # 、推動C技術: a clause
        inner = (t for t in tokens[1:] if len(t[0]) == 1 and t[0] not in st.weak_joiners)
        if any(t[1] in st.inner_flags for t in inner):
            return None  # 金屬鈦合成|並|純化至4N技術: two clauses, no name
        if len(tokens[0][0]) == 1 and tokens[0][1] in self.settings.lead_flags:
            return None  # 於…, 並…, 其…: a clause's word, no name's start
        if headed and not self._ends_name(text):
            return None
        return (start, end) if self._whole(text, tokens) else None

    def _whole(self, text: str, tokens: Sequence[Token]) -> bool:
        """Whether a well-formed item names one thing: none of the chunker's qualifiers in it
        (關鍵表面處理: a category), no stem ending in ``stem_not_ends`` (智慧製造自主|技術,
        縫合與應用|技術), no stem of one word before a tail (動力|系統: a part of anything),
        no start of ``not_first`` (多樣化|先進製程), no generic word after its last 與
        (…設計與材料)."""
        st, c = self.settings, self.chunker.settings
        if any(t[0] in c.qualifiers for t in tokens):
            return False
        stem = next((text[: -len(h)] for h in st.weak_heads if text.endswith(h)), text)
        if stem.endswith(st.stem_not_ends) or stem in c.generic:
            return False  # 材料|技術: a generic word and a weak head
        tail = next((h for h in st.tails if text.endswith(h)), None)
        if tail is not None:
            rest = self.chunker.tag(text[: -len(tail)])
            if len(rest) == 1 and not rest[0][0].isascii():
                return False
        if text.startswith(st.not_first):
            return False  # 多樣化|先進製程: many kinds of a thing, no one thing
        joins = [t for t in tokens if t[0] in st.weak_joiners]
        if not joins:
            return True
        last = text[joins[-1][2] + len(joins[-1][0]) :]
        last = next((last[: -len(h)] for h in st.weak_heads if last.endswith(h)), last)
        return last not in c.generic  # …設計與材料|技術: 與 joins two heads, no thing named

    def _ends_name(self, text: str) -> bool:
        """Whether ``text`` ends a name: in one of ``heads``, the chunker's heads or tails, or a
        device by the chunker's reading (chunkhead.headed), and in none of ``not_heads``."""
        st, c = self.settings, self.chunker.settings
        if not text or text.endswith(st.not_heads):
            return False
        stem = next((text[: -len(h)] for h in st.weak_heads if text.endswith(h)), text)
        last = self.chunker.tag(stem)[-1][0] if stem else ""
        if last.endswith(st.abstract_ends) and len(last) != 2:
            return False  # 控制回饋智慧|化|技術: a quality reached (轉化 is a verb), no thing
        if text.endswith((*st.heads, *c.heads, *c.tails)):
            return True
        tokens = self.chunker.tag(text)
        before = tokens[-2] if len(tokens) > 1 else None
        return bool(tokens) and headed(tokens[-1], before, c)

    def _unbracketed(self, sentence: str, start: int, end: int | None = None) -> Iterator[int]:
        """The offsets from ``start`` to ``end`` of the characters outside brackets (none of a
        bracket itself): where a clause may break or a list item end."""
        opens, closes = self.settings.open_brackets, self.settings.close_brackets
        depth = 0
        for k in range(start, len(sentence) if end is None else end):
            c = sentence[k]
            if c in opens:
                depth += 1
            elif c in closes:
                depth = max(0, depth - 1)
            elif depth == 0:
                yield k
