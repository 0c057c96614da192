"""Word-level tests of the term chunker (:mod:`graphkit.chunk`): what one jieba token is.

A token is ``(word, jieba flag, start)``. These predicates read a token, or the start of a run,
against the chunker's settings (``schema/rules/chunk.json``): a lone character jieba left of a
word it did not know, a function word, a cue word no name starts with, a generic word after a
name (技術).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import dropwhile
from typing import TYPE_CHECKING

from .chunklatin import quantity

if TYPE_CHECKING:
    from .chunk import ChunkSettings
    from .records import Block, Mention

Token = tuple[str, str, int]  # (word in the original text, POS flag, start offset)
#: A name found: (start, end) of the printed form, (start, end) of the name proper.
Span = tuple[int, int, int, int]

#: The clause boundary a run of tokens is padded with (no word, no offset).
STOP: Token = ("。", "x", -1)
#: A clause: text between punctuation marks (names never cross one).
CLAUSE = re.compile(r"[^，。；：、！？,;:!?\n]+")


def lone_char(word: str) -> bool:
    """Whether ``word`` is one CJK character that is no mark (矽, 軟; not 、 or a Latin letter)."""
    return len(word) == 1 and not word.isascii() and word.isalnum()


def lone(token: Token, settings: ChunkSettings) -> bool:
    """A one-character CJK word that is no function word (司 after 技術, 太 before 赫茲)."""
    return lone_char(token[0]) and token[1] not in settings.technique_breaks


def cue_word(word: str, settings: ChunkSettings) -> bool:
    """A word of the clause, never a name's: a work verb (``verbs``), a cue no name starts with
    (``not_first``) or a word that stops a technique's name (``technique_stops``)."""
    return word in settings.verbs or word in settings.not_first or word in settings.technique_stops


def verb_after_work(work: Token, verb: Token, first: Token, settings: ChunkSettings) -> bool:
    """Whether ``verb`` between a verb of making and a name's first word qualifies the name (建立|
    虛擬|工具機數位雙生平臺): a verb of two characters right after one of ``making_verbs`` is its
    object's, no verb of the clause (not after 成為, 完成: 成為|支撐|半導體領域)."""
    word, flag, at = verb
    cue = cue_word(word, settings)
    glued = work[2] + len(work[0]) == at and at + len(word) == first[2]
    making = work[0] in settings.making_verbs
    return making and flag == "v" and len(word) == 2 and not cue and glued


def without_modifiers(name: str, modifiers: Iterable[str]) -> str:
    """``name`` without the modifiers in front (高效能|新一代|電子元件), the longest first."""
    while m := max((m for m in modifiers if name.startswith(m)), key=len, default=""):
        name = name[len(m) :]
    return name


def after_piece(tokens: Sequence[Token], name: str, bare: str, prefixes: Iterable[str]) -> str:
    """``bare`` (``name`` without its modifiers) without a lone character it starts with, when
    a word of the name follows it and it is no prefix (雙|晶片模組) nor an adjective's
    character: a piece that may end the modifier's word (新型|態: 型態) or start the name's
    (低成本|氫|燃料電池系統); the caller decides which.

    >>> toks = [("新型", "b", 0), ("態", "n", 2), ("人機", "n", 3), ("裝置", "n", 5)]
    >>> after_piece(toks, "新型態人機裝置", "態人機裝置", ("雙",))
    '人機裝置'
    >>> toks = [("高效能", "n", 0), ("雙", "n", 3), ("晶片", "n", 4), ("模組", "n", 6)]
    >>> after_piece(toks, "高效能雙晶片模組", "雙晶片模組", ("雙",))
    '雙晶片模組'
    """
    at, edge = len(name) - len(bare), 0
    if at == 0:
        return bare
    for k, (word, flag, _) in enumerate(tokens):
        if edge == at:
            piece = lone_char(word) and k + 1 < len(tokens) and flag not in PREFIXES
            piece = piece and word not in prefixes
            return bare[len(word) :] if piece else bare
        edge += len(word)
    return bare


