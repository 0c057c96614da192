"""The CLI: every command documented, JSON on stdout only, clear errors with non-zero exits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.workspace import Workspace
from tests.corpus import corpus_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out += commands(cmd, f"{prefix}{name} ")
    return out


@pytest.mark.parametrize(("name", "cmd"), commands(main))
def test_every_command_is_documented_with_an_example(name: str, cmd: click.Command) -> None:
    assert cmd.help and "Example:" in cmd.help, name
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0 and "Example" in result.output


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli-store"))
    result = CliRunner().invoke(
        main, ["build", *map(str, sorted(EXAMPLES.glob("*.txt"))), "--store", path]
    )
    assert result.exit_code == 0, result.output
    assert "done in" in result.output
    return path


def test_build_summary_and_rebuild(store: str) -> None:
    again = CliRunner().invoke(
        main, ["build", *map(str, sorted(EXAMPLES.glob("*.txt"))), "--store", store]
    )
    assert again.exit_code == 0
    assert "unchanged" in again.output and "no change" in again.output


def test_query_json_is_only_json(store: str) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "query",
            "agencies-by-technology",
            "--param",
            "technology=SiC",
            "--format",
            "json",
            "--store",
            store,
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {"year", "agency", "programmes"} <= set(rows[0])


def test_query_csv_and_table(store: str) -> None:
    runner = CliRunner()
    csv_out = runner.invoke(
        main,
        [
            "query",
            "programmes-of-agency",
            "--param",
            "agency=ITRI",
            "--format",
            "csv",
            "--store",
            store,
        ],
    )
    assert csv_out.exit_code == 0 and csv_out.stdout.startswith(
        "programme,start_year,end_year,evidence"
    )
    table = runner.invoke(main, ["stats", "--store", store])
    assert table.exit_code == 0 and "Programme" in table.stdout


def test_queries_lists_catalogue_as_json() -> None:
    result = CliRunner().invoke(main, ["queries", "--format", "json"])
    listed = json.loads(result.stdout)
    assert len(listed) >= 15 and all(q["description"] for q in listed)


def test_cypher_is_read_only_enforced_by_the_store(store: str) -> None:
    runner = CliRunner()
    write = runner.invoke(
        main, ["cypher", "CREATE (n:Technology {id: 'x', name: 'x'}) RETURN n", "--store", store]
    )
    assert write.exit_code == 1
    assert "graphkit: error" in write.stderr and "read-only" in write.stderr
    count = runner.invoke(
        main,
        [
            "cypher",
            "MATCH (n:Technology {id: $id}) RETURN count(n) AS n",
            "--param",
            "id=x",
            "--format",
            "json",
            "--store",
            store,
        ],
    )
    assert json.loads(count.stdout) == [{"n": 0}]


def test_bad_input_exits_non_zero_naming_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    store = tmp_path / "store"
    result = CliRunner().invoke(
        main, ["build", str(corpus_file("chapter")), str(empty), "--store", str(store)]
    )
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    # Nothing was written, not even an empty store: the good file was not loaded either.
    assert not store.exists()


def test_unknown_query_and_bad_param(store: str) -> None:
    runner = CliRunner()
    unknown = runner.invoke(main, ["query", "nope", "--store", store])
    assert unknown.exit_code == 1 and "graphkit queries" in unknown.stderr
    bad = runner.invoke(
        main, ["query", "programmes-active-in-year", "--param", "year=soon", "--store", store]
    )
    assert bad.exit_code == 1 and "whole number" in bad.stderr


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x7fELF" + bytes(range(256)) * 8, "binary"),
    "latin1.txt": ("Caf\xe9 na\xefve r\xe9sum\xe9 ".encode("latin-1") * 20, "--encoding"),
    "nul.txt": ("執行單位:工研院\x00\n".encode(), "NUL bytes"),
    "control.txt": ("正文\x1b[31m\n".encode(), "control characters"),
    "truncated.txt": ("相關科技專案\n執行單位:工業技術研究院".encode()[:-2], "truncated"),
    "oneline.txt": (("字" * 200_001).encode(), "single line"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_each_bad_input_is_refused_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    store = tmp_path / "store"
    sample = sorted(EXAMPLES.glob("*.txt"))
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(sample[0]), "--store", str(store)]).exit_code == 0
    before = Workspace(store).digest()
    data, message = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    result = runner.invoke(main, ["build", str(sample[1]), str(bad), "--store", str(store)])
    assert result.exit_code == 1
    assert name in result.stderr and message in result.stderr
    assert Workspace(store).digest() == before


def test_missing_path_directory_and_unknown_layout(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    missing = runner.invoke(main, ["build", str(tmp_path / "nope.txt"), "--store", store])
    assert missing.exit_code == 1 and "nope.txt: no such file" in missing.stderr
    folder = runner.invoke(main, ["build", str(tmp_path), "--store", store])
    assert folder.exit_code == 1 and "is a directory" in folder.stderr
    odd = tmp_path / "table.csv"
    odd.write_text("year,value\n2024,1\n2025,2\n", encoding="utf-8")
    loaded = runner.invoke(main, ["build", str(odd), "--store", store])
    assert loaded.exit_code == 0
    assert "table.csv" in loaded.stderr and "generic report" in loaded.stderr


def test_utf16_and_big5_files_load(tmp_path: Path) -> None:
    text = (EXAMPLES / "sample-whitepaper.txt").read_text(encoding="utf-8")
    runner = CliRunner()
    for name, data, extra in (
        ("utf16-bom.txt", text.encode("utf-16"), []),
        ("utf16-le.txt", text.encode("utf-16-le"), []),
        ("big5.txt", text.encode("cp950", errors="ignore"), ["--encoding", "big5"]),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        result = runner.invoke(
            main, ["build", str(path), "--store", str(tmp_path / f"{name}.store"), *extra]
        )
        assert result.exit_code == 0, (name, result.stderr)
        assert "loaded" in result.stdout


def test_export_and_browser_favourites(store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(
        main, ["export", "--format", "csv", "--out", str(tmp_path / "csv"), "--store", store]
    )
    assert out.exit_code == 0, out.stderr
    assert (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8").startswith("id,")
    fav = runner.invoke(main, ["queries", "export", str(tmp_path / "fav")])
    assert fav.exit_code == 0
    assert (tmp_path / "fav" / "graphkit-queries.zip").is_file()
    text = (tmp_path / "fav" / "agencies-by-technology.cypher").read_text(encoding="utf-8")
    assert ":param technology => '碳化矽';" in text


def test_push_without_a_reachable_neo4j_is_a_clear_error(store: str) -> None:
    result = CliRunner(env={"NEO4J_PASSWORD": "not-used-here"}).invoke(
        main, ["push", "--neo4j", "neo4j://127.0.0.1:9", "--store", store]
    )
    assert result.exit_code == 1
    assert "graphkit: error" in result.stderr and "Traceback" not in result.stderr


def test_read_commands_take_neo4j_without_a_password_flag() -> None:
    for command in ("query", "cypher", "stats", "diff", "eval", "export"):
        cmd = main.commands[command]
        options = {o for p in cmd.params for o in getattr(p, "opts", [])}
        assert "--neo4j" in options, command
        assert not any("password" in o for o in options), command


def test_cypher_json_shows_nodes_and_relationships_with_their_ends(store: str) -> None:
    query = (
        "MATCH (p:Programme)-[r:EXECUTED_BY]->(a:Agency) RETURN a, r ORDER BY p.id, a.id LIMIT 1"
    )
    result = CliRunner().invoke(main, ["cypher", query, "--format", "json", "--store", store])
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    ends = (
        Workspace(store)
        .cypher(
            "MATCH (p:Programme)-[r:EXECUTED_BY]->(a:Agency) "
            "RETURN p.id AS start, a.id AS end ORDER BY p.id, a.id LIMIT 1"
        )
        .records()
    )
    assert set(row["a"]) == {"id", "labels", "properties"}
    assert row["a"]["id"] == row["a"]["properties"]["id"] == ends[0]["end"]
    assert row["a"]["labels"] == ["Agency"]
    assert set(row["r"]) == {"type", "start", "end", "properties"}
    assert (row["r"]["type"], row["r"]["start"], row["r"]["end"]) == (
        "EXECUTED_BY",
        ends[0]["start"],
        ends[0]["end"],
    )
    assert row["r"]["properties"]["evidence_rule"] == "programme-block/executed-by"


# ------------------------------------------------------------------ issue 13: messages


def test_13_12_cypher_parameters_are_typed_json(store: str) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "cypher",
            "RETURN $y + 1 AS next, $name AS name, $t AS t, $limit AS big",
            *("--param", "y=2025", "--param", 'name="2025"', "--param", "t=財團法人工業技術研究院"),
            *("--param", "limit=4294967296", "--format", "json", "--store", store),
        ],
    )
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)[0]
    # an integer, a string kept a string, a name passed unchanged (not normalised)
    assert row == {"next": 2026, "name": "2025", "t": "財團法人工業技術研究院", "big": 4294967296}
    too_big = runner.invoke(
        main, ["cypher", "RETURN $n AS n", "--param", "n=18446744073709551616", "--store", store]
    )
    assert too_big.exit_code == 1 and "64-bit" in too_big.stderr


def test_13_10_system_errors_are_messages_not_tracebacks(store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cases = [
        (["export", "--format", "csv", "--out", str(blocker / "out"), "--store", store], "a-file"),
        (["build", str(corpus_file("chapter")), "--encoding", "rot13", "--store", store], "rot13"),
        (["stats", "--store", str(tmp_path / "new\nline")], "newline"),
    ]
    for args, named in cases:
        result = runner.invoke(main, args)
        assert result.exit_code == 1, (args, result.output)
        assert named in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        )
    assert not (tmp_path / "new\nline").exists()


def test_13_10_a_stdout_that_cannot_show_chinese(store: str) -> None:
    """A stdout in Latin-1 gets escapes, not a traceback. (click itself re-opens an ASCII
    stdout as UTF-8, so PYTHONIOENCODING=ascii would not show the fault.)"""
    import subprocess
    import sys

    for output in ("table", "csv"):
        done = subprocess.run(
            [sys.executable, "-m", "graphkit.cli", "cypher", "RETURN '碳化矽' AS t",
             "--format", output, "--store", store],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "latin-1"},
            check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert b"\\u78b3\\u5316\\u77fd" in done.stdout
        assert b"Traceback" not in done.stderr


def test_13_14_formula_cells_are_escaped_in_csv(store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["cypher", "RETURN '=cmd|calc' AS a, '@SUM(1)' AS b, -3 AS n", "--format", "csv",
         "--store", store],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == "'=cmd|calc,'@SUM(1),-3"


def test_13_14_passwords_in_uris_are_never_printed(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = "neo4j://neo4j:hunter2secret@127.0.0.1:1"
    for password in (None, "another-secret"):
        if password:
            monkeypatch.setenv("NEO4J_PASSWORD", password)
        for args in (["stats", "--neo4j", uri], ["push", "--neo4j", uri, "--store", store]):
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 1
            shown = result.output + result.stderr
            assert "hunter2secret" not in shown and "another-secret" not in shown, shown


def test_13_14_redact_hides_any_uri_password(monkeypatch: pytest.MonkeyPatch) -> None:
    from graphkit.errors import redact

    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pw")
    text = "bolt://u:p%40ss@h:1 failed; neo4j+s://admin:x@db refused; auth s3cret-pw wrong"
    assert redact(text) == "bolt://u:***@h:1 failed; neo4j+s://admin:***@db refused; auth *** wrong"
