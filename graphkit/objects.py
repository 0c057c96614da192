"""What a text works on: the objects of work verbs, read as technology names.

In a clause with a work verb (開發, 聚焦 …, ``schema/rules/develops.json``) or one of the
verbs that introduce what is used or covered (結合, 透過, 包含 …, ``verbs``), the noun phrases
after the first such verb are technologies: 科技專案聚焦於AI編譯、平行運算軟體及模型輕量化等
關鍵技術 names three. Whether one is the programme's own work is DEVELOPS' question
(:func:`graphkit.develops.own_work`, applied by the extractor); captions and markup name none.
The object is split at the enumeration's joiners (、 與 及 …, at word starts by the jieba
segmenter), cut at 等 and before a generic word after it (技術, 的研發 …); each item is named
from after its last particle (創新且高效能之|感測器運算) and after the verbs and cue words in
front. An item that ends in an abstract word (效益, 能力, 可靠性 …) is a property or a goal,
not a technology. The settings are data (``schema/rules/objects.json``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Any

from .chunklatin import quantity
from .chunksettings import NO_COUNTING, Counting, load_counting
from .chunktech import counted_inside
from .chunkwords import PREFIXES, Token, in_marked, marked, without_modifiers
from .develops import DevelopsSettings
from .knowledge import rules
from .records import Label, Mention
from .rulefile import RulesFile

#: Name of the settings file under ``schema/rules``.
RULES = "objects"


@dataclass(frozen=True, slots=True)
class ObjectSettings:
    """What ``schema/rules/objects.json`` holds, checked (each field explained in its ``_doc``)."""

    joiners: frozenset[str]
    list_end: str
    particles: frozenset[str]
    lead_flags: frozenset[str]
    tail_flags: frozenset[str]
    lead_words: frozenset[str]
    trailing: frozenset[str]
    abstract: tuple[str, ...]
    generic: frozenset[str]
    min_chars: int
    max_chars: int
    max_items: int
    declares: re.Pattern[str]
    heads: tuple[str, ...]
    verbs: tuple[str, ...]
    not_inside: tuple[str, ...]
    #: Modifiers that say nothing of what a thing is (高科技, 創新): before a generic word alone
    #: (高科技|材料, 創新|製程) no name.
    vague: frozenset[str] = frozenset()
    #: jieba flags an item's last word may not have (an adjective: 耐用, a quality).
    last_not: frozenset[str] = frozenset()
    #: The chunker's modifiers (rules/chunk.json): one jieba split starts the name (中|大型).
    modifiers: frozenset[str] = frozenset()
    #: The chunker's business words (rules/chunk.json): alone before a head, no technology.
    business: frozenset[str] = frozenset()
    #: The chunker's one-character prefixes (rules/chunk.json: 半, 次 …): they start a name.
    prefixes: frozenset[str] = frozenset()
    #: The chunker's units and their SI prefixes (rules/chunk.json): a number and its unit in
    #: front (10MW|儲能系統) says how much of a thing, no kind of it.
    units: frozenset[str] = frozenset()
    unit_prefixes: frozenset[str] = frozenset()
    #: Verbs that take a subject and an object (替代, 帶動): inside an item, it is a clause.
    clause_verbs: frozenset[str] = frozenset()
    #: Characters that start a property (抗干擾, 耐高溫): no name without a head after it.
    property_starts: tuple[str, ...] = ()
    #: The head words of bodies (中心, 機構): a list most of whose items end in one names bodies.
    body_ends: tuple[str, ...] = ()
    #: Marks that join alternatives inside one name as often as they part items (高導熱／低介電
    #: 損耗): rules/vocabulary.json 'slashes'.
    slashes: frozenset[str] = frozenset()
    #: Flags of a lone character jieba leaves of a word it did not know (太 of 次太赫茲: an
    #: adverb).
    piece_flags: frozenset[str] = frozenset()
    #: The chunker's counting (rules/chunk.json): a count inside an item introduces a category.
    counting: Counting = NO_COUNTING


def load_settings(data: Mapping[str, Any] | None = None) -> ObjectSettings:
    """The object rule's settings: ``schema/rules/objects.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type (the message names the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    words, count = rf.words, partial(rf.integer, minimum=1)
    return ObjectSettings(
        frozenset(words("joiners", non_empty=True)),
        rf.text("list_end", non_empty=True),
        frozenset(words("particles", non_empty=True)),
        frozenset(words("lead_flags")),
        frozenset(words("tail_flags")),
        frozenset(words("lead_words")),
        frozenset(words("trailing")),
        tuple(words("abstract")),
        frozenset(words("generic")),
        count("min_chars"),
        count("max_chars"),
        count("max_items"),
        rf.pattern("declares"),
        words("heads"),
        words("verbs"),
        words("not_inside"),
        frozenset(words("vague")),
        frozenset(words("last_not")),
        clause_verbs=frozenset(words("clause_verbs")),
        property_starts=words("property_starts"),
        body_ends=words("body_ends"),
        slashes=frozenset(words("slashes", non_empty=True)),
        piece_flags=frozenset(words("piece_flags", non_empty=True)),
        counting=load_counting(RulesFile.packaged("chunk")),
    )


