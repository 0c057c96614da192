"""Names whose two coordinated processes share one head: 脂質合成與傳輸系統, 治療歷程紀錄與分析系統.

Chinese joins two actions on one thing before the head they share: 智慧監測診斷與補償|模組 is
one module that diagnoses and compensates, 液壓致動元件設計與測試整合|技術 one technique. The
chunker alone reads only what follows the joiner (補償模組), and jieba tags most action words
verbs, which end a name. The shape is read from the tokens: the word right before the joiner is
an action (a verb or verbal noun of two characters or more, no head word: 晶片與封裝測試平台 has
two things, not one), the words after it reach a head word with an action among them, and the
words on either side hold a thing the actions are done to (a noun: 脂質, 歷程, 元件), so that
設計與驗證平台, two generic actions, names nothing. The left edge is the clause's: punctuation, a
function word or a verb of the clause (透過, 導入); a verb starting the left words is the
clause's too (以|改善|模具設計…), unless it stands right after a verb of making (建置|加速壽命
測試與可靠度評估平台: the verb of two characters is its object's, as in the chunker).

The settings are ``shared_*`` keys of ``schema/rules/chunk.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import chunkwords as w
from .normalise import normalise

if TYPE_CHECKING:
    from .chunksettings import ChunkSettings

Token = w.Token
Span = w.Span


@dataclass(frozen=True, slots=True)
class SharedHeads:
    """The ``shared_*`` keys of ``schema/rules/chunk.json``."""

    joiners: frozenset[str]  # 與, 及, 和: what joins the two actions
    actions: frozenset[str]  # jieba flags of an action word (v, vn)
    things: frozenset[str]  # jieba flags of a word naming a thing (n, nz, eng …)
    min_action: int  # the fewest characters of an action word (改|質: pieces name none)
    inner: frozenset[str]  # words that end a technique (整合, 製造) but may stand in such a name
    pieces: frozenset[str]  # jieba flags of a lone character that is a piece of a word (預|診)


def load_shared(
    words: Callable[[str], tuple[str, ...]], count: Callable[[str], int]
) -> SharedHeads:
    """:class:`SharedHeads` from a rules file's ``words`` and ``count`` readers."""
    return SharedHeads(
        frozenset(words("shared_joiners")),
        frozenset(words("shared_action_flags")),
        frozenset(words("shared_thing_flags")),
        count("shared_min_action"),
        frozenset(words("shared_inner")),
        frozenset(words("shared_piece_flags")),
    )


def shared_heads(tokens: Sequence[Token], settings: ChunkSettings) -> list[Span]:
    """Spans of the names in ``tokens`` whose two coordinated actions share one head.

    >>> from graphkit.chunk import Chunker
    >>> chunker = Chunker()
    >>> text = "透過強化脂質合成與傳輸系統關鍵技術，開發"
    >>> [text[a:z] for a, z, _, _ in shared_heads(chunker.tag(text), chunker.settings)]
    ['脂質合成與傳輸系統關鍵技術']
    """
    out: list[Span] = []
    padded = [w.STOP, *tokens, w.STOP]
    for k, (word, _, _) in enumerate(padded):
        if word not in settings.shared.joiners:
            continue
        end = _head_after(padded, k, settings)
        first = _left_start(padded, k, settings) if end is not None else None
        if end is None or first is None:
            continue
        words = [t for t in padded[first:end] if t is not padded[k]]
        if not any(t[1] in settings.shared.things for t in words):
            continue  # 設計與驗證|平台: two actions, nothing they are done to
        start, last = padded[first][2], padded[end]
        stop = last[2] + len(last[0])
        trail = padded[end + 1]
        printed = trail[2] + len(trail[0]) if trail[0] in settings.trailing else stop
        said = trail[1] in settings.shared.actions - settings.flags  # 乘載基板|放大: a clause
        if not said and settings.min_chars <= stop - start <= settings.max_chars:
            out.append((start, printed, start, stop))
    return out


def _action(token: Token, settings: ChunkSettings) -> bool:
    word, flag, at = token
    return (
        at >= 0
        and flag in settings.shared.actions
        and len(word) >= settings.shared.min_action
        and not _edge(word, settings)
        and not _head(word, settings)
    )


