"""LangGraph's checkpointer beside the store: the same SQLite file, or the same PostgreSQL
database on a pool; and pruning, so a thread keeps its latest checkpoint only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from app.config import Settings
from app.service.locks import FileLocks, LocalLocks, PostgresLocks, TurnLock
from app.storage.database import is_postgres, libpq_url, sqlite_file


@asynccontextmanager
async def open_checkpointer(settings: Settings) -> AsyncIterator[tuple[Any, TurnLock]]:
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
    if isinstance(saver, AsyncSqliteSaver):
        async with saver.lock:
            await saver.conn.execute(
                "DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_id < "
                "(SELECT MAX(checkpoint_id) FROM checkpoints WHERE thread_id = ?)",
                (thread_id, thread_id),
            )
            await saver.conn.execute(
                "DELETE FROM writes WHERE thread_id = ? AND checkpoint_id < "
                "(SELECT MAX(checkpoint_id) FROM checkpoints WHERE thread_id = ?)",
                (thread_id, thread_id),
            )
            await saver.conn.commit()
