"""LangGraph's checkpointer beside the store: the same SQLite file, or the same PostgreSQL
database on a pool; and pruning, so a thread keeps its latest checkpoint only.

On SQLite the checkpointer reads in place on the event loop and writes with one hop to a worker
thread per checkpoint (LoopSqliteSaver): a checkpoint is a few KB and a statement takes tens of
microseconds, while each hop to another thread (aiosqlite makes one per statement, fetch and
commit) cost more CPU than the statement. Commits (fsync) stay off the loop: on a busy disk an
fsync takes milliseconds, and on the loop it stalled every interview (measured: 28 turns/s)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, closing, contextmanager
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import (
    ChannelVersions,
    Checkpoint,
    CheckpointMetadata,
    CheckpointTuple,
)
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from app.config import Settings
from app.service.locks import FileLocks, LocalLocks, PostgresLocks, TurnLock
from app.storage.database import is_postgres, libpq_url, sqlite_file


class LoopSqliteSaver(SqliteSaver):
    """LangGraph's SqliteSaver behind one asyncio lock (`gate`), with as few thread hops as can
    be: a read runs in place on the event loop (a few tens of microseconds, never an fsync); a
    write, its statements and its commit, is one hop to a worker thread, so the commit's fsync
    never blocks the loop. (AsyncSqliteSaver hops to aiosqlite's thread for every statement,
    fetch and commit: four to eight hops a turn, each costing more CPU than its statement.)

    The store's writes hold the same gate (InterviewService.write_lock): this process's two
    connections never hold the file's write lock at once, so neither waits in SQLite's busy
    handler (which sleeps 1 ms, growing to 100 ms). Another process on the same file (`sdi chat
    --resume` beside a server) is waited for by the busy timeout, on a worker thread."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self.gate = asyncio.Lock()

    async def aget_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        async with self.gate:
            return self.get_tuple(config)

    async def alist(  # type: ignore[override]
        self,
        config: RunnableConfig | None,
        *,
        filter: dict[str, Any] | None = None,
        before: RunnableConfig | None = None,
        limit: int | None = None,
    ) -> AsyncIterator[CheckpointTuple]:
        async with self.gate:
            items = list(self.list(config, filter=filter, before=before, limit=limit))
        for item in items:
            yield item

    async def aput(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        async with self.gate:
            return await asyncio.to_thread(self.put, config, checkpoint, metadata, new_versions)

    async def aput_writes(
        self,
        config: RunnableConfig,
        writes: Sequence[tuple[str, Any]],
        task_id: str,
        task_path: str = "",
    ) -> None:
        async with self.gate:
            await asyncio.to_thread(self.put_writes, config, writes, task_id, task_path)

    async def adelete_thread(self, thread_id: str) -> None:
        async with self.gate:
            await asyncio.to_thread(self.delete_thread, thread_id)

    async def aget_delta_channel_history(
        self, *, config: RunnableConfig, channels: Sequence[str]
    ) -> Mapping[str, Any]:
        async with self.gate:
            return self.get_delta_channel_history(config=config, channels=channels)

    async def aprune_thread(self, thread_id: str) -> None:
        """Delete every checkpoint of the thread but its latest, and their writes."""
        async with self.gate:
            await asyncio.to_thread(self._prune, thread_id)

    def _prune(self, thread_id: str) -> None:
        latest = "(SELECT MAX(checkpoint_id) FROM checkpoints WHERE thread_id = ?)"
        with self.cursor() as cur:
            cur.execute(
                f"DELETE FROM writes WHERE thread_id = ? AND checkpoint_id < {latest}",
                (thread_id, thread_id),
            )
            cur.execute(
                f"DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_id < {latest}",
                (thread_id, thread_id),
            )


@contextmanager
def _sqlite_saver(path: str) -> Iterator[LoopSqliteSaver]:
    with closing(sqlite3.connect(path, check_same_thread=False, timeout=5.0)) as conn:
        saver = LoopSqliteSaver(conn)
        saver.setup()
        yield saver


@asynccontextmanager
async def open_checkpointer(settings: Settings) -> AsyncIterator[tuple[Any, TurnLock]]:
    url = settings.database_url
    if not is_postgres(url):
        path = sqlite_file(url)
        assert path is not None  # open_engine() accepted the URL
        with _sqlite_saver(str(path)) as sqlite_saver:
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
        pg_pool(url, settings.db_pool_size) as checkpoints,
        pg_pool(url, settings.db_pool_size) as lock_pool,
    ):
        saver = AsyncPostgresSaver(checkpoints)  # type: ignore[arg-type]
        if settings.auto_migrate:
            await setup_checkpointer(checkpoints)
        yield saver, PostgresLocks(lock_pool)


async def prepare_checkpointer(url: str) -> None:
    """The checkpointer's own tables (PostgreSQL; the SQLite saver creates its own on use)."""
    if is_postgres(url):
        async with pg_pool(url, max_size=2) as pool:
            await setup_checkpointer(pool)


def pg_pool(url: str, max_size: int) -> AsyncConnectionPool:
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
        # Poll, never wait inside pg_advisory_lock(): a session blocked in a statement holds a
        # snapshot, and the holder's CREATE INDEX CONCURRENTLY waits for every such snapshot to
        # go, so three replicas starting together deadlocked (the holder on the waiters, the
        # waiters on the holder's lock).
        while True:
            cursor = await conn.execute(
                "SELECT pg_try_advisory_lock(%s) AS locked", (CHECKPOINT_MIGRATION_LOCK,)
            )
            row = await cursor.fetchone()
            if row is not None and row["locked"]:  # type: ignore[call-overload]
                break
            await asyncio.sleep(0.05)
        try:
            await AsyncPostgresSaver(pool).setup()  # type: ignore[arg-type]
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (CHECKPOINT_MIGRATION_LOCK,))


CHECKPOINT_MIGRATION_LOCK = 0x5D1_0002


async def prune(saver: Any, thread_id: str) -> None:
    """Keep only the thread's latest checkpoint: the state holds all a turn needs, and the
    store holds the transcript, so older checkpoints are dead weight (45 KB a turn at turn 290
    when the state held the transcript)."""
    if isinstance(saver, AsyncPostgresSaver):
        await saver.aprune([thread_id], strategy="keep_latest")
        return
    if isinstance(saver, LoopSqliteSaver):
        await saver.aprune_thread(thread_id)
