"""Live frames across processes (PostgreSQL): a turn served by one `sdi serve` reaches the
websocket clients of the interview connected to any other.

Every stored message sends a NOTIFY (the store does, on PostgreSQL) naming the interview, the seq and the process
that stored it. Each process LISTENs on one connection of its own; for a message from another
process, on an interview one of its clients watches, it reads the message from the store and
publishes the same frames the serving process sent its own clients (the message, then for a
reply the step change, revealed facts and follow-up). Tokens of a reply being written stay on
the serving process; a client that misses a notification (its process was reconnecting to the
database) still gets every message with `?after=N`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import psycopg

from app.api.hub import Hub, message_frame
from app.service.interviews import InterviewService

log = logging.getLogger("sdi.fanout")
RETRY_S = (0.5, 1.0, 2.0, 5.0)


class Fanout:
    def __init__(self, url: str, hub: Hub, service: InterviewService, origin: str) -> None:
        self.url = url
        self.hub = hub
        self.service = service
        self.origin = origin
        self.listening = asyncio.Event()
        """Set while the LISTEN connection is up (tests wait for it)."""

    async def run(self) -> None:
        """Listen until cancelled, reconnecting with backoff when the connection drops."""
        failures = 0
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.url, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {self.service.notify_channel}")
                    self.listening.set()
                    failures = 0
                    async for notify in conn.notifies():
                        await self.deliver(notify.payload)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database went away: retry, clients replay on reconnect
                self.listening.clear()
                delay = RETRY_S[min(failures, len(RETRY_S) - 1)]
                failures += 1
                log.warning(
                    "fanout connection lost, retrying", extra={"error": str(exc), "retry_s": delay}
                )
                await asyncio.sleep(delay)

    async def deliver(self, payload: str) -> None:
        try:
            note = json.loads(payload)
            interview_id, seq, origin = str(note["i"]), int(note["s"]), note["o"]
        except (ValueError, KeyError, TypeError):
            log.warning("fanout: ignored a malformed notification")
            return
        if origin == self.origin or not self.hub.watching(interview_id):
            return
        frames = self.frames(interview_id, seq)
        if frames:
            await self.hub.publish(interview_id, frames)

    def frames(self, interview_id: str, seq: int) -> list[dict[str, Any]]:
        """The frames this process's clients get for message `seq`: the same the serving
        process sent its own (the message, then the turn's events), from the service."""
        stored = self.service.stored(interview_id, seq)
        if stored is None:
            return []
        message, events = stored
        return [message_frame(message), *events]
