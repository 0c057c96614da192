"""Synthetic editions of the white paper, for the scaling benchmark.

Edition ``k`` (k ≥ 1) is the real text transformed the way a later edition differs:

* every programme's year span (``NAME（2024~2027年）``) and the edition label (``2025/2026``,
  any ``YYYY/YYYY`` pair of consecutive years) move ``k`` years on, and so does the
  publication year (``出版年月：2025年9月``);
* every :data:`RENAME_EVERY`-th programme (counted from an offset that moves with ``k``) is
  renamed with a phase suffix (``…計畫第3期``);
* :data:`DROP` programme blocks (programme lines and their ``執行單位`` line) are left out;
* :data:`ADD` programmes are added next to existing ones, under new names (``…延伸k``).

Only lines of a 相關科技專案 block are treated as programmes: a line ``NAME（YYYY~YYYY年）``
followed by another such line or by an ``執行單位`` line. Everything is deterministic in ``k``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

RENAME_EVERY = 7
DROP = 2
ADD = 2

_PROGRAMME = re.compile(
    r"^(?P<lead>\s*)(?P<name>\S.*?)(?P<gap>\s*)(?P<open>[（(])\s*(?P<start>\d{4})"
    r"(?:(?P<sep>\s*[~～\-–—至]\s*)(?P<end>\d{4}))?(?P<close>\s*年?\s*[）)]\s*)$"
)
_AGENCY = re.compile(r"^\s*執行單位\s*[:：]")
_EDITION = re.compile(r"(?<!\d)(\d{4})/(\d{4})(?!\d)")
_PUBLISHED = re.compile(r"(出\s*版\s*年\s*月\s*[:：]\s*)(\d{4})")


@dataclass(frozen=True, slots=True)
class Group:
    """Programme lines of one block (line number → match) and the 執行單位 line closing them."""

    programmes: tuple[tuple[int, re.Match[str]], ...]
    agency: int


def programme_groups(lines: list[str]) -> list[Group]:
    """The programme blocks of a text's lines, in order."""
    groups: list[Group] = []
    pending: list[tuple[int, re.Match[str]]] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _PROGRAMME.match(line)
        if m:
            pending.append((i, m))
        elif _AGENCY.match(line) and pending:
            groups.append(Group(tuple(pending), i))
            pending = []
        else:
            pending = []
    return groups


def _shift_years(m: re.Match[str], k: int, *, suffix: str = "") -> str:
    end = f"{m['sep']}{int(m['end']) + k}" if m["end"] else ""
    return (
        f"{m['lead']}{m['name']}{suffix}{m['gap']}{m['open']}{int(m['start']) + k}{end}{m['close']}"
    )


def _shift_edition(line: str, k: int) -> str:
    def pair(m: re.Match[str]) -> str:
        a, b = int(m.group(1)), int(m.group(2))
        return f"{a + k}/{b + k}" if b == a + 1 else m.group(0)

    line = _EDITION.sub(pair, line)
    return _PUBLISHED.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + k}", line)


def make_edition(text: str, k: int) -> str:
    """Edition ``k`` of ``text`` (see the module docstring)."""
    if k < 1:
        raise ValueError("editions are numbered from 1")
    lines = text.split("\n")
    groups = programme_groups(lines)
    rng = random.Random(k)
    dropped = rng.sample(groups, min(DROP, max(len(groups) - 1, 0)))
    kept = [pair for g in groups if g not in dropped for pair in g.programmes]
    programmes = {i: (n, m) for n, (i, m) in enumerate(kept)}
    added = set(rng.sample(sorted(programmes), min(ADD, len(programmes))))
    skip = {i for g in dropped for i in (*(i for i, _ in g.programmes), g.agency)}
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in skip:
            continue
        if i not in programmes:
            out.append(_shift_edition(line, k))
            continue
        n, m = programmes[i]
        renamed = (n + k) % RENAME_EVERY == 0
        out.append(_shift_years(m, k, suffix=f"第{k + 1}期" if renamed else ""))
        if i in added:
            out.append(_shift_years(m, k, suffix=f"延伸{k}"))
    return "\n".join(out)


def write_editions(text: str, count: int, folder: Path, stem: str) -> list[Path]:
    """Write editions 1..``count`` of ``text`` to ``folder``, one file each, distinct names."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(1, count + 1):
        path = folder / f"{stem}-edition-{k:03d}.txt"
        path.write_text(make_edition(text, k), encoding="utf-8")
        paths.append(path)
    return paths
