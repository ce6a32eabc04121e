"""Live fan-out to websocket clients, turn events, and per-interview rate limiting."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from starlette.websockets import WebSocket

from app.core.scenarios.loader import LoadedScenario


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


@dataclass(eq=False)
class Client:
    """One websocket on an interview. Batches of frames go out whole and in order (a reconnect's
    replay finishes before any live frame), and a `message` the replay already sent is not sent
    again when its live copy arrives."""

    ws: WebSocket
    replayed_to: int = -1
    """Highest seq stored when the client's replay was read: a live copy of any message up to it
    is one the client already has."""
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, frames: list[dict[str, Any]]) -> None:
        async with self.lock:
            for frame in frames:
                if frame["type"] == "message" and frame["seq"] <= self.replayed_to:
                    continue
                await self.ws.send_json(frame)

    async def replay(self, messages: list[dict[str, Any]], after: int) -> None:
        """Every message (of all those stored) with seq > `after`, as `message` frames; their
        live copies, if any arrive later, are dropped."""
        backlog = [message_frame(m) for m in messages if m["seq"] > after]
        async with self.lock:
            self.replayed_to = max((m["seq"] for m in messages), default=-1)
            for frame in backlog:
                await self.ws.send_json(frame)


class Hub:
    """Websockets connected to each interview; every frame of a turn goes to all of them."""

    def __init__(self) -> None:
        self._clients: defaultdict[str, set[Client]] = defaultdict(set)

    def join(self, interview_id: str, ws: WebSocket) -> Client:
        client = Client(ws)
        self._clients[interview_id].add(client)
        return client

    def leave(self, interview_id: str, client: Client) -> None:
        self._clients[interview_id].discard(client)
        if not self._clients[interview_id]:
            del self._clients[interview_id]

    def watching(self, interview_id: str) -> bool:
        """Whether any client of this process is connected to the interview."""
        return interview_id in self._clients

    @property
    def open_count(self) -> int:
        return sum(len(s) for s in self._clients.values())

    async def publish(self, interview_id: str, frames: list[dict[str, Any]]) -> None:
        for client in list(self._clients.get(interview_id, ())):
            try:
                await client.send(frames)
            except Exception:  # a client that went away misses frames; it replays with ?after=
                self.leave(interview_id, client)


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