def verb_inside(
    tokens: Sequence[Token], spans: Sequence[tuple[int, int]], verbs: frozenset[str]
) -> bool:
    """Whether a verb of work (one of ``verbs``, tagged a verb) stands inside one of ``spans``:
    around such an item of a list the joiners join clauses, not names (生技中心、食品所分別開發
    關鍵技術及產品: no list of bodies).

    >>> verb_inside([("食品所", "n", 0), ("開發", "v", 3), ("技術", "n", 5)], [(0, 7)], {"開發"})
    True
    """
    return any(
        w in verbs and f.startswith("v") and any(s <= t < e for s, e in spans) for w, f, t in tokens
    )


def cut_between(tokens: Sequence[Token], at: int) -> bool:
    """Whether ``at`` characters into the tokens' text falls between two tokens (or at 0)."""
    edge = 0
    for word, _, _ in tokens:
        if edge >= at:
            break
        edge += len(word)
    return edge == at


def after_phrase(before: Sequence[Token], run: list[Token]) -> list[Token]:
    """``run`` without the Latin words that end an English phrase before it (Beyond| |5G|低軌
    通訊衛星: 5G is Beyond 5G's, the name starts after it); ``before``: the two tokens before."""
    spaced = len(before) == 2 and before[0][1] == "eng" and before[1][0].isspace()
    if not spaced or not run or run[0][1] != "eng":
        return run
    rest = list(dropwhile(lambda t: t[1] == "eng", run))
    return rest if rest else run


#: jieba's noun flags: 技術 before a noun qualifies it (技術平台), naming no technique.
NOUNS = frozenset({"n", "nz"})
#: Flags of the words a verbal noun after is a noun (Chiplet|運算|系統軟體; not 特性|設計|…).
NAMED = frozenset({"eng"})
#: jieba's verb and adverb flags: a technique's name does not start with one.
VERBS = frozenset({"v", "vd", "d", "ad", "vi", "vq"})
#: Flags of the word that makes a known technology's name a kind of it (人形|機器人, 智慧|物聯網).
KIND_NOUNS = frozenset({"n", "nz", "nr", "j", "eng"})
#: Flags of one-character words that may start a name (低|延遲, 下|世代, 次|微米).
PREFIXES = frozenset({"a", "b", "f", "h"})


#: Flags of the word before a verb inside a name: nouns, abbreviations, Latin words.
INNER_LEFT = frozenset({"n", "nz", "vn", "j", "eng", "l", "ng", "nr", "ns", "nt"})


def inner_verb(left: Token, token: Token, right: Token, settings: ChunkSettings) -> bool:
    """A verb of two characters or more glued between a name's word and a head word is part
    of the name (射頻波束|合成|晶片, 光電|互聯|架構): jieba tags many technical words verbs."""
    word, flag, at = token
    glued = left[2] + len(left[0]) == at and at + len(word) == right[2]
    cue = cue_word(word, settings)
    return (
        glued
        and flag == "v"
        and len(word) > 1
        and (not cue or word in settings.processes)  # 天線|整合|基板
        and left[1] in INNER_LEFT  # 次|毫米|發光|二極體: a measure is no name's word
        and left[0] not in settings.qualifiers  # 關鍵|節能|元件: the verb's object
        and len(left[0]) > 1
        and (right[0].endswith(settings.heads) or _headed_end(word, right, settings))
    )


def inner_process(tokens: Sequence[Token], k: int, settings: ChunkSettings) -> bool:
    """Whether ``tokens[k]``, right before 技術, is a process of ``processes`` glued after a
    noun of two characters or more: part of the technique's name (電子系統|整合|技術), where
    the same word leading a clause is its verb (整合|感測技術)."""
    word, _, at = tokens[k]
    if k == 0 or word not in settings.processes:
        return False
    left = tokens[k - 1]
    glued = left[2] >= 0 and left[2] + len(left[0]) == at
    return glued and left[1] in INNER_LEFT and len(left[0]) > 1 and not punct(left[0])


