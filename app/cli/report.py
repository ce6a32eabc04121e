"""The human-readable grade report for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from app.core.export import duration, time_per_step
from app.core.steps import graded_titles


def print_grade(grade: dict[str, Any], console: Console) -> None:
    """Score, per-step scores, then each criterion with its evidence and advice, by step."""
    console.print(f"[bold]Score {grade['score']}/100[/]  ({_graded_as(grade)})")
    read = grade.get("read")
    named = read and any(s.casefold() != r for s, r in read.get("speakers", {}).items())
    if read and named:
        who = ", ".join(f"{escape(s)} = {r}" for s, r in read["speakers"].items())
        guessed = f" [dim]({escape(read['guessed'])})[/]" if read.get("guessed") else ""
        console.print(f"  [dim]speakers:[/] {who}{guessed}")
    for part in grade.get("excluded", []):
        first, last = part["turns"]
        console.print(f"  [dim]not graded: turns {first}-{last}, {escape(part['why'])}[/]")
    for step, name in graded_titles():
        console.print(f"  {name:<32} {grade['steps'][step]['score']:>3}")
    for step, name in graded_titles():
        console.print(f"\n[bold underline]{name}[/]")
        for c in (c for c in grade["criteria"] if c["step"] == step):
            mark = "[green]✓[/]" if c["met"] else "[red]✗[/]"
            na = " [dim](not applicable)[/]" if c.get("applicable") is False else ""
            console.print(
                f"{mark} [bold]{c['id']}[/] {escape(c['title'])} "
                f"[dim]{c['points']:g}/{c['max_points']:g}[/]{na}"
            )
            for e in c["evidence"]:
                console.print(f"    [dim]turn {e['turn']}:[/] “{escape(e['quote'])}”")
            console.print(f"    {escape(c['advice'])}")
    facts = grade["facts"]
    if grade.get("generic"):
        return
    console.print(
        f"\n[bold]Facts uncovered[/] {len(facts['uncovered'])}: {', '.join(facts['uncovered'])}"
    )
    if facts["missed"]:
        console.print(f"[bold]Facts missed[/] {len(facts['missed'])}: {', '.join(facts['missed'])}")


def _graded_as(grade: dict[str, Any]) -> str:
    """What the grade is of: the scenario, or "generic" and the problem."""
    if not grade.get("generic"):
        return str(grade["scenario_id"])
    about = grade.get("problem") or grade.get("scenario_id")
    return f"generic: {escape(about)}" if about else "generic"


def print_times(messages: list[dict[str, Any]], console: Console) -> None:
    """Time per step, from the message times (as the review page shows it): each step's time
    and share of the total, a step not reached says so. Nothing when the messages carry no
    times. Figures only: no budget, no warning."""
    times = time_per_step(messages)
    if times["total_seconds"] is None:
        return
    console.print("\n[bold]Time per step[/]")
    for s in times["steps"]:
        if not s["reached"]:
            console.print(f"  {s['title']:<32} [dim]{'not reached':>12}[/]")
            continue
        share = f"{s['percent']:>3}%" if s["percent"] is not None else ""
        console.print(f"  {s['title']:<32} {duration(s['seconds']):>12}  {share}".rstrip())
    console.print(f"  {'Total':<32} {duration(times['total_seconds']):>12}")
