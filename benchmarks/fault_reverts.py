"""Do the issue-13 tests bite? Each fix is undone on a scratch copy and its test run there.

For every numbered item of issue 13 the table below names a test and a *revert*: text
replacements in the package that undo the fix (by hand, the smallest change that brings the
old behaviour back). The script applies the revert in a scratch git worktree, runs the test
there (``PYTHONPATH`` points at the scratch copy, so ``graphkit`` subprocesses run it too),
records whether it fails (or hangs past ``--timeout``), and restores the copy. A test that
passes with its fix undone does not pin the fix. (With the fix, every test passes in
``make test``.)

Usage (from the repository root; the scratch worktree must sit beside it, for ``../shared``)::

    git worktree add --detach ../wt-scratch HEAD
    .venv/bin/python -m benchmarks.fault_reverts ../wt-scratch > benchmarks/results/reverts.md
    git worktree remove ../wt-scratch
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Revert:
    """Undo one fix: ``(file, old text, new text)`` replacements, then run ``test``."""

    item: str
    test: str
    how: str
    edits: tuple[tuple[str, str, str], ...]


F = "tests/test_faults.py::"
SERVER = "graphkit/store/server.py"
DIRECTORY = "graphkit/store/directory.py"
REVERTS = (
    Revert("1", F + "test_13_1_a_slow_query_stops_at_the_limit",
           "no TIMEOUT_DEFAULT/TIMEOUT_MAX module arguments, no per-query timeout",
           ((SERVER, '"TIMEOUT_DEFAULT", str(int(lim.timeout * 1000)),\n', ""),
            (SERVER, '"TIMEOUT_MAX", str(int(lim.max_timeout * 1000)),\n', ""),
            ("graphkit/store/falkordb.py", "timeout = int(self._limits.timeout * 1000)",
             "timeout = None"))),
    Revert("1", F + "test_13_1_a_greedy_query_stops_at_the_memory_cap",
           "no QUERY_MEM_CAPACITY module argument",
           ((SERVER, '"QUERY_MEM_CAPACITY", str(lim.query_memory_mb << 20),\n', ""),)),
    Revert("1", F + "test_13_1_deeply_nested_literals_are_refused_before_the_server",
           "nesting check not called",
           (("graphkit/store/falkordb.py", "problem = nesting_problem(query, values)",
             "problem = None"),)),
    Revert("1", F + "test_13_1_environment_sets_the_limits", "Limits.from_env returns defaults",
           ((SERVER, "        default = cls()\n",
             "        return cls()\n        default = cls()\n"),)),
    Revert("2", F + "test_13_2_a_folder_that_is_not_a_store_is_refused_and_left_alone",
           "no marker check",
           ((DIRECTORY, "def _check_marked(path: Path, *, create: bool) -> None:\n",
             "def _check_marked(path: Path, *, create: bool) -> None:\n    return\n"),)),
    Revert("2", F + "test_13_2_an_empty_folder_becomes_a_marked_store", "no marker written",
           ((DIRECTORY, "    if create or legacy:\n", "    if False:\n"),)),
    Revert("3", F + "test_13_3_a_store_writable_by_others_is_refused", "no owner/mode check",
           ((DIRECTORY, "def _check_private(path: Path) -> None:\n",
             "def _check_private(path: Path) -> None:\n    return\n"),)),
    Revert("3", F + "test_13_3_a_planted_symlink_is_never_followed",
           "check_entry accepts anything, O_NOFOLLOW dropped",
           ((DIRECTORY, "    try:\n        info = (store_dir / name).lstat()",
             "    return\n    try:\n        info = (store_dir / name).lstat()"),
            (DIRECTORY, "flags |= os.O_NOFOLLOW | os.O_CLOEXEC", "flags |= os.O_CLOEXEC"))),
    Revert("3", F + "test_13_3_a_planted_socket_symlink_is_not_connected_to",
           "check_entry accepts anything",
           ((DIRECTORY, "    try:\n        info = (store_dir / name).lstat()",
             "    return\n    try:\n        info = (store_dir / name).lstat()"),)),
    Revert("3", F + "test_13_3_a_symlink_at_corrections_applied_is_never_written_through",
           "plain write_text/read_text of corrections.applied (the code before)",
           (("graphkit/corrections.py", "    write_atomic(store_dir / APPLIED_NAME, digest)",
             "    (store_dir / APPLIED_NAME).write_text(digest, encoding='utf-8')"),
            ("graphkit/corrections.py", "    return read_private(store_dir / APPLIED_NAME) or \"\"",
             "    p = store_dir / APPLIED_NAME\n    return p.read_text(encoding='utf-8') "
             "if p.is_file() else ''"),
            (DIRECTORY, '    "corrections.applied": stat.S_IFREG,\n', ""))),
    Revert("4", "tests/store/test_falkordb.py::"
           "test_13_4_starts_and_builds_do_not_grow_the_log_or_the_append_only_file",
           "no AOF rewrite after a write, server logging at notice level",
           (("graphkit/store/falkordb.py", 'conn.execute_command("BGREWRITEAOF")', "pass"),
            (SERVER, '"--loglevel", "warning",', '"--loglevel", "notice",'))),
    Revert("4", "tests/store/test_falkordb.py::test_13_4_a_large_log_is_rotated",
           "no rotation", ((SERVER, "        if log.stat().st_size > MAX_LOG_BYTES:",
                            "        if False:"),)),
    Revert("5", F + "test_13_5_racing_clients_never_lose_the_server",
           "leave() stops the server without the start lock",
           ((SERVER, "        with self.start_lock():\n            others = self._others(",
             "        if True:\n            others = self._others("),)),
    Revert("5", F + "test_13_5_a_server_whose_only_client_is_killed_stops_by_itself",
           "no watchdog started", ((SERVER, "        ensure_watchdog(self.dir, self.grace)\n",
                                    "        pass\n"),)),
    Revert("5", F + "test_13_5_the_watchdog_leaves_a_server_in_use_alone",
           "the watchdog counts no client",
           (("graphkit/store/watchdog.py",
             'return sum(str(c.get("name", "")).startswith(CLIENT_PREFIX) for c in clients)',
             "return 0"),)),
    Revert("5", F + "test_13_5_the_watchdog_leaves_a_store_with_a_planted_lock",
           "the watchdog looks again when its start lock cannot be opened",
           (("graphkit/store/watchdog.py", "            _release(lock_fd)\n            return\n"
             "        last_seen = time.monotonic()", "            continue\n"
             "        last_seen = time.monotonic()"),)),
    Revert("5", F + "test_13_5_the_grace_period_is_checked", "grace read without a check",
           ((SERVER, 'self.grace = _env_number("GRAPHKIT_SERVER_GRACE", WATCHDOG_GRACE)',
             "self.grace = WATCHDOG_GRACE"),)),
    Revert("6", F + "test_13_6_two_files_with_one_name_are_never_silently_merged",
           "every file named by its base name (the rule before)",
           (("graphkit/identity.py", "    for name in [*names, path]:\n",
             "    for name in []:\n"),)),
    Revert("6", "tests/test_identity.py::"
           "test_one_build_names_files_by_path_order_not_argument_order",
           "files identified in the order given",
           (("graphkit/identity.py", "key=lambda i: (resolved_path(sources[i]), i)", "key=int"),)),
    Revert("7", F + "test_13_7_invisible_characters_change_nothing",
           "drop_invisible returns its text",
           (("graphkit/normalise.py", '    return _INVISIBLE.sub("", text)', "    return text"),)),
    Revert("8", F + "test_13_8_special_files_are_refused_unread", "no regular-file check",
           (("graphkit/read.py", "    if not stat.S_ISREG(info.st_mode):\n        raise",
             "    if False:\n        raise"),
            ("graphkit/read.py", "            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):",
             "            if False:"),
            ("graphkit/read.py", "os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC",
             "os.O_RDONLY | os.O_CLOEXEC"))),
    Revert("8", F + "test_13_8_a_file_over_the_size_limit_is_refused", "no size check",
           (("graphkit/read.py", "    if info.st_size > MAX_BYTES:", "    if False:"),
            ("graphkit/read.py", "    if len(raw) > MAX_BYTES:", "    if False:"),
            ("graphkit/read.py", "raw = fh.read(MAX_BYTES + 1)", "raw = fh.read()"))),
    Revert("8", F + "test_13_8_sigterm_during_a_query_leaves_no_server",
           "no SIGTERM/SIGHUP handler",
           (("graphkit/cli.py", "        signal.signal(signum, stop_on_signal)",
             "        pass"),)),
    Revert("9", F + "test_13_9_a_truncated_append_only_file_is_reported_not_emptied",
           "aof-load-truncated yes and no AOF rewrite (so the graph is in the incr file, as "
           "when the issue was filed)",
           ((SERVER, '"--aof-load-truncated", "no",', '"--aof-load-truncated", "yes",'),
            ("graphkit/store/falkordb.py", 'conn.execute_command("BGREWRITEAOF")', "pass"))),
    Revert("9", F + "test_13_9_a_torn_last_command_is_reported_not_dropped",
           "aof-load-truncated yes", ((SERVER, '"--aof-load-truncated", "no",',
                                       '"--aof-load-truncated", "yes",'),)),
    Revert("10", F + "test_13_10_a_read_only_store_is_a_message",
           "no read-only sentence for EROFS (the OS's own words instead)",
           ((DIRECTORY, "    if exc.errno == errno.EROFS:", "    if False:"),)),
    Revert("10", "tests/test_cli.py::test_13_10_system_errors_are_messages_not_tracebacks",
           "--encoding accepts a codec that is not a text encoding",
           (("graphkit/read.py", "        if not text_codec:", "        if False:"),)),
    Revert("10", "tests/test_cli.py::test_13_10_a_stdout_that_cannot_show_chinese",
           "stdout not reconfigured", (("graphkit/cli.py",
                                         'reconfigure(errors="backslashreplace")', "pass"),)),
    Revert("11", F + "test_13_11_read_commands_never_create_stores",
           "read commands open with create=True",
           (("graphkit/workspace.py", "    def open(self, *, create: bool = False)",
             "    def open(self, *, create: bool = True)"),)),
    Revert("11", F + "test_13_11_a_failing_build_leaves_no_store",
           "the store is opened before the files are read",
           (("graphkit/workspace.py", "        sources = read_sources(files, encoding)\n"
             "        with self.open(create=True) as store:\n",
             "        self.open(create=True).close()\n"
             "        sources = read_sources(files, encoding)\n"
             "        with self.open(create=True) as store:\n"),)),
    Revert("12", "tests/test_cli.py::test_13_12_cypher_parameters_are_typed_json",
           "parameter values taken as strings",
           (("graphkit/cli_options.py", "            values[key.strip()] = json.loads(raw)",
             "            values[key.strip()] = raw"),)),
    Revert("13", F + "test_13_13_a_utf8_file_with_one_big5_line_names_the_line",
           "no foreign-line check", (("graphkit/read.py", "        _mostly_utf8(raw, path, exc)",
                                      "        pass"),)),
    Revert("13", F + "test_13_13_a_pdf_bomb_is_named_and_nothing_is_written",
           "no bomb check", (("graphkit/pdf.py", "    refuse_bomb(path)\n", ""),)),
    Revert("13", "tests/test_pdf.py::test_13_13_a_stream_inflating_to_a_gigabyte_is_a_bomb",
           "no bomb check", (("graphkit/pdf.py", "    refuse_bomb(path)\n", ""),)),
    Revert("13", "tests/test_pdf.py::test_a_bomb_behind_a_text_filter_is_refused",
           "only leading Flate filters decoded (the check before)",
           (("graphkit/pdfbomb.py", "        if name not in _DECODERS:",
             "        if name != 'FlateDecode':"),)),
    Revert("13", "tests/test_pdf.py::test_a_run_length_bomb_after_flate_is_refused",
           "only leading Flate filters decoded (the check before)",
           (("graphkit/pdfbomb.py", "        if name not in _DECODERS:",
             "        if name != 'FlateDecode':"),)),
    Revert("13", "tests/test_pdf.py::test_an_lzw_bomb_is_refused",
           "only leading Flate filters decoded (the check before)",
           (("graphkit/pdfbomb.py", "        if name not in _DECODERS:",
             "        if name != 'FlateDecode':"),)),
    Revert("13", "tests/store/test_falkordb.py::"
           "test_13_13_an_overlong_name_names_the_documents_it_came_from",
           "the refusal names no document",
           (("graphkit/store/values.py", '                    + _from(n.props.get("sources"))\n',
             ""),)),
    Revert("14", "tests/test_cli.py::test_13_14_passwords_in_uris_are_never_printed",
           "redact returns its text", (("graphkit/errors.py",
                                         '    text = _URI_SECRET.sub(r"\\1:***@", text)\n',
                                         "    return text\n"),)),
    Revert("14", "tests/test_cli.py::test_13_14_redact_hides_any_uri_password",
           "redact returns its text", (("graphkit/errors.py",
                                         '    text = _URI_SECRET.sub(r"\\1:***@", text)\n',
                                         "    return text\n"),)),
    Revert("14", "tests/test_cli.py::test_13_14_formula_cells_are_escaped_in_csv",
           "no formula escape", (("graphkit/output.py", "    if text.startswith(FORMULA_START):",
                                  "    if False:"),)),
    Revert("15", "tests/test_editions.py::test_13_15_editions_compare_within_a_series",
           "diff ignores series", (("graphkit/diff.py", "    if not common:", "    if False:"),)),
    Revert("15", "tests/test_editions.py::test_13_15_new_in_edition_ignores_other_series",
           "the query before: new = editions is [E], whatever the series",
           (("queries/new-in-edition.cypher",
             "MATCH (d:Document {edition: $edition})\n"
             "WITH collect(DISTINCT d.series) AS series\n"
             "MATCH (o:Document)\n"
             "WHERE o.series IN series\n"
             "WITH collect(o.id) AS in_series, collect(CASE WHEN o.edition = $edition "
             "THEN o.id END) AS these\n"
             "MATCH (n)\n"
             "WHERE (n:Programme OR n:Technology OR n:Agency)\n"
             "  AND any(s IN n.sources WHERE s IN these)\n"
             "  AND all(s IN n.sources WHERE NOT s IN in_series OR s IN these)\n",
             "MATCH (n)\n"
             "WHERE (n:Programme OR n:Technology OR n:Agency) AND n.editions = [$edition]\n"),)),
)  # fmt: skip


def apply(scratch: Path, revert: Revert) -> str | None:
    """Apply the revert's edits; the first that no longer matches, if any."""
    for name, old, new in revert.edits:
        path = scratch / name
        text = path.read_text(encoding="utf-8")
        if old not in text:
            return f"{name}: {old.strip()[:60]!r} not found"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return None


