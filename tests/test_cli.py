"""`sdi grade` and `sdi scenarios`, run as a user runs them (a real subprocess)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import transcript_file

SDI = [sys.executable, "-m", "app.cli"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SDI, *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_grade_json_prints_the_grade_format():
    result = run("grade", str(transcript_file("twitter-strong")), "--json")
    assert result.returncode == 0, result.stderr
    grade = json.loads(result.stdout)
    assert grade["format"] == "sdi.grade/v1"
    assert grade["scenario_id"] == "twitter"
    assert 0 <= grade["score"] <= 100


def test_grade_reads_stdin():
    text = transcript_file("twitter-weak").read_text()
    from_file = run("grade", str(transcript_file("twitter-weak")), "--json")
    from_stdin = run("grade", "-", "--json", stdin=text)
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout


def test_grade_report_shows_score_steps_evidence_and_advice():
    result = run("grade", str(transcript_file("twitter-strong")))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Score" in out and "1. Requirements" in out and "3. Design" in out
    assert "req.mutability" in out and "turn " in out


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "the list of turns is empty"),
        ('{"scenario_id": "twitter", "messages": []}', "messages"),
        (
            '{"scenario_id": "twitter", "messages": [{"role": "bot", "content": "hi"}]}',
            "messages[0].role",
        ),
        ("Hello there.\nInterviewer: Design a cache.", "line 1: no speaker label"),
        ('{"turns": [{"p": "Alex", "t": "hi"}]}', "--map speaker=KEY"),
    ],
)
def test_malformed_transcript_gets_one_line_error_and_exit_2(stdin, message):
    result = run("grade", "-", stdin=stdin)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_missing_file_exit_2():
    result = run("grade", "/nonexistent/t.json")
    assert result.returncode == 2
    assert "/nonexistent/t.json" in result.stderr


def test_scenarios_lists_titles_and_never_facts(library):
    result = run("scenarios", "--json")
    assert result.returncode == 0
    listed = json.loads(result.stdout)
    assert {s["id"] for s in listed} == set(library.ids())
    assert all(set(s) == {"id", "title", "statement"} for s in listed)
    text = run("scenarios").stdout
    for scenario_id in library.ids():
        for fact in library.get(scenario_id).scenario.facts:
            assert fact.answer not in text


def test_chat_runs_a_whole_interview_from_stdin(tmp_path):
    env_db = f"sqlite:///{tmp_path / 'chat.db'}"
    script = "\n".join(
        [
            "Can tweets contain images?",
            "/notes",
            "/hint",
            "Let's move on to the API.",
            "/finish",
        ]
    )
    result = subprocess.run(
        [*SDI, "chat", "--scenario", "twitter"],
        input=script + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "DATABASE_URL": env_db},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Let's design Twitter." in out
    assert "a tweet can carry images" in out  # the answer, then the note
    assert "step 2/3" in out
    assert "Score" in out and "req.media" in out


@pytest.mark.parametrize(
    "closing", [["/finish"], ["That's my whole design.", "No questions, thanks."]]
)
def test_chat_closing_finishes_the_interview_for_every_transport(tmp_path, closing):
    """/finish, or the close after the wrap-up, typed in the terminal: the interviewer's close
    is stored, the grade printed, and the interview is finished wherever it is read."""
    import json
    import os

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}"}
    script = "\n".join(["Can tweets be edited?", *closing, "this line is never read"]) + "\n"
    result = subprocess.run(
        [*SDI, "chat", "--scenario", "twitter"],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "closing" in result.stdout  # the step rule the terminal draws when the close comes
    assert "Score" in result.stdout
    listed = subprocess.run(
        [*SDI, "transcripts", "list", "--json"], capture_output=True, text=True, timeout=60, env=env
    )
    [item] = json.loads(listed.stdout)
    assert item["status"] == "finished" and isinstance(item["score"], int)
    shown = subprocess.run(
        [*SDI, "transcripts", "export", item["id"], "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    messages = json.loads(shown.stdout)["transcript"]["messages"]
    assert [m["content"] for m in messages if m["role"] == "candidate"][-1] == closing[-1]
    assert messages[-1]["role"] == "interviewer" and messages[-1]["step"] == "done"


def test_chat_quit_then_resume_continues_the_interview(tmp_path):
    import os
    import re

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}"}
    first = subprocess.run(
        [*SDI, "chat", "--scenario", "twitter"],
        input="Can tweets be edited?\n/quit\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    interview_id = re.search(r"--resume (\w+)", first.stdout).group(1)
    second = subprocess.run(
        [*SDI, "chat", "--resume", interview_id],
        input="/notes\n/quit\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert second.returncode == 0, second.stderr
    assert "Can tweets be edited?" in second.stdout  # the history is replayed
    assert "changed or removed after publishing" in second.stdout  # the note survived


def test_chat_resume_unknown_id_is_a_clear_error(tmp_path):
    import os

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}"}
    result = subprocess.run(
        [*SDI, "chat", "--resume", "nope"], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 2
    assert "unknown interview 'nope'" in result.stderr


# --- scenario authors: `sdi scenarios new` and `sdi scenarios validate` ----------------------


def test_scenarios_new_prints_a_template_that_validates(tmp_path):
    new = run("scenarios", "new", "pastebin")
    assert new.returncode == 0, new.stderr
    assert new.stdout.startswith("#") and "id: pastebin\n" in new.stdout
    path = tmp_path / "pastebin.yaml"
    path.write_text(new.stdout)
    checked = run("scenarios", "validate", str(path))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == "ok: pastebin (4 facts)\n"
    assert checked.stderr == ""  # no warnings either: every example reveals its fact
    assert run("scenarios", "new", "Not An Id").returncode == 2


def test_scenarios_validate_names_every_broken_field(tmp_path):
    text = run("scenarios", "new", "pastebin").stdout
    broken = text.replace("@edit|@delete", "@editing_words").replace(
        '"@how_many @paste', '"@how_many @pastes'
    )
    path = tmp_path / "pastebin.yaml"
    path.write_text(broken)
    result = run("scenarios", "validate", str(path))
    assert result.returncode == 1 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {path}: facts[0].ask[0]: unknown concept '@editing_words'",
        f"error: {path}: facts[2].ask[0]: unknown concept '@pastes'",
    ]
    as_json = json.dumps({"id": "x", "title": "X", "statement": "Hi.", "facts": []})
    result = run("scenarios", "validate", "-", stdin=as_json)
    assert result.returncode == 1
    for field in ("facts", "requirements", "data_api_scale", "design", "follow_ups", "twists"):
        assert f"error: stdin: {field}: " in result.stderr


def test_scenarios_validate_warns_of_an_example_that_reveals_nothing(tmp_path):
    text = run("scenarios", "new", "pastebin").stdout
    path = tmp_path / "pastebin.yaml"
    path.write_text(text.replace("- Do pastes expire?", "- What colour is the logo?"))
    result = run("scenarios", "validate", str(path))
    assert result.returncode == 0 and result.stdout == "ok: pastebin (4 facts)\n"
    assert f"warning: {path}: facts[1].examples[0]: does not reveal fact 'expiry'" in result.stderr


def test_scenarios_validate_reports_unreadable_files(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nfacts: [\n  - :")
    result = run("scenarios", "validate", str(path))
    assert result.returncode == 1 and "not valid YAML" in result.stderr and "line" in result.stderr
    missing = run("scenarios", "validate", str(tmp_path / "none.yaml"))
    assert missing.returncode == 2 and "none.yaml" in missing.stderr
