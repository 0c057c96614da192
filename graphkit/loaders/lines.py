"""What every loader shares: normalised lines with their offsets, page furniture removal, and
re-joining of lines the PDF broke.

>>> lines = split_lines("第一行\\n\\n第二行。")
>>> [(ln.text, ln.offset) for ln in lines]
[('第一行', 0), ('', 4), ('第二行。', 5)]
>>> ends_complete(lines[0].text), ends_complete(lines[2].text)
(False, True)
>>> join_lines([Line("產業技術", 0), Line("白皮書", 5)]), join_broken("AI", "chips")
('產業技術白皮書', 'AI chips')
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Characters that end a sentence or a complete line of prose.
TERMINAL = "。！？!?；;：:」』)）.…"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of normalised text and its offset in the document."""

    text: str
    offset: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Lines of ``text`` with their offsets (line breaks excluded)."""
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\f")
        out.append(Line(body, pos))
        pos += len(raw)
    return out


def drop_furniture(
    lines: Sequence[Line],
    patterns: Iterable[re.Pattern[str]],
    *,
    repeat_min: int = 0,
    repeat_max_len: int = 40,
) -> list[Line]:
    """Remove page furniture: lines matching ``patterns``, and short lines repeated often.

    Args:
        lines: the document's lines.
        patterns: regular expressions of known furniture (banners, page numbers, TOC lines).
        repeat_min: a short line seen at least this often is a running header or footer
            (0 disables the check).
        repeat_max_len: only lines up to this length count as repeated furniture.

    >>> lines = split_lines("頁首\\n正文一\\n頁首\\n12\\n正文二")
    >>> [ln.text for ln in drop_furniture(lines, [re.compile(r"^\\d+$")], repeat_min=2)]
    ['正文一', '正文二']
    """
    pats = tuple(patterns)
    repeated: set[str] = set()
    if repeat_min:
        counts = Counter(ln.stripped for ln in lines if 0 < len(ln.stripped) <= repeat_max_len)
        repeated = {t for t, n in counts.items() if n >= repeat_min}
    return [
        ln
        for ln in lines
        if not (any(p.search(ln.stripped) for p in pats) or ln.stripped in repeated)
    ]


def ends_complete(text: str) -> bool:
    """Whether a line ends like a finished sentence (or is empty)."""
    s = text.rstrip()
    return not s or s[-1] in TERMINAL


def join_broken(a: str, b: str) -> str:
    """Join two pieces of one paragraph that the PDF broke: no space between CJK characters."""
    a, b = a.rstrip(), b.lstrip()
    if a and b and (a[-1].isascii() and a[-1].isalnum()) and (b[0].isascii() and b[0].isalnum()):
        return f"{a} {b}"
    return a + b


def join_lines(lines: Sequence[Line]) -> str:
    """The text of a paragraph whose lines the PDF broke, joined back (see :func:`join_broken`)."""
    body = lines[0].stripped
    for ln in lines[1:]:
        body = join_broken(body, ln.stripped)
    return body


def next_index(lines: Sequence[Line], i: int) -> int:
    """The index of the first non-blank line at or after ``i`` (``len(lines)`` if none)."""
    while i < len(lines) and not lines[i].stripped:
        i += 1
    return i


def next_text(lines: Sequence[Line], i: int) -> str | None:
    """The first non-blank line at or after ``i``, stripped, or ``None``."""
    j = next_index(lines, i)
    return lines[j].stripped if j < len(lines) else None
