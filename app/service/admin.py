"""The database's schema, for `sdi db`: upgrade it, or say where it is. Errors name the
database but never its password."""

from __future__ import annotations

import asyncio

from app.core.errors import SdiError
from app.service.checkpointer import prepare_checkpointer
from app.storage.database import current, head, make_engine, redact, upgrade


class DatabaseFailed(SdiError):
    """The database refused or could not be reached; the message names it, password hidden."""


def _failed(url: str, exc: Exception) -> DatabaseFailed:
    reason = getattr(exc, "orig", None) or exc
    return DatabaseFailed(f"DATABASE_URL {redact(url)}: {reason}")


def upgrade_database(url: str) -> str:
    """Apply the migrations (and the checkpointer's tables); one line saying what changed."""
    try:
        engine = make_engine(url)
        before, after = upgrade(engine)
        engine.dispose()
        asyncio.run(prepare_checkpointer(url))
    except SdiError:
        raise
    except Exception as exc:  # a driver error
        raise _failed(url, exc) from None
    change = "already at" if before == after else f"{before or 'empty'} ->"
    return f"{redact(url)}: {change} {after}"


def database_revision(url: str) -> str:
    """One line: the schema revision of the database and the one this version needs."""
    try:
        engine = make_engine(url)
        at = current(engine)
        engine.dispose()
    except SdiError:
        raise
    except Exception as exc:
        raise _failed(url, exc) from None
    status = "up to date" if at == head() else "run `sdi db upgrade`"
    return f"{redact(url)}: at {at or 'none'}, needs {head()} ({status})"
