"""Exports of an interview: the JSON bundle or a Markdown document, as a download.

Thin: read the interview, its transcript and grade, hand them to app/core/export.py. The same tenant
rules as the grade (an API key, or local mode; an interview token may not export).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from app.api.deps import RuntimeDep, TenantDep, owned
from app.api.responses import errors
from app.api.schemas import GradePublic, TranscriptPublic
from app.core.export import EXPORT_FORMAT, export_filename, export_json, export_markdown
from app.core.grading.grader import dumps

router = APIRouter(prefix="/api/v1/interviews", tags=["interviews"])

MEDIA_TYPES = {"json": "application/json", "md": "text/markdown; charset=utf-8"}


class StepTime(BaseModel):
    """One step's span: its turns, first and last message time, and seconds (None when the
    messages carry no times)."""

    step: str
    title: str
    turns: list[int]
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    seconds: int | None = None


class StepShare(BaseModel):
    """One step's time in a review: reached or not, its seconds and its share of the total."""

    step: str
    title: str
    reached: bool
    seconds: int | None = None
    """Summed over every visit; None when not reached or its messages carry no times."""
    percent: int | None = None
    """Of total_seconds, rounded; None where seconds is, or when the total is zero."""


class TimePerStep(BaseModel):
    """Where the time went: the three steps and the wrap-up, in order, reached or not. No budget
    and no warning: figures only."""

    total_seconds: int | None = None
    steps: list[StepShare] = []


class ExportPublic(BaseModel):
    """An interview as exported: metadata, its transcript and (once finished) its grade."""

    format: Literal["sdi.export/v1"] = EXPORT_FORMAT
    id: str
    scenario_id: str
    scenario_title: str
    created_at: str
    status: Literal["active", "finished"]
    transcript: TranscriptPublic
    grade: GradePublic | None
    fact_topics: dict[str, str]
    """Fact id -> value-free topic of the facts the grade names (empty until finished)."""
    step_times: list[StepTime] = []
    """How long each step took, from the message times, in the order the steps came."""
    time_per_step: TimePerStep = TimePerStep()
    """The same times by step for a review: each step's seconds and share of the total, steps
    not reached included (the review page and `sdi transcripts show` print it)."""
    diagrams: list[dict[str, Any]] = []
    """Each diagram the candidate wrote: `turn`, `kind` (mermaid/arrows), `source`, `nodes`
    (id, label, role), `edges` (from, to, label, line), `subgraphs`, `errors` (line, column,
    expected)."""


DOWNLOAD = {
    "description": "The export as a file: `format=json` (sdi.export/v1) or `format=md` (Markdown)",
    "content": {"text/markdown": {"schema": {"type": "string"}}},
    "headers": {
        "Content-Disposition": {
            "description": 'attachment; filename="sdi-<scenario>-<date>-<id>.<json|md>"',
            "schema": {"type": "string"},
        }
    },
}


@router.get(
    "/{interview_id}/export",
    response_model=ExportPublic,
    responses={200: DOWNLOAD, **errors(401, 403, 404, 422)},
)
async def export_interview(
    interview_id: str,
    rt: RuntimeDep,
    who: TenantDep,
    fmt: Literal["json", "md"] = Query(
        default="json", alias="format", description="`json` (sdi.export/v1) or `md` (Markdown)"
    ),
) -> Any:
    """Download the interview: transcript, and once finished its grade (with evidence) and the
    facts uncovered and missed. An unfinished interview exports its transcript only."""
    interview = owned(rt, who, interview_id)
    transcript = rt.service.transcript(interview_id)
    grade = rt.service.grade(interview_id)
    scenario = rt.service.scenario_or_none(interview)
    if fmt == "md":
        body = export_markdown(interview, transcript, grade, scenario)
    else:
        body = dumps(export_json(interview, transcript, grade, scenario)) + "\n"
    filename = export_filename(interview, fmt)
    return Response(
        body.encode("utf-8"),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