Item = tuple[int, int, int]  # (start of the printed item, start of the name, end of the name)


#: A bracket holding Latin text only: the English name of the item before it (Bird's Eye View).
_GLOSS = re.compile(r"[(（][\x20-\x27\x2a-\x7e]+[)）]")


def _without_glosses(clause: str, tokens: list[Token]) -> list[Token]:
    """``tokens`` with a Latin gloss in brackets, which names its item in English
    (視覺轉換(Bird's Eye View)), as one mark that ends the item: its words are no items."""
    spans = [g.span() for g in _GLOSS.finditer(clause)]
    out = [t for t in tokens if not any(a <= t[2] < b for a, b in spans)]
    return sorted([*out, *((clause[a], "x", a) for a, _ in spans)], key=lambda t: t[2])


def objects(
    clause: str,
    tokens: Sequence[Token],
    start: int,
    s: ObjectSettings,
    heads: tuple[str, ...],
    tails: tuple[str, ...] = (),
) -> list[Item]:
    """The items named in ``clause`` from ``start`` (just after the work verb) on.

    ``tokens`` are the clause's jieba tokens, offsets in ``clause``. An item is a technology
    when the list says so (…等關鍵技術), when it is printed as X技術, or when its name ends in
    one of ``heads`` (晶片, 模組 …), or in one of ``tails`` (系統, 設備 …) right after a head.

    >>> from graphkit.chunk import Chunker
    >>> c = "科技專案聚焦於AI編譯、平行運算軟體及模型輕量化等關鍵技術"
    >>> [c[n:e] for _, n, e in objects(c, Chunker().tag(c), 6, load_settings(), ())]
    ['AI編譯', '平行運算軟體', '模型輕量化']
    """
    rest = _without_glosses(clause, [t for t in tokens if t[2] >= start])
    end = next((t[2] for t in rest if t[0] == s.list_end), None)
    declared = False
    if end is not None:
        declared = bool(s.declares.match(clause, end + len(s.list_end)))
        rest = [t for t in rest if t[2] < end]
    items: list[list[Token]] = [[]]
    slashed: set[int] = set()  # items a slash ends (高導熱/|低介電損耗樹脂材料)
    for k, t in enumerate(rest):
        if _hyphen(rest, k):
            items[-1].append(t)  # 5G-Advanced, Ka band: one name
        elif t[0] in s.joiners or not any(ch.isalnum() for ch in t[0]):
            slashed |= {len(items) - 1} if t[0] in s.slashes else set()
            items.append([])  # a joiner, a space or a mark (試產 革新…) ends an item
        else:
            items[-1].append(t)
    if len(items) > s.max_items:
        return []
    items = _qualifiers_out(items, slashed, (*heads, *s.heads))
    items = [item for item in items if item]
    # A與B的C: A and B qualify C (開發低延遲與高頻寬的Chiplet…): they name nothing themselves.
    while len(items) > 1 and any(t[0] in s.particles for t in items[1][:3]):
        items = items[1:]
    if _bodies(clause, items, s):
        return []  # 育成中心、加速器、企業創投與法人機構: kinds of bodies, an accelerator is one
    out = [_name(item, s) for item in items]
    heads = (*heads, *s.heads)
    return [
        (p, n, e)
        for p, n, e in (i for i in out if i is not None)
        if _plausible(clause[n:e], s)
        and not _runs_on(words := [t for t in rest if n <= t[2] < e], s)
        and not _clause_verb(words, s, heads)
        and not _property(clause[n:e], s, heads, tails)
        and not (len(words) > 1 and all(t[0] in s.business for t in words[:-1]))  # 營運|架構
        and words[-1][1] not in s.last_not  # 菌絲皮革|耐用(a)及異味驗證: a quality, no thing
        and (declared or _headed(clause[n:e], heads, tails, s) or s.declares.match(clause, e))
    ]


