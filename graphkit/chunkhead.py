"""Where a technology name ends (:mod:`graphkit.chunk`): its head word, and the verbal noun
before the name that is a verb of the clause; and a modifier's first character jieba glued to
the verb before the name, which starts it (:func:`split_modifier`); a verb and its complement
the segmenter parts (開發|出), one verb (:func:`with_complements`).

A run of noun-like tokens names a thing when it ends in a head word (``heads``: 晶片, 模組) or a
device's last character (``suffixes``: 器, 儀); a weak head (``tails``: 系統, 設備) goes on
after one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .chunkwords import INNER_LEFT, NAMED, NOUNS, Span, Token, glued_attributive, trailing

if TYPE_CHECKING:
    from .chunk import ChunkSettings


def past_verbal_noun(
    tokens: list[Token], settings: ChunkSettings, trailing: bool
) -> list[Token] | None:
    """The tokens after the last verbal noun that is a verb here: one followed by a non-head
    word (設計|高效能…, 運用|GaN…), not after a Latin word (Chiplet運算系統軟體) nor before a
    verb inside the name (射頻波束|合成|晶片), nor before another verbal noun (調控|管理|模組: a
    compound) or a bound attributive glued to it (協作|型|機器人). None when such a verbal
    noun leads a run that holds a verb inside (加工|表面品質|模擬|模組): a verb's object or a
    name, unsure."""
    for j in range(len(tokens) - 2 - trailing, -1, -1):
        if j > 0 and tokens[j - 1][1] in NAMED:
            continue
        nxt = tokens[j + 1]
        if j > 0 and tokens[j - 1][1] == "vn" and tokens[j][1] == "vn":
            continue  # 研磨|加工|主軸模組: the second of two verbal nouns ends a compound
        if tokens[j][1] == "vn" and nxt[1] != "v" and not nxt[0].endswith(settings.heads):
            if nxt[1] == "vn" and not nxt[0].endswith(settings.tails):
                continue  # 調控|管理|模組: two verbal nouns make a compound, no verb
            if glued_attributive(tokens[j], nxt, settings):
                continue  # 協作|型|機器人: a verbal noun made an attributive qualifies, no verb
            if any(t[1] == "v" for t in tokens[j + 1 :]):
                return None
            return tokens[j + 1 :]
    return tokens


def name_last(run: list[Token], settings: ChunkSettings) -> int | None:
    """Where in ``run`` a name ends (its last head word); none without one, or when a noun after
    it heads the phrase (環境感測|數據中心) instead of framing what is said of it (晶圓|產品)."""

    def head(i: int) -> bool:
        word = run[i][0]
        if word in settings.trailing and i > 0:
            return headed(run[i - 1], run[i - 2] if i > 1 else None, settings)
        stem = (word[: len(word) - trailing(word, settings)], *run[i][1:])
        after = run[i + 1] if i + 1 < len(run) else None
        ahead = run[i - 2] if i > 1 else None
        return headed(stem, run[i - 1] if i > 0 else None, settings, after, ahead)

    last = next((i for i in range(len(run) - 1, -1, -1) if head(i)), None)
    if last is None:
        return None
    while last + 1 < len(run) and run[last + 1][0].endswith(settings.tails):
        last += 1
    if last + 1 < len(run) and len(run[last + 1][0]) == 1 and run[last + 1][1] == "ng":
        last += 1  # 雷射|源(ng): a bound noun character ends the head's word, and the name
    after = run[last + 1] if last + 1 < len(run) else None
    # X基礎技術: X is the name, and 產品, 供應鏈 … frame it.
    generic = (*settings.trailing, *settings.qualifiers, *settings.framing)
    framed = after is not None and after[0] in generic
    # 開放架構|高階(nr)|基站: jieba tags many words it does not know a person's name; so it
    # tags a head word and a smart prefix too, which start a name of their own (碳化矽晶片|
    # 智慧(nr)化製程: a review's case)
    person = (
        after is not None
        and after[1] == "nr"
        and not after[0].startswith((*settings.heads, *settings.smart.prefixes))
    )
    if after and (after[1] in NOUNS or person) and len(after[0]) > 1 and not framed:
        return None
    return last


def headed(
    token: Token,
    before: Token | None,
    settings: ChunkSettings,
    after: Token | None = None,
    ahead: Token | None = None,
) -> bool:
    """Whether ``token`` ends in a head word, or is a device by its last character (``suffixes``:
    器, 儀, 爐 …): a word of ``min_chars`` or more (濾波器, 光譜儀, 核心網), or that character
    alone glued after a Chinese noun or verb of two characters or more (曝光|機, 氣氛|爐)."""
    word = token[0]
    if word.endswith(settings.heads):
        return True
    devices = settings.devices
    if not word.endswith(devices.suffixes) or word in devices.not_words:
        return False
    if after is not None and word[-1] + after[0][:1] in devices.joins:
        return False  # 通訊網|路: 網路 is the word, no device ends at 網
    if len(word) >= settings.min_chars:
        return True
    glued = before is not None and before[2] >= 0 and before[2] + len(before[0]) == token[2]
    if len(word) == 1 and glued and before is not None and _pieces(ahead, before):
        return True  # 產|氧|機: the last of a word jieba did not know, in pieces
    return (
        len(word) == 1
        and glued
        and before is not None
        and len(before[0]) > 1
        and not before[0].isascii()  # RU|網: a piece of a Latin name
        and (before[1] in INNER_LEFT or before[1] == "v")
    )


def _pieces(ahead: Token | None, before: Token) -> bool:
    """Whether ``ahead`` and ``before`` are two lone noun characters glued together: with a
    device's character after them, a word of three the segmenter did not know (產|氧|機)."""
    if ahead is None or ahead[2] < 0 or ahead[2] + len(ahead[0]) != before[2]:
        return False
    return all(len(t[0]) == 1 and not t[0].isascii() and t[1] in LONE for t in (ahead, before))


