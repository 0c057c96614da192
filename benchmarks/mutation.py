"""Mutation score per module, from the results `mutmut run` leaves in ``mutants/``.

Run by ``make mutation`` after mutmut. The score is killed ÷ (killed + survived + no tests),
as mutmut's own: a timeout or a segfault counts as killed (the mutant broke the code so badly
it hangs or crashes);
mutants not checked yet are listed apart, never counted as killed.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

#: mutmut's exit codes (``mutmut.stats.status_by_exit_code``), folded to what a score needs.
#: A segfault (-11, or -9) is the mutant crashing the test process (``Doc(None, …)`` in spaCy's
#: C code): the tests noticed it, so it counts as killed, like a timeout.
KILLED = {1, 3, 24, -24, 36, 152, 255, 37, -11, -9}
SURVIVED = {0}
NO_TESTS = {5, 33}


def scores(root: Path) -> dict[str, Counter[str]]:
    """Per module: how many mutants were killed, survived, had no test, or were not checked."""
    out: dict[str, Counter[str]] = {}
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        module = str(meta.relative_to(root))[: -len(".meta")]
        count: Counter[str] = Counter()
        for code in codes.values():
            if code in KILLED:
                count["killed"] += 1
            elif code in SURVIVED:
                count["survived"] += 1
            elif code in NO_TESTS:
                count["no tests"] += 1
            else:
                count["not checked"] += 1
        if codes:
            out[module] = count
    return out


def main(root: Path = Path("mutants")) -> int:
    table = scores(root)
    if not table:
        print(f"no mutmut results under {root}/: run `make mutation` first", file=sys.stderr)
        return 1
    print(f"{'module':42} {'killed':>7} {'survived':>9} {'no tests':>9} {'unchecked':>10} score")
    total: Counter[str] = Counter()
    for module, c in table.items():
        total.update(c)
        print(_row(module, c))
    print(_row("all", total))
    return 0


def _row(name: str, c: Counter[str]) -> str:
    tested = c["killed"] + c["survived"] + c["no tests"]
    score = f"{100 * c['killed'] / tested:5.1f} %" if tested else "    -"
    return (
        f"{name:42} {c['killed']:7} {c['survived']:9} {c['no tests']:9} "
        f"{c['not checked']:10} {score}"
    )


if __name__ == "__main__":
    sys.exit(main())
