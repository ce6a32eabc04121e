"""Logs for `sdi serve`: one JSON object per line (or readable text), ours and uvicorn's alike.

A line holds `ts`, `level`, `logger`, `msg`, and the fields a call passes in `extra=` among
FIELDS (interview_id, tenant, seq, transport, duration_ms, outcome, error ...): nothing else of a
record is copied, so a message's content can only reach a log by being put in `msg`, which our
code never does. Credentials that libraries put in their own lines (`?token=` in a websocket URL,
`Bearer ...`, `sdi_key_...`) and the parameters SQLAlchemy prints with a failed statement are masked
in every line, tracebacks included.

SDI_LOG_FORMAT=auto|json|text (default auto: text on a terminal, JSON lines elsewhere), SDI_LOG_LEVEL
(default INFO).
"""

from __future__ import annotations

import json
import logging
import logging.config
import re
import sys
import time
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

FIELDS = (
    "interview_id",
    "tenant",
    "seq",
    "transport",
    "outcome",
    "error",
    "duration_ms",
    "method",
    "path",
    "status",
    "client",
    "in_flight",
    "retry_s",
    "host",
    "port",
    "mode",
)
"""The `extra=` fields a line may carry, in the order they are written (a new field is added
here, or it is left out of the line)."""

SECRETS = re.compile(
    r"(?P<k>[?&]token=)[^&\s\"']+|(?P<b>Bearer\s+)\S+|sdi_(?:key|tok)_[A-Za-z0-9_\-]+"
    r"|(?P<p>\[parameters: )[^\n]*",
    re.IGNORECASE,
)
"""Credentials, and the bound values SQLAlchemy prints in a database error (a message's content)."""


def redact(text: str) -> str:
    """`text` with tokens and keys masked."""

    def mask(m: re.Match[str]) -> str:
        if m.group("p"):
            return m.group("p") + "[redacted]]"
        return (m.group("k") or m.group("b") or "") + "[redacted]"

    return SECRETS.sub(mask, text)


class LogSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    log_format: Literal["auto", "json", "text"] = Field(default="auto", alias="SDI_LOG_FORMAT")
    """`auto`: readable text on a terminal, JSON lines anywhere else (a file, a collector)."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="INFO", alias="SDI_LOG_LEVEL"
    )

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    values = {k: getattr(record, k) for k in FIELDS if getattr(record, k, None) is not None}
    return {k: redact(v) if isinstance(v, str) else v for k, v in values.items()}


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        line |= _fields(record)
        if record.exc_info:
            line["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`time level logger: msg key=value ...` for a person at a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        extra = " ".join(f"{k}={v}" for k, v in _fields(record).items())
        return redact(f"{text} {extra}" if extra else text)


def configure(settings: LogSettings | None = None) -> LogSettings:
    """Send every logger (ours, uvicorn's, warnings) through one stderr handler."""
    settings = settings or LogSettings()
    fmt = settings.log_format
    if fmt == "auto":
        fmt = "text" if sys.stderr.isatty() else "json"
    formatter = JsonFormatter if fmt == "json" else TextFormatter
    level = settings.log_level
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"sdi": {"()": formatter}},
            "handlers": {
                "stderr": {
                    "class": "logging.StreamHandler",
                    "formatter": "sdi",
                    "stream": "ext://sys.stderr",
                }
            },
            "root": {"handlers": ["stderr"], "level": level},
            "loggers": {
                **{
                    name: {"handlers": [], "level": level, "propagate": True}
                    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")
                },
                # Alembic narrates every start ("Context impl SQLiteImpl."): only its warnings.
                "alembic": {"handlers": [], "level": "WARNING", "propagate": True},
            },
        }
    )
    logging.captureWarnings(True)
    return settings


class RequestLog:
    """ASGI middleware: one line per HTTP request (method, path without its query, status,
    duration), replacing uvicorn's access log, whose query strings may carry a `?token=`.
    Probes and /metrics are logged at DEBUG so a scraper does not drown the log."""

    QUIET = ("/healthz", "/readyz", "/metrics")

    def __init__(self, app: Any) -> None:
        self.app = app
        self.log = logging.getLogger("sdi.http")

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            path = scope.get("path", "")
            client = scope.get("client")
            self.log.log(
                logging.DEBUG if path in self.QUIET else logging.INFO,
                "%s %s %s",
                scope.get("method", ""),
                path,
                status,
                extra={
                    "method": scope.get("method"),
                    "path": path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "client": client[0] if client else None,
                },
            )
