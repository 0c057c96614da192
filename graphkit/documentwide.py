"""Recognition rules over a document's mentions as a whole (:mod:`graphkit.recognise`): a name a
pattern found is a name wherever the document prints it, the scope a rule's
``unless_document_has`` reads, and a lexicon's label before a pattern's on one span."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .records import Label, Mention, Segmented

#: Shorter names found by a pattern are as often general words (數位轉型, 智慧醫療) as names.
SPREAD_CHARS = 5


def spread(seg: Segmented, mentions: Sequence[Mention], labels: frozenset[Label]) -> list[Mention]:
    """Where a pattern found a name of one of ``labels`` (《產業創新條例》, 推動「國家希望工程」),
    the same name printed anywhere else in the document, without the context, is a mention.

    >>> from graphkit.records import Block, BlockKind, DocumentInfo
    >>> texts = ["推動「國家希望工程」", "從國家希望工程到五大產業"]
    >>> blocks = tuple(Block(BlockKind.PARAGRAPH, t, 0) for t in texts)
    >>> seg = Segmented(DocumentInfo("t.txt", "0", "t"), "", blocks)
    >>> found = [Mention(Label.POLICY, "國家希望工程", 0, 3, 9, source="pattern")]
    >>> [(m.block, m.start, m.text) for m in spread(seg, found, frozenset({Label.POLICY}))]
    [(1, 1, '國家希望工程')]
    """
    names: dict[str, Mention] = {}
    for m in mentions:
        if m.source == "pattern" and m.label in labels and len(m.text) >= SPREAD_CHARS:
            names.setdefault(m.text, m)
    if not names:
        return []
    taken = {(m.block, m.start, m.end, m.label) for m in mentions}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    out: list[Mention] = []
    for i, b in enumerate(seg.blocks):
        for hit in pattern.finditer(b.text):
            m = names[hit.group()]
            if (i, hit.start(), hit.end(), m.label) not in taken:
                out.append(Mention(m.label, hit.group(), i, hit.start(), hit.end(), key=m.key,
                                   source="pattern", kind=m.kind))  # fmt: skip
    return out


def scope_kinds(seg: Segmented) -> list[frozenset[str]]:
    """Per block, the block kinds of its scope, for rules with ``unless_document_has``: its
    article's blocks when it is in one (an article without its own 相關科技專案 block names its
    programmes in prose), the whole document's otherwise.

    >>> from graphkit.records import Block, DocumentInfo
    >>> kinds = [("paragraph", "A"), ("programme_block", "A"), ("paragraph", "B"), ("x", None)]
    >>> blocks = tuple(Block(k, "甲", 0, article=a) for k, a in kinds)
    >>> [sorted(k) for k in scope_kinds(Segmented(DocumentInfo("t.txt", "0", "t"), "", blocks))]
    ... # doctest: +NORMALIZE_WHITESPACE
    [['paragraph', 'programme_block'], ['paragraph', 'programme_block'], ['paragraph'],
     ['paragraph', 'programme_block', 'x']]
    """
    whole = frozenset(str(b.kind) for b in seg.blocks)
    articles: dict[tuple[str | None, ...], set[str]] = {}
    for b in seg.blocks:
        if b.article is not None:
            articles.setdefault((b.domain, b.chapter, b.article), set()).add(str(b.kind))
    return [
        whole if b.article is None else frozenset(articles[(b.domain, b.chapter, b.article)])
        for b in seg.blocks
    ]


def known_first(mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` without a pattern's where a lexicon names the same span under another
    label: 「三加一產業創新計畫」 is quoted like a programme, and the lexicon knows a policy.

    >>> found = [Mention(Label.POLICY, "甲乙計畫", 0, 1, 5, key="甲乙", source="lexicon"),
    ...          Mention(Label.PROGRAMME, "甲乙計畫", 0, 1, 5, source="pattern"),
    ...          Mention(Label.PROGRAMME, "丙丁計畫", 0, 7, 11, source="pattern")]
    >>> [(m.label.value, m.text) for m in known_first(found)]
    [('Policy', '甲乙計畫'), ('Programme', '丙丁計畫')]
    """
    known = {(m.block, m.start, m.end): m.label for m in mentions if m.source == "lexicon"}
    return [
        m
        for m in mentions
        if m.source != "pattern" or known.get((m.block, m.start, m.end), m.label) is m.label
    ]


def outside_names(mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` without a known policy's inside a longer name a pattern found of another
    label: X in X推動委員會 (a body) or X生根計畫 (a programme) is a piece
    of that name, no mention of the policy.

    >>> found = [Mention(Label.POLICY, "甲乙", 0, 1, 3, key="甲乙", source="lexicon"),
    ...          Mention(Label.AGENCY, "甲乙推動委員會", 0, 1, 8, source="pattern"),
    ...          Mention(Label.POLICY, "甲乙", 0, 10, 12, key="甲乙", source="lexicon")]
    >>> [(m.label.value, m.start) for m in outside_names(found)]
    [('Agency', 1), ('Policy', 10)]
    """
    names = [m for m in mentions if m.source == "pattern" and m.label is not Label.POLICY]

    def inside(m: Mention) -> bool:
        return any(
            n.block == m.block
            and n.start <= m.start
            and m.end <= n.end
            and len(n.text) > len(m.text)
            for n in names
        )

    return [
        m for m in mentions if m.label is not Label.POLICY or m.source != "lexicon" or not inside(m)
    ]
