"""Techniques: what a text calls X技術 is a technology, whatever X's head (:mod:`graphkit.chunk`);
and a count inside a phrase, which names a category, no technique or name (氧化物三大技術).

The words and flags it reads are ``trailing``, ``technique_*``, ``qualifiers`` and ``not_first``
of ``schema/rules/chunk.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from . import chunkwords as w
from .chunkwords import Span, Token

if TYPE_CHECKING:
    from .chunk import ChunkSettings
    from .chunksettings import Counting


def techniques(tokens: Sequence[Token], settings: ChunkSettings) -> list[Span]:
    """Spans of X技術: what a text calls a technique is a technology, whatever its head.

    X is the run of tokens right before a ``trailing`` word (技術, 關鍵技術 …), back to a
    boundary: punctuation, a function word (a flag of ``technique_breaks``: prepositions,
    conjunctions, particles, pronouns) or a cue word (``technique_stops``, ``not_first``:
    開發, 透過 …). Verbs inside the run stay (系統級散熱技術, 運行編譯軟體技術), since
    jieba tags many technical words as verbs. The printed form keeps 技術; the name does not.
    """
    out: list[Span] = []
    for k, (word, _, at) in enumerate(tokens):
        cut = w.trailing(word, settings) if word not in settings.trailing else len(word)
        if not cut or at < 0:
            continue
        j = k if cut < len(word) else k - 1  # 封裝技術 as one word: 封裝 is part of X
        first = j + 1
        process = w.inner_process(tokens, j, settings)  # 系統|整合|技術
        while (
            first > 0
            and not w.located(tokens, first - 1, settings)
            and (w.in_technique(tokens[first - 1], settings) or (first - 1 == j and process))
        ):
            first -= 1
        if w.unsure_start(tokens, first, process, settings):
            continue  # A與B整合技術, 軟/硬體整合技術: the technique's left edge is unsure
        run = list(tokens[first : j + 1])
        # A verb in front is the clause's verb (建置|鋁鈦合金熔煉), not part of the name; a
        # lone noun right after a boundary starts a word jieba did not know (與|鋁|鈦合金).
        lead = first == 0 or w.boundary(tokens[first - 1], settings)
        lead = lead or tokens[first - 1][0] in settings.not_first  # 國產|空|品感測技術
        while (
            run
            and run[0][0] != word
            and (w.not_technique_start(run[0], settings) or w.unit_letter(tokens, j + 1 - len(run)))
        ):
            starts = lead and run[0] is tokens[first] and w.noun_start(run, settings)
            if starts and not run[1][0].isascii():
                break  # 故|CPO: a lone character before a Latin name is no part of it
            run = run[1:]
        stripped = j + 1 - first - len(run)
        counts = stripped > 1 and tokens[first + stripped - 2][1] == "m"  # 五|軸: a measure
        lone = run and stripped and w.glued_lone(tokens[first + stripped - 1], run[0], settings)
        if run and lone and not counts:
            continue  # 線|上|感測, 無|液壓…, 生|質|材料轉化: a piece of a word or a verb of it
        if run and run[0][2] == tokens[first][2]:
            run = [*w.hyphenated(tokens, first), *run]  # 5G-Advanced: one name
        following = tokens[k + 1] if k + 1 < len(tokens) else w.STOP
        if not run or _not_trailing(following, settings):
            continue
        while len(run) > 1 and run[-1][0] in settings.qualifiers:
            run = run[:-1]  # X基礎技術, X關鍵技術: the technique is X
        if _names_nothing(run, settings):
            continue
        start = run[0][2]
        name_end = min(at + len(word) - cut, run[-1][2] + len(run[-1][0]))
        name = "".join(t[0] for t in run)[: name_end - start]
        if settings.min_chars <= len(name) <= settings.max_chars and not w.generic(name, settings):
            bare = w.unmodified(name, {t[2] - start for t in run}, settings)
            out.append((start, at + len(word), name_end - len(bare), name_end))
    return out


def _not_trailing(following: Token, settings: ChunkSettings) -> bool:
    """Whether the word after 技術 makes it no technique's end: a lone character of a longer
    word (技術|司; not the clause's adverb or verb, ``technique_followers``: 技術|已進行) or a
    noun 技術 qualifies (技術平台, 技術能量)."""
    lone = w.lone(following, settings) and following[1] not in settings.technique_followers
    return lone or following[1] in w.NOUNS


def _names_nothing(run: Sequence[Token], settings: ChunkSettings) -> bool:
    """Whether X of X技術 names no technique: a modifier or a count qualifies 技術 alone
    (…先進技術, 氧化物三大技術); lone characters only are pieces of a word jieba did not
    know (實|境|場); a making verb last is the making of a thing (產品開發(l)|技術)."""
    if run[-1][0] in settings.modifiers or counted_inside(run, settings.counting):
        return True
    if all(w.lone_char(t[0]) for t in run):
        return True
    return run[-1][0].endswith(tuple(settings.making_verbs))


def counted_inside(tokens: Sequence[Token], counting: Counting) -> bool:
    """Whether a count (三|大, 兩|型, 兩種 as one word; digits and a counter, 81|項, not a unit,
    8|吋晶圓) comes after the first of ``tokens``: a count inside a phrase introduces a category
    (控制系統三大核心元件, 潛力共81項技術, 鈮與HA兩種電漿噴塗技術), no name. One in front is cut
    (三大|試產線)."""
    c = counting
    return any(
        (t[1] == "m" and t[0][-1] in c.numerals and nxt[1] in c.measures and len(nxt[0]) == 1)
        or (t[1] == "m" and len(t[0]) == 2 and t[0][0] in c.numerals and t[0][1] in c.counters)
        or (t[0].isdigit() and nxt[0] in c.counters)
        for t, nxt in pairwise(tokens[1:])
    )
