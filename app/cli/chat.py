"""`sdi chat`: a mock interview in the terminal.

Commands: /hint (a nudge, never a fact), /notes (what you have uncovered), /next (next step),
/finish (grade report), /quit (leave; resume later with --resume ID).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.rule import Rule

from app.cli.report import print_grade, print_times
from app.config import Settings
from app.core.errors import InvalidMessage
from app.core.steps import FRAMEWORK, title
from app.service.interviews import InterviewService, open_service

HELP = "/hint  /notes  /next  /finish  /quit"


def _label(step: str) -> str:
    """'step 2/3 · data types, API and scale'; 'wrap-up' after the three steps."""
    if step in FRAMEWORK:
        return f"step {FRAMEWORK.index(step) + 1}/{len(FRAMEWORK)} · {title(step)[0].lower()}{title(step)[1:]}"
    return title(step).lower()


Prompt = Callable[[str], str]


def _pick_scenario(service: InterviewService, console: Console, ask: Prompt) -> str | None:
    # The built-ins, then local mode's own scenarios (POST /api/v1/scenarios with no key).
    summaries = service.scenarios.summaries(None)
    console.print("[bold]Pick a problem:[/]")
    for n, s in enumerate(summaries, 1):
        console.print(f"  {n:>2}. {escape(s['title'])} [dim]({s['id']})[/]")
    while True:
        choice = ask("number or id (empty to quit)> ").strip()
        if not choice:
            return None
        if choice.isdigit() and 1 <= int(choice) <= len(summaries):
            return str(summaries[int(choice) - 1]["id"])
        if choice in {s["id"] for s in summaries}:
            return choice
        console.print(f"[red]No scenario '{escape(choice)}'.[/]")


def _say(console: Console, message: dict[str, object], last_step: str | None) -> str | None:
    step = str(message.get("step") or "")
    if step and step != last_step:
        console.print(Rule(_label(step), style="dim"))
    console.print("[bold cyan]Interviewer[/]")
    console.print(Markdown(str(message["content"])))
    return step or last_step


def show_diagrams(console: Console, diagrams: list[dict[str, Any]]) -> None:
    """What was understood of each diagram in the candidate's message: its components (with
    what each was taken for) and edges, and where one that did not parse went wrong."""
    for d in diagrams:
        names = {n["id"]: n["label"] for n in d["nodes"]}
        for s in d["subgraphs"]:
            names.setdefault(s["id"], s["title"])
        kind = "Mermaid" if d["kind"] == "mermaid" else "arrows"
        if d.get("chart"):
            console.print(
                f"[dim]Diagram (Mermaid {escape(d['chart'])}): not read; sdi reads flowcharts "
                "and arrow chains[/]"
            )
            continue
        console.print(
            f"[dim]Diagram ({kind}): {len(d['nodes'])} components, {len(d['edges'])} edges[/]"
        )
        if d["nodes"]:
            parts = []
            for n in d["nodes"]:
                role = n["role"].replace("_", " ")
                parts.append(escape(n["label"]) + (f" [dim]({role})[/]" if role != "other" else ""))
            console.print("  components: " + " · ".join(parts))
        for e in d["edges"]:
            src, dst = escape(names.get(e["from"], e["from"])), escape(names.get(e["to"], e["to"]))
            label = f" [dim]({escape(e['label'])})[/]" if e["label"] else ""
            console.print(f"  {src} → {dst}{label}")
        for err in d["errors"]:
            console.print(
                f"  [red]line {err['line']}, column {err['column']}: {escape(err['expected'])}[/]"
            )


async def run_chat(
    settings: Settings,
    scenario_id: str | None,
    resume: str | None,
    console: Console,
    ask: Prompt = input,
) -> int:
    async with open_service(settings) as service:
        if resume:
            await service.recover(resume)
            interview = service.get(resume)
            messages = service.messages(resume)
            console.print(f"[dim]Resuming interview {resume} ({interview.scenario_id}).[/]")
            last_step: str | None = None
            for m in messages:
                if m["role"] == "interviewer":
                    last_step = _say(console, m, last_step)
                else:
                    console.print(f"[bold green]You[/] {escape(str(m['content']))}")
            if interview.status == "finished":
                grade = service.grade(resume)
                if grade:
                    print_grade(grade, console)
                    print_times(messages, console)
                return 0
        else:
            chosen = scenario_id or _pick_scenario(service, console, ask)
            if chosen is None:
                return 0
            interview, messages = await service.start(chosen)
            console.print(f"[dim]Interview {interview.id}. Commands: {HELP}[/]")
            last_step = _say(console, messages[0], None)
        interview_id = interview.id
        while True:
            try:
                text = await asyncio.to_thread(ask, "you> ")
            except (EOFError, KeyboardInterrupt):
                text = "/quit"
            command = text.strip().lower()
            if not command:
                continue
            if command == "/quit":
                console.print(f"[dim]Saved. Resume with: sdi chat --resume {interview_id}[/]")
                return 0
            if command == "/notes":
                notes = await service.notes(interview_id)
                if not notes:
                    console.print("[dim]Nothing uncovered yet.[/]")
                for topic, answer in notes:
                    console.print(f"  • [bold]{escape(topic)}[/]: {escape(answer)}")
                continue
            if command == "/help":
                console.print(f"[dim]{HELP}[/]")
                continue
            streamed: list[str] = []

            def show(delta: str, streamed: list[str] = streamed) -> None:
                if not streamed:
                    console.print("[bold cyan]Interviewer[/]")
                streamed.append(delta)
                console.print(delta, end="", markup=False, highlight=False)

            # `/finish` goes through the interview like any message: the interviewer closes, and
            # the close is graded in the same turn (the one finish path, as on the web and API).
            try:
                turn = await service.send_turn(interview_id, text, on_token=show)
            except InvalidMessage as exc:
                console.print(f"[red]{escape(str(exc))}[/]")
                continue
            reply = turn.reply
            show_diagrams(console, turn.diagrams)
            if streamed and "".join(streamed).strip() == reply["content"]:
                console.print()  # the words are on screen already
                step = str(reply.get("step") or "")
                if step != last_step:
                    console.print(Rule(_label(step), style="dim"))
                    last_step = step
            else:
                if streamed:
                    console.print("\n[dim](the model failed; the interviewer's own words:)[/]")
                last_step = _say(console, reply, last_step)
            if turn.grade is not None:
                print_grade(turn.grade, console)
                print_times(service.messages(interview_id), console)
                return 0