def run_test(scratch: Path, test: str, timeout: float) -> tuple[str, float]:
    """``passes``, ``fails`` or ``hangs`` (killed after ``timeout``), and the seconds taken."""
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(scratch)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", test, "-q", "-x", "-p", "no:cacheprovider"],
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            start_new_session=True,
        )
    except subprocess.TimeoutExpired:
        return "hangs", time.monotonic() - started
    outcome = {0: "passes", 1: "fails"}.get(done.returncode, f"error {done.returncode}")
    if done.returncode == 5 or "no tests ran" in done.stdout:
        outcome = "not found"
    return outcome, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scratch", type=Path, help="a scratch git worktree of this commit")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--only", default="", help="only tests whose name holds one of A,B,…")
    opts = parser.parse_args(argv)
    scratch = opts.scratch.resolve()
    # The editable install maps the data packages graphkit.queries and graphkit.schema to this
    # checkout's queries/ and schema/: links inside the scratch copy make it read its own.
    for data in ("queries", "schema"):
        link = scratch / "graphkit" / data
        if not link.exists():
            link.symlink_to(Path("..") / data)
    print("| item | test | fix undone | test without the fix |")
    print("| --- | --- | --- | --- |")
    bad = 0
    for revert in REVERTS:
        if not any(part in revert.test for part in opts.only.split(",")):
            continue
        name = revert.test.split("::")[-1]
        subprocess.run(["git", "checkout", "--", "."], cwd=scratch, check=True)
        problem = apply(scratch, revert)
        if problem:
            without = f"revert does not apply ({problem})"
        else:
            outcome, seconds = run_test(scratch, revert.test, opts.timeout)
            without = f"{outcome} ({seconds:.0f} s)"
        subprocess.run(["git", "checkout", "--", "."], cwd=scratch, check=True)
        bad += not without.startswith(("fails", "hangs"))
        print(f"| {revert.item} | `{name}` | {revert.how} | {without} |", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