def _headed_end(word: str, right: Token, settings: ChunkSettings) -> bool:
    """A head word jieba tags a verb that ends the name before a mark or a function word
    (高速晶片|互聯|與…)."""
    return word in settings.heads and (punct(right[0]) or right[1] in settings.technique_breaks)


def not_technique_start(token: Token, settings: ChunkSettings) -> bool:
    """A verb, a number, or a lone character that is no prefix (故|CPO, 隨|著); a modifier
    (高速, tagged an adverb) starts the printed name."""
    word, flag, _ = token
    if word in settings.modifiers:
        return False
    lone = len(word) == 1 and not word.isascii() and flag not in PREFIXES
    lone = lone and word not in settings.prefixes  # 多|感測器…技術: a prefix starts it
    return flag in VERBS or word.isdigit() or lone


def unit_letter(tokens: Sequence[Token], i: int) -> bool:
    """A lowercase letter right after a slash is a unit's (bar/s|煞車力…技術), not a name's
    start; a letter elsewhere may be one (p型氮化鎵, i線曝光)."""
    word = tokens[i][0]
    return len(word) == 1 and word.islower() and i > 0 and tokens[i - 1][0] == "/"


def in_technique(token: Token, settings: ChunkSettings) -> bool:
    word, flag, at = token
    return not (
        at < 0
        or punct(word)
        or flag in settings.technique_breaks
        or word in settings.technique_stops
        or word in settings.not_first
        or word.endswith(tuple(settings.trailing))
        or prepositional(word, settings)
        or joint_work(word, settings)
    )


def located(tokens: Sequence[Token], i: int, settings: ChunkSettings) -> bool:
    """Whether ``tokens[i]`` is a locative (``technique_places``) after a word of two characters
    or more, the place it names (衛星團隊|中|扮演…): a technique's run stops there; after a lone
    character it is a piece of a word jieba split (線|上|估測: online)."""
    return tokens[i][1] in settings.technique_places and (i == 0 or len(tokens[i - 1][0]) > 1)


def joint_work(word: str, settings: ChunkSettings) -> bool:
    """Whether ``word`` is one word of working together and a work verb (合作開發, 共同開發:
    jieba keeps them whole, tagged an idiom or a body): the clause's verb, no part of a name
    (與工研院|合作開發|6G技術 names 6G, not 工研院合作開發6G)."""
    return any(word.startswith(j) and word[len(j) :] in settings.verbs for j in settings.joint)


def generic(name: str, settings: ChunkSettings) -> bool:
    """A generic X of X技術: a listed word, or a word that names a quality (智慧化, 世界級):
    three characters ending in a quality suffix (碳化, 金屬鈦純化 are processes); or an X
    that holds a sector's word (半導體產業節能: a sector's practice, no technique)."""
    return (
        (len(name) == 3 and name.endswith(settings.qualities))
        or name in settings.generic
        or name in settings.technique_stops
        or name.endswith(settings.technique_not_last)
        or any(word in name for word in settings.technique_not_inside)  # 半導體產業節能
    )


def unsure_start(
    tokens: Sequence[Token], first: int, process: bool, settings: ChunkSettings
) -> bool:
    """Whether a technique starting at ``tokens[first]`` may start before: after a joiner
    when it ends in a process (A與B|整合技術: A and B integrated, or A and B's integration),
    or after a joining mark glued to a lone character before it (軟/|硬體整合技術: 軟硬體整合;
    not 2.5D/|3D堆疊, bar/|s: a Latin word's)."""
    if first == 0:
        return False
    mark, before = tokens[first - 1], tokens[first - 2] if first > 1 else STOP
    if process and mark[0] in settings.joiners:
        return True
    glued = (
        lone_char(before[0]) and before[2] >= 0 and before[2] + 1 == mark[2] == tokens[first][2] - 1
    )
    return mark[0] in settings.clean.joining and glued