def _bodies(clause: str, items: list[list[Token]], s: ObjectSettings) -> bool:
    """Whether two items or more, and half at least, end in one of ``body_ends`` (中心,
    機構, 創投 …): the list names kinds of bodies, and its other items are bodies too."""
    ends = [item[-1][2] + len(item[-1][0]) for item in items]
    bodies = sum(clause[:e].endswith(s.body_ends) for e in ends)
    return bool(s.body_ends) and bodies >= 2 and 2 * bodies >= len(items)


def _qualifiers_out(
    items: list[list[Token]], slashed: set[int], heads: tuple[str, ...]
) -> list[list[Token]]:
    """``items`` without those a slash ends that hold no head word before an item holding one
    (高導熱/低介電損耗樹脂材料: a quality of the material, no item of its own)."""

    def headless(item: list[Token]) -> bool:
        return not any(t[0].endswith(heads) for t in item)

    return [
        item
        for i, item in enumerate(items)
        if not (
            i in slashed and i + 1 < len(items) and headless(item) and not headless(items[i + 1])
        )
    ]


def _runs_on(tokens: Sequence[Token], s: ObjectSettings) -> bool:
    """Whether a verb inside the item, after its first word, takes an object of its own: a
    function word or a pronoun follows it (代理式AI|嵌入|各類(r)系統): the item is a clause,
    and its verb ends any name. Technical words jieba tags verbs go on to nouns (波束|追蹤|
    控制晶片, 短影音|生成|平台): they stay the name's."""
    return any(
        t[1] == "v" and len(t[0]) > 1 and nxt[1] in s.tail_flags for t, nxt in pairwise(tokens[1:])
    )


def _property(name: str, s: ObjectSettings, heads: tuple[str, ...], tails: tuple[str, ...]) -> bool:
    """Whether ``name`` is a property: one of ``property_starts`` (抗, 耐, 防: resisting,
    withstanding) and what it resists, with no head word after it (抗干擾, 耐高溫 of
    抗干擾技術: what a thing withstands; 抗干擾材料, 耐高溫塗層 are things)."""
    return name.startswith(s.property_starts) and not _headed(name, heads, tails, s)


def _clause_verb(tokens: Sequence[Token], s: ObjectSettings, heads: tuple[str, ...]) -> bool:
    """Whether one of ``clause_verbs`` (替代, 帶動 …) stands between two words of the item:
    the item is a clause, the verb's subject and object (無磷環保皮膜配方|替代|磷酸鹽), unless
    the verb qualifies a head word ending the item right after it (塑膠|替代|材料)."""
    last = len(tokens) - 1
    return any(
        t[0] in s.clause_verbs and not (k == last - 1 and tokens[last][0].endswith(heads))
        for k, t in enumerate(tokens[1:last], 1)
    )


