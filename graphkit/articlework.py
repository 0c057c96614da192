"""Which passages of an article state whose work, and the work they state.

An article is read section by section (a heading opens one): a section that names one of the
article's programmes states that programme's work (an article with several may say which does
what), and the subject a sentence's work belongs to is the last one named before it in its
section (本計畫… in an earlier paragraph makes 此外，結合X技術 the programme's means). The
clause rules themselves are :mod:`graphkit.develops`; :class:`graphkit.extract.Extractor` turns
what :func:`article_work` finds into DEVELOPS relations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .develops import DevelopsSettings, gloss_head, own_work
from .normalise import name_key
from .records import Block, Label, ProgrammeList, Term
from .resolve import Resolved
from .segment import sentences
from .spans import counted_spans

#: A programme's key (its node, in the extractor).
K = TypeVar("K")

#: A sentence and its offset in the document.
Found = tuple[str, int]


@dataclass(frozen=True, slots=True)
class ArticleWork(Generic[K]):
    """What an article says of its technologies.

    Attributes:
        counts: Mentions per technology (its name) in the article.
        terms: Each technology's term, as first mentioned.
        first: Each technology's first sentence (the evidence of its naming a programme).
        work: The sentence stating a technology's work, per (technology, programme key): the
            first that names the programme (本計畫, 科技專案 …), else the first.
        named: The keys of ``work`` whose sentence names the programme.
    """

    counts: Counter[str] = field(default_factory=Counter)
    terms: dict[str, Term] = field(default_factory=dict)
    first: dict[str, Found] = field(default_factory=dict)
    work: dict[tuple[str, K], Found] = field(default_factory=dict)
    named: set[tuple[str, K]] = field(default_factory=set)


def article_work(
    blocks: Sequence[Block],
    mentions: Sequence[Sequence[Resolved]],
    programmes: Mapping[K, str],
    settings: DevelopsSettings,
) -> ArticleWork[K]:
    """The technologies an article's ``blocks`` (with their resolved ``mentions``) mention,
    and which of them each programme (key → name) is said to work on.

    A mention states work when its clause does (:func:`graphkit.develops.own_work`), the
    subject being the last one named before it in its section; the work is that of the
    programmes whose section it is in (:func:`scopes`). A 相關科技專案 block is counted, never
    read for work.
    """
    found: ArticleWork[K] = ArticleWork()
    texts = [b.text if b.is_prose else "" for b in blocks]
    section = ""  # the section's text before the block: where its subject may be named
    owned = False  # whether the section's heading states the programme's work
    executing = _executing(blocks, mentions)
    for b, spans, whose in zip(blocks, mentions, scopes(texts, programmes, settings), strict=True):
        if settings.heading.match(b.text):
            section, owned = "", _states_work(b.text, settings)
        # 半導體 inside 化合物半導體 is no mention of 半導體, 碳化矽 in 碳化矽晶圓 is.
        for r in (r for r in counted_spans(spans) if r.term.label is Label.TECHNOLOGY):
            name = r.term.name
            found.counts[name] += 1
            found.terms.setdefault(name, r.term)
            text, offset = sentence_at(b, r.mention.start)
            found.first.setdefault(name, (text, offset))
            if isinstance(b.record, ProgrammeList) or all((name, w) in found.named for w in whose):
                continue
            local = r.mention.start - (offset - b.offset)
            # The sentence is stripped: find the mention again near its offset.
            at = text.find(b.text[r.mention.start : r.mention.end], max(0, local - 2))
            lead = "" if settings.heading.match(text) else section + b.text[: offset - b.offset]
            if at < 0:
                continue  # not found again in its sentence
            end = at + r.mention.end - r.mention.start
            at += _verb_in_front(text[at:end], r.term.name, settings)
            if _glossing(text, at, r.term.surface_forms):
                continue  # a gloss is read where the name it glosses is (委託開發…服務(CDMO))
            actors = _actors(b, spans, offset, text)
            agencies = _actors(b, spans, offset, text, Label.AGENCY, executing)
            if own_work(text, at, end, settings, lead, True, actors, owned, agencies):
                named = any(o in text for o in settings.own)  # the evidence an analyst cites
                for w in whose:
                    if (name, w) not in found.work or (named and (name, w) not in found.named):
                        found.work[(name, w)] = (text, offset)
                    if named:
                        found.named.add((name, w))
        section += b.text + "\n"
    _fields_of_work(found)
    return found


def _fields_of_work(found: ArticleWork[K]) -> None:
    """A technology of the article whose name opens the name of one worked on is the field
    that work is named in (天線透鏡 of 投入天線透鏡材料與結構技術開發): the programme's work too,
    stated by the same sentence.
    """
    names = [n for n in found.terms if len(n) >= 3]  # not a bare head (晶片 of 晶片模組)
    for (longer, w), (text, offset) in list(found.work.items()):
        for n in names:
            if n != longer and longer.startswith(n) and n in text and (n, w) not in found.work:
                found.work[(n, w)] = (text, offset)
                if (longer, w) in found.named:
                    found.named.add((n, w))


def _states_work(heading: str, settings: DevelopsSettings) -> bool:
    """Whether a heading states the programme's work: after its mark or number (■, 【, 二、)
    it opens with a verb of work or of its means (運用X模組 提升…, 開發Y技術) or with a
    technique (``heading_technique`` its first word, ``heading_word_end`` after it, or a verb:
    ■ 動態庫存預測技術 精準管理庫存 ■, ■ X技術整合發展 ■), and does not end in a state of
    the field (``heading_states``: 現況, 趨勢, 背景, before its closing marks,
    ``heading_closers``); its section is then the programme's.

    >>> from graphkit.develops import load_settings
    >>> s = load_settings()
    >>> _states_work("運用生成式AI模組 提升設備價值", s), _states_work("■ 庫存預測技術 管理 ■", s)
    (True, True)
    >>> _states_work("【金屬製造業導入AI的挑戰】", s), _states_work("■ 全球AI晶片技術趨勢 ■", s)
    (False, False)
    >>> _states_work("■ 智慧船舶關鍵技術整合發展 ■", s)  # a verb after the technique
    True
    >>> _states_work("二、發展現況", s), _states_work("■ 整合幹細胞產品 為重要的發展趨勢 ■", s)
    (False, False)
    """
    text = heading.strip()
    body = next(
        (text[i:] for i in range(len(text), -1, -1) if settings.item_opens.match(text[:i])), text
    )
    if body.rstrip(settings.heading_closers).endswith(settings.heading_states):
        return False  # 二、發展現況, ■ 推動背景 ■: a state of the field, background
    verbs = (*settings.work_verbs, *settings.means, *settings.means_opens)
    if body.startswith(verbs) and not body.startswith(settings.not_means):
        return True
    # …技術 ends the heading's first word, or a verb follows it
    technique = settings.heading_technique.match(body)
    rest = body[technique.end() :] if technique else ""
    return technique is not None and (
        settings.heading_word_end.match(rest) is not None or rest.startswith(verbs)
    )


def _verb_in_front(printed: str, name: str, settings: DevelopsSettings) -> int:
    """The length of the verb a mention's printed form opens with and its name leaves out
    (發展中空碳纖複材構件技術 names 中空碳纖複材構件): that verb is said of the name.

    >>> from graphkit.develops import load_settings
    >>> s = load_settings()
    >>> _verb_in_front("發展主權AI", "主權AI", s), _verb_in_front("開發者平臺", "開發者平臺", s)
    (2, 0)
    """
    verbs = (*settings.work_verbs, *settings.own_verbs, *settings.means)
    key = name_key(name)
    return max(
        (len(v) for v in verbs if printed.startswith(v) and not key.startswith(name_key(v))),
        default=0,
    )


def _glossing(text: str, at: int, forms: Sequence[str]) -> bool:
    """Whether the mention at ``at`` of ``text`` is in the bracket of a Latin gloss right after
    another form of its name: that name's own mention says whether it is work, not the
    gloss's (the verb in 委託開發暨製造服務(CDMO) states no work on CDMO).

    >>> _glossing("補足委託開發服務(CDMO)能量", 9, ["委託開發服務", "CDMO"])
    True
    >>> _glossing("開發晶片(CDMO)", 5, ["委託開發服務", "CDMO"])
    False
    """
    head = gloss_head(text, at)
    if head == at:
        return False  # in no gloss
    before = name_key(text[:head])
    return any(before.endswith(name_key(f)) for f in forms if name_key(f))


def _executing(blocks: Sequence[Block], mentions: Sequence[Sequence[Resolved]]) -> set[str]:
    """The executing agencies (the 執行單位 of the article's programme block): their work is the
    programme's; another agency opening a clause does not state it (資策會則開發X in an
    article 工研院 executes)."""
    return {
        r.term.name
        for b, spans in zip(blocks, mentions, strict=True)
        if isinstance(b.record, ProgrammeList)
        for r in spans
        if r.term.label is Label.AGENCY
    }


def _actors(
    block: Block,
    spans: Sequence[Resolved],
    offset: int,
    text: str,
    label: Label = Label.ORGANIZATION,
    names: Collection[str] | None = None,
) -> list[int]:
    """Where the organisations (or what else ``label`` names: agencies, only those of ``names``
    where given) of ``block`` (its resolved ``spans``) are named in its sentence ``text`` at
    document ``offset``."""
    base = offset - block.offset
    found = []
    for r in spans:
        if r.term.label is label and (names is None or r.term.name in names):
            name = block.text[r.mention.start : r.mention.end]
            at = text.find(name, max(0, r.mention.start - base - 2))
            if at >= 0 and abs(at - (r.mention.start - base)) <= 2:
                found.append(at)
    return found


def sentence_at(block: Block, start: int) -> tuple[str, int]:
    """The sentence of ``block`` containing character ``start``, and its document offset."""
    for text, offset in sentences(block.text, block.offset):
        local = offset - block.offset
        if local <= start < block.text.find(text, local) + len(text):
            return text, offset
    return block.text, block.offset


def scopes(
    blocks: Sequence[str], programmes: Mapping[K, str], settings: DevelopsSettings
) -> list[frozenset[K]]:
    """Whose work each of an article's ``blocks`` states: the keys of ``programmes`` (key →
    name) the text says do it.

    An article with several programmes may say which does what: a section (from a heading to
    the next) that names some of them is their work, from the block naming them on (before
    that, the heading and the blocks before the first naming are all programmes' work, unless
    the block right after the heading names them); a section naming none is the work of all.
    An empty block (a table) names none.

    >>> from graphkit.develops import load_settings
    >>> p = {"a": "衛星通訊系統計畫", "b": "射頻晶片開發計畫"}
    >>> s = load_settings()
    >>> blocks = ["總論。", "■ 射頻晶片為先鋒 ■", "科技專案「射頻晶片」開發晶片。", "並開發模組。"]
    >>> [sorted(x) for x in scopes(blocks, p, s)]
    [['a', 'b'], ['b'], ['b'], ['b']]
    """
    everyone = frozenset(programmes)
    out: list[frozenset[K]] = []
    section: list[frozenset[K]] = []  # what each block of the current section names
    for text in blocks:
        if settings.heading.match(text) and section:
            out.extend(_section_scopes(section, everyone))
            section = []
        section.append(frozenset(k for k, n in programmes.items() if _names(text, n, settings)))
    if section:  # the last section ends with the article, whatever a heading looks like
        out.extend(_section_scopes(section, everyone))
    return out


def _section_scopes(named: list[frozenset[K]], everyone: frozenset[K]) -> list[frozenset[K]]:
    """Per block of a section, the programmes last named; before the first naming, all of
    them, unless the block after the section's heading names them (the heading's too).

    >>> a, b, e = frozenset("a"), frozenset("b"), frozenset("ab")
    >>> _section_scopes([frozenset(), a, frozenset(), b], e) == [a, a, a, b]
    True
    >>> _section_scopes([frozenset(), frozenset(), a], e) == [e, e, a]
    True
    """
    current = named[1] if len(named) > 1 and named[1] else everyone
    out = []
    for n in named:
        current = n or current
        out.append(current)
    return out


def _names(text: str, programme: str, settings: DevelopsSettings) -> bool:
    """Whether ``text`` names the programme: its full name, or a quote of it that may leave
    generic words off its end (「X技術」 for X技術開發計畫).

    >>> from graphkit.develops import load_settings
    >>> s = load_settings()
    >>> _names("科技專案「鋼鐵減碳技術」研發塗層", "鋼鐵減碳技術開發計畫", s)
    True
    >>> _names("科技專案「鋼鐵」研發塗層", "鋼鐵減碳技術開發計畫", s)
    False
    >>> _names("「技術」", "技術開發計畫", s)  # a name of generic words only: by its whole name
    False
    """
    if programme in text:
        return True
    stem = _stem(name_key(programme), settings)
    quotes = _quoted.findall(text)
    return len(stem) > 1 and any(_stem(name_key(q), settings) == stem for q in quotes)


#: A quoted name.
_quoted = re.compile(r"「([^「」]+)」")


def _stem(name: str, settings: DevelopsSettings) -> str:
    """``name`` without the generic words it ends with (計畫, 技術 …)."""
    while end := next((w for w in settings.name_suffixes if name.endswith(w)), ""):
        name = name[: -len(end)]
    return name