def trailing(word: str, settings: ChunkSettings) -> int:
    """Length of a generic word (技術) ending a longer ``word``, else 0."""
    if not word.endswith(tuple(settings.trailing)):  # the common case, without a loop
        return 0
    return next((len(t) for t in settings.trailing if word.endswith(t) and word != t), 0)


def not_first(token: Token, settings: ChunkSettings) -> bool:
    """A token a name cannot start with: a cue word, a number, an adjective, or a lone CJK
    character (what the segmenter leaves of a word it did not know)."""
    word, flag, _ = token
    if word in settings.modifiers:
        return False  # 高速|運算矽智財: jieba tags it an adverb, it starts the printed name
    lone = len(word) == 1 and not word.isascii()
    adjective = flag == "a" and lone  # 虛實|融合網路: an adjective of two characters stays
    return (
        word in settings.not_first
        or flag in ("m", "x")
        or adjective
        or lone
        or word.isdigit()
        or quantity(
            word, settings.units, settings.marks.prefixes
        )  # 10kW|燃料電池: how much of one, no kind of it
        or prepositional(word, settings)
    )


def prepositional(word: str, settings: ChunkSettings) -> bool:
    """A verb glued to its preposition (受限於, 取決於, 有助於): a name never starts with one,
    and one starts right after it."""
    return len(word) > 1 and word.endswith(settings.prepositional)


def glued_lone(left: Token, right: Token, settings: ChunkSettings) -> bool:
    """Whether ``left``, cut off a technique's name, is a lone CJK character glued to its
    start: a piece of a word jieba split (線|上|感測, 生|質|材料) or a one-character verb
    that is part of the name (無|液壓…, 防|電磁干擾…: without, against); no name, unsure.
    Function words and cue words (與, 於, 新 …) are boundaries, not pieces, and so is any
    lone character before a Latin name (故|CPO)."""
    word, flag, at = left
    one = len(word) == 1 and not word.isascii() and word.isalnum()
    cue = flag in settings.technique_breaks or word in settings.not_first
    return one and not cue and at + 1 == right[2] and not right[0].isascii()


def prefix(token: Token, settings: ChunkSettings) -> bool:
    word, flag, _ = token
    return len(word) == 1 and flag in PREFIXES and word not in settings.not_first


def noun_start(tokens: Sequence[Token], settings: ChunkSettings) -> bool:
    """A lone noun character starting a run of two or more tokens (矽|光晶片, 鋁|鈦合金)."""
    word, flag, _ = tokens[0]
    lone = len(word) == 1 and not word.isascii() and word not in settings.not_first
    return lone and flag in LONE_NOUNS and len(tokens) > 1


#: jieba's flags of a lone character that is a piece of a noun (矽, 鋁), not a number.
LONE_NOUNS = frozenset({"n", "nz", "ng", "nr", "j"})


def punct(word: str) -> bool:
    return not any(ch.isalnum() for ch in word)


def boundary(token: Token, settings: ChunkSettings) -> bool:
    """Whether a word starts right after ``token``: punctuation, a function word or a work
    verb of ``verbs`` (於|矽光晶片, 、|電漿…, 開發|矽光子晶片), not any verb (jieba reads
    升降|頻 of an unknown word as one)."""
    word, flag, _ = token
    return (
        punct(word)
        or flag in settings.technique_breaks
        or word in settings.verbs
        or prepositional(word, settings)
        or joint_work(word, settings)
    )


def unmodified(name: str, edges: set[int], settings: ChunkSettings) -> str:
    """``name`` without the modifiers in front (高階|研磨主軸), each ending on a word's edge
    (``edges``: offsets in ``name``; 超高|頻 is no word); ``name`` when too little is left."""
    bare = name
    while m := next((m for m in settings.modifiers if bare.startswith(m)), None):
        if len(name) - len(bare) + len(m) not in edges:
            break
        bare = bare[len(m) :]
    return name if len(bare) < settings.min_chars or generic(bare, settings) else bare


