"""`sdi transcripts list|show|export` on a real SQLite database holding real interviews."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.config import Settings
from app.core.scenarios.loader import default_library
from app.core.transcript import parse_transcript
from app.render.offline import OfflineRenderer
from app.service.interviews import open_service
from graphs.context import InterviewContext
from tests.api_fixtures import API, running_api
from tests.personas import STRONG

TIKTOK_QUESTION = "Can videos be edited after they are uploaded?"


async def _seed(url: str) -> dict[str, Any]:
    context = InterviewContext(library=default_library(), renderer=OfflineRenderer())
    async with open_service(Settings(DATABASE_URL=url), context) as service:
        twitter, _ = await service.start("twitter")
        for content in STRONG:
            await service.send(twitter.id, content)
        grade = await service.finish(twitter.id)
        tiktok, _ = await service.start("tiktok")
        await service.send(tiktok.id, TIKTOK_QUESTION)
    return {"twitter": twitter.id, "tiktok": tiktok.id, "grade": grade}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A database with a finished twitter interview (older) and an active tiktok one (newer)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'sdi.db'}"
    return {"url": url, **asyncio.run(_seed(url))}


def sdi(db: dict[str, Any], *args: str) -> Any:
    env = {"DATABASE_URL": db["url"], "COLUMNS": "200"}
    return CliRunner().invoke(app, ["transcripts", *args], env=env)


def test_list_shows_newest_first_with_score_and_status(db):
    result = sdi(db, "list")
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.splitlines()]
    assert lines[0][:3] == ["id", "scenario", "date"]
    tiktok, twitter = lines[1], lines[2]
    assert len(lines) == 3
    assert tiktok[:2] == [db["tiktok"], "tiktok"] and tiktok[-1] == "active"
    assert twitter[:2] == [db["twitter"], "twitter"]
    assert twitter[-2:] == [str(db["grade"]["score"]), "finished"]


def test_list_json_and_filters(db):
    everything = json.loads(sdi(db, "list", "--json").stdout)
    assert [i["id"] for i in everything] == [db["tiktok"], db["twitter"]]
    assert everything[1] == {
        **everything[1],
        "scenario_id": "twitter",
        "status": "finished",
        "score": db["grade"]["score"],
    }
    assert everything[0]["score"] is None and everything[0]["created_at"].endswith("+00:00")
    finished = json.loads(sdi(db, "list", "--status", "finished", "--json").stdout)
    assert [i["id"] for i in finished] == [db["twitter"]]
    active = json.loads(sdi(db, "list", "--status", "active", "--json").stdout)
    assert [i["id"] for i in active] == [db["tiktok"]]
    by_scenario = json.loads(sdi(db, "list", "--scenario", "tiktok", "--json").stdout)
    assert [i["id"] for i in by_scenario] == [db["tiktok"]]
    assert json.loads(sdi(db, "list", "--scenario", "nope", "--json").stdout) == []


def test_list_rejects_an_unknown_status(db):
    result = sdi(db, "list", "--status", "done")
    assert result.exit_code == 2
    assert "'done' is not one of 'active', 'finished'" in result.stderr


def test_show_prints_the_transcript_under_step_headings_and_the_grade_summary(db):
    result = sdi(db, "show", db["twitter"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Design Twitter" in out and db["twitter"] in out
    headings = ["1. Requirements", "2. Data types, API and scale", "3. Design", "Wrap-up"]
    positions = [out.index(h) for h in headings]
    assert positions == sorted(positions)
    assert out.index("Can tweets be edited or deleted") < positions[1]
    assert positions[2] < out.index("Media goes to a blob store")
    summary = out[out.index(f"Score {db['grade']['score']}/100") :]
    met = sum(c["met"] for c in db["grade"]["criteria"])
    assert f"Criteria met: {met} of {len(db['grade']['criteria'])}" in summary
    assert "missed: " in summary


def test_show_full_prints_every_criterion_with_evidence(db):
    out = sdi(db, "show", db["twitter"], "--full").stdout
    for c in db["grade"]["criteria"]:
        assert c["id"] in out
    assert "turn 1: “Can tweets contain images or video?”" in out


def test_show_of_an_active_interview_has_no_grade(db):
    result = sdi(db, "show", db["tiktok"])
    assert result.exit_code == 0, result.output
    assert TIKTOK_QUESTION in result.stdout
    assert "Not finished yet" in result.stdout and "Score" not in result.stdout


def test_an_id_prefix_works_when_it_is_unique(db):
    by_prefix = sdi(db, "export", db["twitter"][:8], "--format", "json")
    assert by_prefix.exit_code == 0, by_prefix.output
    assert json.loads(by_prefix.stdout)["id"] == db["twitter"]


@pytest.mark.parametrize("command", ["show", "export"])
@pytest.mark.parametrize("bad_id", ["nope", "0000000000"])
def test_an_unknown_id_is_a_clear_error_with_exit_code_1(db, command, bad_id):
    result = sdi(db, command, bad_id)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"error: unknown interview '{bad_id}'" in result.stderr


def test_export_markdown_to_stdout_is_what_the_api_serves(db, tmp_path: Path):
    result = sdi(db, "export", db["twitter"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# Design Twitter")
    evidence = db["grade"]["criteria"][0]["evidence"][0]
    assert f"turn {evidence['turn']}: “{evidence['quote']}”" in md
    with running_api(tmp_path, url=db["url"]) as api:
        for fmt in ("md", "json"):
            served = api.client.get(f"{API}/interviews/{db['twitter']}/export?format={fmt}")
            assert sdi(db, "export", db["twitter"], "--format", fmt).stdout == served.text


def test_export_json_to_a_file_round_trips(db, tmp_path: Path):
    target = tmp_path / "out.json"
    result = sdi(db, "export", db["twitter"], "--format", "json", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and str(target) in result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["grade"] == db["grade"]
    transcript = parse_transcript(data["transcript"])
    assert len(transcript.messages) == len(STRONG) * 2 + 1


def test_export_of_an_active_interview_has_no_grade_and_no_hidden_fact(db):
    data = json.loads(sdi(db, "export", db["tiktok"], "-f", "json").stdout)
    assert data["status"] == "active" and data["grade"] is None and data["fact_topics"] == {}
    md = sdi(db, "export", db["tiktok"]).stdout
    revealed = {f for m in data["transcript"]["messages"] for f in m.get("revealed", [])}
    for fact in default_library().get("tiktok").scenario.facts:
        if fact.id not in revealed:
            assert fact.answer not in md and fact.topic not in md, fact.id


def test_export_to_an_unwritable_path_is_a_clear_error(db, tmp_path: Path):
    target = tmp_path / "missing-dir" / "out.md"
    result = sdi(db, "export", db["twitter"], "--output", str(target))
    assert result.exit_code == 1
    assert str(target) in result.stderr and "No such file or directory" in result.stderr


def test_export_rejects_an_unknown_format(db):
    result = sdi(db, "export", db["twitter"], "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of 'md', 'json'" in result.stderr
