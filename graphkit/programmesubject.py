"""The technical subject of a programme's name, as a term the document defines.

A programme is named after what it works on: 低軌衛星地面終端通訊系統技術開發及驗證測試計畫 is
the programme of 低軌衛星地面終端通訊系統. The subject is the name without its generic tail
(關鍵技術開發計畫, 研發與驗證) and its leading qualifiers (次世代), one per conjunct (A與B), read
with the segmenter so that a cut never falls inside a word nor inside a name the lexicon
knows (先進封裝|異質整合); the part after a link (X驅動Y, X之Y) is the subject, the part before
what it serves. A programme that builds no technology (人才培育計畫) has no subject. Where the
subject itself is not printed, its head part (the words after a head word: 低軌衛星地面通訊設備|
射頻前端) may be.

:func:`programme_subjects` makes each subject a Technology term of the document (origin
``programme-subject``) where the document prints it as a whole word outside the programme names
(or everywhere, with the ``alone`` setting): the recogniser then finds it like any term the
document defines, and :func:`graphkit.develops.named_subjects` links it to its programme. The
words are data (``schema/rules/programme_subject.json``), read once into frozen
:class:`SubjectSettings`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .chunk import load_settings as chunk_settings
from .chunkwords import Token, sentence
from .knowledge import all_lexicon_terms, rules
from .normalise import name_key
from .records import Label, ProgrammeLine, ProgrammeList, Segmented, Term
from .rulefile import RulesFile

__all__ = ["RULES", "SubjectSettings", "joined", "load_settings", "programme_subjects", "subjects"]

#: Name of the settings file under ``schema/rules``.
RULES = "programme_subject"

#: What a term made from a programme's name says it came from (:attr:`Term.origin`).
ORIGIN = "programme-subject"

#: The segmenter's tagger (:meth:`graphkit.chunk.Chunker.tag`).
Tagger = Callable[[str], Sequence[Token]]

#: A clause: names never cross punctuation.
_CLAUSE = re.compile(r"[^，。；：、！？,;:!?\n「」『』()（）]+")


@dataclass(frozen=True, slots=True)
class SubjectSettings:
    """What ``schema/rules/programme_subject.json`` holds, checked (see its ``_comment``).

    ``heads`` and ``generic`` are the chunker's (``schema/rules/chunk.json``): the head words
    of a name (系統, 設備, 晶片 …) and the words that are no name alone (系統, 通訊 …).
    """

    parts: tuple[str, ...]
    tails: tuple[str, ...]
    period: re.Pattern[str]
    openers: tuple[str, ...]
    not_last: frozenset[str]
    conjunctions: frozenset[str]
    links: frozenset[str]
    word_links: tuple[str, ...]
    stops: tuple[str, ...]
    min_chars: int
    alone: bool
    heads: tuple[str, ...]
    generic: frozenset[str]


def load_settings(data: dict[str, Any] | None = None) -> SubjectSettings:
    """The subject settings: ``schema/rules/programme_subject.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type (the message names the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    alone = rf.flag("alone")
    chunk = chunk_settings()
    longest = sorted(rf.words("tails", non_empty=True), key=len, reverse=True)
    return SubjectSettings(
        rf.words("parts"),
        tuple(longest),
        rf.pattern("period"),
        tuple(sorted({*rf.words("openers"), *chunk.modifiers}, key=len, reverse=True)),
        frozenset(rf.words("not_last")),
        frozenset(rf.words("conjunctions", non_empty=True)),
        frozenset(rf.words("links")),
        tuple(sorted(rf.words("word_links"), key=len, reverse=True)),
        tuple(sorted(rf.words("stops", non_empty=True), key=len, reverse=True)),
        rf.integer("min_chars", minimum=1),
        alone,
        tuple(sorted({*chunk.heads, *chunk.tails}, key=len, reverse=True)),
        chunk.generic | frozenset(longest),
    )


@cache
def _settings() -> SubjectSettings:
    return load_settings()


def subjects(name: str, tag: Tagger, settings: SubjectSettings | None = None) -> list[list[str]]:
    """The subjects of a programme's ``name``: per conjunct, its forms from the longest (the
    subject, then its head parts after a head word).

    >>> from graphkit.chunk import Chunker
    >>> tag = Chunker().tag
    >>> subjects("低軌衛星地面通訊設備射頻前端核心技術開發計畫", tag)[0][-1]
    '射頻前端'
    >>> subjects("智慧車輛關鍵技術與自動駕駛系統開發計畫", tag)
    [['智慧車輛'], ['自動駕駛系統']]
    """
    s = settings or _settings()
    out: list[list[str]] = []
    for part in _parts(name, s):
        for conjunct in _linked(part, tag, s):
            forms = [conjunct, *_head_parts(conjunct, tag, s)]
            if forms not in out:
                out.append(forms)
    return out


def _parts(name: str, s: SubjectSettings) -> list[str]:
    """A name's parts (a sub-title after a colon names another subject)."""
    parts = [name.strip()]
    for sep in s.parts:
        parts = [p.strip() for whole in parts for p in whole.split(sep) if p.strip()]
    return parts


def _boundaries(text: str, tag: Tagger) -> set[int]:
    """Where the segmenter's words of ``text`` start and end."""
    tokens = tag(text)
    return {0, len(text), *(at for _, _, at in tokens), *(at + len(w) for w, _, at in tokens)}


def _strip(text: str, tag: Tagger, s: SubjectSettings) -> str:
    """``text`` without its generic tail (tails, a period, a dangling conjunction) and its
    leading qualifiers, each cut at a word boundary.

    >>> from graphkit.chunk import Chunker
    >>> tag, s = Chunker().tag, load_settings()
    >>> _strip("化合物半導體元件系統整合應用計畫", tag, s), _strip("次世代醫療器材", tag, s)
    ('化合物半導體元件', '醫療器材')
    """
    while True:
        text = s.period.sub("", text).strip()
        tokens = tag(text)
        cuts = _boundaries(text, tag)
        ends = (*s.tails, *s.conjunctions)
        tail = next((t for t in ends if text.endswith(t) and len(text) - len(t) in cuts), None)
        if tail is None and tokens and _made_of(tokens[-1][0], s.tails):
            tail = tokens[-1][0]  # 技術開發, 開發計畫: one word of the segmenter's, all tail
        opener = next((o for o in s.openers if text.startswith(o) and len(o) in cuts), None)
        if tail is None and (opener is None or len(text) == len(opener)):
            return text
        text = text[: len(text) - len(tail)] if tail else text[len(opener or "") :]


def _made_of(word: str, parts: Sequence[str]) -> bool:
    """Whether ``word`` is a run of ``parts`` (技術開發: 技術 + 開發).

    >>> _made_of("技術開發", ("技術", "開發")), _made_of("技術人員", ("技術", "開發"))
    (True, False)
    """
    if not word:
        return True
    return any(word.startswith(p) and _made_of(word[len(p) :], parts) for p in parts)


def _linked(text: str, tag: Tagger, s: SubjectSettings) -> list[str]:
    """The conjuncts' subjects of ``text``: after its last link (X驅動Y: Y), or before it when
    nothing after is a subject and the part after is generic words and kinds of things only
    (無人機產業|發展: 無人機; 精準農業之|晶片創新與關鍵模組: 精準農業, what names the kind).
    A word after that is neither says what the programme works on, and the part before is
    only whom that serves (全齡健康之|創新治療產品, 生物資源之|營運優化: neither)."""
    text = _strip(text, tag, s)
    tokens = tag(text)
    links = _links(tokens, s)
    if links:
        start, end = links[-1]
        after = _linked(text[end:], tag, s)
        return after or (_linked(text[:start], tag, s) if _bare(text[end:], s) else [])
    return [c for c in (_conjunct(p, tag, s) for p in _split(text, tokens, s)) if c]


def _links(tokens: Sequence[Token], s: SubjectSettings) -> list[tuple[int, int]]:
    """Where the links of a name's ``tokens`` start and end: a link word after the first word,
    or the end of a word that ends in one of ``word_links`` (鋼鐵產業: 產業).

    >>> from graphkit.chunk import Chunker
    >>> _links(Chunker().tag("鋼鐵產業低碳排反應"), load_settings())
    [(2, 4)]
    """
    out = []
    for word, _, at in tokens:
        end = at + len(word)
        link = next((k for k in s.word_links if word.endswith(k) and len(word) > len(k)), None)
        if word in s.links and at > 0:
            out.append((at, end))
        elif link is not None:
            out.append((end - len(link), end))
    return out


def _bare(text: str, s: SubjectSettings) -> bool:
    """Whether ``text`` is generic words (stops, tails, openers, links) and head words (晶片,
    模組) only.

    >>> s = load_settings()
    >>> _bare("產業創新先期計畫", s), _bare("晶片創新與關鍵模組", s), _bare("創新治療產品", s)
    (True, True, False)
    """
    words = (*s.stops, *s.tails, *s.openers, *s.conjunctions, *s.links, *s.heads, *s.generic)
    return _made_of("".join(text.split()), words)


def _split(text: str, tokens: Sequence[Token], s: SubjectSettings) -> list[str]:
    """``text`` cut at its conjunctions (A與B: A, B)."""
    pieces, start = [], 0
    for word, _, at in tokens:
        if word in s.conjunctions:
            pieces.append(text[start:at])
            start = at + len(word)
    return [*pieces, text[start:]]


def _conjunct(text: str, tag: Tagger, s: SubjectSettings) -> str | None:
    """One conjunct's subject: cut at its first stop (量子科技|關鍵元件, 五軸工具機|空間精度),
    stripped; None when nothing of it is a subject."""
    text = _strip(text, tag, s)
    cut = _first_stop(text, tag, s)
    if cut is not None:
        text = _strip(text[:cut], tag, s)
    if text.endswith(s.stops):
        return None  # 切削性能: one word whose head is a stop (a property, a generic word)
    return text if _named(text, tag, s) else None


def _first_stop(text: str, tag: Tagger, s: SubjectSettings) -> int | None:
    """Where the first stop of ``text`` starts: a stop word whose end is a word boundary, or
    a word of the segmenter's made of stops and tails that opens with a stop (技術開發).

    >>> from graphkit.chunk import Chunker
    >>> _first_stop("工具機智動系統強健生產優化", Chunker().tag, load_settings())
    7
    """
    cuts = _boundaries(text, tag)
    for word, _, at in tag(text):
        if any(text.startswith(w, at) and at + len(w) in cuts for w in s.stops):
            return at
        if _made_of(word, (*s.stops, *s.tails)) and any(w in word for w in s.stops):
            return at
    return None


def _named(text: str, tag: Tagger, s: SubjectSettings) -> bool:
    """Whether ``text`` can be a subject: long enough, no generic word alone, no generic
    thing (a head word) after one short word (數位|系統, 電路|模組: too vague to name a
    thing; 6G|通訊 and 生物|製造, a field of work, are named), and no word last that
    names no thing there (``not_last``: 農工|智慧 of 農工智慧|轉型, 全齡|健康).

    >>> from graphkit.chunk import Chunker
    >>> tag, s = Chunker().tag, load_settings()
    >>> _named("數位系統", tag, s), _named("燃料電池系統", tag, s), _named("系統", tag, s)
    (False, True, False)
    >>> _named("6G通訊", tag, s), _named("生物製造", tag, s), _named("農工智慧", tag, s)
    (True, True, False)
    """
    words = [w for w, _, _ in tag(text) if w.strip()]
    short = len(words) == 2 and len(words[0]) <= 2
    vague = short and words[1] in s.generic and words[1].endswith(s.heads)
    unended = bool(words) and words[-1] in s.not_last
    return len(text) >= s.min_chars and text not in s.generic and not vague and not unended


def _head_parts(subject: str, tag: Tagger, s: SubjectSettings) -> list[str]:
    """The parts of ``subject`` after each of its head words, longest first: what it names a
    kind of (低軌衛星地面通訊設備射頻前端: 射頻前端)."""
    out = []
    for word, _, at in tag(subject):
        end = at + len(word)
        rest = _strip(subject[end:], tag, s)
        opens = rest[:1].isalpha() and not rest[:1].isdigit()  # 機器人|2.0+…: no part
        if word.endswith(s.heads) and 0 < end < len(subject) and opens and _named(rest, tag, s):
            out.append(rest)
    return list(dict.fromkeys(out))


def programme_subjects(
    seg: Segmented,
    tag: Tagger,
    learned: Sequence[Term] = (),
    settings: SubjectSettings | None = None,
) -> list[Term]:
    """``learned`` and a Technology term for the subject of each programme name of ``seg``
    where the document prints it as a whole word outside programme names (its first printed
    form; every subject with ``alone``). A subject the lexicon or ``learned`` knows is left to
    them."""
    s = settings or _settings()
    names = [
        line.name
        for b in seg.blocks
        if isinstance(b.record, ProgrammeList)
        for line in b.record.lines
        if isinstance(line, ProgrammeLine)
    ]
    if not names:
        return list(learned)
    # X技術 printed is an alias of X (the recogniser's technique suffix): a name that is one
    # (自適應人工智慧生產決策技術) is the programme's, and its X no term of the document.
    suffix = rules("recognise")["technique_suffix"]
    known = _known(learned) | {name_key(n)[: -len(suffix)] for n in names if n.endswith(suffix)}
    # Sentences only: a caption (圖2-1-3-2 X技術) or a heading is the programme's name again.
    caption = re.compile(rules("develops")["titles"])
    prose = [
        _unnamed(b.text, names)
        for b in seg.blocks
        if b.is_prose and sentence(b.text) and not caption.match(b.text)
    ]
    out: dict[str, Term] = {}
    for name in dict.fromkeys(names):
        lexicon = [f for f in _technologies() if f in name]
        for forms in subjects(name, joined(tag, lexicon), s):
            found = _first_printed(forms, prose, tag, known)
            if found is None and _alone(forms[0], tag, known, s):
                found = forms[0]
            if found is not None and found not in out:
                out[found] = Term(Label.TECHNOLOGY, found, origin=ORIGIN)
    return [*learned, *out.values()]


def _alone(subject: str, tag: Tagger, known: frozenset[str], s: SubjectSettings) -> bool:
    """Whether a subject printed only in programme names is a Technology all the same: with
    ``alone``, one that ends in a head word (a thing built: 工具機智動系統, 茶飲製造系統; not
    a field or an aim: 生醫韌性, 高齡照護模式) and that no known name spells."""
    if not s.alone or name_key(subject) in known or _in_parts(subject, tag, known):
        return False
    words = tag(subject)
    return bool(words) and words[-1][0].endswith(s.heads)


def joined(tag: Tagger, names: Iterable[str]) -> Tagger:
    """``tag`` with the words of each of ``names`` a text prints made one word (longest
    first, where the name starts and ends at a word boundary): a cut never falls inside a
    name the lexicon knows (先進封裝|異質整合, not 先進封裝異質|整合).

    >>> from graphkit.chunk import Chunker
    >>> tag = Chunker().tag
    >>> [w for w, _, _ in joined(tag, ["異質整合"])("封裝異質整合")]
    ['封裝', '異質整合']
    >>> [w for w, _, _ in joined(tag, ["智慧製造", "人工智慧製"])("人工智慧製造")]  # inside words
    ['人工智慧', '製造']
    """
    longest = sorted(names, key=len, reverse=True)

    def tagged(text: str) -> list[Token]:
        tokens = list(tag(text))
        for name in (n for n in longest if n in text):
            for m in re.finditer(re.escape(name), text):
                inside = [t for t in tokens if m.start() <= t[2] < m.end()]
                ends = {at + len(w) for w, _, at in inside}
                if inside and inside[0][2] == m.start() and m.end() in ends:
                    tokens = [t for t in tokens if t not in inside]
                    tokens.append((name, inside[0][1], m.start()))
            tokens.sort(key=lambda t: t[2])
        return tokens

    return tagged


@cache
def _technologies() -> tuple[str, ...]:
    """Every form of the lexicon's technologies."""
    return tuple(
        dict.fromkeys(
            f for t in all_lexicon_terms() if t.label is Label.TECHNOLOGY for f in t.surface_forms
        )
    )


def _known(learned: Iterable[Term]) -> frozenset[str]:
    """The keys of every name the lexicon or the document's own terms know."""
    terms = [*all_lexicon_terms(), *learned]
    return frozenset(name_key(f) for t in terms for f in t.surface_forms)


def _unnamed(text: str, names: Sequence[str]) -> str:
    """``text`` with the printings of programme names blanked out: a subject printed in a
    programme's name is the name printed, not the subject."""
    for name in names:
        text = text.replace(name, " " * len(name))
    return text


def _first_printed(
    forms: Sequence[str], prose: Sequence[str], tag: Tagger, known: frozenset[str]
) -> str | None:
    """The first of ``forms`` printed as a whole word in ``prose``; None when none is, or when
    a known name comes first (the lexicon recognises it already)."""
    for form in forms:
        if name_key(form) in known or _in_parts(form, tag, known):
            return None
        if any(_whole_word(text, form, tag) for text in prose):
            return form
    return None


def _in_parts(form: str, tag: Tagger, known: frozenset[str]) -> bool:
    """Whether ``form`` is known names one after another, cut at word boundaries (智慧工廠AI:
    智慧工廠, AI): the lexicon names its parts, and the form is no name of its own.

    >>> from graphkit.chunk import Chunker
    >>> _in_parts("智慧工廠AI", Chunker().tag, frozenset({"智慧工廠", "ai"}))
    True
    """
    cuts = sorted(_boundaries(form, tag))
    spelled = {0}
    for end in cuts[1:]:
        if any(name_key(form[a:end]) in known for a in spelled if a < end):
            spelled.add(end)
        elif not form[cuts[cuts.index(end) - 1] : end].strip():
            spelled |= {end} if cuts[cuts.index(end) - 1] in spelled else set()
    return len(form) in spelled


def _whole_word(text: str, form: str, tag: Tagger) -> bool:
    """Whether ``text`` prints ``form`` with no cut inside a word of its clause.

    >>> from graphkit.chunk import Chunker
    >>> tag = Chunker().tag
    >>> _whole_word("開發射頻前端核心產品", "射頻前端", tag), _whole_word("高通量", "高通", tag)
    (True, False)
    """
    if form not in text:
        return False
    clauses = list(_CLAUSE.finditer(text))
    for m in re.finditer(re.escape(form), text):
        clause = next((c for c in clauses if c.start() <= m.start() and m.end() <= c.end()), None)
        if clause is None:
            continue
        cuts = {clause.start() + b for b in _boundaries(clause.group(), tag)}
        if m.start() in cuts and m.end() in cuts:
            return True
    return False
