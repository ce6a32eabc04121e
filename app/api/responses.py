"""The error answers each route declares in OpenAPI, so the schema says every status it can give.

Every error body is `ErrorPublic` (`{"detail": ...}`); the 422 declared here replaces FastAPI's
default, whose `detail` is always a list, because domain checks answer 422 with a sentence.
"""

from __future__ import annotations

from typing import Any

from app.api.schemas import ErrorPublic

DESCRIPTIONS = {
    400: "The body could not be read (not UTF-8)",
    401: "Key mode: missing or invalid `Authorization: Bearer` API key or interview token",
    403: "An interview token cannot use this endpoint (it needs an API key)",
    404: "No such interview (or not yours)",
    408: "The request body did not arrive in time (SDI_BODY_TIMEOUT_S)",
    409: "The interview is finished",
    413: "The request body is over SDI_MAX_BODY_BYTES",
    415: "The body's Content-Type is not one this endpoint reads",
    422: "Invalid body or parameters: `detail` names the field and why",
    429: "Too many messages for this interview; retry after `Retry-After` seconds",
    503: "The server is shutting down; retry after `Retry-After` seconds (another replica answers)",
}

HEADERS = {
    401: {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "string"}}},
    503: {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "string"}}},
}


def errors(*codes: int, notes: dict[int, str] | None = None) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each code with the error model and a description
    (`notes` overrides the default description of a code for this route)."""
    notes = notes or {}
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        out[code] = {"model": ErrorPublic, "description": notes.get(code, DESCRIPTIONS[code])}
        if code in HEADERS:
            out[code]["headers"] = HEADERS[code]
    return out
