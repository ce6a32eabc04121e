"""The deployment files hold together: Nothing here can build an image or run Docker, so these
tests check what can go stale without anyone noticing: the compose file's structure, the files it
and the Dockerfile reference, the image's user, and that every command line they give `sdi` uses
options the CLI really has."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
REPLICAS = ("app1", "app2")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((REPO / "compose.yaml").read_text())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    """The final stage's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (REPO / "Dockerfile").read_text())
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    stages = [i for i, ln in enumerate(lines) if ln.upper().startswith("FROM ")]
    return [tuple(ln.split(None, 1)) for ln in lines[stages[-1] :]]  # type: ignore[misc]


def instruction(dockerfile: list[tuple[str, str]], name: str) -> str:
    found = [args for op, args in dockerfile if op.upper() == name]
    assert found, f"no {name} in the Dockerfile's final stage"
    return found[-1]


def cli_options(*command: str) -> set[str]:
    """The long options `sdi <command> --help` lists (plain output, wide enough not to wrap)."""
    env = os.environ | {"COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", *command, "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return set(re.findall(r"--[a-z][a-z-]+", done.stdout))


def options_in(args: list[str]) -> set[str]:
    return {a.split("=", 1)[0] for a in args if a.startswith("--")}


def test_compose_has_postgres_a_migration_two_replicas_and_a_proxy(compose: dict[str, Any]):
    services = compose["services"]
    assert {"postgres", "migrate", *REPLICAS, "proxy"} <= services.keys()

    postgres = services["postgres"]
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert postgres["volumes"][0].split(":")[0] in compose["volumes"]
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])

    migrate = services["migrate"]
    assert migrate["command"] == ["db", "upgrade"]
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert migrate.get("restart") == "no"

    for name in REPLICAS:
        app = services[name]
        assert app["command"][0] == "serve"
        assert app["command"][app["command"].index("--host") + 1] == "0.0.0.0"
        url = app["environment"]["DATABASE_URL"]
        assert url.startswith("postgresql://") and "@postgres:5432/" in url
        assert url == migrate["environment"]["DATABASE_URL"]  # migrated what they serve
        assert app["environment"]["SDI_AUTO_MIGRATE"] == "false"  # the migrate service does
        assert app["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        grace = float(app["command"][app["command"].index("--graceful-timeout") + 1])
        assert float(app["stop_grace_period"].rstrip("s")) > grace  # SIGKILL after the drain
    assert services["app1"]["image"] == services["app2"]["image"] == migrate["image"]

    proxy = services["proxy"]
    assert {name: {"condition": "service_healthy"} for name in REPLICAS} == proxy["depends_on"]
    for volume in proxy["volumes"]:
        assert (REPO / volume.split(":")[0]).is_file(), volume


def test_the_proxy_balances_both_replicas_and_upgrades_websockets(compose: dict[str, Any]):
    mount = next(v for v in compose["services"]["proxy"]["volumes"] if "nginx" in v)
    conf = (REPO / mount.split(":")[0]).read_text()
    upstream = re.search(r"upstream\s+(\w+)\s*\{(.*?)\}", conf, re.S)
    assert upstream is not None
    assert set(re.findall(r"server\s+(\w+):8000", upstream.group(2))) == set(REPLICAS)
    assert f"proxy_pass http://{upstream.group(1)};" in conf
    assert "proxy_http_version 1.1;" in conf
    assert re.search(r"proxy_set_header\s+Upgrade\s+\$http_upgrade;", conf)
    assert re.search(r"proxy_set_header\s+Connection\s+\$connection_upgrade;", conf)
    assert re.search(r"location = /metrics\s*\{\s*return 404;", conf)  # not from outside
    assert conf.count("{") == conf.count("}")


def test_the_image_runs_as_a_user_with_a_healthcheck_on_readyz(dockerfile):
    user = instruction(dockerfile, "USER")
    assert user.split(":")[0] not in ("root", "0")
    healthcheck = instruction(dockerfile, "HEALTHCHECK")
    assert "/readyz" in healthcheck and "CMD" in healthcheck
    assert json.loads(instruction(dockerfile, "ENTRYPOINT")) == ["sdi"]


def test_every_file_the_dockerfile_copies_exists():
    text = (REPO / "Dockerfile").read_text()
    sources = [
        src
        for line in text.splitlines()
        if line.startswith("COPY ") and "--from=" not in line
        for src in line.split()[1:-1]
    ]
    assert sources
    for src in sources:
        assert (REPO / src).exists(), src


def test_commands_use_options_the_cli_really_has(dockerfile, compose: dict[str, Any]):
    serve = cli_options("serve")
    cmd = json.loads(instruction(dockerfile, "CMD"))
    assert cmd[0] == "serve"
    assert options_in(cmd) <= serve, options_in(cmd) - serve
    assert {"--host", "--port", "--graceful-timeout"} <= options_in(cmd)
    for name in REPLICAS:
        command = compose["services"][name]["command"]
        assert options_in(command) <= serve
    migrate = compose["services"]["migrate"]["command"]
    assert options_in(migrate) <= cli_options(*migrate)  # `sdi db upgrade` exists