#: A list of industries (半導體、電子、金屬加工等產業): its items are sectors, not technologies.
_SECTOR_LIST = re.compile(r"(?:[、與及和][^、，。,；;：:（）()]{1,8}?)*等(?:產業|行業)")
#: A list of fields (AI、機器人、無人機等領域; 半導體、電子模組及整車製造等領域), or one whose
#: last item is a field or an industry before 等 (醫材、國防航太及新材料領域等).
_FIELD_LIST = re.compile(
    r"(?:[、與及和][^、，。,；;：:（）()]{1,8}?)*等領域|"
    r"(?:[、與及和][^、，。,；;：:（）()]{0,8}?)+(?:產業|行業|領域)等"
)


def sector(text: str, start: int, end: int, words: tuple[str, ...], fields: bool = False) -> bool:
    """Whether the name at ``text[start:end]`` names a sector of the economy: one of ``words``
    after it (ICT|業者), an item of a list of industries (半導體、電子…等產業), or an example
    of an industry in brackets (各行各業(工具機、半導體…)); with ``fields``, an item of a list
    of fields (…等領域) or of one whose last item is a field before 等 (醫材、國防航太及新材料
    領域等): the chunker's names only. A technology a lexicon knows is a technical field there
    (AI、機器人、無人機等領域), one whose name only its shape gives may be a sector (整車製造).

    >>> [sector(t, 0, 3, ("業者",)) for t in ("半導體業者", "半導體與電子等產業", "半導體晶片")]
    [True, True, False]
    >>> [sector("機器人、無人機等領域", 0, 3, (), fields=f) for f in (False, True)]
    [False, True]
    """
    if text.startswith(words, end) or _SECTOR_LIST.match(text, end):
        return True
    if fields and _FIELD_LIST.match(text, end):
        return True
    opened = max(text.rfind("(", 0, start), text.rfind("（", 0, start))
    inside = text[opened + 1 : start]
    return opened > 0 and text[opened - 1] == "業" and not any(c in inside for c in ")）。")


def piece(before: Token, run: list[Token], span: Span, settings: ChunkSettings) -> bool:
    """Whether the name at ``span`` is the end of a word jieba did not know: right after a
    lone character that is no function word (次太|赫茲天線, 瓦|特級…)."""
    glued = [t for t in (before, *run) if 0 <= t[2] < span[0]]
    if not glued or glued[-1][2] + len(glued[-1][0]) != span[0]:
        return False
    return lone(glued[-1], settings) and glued[-1][0] not in settings.not_first


def prefixed(before: Token, run: list[Token], span: Span, settings: ChunkSettings) -> Span | None:
    """The name at ``span`` with the lone character glued before it when that is a prefix of
    the name (``prefixes``: 次|微米感測晶片) and no piece of a longer unknown word itself
    (次太|赫茲: 太 is none); None when it is no such prefix."""
    glued = [t for t in (before, *run) if 0 <= t[2] < span[0]]
    single = glued[-1]
    ahead = glued[-2] if len(glued) > 1 else None
    if single[0] not in settings.prefixes or (
        ahead is not None and ahead[2] + len(ahead[0]) == single[2] and lone(ahead, settings)
    ):
        return None
    start, end, name_start, name_end = span
    return single[2], end, single[2] if name_start == start else name_start, name_end


#: A sentence: up to and with its closing mark.
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
#: An inline formula ($…$) and the clause marks around one.
_FORMULA = re.compile(r"\$[^$]+\$")
#: A mark that ends a clause (a name never holds one).
CLAUSE_MARK = re.compile(r"[，。；：、！？,;:!?]")


