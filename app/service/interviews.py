"""Interviews as a service: start, send, finish, recover, read. Every transport (CLI, REST,
websocket, the fan-out to other processes) calls this and formats what it returns; none of them
reaches the store or holds a business rule.

The order of writes is what makes a crash harmless: the candidate's message is committed to the
store first (acknowledged), then the graph runs on the interview's thread (its checkpoint written
once, when the run returns: DURABILITY), then the reply is committed. `recover()` finishes
whatever a crash interrupted: a reply that is in the checkpoint but not the store is copied over;
a stored message with no reply is answered. Messages are keyed by (interview, seq), so nothing is
stored twice.

Turns of one interview are serialised by a lock (app/service/locks.py). Under the lock the store
is the truth: the opening is seq 0 and every turn adds a candidate message and its reply, so an
even message count means a turn was cut short and is recovered before the next one.

Finishing is one path: a reply that closes the interview (step `done`: `/finish`, or the close
after the wrap-up) is graded in the same turn, exactly like `finish()`: the grade is stored, the
status becomes finished, `on_finished` runs once (the API's webhook), and any later message is
refused with InterviewFinished.
"""

from __future__ import annotations

import asyncio
import inspect
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from app.config import Settings
from app.core.diagrams import find_diagrams
from app.core.errors import (
    InterviewFinished,
    SdiError,
    TooLarge,
    UnknownInterview,
    UnknownScenario,
)
from app.core.events import Event, turn_events
from app.core.formats import ReadReport, read_transcript
from app.core.grading.grader import grade, grade_scenario
from app.core.scenarios.loader import Library
from app.core.scenarios.models import Scenario
from app.core.transcript import TRANSCRIPT_FORMAT, Transcript, check_message, parse_transcript
from app.render.base import TokenSink
from app.service.auth import Keys
from app.service.checkpointer import LoopSqliteSaver, open_checkpointer, prune
from app.service.locks import LocalLocks, TurnLock
from app.service.scenarios import Prepared, Scenarios, Version
from app.service.wiring import context_from
from app.storage.database import is_postgres, libpq_url, open_engine
from app.storage.store import NOTIFY_CHANNEL, Interview, Store
from graphs.context import InterviewContext
from graphs.interview import build_graph

T = TypeVar("T")

DURABILITY: Literal["exit"] = "exit"
"""LangGraph writes a turn's checkpoint once, when the run ends, not after every step: a turn is
one run, and a run cut short is recovered from the store (the candidate's message is committed
before the run starts), so per-step checkpoints would buy nothing and cost a write each."""

PRUNE_EVERY = 10
"""Turns between prunings of an interview's old checkpoints: a thread keeps at most this many
(each a few KB: the state holds no transcript), and a turn pays the delete only one time in ten
(about 2.5 ms on SQLite)."""