#: jieba's flags of a lone character that is a piece of a noun (產, 氧).
LONE = frozenset({"n", "ng", "nz"})


def split_modifier(
    prior: Token,
    before: Token,
    run: list[Token],
    span: Span,
    settings: ChunkSettings,
    is_word: Callable[[str], bool],
) -> Span:
    """The name at ``span`` with the character jieba glued to the verb before it, when that
    character starts a modifier with the name's first word and the verb's other character
    makes a word with the one before it (推|升高|密度基板: 推升 and 高密度; not 以|提高|效能晶片,
    where 以提 is none and 提高 is the verb); the span as it is otherwise. The name proper
    leaves the modifier out where enough is left, as :func:`graphkit.chunk.chunks` does
    (高密度|構裝基板 names 構裝基板)."""
    start, end, name_start, name_end = span
    first = next((t for t in run if t[2] == start), None)
    verb = before if first is run[0] else None
    if verb is None or first is None or verb[1] != "v" or len(verb[0]) != 2 or prior[2] < 0:
        return span
    glued = prior[2] + len(prior[0]) == verb[2] and verb[2] + 2 == start
    if not glued or verb[0][-1] + first[0] not in settings.modifiers:
        return span
    if not is_word(prior[0][-1] + verb[0][0]):
        return span
    if name_start == start and name_end - (start + len(first[0])) >= settings.min_chars:
        return start - 1, end, start + len(first[0]), name_end
    return start - 1, end, start - 1 if name_start == start else name_start, name_end


def with_complements(tokens: Sequence[Token], settings: ChunkSettings) -> list[Token]:
    """``tokens`` with a verb and the character glued after it made one token where the two
    are one verb of ``verbs`` (開發|出 → 開發出, 研發|出 → 研發出): its object starts after it.
    Only the chunker reads them so; the segmenter's words stay as they are.

    >>> from graphkit.chunk import Chunker
    >>> chunker = Chunker()
    >>> [t[0] for t in with_complements(chunker.tag("已開發出光引擎模組"), chunker.settings)]
    ['已', '開發出', '光', '引擎', '模組']
    """
    out: list[Token] = []
    for word, flag, at in tokens:
        if out and out[-1][2] + len(out[-1][0]) == at and out[-1][0] + word in settings.verbs:
            verb = out.pop()
            out.append((verb[0] + word, verb[1], verb[2]))
        else:
            out.append((word, flag, at))
    return out