def marked(text: str, markup: re.Pattern[str]) -> list[tuple[int, int]]:
    """The sentences of ``text`` holding markup (a table's tags): they name no technology,
    where the paragraph's other sentences are prose. Where a sentence's only markup is inline
    formulas ($…$), the clauses holding one are marked, the sentence's others stay prose (開發
    X載板, 提供 $>5 \\mu m$ 的預警: X載板 is named).

    >>> marked("開發X晶片。其Tg $T_g$ 提高；完成。", re.compile(r"\\$[^$]+\\$"))
    [(6, 18)]
    >>> marked("開發X晶片，其Tg $T_g$ 提高。", re.compile(r"\\$[^$]+\\$"))
    [(6, 18)]
    >>> marked("開發X晶片，<td>Tg</td>。", re.compile(r"<[^>]+>|\\$[^$]+\\$"))
    [(0, 18)]
    """
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if not markup.search(sentence):
            continue
        if markup.search(_FORMULA.sub("", sentence)):  # a tag or a command outside formulas
            out.append(m.span())
            continue
        for f in _FORMULA.finditer(sentence):
            before = [c.end() for c in CLAUSE_MARK.finditer(sentence, 0, f.start())]
            after = CLAUSE_MARK.search(sentence, f.end())
            start = before[-1] if before else 0
            end = after.start() if after else len(sentence)
            out.append((m.start() + start, m.start() + end))
    return out


def in_marked(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the marked sentences ``spans``."""
    return any(a < end and start < b for a, b in spans)


def verb_led(run: list[Token], span: Span, before: Token, settings: ChunkSettings) -> bool:
    """Whether the name at ``span`` starts with a head word jieba tags a verb, right after
    a word that is no boundary (整合|封裝平臺): a piece of a longer name."""
    k = next((k for k, t in enumerate(run) if t[2] == span[0]), None)
    if k is None or run[k][1] in settings.flags or run[k][0] not in settings.heads:
        return False
    return not boundary(run[k - 1] if k else before, settings)


def hyphenated(tokens: Sequence[Token], first: int) -> list[Token]:
    """The Latin words and hyphens glued before ``tokens[first]`` (5G-|Advanced): a name
    does not start inside a hyphenated word."""
    out: list[Token] = []
    while first >= 2:
        hyphen, word = tokens[first - 1], tokens[first - 2]
        glued = word[2] + len(word[0]) == hyphen[2] and hyphen[2] + 1 == tokens[first][2]
        if hyphen[0] != "-" or not glued or not word[0].isascii() or not word[0].isalnum():
            break
        out[:0] = [word, hyphen]
        first -= 2
    return out


def listed(
    blocks: Sequence[Block], mentions: Sequence[Mention], joiners: frozenset[str]
) -> set[str]:
    """The names of ``mentions`` printed next to another one with only a joiner between them
    (電流電壓轉換器、高效CPO元件特性量測系統及低損耗陣列光纖): both edges are the list's."""
    ends = {(m.block, m.end): m for m in mentions}
    out: set[str] = set()
    for m, joiner in ((m, j) for m in mentions for j in joiners):
        left = ends.get((m.block, m.start - len(joiner)))
        if left is not None and blocks[m.block].text[left.end : m.start] == joiner:
            out.update((m.key or m.text, left.key or left.text))
    return out


def sentence(text: str) -> bool:
    """Whether ``text`` holds a sentence (a clause mark: ，。；), not a heading alone."""
    return any(mark in text for mark in ",，。;；")


def inside(inner: Mention, outer: Mention) -> bool:
    """Whether ``inner`` lies within ``outer``."""
    return outer.start <= inner.start and inner.end <= outer.end


def overlap(a: Span, b: Span) -> bool:
    """Whether two printed forms overlap."""
    return a[0] < b[1] and b[0] < a[1]


def glued_attributive(token: Token, nxt: Token, settings: ChunkSettings) -> bool:
    """Whether ``nxt`` is a bound attributive (``attributives``: 型, 式) glued to ``token``, which
    it makes a qualifier of the name after it (協作|型|機器人, 拋棄|式|生物反應器)."""
    return nxt[0] in settings.attributives and nxt[2] == token[2] + len(token[0])
