"""Per-interview turn locks: one turn (or finish, or recovery) of an interview at a time, in this
process (LocalLocks), across processes on one host (FileLocks, SQLite) or across hosts
(PostgresLocks)."""

from __future__ import annotations

import asyncio
import errno
import fcntl
import hashlib
import os
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from psycopg_pool import AsyncConnectionPool

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
                    await asyncio.shield(
                        conn.execute(key.format("pg_advisory_unlock"), (interview_id,))
                    )
                except BaseException:
                    # A connection that may still hold the lock must not go back to the pool.
                    await conn.close()
                    raise
