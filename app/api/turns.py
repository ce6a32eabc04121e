"""A candidate's turn as both transports (REST, websocket) run it.

A turn is refused while the server drains or when the interview floods; otherwise it runs as its
own task, shielded: a handler cancelled at shutdown (or a client that goes away) does not stop a
reply that is being written, and the graceful shutdown waits for every turn under way before it
closes the sockets. Each turn is counted and timed (app/metrics.py) and logged on one line with
its interview, seq, transport, duration and outcome, never its content.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from app import metrics
from app.api.hub import message_frame, publisher
from app.core.errors import (
    InterviewFinished,
    InvalidMessage,
    SdiError,
    TranscriptError,
    UnknownInterview,
    UnknownScenario,
)
from app.render.base import TokenSink
from app.service.interviews import Turn

if TYPE_CHECKING:
    from app.api.deps import Runtime

T = TypeVar("T")
log = logging.getLogger("sdi.turn")


class RateLimited(SdiError):
    """The interview sent more messages than its rate limit allows."""


class ShuttingDown(SdiError):
    """The server is draining for a shutdown: it takes no new turns."""


KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (RateLimited, "rate_limited"),
    (ShuttingDown, "unavailable"),
    (InterviewFinished, "finished"),
    (InvalidMessage, "validation"),
    (TranscriptError, "validation"),
    (UnknownInterview, "not_found"),
    (UnknownScenario, "not_found"),
    (asyncio.CancelledError, "cancelled"),
)


def error_kind(exc: BaseException) -> str:
    """The kind an error is counted and logged as (`internal` for anything unexpected)."""
    for exc_type, kind in KINDS:
        if isinstance(exc, exc_type):
            return kind
    return "internal"


class InFlight:
    """The turns under way in this process, and whether it still takes new ones."""

    def __init__(self, grace_s: float = 30.0) -> None:
        self.grace_s = grace_s
        """How long the app's shutdown waits for turns when nothing drained them before."""
        self.draining = False
        self._tasks: set[asyncio.Task[Any]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    async def run(self, turn: Coroutine[Any, Any, T]) -> T:
        """Run `turn` to its end even if the caller is cancelled; return its result."""
        task = asyncio.ensure_future(turn)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return await asyncio.shield(task)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: a caller that went away leaves no "never retrieved"

    async def drain(self, timeout_s: float) -> bool:
        """Take no new turns; wait up to `timeout_s` for those under way. True if all ended."""
        self.draining = True
        deadline = time.monotonic() + timeout_s
        while self._tasks:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            await asyncio.wait(set(self._tasks), timeout=left)
        return True

    def cancel(self) -> None:
        """Stop the turns still running (their messages are stored; recover() answers them)."""
        for task in self._tasks:
            task.cancel()


async def run_turn(
    rt: Runtime,
    interview_id: str,
    content: str,
    transport: str,
    on_token: TokenSink | None = None,
    key: str | None = None,
    tenant: str | None = None,
) -> Turn:
    """The candidate's message in, the turn out; every websocket of the interview gets the
    turn's frames (the reply, then its events). Raises the domain's errors, RateLimited and
    ShuttingDown. `tenant` is only logged.

    A message repeated with a stored idempotency `key` runs no turn and publishes nothing: the
    answer is the stored pair, marked `repeat`."""
    return await rt.turns.run(_turn(rt, interview_id, content, transport, on_token, key, tenant))


async def _turn(
    rt: Runtime,
    interview_id: str,
    content: str,
    transport: str,
    on_token: TokenSink | None,
    key: str | None,
    tenant: str | None,
) -> Turn:
    started = time.perf_counter()
    outcome = "ok"
    seq: int | None = None
    try:
        if rt.turns.draining:
            raise ShuttingDown("the server is shutting down; retry in a moment")

        def admit() -> None:
            if not rt.limiter.allow(interview_id):
                raise RateLimited("too many messages for this interview; slow down")

        turn = await rt.service.send_turn(
            interview_id,
            content,
            on_token=on_token,
            on_stored=publisher(rt.hub, interview_id),
            key=key,
            admit=admit,
        )
        seq = turn.reply["seq"]
        if turn.repeat:
            outcome = "repeat"
            return turn
        await rt.hub.publish(interview_id, [message_frame(turn.reply), *turn.events])
        return turn
    except BaseException as exc:
        outcome = error_kind(exc)
        raise
    finally:
        seconds = time.perf_counter() - started
        metrics.turn(transport, outcome, seconds)
        log.log(
            logging.ERROR if outcome == "internal" else logging.INFO,
            "turn",
            extra={
                "interview_id": interview_id,
                "tenant": tenant,
                "seq": seq,
                "transport": transport,
                "duration_ms": round(seconds * 1000, 2),
                "outcome": outcome,
                "error": None if outcome == "ok" else outcome,
            },
        )
