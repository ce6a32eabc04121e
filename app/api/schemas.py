"""What the HTTP API accepts and returns. Request models forbid unknown fields (422 names them)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from app.core.steps import Step
from app.core.transcript import MAX_MESSAGE_CHARS

SCENARIO_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
"""What a scenario id looks like (a slug: `twitter`, `code-deploy`, a tenant's `job-scheduler`).
The scenarios themselves are data, and a tenant adds its own: an id of this shape that names no
scenario is a 404, not a 422."""
SCENARIO_EXAMPLES = ["twitter", "code-deploy", "online-judge"]


_BLANK = (
    r"\t\n\u000b\u000c\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
SAID = rf"^[^\u0000]*[^\u0000{_BLANK}][^\u0000]*$"
"""A candidate's message as a JSON Schema pattern: something besides white space (Python's
`str.isspace`, spelled out: the regex engines of JSON Schema, pydantic and Python disagree on
`\\s`), and no NUL character."""


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CreateInterview(Request):
    scenario_id: str = Field(
        min_length=1,
        max_length=100,
        pattern=SCENARIO_ID,
        examples=SCENARIO_EXAMPLES,
        description="A scenario's id (GET /api/v1/scenarios lists them); one that does not "
        "exist is answered 404.",
    )


class SendMessage(Request):
    content: str = Field(
        min_length=1,
        max_length=MAX_MESSAGE_CHARS,
        examples=["Can tweets contain images or video?"],
        description="What the candidate says: not blank, no NUL characters",
        # Documented here, checked once for every transport (app/core/transcript.check_message,
        # whose 422 says which rule the message broke).
        json_schema_extra={"pattern": SAID},
    )


class SetWebhook(Request):
    url: str = Field(
        min_length=8,
        max_length=2000,
        # Printable ASCII, spelled out (engines disagree on what `\S` takes): a non-ASCII host
        # in punycode, the rest percent-encoded.
        pattern=r'^https?://[!-"$-.0->@-~]+([/?#][!-~]*)?$',
        examples=["https://example.com/hook"],
        description="An http(s) URL (printable ASCII) whose host resolves to public addresses "
        "only (else 403)",
    )


class ScenarioPublic(BaseModel):
    id: str = Field(examples=["twitter"])
    title: str = Field(examples=["Design Twitter"])
    statement: str = Field(examples=["Let's design Twitter."])
    version: int | None = Field(
        default=None, description="your own scenario's current version; null for a built-in"
    )


class MessagePublic(BaseModel):
    role: Literal["interviewer", "candidate"]
    content: str
    step: Step | None = None
    revealed: list[str] | None = None
    at: str | None = None
    act: list[str] | None = None
    seq: int | None = None


class NotePublic(BaseModel):
    """A hidden fact the interviewer has revealed, as a candidate would note it."""

    fact_id: str = Field(examples=["media"])
    topic: str = Field(examples=["whether a tweet can carry media"])
    note: str = Field(examples=["Yes. Besides text, a tweet can carry images or a short video."])
    seq: int = Field(description="the interviewer message (transcript index) that revealed it")


class InterviewCreated(BaseModel):
    id: str
    token: str = Field(description="lets a candidate's browser use this one interview")
    scenario_id: str
    step: Step
    messages: list[MessagePublic]


class InterviewPublic(BaseModel):
    id: str
    scenario_id: str
    scenario_version: int | None = Field(
        default=None, description="the version of your own scenario it runs on; null: built-in"
    )
    step: Step
    status: Literal["active", "finished"]
    created_at: str
    updated_at: str
    message_count: int


class EventPublic(BaseModel):
    """What a turn changed (the websocket sends the same as frames: docs/websocket.md)."""

    type: Literal["step_changed", "fact_revealed", "follow_up", "finished"]
    seq: int = Field(description="the reply the event belongs to")
    step: Step | None = Field(default=None, description="step_changed: the new step")
    previous: Step | None = Field(default=None, description="step_changed: the step before")
    id: str | None = Field(default=None, description="fact_revealed: the fact's id")
    topic: str | None = Field(default=None, description="fact_revealed: its value-free topic")
    content: str | None = Field(default=None, description="follow_up: the question")


class Reply(BaseModel):
    reply: MessagePublic
    events: list[EventPublic] = Field(default_factory=list)
    finished: bool = Field(
        default=False,
        description="This message closed the interview (`/finish`, or the close after the "
        "wrap-up): it is graded, GET .../grade has the grade, and it takes no more messages.",
    )


class TranscriptPublic(BaseModel):
    format: Literal["sdi.transcript/v1"] = "sdi.transcript/v1"
    scenario_id: str
    messages: list[MessagePublic]


def _text(value: Any) -> Any:
    """A time is a string (pydantic would also take a number as seconds since 1970)."""
    if value is not None and not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date-time string")
    return value


class MessageIn(Request):
    """One message of a transcript to grade: `role` and `content` required; `step`, `revealed`,
    `at` and `act` optional (another platform's transcript may have none of them; sdi's own
    have them all), `seq` accepted and ignored (the list's order is the order). Any other field
    is a 422 naming it."""

    role: Literal["interviewer", "candidate"]
    content: str = Field(examples=["Can tweets contain images or video?"])
    step: Step | None = None
    revealed: list[str] | None = Field(default=None, description="fact ids the message revealed")
    at: Annotated[datetime, BeforeValidator(_text)] | None = Field(
        default=None, description="when it was said (ISO 8601)"
    )
    act: list[str] | None = Field(default=None, description="what the interviewer did")
    seq: int | None = Field(default=None, ge=0, strict=True, description="its index (ignored)")


class TranscriptIn(Request):
    """A transcript to grade: `sdi.transcript/v1` (`messages`), or `text`, a plain-text one
    ("Interviewer: ..." lines; a text/plain body arrives here as `text`), exactly one of the
    two. Without `scenario_id`, or with one sdi does not have, the grade is generic
    (`"generic": true`): every framework criterion is judged, the fact criteria do not apply;
    `problem` then says what was designed."""

    # Exactly one of `messages` and `text` (the validator below): not said in the schema, as a
    # `oneOf` of partial schemas stops openapi-python-client generating grade_transcript.

    format: Literal["sdi.transcript/v1"] | None = None
    scenario_id: str | None = Field(
        default=None, min_length=1, max_length=100, pattern=SCENARIO_ID, examples=SCENARIO_EXAMPLES
    )
    problem: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="The problem in words, for a generic grade",
        examples=["Design a job scheduler"],
    )
    messages: list[MessageIn] | None = Field(default=None, min_length=1)
    text: str | None = Field(
        default=None, min_length=1, description="A plain-text transcript, instead of messages"
    )

    @model_validator(mode="after")
    def _messages_or_text(self) -> TranscriptIn:
        if (self.messages is None) == (self.text is None):
            raise ValueError("give either messages or text")
        return self


class Evidence(BaseModel):
    turn: int
    quote: str


class CriterionPublic(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    step: str
    met: bool
    points: float
    max_points: float
    evidence: list[Evidence]
    advice: str
    applicable: bool | None = None


class GradePublic(BaseModel):
    model_config = ConfigDict(extra="allow")

    format: Literal["sdi.grade/v1"]
    scenario_id: str | None = Field(description="null (or an id sdi does not have) when generic")
    generic: bool | None = Field(
        default=None, description="true: graded without a scenario (no fact criteria)"
    )
    score: int = Field(ge=0, le=100)
    steps: dict[str, dict[str, int]]
    criteria: list[CriterionPublic]
    facts: dict[str, Any]


class WebhookPublic(BaseModel):
    url: str
    secret: str = Field(description="HMAC-SHA256 key: X-Sdi-Signature is sha256=HMAC(body)")


class Health(BaseModel):
    status: Literal["ok"]


class ErrorPublic(BaseModel):
    """Every error answer: `detail` is a sentence, or FastAPI's list of field errors (422)."""

    detail: str | list[dict[str, Any]]
