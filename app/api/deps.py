"""Shared dependencies: the services on app.state, who is calling, and interview access."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from starlette.requests import HTTPConnection

from app.api.hub import Hub
from app.api.ratelimit import RateLimiter
from app.api.turns import InFlight
from app.config import Settings
from app.service.auth import Keys, Principal
from app.service.interviews import Interview, InterviewService
from app.service.webhooks import Dispatcher


@dataclass
class Runtime:
    """Everything the routes need, built once in the app's lifespan."""

    settings: Settings
    service: InterviewService
    keys: Keys
    hub: Hub
    limiter: RateLimiter
    grade_limiter: RateLimiter
    """Stateless gradings per tenant."""
    webhooks: Dispatcher
    key_mode: bool
    turns: InFlight = field(default_factory=InFlight)
    """Turns under way (graceful shutdown waits for them)."""


def runtime(conn: HTTPConnection) -> Runtime:
    return conn.app.state.runtime  # type: ignore[no-any-return]


RuntimeDep = Annotated[Runtime, Depends(runtime)]


def bearer(conn: HTTPConnection) -> str | None:
    header = conn.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return conn.query_params.get("token") if conn.scope["type"] == "websocket" else None


def identify(conn: HTTPConnection, rt: Runtime) -> Principal | None:
    """The caller, or None when key mode is on and the credentials are missing or wrong."""
    if not rt.key_mode:
        return Principal("local")
    secret = bearer(conn)
    if not secret:
        return None
    tenant = rt.keys.tenant_of(secret)
    if tenant is not None:
        return Principal("tenant", tenant=tenant)
    interview_id = rt.keys.interview_of_token(secret)
    if interview_id is not None:
        return Principal("token", interview_id=interview_id)
    return None


def principal(request: Request, rt: RuntimeDep) -> Principal:
    who = identify(request, rt)
    if who is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing or invalid credentials: send Authorization: Bearer <api key or token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return who


PrincipalDep = Annotated[Principal, Depends(principal)]


def tenant_only(who: PrincipalDep) -> Principal:
    """Endpoints a candidate's interview token may not use."""
    if who.kind == "token":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "an interview token cannot do this")
    return who


TenantDep = Annotated[Principal, Depends(tenant_only)]


def find(rt: Runtime, interview_id: str) -> Interview | None:
    """The interview with this id, if any. No id holds a NUL character, and PostgreSQL would
    refuse one in a query: such an id names nothing."""
    return None if "\x00" in interview_id else rt.service.find(interview_id)


def owned(rt: Runtime, who: Principal, interview_id: str) -> Interview:
    """The interview, if the caller may see it; 404 otherwise (existence is not revealed)."""
    interview = find(rt, interview_id)
    if interview is None or not who.owns(interview):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown interview '{interview_id}'")
    return interview