OnFinished = Callable[[Interview, dict[str, Any]], Awaitable[None] | None]
"""Called once per interview, when it is graded (the API sends the webhook from here)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Turn:
    """What one candidate message did: both messages (with `seq`) and the events of the turn."""

    candidate: dict[str, Any]
    reply: dict[str, Any]
    events: list[Event] = field(default_factory=list)
    repeat: bool = False
    """The message was sent before with the same idempotency key: nothing new was stored."""
    grade: dict[str, Any] | None = None
    """The grade, when this turn closed the interview."""
    diagrams: list[dict[str, Any]] = field(default_factory=list)
    """The diagrams read in the candidate's message (`Diagram.to_dict()`: nodes, edges,
    errors), for a transport to show what was understood."""


@dataclass(frozen=True)
class InterviewSummary:
    """An interview as listings show it."""

    interview: Interview
    message_count: int


class InterviewService:
    def __init__(
        self,
        store: Store,
        graph: Any,
        context: InterviewContext,
        lock: TurnLock | None = None,
        write_lock: asyncio.Lock | None = None,
        saver: Any = None,
        grade_concurrency: int = 2,
        max_transcript_messages: int = 2000,
    ):
        # `graph` is the compiled interview graph; typed Any because LangGraph's overloads of
        # ainvoke() cannot see the context schema through build_graph()'s StateGraph.
        self.store = store
        self.graph = graph
        self.scenarios = Scenarios(context.library, store)
        """Built-ins and tenants' own scenarios (by version): what every interview runs on."""
        # Hints grade the stored transcript, and a thread's scenario may be a tenant's: the
        # graph reads both through the context.
        self.context = replace(
            context,
            history=context.history or self._history,
            resolve=context.resolve or self.scenarios.load,
        )
        self.lock: TurnLock = lock or LocalLocks()
        self.write_lock = write_lock
        self.saver = saver
        self.on_finished: OnFinished | None = None
        self.grading = asyncio.Semaphore(grade_concurrency)
        """Gradings at once: each runs on a worker thread, so the event loop (every other
        interview, the health checks) never waits for one."""
        self.max_transcript_messages = max_transcript_messages
        self.listen_url: str | None = None
        """libpq URL of the database a fan-out listens on (PostgreSQL), else None."""

    # --- reads ------------------------------------------------------------------------------

    @property
    def library(self) -> Library:
        return self.context.library

    @property
    def notify_origin(self) -> str | None:
        """This process's name in NOTIFY payloads (PostgreSQL), else None."""
        return self.store.notify_origin

    notify_channel = NOTIFY_CHANNEL
    """The channel a fan-out LISTENs on (PostgreSQL) for messages other processes store."""

    def keys(self) -> Keys:
        return Keys(self.store)

    def ready(self) -> None:
        """Raises when the database does not answer."""
        self.store.count("readyz")

    def get(self, interview_id: str) -> Interview:
        interview = self.store.get(interview_id)
        if interview is None:
            raise UnknownInterview(f"unknown interview '{interview_id}'")
        return interview

    def find(self, interview_id: str) -> Interview | None:
        return self.store.get(interview_id)

    def recent(
        self,
        scenario_id: str | None = None,
        limit: int = 100,
        tenant: str | None = None,
        all_tenants: bool = True,
    ) -> list[InterviewSummary]:
        """Newest first; `tenant` restricts to one owner unless `all_tenants` (local mode)."""
        rows = self.store.recent(
            scenario_id=scenario_id, limit=limit, tenant=tenant, all_tenants=all_tenants
        )
        return [InterviewSummary(i, self.store.count(i.id)) for i in rows]

    def count(self, interview_id: str) -> int:
        return self.store.count(interview_id)

    def messages(self, interview_id: str, with_seq: bool = False) -> list[dict[str, Any]]:
        rows = self.store.messages(interview_id)
        if with_seq:
            return [{**r.to_message(), "seq": r.seq} for r in rows]
        return [r.to_message() for r in rows]

    async def _history(self, interview_id: str) -> list[dict[str, Any]]:
        return self.messages(interview_id)

    def transcript(self, interview_id: str) -> dict[str, Any]:
        interview = self.get(interview_id)
        return {
            "format": TRANSCRIPT_FORMAT,
            "scenario_id": interview.scenario_id,
            "messages": self.messages(interview_id),
        }

    async def notes(self, interview_id: str) -> list[tuple[str, str]]:
        """Facts uncovered so far as a candidate would note them: (topic, answer)."""
        return [(n["topic"], n["note"]) for n in self.revealed_notes(interview_id)]

    def revealed_notes(self, interview_id: str) -> list[dict[str, Any]]:
        """Each fact the interviewer has revealed, once, in the order first revealed:
        `fact_id`, `topic`, `note` (the interviewer's words) and `seq` (the reply that revealed
        it). Only the stored replies' `revealed` lists count: a fact still hidden never appears."""
        scenario = self.scenarios.of(self.get(interview_id)).scenario
        first: dict[str, int] = {}
        for message in self.messages(interview_id, with_seq=True):
            for fact_id in message.get("revealed", []):
                first.setdefault(fact_id, message["seq"])
        facts = sorted((f for f in scenario.facts if f.id in first), key=lambda f: first[f.id])
        return [
            {"fact_id": f.id, "topic": f.topic, "note": f.answer, "seq": first[f.id]} for f in facts
        ]

    def grade(self, interview_id: str) -> dict[str, Any] | None:
        self.get(interview_id)
        return self.store.grade(interview_id)

    def scenario_or_none(self, interview: Interview) -> Scenario | None:
        """The scenario (at its version) the interview ran on; None if it cannot be found."""
        try:
            return self.scenarios.of(interview).scenario
        except UnknownScenario:
            return None

    async def grade_transcript(
        self,
        data: dict[str, Any],
        *,
        problem: str | None = None,
        interviewer: str | None = None,
        candidate: str | None = None,
        tenant: str | None = None,
    ) -> dict[str, Any]:
        """Grade a transcript that did not happen here (stateless: nothing is stored), off the
        event loop and at most `grade_concurrency` at once. TooLarge past the message limit.
        `data["text"]` is a transcript in another format (app/core/formats.py): plain text
        with speaker labels, or JSON of another shape. A `scenario_id` that is not a
        built-in's may name one of `tenant`'s own scenarios (graded on its current version)."""
        async with self.grading:
            transcript, read = await asyncio.to_thread(_read, data, interviewer, candidate)
            if len(transcript.messages) > self.max_transcript_messages:
                raise TooLarge(
                    f"messages: {len(transcript.messages)}, the limit is "
                    f"{self.max_transcript_messages} (SDI_MAX_TRANSCRIPT_MESSAGES)"
                )
            sid = transcript.scenario_id
            own = None
            if sid and sid not in self.library:
                own = await asyncio.to_thread(self.scenarios.latest_of, tenant, sid)
            if own is not None:
                result = await asyncio.to_thread(grade_scenario, transcript, own)
            else:
                result = await asyncio.to_thread(grade, transcript, self.library, problem=problem)
        if read is not None and read.source != "sdi.transcript/v1":
            result["read"] = read.as_json()
        return result

    def stored(self, interview_id: str, seq: int) -> tuple[dict[str, Any], list[Event]] | None:
        """Message `seq` as stored, with the events of its turn when it is a reply (what another
        process's clients are sent when this one stored it: app/api/fanout.py)."""
        row = self.store.message(interview_id, seq)
        if row is None:
            return None
        message = {**row.to_message(), "seq": seq}
        if row.role != "interviewer" or seq == 0:
            return message, []
        interview = self.store.get(interview_id)
        if interview is None:
            return None
        asked = self.store.message(interview_id, seq - 1)
        previous = asked.step if asked is not None and asked.step else str(message.get("step"))
        return message, turn_events(message, previous, self.scenarios.of(interview))

    # --- a tenant's own scenarios -------------------------------------------------------------

    async def create_scenario(self, tenant: str | None, raw: Any) -> Version:
        """Validate (off the event loop) and store a tenant's new scenario."""
        prepared = await self._prepare(raw)
        return await self._write(self.scenarios.create, tenant, prepared)

    async def update_scenario(self, tenant: str | None, scenario_id: str, raw: Any) -> Version:
        """Validate (off the event loop) and store the scenario's next version."""
        self.scenarios.check_free(scenario_id)  # 409, then 404, before the work of validating
        self.scenarios.get(tenant, scenario_id)
        prepared = await self._prepare(raw, scenario_id)
        return await self._write(self.scenarios.update, tenant, scenario_id, prepared)

    async def _prepare(self, raw: Any, scenario_id: str | None = None) -> Prepared:
        """Validation is CPU work that grows with the document (about 40 ms for a built-in's
        size, a second at the limits): on a worker thread, sharing the gradings' slots."""
        async with self.grading:
            return await asyncio.to_thread(self.scenarios.prepare, raw, scenario_id)

    async def delete_scenario(self, tenant: str | None, scenario_id: str) -> None:
        await self._write(self.scenarios.delete, tenant, scenario_id)

    # --- writes -----------------------------------------------------------------------------

    async def _write(self, write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store write on a worker thread (its commit's fsync, or its round trip to
        PostgreSQL, never blocks the event loop). On SQLite it holds the checkpointer's gate
        (app/service/checkpointer.py), so this process's two connections never contend for the
        file's write lock. Reads never wait on SQLite's WAL and stay on the loop."""
        if self.write_lock is None:
            return await asyncio.to_thread(write, *args, **kwargs)
        async with self.write_lock:
            return await asyncio.to_thread(write, *args, **kwargs)

    def _config(self, interview_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": interview_id}}

    async def start(
        self, scenario_id: str, tenant: str | None = None, token_hash: str | None = None
    ) -> tuple[Interview, list[dict[str, Any]]]:
        """A new interview on `scenario_id` (a built-in, or the tenant's own at its current
        version, which the interview records), with the interviewer's opening stored."""
        # UnknownScenario; a tenant's scenario is compiled on its first use: off the event loop.
        key, version = await asyncio.to_thread(
            self.scenarios.for_new_interview, tenant, scenario_id
        )
        interview = await self._write(
            self.store.create,
            scenario_id,
            tenant=tenant,
            token_hash=token_hash,
            scenario_version=version,
        )
        async with self.lock(interview.id):
            result = await self.graph.ainvoke(
                {"interview_id": interview.id, "scenario_id": key},
                self._config(interview.id),
                context=self.context,
                durability=DURABILITY,
            )
            opening = result["reply"]
            await self._write(self.store.append, interview.id, 0, opening)
        return interview, [{k: v for k, v in opening.items() if k not in ("seq", "usage")}]

    async def send(self, interview_id: str, content: str) -> dict[str, Any]:
        """Store the candidate's message, then compute and store the reply; return the reply
        (with its `seq`). `send_turn` says everything the turn did."""
        return (await self.send_turn(interview_id, content)).reply

    async def send_turn(
        self,
        interview_id: str,
        content: str,
        on_token: TokenSink | None = None,
        on_stored: Callable[[dict[str, Any]], Awaitable[None]] | None = None,
        key: str | None = None,
        admit: Callable[[], None] | None = None,
    ) -> Turn:
        """The candidate's message in, the turn out.

        `admit` is the transport's last word before anything is stored (its rate limit): it
        runs once the interview is known to take the message, and may raise to refuse it.

        `on_stored` gets the candidate's message (with `seq`) once it is committed; `on_token`
        receives the reply's tokens as the renderer streams them (LLM renderer).

        `key` is the client's idempotency key: a message sent again with a key already stored
        is not stored again; the answer is the stored message and its reply (answered now if
        a crash left it without one), with `repeat` set."""
        check_message(content, key)
        async with self.lock(interview_id):
            head = self.store.head(interview_id)
            if head is None:
                raise UnknownInterview(f"unknown interview '{interview_id}'")
            interview, seq = head
            if key is not None:
                repeat = await self._repeat(interview, key)
                if repeat is not None:
                    return repeat
            if interview.status == "finished":
                raise InterviewFinished(f"interview '{interview_id}' is finished")
            if seq % 2 == 0:
                # No opening, or a candidate message without its reply: a turn was cut short.
                await self._recover(interview)
                seq = self.store.count(interview_id)
                interview = self.get(interview_id)
            if interview.step == "done":
                # Closed, but the grading was cut short: finish it now, and take no message.
                await self._finish(interview)
                raise InterviewFinished(f"interview '{interview_id}' is finished")
            if admit is not None:
                admit()
            # The step the candidate spoke in, read under the lock (events compare against it).
            step = interview.step
            candidate: dict[str, Any] = {
                "role": "candidate",
                "content": content,
                "at": _now(),
                "step": step,
            }
            await self._write(
                self.store.append, interview_id, seq, {**candidate, "client_key": key}
            )
            candidate["seq"] = seq
            # The message is stored and acknowledged: if what follows fails, the next turn on
            # the interview finds it unanswered (an even count) and answers it first.
            if on_stored is not None:
                await on_stored(candidate)
            reply = await self._answer(interview_id, seq, content, candidate["at"], on_token)
            events = turn_events(reply, step, self.scenarios.of(interview))
            grade = None
            if reply.get("step") == "done":
                grade, _ = await self._finish(self.get(interview_id))
            drawn = [d.to_dict() for d in find_diagrams(content)]
            return Turn(candidate, reply, events, grade=grade, diagrams=drawn)

    async def _repeat(self, interview: Interview, key: str) -> Turn | None:
        row = self.store.by_key(interview.id, key)
        if row is None:
            return None
        if self.store.message(interview.id, row.seq + 1) is None:
            await self._recover(interview)  # the message was stored, its reply cut short
        reply = self.store.message(interview.id, row.seq + 1)
        assert reply is not None  # recovery answers the last stored message
        candidate = {**row.to_message(), "seq": row.seq, "step": row.step}
        return Turn(candidate, {**reply.to_message(), "seq": reply.seq}, repeat=True)

    async def _answer(
        self,
        interview_id: str,
        seq: int,
        content: str,
        at: str | None = None,
        on_token: TokenSink | None = None,
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        inbox: dict[str, Any] = {"content": content, "seq": seq}
        if at is not None:
            inbox["at"] = at
        async for mode, chunk in self.graph.astream(
            {"inbox": inbox},
            self._config(interview_id),
            context=self.context,
            durability=DURABILITY,
            stream_mode=["custom", "values"],
        ):
            if mode == "custom" and on_token is not None and "token" in chunk:
                result = on_token(chunk["token"])
                if inspect.isawaitable(result):
                    await result
            elif mode == "values":
                values = chunk
        reply = values.get("reply") or {}
        if reply.get("seq") != seq + 1:
            # Never seen since checkpoints are written once per run; named rather than a
            # KeyError if it ever happens: the store is the truth, nothing is lost.
            raise SdiError(
                f"interview '{interview_id}': the graph's last reply is message "
                f"{reply.get('seq')} after answering message {seq}, expected {seq + 1}"
            )
        await self._write(self.store.append, interview_id, seq + 1, reply)
        if self.saver is not None and (seq + 1) % (2 * PRUNE_EVERY) == 0:
            await prune(self.saver, interview_id)
        return {k: v for k, v in reply.items() if k != "usage"}

    async def recover(self, interview_id: str) -> None:
        async with self.lock(interview_id):
            await self._recover(self.get(interview_id))

    async def _recover(self, interview: Interview) -> None:
        """Bring store and checkpoint back in step after a crash (a no-op when they agree)."""
        count = self.store.count(interview.id)
        state = await self.graph.aget_state(self._config(interview.id))
        values: dict[str, Any] = state.values
        if "memory" not in values:
            values = await self.graph.ainvoke(
                {"interview_id": interview.id, "scenario_id": self.scenarios.key_of(interview)},
                self._config(interview.id),
                context=self.context,
                durability=DURABILITY,
            )
        reply = values.get("reply")
        if reply is None and values.get("messages"):
            # A thread checkpointed before the state stopped holding the transcript.
            reply = {**values["messages"][-1], "seq": len(values["messages"]) - 1}
        if reply is not None and reply["seq"] == count:
            await self._write(self.store.append, interview.id, count, reply)
            count += 1
        if count % 2 == 0 and count > 0:
            last = self.store.message(interview.id, count - 1)
            if last is not None and last.role == "candidate":
                at = last.to_message()["at"]
                await self._answer(interview.id, last.seq, last.content, at)

    async def finish(self, interview_id: str) -> dict[str, Any]:
        """Grade the transcript and store the grade; finishing twice returns the same grade."""
        grade, _ = await self.finish_once(interview_id)
        return grade

    async def finish_once(self, interview_id: str) -> tuple[dict[str, Any], bool]:
        """Like finish(); the flag says whether this call graded it (False: it was already)."""
        async with self.lock(interview_id):
            return await self._finish(self.get(interview_id))

    async def _finish(self, interview: Interview) -> tuple[dict[str, Any], bool]:
        """The one way an interview ends (under its lock): grade, store, tell `on_finished`."""
        stored = self.store.grade(interview.id)
        if interview.status == "finished" and stored is not None:
            return stored, False
        await self._recover(interview)
        transcript = parse_transcript(self.transcript(interview.id))
        scenario = self.scenarios.of(interview)
        async with self.grading:
            grade = await asyncio.to_thread(grade_scenario, transcript, scenario)
        if interview.scenario_version is not None:
            grade["scenario_version"] = interview.scenario_version
        await self._write(self.store.save_grade, interview.id, grade)
        if self.on_finished is not None:
            done = self.on_finished(interview, grade)
            if inspect.isawaitable(done):
                await done
        return grade, True


@asynccontextmanager
async def open_service(
    settings: Settings, context: InterviewContext | None = None
) -> AsyncIterator[InterviewService]:
    """The service on the configured database: SQLModel tables and the LangGraph checkpointer
    side by side (the same SQLite file, or the same PostgreSQL database)."""
    url = settings.database_url
    # On PostgreSQL every stored message is announced to the other processes (app/api/fanout.py).
    origin = uuid.uuid4().hex if is_postgres(url) else None
    store = Store(open_engine(url, migrate=settings.auto_migrate), notify_origin=origin)
    context = context or context_from(settings)
    context.library.compile_all()  # a broken scenario rule fails here, not mid-interview
    try:
        async with open_checkpointer(settings) as (saver, lock):
            graph = build_graph().compile(checkpointer=saver)
            service = InterviewService(
                store,
                graph,
                context,
                lock,
                saver.gate if isinstance(saver, LoopSqliteSaver) else None,
                saver,
                grade_concurrency=settings.grade_concurrency,
                max_transcript_messages=settings.max_transcript_messages,
            )
            service.listen_url = libpq_url(url) if origin is not None else None
            yield service
    finally:
        store.engine.dispose()
        close = getattr(context.renderer, "aclose", None)
        if close is not None:
            await close()


def _read(
    data: dict[str, Any], interviewer: str | None, candidate: str | None
) -> tuple[Transcript, ReadReport | None]:
    """A transcript to grade: sdi.transcript/v1, or `text` in another format."""
    if "text" not in data:
        return parse_transcript(data), None
    transcript, read = read_transcript(data["text"], interviewer=interviewer, candidate=candidate)
    keep: dict[str, Any] = {k: data[k] for k in ("scenario_id", "problem") if k in data}
    return transcript.model_copy(update=keep), read
