"""Time per step in the terminal: `sdi transcripts show` of a finished interview and `sdi grade` of
a transcript with message times print each step's time and share, steps not reached included;
an untimed transcript prints no times."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.config import Settings
from app.core.scenarios.loader import default_library
from app.render.offline import OfflineRenderer
from app.service.interviews import open_service
from graphs.context import InterviewContext
from tests.personas import WALKTHROUGH_REQUIREMENTS, WALKTHROUGH_SCALE
from tests.timing import set_message_times

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# The opening, then a message and its reply per line of the script: turns 0-7 requirements,
# 8-10 data types, API and scale (754 s, then 446 s).
OFFSETS = [0, 40, 45, 200, 210, 500, 505, 740, 754, 1150, 1200]


def time_lines(output: str) -> list[list[str]]:
    """The rows under "Time per step", split into words."""
    lines = output.splitlines()
    start = lines.index("Time per step")
    return [line.split() for line in lines[start + 1 : start + 6]]


EXPECTED = [
    ["1.", "Requirements", "12", "min", "34", "s", "63%"],
    ["2.", "Data", "types,", "API", "and", "scale", "7", "min", "26", "s", "37%"],
    ["3.", "Design", "not", "reached"],
    ["Wrap-up", "not", "reached"],
    ["Total", "20", "min", "00", "s"],
]


async def _seed(url: str) -> str:
    context = InterviewContext(library=default_library(), renderer=OfflineRenderer())
    async with open_service(Settings(DATABASE_URL=url), context) as service:
        interview, _ = await service.start("twitter")
        for content in WALKTHROUGH_REQUIREMENTS + WALKTHROUGH_SCALE:
            await service.send(interview.id, content)
        await service.finish(interview.id)
    return interview.id


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A twitter interview finished after step 2, its message times set to OFFSETS."""
    url = f"sqlite:///{tmp_path_factory.mktemp('times') / 'sdi.db'}"
    iid = asyncio.run(_seed(url))
    set_message_times(url, iid, [START + timedelta(seconds=o) for o in OFFSETS])
    return {"url": url, "id": iid}


def run(db: dict[str, Any], *args: str) -> Any:
    result = CliRunner().invoke(app, list(args), env={"DATABASE_URL": db["url"], "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("full", [False, True])
def test_show_of_a_finished_interview_prints_the_time_per_step(db, full: bool):
    output = run(db, "transcripts", "show", db["id"], *(["--full"] if full else [])).stdout
    assert time_lines(output) == EXPECTED


def test_grade_of_an_exported_transcript_prints_the_same_times(db, tmp_path: Path):
    exported = run(db, "transcripts", "export", db["id"], "--format", "json").stdout
    path = tmp_path / "t.json"
    path.write_text(json.dumps(json.loads(exported)["transcript"]), encoding="utf-8")
    assert time_lines(run(db, "grade", str(path)).stdout) == EXPECTED


def test_a_transcript_without_times_prints_none(db, tmp_path: Path):
    exported = json.loads(run(db, "transcripts", "export", db["id"], "--format", "json").stdout)
    transcript = exported["transcript"]
    transcript["messages"] = [
        {k: v for k, v in m.items() if k != "at"} for m in transcript["messages"]
    ]
    path = tmp_path / "untimed.json"
    path.write_text(json.dumps(transcript), encoding="utf-8")
    output = run(db, "grade", str(path)).stdout
    assert "Score" in output and "Time per step" not in output


def test_chat_prints_the_time_per_step_after_the_grade(tmp_path: Path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}", "COLUMNS": "200"}
    script = "Can tweets be edited?\nLet's move on to the API.\n/finish\n"
    result = CliRunner().invoke(app, ["chat", "--scenario", "twitter"], input=script, env=env)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Score") < out.index("Time per step")
    rows = time_lines(out)
    # Real clock here, so the figures are whatever they were (a share only when the total is not
    # zero); which steps were reached is known.
    assert rows[0][:2] == ["1.", "Requirements"] and rows[0][2] != "not"
    assert rows[1][:6] == ["2.", "Data", "types,", "API", "and", "scale"] and rows[1][6] != "not"
    assert rows[2] == ["3.", "Design", "not", "reached"]
    assert rows[3] == ["Wrap-up", "not", "reached"]
    assert rows[4][0] == "Total" and rows[4][-1] == "s"
