"""Interviews as a service: start, send, finish, recover. Transports (CLI, HTTP, websocket) call
this; none of them holds business logic.

The order of writes is what makes a crash harmless: the candidate's message is committed to the
store first (acknowledged), then the graph runs on the interview's thread (its checkpoint written
once, before the run returns: DURABILITY), then the reply is committed. `recover()` finishes
whatever a crash interrupted: a reply that is in the checkpoint but not the store is copied over;
a stored message with no reply is answered. Messages are keyed by (interview, seq), so nothing is stored twice.

Turns of one interview are serialised by a lock: a byte-range file lock on SQLite (processes on
one host), an advisory lock on PostgreSQL (any process on any host may serve any turn). Under
the lock the store is the truth: the opening is seq 0 and every turn adds a candidate message and its
reply, so an even message count means a turn was cut short (here or in another process that
died) and is recovered before the next one.
"""

from __future__ import annotations

import asyncio
import errno
import fcntl
import hashlib
import inspect
import os
import uuid
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from app.config import Settings
from app.core.errors import SdiError
from app.core.grading.grader import grade_scenario
from app.core.scenarios.loader import Library
from app.core.transcript import TRANSCRIPT_FORMAT, parse_transcript
from app.render.llm import TokenSink
from app.storage.database import is_postgres, libpq_url, open_engine, sqlite_file
from app.storage.store import Interview, Store
from graphs.context import InterviewContext, context_from
from graphs.interview import build_graph

MAX_MESSAGE_CHARS = 8000
MAX_KEY_CHARS = 200


class UnknownInterview(SdiError):
    """No interview has that id."""


class InterviewFinished(SdiError):
    """The interview is finished: it takes no more messages."""


class InvalidMessage(SdiError):
    """The message is empty or too long."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


T = TypeVar("T")

DURABILITY: Literal["exit"] = "exit"
"""LangGraph writes a turn's checkpoint once, when the run ends, not after every step: a turn is
one run, and a run cut short is recovered from the store (the candidate's message is committed
before the run starts), so per-step checkpoints would buy nothing and cost a write each."""

TurnLock = Callable[[str], AbstractAsyncContextManager[None]]
"""Holds an interview's lock for the duration of a turn (or a finish, or a recovery)."""


