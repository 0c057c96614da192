"""Technology names by their shape: a segmenter and POS tagger instead of a list of names.

jieba segments and POS-tags the text (on an OpenCC Traditional→Simplified copy, character for
character the same length, since jieba's dictionary is Simplified). A run of noun-like tokens
(``flags``) that ends in a technical head word (``heads``: 晶片, 模組, 系統 …) is a technology
name: the verbs, particles and punctuation around it are its boundaries, so 本計畫開發連續式
雷射改質與裂片薄化系統 gives 裂片薄化系統, never 開發… . The settings are data
(``schema/rules/chunk.json``); the mentions go through the same resolve stage as every other
recogniser's (source ``chunk``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cached_property, lru_cache, partial
from typing import Any

from . import chunkshape as shape
from . import chunkwords as w
from .chunkcoord import shared_heads
from .chunkhead import name_last, past_verbal_noun, split_modifier, with_complements
from .chunkkeep import kept
from .chunklatin import latin_items, script_space
from .chunksettings import RULES as RULES
from .chunksettings import ChunkSettings as ChunkSettings
from .chunksettings import load_settings as load_settings
from .chunkslash import Stands, slash_start, slashed, stands
from .chunktech import counted_inside, techniques  # X技術, beside the chunker
from .develops import DevelopsSettings, own_work
from .knowledge import all_lexicon_terms, rules
from .normalise import normalise
from .objects import ObjectSettings, work_objects
from .objects import load_settings as load_object_settings
from .records import BlockKind, Label, Mention, Segmented
from .vocabulary import vocabulary
from .wholewords import whole_words as whole_words  # the pipeline's, beside the chunker
from .wordcache import initialise

#: How many clauses' tokens a chunker keeps (a white paper has about 20,000 clauses).
TAG_CACHE = 32768
#: Block kinds read as running text (tables and programme blocks have their own rules).
PROSE = frozenset({BlockKind.PARAGRAPH})

Token = w.Token  # (word in the original text, POS flag, start offset)
Span = w.Span  # (start, end) of the printed form, (start, end) of the name proper


def chunks(
    tokens: Sequence[Token],
    settings: ChunkSettings,
    is_word: Callable[[str], bool] = lambda _: False,
) -> list[Span]:
    """Spans of technology names in a tagged text: the printed form and the name proper;
    ``is_word``: the segmenter's dictionary (a modifier's word ending in a lone character).

    The name proper leaves out modifiers in front (高效能 …) and a generic word after (技術).

    A name is a run of tokens whose flags are in ``settings.flags``, ending at the last token
    of the run that ends in a head word, with leading ``not_first`` words dropped and cut to
    ``max_tokens``/``max_chars`` from the left.
    """
    out: list[Span] = []
    run: list[Token] = []
    before: Token = w.STOP
    padded = [*with_complements(tokens, settings), w.STOP]  # 開發|出: one verb
    for k, tok in enumerate(padded):
        word, flag, _ = tok
        if run and k + 1 < len(padded) and script_space(padded, k, k - len(run), settings.heads):
            run.append(tok)  # 生成式 AI 模型: a space around a Latin word parts no name
            continue
        # A head word is a name's whatever its tag (Chiplet|封裝(v)|模組), a work verb never is
        named = (flag in settings.flags or word in settings.heads) and word not in settings.verbs
        named = named and not w.joint_work(word, settings)  # 共同開發(l), 聯合開發(nt): verbs
        after = padded[k + 1] if k + 1 < len(padded) else tok
        inner = bool(run) and w.inner_verb(run[-1], tok, after, settings)  # 波束|合成|晶片
        # 拋棄|式, 圖|控|式: a verb glued to a bound attributive qualifies the name after it
        bound = w.glued_attributive(tok, after, settings)
        if (named or inner or bound or word in settings.modifiers) and not w.punct(word):
            if not run and k > 1 and w.verb_after_work(padded[k - 2], before, tok, settings):
                run, before = [before], padded[k - 2]  # 建立|虛擬(v)|工具機數位雙生平臺
            run.append(tok)
            continue
        # Low-|K絕緣材料: a name does not start inside a hyphenated Latin word
        ahead = w.hyphenated(padded, k - len(run)) if run and run[0][1] == "eng" else []
        if ahead:
            at = k - len(run) - len(ahead)
            run, before = [*ahead, *run], padded[at - 1] if at > 0 else w.STOP
        # Beyond| |5G|低軌通訊衛星: the name starts after the English phrase, if one is left
        rest = w.after_phrase(padded[max(0, k - len(run) - 2) : k - len(run)], run)
        span = _name_in(rest, settings, True, is_word) if rest is not run else None
        run = run if span is None else rest
        span = span or _name_in(run, settings, w.boundary(before, settings), is_word)
        if span is not None and w.verb_led(run, span, before, settings):
            span = None  # 整合|封裝(v)平臺, 共同|封裝(v)模組: the name's left edge is unsure
        if span is not None and w.piece(before, run, span, settings):
            span = w.prefixed(before, run, span, settings)
        if span is not None:
            prior = padded[k - len(run) - 2] if k - len(run) >= 2 else w.STOP
            out.append(split_modifier(prior, before, run, span, settings, is_word))  # 推|升高
        run, before = [], tok
    return out


def _name_in(
    run: list[Token],
    settings: ChunkSettings,
    clean: bool = False,
    is_word: Callable[[str], bool] = lambda _: False,
) -> Span | None:
    if (last := name_last(run, settings)) is None:
        return None
    tokens = run[: last + 1]
    # X技術 names X: 技術 stays in the printed form, not in the name.
    trailing = len(tokens) > 1 and tokens[-1][0] in settings.trailing
    cut = 0 if trailing else w.trailing(tokens[-1][0], settings)  # 半導體技術 as one word
    if (cleared := past_verbal_noun(tokens, settings, trailing)) is None:
        return None
    tokens = cleared[-settings.max_tokens :]
    inner = [k for k, t in enumerate(tokens) if k and t[1] == "a" and t[0] in settings.not_first]
    tokens = tokens[inner[-1] :] if inner else tokens  # 產業|新|引擎: 新 starts what it qualifies
    counted = False  # after a number, a one-character word counts it (三大|試產線)
    first = tokens[0] is run[0] and clean  # the run starts a word: its lone noun starts it
    while len(tokens) > trailing and w.not_first(tokens[0], settings):
        if first and w.noun_start(tokens, settings):
            break  # 矽|光|晶片 after 於: jieba's pieces of a word it does not know
        if w.prefix(tokens[0], settings) and len(tokens) > 1 + trailing and not counted:
            break  # 低|軌道衛星: a one-character prefix belongs to the name; 三|大 does not
        counted = tokens[0][1] == "m" or tokens[0][0].isdigit()
        first = first and len(tokens[0][0]) > 1  # after a cue word (研發|瓦…), not a piece
        tokens = tokens[1:]
    if counted and len(tokens) > 1 + trailing and tokens[0][0] in settings.count_units:
        tokens = tokens[1:]  # 20|位元|超導量子電腦: the number's unit, no word of the name
    while tokens and sum(len(t[0]) for t in tokens) > settings.max_chars:
        tokens = tokens[1:]
    core = tokens[: len(tokens) - trailing]
    if not core or counted_inside(core, settings.counting):
        return None  # 控制系統|三|大|核心元件: a count introduces a category, no name
    if len(core) > 1 and all(t[0] in settings.business for t in core[:-1]):
        return None  # 企業|營運|架構: a head qualified by business words names an organisation's
    name = "".join(t[0] for t in core)[: sum(len(t[0]) for t in core) - cut]
    if not settings.min_chars <= len(name) <= settings.max_chars or name in settings.generic:
        return None
    if len(core) == 1 and not (trailing or cut) and name in settings.lone_heads:
        return None
    start, end = tokens[0][2], tokens[-1][2] + len(tokens[-1][0])
    bare = w.without_modifiers(name, settings.modifiers)
    if not w.cut_between(core, len(name) - len(bare)):
        bare = name  # 高|解析度遙測衛星: 高解析 is no modifier there, jieba's word goes on
    piece = w.after_piece(core, name, bare, settings.prefixes)
    if piece != bare and is_word(name[len(name) - len(bare) - 1] + bare[0]):
        bare = piece  # 新型|態|人機互動裝置: 態 ends 型態 (not 低成本|氫|燃料電池系統: 本氫)
    if bare in settings.generic and not trailing:
        return None  # 新一代高效能|電子元件: a modifier of a generic word names nothing
    if len(bare) < settings.min_chars or bare in settings.generic:
        bare = name
    name_end = core[-1][2] + len(core[-1][0]) - cut
    return start, end, name_end - len(bare), name_end


class Chunker:
    """Finds technology names in the prose blocks of a document (a :class:`MentionSource`)."""

    def __init__(
        self, settings: ChunkSettings | None = None, work: DevelopsSettings | None = None
    ) -> None:
        self.settings = settings or load_settings()
        #: With the DEVELOPS cues, a name printed once is kept when a clause states it as work.
        self.work = work
        #: The last document's mentions: the whole-word check asks for them before the
        #: pipeline does (a known name inside a longer name that is kept yields to it).
        self._last: tuple[Segmented, list[Mention]] | None = None

    @cached_property
    def _title(self) -> re.Pattern[str]:
        """A quoted title of a programme, a plan or a policy (「…計畫」), as ``titles`` ends."""
        ends = "|".join(re.escape(t) for t in self.settings.titles)
        return re.compile(f"「[^「」]*(?:{ends})」")

    @cached_property
    def _markup(self) -> re.Pattern[str]:
        """HTML or LaTeX (the shared vocabulary's 'markup'): a table's cells or a formula."""
        return re.compile(vocabulary().markup)

    @cached_property
    def _caption(self) -> re.Pattern[str]:
        """A figure's or a table's caption (rules/develops.json 'titles': 圖2-1): a title."""
        return re.compile(rules("develops")["titles"])

    @cached_property
    def _reference(self) -> re.Pattern[str]:
        """A reference line (rules/extract.json 'reference_line': 資料來源:, 參考文獻:)."""
        return re.compile(rules("extract")["reference_line"])

    @cached_property
    def _objects(self) -> ObjectSettings:
        # The chunker's modifiers and generic words (檢測平臺, 共享平臺) are the objects' too.
        objects = load_object_settings()
        generic = objects.generic | self.settings.generic
        lead = objects.lead_words | self.settings.determiners  # 整合|不同|資訊系統
        return replace(objects, modifiers=frozenset(self.settings.modifiers), generic=generic,
                       lead_words=lead, business=self.settings.business,
                       prefixes=frozenset(self.settings.prefixes), units=self.settings.units,
                       unit_prefixes=self.settings.marks.prefixes,
                       counting=self.settings.counting)  # fmt: skip

    @cached_property
    def _tagger(self) -> Any:
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        # A tagger of its own: its dictionary gains the head words and Taiwan's words (jieba's
        # is the mainland's: 感|測, 靶|材, 奈|米 are 感測, 靶材, 奈米), which jieba's shared one
        # must not.
        tokenizer = jieba.Tokenizer()
        initialise(tokenizer)  # jieba's dictionary, from graphkit's cache
        s = self.settings
        words = [(n, "n") for n in sorted({*s.heads, *s.tails, *s.nouns})]
        for word, tag in [*words, *((v, "v") for v in sorted(s.verbs_unknown))]:
            simple = self._t2s.convert(word)
            if len(simple) == len(word) and not tokenizer.FREQ.get(simple):
                tokenizer.add_word(simple, tag=tag)
        # not POSTokenizer(tokenizer), which reads jieba's tag table again (0.15 s): its two
        # attributes, the table importing jieba.posseg read copied (this tagger's words join it)
        tagger = object.__new__(jieba.posseg.POSTokenizer)
        tagger.tokenizer = tokenizer
        tagger.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)
        # A word of Taiwan's 'nouns' the mainland's dictionary knows as a word of no name (即時,
        # a conjunction there: the mainland says 实时) is a noun, as the word is here.
        for word in s.nouns:
            simple = self._t2s.convert(word)
            if tagger.word_tag_tab.get(simple, "n") not in s.flags:
                tagger.word_tag_tab[simple] = "n"
        return tagger

    @cached_property
    def _technology_forms(self) -> frozenset[str]:
        """Every name of the lexicon's technologies of two characters or more, normalised."""
        return frozenset(
            normalise(f)
            for t in all_lexicon_terms()
            if t.label is Label.TECHNOLOGY
            for f in t.surface_forms
            if len(f) >= 2
        )

    @cached_property
    def _known(self) -> tuple[str, ...]:
        """The Chinese names of the lexicon's technologies (機器人, 物聯網 …)."""
        return tuple(sorted(f for f in self._technology_forms if not f.isascii()))

    @cached_property
    def _labelled(self) -> dict[str, bool]:
        """Every lexicon name (lower case), and whether it names a technology."""
        out: dict[str, bool] = {}
        for t in all_lexicon_terms():
            for f in t.surface_forms:
                key = normalise(f).lower()
                out[key] = out.get(key, False) or t.label is Label.TECHNOLOGY
        return out

    @cached_property
    def _stands(self) -> Stands:
        """Whether a slash's sides name things of their own (:func:`.chunkslash.stands`)."""
        return partial(stands, self._known, self._labelled, self.settings)

    def kind_of_known(self, name: str) -> bool:
        """Whether ``name`` is a kind of a technology the lexicon knows: its longest known
        name after one noun word (人形|機器人, 智慧|物聯網, 化合物|功率半導體), not after a cue
        word, a verb, a lone character nor a quantity (10kW|儲能系統: how much of one)."""
        known = self._known_set
        rest = next((name[:i] for i in range(1, len(name)) if name[i:] in known), None)
        if rest is None:
            return False
        tokens = self.tag(rest)
        if len(tokens) != 1:
            return False
        word, flag, _ = tokens[0]
        s = self.settings
        cue = any(c in word for c in (*s.verbs, *s.technique_stops))
        return flag in w.KIND_NOUNS and len(word) > 1 and not w.not_first(tokens[0], s) and not cue

    @cached_property
    def _latin_known(self) -> tuple[str, ...]:
        """The Latin names of one word of the lexicon's technologies (AI, 5G, IoT …)."""
        return tuple(sorted(f for f in self._technology_forms if f.isascii() and " " not in f))

    @cached_property
    def _known_set(self) -> frozenset[str]:
        return frozenset(self._known)

    @cached_property
    def _sectors(self) -> tuple[str, ...]:
        """Words after a technology that make it a sector (rules/recognise.json)."""
        return tuple(rules("recognise")["sector_words"])

    @cached_property
    def _t2s(self) -> Any:
        import opencc

        return opencc.OpenCC("t2s")

    def is_word(self, text: str) -> bool:
        """Whether ``text`` is a word of the segmenter's dictionary."""
        tokenizer = self._tagger.tokenizer
        tokenizer.check_initialized()
        return bool(tokenizer.FREQ.get(self._t2s.convert(text)))

    def tag(self, text: str) -> list[Token]:
        """(word, flag, start) of every token of ``text``, words taken from ``text`` itself.

        The chunker, the whole-word check, the list and the organisation rules segment the
        same clauses: the last :data:`TAG_CACHE` texts' tokens are kept (per chunker).
        """
        return list(self._tag_cached(text))

    @cached_property
    def _tag_cached(self) -> Callable[[str], tuple[Token, ...]]:
        return lru_cache(maxsize=TAG_CACHE)(lambda text: tuple(self._tag(text)))

    def _tag(self, text: str) -> list[Token]:
        simple: str = self._t2s.convert(text)
        if len(simple) != len(text):  # a phrase conversion changed the length: tag as is
            simple = text
        out: list[Token] = []
        at = 0
        for pair in self._tagger.cut(simple, HMM=False):
            word, flag = pair.word, pair.flag
            out.append((text[at : at + len(word)], flag, at))
            at += len(word)
        return self._resplit(out)

    def _resplit(self, tokens: list[Token]) -> list[Token]:
        """``tokens`` with a word of three characters or more whose last character and the lone
        character after it make one of the chunker's own words (a head or a noun) split there,
        where what it leaves is a word too: 通訊網|路 is 通訊|網路, 運動感|測 運動|感測, 合金粉|體
        合金|粉體 (jieba's dictionary knows the longer word, not Taiwan's)."""
        own = self._own_words
        out: list[Token] = []
        k = 0
        while k < len(tokens):
            word, flag, at = tokens[k]
            nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
            joined = len(word) >= 3 and len(nxt) == 1 and word[-1] + nxt in own
            if joined and self.is_word(rest := word[:-1]):
                tag = self._tagger.word_tag_tab.get(self._t2s.convert(rest), flag)
                out += [(rest, tag, at), (word[-1] + nxt, "n", at + len(rest))]
                k += 2
                continue
            out.append((word, flag, at))
            k += 1
        return out

    @cached_property
    def _own_words(self) -> frozenset[str]:
        """The chunker's own nouns and head words (its segmenter's additions), not its generic
        words (通訊網|路 stays: 網路 alone names nothing, and 通訊網 is a device's word)."""
        s = self.settings
        return frozenset({*s.heads, *s.tails, *s.nouns} - s.generic)

    @cached_property
    def _has_head(self) -> re.Pattern[str]:
        s = self.settings
        every = {*s.heads, *s.tails, *s.trailing, *s.devices.suffixes, *s.smart.prefixes}
        words = sorted(every, key=len, reverse=True)
        return re.compile("|".join(re.escape(w) for w in words))

    def tag_clauses(self, text: str) -> list[Token]:
        """:meth:`tag`, only for the clauses that hold a head word (the slow part is the
        segmenter; names never cross a clause's punctuation), offsets in ``text``."""
        out: list[Token] = []
        for m in w.CLAUSE.finditer(text):
            if self._has_head.search(m.group()):
                out.extend((w, f, s + m.start()) for w, f, s in self.tag(m.group()))
                out.append(w.STOP)  # a boundary between clauses
        return out

    def spans(self, tokens: Sequence[Token]) -> list[Span]:
        """Names by their head (:func:`chunks`), then techniques (X技術) no head found."""
        return self._spans(tokens)[0]

    def _spans(self, tokens: Sequence[Token]) -> tuple[list[Span], set[Span]]:
        """The names, and those their shape states (techniques printed as X技術, names of two
        actions sharing a head): kept though printed once."""
        # 多核與|眾核運算晶片: both conjuncts
        both = partial(shape.coordinated, coordinators=self.settings.coordinators)
        found = [both(tokens, f) for f in chunks(tokens, self.settings, self.is_word)]
        named = [
            both(tokens, t) for t in techniques(tokens, self.settings) if not self._bound(tokens, t)
        ]
        # X技術 whose X starts with a name by its head and goes on after it (智慧化AI雷射|加工
        # 技術): the technique's edges are the text's, the name is a part of it.
        inside = {f for f in found for t in named if t[0] == f[0] and f[1] < t[3]}
        found = [f for f in found if f not in inside]
        joined = shared_heads(tokens, self.settings)  # 脂質合成與傳輸|系統: one head, two actions
        found = joined + [f for f in found if not any(w.overlap(f, j) for j in joined)]
        extra = [t for t in named if not any(w.overlap(t, f) for f in found)]
        found += extra  # 智慧|工廠: a smart kind of a thing, where no other name is
        found += [
            m for m in shape.smart(tokens, self.settings) if not any(w.overlap(m, f) for f in found)
        ]
        return sorted(found), {*named, *joined}  # the shape of both states a name

    def _latin_listed(self, text: str, block: int, out: list[tuple[int, int]]) -> list[Mention]:
        """The Latin names of a list of technologies in ``text`` (:func:`latin_items`), not in
        markup nor in a quoted title (``out``)."""
        s = self.settings
        items = latin_items(text, s.joiners, self._labelled, s.units, s.latin_not, s.marks)
        return [
            Mention(Label.TECHNOLOGY, text[a:z], block, a, z, source="chunk")
            for a, z in items
            if not any(p <= a and z <= q for p, q in out)
        ]

    def _bound(self, tokens: Sequence[Token], span: Span) -> bool:
        """Whether the name at ``span`` ends in a bound attributive (智慧|型, 產生領導|型: of
        ``attributives``) that needs its head, not in a word of the segmenter's (模型, 程式)."""
        chars = {at + i: ch for word, _, at in tokens if at >= 0 for i, ch in enumerate(word)}
        name = "".join(chars.get(i, "") for i in range(span[2], span[3]))
        ends = name.endswith(self.settings.attributives)
        return ends and len(name) > 2 and not self.is_word(name[-2:])

    def recognise(self, seg: Segmented) -> list[Mention]:
        """Technology mentions in the prose blocks of ``seg`` (the last document's, kept)."""
        if self._last is None or self._last[0] is not seg:
            found = shape.modified_known(seg, self._known, self.settings.modifiers, self.tag)
            # a Latin technology glued before a known one names a kind of it (AI|影像辨識)
            found += shape.modified_known(
                seg, self._known, self._latin_known, self.tag, False, self.settings.framing
            )
            modified = [  # not in a reference line, a table's HTML or a formula
                m
                for m in found
                if not self._reference.match(text := seg.blocks[m.block].text)
                and not w.in_marked(w.marked(text, self._markup), m.start, m.end)
            ]
            self._last = seg, self._recognise(seg) + modified  # 高速|量子運算
        return list(self._last[1])

    def _recognise(self, seg: Segmented) -> list[Mention]:
        mentions: list[Mention] = []
        stated: set[str] = set()
        s = self.settings
        # A news item rarely prints a name twice: its names' shape is asked, not their edges.
        edges = shape.news_shape if len(seg.text) <= s.short else shape.clean_edges
        for i, b in enumerate(seg.blocks):
            if b.kind not in PROSE or self._reference.match(b.text):
                continue  # a reference line (4 資料來源:…) cites a title, it names nothing
            first = len(mentions)  # this block's mentions are mentions[first:]
            marks = w.marked(b.text, self._markup)  # a table's HTML, a formula: no prose
            tokens = self.tag_clauses(b.text)
            found, named = self._spans(tokens)
            marked = shape.marked(b.text, found, s, self.tag, marks, s.lists)  # not in markup
            named, found = named | (set(marked) - set(found)), marked  # quotes, lists: stated
            # 高導熱/|低介電損耗樹脂材料, CU/DU/|RU網元系統: the name holds the words joined
            found = [slashed(tokens, f, s, self._stands) for f in found]
            titles = [q.span() for q in self._title.finditer(b.text)]
            # One printing with clean word edges is a name in a sentence, not in a caption or
            # a heading (■ 地面設備模組導入標準介面)
            caption = self._caption.match(b.text) is not None or not w.sentence(b.text)
            for start, end, name_start, name_end in found:
                if any(a <= start and end <= z for a, z in titles):
                    continue  # 「化合物半導體元件系統整合應用與場域驗證計畫」: a title, no name
                # 高效能X技術 is printed 高效能X: the name without its modifier is X.
                shown = name_end if name_start > start else end
                name, printed = b.text[name_start:name_end], b.text[start:shown]
                key = name if name != printed else None
                mentions.append(Mention(Label.TECHNOLOGY, printed, i, start, shown, key=key,
                                        source="chunk"))  # fmt: skip
                if (
                    (start, end, name_start, name_end) in named
                    or (self.work is not None and own_work(b.text, start, end, self.work))
                    or (not caption and edges(tokens, start, shown, s))
                ):
                    stated.add(key or printed)
            mentions += (listed := self._latin_listed(b.text, i, [*marks, *titles]))
            stated |= {m.text for m in listed}  # CMOS in CMOS與GaN製程廠: a list's type
            if self.work is not None:
                objs = work_objects(b.text, i, self.tag, self.work, self._objects, s.heads, s.tails)
                # A head word alone (控制器) yields to an item of the work holding it.
                alone = s.named_alone
                taken = [(m.start, m.end) for m in mentions[first:] if m.text not in alone]
                for m in objs:
                    if (at := slash_start(tokens, m.start, s, self._stands)) < m.start:
                        m = replace(m, text=b.text[at : m.end], start=at)  # CU/DU/|RU網元系統
                    if not any(a < m.end and m.start < z for a, z in taken):
                        mentions[first:] = [n for n in mentions[first:] if not w.inside(n, m)]
                        mentions.append(m)
                        stated.add(m.text)
        # A name printed once is as likely a fragment as a name: keep names seen twice, or
        # stated as work (本計畫開發X): a clause's object is a name, or called a technique.
        return kept(mentions, seg.blocks, stated, s, self.kind_of_known, self._sectors, self.tag)


def names(text: str, chunker: Chunker) -> Iterable[str]:
    """The technology names the chunker finds in ``text`` (for tests and debugging)."""
    return [text[s:e] for s, e, _, _ in chunker.spans(chunker.tag(text))]
