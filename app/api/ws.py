"""The interview websocket. Protocol: docs/websocket.md.

Client frames: {"type": "message", "content": "..."}. Server frames: `token`, `message` (with
`seq`), `step_changed`, `fact_revealed`, `follow_up`, `finished`, `error`. A client reconnecting with ?after=N
first gets every message with seq > N. Binary frames close with 1003, frames over the size limit
with 1009; malformed or unknown frames get an `error` frame and the connection stays open.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from app import metrics
from app.api.deps import Runtime, find, identify
from app.api.guards import origin_allowed
from app.api.hub import Client, message_frame
from app.api.turns import error_kind, run_turn
from app.core.errors import SdiError

router = APIRouter()
log = logging.getLogger("sdi.ws")

CODES = {
    "rate_limited": "rate_limited",
    "finished": "finished",
    "validation": "invalid_message",
    "unavailable": "unavailable",
}
"""Error kinds of a failed turn (app/api/turns.py) and the `code` of their `error` frame."""


def _error(code: str, detail: str) -> dict[str, Any]:
    return {"type": "error", "code": code, "detail": detail}


async def _refuse(ws: WebSocket, code: int, reason: str, kind: str) -> None:
    metrics.error(kind)
    await ws.close(code=code, reason=reason)


@router.websocket("/api/v1/interviews/{interview_id}/ws")
async def open_interview_socket(ws: WebSocket, interview_id: str) -> None:
    rt: Runtime = ws.app.state.runtime
    who = identify(ws, rt)
    interview = find(rt, interview_id)
    # Refusals accept first and then close with 1008: a close before the handshake reaches a
    # browser as a bare failed connection (HTTP 403, close code 1006) with no reason to show.
    await ws.accept()
    if who is None:
        await _refuse(
            ws, status.WS_1008_POLICY_VIOLATION, "missing or invalid credentials", "unauthorized"
        )
        return
    if not origin_allowed(ws, rt.settings.origins()):
        # A page on another site (a browser always names the page's origin): refused before
        # anything about the interview is read or said (cross-site websocket hijacking).
        await _refuse(ws, status.WS_1008_POLICY_VIOLATION, "origin not allowed", "forbidden")
        return
    if interview is None or not who.owns(interview):
        await _refuse(ws, status.WS_1008_POLICY_VIOLATION, "unknown interview", "not_found")
        return
    after = ws.query_params.get("after")
    since: int | None = None
    if after is not None:
        try:
            since = int(after)
        except ValueError:
            metrics.error("validation")
            await ws.send_json(_error("invalid_after", "after must be an integer message seq"))
    # Join, then read the backlog with no await in between: a turn stored before the read is in
    # the replay, one stored after it is published to this client (held until the replay is out).
    client = rt.hub.join(interview_id, ws)
    metrics.WEBSOCKETS.inc()
    log.info("websocket open", extra={"interview_id": interview_id, "tenant": interview.tenant})
    try:
        if since is not None:
            await client.replay(rt.service.messages(interview_id, with_seq=True), since)
        while True:
            raw = await ws.receive()
            if raw["type"] == "websocket.disconnect":
                break
            if raw.get("bytes") is not None:
                await _refuse(ws, status.WS_1003_UNSUPPORTED_DATA, "text frames only", "validation")
                break
            text = raw.get("text") or ""
            if len(text.encode()) > rt.settings.ws_max_frame_bytes:
                await _refuse(ws, status.WS_1009_MESSAGE_TOO_BIG, "frame too large", "too_large")
                break
            await _handle(client, rt, interview_id, interview.tenant, text)
    except WebSocketDisconnect:
        pass
    finally:
        rt.hub.leave(interview_id, client)
        metrics.WEBSOCKETS.dec()
        log.info("websocket closed", extra={"interview_id": interview_id})


async def _token(rt: Runtime, interview_id: str, delta: str) -> None:
    """A token of the reply being written goes to every client of the interview at once
    (tokens are live only: a reconnecting client gets the final `message`, not the tokens)."""
    await rt.hub.publish(interview_id, [{"type": "token", "delta": delta}])


async def _handle(
    client: Client, rt: Runtime, interview_id: str, tenant: str | None, text: str
) -> None:
    async def error(code: str, detail: str, kind: str = "validation") -> None:
        metrics.error(kind)
        await client.send([_error(code, detail)])

    try:
        frame = json.loads(text)
    except json.JSONDecodeError as exc:
        await error("invalid_json", f"frame is not JSON: {exc.msg}")
        return
    if not isinstance(frame, dict) or frame.get("type") != "message":
        kind = frame.get("type") if isinstance(frame, dict) else type(frame).__name__
        await error(
            "unknown_type",
            f'unknown frame type {kind!r}; send {{"type": "message", "content": "..."}}',
        )
        return
    # The frame's shape is the transport's to check; what the message may hold, the service's.
    content = frame.get("content")
    if not isinstance(content, str):
        await error("invalid_message", "content: must be a string")
        return
    key = frame.get("idempotency_key")
    if key is not None and not isinstance(key, str):
        await error("invalid_message", "idempotency_key: must be a string")
        return
    try:
        turn = await run_turn(
            rt,
            interview_id,
            content,
            "ws",
            on_token=lambda delta: _token(rt, interview_id, delta),
            key=key,
            tenant=tenant,
        )
        if turn.repeat:
            # Already stored: this client gets the pair (others had it when it was new).
            await client.send([message_frame(turn.candidate), message_frame(turn.reply)])
    except SdiError as exc:
        kind = error_kind(exc)
        await error(CODES.get(kind, "error"), str(exc), kind)