class LocalLocks:
    """One asyncio lock per interview: serialises the turns of this process (SQLite)."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    @asynccontextmanager
    async def __call__(self, interview_id: str) -> AsyncIterator[None]:
        lock = self._locks.get(interview_id)
        if lock is None:
            lock = self._locks[interview_id] = asyncio.Lock()
        async with lock:
            yield


class FileLocks:
    """SQLite: a byte-range lock per interview on a file beside the database, so processes on
    this host (two `sdi serve`, or `sdi chat --resume` next to a server) never interleave turns.

    POSIX record locks belong to the process, so the local lock orders this process's own
    coroutines first; the file stays open for the process's life (closing any descriptor of it
    would drop every lock the process holds). A dead process's locks vanish with it."""

    SPAN = 2**31 - 1

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        self.local = LocalLocks()

    def _offset(self, interview_id: str) -> int:
        digest = hashlib.blake2b(interview_id.encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") % self.SPAN

    @asynccontextmanager
    async def __call__(self, interview_id: str) -> AsyncIterator[None]:
        offset = self._offset(interview_id)
        async with self.local(interview_id):
            while True:
                try:
                    fcntl.lockf(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    await asyncio.sleep(0.005)
            try:
                yield
            finally:
                fcntl.lockf(self.fd, fcntl.LOCK_UN, 1, offset)

    def close(self) -> None:
        os.close(self.fd)


class PostgresLocks:
    """A PostgreSQL session advisory lock per interview, across every process and host.

    The local lock is taken first, so coroutines of this process queue without holding a
    connection. If the process dies its connection closes and PostgreSQL releases the lock."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self.pool = pool
        self.local = LocalLocks()

    @asynccontextmanager
    async def __call__(self, interview_id: str) -> AsyncIterator[None]:
        key = "SELECT {}(hashtextextended(%s, 0))"
        async with self.local(interview_id), self.pool.connection() as conn:
            await conn.execute(key.format("pg_advisory_lock"), (interview_id,))
            try:
                yield
            finally:
                try:
                    await asyncio.shield(conn.execute(key.format("pg_advisory_unlock"), (interview_id,)))
                except BaseException:
                    # A connection that may still hold the lock must not go back to the pool.
                    await conn.close()
                    raise


class InterviewService:
    def __init__(
        self,
        store: Store,
        graph: Any,
        context: InterviewContext,
        lock: TurnLock | None = None,
        write_lock: asyncio.Lock | None = None,
    ):
        # `graph` is the compiled interview graph; typed Any because LangGraph's overloads of
        # ainvoke() cannot see the context schema through build_graph()'s StateGraph.
        self.store = store
        self.graph = graph
        self.context = context
        self.lock: TurnLock = lock or LocalLocks()
        self.write_lock = write_lock

    async def _write(self, write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store write on a worker thread. On the event loop's thread it could deadlock
        on SQLite: the checkpointer's connection may hold the write lock with its commit still
        waiting for the loop, and a blocked loop never lets it commit (busy-timeout, then
        "database is locked"). Reads never wait on SQLite's WAL and stay on the loop."""
        if self.write_lock is None:
            return await asyncio.to_thread(write, *args, **kwargs)
        async with self.write_lock:
            return await asyncio.to_thread(write, *args, **kwargs)

    @property
    def library(self) -> Library:
        return self.context.library

    def _config(self, interview_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": interview_id}}

    def _interview(self, interview_id: str) -> Interview:
        interview = self.store.get(interview_id)
        if interview is None:
            raise UnknownInterview(f"unknown interview '{interview_id}'")
        return interview

    async def start(
        self, scenario_id: str, tenant: str | None = None, token_hash: str | None = None
    ) -> tuple[Interview, list[dict[str, Any]]]:
        """A new interview on `scenario_id`, with the interviewer's opening stored."""
        self.library.get(scenario_id)  # raises UnknownScenario
        interview = await self._write(
            self.store.create, scenario_id, tenant=tenant, token_hash=token_hash
        )
        async with self.lock(interview.id):
            await self._recover(interview)
        return self._interview(interview.id), self.messages(interview.id)

    async def send(self, interview_id: str, content: str) -> dict[str, Any]:
        """Store the candidate's message, then compute and store the reply; return the reply."""
        _, reply = await self.send_turn(interview_id, content)
        return reply

    async def send_turn(
        self,
        interview_id: str,
        content: str,
        on_token: TokenSink | None = None,
        on_stored: Callable[[dict[str, Any]], Awaitable[None]] | None = None,
        key: str | None = None,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Like send(), returning (candidate message, reply), each with its `seq`.

        `on_stored` gets the candidate's message (with `seq`) once it is committed; `on_token`
        receives the reply's tokens as the renderer streams them (LLM renderer).

        `key` is the client's idempotency key: a message sent again with a key already stored
        is not stored again; the answer is the stored message and its reply (answered now if
        a crash left it without one), the candidate message marked `"repeat": True`."""
        if not content.strip():
            raise InvalidMessage("content: must not be empty")
        if len(content) > MAX_MESSAGE_CHARS:
            raise InvalidMessage(
                f"content: {len(content)} characters, the limit is {MAX_MESSAGE_CHARS}"
            )
        if key is not None and not 0 < len(key) <= MAX_KEY_CHARS:
            raise InvalidMessage(f"idempotency key: 1 to {MAX_KEY_CHARS} characters")
        async with self.lock(interview_id):
            interview = self._interview(interview_id)
            if key is not None:
                repeat = await self._repeat(interview, key)
                if repeat is not None:
                    return repeat
            if interview.status == "finished":
                raise InterviewFinished(f"interview '{interview_id}' is finished")
            seq = self.store.count(interview_id)
            if seq % 2 == 0:
                # No opening, or a candidate message without its reply: a turn was cut short.
                await self._recover(interview)
                seq = self.store.count(interview_id)
                interview = self._interview(interview_id)
            # The step the candidate spoke in, read under the lock (events compare against it).
            step = interview.step
            candidate = {"role": "candidate", "content": content, "at": _now(), "step": step}
            await self._write(
                self.store.append, interview_id, seq, {**candidate, "client_key": key}
            )
            # The message is stored and acknowledged: if what follows fails, the next turn on
            # the interview finds it unanswered (an even count) and answers it first.
            if on_stored is not None:
                await on_stored({**candidate, "seq": seq})
            reply = await self._answer(interview_id, seq, content, on_token)
            return {**candidate, "seq": seq}, {**reply, "seq": seq + 1}

    async def _repeat(
        self, interview: Interview, key: str
    ) -> tuple[dict[str, Any], dict[str, Any]] | None:
        row = self.store.by_key(interview.id, key)
        if row is None:
            return None
        if self.store.message(interview.id, row.seq + 1) is None:
            await self._recover(interview)  # the message was stored, its reply cut short
        reply = self.store.message(interview.id, row.seq + 1)
        assert reply is not None  # recovery answers the last stored message
        candidate = {**row.to_message(), "seq": row.seq, "step": row.step, "repeat": True}
        return candidate, {**reply.to_message(), "seq": reply.seq}

    async def _answer(
        self, interview_id: str, seq: int, content: str, on_token: TokenSink | None = None
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        async for mode, chunk in self.graph.astream(
            {"inbox": {"content": content, "seq": seq}},
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
        messages = values.get("messages", [])
        if len(messages) != seq + 2:
            # Never seen since checkpoints are written once per run; named rather than an
            # IndexError if it ever happens: the store is the truth, nothing is lost.
            raise SdiError(
                f"interview '{interview_id}': the checkpoint holds {len(messages)} messages "
                f"after answering message {seq}, expected {seq + 2}"
            )
        reply: dict[str, Any] = messages[seq + 1]
        await self._write(self.store.append, interview_id, seq + 1, reply)
        return reply

    async def recover(self, interview_id: str) -> None:
        async with self.lock(interview_id):
            await self._recover(self._interview(interview_id))

    async def _recover(self, interview: Interview) -> None:
        """Bring store and checkpoint back in step after a crash (a no-op when they agree)."""
        rows = self.store.messages(interview.id)
        state = await self.graph.aget_state(self._config(interview.id))
        graph_messages: list[dict[str, Any]] = state.values.get("messages", [])
        if not graph_messages:
            result = await self.graph.ainvoke(
                {"interview_id": interview.id, "scenario_id": interview.scenario_id},
                self._config(interview.id),
                context=self.context,
                durability=DURABILITY,
            )
            graph_messages = result["messages"]
        for seq in range(len(rows), len(graph_messages)):
            await self._write(self.store.append, interview.id, seq, graph_messages[seq])
        rows = self.store.messages(interview.id)
        if rows and rows[-1].role == "candidate" and len(graph_messages) < len(rows):
            await self._answer(interview.id, rows[-1].seq, rows[-1].content)

    def messages(self, interview_id: str, with_seq: bool = False) -> list[dict[str, Any]]:
        rows = self.store.messages(interview_id)
        if with_seq:
            return [{**r.to_message(), "seq": r.seq} for r in rows]
        return [r.to_message() for r in rows]

    def get(self, interview_id: str) -> Interview:
        return self._interview(interview_id)

    def transcript(self, interview_id: str) -> dict[str, Any]:
        interview = self._interview(interview_id)
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
        interview = self._interview(interview_id)
        scenario = self.library.get(interview.scenario_id).scenario
        first: dict[str, int] = {}
        for message in self.messages(interview_id, with_seq=True):
            for fact_id in message.get("revealed", []):
                first.setdefault(fact_id, message["seq"])
        facts = sorted((f for f in scenario.facts if f.id in first), key=lambda f: first[f.id])
        return [
            {"fact_id": f.id, "topic": f.topic, "note": f.answer, "seq": first[f.id]} for f in facts
        ]

    async def finish(self, interview_id: str) -> dict[str, Any]:
        """Grade the transcript and store the grade; finishing twice returns the same grade."""
        grade, _ = await self.finish_once(interview_id)
        return grade

    async def finish_once(self, interview_id: str) -> tuple[dict[str, Any], bool]:
        """Like finish(); the flag says whether this call graded it (False: it was already)."""
        async with self.lock(interview_id):
            interview = self._interview(interview_id)
            stored = self.store.grade(interview_id)
            if interview.status == "finished" and stored is not None:
                return stored, False
            await self._recover(interview)
            transcript = parse_transcript(self.transcript(interview_id))
            grade = grade_scenario(transcript, self.library.get(interview.scenario_id))
            await self._write(self.store.save_grade, interview_id, grade)
            return grade, True

    def grade(self, interview_id: str) -> dict[str, Any] | None:
        self._interview(interview_id)
        return self.store.grade(interview_id)


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
    try:
        async with _checkpointer(settings) as (saver, lock):
            graph = build_graph().compile(checkpointer=saver)
            # SQLite: store writes wait for the checkpointer's lock (it holds it over each write
            # and its commit), so this process's two connections never contend for the file's
            # write lock; contending, SQLite's busy handler sleeps (1 ms, growing to 100 ms).
            write_lock = saver.lock if isinstance(saver, AsyncSqliteSaver) else None
            yield InterviewService(store, graph, context, lock, write_lock)
    finally:
        store.engine.dispose()
        close = getattr(context.renderer, "aclose", None)
        if close is not None:
            await close()


@asynccontextmanager
async def _checkpointer(settings: Settings) -> AsyncIterator[tuple[Any, TurnLock]]:
    url = settings.database_url
    if not is_postgres(url):
        path = sqlite_file(url)
        assert path is not None  # open_engine() accepted the URL
        async with AsyncSqliteSaver.from_conn_string(str(path)) as sqlite_saver:
            if str(path) == ":memory:":
                yield sqlite_saver, LocalLocks()
                return
            locks = FileLocks(path.with_name(path.name + ".locks"))
            try:
                yield sqlite_saver, locks
            finally:
                locks.close()
        return
    # Pools, not one connection: turns of different interviews run concurrently. The locks get
    # their own pool: a turn holds its lock's connection while the checkpointer needs others,
    # so sharing one pool could leave every connection holding a lock and none to checkpoint.
    async with (
        _pg_pool(url, settings.db_pool_size) as checkpoints,
        _pg_pool(url, settings.db_pool_size) as lock_pool,
    ):
        saver = AsyncPostgresSaver(checkpoints)  # type: ignore[arg-type]
        if settings.auto_migrate:
            await setup_checkpointer(checkpoints)
        yield saver, PostgresLocks(lock_pool)


async def prepare_checkpointer(url: str) -> None:
    """The checkpointer's own tables (PostgreSQL; the SQLite saver creates its own on use)."""
    if is_postgres(url):
        async with _pg_pool(url, max_size=2) as pool:
            await setup_checkpointer(pool)


def _pg_pool(url: str, max_size: int) -> AsyncConnectionPool:
    """A pool as LangGraph's Postgres checkpointer requires: autocommit, no prepared
    statements, dict rows (the turn locks use the same settings). Opened by `async with`."""
    return AsyncConnectionPool(
        libpq_url(url),
        min_size=1,
        max_size=max_size,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        open=False,
    )


async def setup_checkpointer(pool: AsyncConnectionPool) -> None:
    """Create or migrate the checkpointer's tables, one replica at a time."""
    async with pool.connection() as conn:
        await conn.execute("SELECT pg_advisory_lock(%s)", (CHECKPOINT_MIGRATION_LOCK,))
        try:
            await AsyncPostgresSaver(pool).setup()  # type: ignore[arg-type]
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (CHECKPOINT_MIGRATION_LOCK,))


CHECKPOINT_MIGRATION_LOCK = 0x5D1_0002
