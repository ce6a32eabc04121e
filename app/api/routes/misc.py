"""Stateless grading, the tenant's webhook, and health probes (scenarios: scenarios.py)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status

from app.api.deps import RuntimeDep, TenantDep
from app.api.responses import errors
from app.api.schemas import (
    GradePublic,
    Health,
    SetWebhook,
    TranscriptIn,
    WebhookPublic,
)
from app.api.turns import RateLimited

router = APIRouter(prefix="/api/v1")
probes = APIRouter(tags=["health"])


@router.post(
    "/grade",
    response_model=GradePublic,
    response_model_exclude_unset=True,
    tags=["grading"],
    responses=errors(
        400,
        401,
        403,
        404,
        408,
        413,
        422,
        429,
        notes={
            404: "Unknown scenario_id (a built-in's, or one of yours)",
            408: "The body did not arrive within SDI_BODY_TIMEOUT_S",
            413: "Over SDI_MAX_BODY_BYTES, or more messages than SDI_MAX_TRANSCRIPT_MESSAGES",
            422: "Malformed transcript",
            429: "Over the tenant's grading rate (SDI_GRADE_BURST, SDI_GRADE_PER_MINUTE)",
        },
    ),
)
async def grade_transcript(body: TranscriptIn, rt: RuntimeDep, who: TenantDep) -> Any:
    """Grade any `sdi.transcript/v1` (stateless; nothing is stored). Grading runs off the
    event loop, a few at a time per process, rate-limited per tenant; transcripts are limited
    in bytes (SDI_MAX_BODY_BYTES, default 2 MiB) and messages (SDI_MAX_TRANSCRIPT_MESSAGES,
    default 2,000)."""
    if not rt.grade_limiter.allow(who.tenant or "local"):
        raise RateLimited("too many gradings for this tenant; slow down")
    return await rt.service.grade_transcript(body.model_dump(exclude_none=True), who.tenant)


def _tenant(who: Any) -> str:
    return who.tenant or "local"


@router.put(
    "/webhook",
    response_model=WebhookPublic,
    tags=["webhooks"],
    responses=errors(400, 401, 403, 422),
)
async def set_webhook(body: SetWebhook, rt: RuntimeDep, who: TenantDep) -> Any:
    """Register (or change) the URL that receives each finished interview's grade."""
    # A write: off the event loop (see InterviewService._write).
    await rt.webhooks.check(body.url)  # 422 naming why, for a URL aimed inward (SSRF)
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


@probes.get("/healthz", response_model=Health)
async def healthz() -> Any:
    """The process is up."""
    return {"status": "ok"}


@probes.get("/readyz", response_model=Health, responses={503: {"description": "Not ready"}})
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
