"""`sdi scenarios` and `sdi grade` import only what they use: never the web server, the database,
LangGraph or the model SDK (app/cli/__init__.py imports those inside the commands that need them).

Each case runs the command as a user does, in a fresh interpreter, and lists sys.modules at exit.
No timings here: bench/startup.py measures start-up.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TRANSCRIPT = "tests/data/transcripts/twitter-strong.json"  # relative to REPO, the runs' cwd

HEAVY = (
    "fastapi",
    "starlette",
    "uvicorn",
    "langgraph",
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "aiosqlite",
    "psycopg",
    "openai",
    "httpx",
    "app.api",
    "app.service",
    "app.storage",
    "app.llm",
)

MARK = "SDI-IMPORTED-MODULES "

# Runs `sdi ARGS...` (app/cli/__main__.py, as `python -m app.cli` does), then reports sys.modules.
RUN_CLI = f"""
import atexit, json, runpy, sys
atexit.register(lambda: print({MARK!r} + json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["sdi", *sys.argv[1:]]
runpy.run_module("app.cli", run_name="__main__", alter_sys=True)
"""


def imported(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded by the end of `sdi ARGS...`; the command must succeed."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith(MARK)]
    assert lines, f"no module list from `sdi {' '.join(args)}`: {done.stderr}"
    return set(json.loads(lines[-1].removeprefix(MARK)))


def heavy_in(modules: set[str]) -> list[str]:
    """The HEAVY packages among `modules` (a package counts when any of its modules is loaded)."""
    return [h for h in HEAVY if any(m == h or m.startswith(h + ".") for m in modules)]


@pytest.mark.parametrize(
    "args",
    [
        ["scenarios"],
        ["scenarios", "--json"],
        ["grade", TRANSCRIPT, "--json"],
        ["grade", TRANSCRIPT],
        ["grade", "tests/data/formats/job-scheduler-good.txt", "--problem", "Design cron"],
        ["--help"],
    ],
    ids=["scenarios", "scenarios-json", "grade-json", "grade-report", "grade-text", "help"],
)
def test_light_commands_import_nothing_heavy(args):
    modules = imported(*args)
    assert "app.cli" in modules  # the wrapper really ran the CLI
    assert heavy_in(modules) == []


def test_the_check_sees_heavy_modules(tmp_path):
    """The same check on a command that needs the database does find them (no false pass)."""
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'sdi.db'}"}
    modules = imported("db", "current", env=env)
    assert "sqlalchemy" in heavy_in(modules)
