"""Structured logs: the real `sdi serve` writes one JSON object a line, a line per turn with its
interview, seq, transport, duration and outcome, and never a message's content, a key or a token."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.sync.client import connect

from app.logs import JsonFormatter, TextFormatter, redact
from tests.api_fixtures import API, bearer, create_key
from tests.servers import REPO, ServeProcess


def log_lines(server: ServeProcess) -> list[str]:
    """The server's output lines, without the markers ServeProcess writes between starts."""
    return [
        line
        for line in server.log.read_text().splitlines()
        if line.strip() and not line.startswith("--- start")
    ]


def test_serve_logs_json_lines_with_a_line_per_turn_and_no_secrets(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'sdi.db'}"
    key = create_key(url, "acme")
    markers = [f"marker-{uuid.uuid4().hex}" for _ in range(2)]
    server = ServeProcess(home=tmp_path / "home", database_url=url).start()
    try:
        created = httpx.post(
            f"{server.http}{API}/interviews", json={"scenario_id": "twitter"}, headers=bearer(key)
        ).json()
        interview_id, token = created["id"], created["token"]
        said = httpx.post(
            f"{server.http}{API}/interviews/{interview_id}/messages",
            json={"content": f"Can tweets contain images? {markers[0]}"},
            headers=bearer(token),
        )
        assert said.status_code == 200, said.text
        # A browser's socket: the token travels in the query string.
        with connect(f"{server.ws}{API}/interviews/{interview_id}/ws?token={token}") as ws:
            ws.send(
                json.dumps({"type": "message", "content": f"Can tweets be edited? {markers[1]}"})
            )
            while True:
                frame = json.loads(ws.recv(timeout=10))
                if frame["type"] == "message" and frame["role"] == "interviewer":
                    break
        missing = httpx.post(
            f"{server.http}{API}/interviews/nope/messages",
            json={"content": "hello"},
            headers=bearer(key),
        )
        assert missing.status_code == 404
    finally:
        assert server.stop() == 0
    lines = log_lines(server)
    records: list[dict[str, Any]] = [json.loads(line) for line in lines]  # every line is JSON
    for record in records:
        assert {"ts", "level", "logger", "msg"} <= record.keys(), record
    turns = [r for r in records if r["logger"] == "sdi.turn"]
    assert [(t["transport"], t["seq"], t["outcome"]) for t in turns] == [
        ("rest", 2, "ok"),
        ("ws", 4, "ok"),
    ]
    for t in turns:
        assert t["interview_id"] == interview_id and t["tenant"] == "acme"
        assert isinstance(t["duration_ms"], float | int) and t["duration_ms"] >= 0
    requests = [r for r in records if r["logger"] == "sdi.http"]
    assert {"method": "POST", "status": 404} in [
        {"method": r["method"], "status": r["status"]} for r in requests
    ]
    assert any(r["logger"].startswith("uvicorn") for r in records)  # uvicorn's lines too
    text = "\n".join(lines)
    for secret in (*markers, key, token):
        assert secret not in text
    assert "token=[redacted]" in text  # uvicorn's websocket line, masked


def test_text_format_and_redaction():
    record = logging.LogRecord("sdi.turn", logging.INFO, __file__, 1, "turn", None, None)
    record.interview_id = "abc"
    record.seq = 2
    record.content = "never copied"
    record.error = "connection lost: [parameters: ('never copied either',)]"
    line = json.loads(JsonFormatter().format(record))
    assert line["interview_id"] == "abc" and line["seq"] == 2 and "content" not in line
    assert "interview_id=abc seq=2" in TextFormatter().format(record)
    assert "never copied" not in TextFormatter().format(record)
    assert "never copied" not in JsonFormatter().format(record)
    masked = redact(
        '"WebSocket /api/v1/interviews/x/ws?after=3&token=sdi_tok_abc-123" Bearer sdi_key_xyz'
    )
    assert "sdi_tok_abc" not in masked and "sdi_key_xyz" not in masked
    assert "after=3" in masked
    failed = (
        "sqlite3.OperationalError: database is locked\n[SQL: INSERT INTO message (content) "
        "VALUES (?)]\n[parameters: ('abc', 1, 'what the candidate said')]\n(Background: ...)"
    )
    masked = redact(failed)
    assert "what the candidate said" not in masked
    assert "[SQL: INSERT INTO message" in masked and "(Background: ...)" in masked


def test_log_level_and_format_come_from_the_environment(monkeypatch):
    from app.logs import configure

    monkeypatch.setenv("SDI_LOG_FORMAT", "text")
    monkeypatch.setenv("SDI_LOG_LEVEL", "warning")
    loggers = [logging.getLogger(n) for n in ("", "uvicorn", "uvicorn.error", "uvicorn.access")]
    saved = [(lg, lg.handlers[:], lg.level, lg.propagate) for lg in loggers]
    try:
        settings = configure()
        root = logging.getLogger()
        assert settings.log_format == "text"
        assert root.level == logging.WARNING
        stream = io.StringIO()
        root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
        logging.getLogger("sdi.test").info("quiet")
        logging.getLogger("uvicorn.error").warning("loud")
        assert "quiet" not in stream.getvalue()
        assert "WARNING uvicorn.error: loud" in stream.getvalue()
    finally:
        logging.captureWarnings(False)
        for lg, handlers, level, propagate in saved:
            lg.handlers[:] = handlers
            lg.setLevel(level)
            lg.propagate = propagate


def test_a_bad_log_setting_is_a_one_line_error(tmp_path: Path):
    env = os.environ | {"SDI_LOG_LEVEL": "loud", "DATABASE_URL": f"sqlite:///{tmp_path / 'sdi.db'}"}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "serve", "--port", "9"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env | {"PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: SDI_LOG_LEVEL:") and "INFO" in done.stderr


@pytest.mark.parametrize(("tty", "json_lines"), [(True, False), (False, True)])
def test_auto_format_is_text_on_a_terminal_and_json_elsewhere(monkeypatch, tty, json_lines):
    from app.logs import configure

    monkeypatch.delenv("SDI_LOG_FORMAT", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        assert configure().log_format == "auto"
        stream = io.StringIO()
        root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
        logging.getLogger("sdi.test").warning("hello")
        logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
        line = stream.getvalue().strip()
        assert "Context impl" not in line
        if json_lines:
            assert json.loads(line)["msg"] == "hello"
        else:
            assert line.endswith("sdi.test: hello") and not line.startswith("{")
    finally:
        logging.captureWarnings(False)
        root.handlers[:], root.level = saved[0], saved[1]
