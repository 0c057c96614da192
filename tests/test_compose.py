"""docker-compose.yml (and its Docker-secret variant) run Neo4j only with a real password.

The files are parsed and checked; the guard that wraps the image's entrypoint and the
healthcheck's shell are run here with stand-ins for ``tini`` and ``cypher-shell``; and when a
Compose CLI is installed, ``docker compose config`` (which needs no Docker engine) must refuse
to render the file without a password.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml", reason="needs PyYAML (pip install pyyaml)")

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
SECRET = ROOT / "docker-compose.secret.yml"
REFUSAL = "graphkit never runs Neo4j with the default password or without authentication"
GOOD = "neo4j/correct-horse-battery"


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def service(path: Path) -> dict[str, Any]:
    svc = load(path)["services"]["neo4j"]
    assert isinstance(svc, dict)
    return svc


def seconds(duration: str) -> int:
    """Compose durations as used here: 90s, 3m, 1m30s."""
    parts = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", duration)
    assert parts and duration, duration
    return int(parts[1] or 0) * 60 + int(parts[2] or 0)


def unescape(text: str) -> str:
    """What the container sees: Compose turns ``$$`` into ``$`` (and interpolates ``$X``)."""
    assert "$" not in text.replace("$$", ""), "a single $ would be interpolated by Compose"
    return text.replace("$$", "$")


# ------------------------------------------------------------------ the files


@pytest.mark.parametrize("path", [COMPOSE, SECRET], ids=lambda p: p.name)
def test_image_is_a_pinned_neo4j_5_community_tag(path: Path) -> None:
    image = service(path)["image"]
    assert re.fullmatch(r"neo4j:5\.\d+\.\d+-community", image), image
    assert "latest" not in image and "enterprise" not in image


@pytest.mark.parametrize("path", [COMPOSE, SECRET], ids=lambda p: p.name)
def test_ports_and_named_volumes(path: Path) -> None:
    svc, top = service(path), load(path)
    published = {":".join(str(port).split(":")[-2:]) for port in svc["ports"]}
    assert published == {"7474:7474", "7687:7687"}
    mounts = {target: volume for volume, target in (v.split(":", 1) for v in svc["volumes"])}
    assert set(mounts) == {"/data", "/logs"}
    for volume in mounts.values():
        assert "/" not in volume, f"{volume} is a bind mount, not a named volume"
        assert volume in top["volumes"]
        assert top["volumes"][volume]["name"].startswith("graphkit-neo4j-")


@pytest.mark.parametrize("path", [COMPOSE, SECRET], ids=lambda p: p.name)
def test_healthcheck_asks_cypher_shell_with_a_generous_start_period(path: Path) -> None:
    check = service(path)["healthcheck"]
    kind, command = check["test"]
    assert kind == "CMD-SHELL"
    assert 'cypher-shell -u neo4j -p "$$PASSWORD" "RETURN 1"' in command
    assert "curl" not in command and "wget" not in command
    assert seconds(check["start_period"]) >= 60
    assert seconds(check["timeout"]) >= 10


def test_password_comes_from_a_required_variable() -> None:
    env = service(COMPOSE)["environment"]
    assert set(env) == {"NEO4J_AUTH"}
    auth = env["NEO4J_AUTH"]
    match = re.fullmatch(r"\$\{NEO4J_AUTH:\?([^}]+)\}", auth)
    assert match, f"NEO4J_AUTH must be a required interpolation with no default: {auth!r}"
    assert REFUSAL in match[1]
    assert ":-" not in auth and "none" not in auth.lower().split("?")[0]
    assert "neo4j/neo4j" not in auth


def test_secret_variant_reads_a_required_secret_file() -> None:
    svc, top = service(SECRET), load(SECRET)
    assert svc["environment"] == {"NEO4J_AUTH_FILE": "/run/secrets/neo4j_auth"}
    assert svc["secrets"] == ["neo4j_auth"]
    source = top["secrets"]["neo4j_auth"]["file"]
    match = re.fullmatch(r"\$\{NEO4J_AUTH_SECRET:\?([^}]+)\}", source)
    assert match, f"the secret's file must be a required interpolation: {source!r}"
    assert REFUSAL in match[1]


def test_the_two_files_differ_only_in_where_the_password_comes_from() -> None:
    plain, secret = service(COMPOSE), service(SECRET)
    for svc in (plain, secret):
        svc.pop("environment")
    secret.pop("secrets")
    assert plain == secret
    assert load(COMPOSE)["volumes"] == load(SECRET)["volumes"]


@pytest.mark.parametrize("path", [COMPOSE, SECRET], ids=lambda p: p.name)
def test_nothing_switches_authentication_off(path: Path) -> None:
    svc = service(path)
    env = {str(k): str(v) for k, v in svc["environment"].items()}
    assert not any("auth__enabled" in k or "auth_enabled" in k for k in env)
    assert env.get("NEO4J_AUTH", "").lower() != "none"


# ------------------------------------------------------------------ the guard, run


def _fake(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def fake_bin(tmp_path: Path) -> Path:
    """``tini`` and ``cypher-shell`` that only report how they were called."""
    if shutil.which("bash") is None:
        pytest.skip("needs bash to run the container's guard script")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake(
        bin_dir,
        "tini",
        'echo "exec: $*"\necho "NEO4J_AUTH=${NEO4J_AUTH-}"\n'
        'echo "NEO4J_AUTH_FILE=${NEO4J_AUTH_FILE-unset}"\n',
    )
    _fake(bin_dir, "cypher-shell", 'printf "%s\\n" "$@" > "$CAPTURE"\n')
    return bin_dir


def run_guard(fake_bin: Path, **env: str) -> subprocess.CompletedProcess[str]:
    entrypoint = service(COMPOSE)["entrypoint"]
    shell, flag, script, name = entrypoint
    command = service(COMPOSE)["command"]
    return subprocess.run(
        [shell, flag, unescape(script), name, *command],
        env={"PATH": f"{fake_bin}:/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize(
    ("auth", "reason"),
    [
        (None, "NEO4J_AUTH is empty"),
        ("", "NEO4J_AUTH is empty"),
        ("none", "switch authentication off"),
        ("NONE", "switch authentication off"),
        ("neo4j/neo4j", "must not be the default"),
        ("neo4j/neo4j/true", "must not be the default"),
        ("neo4j/short", "at least 8 characters"),
        ("admin/correct-horse-battery", "must look like neo4j/<password>"),
        ("neo4j/correct/horse", "must not contain /"),
    ],
)
def test_guard_refuses_to_start_without_a_real_password(
    fake_bin: Path, auth: str | None, reason: str
) -> None:
    done = run_guard(fake_bin, **({} if auth is None else {"NEO4J_AUTH": auth}))
    assert done.returncode == 64, done
    assert "graphkit: refusing to start Neo4j" in done.stderr and reason in done.stderr
    assert "exec:" not in done.stdout


@pytest.mark.parametrize("auth", [GOOD, GOOD + "/true"])
def test_guard_starts_the_images_entrypoint(fake_bin: Path, auth: str) -> None:
    done = run_guard(fake_bin, NEO4J_AUTH=auth)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "exec: -g -- /startup/docker-entrypoint.sh neo4j",
        f"NEO4J_AUTH={auth}",
        "NEO4J_AUTH_FILE=unset",
    ]


def test_guard_reads_the_secret_file_and_hands_it_on(fake_bin: Path, tmp_path: Path) -> None:
    secret = tmp_path / "neo4j_auth"
    secret.write_text(GOOD + "\n", encoding="utf-8")
    secret.chmod(0o600)
    done = run_guard(fake_bin, NEO4J_AUTH_FILE=str(secret))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [f"NEO4J_AUTH={GOOD}", "NEO4J_AUTH_FILE=unset"]
    secret.write_text("none", encoding="utf-8")
    assert run_guard(fake_bin, NEO4J_AUTH_FILE=str(secret)).returncode == 64
    missing = run_guard(fake_bin, NEO4J_AUTH_FILE=str(tmp_path / "nope"))
    assert missing.returncode == 64 and "cannot read the secret" in missing.stderr


@pytest.mark.parametrize("path", [COMPOSE, SECRET], ids=lambda p: p.name)
def test_healthcheck_logs_in_with_the_containers_password(
    fake_bin: Path, tmp_path: Path, path: Path
) -> None:
    command = unescape(service(path)["healthcheck"]["test"][1])
    capture = tmp_path / "args"
    secret = tmp_path / "neo4j_auth"
    secret.write_text(GOOD + "/true\n", encoding="utf-8")
    env = {"PATH": f"{fake_bin}:/usr/bin:/bin", "CAPTURE": str(capture)}
    env |= {"NEO4J_AUTH": GOOD} if path == COMPOSE else {"NEO4J_AUTH_FILE": str(secret)}
    subprocess.run(["/bin/sh", "-c", command], env=env, check=True, timeout=30)
    password = GOOD.split("/", 1)[1]
    assert capture.read_text(encoding="utf-8").splitlines() == [
        "-u",
        "neo4j",
        "-p",
        password,
        "RETURN 1",
    ]


# ------------------------------------------------------------------ docker compose config


def compose_cli() -> list[str]:
    """``docker compose`` (v2 plugin) or a standalone ``docker-compose``; skip if neither."""
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run(
            [docker, "compose", "version"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    if standalone:
        return [standalone]
    pytest.skip(
        "no Compose CLI (neither the docker compose plugin nor docker-compose is installed); "
        "the YAML checks above still ran"
    )


def compose_config(path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NEO4J_AUTH", "NEO4J_AUTH_SECRET")}
    return subprocess.run(
        [*compose_cli(), "-f", str(path), "config"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_compose_refuses_to_start_without_a_password() -> None:
    done = compose_config(COMPOSE)
    assert done.returncode != 0
    assert REFUSAL in done.stderr + done.stdout
    rendered = compose_config(COMPOSE, NEO4J_AUTH=GOOD)
    assert rendered.returncode == 0, rendered.stderr
    assert GOOD in rendered.stdout


def test_compose_secret_variant_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    done = compose_config(SECRET)
    assert done.returncode != 0
    assert REFUSAL in done.stderr + done.stdout
    secret = tmp_path / "neo4j_auth"
    secret.write_text(GOOD, encoding="utf-8")
    rendered = compose_config(SECRET, NEO4J_AUTH_SECRET=str(secret))
    assert rendered.returncode == 0, rendered.stderr
    assert str(secret) in rendered.stdout
    assert GOOD not in rendered.stdout, "the password stays in the file"
