"""The transcript format `sdi.transcript/v1`: parsing with errors that name what is wrong."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.core.errors import InvalidMessage, TranscriptError, first_error
from app.core.steps import Step

TRANSCRIPT_FORMAT: Literal["sdi.transcript/v1"] = "sdi.transcript/v1"
Role = Literal["interviewer", "candidate"]
MAX_MESSAGE_CHARS = 8000
"""The longest candidate message taken (about 1,300 words)."""
MAX_KEY_CHARS = 200
"""The longest idempotency key taken."""


def check_message(content: str, key: str | None = None) -> None:
    """A candidate's message and idempotency key, checked once for every transport."""
    if not content.strip():
        raise InvalidMessage("content: must not be empty")
    if "\x00" in content:
        raise InvalidMessage("content: must not contain NUL characters")
    if len(content) > MAX_MESSAGE_CHARS:
        raise InvalidMessage(
            f"content: {len(content)} characters, the limit is {MAX_MESSAGE_CHARS}"
        )
    if key is not None and not 0 < len(key) <= MAX_KEY_CHARS:
        raise InvalidMessage(f"idempotency key: 1 to {MAX_KEY_CHARS} characters")


class Message(BaseModel):
    """One message. `step` and `revealed` are optional on input (other platforms lack them)."""

    model_config = ConfigDict(extra="ignore")

    role: Role
    content: str
    step: Step | None = None
    revealed: list[str] | None = None
    at: datetime | None = None
    act: list[str] | None = None
    """sdi's own transcripts: what the interviewer did (answer, follow_up, twist...)."""


class Transcript(BaseModel):
    model_config = ConfigDict(extra="ignore")

    format: Literal["sdi.transcript/v1"] = TRANSCRIPT_FORMAT
    scenario_id: str | None = Field(default=None, min_length=1)
    """Optional, and may name a scenario sdi does not have: the grade is then generic."""
    problem: str | None = Field(default=None, min_length=1, max_length=500)
    """The problem in words ("Design a job scheduler"), for a generic grade."""
    messages: list[Message] = Field(min_length=1)


def parse_transcript(data: Any) -> Transcript:
    """Validate decoded JSON as a transcript; the error names the first bad field."""
    if not isinstance(data, dict):
        raise TranscriptError(f"transcript must be a JSON object, not {type(data).__name__}")
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        where, why = first_error(exc, top="transcript")
        raise TranscriptError(f"{where}: {why}") from None


def load_transcript(text: str) -> Transcript:
    """Parse a transcript from JSON text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    return parse_transcript(data)
