"""The FastAPI app: lifespan wiring, routers, and the one place domain errors become HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from app import metrics
from app.api.deps import Runtime
from app.api.fanout import Fanout
from app.api.guards import AllowedMethods, BodyLimit
from app.api.hub import Hub
from app.api.ratelimit import RateLimiter
from app.api.routes import exports, interviews, misc, scenarios
from app.api.turns import InFlight, RateLimited, ShuttingDown, error_kind
from app.api.ws import router as ws_router
from app.config import Settings
from app.core.errors import (
    InterviewFinished,
    InvalidMessage,
    ScenarioConflict,
    ScenarioError,
    ScenarioInvalid,
    TooLarge,
    TranscriptError,
    UnknownInterview,
    UnknownScenario,
    WebhookRefused,
)
from app.logs import RequestLog
from app.service.interviews import Interview, open_service
from app.service.scenarios import UnsupportedMediaType
from app.service.webhooks import Dispatcher, Resolver, system_resolver
from app.web import routes as web
from graphs.context import InterviewContext

DESCRIPTION = """
sdi plays the interviewer of a system-design interview and grades the transcript.

**Auth.** With no API keys configured the server runs in local mode (127.0.0.1, no auth). With
keys (`sdi keys create TENANT`), every call needs `Authorization: Bearer <key>`; an interview
belongs to the tenant that created it. The `token` returned on creation lets a candidate's
browser use that one interview (messages, websocket, transcript, notes, finishing it) and
nothing else. Websockets may pass it as `?token=`.

**Flow.** `list_scenarios` → `create_interview` (201: `id`, `token`, the opening) →
`send_message`… → `finish_interview` (the grade) → `get_grade`. The responses carry OpenAPI
links from a listed scenario to a new interview and from its `id` to these operations.

**Errors** are `{"detail": ...}`: 422 names the field a body or parameter breaks (the schema
says what each takes: a schema-valid request never gets 422 from a body check), 404 an
interview or scenario that does not exist (or is not yours), 409 a finished interview.

**Websocket** `GET /api/v1/interviews/{id}/ws` (not in this schema: OpenAPI has no websockets).
Client frames `{"type": "message", "content": "..."}`; server frames `token`, `message` (with
`seq`), `step_changed`, `fact_revealed`, `follow_up`, `finished`, `error`; `?after=N` replays
the messages after `seq` N. The protocol: docs/websocket.md.
"""


def create_app(
    settings: Settings | None = None,
    context: InterviewContext | None = None,
    resolver: Resolver | None = None,
    webhook_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """The app. `resolver` and `webhook_transport` replace the system's name resolution and
    the webhook client's network (tests: a fake resolver, a transport that records)."""
    settings = settings or Settings()
    turns = InFlight()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_service(settings, context) as service:
            keys = service.keys()
            webhooks = Dispatcher(
                settings.webhook_attempts,
                settings.webhook_backoff_s,
                resolver=resolver or system_resolver,
                allow_private=settings.webhook_allow_private,
                transport=webhook_transport,
            )

            def finished(interview: Interview, grade: dict[str, Any]) -> None:
                """Every path that ends an interview ends here, once: count it, and send the
                tenant's webhook (in the background; the finish never waits for it)."""
                metrics.INTERVIEWS_FINISHED.inc()
                hook = keys.webhook(interview.tenant or "local")
                if hook is not None:
                    webhooks.send_later(hook, interview.id, grade)

            service.on_finished = finished
            app.state.runtime = Runtime(
                settings=settings,
                service=service,
                keys=keys,
                hub=Hub(),
                limiter=RateLimiter(settings.rate_burst, settings.rate_per_minute),
                grade_limiter=RateLimiter(settings.grade_burst, settings.grade_per_minute),
                webhooks=webhooks,
                key_mode=keys.any_active(),
                turns=turns,
            )
            # PostgreSQL: turns served by other processes reach this process's sockets live.
            origin = service.notify_origin
            fanout = None
            if origin is not None and service.listen_url is not None:
                fanout = Fanout(service.listen_url, app.state.runtime.hub, service, origin)
                app.state.fanout = fanout
                listening = asyncio.create_task(fanout.run())
            try:
                yield
            finally:
                if fanout is not None:
                    listening.cancel()
                # `sdi serve` drained the turns before closing the sockets (app/api/server.py);
                # under any other server, the turns under way still end before the store closes.
                if not await turns.drain(turns.grace_s):
                    turns.cancel()
                await webhooks.close()

    app = FastAPI(
        title="sdi",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # Operation ids are the handlers' names (create_interview, send_message, ...): what a
        # generated client calls its functions.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.turns = turns
    app.add_middleware(RequestLog)
    app.add_middleware(AllowedMethods)
    # Outermost last: the Host is checked before anything else runs (DNS rebinding), then the
    # body's size and pace; CORS only for the origins a deployment names.
    app.add_middleware(
        BodyLimit, max_bytes=settings.max_body_bytes, timeout_s=settings.body_timeout_s
    )
    if settings.origins():
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.origins(),
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
        )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.hosts(), www_redirect=False)
    app.include_router(misc.probes)
    app.include_router(misc.router)
    app.include_router(scenarios.router)
    app.include_router(interviews.router)
    app.include_router(exports.router)
    app.include_router(ws_router)
    app.include_router(web.router)
    app.mount("/static", web.static_files(), name="static")

    @app.get("/metrics", include_in_schema=False)
    async def prometheus() -> Response:
        """Prometheus metrics of this process (no key: keep it off public networks)."""
        return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)

    def error(status_code: int, headers: dict[str, str] | None = None):  # noqa: ANN202
        async def handler(_: Request, exc: Exception) -> JSONResponse:
            metrics.error(error_kind(exc))
            return JSONResponse({"detail": str(exc)}, status_code=status_code, headers=headers)

        return handler

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        metrics.error(metrics.status_kind(exc.status_code))
        return await http_exception_handler(request, exc)

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        metrics.error("internal")  # uvicorn logs the traceback
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Name the field and why; never echo a huge input back.
        errors = []
        for err in exc.errors():
            err = dict(err)
            value = err.get("input")
            if isinstance(value, str) and len(value) > 200:
                err["input"] = value[:200] + f"... ({len(value)} characters)"
            err.pop("ctx", None)
            errors.append(err)
        metrics.error("validation")
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    for exc_type, code in (
        (UnknownInterview, 404),
        (UnknownScenario, 404),
        (InterviewFinished, 409),
        (ScenarioConflict, 409),
        (UnsupportedMediaType, 415),
        (InvalidMessage, 422),
        (TranscriptError, 422),
        (WebhookRefused, 403),  # a policy refusal of a well-formed URL (SSRF)
        (TooLarge, 413),
        (ScenarioError, 500),
    ):
        app.add_exception_handler(exc_type, error(code))

    @app.exception_handler(ScenarioInvalid)
    async def invalid_scenario(_: Request, exc: ScenarioInvalid) -> JSONResponse:
        # Every problem, each naming its field, as FastAPI lists a body's field errors.
        metrics.error("validation")
        detail = [
            {"loc": ["body", field], "field": field, "msg": msg, "type": "scenario"}
            for field, msg in exc.problems
        ]
        return JSONResponse({"detail": detail}, status_code=422)

    app.add_exception_handler(RateLimited, error(429, {"Retry-After": "2"}))
    app.add_exception_handler(ShuttingDown, error(503, {"Retry-After": "1"}))
    return app
