"""Live fan-out to websocket clients: the frames of stored messages, pushed to every client of an
interview in order."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from starlette.websockets import WebSocket


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
