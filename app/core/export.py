"""Exports of a stored interview: JSON (transcript + grade + metadata) and a Markdown document.

Pure functions over plain data: the API, the CLI and the review page all export through here, so
a download from the web and `sdi transcripts export` say the same thing. An interview that is not
finished exports its transcript only: no grade, and nothing about the facts it has not uncovered
(not even their topics).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from app.core.diagrams import latest, to_mermaid, transcript_diagrams
from app.core.scenarios.models import Scenario
from app.core.steps import Step, graded_titles, numbered

EXPORT_FORMAT: Literal["sdi.export/v1"] = "sdi.export/v1"


class InterviewLike(Protocol):
    """What an export reads of an interview record (app.storage.store.Interview has it)."""

    id: str
    scenario_id: str
    status: str
    created_at: datetime


def utc_iso(at: datetime) -> str:
    """UTC ISO 8601 (SQLite hands back naive datetimes, which the store writes in UTC)."""
    return at.replace(tzinfo=at.tzinfo or UTC).astimezone(UTC).isoformat(timespec="seconds")


def _finished_grade(
    interview: InterviewLike, grade: dict[str, Any] | None
) -> dict[str, Any] | None:
    return grade if interview.status == "finished" else None


def message_steps(messages: list[dict[str, Any]]) -> list[str | None]:
    """The step of each message: its own `step`, else the step of the message before it (a
    candidate speaks in the step the interviewer last named)."""
    out: list[str | None] = []
    current: str | None = None
    for m in messages:
        current = m.get("step") or current
        out.append(current)
    return out


def step_times(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """How long each step took, from the message times: [{"step", "title", "turns", "from",
    "to", "seconds"}] in the order the steps came. A step runs from its first message to the
    first message of the next step (the last one to its last message); steps whose messages
    carry no `at` get seconds None. No budget is set: this shows where the time went."""
    out: list[dict[str, Any]] = []
    for turn, (m, step) in enumerate(zip(messages, message_steps(messages), strict=True)):
        if step is None:
            continue
        if not out or out[-1]["step"] != step:
            out.append({"step": step, "title": numbered(step), "turns": [turn, turn], "at": []})
        out[-1]["turns"][1] = turn
        if m.get("at"):
            out[-1]["at"].append(m["at"])
    for i, block in enumerate(out):
        times = block.pop("at")
        end = out[i + 1]["at"][:1] if i + 1 < len(out) and out[i + 1].get("at") else []
        span = [*times[:1], *(end or times[-1:])]
        block["from"], block["to"] = (span[0], span[-1]) if len(span) == 2 else (None, None)
        block["seconds"] = (
            round((_parse(span[-1]) - _parse(span[0])).total_seconds()) if len(span) == 2 else None
        )
    return out


TIMED_STEPS: tuple[Step, ...] = ("requirements", "data_api_scale", "design", "wrap_up")
"""The steps a review shows the time of: the guide's three and the wrap-up (the closing, `done`,
is where the interview ends, not a step that takes time)."""


def time_per_step(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Where the time went, for a review: `{"total_seconds", "steps": [{"step", "title",
    "reached", "seconds", "percent"}]}`, one entry per TIMED_STEPS step in order, reached or not.

    Built on step_times: a step entered twice adds up. `seconds` is None for a step not reached
    or whose messages carry no times; `percent` (of the total, rounded) is None where `seconds`
    is, and when the total is zero; `total_seconds` is None when no step has a time. A figure,
    never a verdict: no budget, no warning."""
    spans = step_times(messages)
    steps: list[dict[str, Any]] = []
    for step in TIMED_STEPS:
        mine = [s["seconds"] for s in spans if s["step"] == step]
        timed = [s for s in mine if s is not None]
        steps.append(
            {
                "step": step,
                "title": numbered(step),
                "reached": bool(mine),
                "seconds": sum(timed) if timed else None,
                "percent": None,
            }
        )
    timed_steps = [s for s in steps if s["seconds"] is not None]
    total = sum(s["seconds"] for s in timed_steps) if timed_steps else None
    if total:
        for s in timed_steps:
            s["percent"] = round(100 * s["seconds"] / total)
    return {"total_seconds": total, "steps": steps}


def _parse(at: str) -> datetime:
    return datetime.fromisoformat(at.replace("Z", "+00:00"))


def duration(seconds: int | None) -> str:
    """A time as the exports and the review show it: "12 min 05 s", "45 s"; "n/a" for None."""
    if seconds is None:
        return "n/a"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def fact_topics(
    interview: InterviewLike, grade: dict[str, Any] | None, scenario: Scenario | None
) -> dict[str, str]:
    """Fact id -> its value-free topic, for a finished interview's uncovered and missed facts.
    Empty while the interview is not finished: which facts exist is part of what it hides."""
    grade = _finished_grade(interview, grade)
    if grade is None or scenario is None:
        return {}
    named = set(grade["facts"].get("uncovered", [])) | set(grade["facts"].get("missed", []))
    return {f.id: f.topic for f in scenario.facts if f.id in named}


