"""A second edition for tests, made from the real white paper by following its structure.

The transformation works on the document's own markers, never on line numbers: the edition
label and publication year move forward, every programme's year span shifts, some programmes
are dropped, one is added, and an executing agency is written with its short name.
"""

from __future__ import annotations

import re

_EDITION = re.compile(r"(\d{4})/(\d{4})(產業技術白皮書)")
_PUBLISHED = re.compile(r"(出\s*版\s*年\s*月\s*[:：]\s*)(\d{4})(\s*年)")
_PROGRAMME = re.compile(
    r"^(?P<name>\S.*?)(?P<open>\s*[（(]\s*)(?P<start>\d{4})(?:(?P<sep>\s*[~～\-–—至]\s*)(?P<end>\d{4}))?(?P<close>\s*年?\s*[）)]\s*)$"
)


def programme_names(text: str) -> list[str]:
    """Programme names of the 相關科技專案 blocks, in order."""
    names, in_block = [], False
    for line in text.splitlines():
        s = line.strip()
        if s.endswith("相關科技專案"):
            in_block = True
        elif in_block and (m := _PROGRAMME.match(s)):
            names.append(m.group("name").strip())
        elif in_block and s and not s.startswith("執行單位"):
            in_block = False
    return names


def next_edition(
    text: str,
    shift: int = 1,
    drop_every: int = 10,
    added: str = "延伸計畫",
    rename: tuple[str, str] = ("金屬工業研究發展中心", "金屬中心"),
) -> tuple[str, dict[str, list[str]]]:
    """The text of a later edition and what changed: dropped and added programme names."""
    text = _EDITION.sub(lambda m: f"{int(m[1]) + shift}/{int(m[2]) + shift}{m[3]}", text)
    text = _PUBLISHED.sub(lambda m: f"{m[1]}{int(m[2]) + shift}{m[3]}", text)
    out: list[str] = []
    dropped: list[str] = []
    new: list[str] = []
    seen = 0
    in_block = False
    for line in text.splitlines():
        s = line.strip()
        if s.endswith("相關科技專案"):
            in_block = True
            out.append(line)
            continue
        m = _PROGRAMME.match(s) if in_block else None
        if m:
            seen += 1
            start = int(m["start"]) + shift
            end = int(m["end"] or m["start"]) + shift
            span = f"{m['open']}{start}{m['sep'] or '~'}{end}{m['close']}"
            name = m["name"].strip()
            if seen % drop_every == 0:
                dropped.append(name)
                continue
            out.append(f"{name}{span}")
            if seen == 1:
                extra = f"{name}{added}"
                new.append(extra)
                out.append(f"{extra}{m['open']}{end}~{end + 3}{m['close']}")
            continue
        if in_block and s.startswith("執行單位"):
            line = line.replace(rename[0], rename[1])
        elif in_block and s:
            in_block = False
        out.append(line)
    return "\n".join(out) + "\n", {"dropped": dropped, "added": new}
