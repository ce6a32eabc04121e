"""The `sdi` command line: short verbs, helpful --help, one-line errors with exit code 2.

Start-up is part of the interface: each command imports what it uses when it runs (the grader,
the database, the web server), never at module top, so `sdi scenarios` and `sdi grade` stay quick.
tests/test_cli_imports.py holds the line; bench/startup.py measures it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from app.cli.scenarios import scenarios_app
from app.cli.transcripts import transcripts_app

app = typer.Typer(
    name="sdi",
    help="A mock system-design interviewer: it withholds the details, walks the three steps, "
    "and grades the transcript with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str) -> typer.Exit:
    """Print a one-line error to stderr; the caller raises the returned Exit (code 2)."""
    Console(stderr=True, highlight=False).print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code=2)


@app.command("grade")
def grade_command(
    file: Annotated[
        str,
        typer.Argument(
            help="A transcript: sdi.transcript/v1 JSON, other JSON (see --map), or plain text "
            "with speaker labels ('Interviewer: ...'); - for stdin."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print sdi.grade/v1 JSON.")] = False,
    problem: Annotated[
        str | None,
        typer.Option(help='The problem, for a generic grade: "Design a job scheduler".'),
    ] = None,
    interviewer: Annotated[
        str | None,
        typer.Option(help="The interviewer's speaker name(s) in the file, comma-separated."),
    ] = None,
    candidate: Annotated[
        str | None,
        typer.Option(help="The candidate's speaker name(s) in the file, comma-separated."),
    ] = None,
    file_format: Annotated[str, typer.Option("--format", help="auto, json or text.")] = "auto",
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Where other JSON keeps its turns: messages=PATH, speaker=KEY, text=KEY "
            "(repeatable).",
        ),
    ] = None,
) -> None:
    """Grade a transcript against the rubric, with evidence quoted from it.

    A transcript of a problem sdi has no scenario of (no scenario_id, or one sdi does not know)
    gets a generic grade. Small talk before the problem and feedback after the design are left
    out and listed. docs/transcripts.md describes the formats.
    """
    from app.core.errors import SdiError
    from app.core.formats import Mapping, read_transcript
    from app.core.grading.grader import dumps, grade

    if file_format not in ("auto", "json", "text"):
        raise fail(f"--format: '{file_format}', expected auto, json or text")
    name = "stdin" if file == "-" else file
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise fail(f"{file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise fail(f"{file}: not UTF-8 text") from None
    try:
        transcript, read = read_transcript(
            text,
            interviewer=interviewer,
            candidate=candidate,
            mapping=Mapping.parse(mapping) if mapping else None,
            format=file_format,  # type: ignore[arg-type]
        )
        result = grade(transcript, problem=problem)
    except SdiError as exc:
        raise fail(f"{name}: {exc}") from None
    if read.source != "sdi.transcript/v1":
        result["read"] = read.as_json()
    if as_json:
        typer.echo(dumps(result))
    else:
        from app.cli.report import print_grade, print_times

        console = Console()
        print_grade(result, console)
        print_times([m.model_dump(mode="json") for m in transcript.messages], console)


@app.command("chat")
def chat_command(
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Scenario id (see `sdi scenarios`).")
    ] = None,
    resume: Annotated[
        str | None, typer.Option("--resume", help="Continue a stored interview by id.")
    ] = None,
) -> None:
    """A mock interview in the terminal (offline renderer; no key, no network)."""
    import asyncio

    from app.cli.chat import run_chat
    from app.config import Settings
    from app.core.errors import SdiError

    try:
        code = asyncio.run(run_chat(Settings(), scenario, resume, Console()))
    except SdiError as exc:
        raise fail(str(exc)) from None
    raise typer.Exit(code)


def _keys():  # noqa: ANN202
    from app.config import Settings
    from app.service.records import open_keys

    return open_keys(Settings())


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Interface to bind (key mode only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    graceful_timeout: Annotated[
        float,
        typer.Option(
            min=0,
            help="Seconds SIGTERM waits for turns under way (and open requests) before exiting.",
        ),
    ] = 30.0,
) -> None:
    """The web app, websocket and REST API (OpenAPI at /docs).

    With no API keys configured this is local mode: it binds 127.0.0.1 and needs no auth.
    Logs go to stderr: readable text on a terminal, JSON lines elsewhere (SDI_LOG_FORMAT).
    """
    import logging

    from pydantic import ValidationError

    from app.api.app import create_app
    from app.api.server import serve
    from app.config import Settings
    from app.core.errors import first_error
    from app.logs import configure

    try:
        configure()
    except ValidationError as exc:
        field, why = first_error(exc, "SDI_LOG_*")
        raise fail(f"{field}: {why}") from None
    log = logging.getLogger("sdi.serve")
    settings = Settings()
    key_mode = _keys().any_active()
    if not key_mode and host not in ("127.0.0.1", "localhost", "::1"):
        log.warning(
            f"No API keys: local mode binds 127.0.0.1, not {host}. "
            "Create a key with `sdi keys create TENANT` to serve other hosts."
        )
        host = "127.0.0.1"
    mode = "key mode (Authorization: Bearer KEY)" if key_mode else "local mode (no auth)"
    log.info(
        f"sdi on http://{host}:{port}  {mode}  docs: http://{host}:{port}/docs",
        extra={"host": host, "port": port, "mode": "key" if key_mode else "local"},
    )
    api = create_app(settings)
    raise typer.Exit(serve(api, host, port, settings.ws_max_frame_bytes, graceful_timeout))


db_app = typer.Typer(help="The database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the schema migrations to DATABASE_URL (SQLite or PostgreSQL); safe to run twice,
    and from several replicas at once on PostgreSQL."""
    from app.config import Settings
    from app.core.errors import SdiError
    from app.service.admin import upgrade_database

    try:
        typer.echo(upgrade_database(Settings().database_url))
    except SdiError as exc:
        raise fail(str(exc)) from None


@db_app.command("current")
def db_current() -> None:
    """Print the schema revision of DATABASE_URL and the one this version needs."""
    from app.config import Settings
    from app.core.errors import SdiError
    from app.service.admin import database_revision

    try:
        typer.echo(database_revision(Settings().database_url))
    except SdiError as exc:
        raise fail(str(exc)) from None


keys_app = typer.Typer(help="API keys for platforms (key mode).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(tenant: Annotated[str, typer.Argument(help="Tenant name, e.g. acme.")]) -> None:
    """Create a key for TENANT and print it once (only its hash is stored)."""
    row, key = _keys().create(tenant)
    typer.echo(key)
    Console(stderr=True).print(f"[dim]key id {row.id} for tenant {tenant}; shown once, keep it[/]")


@keys_app.command("list")
def keys_list() -> None:
    """Key ids, tenants and state (never the keys)."""
    for row in _keys().list():
        state = "revoked" if row.revoked_at else "active"
        typer.echo(f"{row.id}  {row.tenant:<20} {state:<8} {row.created_at:%Y-%m-%d %H:%M}")


@keys_app.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="Key id from `sdi keys list`.")],
) -> None:
    """Revoke a key by id."""
    if not _keys().revoke(key_id):
        raise fail(f"no active key '{key_id}'")
    typer.echo(f"revoked {key_id}")


app.add_typer(scenarios_app, name="scenarios")
app.add_typer(transcripts_app, name="transcripts")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
