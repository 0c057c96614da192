"""Which resolved mentions count: the longest span per place, and per label for MENTIONED_IN.

A name inside a longer one is no mention of its own where the longer one is the same kind of
thing (半導體 in 化合物半導體), and is where it is another (an agency inside a programme's
name). Read by extract, covers and articlework after the resolve stage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .records import FOREIGN_BODY, Label, Mention
from .resolve import BODY_LABELS, Resolved

#: Sources of names found by their shape (the chunker's, the CRF's), each a kind of the known
#: name it starts with (碳化矽 in 碳化矽功率元件 still counts).
SHAPED_SOURCES = frozenset({"chunk", "crf"})


def best_spans(resolved: Sequence[Resolved]) -> list[Resolved]:
    """Non-overlapping mentions per block: longest first, lexicon before learned before pattern."""
    rank = {"lexicon": 0, "learned": 1, "ckip": 2, "ner": 2, "pattern": 3, "chunk": 4, "list": 5}
    rank["crf"] = 6  # a tagged name of the same span as a rule's is the rule's
    order = sorted(
        resolved,
        key=lambda r: (
            r.mention.block,
            -(r.mention.end - r.mention.start),
            rank.get(r.mention.source, 9),
        ),
    )
    taken: dict[int, list[tuple[int, int]]] = {}
    out = []
    for r in order:
        m = r.mention
        spans = taken.setdefault(m.block, [])
        if any(m.start < e and s < m.end for s, e in spans):
            continue
        spans.append((m.start, m.end))
        out.append(r)
    return sorted(out, key=lambda r: (r.mention.block, r.mention.start))


def counted_spans(resolved: Sequence[Resolved]) -> list[Resolved]:
    """The mentions that count: longest spans per label, 半導體 inside 化合物半導體 not counted,
    an agency inside a programme's name counted. A name the chunker found by its shape is a
    kind of the known name it starts with: 碳化矽 in 碳化矽功率元件 still counts, 半導體 in
    功率半導體元件 does not.
    """
    resolved = _outside_wholes(resolved)
    by_label: dict[Label, list[Resolved]] = defaultdict(list)
    shaped: list[Resolved] = []
    for r in resolved:
        (shaped if r.mention.source in SHAPED_SOURCES else by_label[r.term.label]).append(r)
    known = [s for label in sorted(by_label) for s in best_spans(by_label[label])]
    # An organisation's name inside or across a longer agency's is a piece of it (光電系統研究所,
    # 工研院電子 of 工研院電子與光電系統研究所); an agency inside an organisation's name (能源署 in
    # 能源署研究所) is mentioned.
    agencies = _by_block(k for k in known if k.term.label is Label.AGENCY)
    known = [
        k for k in known if k.term.label is not Label.ORGANIZATION or not _crosses(k, agencies)
    ]
    # A technology inside a law's, a policy's, a scheme's or a body's name (人工智慧 in 人工智慧
    # 基本法, 表面處理 in 表面處理工業同業公會) is a word of that name, no mention of it.
    titles = _by_block(k for k in known if k.term.label in TITLED)
    known = [k for k in known if k.term.label is not Label.TECHNOLOGY or not _inside_any(k, titles)]
    # A shape inside a longer known name (管理資訊雲端系統 in 應變管理資訊雲端系統) is part of
    # it; a programme's name names its technical subject (自適應…生產決策 in …生產決策技術).
    named = _by_block(k for k in known if k.term.label is not Label.PROGRAMME)
    compounds = [c for c in best_spans(shaped) if not _inside_any(c, named)]
    kept = {(c.mention.block, c.mention.start, c.mention.end) for c in compounds}
    per_block = _by_block(compounds)
    out = list(compounds)
    for r in known:
        m = r.mention
        inside = [c for c in per_block.get(m.block, ()) if _overlap(c, m)]
        if (m.block, m.start, m.end) in kept and r.term.label is Label.TECHNOLOGY:
            continue  # the same span, already counted
        if r.term.label is not Label.TECHNOLOGY or all(c.start == m.start for c in inside):
            out.append(r)
    return out


#: Labels of things whose names hold words of other entities: titled ones (a law, a policy, a
#: scheme) and bodies named after their field (表面處理工業同業公會, 電子與光電系統研究所).
TITLED = frozenset(
    {Label.REGULATION, Label.POLICY, Label.SUBSIDY_SCHEME, Label.ORGANIZATION, Label.AGENCY}
)


def _by_block(found: Iterable[Resolved]) -> dict[int, list[Mention]]:
    """The mentions of ``found`` per block (a name lies inside another of its block only)."""
    out: dict[int, list[Mention]] = defaultdict(list)
    for r in found:
        out[r.mention.block].append(r.mention)
    return out


def _crosses(r: Resolved, spans: dict[int, list[Mention]]) -> bool:
    """Whether ``r``'s span overlaps a longer one of ``spans`` (per block)."""
    m = r.mention
    return any(_overlap(m, o) and o.end - o.start > m.end - m.start for o in spans.get(m.block, ()))


def _inside_any(r: Resolved, spans: dict[int, list[Mention]]) -> bool:
    """Whether ``r``'s span lies within a longer one of ``spans`` (per block)."""
    return any(_within(r.mention, m) for m in spans.get(r.mention.block, ()))


def _outside_wholes(resolved: Sequence[Resolved]) -> list[Resolved]:
    """``resolved`` without the names inside a whole one: a table row's name cell names one
    entity (科技部 in India's 科技部(DST) is no mention of Taiwan's 科技部), a body abroad
    holds no Taiwanese agency (國防部 in 美國國防部), and a technology's English name the
    document defines holds no body (Meta in 元學習(Meta Learning))."""
    rows: dict[int, list[Mention]] = defaultdict(list)
    abroad: dict[int, list[Mention]] = defaultdict(list)
    glosses: dict[int, list[Mention]] = defaultdict(list)
    for r in resolved:
        if r.mention.source == "table-row":
            rows[r.mention.block].append(r.mention)
        elif r.term.kind == FOREIGN_BODY:
            abroad[r.mention.block].append(r.mention)
        elif _english_gloss(r):
            glosses[r.mention.block].append(r.mention)

    def inside(r: Resolved) -> bool:
        m = r.mention
        if any(_within(m, w) for w in rows.get(m.block, ())):
            return True
        if r.term.label in BODY_LABELS and any(_within(m, w) for w in glosses.get(m.block, ())):
            return True
        return r.term.label is Label.AGENCY and any(_within(m, w) for w in abroad.get(m.block, ()))

    return [r for r in resolved if not inside(r)]


def _english_gloss(r: Resolved) -> bool:
    """Whether ``r`` is a technology's English name of several words that the document itself
    defines (元學習(Meta Learning)): a whole name, whose first word is no body's (Meta)."""
    text = r.mention.text
    return (
        r.term.label is Label.TECHNOLOGY
        and r.mention.source == "learned"
        and text.isascii()
        and " " in text.strip()
    )


def _within(a: Mention, b: Mention) -> bool:
    """Whether ``a`` is a shorter span inside ``b``'s."""
    inside = a.block == b.block and b.start <= a.start and a.end <= b.end
    return inside and a.end - a.start < b.end - b.start


def _overlap(a: Mention, b: Mention) -> bool:
    return a.block == b.block and a.start < b.end and b.start < a.end
