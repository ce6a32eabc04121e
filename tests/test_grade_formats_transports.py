"""Transcripts in other formats and generic grades through `sdi grade` (a real subprocess) and
`POST /api/v1/grade` (the real app; stateless grading touches no database, so SQLite only)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api_fixtures import API, Api, running_api

DATA = Path(__file__).parent / "data" / "formats"
GOOD = DATA / "job-scheduler-good.txt"
SDI = [sys.executable, "-m", "app.cli"]
THREE = json.dumps([{"speaker": s, "text": "hi"} for s in ("Alex", "Sam", "Bo")])


REPO = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SDI, *args], input=stdin, capture_output=True, text=True, timeout=60, cwd=REPO
    )


# --- sdi grade -------------------------------------------------------------------------------


def test_cli_grades_a_plain_text_transcript_generically():
    result = run("grade", str(GOOD), "--json", "--problem", "Design a job scheduler")
    assert result.returncode == 0, result.stderr
    grade = json.loads(result.stdout)
    assert (grade["scenario_id"], grade["generic"], grade["problem"]) == (
        None,
        True,
        "Design a job scheduler",
    )
    assert grade["read"]["source"] == "text"
    assert grade["read"]["speakers"] == {"Priya": "interviewer", "Tom": "candidate"}
    assert "stated the problem" in grade["read"]["guessed"]
    assert [e["why"] for e in grade["excluded"]] == [
        "small talk before the problem",
        "the interviewer's feedback and closing after the design",
    ]


def test_cli_report_says_generic_speakers_and_what_was_left_out():
    result = run("grade", str(GOOD), "--problem", "Design a job scheduler")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "(generic: Design a job scheduler)" in out
    assert "Priya = interviewer, Tom = candidate" in out
    assert "not graded: turns 0-3, small talk before the problem" in out
    assert "Not applicable: sdi has no scenario of this problem" in out
    assert "Facts uncovered" not in out


def test_cli_speaker_names_and_mapping():
    text = "Kim: Let's design a leaderboard.\nLee: How many players?\n"
    named = run("grade", "-", "--json", "--interviewer", "Kim", "--candidate", "Lee", stdin=text)
    assert named.returncode == 0, named.stderr
    assert json.loads(named.stdout)["read"]["speakers"] == {
        "Kim": "interviewer",
        "Lee": "candidate",
    }
    assert "guessed" not in json.loads(named.stdout)["read"]

    data = {"log": [{"by": "Kim", "utt": "Let's design a cache."}, {"by": "Lee", "utt": "Why?"}]}
    mapped = run(
        "grade", "-", "--json", "--map", "messages=log", "--map", "speaker=by", "--map",
        "text=utt", "--interviewer", "Kim", stdin=json.dumps(data),
    )  # fmt: skip
    assert mapped.returncode == 0, mapped.stderr
    assert json.loads(mapped.stdout)["read"]["source"] == "json"


def test_cli_sdi_transcripts_carry_no_read_report():
    result = run("grade", "tests/data/transcripts/twitter-strong.json", "--json")
    assert result.returncode == 0, result.stderr
    grade = json.loads(result.stdout)
    assert grade["scenario_id"] == "twitter" and "read" not in grade and "generic" not in grade


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--format", "yaml"], "x", "--format: 'yaml', expected auto, json or text"),
        (["--map", "colour=red"], "[]", "mapping 'colour=red'"),
        (["--format", "json"], "Interviewer: hi", "stdin: not valid JSON"),
        ([], "Notes\nInterviewer: hi\nCandidate: hi", "stdin: line 1: no speaker label"),
        ([], THREE, "say who is who"),
    ],
)
def test_cli_format_errors_are_one_line_exit_2(args, stdin, message):
    result = run("grade", "-", *args, stdin=stdin)
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split())
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


# --- POST /api/v1/grade ----------------------------------------------------------------------


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with running_api(tmp_path) as running:
        yield running


def test_api_grades_an_unknown_scenario_generically(api: Api):
    body = {
        "scenario_id": "job-scheduler",
        "problem": "Design a job scheduler",
        "messages": [
            {"role": "interviewer", "content": "Design a job scheduler."},
            {"role": "candidate", "content": "Can jobs be edited after they are created?"},
        ],
    }
    r = api.client.post(f"{API}/grade", json=body)
    assert r.status_code == 200, r.text
    grade = r.json()
    assert (grade["scenario_id"], grade["generic"], grade["problem"]) == (
        "job-scheduler",
        True,
        "Design a job scheduler",
    )
    no_id = api.client.post(f"{API}/grade", json={"messages": body["messages"]})
    assert no_id.status_code == 200 and no_id.json()["scenario_id"] is None
    criteria = {c["id"]: c for c in grade["criteria"]}
    assert criteria["req.uncovered"]["applicable"] is False


def test_api_takes_a_plain_text_body(api: Api):
    text = GOOD.read_text(encoding="utf-8")
    r = api.client.post(
        f"{API}/grade",
        params={"problem": "Design a job scheduler"},
        content=text.encode(),
        headers={"content-type": "text/plain; charset=utf-8"},
    )
    assert r.status_code == 200, r.text
    grade = r.json()
    assert grade["generic"] is True and grade["problem"] == "Design a job scheduler"
    assert grade["read"]["speakers"] == {"Priya": "interviewer", "Tom": "candidate"}
    assert grade["excluded"][0] == {"turns": [0, 3], "why": "small talk before the problem"}
    # The same transcript as JSON `text` gives the same grade.
    again = api.client.post(
        f"{API}/grade", json={"text": text, "problem": "Design a job scheduler"}
    )
    assert again.json() == grade


def test_api_speaker_names_as_query_parameters(api: Api):
    r = api.client.post(
        f"{API}/grade",
        params={"interviewer": "Kim", "candidate": "Lee"},
        content=b"Kim: Let's design a leaderboard.\nLee: How many players?",
        headers={"content-type": "text/plain"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["read"]["speakers"] == {"Kim": "interviewer", "Lee": "candidate"}


@pytest.mark.parametrize(
    ("content", "kind", "status", "detail"),
    [
        (b"Hello.\nInterviewer: hi", "text/plain", 422, "line 1: no speaker label"),
        (b"\xff\xfe", "text/plain", 400, "body: not UTF-8 text"),
        (THREE.encode(), "text/plain", 422, "?interviewer=&candidate="),
        (b'{"scenario_id": "twitter"}', "application/json", 422, "give either messages or text"),
    ],
)
def test_api_bad_transcripts_name_what_is_wrong(api: Api, content, kind, status, detail):
    r = api.client.post(f"{API}/grade", content=content, headers={"content-type": kind})
    assert r.status_code == status
    assert detail in json.dumps(r.json()["detail"])


def test_api_message_limit_applies_to_plain_text(tmp_path: Path):
    text = "\n".join(f"{'Interviewer' if i % 2 else 'Candidate'}: turn {i}" for i in range(12))
    with running_api(tmp_path, SDI_MAX_TRANSCRIPT_MESSAGES="10") as running:
        r = running.client.post(
            f"{API}/grade", content=text.encode(), headers={"content-type": "text/plain"}
        )
    assert r.status_code == 413
    assert "messages: 12" in r.json()["detail"]


def test_openapi_documents_both_bodies(api: Api):
    body = api.client.get("/openapi.json").json()["paths"][f"{API}/grade"]["post"]["requestBody"]
    assert set(body["content"]) == {"application/json", "text/plain"}


def test_the_readme_example_is_what_sdi_prints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ sdi grade examples/job-scheduler-mock.txt", 1)[1].split("```", 1)[0]
    expected = block.splitlines()[1:]
    result = run("grade", "examples/job-scheduler-mock.txt", "--problem", "Design a job scheduler")
    assert result.returncode == 0, result.stderr
    printed = " ".join(result.stdout.split())
    for line in expected:
        assert " ".join(line.split()) in printed
