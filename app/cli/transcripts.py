"""`sdi transcripts list|show|export`: browse and export the interviews stored in DATABASE_URL.

The exports are app/core/export.py's, the same the API serves, so a file from the terminal and a
download from the review page agree. An id may be given in full or as a unique prefix (as
`list` prints it). An unknown or ambiguous id is a one-line error with exit code 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:  # the commands import these when they run: `sdi --help` stays light
    from app.core.scenarios.models import Scenario
    from app.service.records import Interview, Records

MIN_PREFIX = 4
Read = tuple["Interview", list[dict[str, Any]], "dict[str, Any] | None", "Scenario | None"]
"""An interview, its messages, its grade (when finished) and the scenario it ran on."""
T = TypeVar("T")

transcripts_app = typer.Typer(
    help="Stored interviews: list them, read one with its grade, export it (Markdown or JSON).",
    no_args_is_help=True,
)


class Status(StrEnum):
    active = "active"
    finished = "finished"


class Format(StrEnum):
    md = "md"
    json = "json"


def _error(message: str, code: int = 1) -> typer.Exit:
    Console(stderr=True, highlight=False).print(
        f"[bold red]error:[/] {escape(message)}", soft_wrap=True
    )
    return typer.Exit(code=code)


def _read(work: Callable[[Records], T]) -> T:
    """Run `work` on the stored interviews; a bad database or an unknown id is a one-line
    error (exit 2 for the database, 1 for the id)."""
    from app.config import Settings
    from app.core.errors import SdiError, UnknownInterview
    from app.service.records import open_records

    try:
        with open_records(Settings()) as records:
            return work(records)
    except UnknownInterview as exc:
        raise _error(str(exc)) from None
    except SdiError as exc:
        raise _error(str(exc), code=2) from None


def _date(interview: Interview) -> str:
    at = interview.created_at
    return f"{at.replace(tzinfo=at.tzinfo or UTC).astimezone(UTC):%Y-%m-%d %H:%M}"


@transcripts_app.command("list")
def list_command(
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Only this scenario id.")
    ] = None,
    status: Annotated[Status | None, typer.Option(help="Only active or finished ones.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Stored interviews, newest first: id, scenario, date, score, status."""
    from rich.table import Table

    from app.core.export import utc_iso

    scored = _read(lambda r: r.scored(scenario, status.value if status else None, limit))
    rows = [i for i, _ in scored]
    scores = {i.id: score for i, score in scored}
    items = [
        {
            "id": i.id,
            "scenario_id": i.scenario_id,
            "created_at": utc_iso(i.created_at),
            "status": i.status,
            "score": scores[i.id],
        }
        for i in rows
    ]
    if as_json:
        typer.echo(json.dumps(items, indent=2))
        return
    if not items:
        typer.echo("No interviews stored.", err=True)
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in ("id", "scenario", "date (UTC)"):
        table.add_column(name, no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("status")
    for interview in rows:
        score = scores[interview.id]
        table.add_row(
            interview.id,
            interview.scenario_id,
            _date(interview),
            "" if score is None else str(score),
            interview.status,
        )
    Console(width=200).print(table)


def _summary(grade: dict[str, Any], topics: dict[str, str], console: Console) -> None:
    from app.core.steps import graded_titles

    console.print(f"\n[bold]Score {grade['score']}/100[/]")
    for step, name in graded_titles():
        console.print(f"  {name:<32} {grade['steps'][step]['score']:>3}")
    met = sum(1 for c in grade["criteria"] if c["met"])
    console.print(f"  Criteria met: {met} of {len(grade['criteria'])}")
    unmet = [c for c in grade["criteria"] if not c["met"]]
    for c in unmet:
        console.print(f"  [red]✗[/] {escape(c.get('title', c['id']))} [dim]({c['id']})[/]")
    facts = grade["facts"]
    console.print(f"  Facts uncovered: {len(facts['uncovered'])}, missed: {len(facts['missed'])}")
    for fact_id in facts["missed"]:
        console.print(f"    missed [bold]{fact_id}[/]: {escape(topics.get(fact_id, fact_id))}")


@transcripts_app.command("show")
def show_command(
    interview_id: Annotated[str, typer.Argument(metavar="ID", help="Interview id (or a prefix).")],
    full: Annotated[
        bool, typer.Option("--full", help="The whole grade report: every criterion with evidence.")
    ] = False,
) -> None:
    """One interview: the transcript under step headings, then its grade summary."""
    from rich.markdown import Markdown
    from rich.rule import Rule

    from app.cli.report import print_grade, print_times
    from app.core.export import export_json, message_steps
    from app.core.steps import numbered

    def read(r: Records) -> Read:
        interview = r.find(interview_id, MIN_PREFIX)
        grade = r.grade(interview.id) if interview.status == "finished" else None
        return interview, r.messages(interview.id), grade, r.scenario(interview)

    interview, messages, grade, scenario = _read(read)
    console = Console()
    title = scenario.title if scenario else interview.scenario_id
    console.print(f"[bold]{escape(title)}[/] [dim]({interview.scenario_id})[/]")
    console.print(f"[dim]{interview.id} · {_date(interview)} UTC · {interview.status}[/]")
    last: str | None = None
    for turn, (m, step) in enumerate(zip(messages, message_steps(messages), strict=True)):
        if step is not None and step != last:
            console.print(Rule(numbered(step), style="dim"))
            last = step
        who = "[bold cyan]Interviewer[/]" if m["role"] == "interviewer" else "[bold]Candidate[/]"
        revealed = m.get("revealed") or []
        note = f" [green]revealed: {', '.join(revealed)}[/]" if revealed else ""
        console.print(f"{who} [dim]turn {turn}[/]{note}")
        console.print(Markdown(m["content"]))
    if grade is None:
        console.print("\n[dim]Not finished yet: no grade.[/]")
    elif full:
        console.print()
        print_grade(grade, console)
    else:
        transcript = {"scenario_id": interview.scenario_id, "messages": messages}
        _summary(grade, export_json(interview, transcript, grade, scenario)["fact_topics"], console)
    if grade is not None:
        print_times(messages, console)
    if grade is not None and not full:
        console.print("[dim]Full report with evidence: sdi transcripts show ID --full[/]")


@transcripts_app.command("export")
def export_command(
    interview_id: Annotated[str, typer.Argument(metavar="ID", help="Interview id (or a prefix).")],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="md (a readable document) or json.")
    ] = Format.md,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (default: standard output)."),
    ] = None,
) -> None:
    """Export one interview, as the review page's download buttons do: Markdown or JSON
    (sdi.export/v1: the transcript, and once finished the grade)."""
    from app.core.export import export_json, export_markdown
    from app.core.grading.grader import dumps

    def read(r: Records) -> Read:
        interview = r.find(interview_id, MIN_PREFIX)
        return interview, r.messages(interview.id), r.grade(interview.id), r.scenario(interview)

    interview, messages, grade, scenario = _read(read)
    transcript = {
        "format": "sdi.transcript/v1",
        "scenario_id": interview.scenario_id,
        "messages": messages,
    }
    if fmt is Format.md:
        text = export_markdown(interview, transcript, grade, scenario)
    else:
        text = dumps(export_json(interview, transcript, grade, scenario)) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _error(f"{output}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output}", err=True)
