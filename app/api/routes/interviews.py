"""Interviews: create, talk, read, finish. Thin: parse, call the service, return a model."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, status

from app import metrics
from app.api.deps import PrincipalDep, RuntimeDep, TenantDep, owned
from app.api.responses import errors
from app.api.schemas import (
    SCENARIO_ID,
    CreateInterview,
    GradePublic,
    InterviewCreated,
    InterviewPublic,
    NotePublic,
    Reply,
    SendMessage,
    TranscriptPublic,
)
from app.api.turns import run_turn
from app.core.errors import UnknownScenario
from app.core.transcript import MAX_KEY_CHARS
from app.service.auth import digest, new_token
from app.service.interviews import Interview

router = APIRouter(prefix="/api/v1/interviews", tags=["interviews"])

LINKS = {
    operation: {
        "operationId": operation,
        "parameters": {"interview_id": "$response.body#/id"},
        "description": description,
    }
    for operation, description in (
        ("send_message", "The candidate speaks in the new interview."),
        ("get_interview", "Its state."),
        ("get_transcript", "Its transcript."),
        ("get_notes", "The facts revealed so far."),
        ("finish_interview", "Grade and finish it."),
        ("get_grade", "Its grade, once finished."),
        ("export_interview", "A download of it."),
    )
}
"""OpenAPI links: from a created interview's `id` to the operations on it (what stateful API
tools and generated clients follow)."""


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=InterviewCreated,
    responses={
        201: {
            "description": "The interview, its opening and the candidate's token",
            "links": LINKS,
        },
        **errors(400, 401, 403, 404, 422, notes={404: "No scenario with this id"}),
    },
)
async def create_interview(body: CreateInterview, rt: RuntimeDep, who: TenantDep) -> Any:
    """Start an interview. The answer holds the opening statement and a `token` for the
    candidate's browser (it opens this interview only: messages, websocket, transcript)."""
    token = new_token()
    try:
        interview, messages = await rt.service.start(
            body.scenario_id,
            tenant=who.tenant if who.kind == "tenant" else None,
            token_hash=digest(token),
        )
    except UnknownScenario:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"unknown scenario '{body.scenario_id}': GET /api/v1/scenarios lists them",
        ) from None
    metrics.INTERVIEWS_STARTED.inc()
    return {
        "id": interview.id,
        "token": token,
        "scenario_id": interview.scenario_id,
        "step": interview.step,
        "messages": [{**m, "seq": i} for i, m in enumerate(messages)],
    }


@router.get("", response_model=list[InterviewPublic], responses=errors(401, 403, 422))
async def list_interviews(
    rt: RuntimeDep,
    who: TenantDep,
    scenario_id: str | None = Query(default=None, max_length=100, pattern=SCENARIO_ID),
    limit: int = Query(default=50, ge=1, le=500),
) -> Any:
    """Your interviews, newest first."""
    rows = rt.service.recent(
        scenario_id=scenario_id, limit=limit, tenant=who.tenant, all_tenants=who.kind == "local"
    )
    return [_public(r.interview, r.message_count) for r in rows]


def _public(interview: Interview, message_count: int) -> dict[str, Any]:
    return {
        "id": interview.id,
        "scenario_id": interview.scenario_id,
        "scenario_version": interview.scenario_version,
        "step": interview.step,
        "status": interview.status,
        "created_at": interview.created_at.isoformat(),
        "updated_at": interview.updated_at.isoformat(),
        "message_count": message_count,
    }


@router.get("/{interview_id}", response_model=InterviewPublic, responses=errors(401, 403, 404, 422))
async def get_interview(interview_id: str, rt: RuntimeDep, who: TenantDep) -> Any:
    return _public(owned(rt, who, interview_id), rt.service.count(interview_id))


@router.post(
    "/{interview_id}/messages",
    response_model=Reply,
    response_model_exclude_none=True,
    responses=errors(400, 401, 404, 409, 422, 429, 503),
)
async def send_message(
    interview_id: str,
    body: SendMessage,
    rt: RuntimeDep,
    who: PrincipalDep,
    idempotency_key: Annotated[
        str | None,
        Header(
            min_length=1,
            max_length=MAX_KEY_CHARS,
            description="Send a message again with the same key (after a timeout or a dropped "
            "connection) and it is stored once: the answer is the reply to the first.",
        ),
    ] = None,
) -> Any:
    """The candidate says something; the answer is the interviewer's reply and what the turn
    changed (`events`: step changed, facts revealed, follow-up, finished). `/finish`, or the
    close after the wrap-up, finishes the interview in the same turn (`finished: true`)."""
    interview = owned(rt, who, interview_id)
    turn = await run_turn(
        rt, interview_id, body.content, "rest", key=idempotency_key, tenant=interview.tenant
    )
    return {"reply": turn.reply, "events": turn.events, "finished": turn.grade is not None}


# Transcripts and grades go out as stored: `response_model_exclude_unset` keeps the models' optional
# fields (a candidate message's `step`, a criterion's `applicable`) from appearing as nulls.
@router.get(
    "/{interview_id}/transcript",
    response_model=TranscriptPublic,
    response_model_exclude_unset=True,
    responses=errors(401, 404, 422),
)
async def get_transcript(interview_id: str, rt: RuntimeDep, who: PrincipalDep) -> Any:
    owned(rt, who, interview_id)
    return rt.service.transcript(interview_id)


@router.get(
    "/{interview_id}/notes",
    response_model=list[NotePublic],
    responses=errors(401, 404, 422),
)
async def get_notes(interview_id: str, rt: RuntimeDep, who: PrincipalDep) -> Any:
    """The hidden facts revealed so far (first revealed first), as a candidate would note them.
    A fact not yet revealed never appears. The interview's token may read it."""
    owned(rt, who, interview_id)
    return rt.service.revealed_notes(interview_id)


@router.post(
    "/{interview_id}/finish",
    response_model=GradePublic,
    response_model_exclude_unset=True,
    responses=errors(401, 403, 404, 422),
)
async def finish_interview(interview_id: str, rt: RuntimeDep, who: PrincipalDep) -> Any:
    """Grade the transcript and store the grade (finishing twice returns the same grade).
    A tenant's registered webhook receives the grade, signed, in the background, once however
    the interview ended (this call, `/finish` typed in the chat, or the close after the
    wrap-up)."""
    owned(rt, who, interview_id)
    return await rt.service.finish(interview_id)


@router.get(
    "/{interview_id}/grade",
    response_model=GradePublic,
    response_model_exclude_unset=True,
    responses=errors(401, 403, 404, 409, 422, notes={409: "Not finished yet: POST .../finish"}),
)
async def get_grade(interview_id: str, rt: RuntimeDep, who: TenantDep) -> Any:
    owned(rt, who, interview_id)
    grade = rt.service.grade(interview_id)
    if grade is None:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"interview '{interview_id}' is not finished; POST .../finish first",
        )
    return grade
