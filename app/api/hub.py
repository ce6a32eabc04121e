"""Live fan-out to websocket clients, turn events, and per-interview rate limiting."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from starlette.websockets import WebSocket

from app.scenarios.loader import LoadedScenario


def message_frame(message: dict[str, Any]) -> dict[str, Any]:
    frame = {
        "type": "message",
        "seq": message["seq"],
        "role": message["role"],
        "content": message["content"],
    }
    if message["role"] == "interviewer":
        frame["step"] = message.get("step")
        frame["revealed"] = list(message.get("revealed") or [])
        frame["act"] = list(message.get("act") or [])
    if message.get("at"):
        frame["at"] = message["at"]
    return frame


def turn_frames(
    reply: dict[str, Any], previous_step: str, scenario: LoadedScenario
) -> list[dict[str, Any]]:
    """Frames that end a turn: the reply, then the events a platform UI needs. (The candidate's
    message is published when it is stored, before any token of the reply.)"""
    frames = [message_frame(reply)]
    if reply.get("step") != previous_step:
        frames.append(
            {
                "type": "step_changed",
                "seq": reply["seq"],
                "step": reply["step"],
                "previous": previous_step,
            }
        )
    for fact_id in reply.get("revealed") or []:
        frames.append(
            {
                "type": "fact_revealed",
                "seq": reply["seq"],
                "id": fact_id,
                "topic": scenario.scenario.fact(fact_id).topic,
            }
        )
    if "follow_up" in (reply.get("act") or []):
        frames.append({"type": "follow_up", "seq": reply["seq"], "content": reply["content"]})
    return frames


def publisher(hub: Hub, interview_id: str) -> Any:
    """`on_stored` for InterviewService.send_turn: push the candidate's message to all clients."""

    async def publish(message: dict[str, Any]) -> None:
        await hub.publish(interview_id, [message_frame(message)])

    return publish


class Hub:
    """Websockets connected to each interview; every frame of a turn goes to all of them."""

    def __init__(self) -> None:
        self._sockets: defaultdict[str, set[WebSocket]] = defaultdict(set)

    def join(self, interview_id: str, ws: WebSocket) -> None:
        self._sockets[interview_id].add(ws)

    def leave(self, interview_id: str, ws: WebSocket) -> None:
        self._sockets[interview_id].discard(ws)
        if not self._sockets[interview_id]:
            del self._sockets[interview_id]

    @property
    def open_count(self) -> int:
        return sum(len(s) for s in self._sockets.values())

    async def publish(self, interview_id: str, frames: list[dict[str, Any]]) -> None:
        for ws in list(self._sockets.get(interview_id, ())):
            try:
                for frame in frames:
                    await ws.send_json(frame)
            except Exception:  # a client that went away misses frames; it replays with ?after=
                self.leave(interview_id, ws)


class RateLimiter:
    """A token bucket per interview: `burst` messages at once, `per_minute` sustained."""

    def __init__(self, burst: int, per_minute: float):
        self.burst = burst
        self.rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        return True
