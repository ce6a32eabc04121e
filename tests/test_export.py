"""Exports over the real API: the Markdown document and the JSON bundle of a finished interview,
an unfinished one (transcript only, nothing hidden), bad formats, unknown ids and tenants."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.export import export_markdown, message_steps, step_times, time_per_step
from app.core.grading.grader import grade as regrade
from app.core.scenarios.loader import Library
from app.core.transcript import parse_transcript
from app.storage.store import Interview
from tests.api_fixtures import API, Api, bearer, running_api
from tests.personas import STRONG


def export(api: Api, iid: str, fmt: str | None, headers: dict[str, str] | None = None) -> Any:
    params = {"format": fmt} if fmt is not None else {}
    return api.client.get(f"{API}/interviews/{iid}/export", params=params, headers=headers or {})


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Api, str, dict[str, Any]]]:
    """A whole interview (the strong candidate, all three steps), finished: (api, id, grade)."""
    with running_api(tmp_path_factory.mktemp("export")) as api:
        iid = api.create()["id"]
        for content in STRONG:
            assert api.say(iid, content, {}).status_code == 200
        r = api.client.post(f"{API}/interviews/{iid}/finish")
        assert r.status_code == 200, r.text
        yield api, iid, r.json()


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with running_api(tmp_path) as api:
        yield api


def test_markdown_export_is_an_attachment_with_the_evidence_and_turns(finished):
    api, iid, grade = finished
    r = export(api, iid, "md")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/markdown")
    disposition = r.headers["content-disposition"]
    assert re.fullmatch(rf'attachment; filename="sdi-twitter-\d{{8}}-{iid[:8]}\.md"', disposition)
    md = r.text
    assert md.startswith("# Design Twitter")
    assert f"## Score: {grade['score']}/100" in md
    evidence = [(e["turn"], e["quote"]) for c in grade["criteria"] for e in c["evidence"]]
    assert len(evidence) >= 10
    for turn, quote in evidence:
        assert f"turn {turn}: “{' '.join(quote.split())}”" in md
    for c in grade["criteria"]:
        assert f"(`{c['id']}`): {'✓ met' if c['met'] else '✗ not met'}" in md
        assert " ".join(c["advice"].split()) in md


def test_markdown_export_has_the_transcript_under_step_headings(finished):
    api, iid, _ = finished
    md = export(api, iid, "md").text
    transcript = api.client.get(f"{API}/interviews/{iid}/transcript").json()
    transcript_part = md[md.index("## Transcript") :]
    headings = re.findall(r"^### (.+)$", transcript_part, flags=re.M)
    assert headings == [
        "1. Requirements",
        "2. Data types, API and scale",
        "3. Design",
        "Wrap-up",
        "Closing",
    ]
    positions = [transcript_part.index(f"**Turn {n} ·") for n in range(len(transcript["messages"]))]
    assert positions == sorted(positions)  # every turn, in order
    # The design heading comes right before the reply that began the design.
    design_starts = message_steps(transcript["messages"]).index("design")
    assert transcript["messages"][design_starts]["step"] == "design"
    design = transcript_part.index("### 3. Design")
    assert positions[design_starts - 1] < design < positions[design_starts]
    for message in transcript["messages"]:
        first_line = message["content"].splitlines()[0]
        assert f"> {first_line}".rstrip() in transcript_part


def test_markdown_export_names_facts_uncovered_with_their_turn_and_missed(
    finished, library: Library
):
    api, iid, grade = finished
    md = export(api, iid, "md").text
    facts_part = md[md.index("## Facts") : md.index("## Transcript")]
    topics = {f.id: f.topic for f in library.get("twitter").scenario.facts}
    for fact_id, turn in grade["facts"]["uncovered_at"].items():
        assert f"- `{fact_id}`: {topics[fact_id]}, turn {turn}" in facts_part
    assert grade["facts"]["missed"], "the strong candidate misses something; the test needs it"
    missed_part = facts_part[facts_part.index("Missed") :]
    for fact_id in grade["facts"]["missed"]:
        assert f"- `{fact_id}`: {topics[fact_id]}" in missed_part


def test_json_export_round_trips_to_the_stored_grade(finished, library: Library):
    api, iid, grade = finished
    r = export(api, iid, "json")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.headers["content-disposition"].endswith(f'-{iid[:8]}.json"')
    data = r.json()
    assert {k: data[k] for k in ("format", "id", "scenario_id", "scenario_title", "status")} == {
        "format": "sdi.export/v1",
        "id": iid,
        "scenario_id": "twitter",
        "scenario_title": "Design Twitter",
        "status": "finished",
    }
    info = api.client.get(f"{API}/interviews/{iid}").json()
    assert data["created_at"][:19] == info["created_at"][:19]
    transcript = parse_transcript(data["transcript"])
    assert (
        transcript.format == "sdi.transcript/v1" and len(transcript.messages) == len(STRONG) * 2 + 1
    )
    assert data["grade"] == grade == api.client.get(f"{API}/interviews/{iid}/grade").json()
    assert regrade(transcript, library) == data["grade"]
    assert set(data["fact_topics"]) == set(grade["facts"]["uncovered"]) | set(
        grade["facts"]["missed"]
    )


def test_exports_show_how_long_each_step_took(finished):
    api, iid, _ = finished
    data = export(api, iid, "json").json()
    times = data["step_times"]
    steps = [t["step"] for t in times]
    assert steps[:3] == ["requirements", "data_api_scale", "design"]
    messages = data["transcript"]["messages"]
    # The steps tile the transcript: each starts where the one before ended.
    assert times[0]["turns"][0] == 0 and times[-1]["turns"][1] == len(messages) - 1
    for before, after in zip(times, times[1:], strict=False):
        assert after["turns"][0] == before["turns"][1] + 1
        assert before["to"] == after["from"] == messages[after["turns"][0]]["at"]
    assert all(isinstance(t["seconds"], int) and t["seconds"] >= 0 for t in times)
    text = export(api, iid, "md").text
    table = text[text.index("## Time per step") : text.index("## Transcript")]
    assert all(t["title"] in table for t in times)


def test_step_times_follow_the_message_times() -> None:
    at = "2026-01-01T10:{:02d}:00+00:00".format
    messages = [
        {"role": "interviewer", "content": "Design X.", "step": "requirements", "at": at(0)},
        {"role": "candidate", "content": "q", "at": at(1)},
        {"role": "interviewer", "content": "a", "step": "requirements", "at": at(2)},
        {"role": "candidate", "content": "move on", "at": at(7)},
        {"role": "interviewer", "content": "ok", "step": "data_api_scale", "at": at(8)},
        {"role": "candidate", "content": "api", "at": at(20)},
    ]
    assert [(t["step"], t["turns"], t["seconds"]) for t in step_times(messages)] == [
        ("requirements", [0, 3], 480),
        ("data_api_scale", [4, 5], 720),
    ]
    untimed = [{k: v for k, v in m.items() if k != "at"} for m in messages]
    assert [t["seconds"] for t in step_times(untimed)] == [None, None]


def test_time_per_step_shows_each_step_its_share_and_the_steps_not_reached() -> None:
    at = "2026-01-01T10:{:02d}:{:02d}+00:00".format
    messages = [
        {"role": "interviewer", "content": "Design X.", "step": "requirements", "at": at(0, 0)},
        {"role": "candidate", "content": "q", "at": at(3, 0)},
        {"role": "interviewer", "content": "ok", "step": "data_api_scale", "at": at(6, 0)},
        {"role": "candidate", "content": "wait, one more", "at": at(7, 30)},
        {"role": "interviewer", "content": "sure", "step": "requirements", "at": at(8, 0)},
        {"role": "candidate", "content": "done", "at": at(9, 0)},
        {"role": "interviewer", "content": "go on", "step": "design", "at": at(10, 0)},
        {"role": "candidate", "content": "a blob store", "at": at(20, 0)},
    ]
    times = time_per_step(messages)
    rows = [(s["step"], s["reached"], s["seconds"], s["percent"]) for s in times["steps"]]
    # Requirements twice: 6 min, then 2 min more; the wrap-up was never reached.
    assert rows == [
        ("requirements", True, 480, 40),
        ("data_api_scale", True, 120, 10),
        ("design", True, 600, 50),
        ("wrap_up", False, None, None),
    ]
    assert times["total_seconds"] == 1200
    assert [s["title"] for s in times["steps"]][:2] == [
        "1. Requirements",
        "2. Data types, API and scale",
    ]
    untimed = time_per_step([{k: v for k, v in m.items() if k != "at"} for m in messages])
    assert untimed["total_seconds"] is None
    assert [(s["reached"], s["seconds"], s["percent"]) for s in untimed["steps"]] == [
        (True, None, None),
        (True, None, None),
        (True, None, None),
        (False, None, None),
    ]
    # All within one second: a total of zero gives no shares rather than a division by zero.
    instant = [{**m, "at": at(0, 0)} for m in messages]
    assert time_per_step(instant)["total_seconds"] == 0
    assert {s["percent"] for s in time_per_step(instant)["steps"]} == {None}


def test_the_json_export_sums_the_step_times_by_step(finished):
    api, iid, _ = finished
    data = export(api, iid, "json").json()
    times = data["time_per_step"]
    assert [s["step"] for s in times["steps"]] == [
        "requirements",
        "data_api_scale",
        "design",
        "wrap_up",
    ]
    spans = data["step_times"]
    for s in times["steps"]:
        mine = [t["seconds"] for t in spans if t["step"] == s["step"]]
        assert s["reached"] == bool(mine) and s["seconds"] == (sum(mine) if mine else None)
    assert times["total_seconds"] == sum(s["seconds"] or 0 for s in times["steps"])


def test_json_is_the_default_format(finished):
    api, iid, _ = finished
    assert export(api, iid, None).json() == export(api, iid, "json").json()


def test_an_unfinished_interview_exports_its_transcript_only(api: Api, library: Library):
    iid = api.create()["id"]
    assert api.say(iid, "Can tweets contain images or video?", {}).status_code == 200
    data = export(api, iid, "json").json()
    assert data["status"] == "active" and data["grade"] is None and data["fact_topics"] == {}
    assert len(data["transcript"]["messages"]) == 3
    md = export(api, iid, "md").text
    assert "Not finished yet" in md and "## Score" not in md and "Missed" not in md
    assert "Can tweets contain images or video?" in md
    # Nothing of a fact still hidden, neither its answer nor its topic, in either export.
    revealed = {f for m in data["transcript"]["messages"] for f in m.get("revealed", [])}
    assert revealed == {"media"}
    everything = md + json.dumps(data, ensure_ascii=False)
    for fact in library.get("twitter").scenario.facts:
        if fact.id not in revealed:
            assert fact.answer not in everything, fact.id
            assert fact.topic not in everything, fact.id
    # The interview is still usable afterwards.
    assert api.say(iid, "Can tweets be edited?", {}).status_code == 200


@pytest.mark.parametrize("fmt", ["pdf", "MD", "", "json,md"])
def test_a_bad_format_gets_422_naming_it(api: Api, fmt: str):
    iid = api.create()["id"]
    r = export(api, iid, fmt)
    assert r.status_code == 422, r.text
    [error] = r.json()["detail"]
    assert error["loc"] == ["query", "format"]
    assert "'json' or 'md'" in error["msg"]


def test_an_unknown_interview_is_404(api: Api):
    r = export(api, "nope", "md")
    assert r.status_code == 404
    assert r.json() == {"detail": "unknown interview 'nope'"}


def test_another_tenant_gets_404_and_a_token_403(tmp_path: Path):
    with running_api(tmp_path, tenants=("acme", "globex")) as api:
        created = api.create("acme")
        iid = created["id"]
        for fmt in ("json", "md"):
            theirs = export(api, iid, fmt, api.auth("globex"))
            assert theirs.status_code == 404, theirs.text
            assert theirs.json() == {"detail": f"unknown interview '{iid}'"}
            assert export(api, iid, fmt, bearer(created["token"])).status_code == 403
            assert export(api, iid, fmt).status_code == 401
            assert export(api, iid, fmt, api.auth("acme")).status_code == 200


def test_message_steps_carry_the_interviewers_step_to_the_candidate():
    messages = [
        {"role": "interviewer", "step": "requirements"},
        {"role": "candidate"},
        {"role": "interviewer", "step": "data_api_scale"},
        {"role": "candidate"},
    ]
    assert message_steps(messages) == [
        "requirements",
        "requirements",
        "data_api_scale",
        "data_api_scale",
    ]


def test_a_grade_passed_for_an_active_interview_is_not_exported():
    """Belt and braces: the export functions never print a grade of an unfinished interview."""
    interview = Interview(id="abc", scenario_id="twitter", status="active")
    transcript = {"scenario_id": "twitter", "messages": [{"role": "interviewer", "content": "Hi."}]}
    grade = {"score": 99, "steps": {}, "criteria": [], "facts": {"uncovered": [], "missed": ["x"]}}
    md = export_markdown(interview, transcript, grade)
    assert "99" not in md and "Missed" not in md and "> Hi." in md


def test_exports_carry_the_diagrams_markdown_as_a_mermaid_block_json_as_source_and_graph():
    from app.core.export import export_json

    interview = Interview(id="abc", scenario_id="twitter", status="active")
    drawn = "```mermaid\ngraph LR\n  LB[Load balancer] --> API[API servers]\n```"
    transcript = {
        "scenario_id": "twitter",
        "messages": [
            {"role": "interviewer", "content": "Let's design Twitter."},
            {"role": "candidate", "content": "First: client -> LB -> api"},
            {"role": "interviewer", "content": "Go on."},
            {"role": "candidate", "content": "Better:\n" + drawn},
            {"role": "interviewer", "content": "Go on."},
            {"role": "candidate", "content": "```mermaid\ngraph LR\n  A -->\n```"},
        ],
    }
    md = export_markdown(interview, transcript, None)
    section = md.split("## Diagram\n", 1)[1].split("## Transcript", 1)[0]
    # The latest diagram read whole, not the broken one after it.
    assert "(turn 3)" in section and drawn in section
    data = export_json(interview, transcript, None)
    assert [(d["turn"], d["kind"]) for d in data["diagrams"]] == [
        (1, "arrows"),
        (3, "mermaid"),
        (5, "mermaid"),
    ]
    chain, mermaid, broken = data["diagrams"]
    assert chain["source"] == "First: client -> LB -> api"
    assert [(e["from"], e["to"]) for e in chain["edges"]] == [("client", "lb"), ("lb", "api")]
    assert mermaid["nodes"][0] == {"id": "LB", "label": "Load balancer", "role": "load_balancer"}
    assert broken["errors"] == [{"line": 2, "column": 8, "expected": "expected a node after '-->'"}]
    assert data["transcript"] == transcript  # sdi.transcript/v1 untouched