def _hyphen(tokens: Sequence[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is a hyphen glued between two Latin words (5G-Advanced), or a
    space between two Latin words of letters (Ka band相控陣列收發模組: an English phrase)."""
    if tokens[k][0] not in ("-", " ") or k == 0 or k + 1 >= len(tokens):
        return False
    left, right = tokens[k - 1], tokens[k + 1]
    glued = left[2] + len(left[0]) == tokens[k][2] and tokens[k][2] + 1 == right[2]
    latin = left[0].isascii() and right[0].isascii() and right[0].isalnum()
    if tokens[k][0] == " ":
        latin = latin and left[0].isalpha() and right[0].isalpha()
    return glued and latin


def _headed(name: str, heads: tuple[str, ...], tails: tuple[str, ...], s: ObjectSettings) -> bool:
    """Whether ``name`` ends in a head word, or in a weak one right after a head word or
    after four characters or more that are not all modifiers (電源系統, 短影音生成平臺; not
    量產設備, 新型|高科技|設備)."""
    if name.endswith(heads):
        return True
    tail = next((t for t in tails if name.endswith(t)), None)
    if tail is None:
        return False
    bare = without_modifiers(name[: -len(tail)], s.modifiers)
    # An object of four characters or more before a weak head (短影音生成平臺) is named too,
    # unless they are all modifiers (新型|高科技|設備).
    return bare.endswith(heads) or (bare != "" and len(name) - len(tail) >= 4)


def _name(item: list[Token], s: ObjectSettings) -> Item | None:
    """The name in one item: after its last particle and the words in front, before the
    generic words after it."""
    printed = item[0][2]

    # After the last particle, conjunction or cue verb (高效能之|感測器運算, 導入|工具機).
    # A cue word that is no verb (核心, 關鍵) cuts only at the item's start: inside, after a
    # word of the name, it is the name's (晶片加速|核心|電路設計).
    def cuts(k: int, t: Token) -> bool:
        lead = t[0] in s.lead_words and (k == 0 or t[1] in s.lead_flags)
        return t[0] in s.particles or lead or t[1] == "c"

    cut = max((k for k, t in enumerate(item) if cuts(k, t)), default=-1)
    while item and (item[-1][0] in s.trailing or item[-1][1] in s.tail_flags):
        item = item[:-1]
    # 次世代|感知: too little is left without a modifier in front, which is then the name's.
    whole = item[cut:] if 0 <= cut < len(item) and item[cut][0] in s.modifiers else []
    item = item[cut + 1 :]
    counted = False  # after a number, a one-character word counts it (三大|試產線)
    piece = False  # what is left after a lone adverb or verb is the rest of a word (次太|赫茲)
    clause = False
    while (
        item
        and not _modifier_starts(item, s)
        and not (item[0][0] in s.prefixes and len(item) > 1 and item[1][2] == item[0][2] + 1)
        and (
            item[0][1] in s.lead_flags
            or item[0][0] in s.lead_words
            or quantity(item[0][0], s.units, s.unit_prefixes)
            or (counted and len(item[0][0]) == 1 and len(item) > 1)
            or _count(item)
        )
    ):
        piece = not counted and _lone(item[0]) and item[0][1] in s.piece_flags
        # A verb of the item's own (符合|國際標準雲端系統) makes it a clause: what follows is
        # the verb's object, or the verb and its object qualify the head; no name, unsure.
        clause = clause or (item[0][1] == "v" and item[0][0] not in s.lead_words and len(item) > 1)
        counted = item[0][1] == "m" or item[0][0].isdigit()
        item = item[1:]
    if whole and sum(len(t[0]) for t in item) < s.min_chars:
        item = whole
    clause = clause or counted_inside(item, s.counting)  # 控制系統|三|大|核心元件: a category
    if not item or clause or (item[0][2] > printed and (_lone(item[0]) or piece)):
        return None  # 感|測晶片, 次太|赫茲天線: the rest of a word jieba split
    return printed, item[0][2], item[-1][2] + len(item[-1][0])


def _count(item: list[Token]) -> bool:
    """Whether the item opens with a number in digits and a measure word after it (266|個|
    模型, 30|臺|電動巴士): how many of a thing, no part of its name (jieba tags digits as
    Latin, not as a number; 5G, 3D are no such number)."""
    return len(item) > 2 and item[0][0].isdigit() and item[1][1] == "q"


def _modifier_starts(item: list[Token], s: ObjectSettings) -> bool:
    """Whether the item's first tokens, glued, spell one of the chunker's modifiers that
    jieba split (中|大型基站系統): the modifier belongs to the name."""
    text, end = "", item[0][2]
    for word, _, at in item[:3]:
        if at != end:
            return False
        text, end = text + word, at + len(word)
        if len(text) > len(word) and text in s.modifiers:
            return True
    return False


def _lone(token: Token) -> bool:
    return len(token[0]) == 1 and not token[0].isascii() and token[1] not in PREFIXES


def _plausible(name: str, s: ObjectSettings) -> bool:
    if not s.min_chars <= len(name) <= s.max_chars or name in s.generic:
        return False
    vague = next((m for m in s.vague if name.startswith(m)), "")
    if vague and name[len(vague) :] in s.generic:
        return False  # 高科技|材料, 創新|製程: a vague modifier of a generic word names nothing
    if not re.search(r"[A-Za-z\u4e00-\u9fff]", name) or re.search(r"[()（）「」]", name):
        return False
    # 標竿業者加入該平臺, 模型共享平臺使各方…: a clause, not a name
    return not name.endswith(s.abstract) and not any(w in name for w in s.not_inside)


#: A quoted name: 「X」, and a dash inside that heads it with a field (「光傳輸——X技術」).
_QUOTE = re.compile(r"「([^「」]{2,40})」")
_DASH = re.compile(r"[—－]+")


def quoted_objects(
    text: str,
    block: int,
    work: DevelopsSettings,
    s: ObjectSettings,
    heads: tuple[str, ...],
    strong: tuple[str, ...] = (),
) -> list[Mention]:
    """Technology mentions for quoted names: a quote printed as X技術 names technique X
    (「自適應人工智慧生產決策技術」, 「智慧感知」技術), and one right after a work verb
    that ends in one of ``heads`` (the chunker's heads and weak heads) names X too
    (建構「產業情報AI服務平臺」), and so does one anywhere that ends in one of ``strong``
    (the chunker's heads, not its weak ones: 成果「…雙手協作機器人」).
    The quotes are the name's edges, whatever words the name holds (生產, 數位 …); a quote
    right after the programme (科技專案「X技術」) is the programme's own name."""
    out: list[Mention] = []
    if "「" not in text or work.markup.search(text) or work.titles.search(text):
        return out
    verbs = "|".join(re.escape(v) for v in sorted(work.work_verbs, key=len, reverse=True))
    run = re.compile(f"(?:{verbs})((?:「[^「」]{{2,40}}」(?:以及|[、與及和])?)+)")
    worked = [m.span(1) for m in run.finditer(text)]
    for q in _QUOTE.finditer(text):
        start = q.start(1) + max((d.end() for d in _DASH.finditer(q.group(1))), default=0)
        said = re.search(f"(?:{s.declares.pattern})$", text[start : q.end(1)])
        named, end = said is not None, said.start() + start if said else q.end(1)
        named = named or s.declares.match(text, q.end()) is not None  # 「智慧感知」技術
        # X與驗證技術: the techniques of X and of its verification; X is the name.
        end -= next((len(j + v) for j in s.joiners for v in work.work_verbs
                     if text.endswith(j + v, start, end)), 0)  # fmt: skip
        # 「…智慧製造暨關鍵技術」: the name ends before the joiner of the techniques after it.
        end -= next((len(j) for j in s.joiners if text.endswith(j, start, end)), 0)
        name = text[start:end]
        if text.endswith(work.own, 0, q.start()):
            continue  # 科技專案「X技術」: a programme's name (recognise.json), not a technique
        after_verb = any(a <= q.start() < b for a, b in worked)
        headed = (after_verb or name.endswith(strong)) and name.endswith((*heads, *s.heads))
        if (named or headed) and "、" not in name and _plausible(name, s):
            out.append(Mention(Label.TECHNOLOGY, name, block, start, end, source="chunk"))
    return out


def work_objects(
    text: str,
    block: int,
    tag: Any,
    work: DevelopsSettings,
    s: ObjectSettings,
    heads: tuple[str, ...],
    tails: tuple[str, ...] = (),
) -> list[Mention]:
    """Technology mentions for the objects of the verbs of one prose block ``text``.

    ``tag`` segments a clause (:meth:`graphkit.chunk.Chunker.tag`).
    """
    out: list[Mention] = []
    breaks = "".join(re.escape(c) for c in work.clause_breaks)
    verbs = frozenset((*work.work_verbs, *s.verbs))
    has_verb = re.compile("|".join(re.escape(v) for v in sorted(verbs)))
    marks = marked(text, work.markup)  # a formula's or a table's sentences name nothing
    for m in re.finditer(f"[^{breaks}]+", text):
        clause = m.group()
        if not has_verb.search(clause):
            continue
        tokens = tag(clause)
        # The first verb that is a word of its own (開發, not 研發 inside 技術研發中心).
        at = next((t[2] + len(t[0]) for t in tokens if t[0] in verbs), len(clause))
        if at >= len(clause):
            continue
        for _, start, end in objects(clause, tokens, at, s, heads, tails):
            base = m.start()
            if in_marked(marks, base + start, base + end) or work.titles.search(text):
                continue
            name = clause[start:end]
            out.append(Mention(Label.TECHNOLOGY, name, block, base + start, base + end,
                               source="chunk"))  # fmt: skip
    quoted = quoted_objects(text, block, work, s, (*heads, *tails), heads)
    # A quote's edges are the name's: an object overlapping a quoted name is that name.
    out = [m for m in out if not any(q.start < m.end and m.start < q.end for q in quoted)]
    return [*out, *quoted]
