"""Stateless grading, the tenant's webhook, and health probes (scenarios: scenarios.py)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.routing import APIRoute
from starlette.types import Message

from app.api.deps import RuntimeDep, TenantDep
from app.api.responses import errors
from app.api.schemas import (
    ErrorPublic,
    GradePublic,
    Health,
    SetWebhook,
    TranscriptIn,
    WebhookPublic,
)
from app.api.turns import RateLimited

router = APIRouter(prefix="/api/v1")
probes = APIRouter(tags=["health"])

START = {
    "create_interview": {
        "operationId": "create_interview",
        "requestBody": {"scenario_id": "$response.body#/0/id"},
        "description": "Start an interview on the first scenario listed.",
    }
}
"""OpenAPI link: a listed scenario's `id` starts an interview (what stateful API tools follow
from the listing to an interview, and on to its operations)."""


class _PlainTextBody(APIRoute):
    """A route that also takes a text/plain body: it reaches the handler as `{"text": ...}`
    (FastAPI's documented way to adapt a request body before validation)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "text/plain":
                try:
                    text = (await request.body()).decode("utf-8")
                except UnicodeDecodeError:
                    raise HTTPException(
                        status.HTTP_400_BAD_REQUEST, "body: not UTF-8 text"
                    ) from None
                payload = json.dumps({"text": text}).encode()
                headers = [(k, v) for k, v in request.scope["headers"] if k != b"content-type"]
                scope = {
                    **request.scope,
                    "headers": [*headers, (b"content-type", b"application/json")],
                }

                async def receive() -> Message:
                    return {"type": "http.request", "body": payload, "more_body": False}

                request = Request(scope, receive)
            return await handler(request)

        return route


async def grade_transcript(
    body: TranscriptIn,
    rt: RuntimeDep,
    who: TenantDep,
    problem: Annotated[
        str | None, Query(min_length=1, max_length=500, description="The problem, in words")
    ] = None,
    interviewer: Annotated[
        str | None, Query(max_length=200, description="Interviewer's speaker name(s) in text")
    ] = None,
    candidate: Annotated[
        str | None, Query(max_length=200, description="Candidate's speaker name(s) in text")
    ] = None,
) -> Any:
    """Grade a transcript (stateless; nothing is stored): `sdi.transcript/v1` JSON, or a
    plain-text transcript as a text/plain body ("Interviewer: ..." / "Candidate: ..." lines;
    other speaker names with `interviewer` and `candidate`). Without a `scenario_id` sdi has,
    the grade is generic (`"generic": true`; `problem` says what was designed). Grading runs
    off the event loop, a few at a time per process, rate-limited per tenant; transcripts are
    limited in bytes (SDI_MAX_BODY_BYTES, default 2 MiB) and messages
    (SDI_MAX_TRANSCRIPT_MESSAGES, default 2,000)."""
    if not rt.grade_limiter.allow(who.tenant or "local"):
        raise RateLimited("too many gradings for this tenant; slow down")
    return await rt.service.grade_transcript(
        body.model_dump(exclude_none=True),
        problem=problem,
        interviewer=interviewer,
        candidate=candidate,
        tenant=who.tenant,
    )


router.add_api_route(
    "/grade",
    grade_transcript,
    methods=["POST"],
    route_class_override=_PlainTextBody,
    response_model=GradePublic,
    response_model_exclude_unset=True,
    tags=["grading"],
    openapi_extra={
        "requestBody": {"content": {"text/plain": {"schema": {"type": "string", "minLength": 1}}}}
    },
    responses=errors(
        400,
        401,
        403,
        408,
        413,
        422,
        429,
        notes={
            400: "A text/plain body that is not UTF-8",
            408: "The body did not arrive within SDI_BODY_TIMEOUT_S",
            413: "Over SDI_MAX_BODY_BYTES, or more messages than SDI_MAX_TRANSCRIPT_MESSAGES",
            422: "Malformed transcript (the detail names what is wrong)",
            429: "Over the tenant's grading rate (SDI_GRADE_BURST, SDI_GRADE_PER_MINUTE)",
        },
    ),
)


def _tenant(who: Any) -> str:
    return who.tenant or "local"


@router.put(
    "/webhook",
    response_model=WebhookPublic,
    tags=["webhooks"],
    responses=errors(
        400,
        401,
        403,
        422,
        notes={
            403: "The URL is refused (its host does not resolve, or resolves to the server's "
            "own network: SSRF), or an interview token cannot set it",
        },
    ),
)
async def set_webhook(body: SetWebhook, rt: RuntimeDep, who: TenantDep) -> Any:
    """Register (or change) the URL that receives each finished interview's grade."""
    # A write: off the event loop (see InterviewService._write).
    await rt.webhooks.check(body.url)  # 403 naming why, for a URL aimed inward (SSRF)
    hook = await asyncio.to_thread(rt.keys.set_webhook, _tenant(who), body.url)
    return {"url": hook.url, "secret": hook.secret}


@router.get(
    "/webhook",
    response_model=WebhookPublic,
    tags=["webhooks"],
    responses=errors(401, 403, 404, notes={404: "No webhook registered"}),
)
async def get_webhook(rt: RuntimeDep, who: TenantDep) -> Any:
    hook = rt.keys.webhook(_tenant(who))
    if hook is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no webhook registered")
    return {"url": hook.url, "secret": hook.secret}


@router.delete(
    "/webhook",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["webhooks"],
    responses=errors(401, 403, 404, notes={404: "No webhook registered"}),
)
async def delete_webhook(rt: RuntimeDep, who: TenantDep) -> None:
    if not await asyncio.to_thread(rt.keys.delete_webhook, _tenant(who)):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no webhook registered")


@probes.get("/healthz", response_model=Health, operation_id="get_health")
async def healthz() -> Any:
    """The process is up."""
    return {"status": "ok"}


@probes.get(
    "/readyz",
    response_model=Health,
    operation_id="get_readiness",
    responses={503: {"model": ErrorPublic, "description": "Not ready: `detail` says what"}},
)
async def readyz(rt: RuntimeDep, request: Request) -> Any:
    """The database answers, the scenarios are loaded and, on PostgreSQL, the live fan-out from
    other processes is listening."""
    try:
        rt.service.ready()
    except Exception as exc:  # the probe reports any database failure as not ready
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"database: {exc}") from None
    if len(rt.service.library) == 0:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "no scenarios loaded")
    fanout = getattr(request.app.state, "fanout", None)
    if fanout is not None and not fanout.listening.is_set():
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "fan-out: not listening yet")
    return {"status": "ok"}
