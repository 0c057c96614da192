"""Latin names in a list of technologies: CMOS in CMOS與GaN製程廠, InP in GaN、InP等.

A Latin name (CMOS, InP, mMIMO) no lexicon knows is as often an organisation, a unit, a
metric or a product code as a technology. In an enumeration (A、B與C, items joined by the
chunker's ``joiners``) whose other items are technologies the lexicon knows, it is one of
them: the list shares its items' type. An item is Latin when it is one word of Latin letters
and digits (with ``-`` and ``.`` inside: 5G-Advanced, 2.5D); a known item is a technology's
name, or starts with a Latin one right before a Chinese character (GaN|製程廠: two kinds of
one head). A list holding a name the lexicon knows under another label (an organisation)
shares nothing; a unit (``units`` of ``schema/rules/chunk.json``, after one of its
``unit_prefixes``: GHz) is no name. The marks that end a list are its ``latin_list_ends``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from .rulefile import RulesFile

#: A Latin item: letters and digits, with inner hyphens, dots and single spaces.
_LATIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.\-]| (?=[A-Za-z0-9]))*[A-Za-z0-9]|[A-Za-z]")
#: An item: a Latin name, after Chinese words introducing the list, before 等 ending it.
_ITEM = re.compile(rf"\s*(?P<before>[\u4e00-\u9fff]*)(?P<name>{_LATIN.pattern})\s*(?P<after>等.*)?")
#: A Latin technology at the start of an item, right before a Chinese character.
_LEAD = re.compile(r"([A-Za-z0-9][A-Za-z0-9.\-]*)(?=[\u4e00-\u9fff])")
#: A Latin name ending an item, after a Chinese character (實現|GaN).
_END = re.compile(r"(?<=[\u4e00-\u9fff])([A-Za-z0-9][A-Za-z0-9.\-]*)$")
#: A number that may lead a unit (28GHz, 2.5GB).
_NUMBER = re.compile(r"\d*(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class LatinMarks:
    """``unit_prefixes`` and ``latin_list_ends`` of ``rules/chunk.json``: the SI prefixes a unit
    may carry (GHz, mW, μm) and the marks that end a list (a clause's punctuation, brackets)."""

    prefixes: frozenset[str]
    ends: re.Pattern[str]


def load_marks(rf: RulesFile) -> LatinMarks:
    """:class:`LatinMarks` from the chunker's rules file."""
    return LatinMarks(frozenset(rf.words("unit_prefixes", non_empty=True)),
                      rf.pattern("latin_list_ends"))  # fmt: skip


@cache
def packaged_marks() -> LatinMarks:
    """:class:`LatinMarks` of the packaged ``rules/chunk.json`` (the chunker's settings hold
    none of their own yet)."""
    return load_marks(RulesFile.packaged("chunk"))


def latin_items(
    text: str,
    joiners: Iterable[str],
    known: Mapping[str, bool],
    units: frozenset[str],
    others: frozenset[str] = frozenset(),
    marks: LatinMarks | None = None,
) -> list[tuple[int, int]]:
    """Offsets of the Latin items of the lists in ``text`` that share a technology's type.

    ``known`` maps a lexicon name (lower case) to whether it is a technology's; ``others``
    are Latin words that name no technology (ESG, ISO, Q1: a goal, a body, a quarter);
    ``marks`` end a list and prefix a unit (:func:`packaged_marks` unless given).
    """
    marks = marks or packaged_marks()
    alternation = "|".join(re.escape(j) for j in sorted(joiners, key=len, reverse=True))
    out: list[tuple[int, int]] = []
    at = 0
    for piece in marks.ends.split(text):
        start = text.index(piece, at)
        at = start + len(piece)
        items = [(m.start(), m.end()) for m in _items(piece, alternation)]
        if len(items) < 2:
            continue
        names = [piece[a:z] for a, z in items]
        cores = [_core(n, k == len(names) - 1) for k, n in enumerate(names)]
        if any(False in _words_known(n, known) for n in cores):
            continue  # a list of bodies, or of bodies and things: no type to share
        techs = [True in _words_known(n, known) for n in cores]
        if not _typed(cores, names[-1], techs, known):
            continue
        for k, ((a, _), name) in enumerate(zip(items, names, strict=True)):
            found = _latin_in(name, k == 0, k == len(items) - 1)
            if techs[k] or found is None:
                continue
            word = name[found[0] : found[1]]
            if (
                _latin(word, units, marks.prefixes)
                and word.lower() not in known
                and word not in others
            ):
                out.append((start + a + found[0], start + a + found[1]))
    return out


def _typed(cores: list[str], last: str, techs: list[bool], known: Mapping[str, bool]) -> bool:
    """Whether a list's known items (``cores``: the items without the 等… ending the ``last``
    one) say it lists technologies: two of them (AI、5G與ESG has one: ESG is a goal), or one that
    names a head after it (CMOS與GaN|製程廠: two kinds of one head) or one before 等 and a head
    (SiC、AlN、GaN等材料)."""
    heads = sum(1 for n in cores if (lead := _LEAD.match(n)) and known.get(lead[1].lower()))
    closed = "等" in last and len(cores[-1]) < len(last.strip()) - 1
    return sum(techs) >= 2 or heads > 0 or (any(techs) and closed)


def _latin_in(item: str, first: bool, last: bool) -> tuple[int, int] | None:
    """Where an item's Latin name is: the whole item; in the first item, after the words
    that introduce the list (包括|CMOS); in the last, before 等 (InP|等化合物半導體)."""
    m = _ITEM.fullmatch(item)
    if m is None or (m["before"] and not first) or (m["after"] and not last):
        return None
    return m.start("name"), m.end("name")


def _items(piece: str, alternation: str) -> Iterable[re.Match[str]]:
    """The items of a list: the text between its joiners."""
    return re.finditer(f"(?:(?!{alternation}).)+", piece)


def _core(item: str, last: bool) -> str:
    """An item without the 等… that ends a list's last one (GaN|等材料)."""
    item = item.strip()
    return item.split("等", 1)[0] if last else item


def _words_known(name: str, known: Mapping[str, bool]) -> set[bool]:
    """What the lexicon says of an item's names (True: a technology's, False: another
    label's): the whole item, a Latin one right before a Chinese character (GaN|製程廠) or one
    ending it (實現|GaN)."""
    lead, end = _LEAD.match(name), _END.search(name)
    words = [name, *(m[1] for m in (lead, end) if m is not None)]
    return {v for w in words if (v := known.get(w.lower())) is not None}


def _latin(name: str, units: frozenset[str], prefixes: frozenset[str]) -> bool:
    """Whether ``name`` is one Latin word shaped as a name (two capitals or a digit: CMOS,
    InP, 3DIC; not Architecture, an English word), no unit (GHz: one of ``units`` after one
    of ``prefixes``, Gbps) nor a number."""
    if _LATIN.fullmatch(name) is None or not any(c.isalpha() for c in name):
        return False
    if sum(c.isupper() for c in name) < 2 and not any(c.isdigit() for c in name):
        return False
    number = _NUMBER.match(name)
    unit = name[number.end() if number else 0 :]  # 28GHz, 8GB: a number and its unit
    return unit not in units and not (unit[:1] in prefixes and unit[1:] in units)


def quantity(word: str, units: frozenset[str], prefixes: frozenset[str]) -> bool:
    """Whether ``word`` is a number and its unit (10kW, 28GHz, 1.5V: one of ``units`` after one
    of ``prefixes`` or none): how much of one thing, no kind of it.

    >>> units, prefixes = frozenset({"W", "Hz", "V"}), frozenset({"k", "G"})
    >>> [quantity(w, units, prefixes) for w in ("10kW", "28GHz", "1.5V", "5G", "3D", "kW")]
    [True, True, True, False, False, False]
    """
    number = _NUMBER.match(word)
    if number is None or not number.group() or not any(c.isdigit() for c in number.group()):
        return False
    unit = word[number.end() :]
    return unit in units or (unit[:1] in prefixes and unit[1:] in units)


def script_space(
    tokens: Sequence[tuple[str, str, int]], k: int, first: int, heads: tuple[str, ...] = ()
) -> bool:
    """Whether token ``k`` is a lone space between a Chinese and a Latin word (生成式 AI 模型),
    the spacing a document puts around Latin words, in a run starting at token ``first``: no
    boundary of a name, unless the run starts inside a phrase of spaced Latin words (R outer
    網路, A I 晶片: a word the text broke, or an English phrase's end), nor after a Chinese word
    ending in one of ``heads`` (半導體 AI 機器人: the name before the space is whole)."""
    if tokens[k][0] != " " or not 0 < k < len(tokens) - 1:
        return False
    left, right = _script(tokens[k - 1][0][-1:]), _script(tokens[k + 1][0][:1])
    if left is None or right is None or left == right:
        return False
    if left == "han" and tokens[k - 1][0].endswith(heads):
        return False
    inside = first >= 2 and tokens[first - 1][0] == " " and _script(tokens[first - 2][0][-1:])
    return not (inside == "latin" and _script(tokens[first][0][:1]) == "latin")


def _script(ch: str) -> str | None:
    """'han' for a Chinese character, 'latin' for a Latin letter, else None (a digit: 圖1 智慧…
    is a figure's number before its caption)."""
    if "\u4e00" <= ch <= "\u9fff":
        return "han"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return None