def _head(word: str, settings: ChunkSettings) -> bool:
    """Whether ``word`` ends in a head word or a tail (系統, 平臺; printed 平台 too)."""
    return normalise(word).endswith((*settings.heads, *settings.tails))


def _edge(word: str, settings: ChunkSettings) -> bool:
    """A word of the clause, no name's (:func:`chunkwords.cue_word`), unless ``shared_inner``."""
    return w.cue_word(word, settings) and word not in settings.shared.inner


def _head_after(padded: Sequence[Token], k: int, settings: ChunkSettings) -> int | None:
    """Index of the last word the actions after the joiner at ``k`` reach before their head:
    the head itself (傳輸|系統, the last of a run: 分析|系統|平台), or the word before a
    generic 技術 (預測|技術: X技術 names X). Only actions and pieces of a word jieba lacks (預|診,
    可靠|度) stand between: a noun there is the second action's own object (加工參數調整,
    金屬鈦純化), and the two name two things."""
    for j in range(k + 1, min(len(padded) - 1, k + 1 + settings.max_tokens)):
        word = padded[j][0]
        if j > k + 1 and word in settings.trailing:
            return j - 1
        if j > k + 1 and _head(word, settings):
            while _noun(padded[j + 1], settings) and _head(padded[j + 1][0], settings):
                j += 1
            return j
        piece = _piece(padded[j], settings) and (j > k + 1 or _piece(padded[j + 1], settings))
        if not (_action(padded[j], settings) or piece):
            return None  # 合成與|金屬鈦純化技術, 預測與|加工參數調整技術: two things
    return None


def _piece(token: Token, settings: ChunkSettings) -> bool:
    """A lone character jieba left of a word it did not know, tagged a verb or a bound
    morpheme (預|診, 可靠|度, 致|動): no count (兩), no function word (之), no noun (工|單)."""
    return w.lone_char(token[0]) and token[1] in settings.shared.pieces


def _noun(token: Token, settings: ChunkSettings) -> bool:
    return token[2] >= 0 and token[1] in settings.flags and not w.punct(token[0])


def _left_start(padded: Sequence[Token], k: int, settings: ChunkSettings) -> int | None:
    """Index of the first word of the left conjunct before the joiner at ``k``: it ends in an
    action and reaches back over nouns, actions and pieces to the clause's edge (a mark, a
    verb of the clause, a body's or a place's name: 經濟部|聚焦…); None when the edge is unsure
    (the names' longest run reached) or no action ends it."""
    if not _action(padded[k - 1], settings):
        return None  # 晶片與|封裝模組: two things
    first = k - 1
    while True:
        word, flag, at = before = padded[first - 1]
        inner = _noun(before, settings) or _action(before, settings) or _piece(before, settings)
        named = flag in settings.clean.start_not
        if (
            at < 0
            or _edge(word, settings)
            or named
            or not inner
            or _predicate(padded, first - 1, settings)
        ):
            break
        if k - first >= settings.max_tokens:
            return None  # longer than a name: its left edge is unsure
        first -= 1
    if padded[first - 1][0] in settings.shared.joiners:
        return None  # 地震與|地球物理資料整合與查詢平台: the name may start before, unsure
    while first < k and _clause_verb(padded, first, settings):
        first += 1  # 以|改善|模具設計…, 同步|調整|精進|模組設計…: the clause's verbs
    return first if first < k else None


def _predicate(padded: Sequence[Token], at: int, settings: ChunkSettings) -> bool:
    """Whether the word at ``at`` is a verb between its subject and its object (經濟部|聚焦|
    高效能運算…): a verb of two characters or more with a noun on either side (not 製程|虛擬|
    製造: a verb before a verb qualifies it)."""
    word, flag, _ = padded[at]
    verb = flag in settings.shared.actions - settings.flags and len(word) > 1
    things = settings.shared.things
    return verb and padded[at - 1][1] in things and padded[at + 1][1] in things


def _clause_verb(padded: Sequence[Token], first: int, settings: ChunkSettings) -> bool:
    """Whether the word at ``first``, starting the left words, is a verb of the clause: an
    action (調整|精進模組設計…) not right after a verb of making (建置|加速|壽命測試…: its
    object's)."""
    head = padded[first]
    verb = head[1] in settings.shared.actions
    return verb and not w.verb_after_work(padded[first - 1], head, padded[first + 1], settings)