def export_json(
    interview: InterviewLike,
    transcript: dict[str, Any],
    grade: dict[str, Any] | None,
    scenario: Scenario | None = None,
) -> dict[str, Any]:
    """`{"format": "sdi.export/v1", id, scenario_id, scenario_title, created_at, status,
    "transcript": sdi.transcript/v1, "grade": sdi.grade/v1 or None, "fact_topics": {...},
    "step_times": [...], "time_per_step": {...}, "diagrams": [...]}`."""
    return {
        "format": EXPORT_FORMAT,
        "id": interview.id,
        "scenario_id": interview.scenario_id,
        "scenario_title": scenario.title if scenario else interview.scenario_id,
        "created_at": utc_iso(interview.created_at),
        "status": interview.status,
        "transcript": transcript,
        "grade": _finished_grade(interview, grade),
        "fact_topics": fact_topics(interview, grade, scenario),
        "step_times": step_times(transcript["messages"]),
        "time_per_step": time_per_step(transcript["messages"]),
        # Diagrams (issue 16): each one the candidate wrote, its source and parsed graph.
        "diagrams": [
            {"turn": turn, **d.to_dict()} for turn, d in transcript_diagrams(transcript["messages"])
        ],
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quoted(text: str) -> list[str]:
    """A message as a Markdown blockquote: its own headings and lists stay inside the quote."""
    return [f"> {line}".rstrip() for line in text.splitlines() or [""]]


def _time(at: str | None) -> str:
    if not at:
        return ""
    try:
        return f" · {datetime.fromisoformat(at).astimezone(UTC):%H:%M:%S} UTC"
    except ValueError:
        return ""


def _grade_lines(
    grade: dict[str, Any], topics: dict[str, str], messages: list[dict[str, Any]]
) -> list[str]:
    lines = [f"## Score: {grade['score']}/100", "", "| Step | Score |", "|---|---:|"]
    for step, name in graded_titles():
        lines.append(f"| {name} | {grade['steps'][step]['score']} |")
    for step, name in graded_titles():
        lines += ["", f"## {name}", ""]
        for c in (c for c in grade["criteria"] if c["step"] == step):
            mark = "✓ met" if c["met"] else "✗ not met"
            na = " (not applicable)" if c.get("applicable") is False else ""
            lines.append(
                f"- **{c.get('title', c['id'])}** (`{c['id']}`): {mark}, "
                f"{c['points']:g}/{c['max_points']:g}{na}"
            )
            for e in c["evidence"]:
                lines.append(f"  - turn {e['turn']}: “{_one_line(e['quote'])}”")
            lines.append(f"  - {_one_line(c['advice'])}")
    facts = grade["facts"]
    uncovered_at: dict[str, int] = facts.get("uncovered_at", {})
    lines += ["", "## Facts", "", f"Uncovered ({len(facts['uncovered'])}):", ""]
    for fact_id in facts["uncovered"]:
        turn = uncovered_at.get(fact_id)
        at = messages[turn].get("at") if turn is not None and turn < len(messages) else None
        when = f", turn {turn}{_time(at)}" if turn is not None else ""
        lines.append(f"- `{fact_id}`: {topics.get(fact_id, fact_id)}{when}")
    if not facts["uncovered"]:
        lines.append("- none")
    lines += ["", f"Missed ({len(facts['missed'])}):", ""]
    lines += [f"- `{f}`: {topics.get(f, f)}" for f in facts["missed"]] or ["- none"]
    return lines


def export_markdown(
    interview: InterviewLike,
    transcript: dict[str, Any],
    grade: dict[str, Any] | None,
    scenario: Scenario | None = None,
) -> str:
    """A readable document: title, scenario, date, the grade (score, steps, each criterion with
    its evidence and advice, facts uncovered and missed) when finished, then the transcript turn
    by turn under step headings."""
    grade = _finished_grade(interview, grade)
    title = scenario.title if scenario else interview.scenario_id
    messages: list[dict[str, Any]] = transcript["messages"]
    created = datetime.fromisoformat(utc_iso(interview.created_at))
    lines = [
        f"# {title}: mock system-design interview",
        "",
        f"- Scenario: {title} (`{interview.scenario_id}`)",
        f"- Date: {created:%Y-%m-%d %H:%M} UTC",
        f"- Interview: `{interview.id}`",
        f"- Status: {interview.status}",
        "",
    ]
    if grade is None:
        lines += ["Not finished yet: no grade.", ""]
    else:
        lines += _grade_lines(grade, fact_topics(interview, grade, scenario), messages) + [""]
    times = step_times(messages)
    if any(t["seconds"] is not None for t in times):
        lines += ["## Time per step", "", "| step | turns | time |", "|---|---|---|"]
        for t in times:
            first_turn, last_turn = t["turns"]
            lines.append(f"| {t['title']} | {first_turn}–{last_turn} | {duration(t['seconds'])} |")
        lines.append("")
    drawn = latest(messages)
    if drawn is not None:
        turn, diagram = drawn
        lines += ["## Diagram", "", f"The design as last drawn (turn {turn}):", ""]
        lines += ["```mermaid", to_mermaid(diagram), "```", ""]
    lines += ["## Transcript", ""]
    last: str | None = None
    for turn, (m, step) in enumerate(zip(messages, message_steps(messages), strict=True)):
        if step is not None and step != last:
            lines += [f"### {numbered(step)}", ""]
            last = step
        who = "Interviewer" if m["role"] == "interviewer" else "Candidate"
        revealed = m.get("revealed") or []
        note = f" (revealed: {', '.join(revealed)})" if revealed else ""
        lines += [f"**Turn {turn} · {who}**{_time(m.get('at'))}{note}", ""]
        lines += _quoted(m["content"]) + [""]
    return "\n".join(lines).rstrip() + "\n"


def export_filename(interview: InterviewLike, extension: str) -> str:
    """`sdi-<scenario>-<date>-<id prefix>.<ext>`: ASCII, safe in a Content-Disposition."""

    def safe(text: str) -> str:
        return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in text)

    created = datetime.fromisoformat(utc_iso(interview.created_at))
    return (
        f"sdi-{safe(interview.scenario_id)}-{created:%Y%m%d}-{safe(interview.id[:8])}.{extension}"
    )
