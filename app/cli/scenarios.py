"""`sdi scenarios`: list the scenarios; `validate FILE` and `new [ID]` for scenario authors.

Pure core work (the same models and rules the server uses for a tenant's scenario): no
database, no server, so these stay as quick as `sdi scenarios` always was.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

scenarios_app = typer.Typer(
    help="The scenarios: list them (never their hidden facts); validate and start your own.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def _error(message: str, code: int = 2) -> typer.Exit:
    Console(stderr=True, highlight=False).print(
        f"[bold red]error:[/] {escape(message)}", soft_wrap=True
    )
    return typer.Exit(code=code)


@scenarios_app.callback()
def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the scenarios (id, title, opening statement). Hidden facts are never shown."""
    if ctx.invoked_subcommand is not None:
        return
    from app.core.errors import SdiError
    from app.core.scenarios.loader import default_library

    try:
        summaries = default_library().summaries()
    except SdiError as exc:
        raise _error(str(exc)) from None
    if as_json:
        import json

        typer.echo(json.dumps([s.model_dump() for s in summaries], indent=2))
        return
    console = Console()
    for s in summaries:
        console.print(f"[bold]{s.id:<18}[/] {s.title}\n{'':<18} [dim]{s.statement}[/]")


def _read(file: str) -> Any:
    """The document in FILE (or stdin for -): JSON for a .json file, YAML otherwise."""
    import json

    import yaml

    from app.core.yamlfile import parse

    name = "stdin" if file == "-" else file
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise _error(f"{file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise _error(f"{file}: not UTF-8 text", 1) from None
    try:
        return json.loads(text) if file.endswith(".json") else parse(text)
    except json.JSONDecodeError as exc:
        raise _error(f"{name} (line {exc.lineno}): not valid JSON: {exc.msg}", 1) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc
        raise _error(f"{name}{where}: not valid YAML: {problem}", 1) from None


@scenarios_app.command("validate")
def validate_command(
    file: Annotated[str, typer.Argument(help="A scenario file (YAML or .json), or - for stdin.")],
) -> None:
    """Check a scenario file as the server checks one before storing it.

    Exit 0 and "ok: ID (N facts)", or exit 1 with every problem, each naming its field.
    Warnings (an example question that does not reveal its fact...) do not fail it."""
    from app.core.errors import ScenarioInvalid
    from app.core.scenarios.checks import warnings
    from app.core.scenarios.loader import default_library, from_document

    name = "stdin" if file == "-" else file
    raw = _read(file)
    try:
        loaded = from_document(raw, name)
    except ScenarioInvalid as exc:
        err = Console(stderr=True, highlight=False)
        for where, why in exc.problems:
            err.print(
                f"[bold red]error:[/] {escape(name)}: {escape(where)}: {escape(why)}",
                soft_wrap=True,
            )
        raise typer.Exit(1) from None
    warned = warnings(loaded)
    if loaded.id in default_library():
        warned.append(("id", f"'{loaded.id}' is a built-in scenario's: the API refuses it"))
    out = Console(stderr=True, highlight=False)
    for where, why in warned:
        out.print(
            f"[yellow]warning:[/] {escape(name)}: {escape(where)}: {escape(why)}", soft_wrap=True
        )
    typer.echo(f"ok: {loaded.id} ({len(loaded.scenario.facts)} facts)")


@scenarios_app.command("new")
def new_command(
    scenario_id: Annotated[
        str, typer.Argument(metavar="[ID]", help="The new scenario's id (default: my-scenario).")
    ] = "my-scenario",
) -> None:
    """Print a commented scenario template that validates: `sdi scenarios new ID > ID.yaml`."""
    import re

    from app.core.scenarios.loader import HERE

    if not re.fullmatch(r"[a-z][a-z0-9_-]*", scenario_id):
        raise _error(f"'{scenario_id}': an id is lower-case letters, digits, '_' or '-'")
    template = (HERE / "template.yaml").read_text(encoding="utf-8")
    typer.echo(template.replace("__ID__", scenario_id), nl=False)
