"""What the HTTP API accepts and returns. Request models forbid unknown fields (422 names them)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.core.steps import Step
from app.core.transcript import MAX_MESSAGE_CHARS


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CreateInterview(Request):
    scenario_id: str = Field(min_length=1, max_length=100, examples=["twitter"])


class SendMessage(Request):
    content: str = Field(
        min_length=1, max_length=MAX_MESSAGE_CHARS, examples=["Can tweets contain images or video?"]
    )


class SetWebhook(Request):
    url: str = Field(
        min_length=8, max_length=2000, pattern=r"^https?://", examples=["https://example.com/hook"]
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


class MessageIn(BaseModel):
    """One message of a transcript to grade: `role` and `content` required; `step`, `revealed`,
    `at` and `act` optional (another platform's transcript may have none of them); other fields
    are ignored."""

    model_config = ConfigDict(extra="allow")

    role: Literal["interviewer", "candidate"]
    content: str
    step: Step | None = None
    revealed: list[str] | None = None
    at: str | None = None
    act: list[str] | None = None


class TranscriptIn(BaseModel):
    """A transcript to grade: `sdi.transcript/v1` (`step`/`revealed` optional), or `text`, a
    plain-text one ("Interviewer: ..." lines; a text/plain body arrives here as `text`).
    Without `scenario_id`, or with one sdi does not have, the grade is generic."""

    model_config = ConfigDict(extra="allow")

    format: Literal["sdi.transcript/v1"] | None = None
    scenario_id: str | None = Field(default=None, min_length=1)
    problem: str | None = Field(
        default=None, min_length=1, max_length=500, description='e.g. "Design a job scheduler"'
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
    scenario_id: str | None
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
