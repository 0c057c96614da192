"""Driver: one ``graphkit build FILE... --store DIR`` in this process, timed from the inside.

The benchmark runs this as a subprocess (under ``/usr/bin/time -v``), so every build starts
cold, as a user's does. It runs the real command (``graphkit.cli.main``), so what is measured
is exactly ``graphkit build``: read, extract, merge, the store's server start, the write and
the server's shutdown. It writes a JSON object to ``--json-out``:

* ``imports_s``: importing graphkit's CLI, pipeline and store modules (and spaCy);
* ``build_s``: the command itself, after the imports — "whole build excluding interpreter
  start-up";
* ``since_start_s``: from the first line of this module to the end;
* ``peak_rss_self_kb`` / ``peak_rss_children_kb``: this process's peak and the largest peak of
  its reaped children (the FalkorDB ``redis-server`` the command starts and stops).

Usage::

    python -m benchmarks.wholebuild --store DIR --json-out FILE [--profile-out FILE] FILE...
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402  (after the clock starts, so their import time counts)
import importlib  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402

from benchmarks.measure import children_peak_kb, profile_call, self_peak_kb  # noqa: E402

#: What ``graphkit build`` imports before it reads a file; imported before the build clock.
PRELOAD = ("graphkit.cli", "graphkit.pipeline", "graphkit.store.falkordb", "rich.progress")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build, write the timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--store", type=Path, required=True, help="a fresh store directory")
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--profile-out", type=Path, help="also save a cProfile of the build")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    modules = [importlib.import_module(name) for name in PRELOAD]
    cli = modules[0]
    t1 = time.perf_counter()
    command = ["build", *map(str, args.files), "--store", str(args.store)]

    def build() -> None:
        cli.main(command, standalone_mode=False)

    if args.profile_out:
        profile_call(build, args.profile_out)
    else:
        build()
    t2 = time.perf_counter()
    result = {
        "files": len(args.files),
        "imports_s": t1 - t0,
        "build_s": t2 - t1,
        "since_start_s": t2 - STARTED,
        "peak_rss_self_kb": self_peak_kb(),
        "peak_rss_children_kb": children_peak_kb(),
    }
    args.json_out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
