"""Which database, and its schema: engines for SQLite and PostgreSQL, and Alembic migrations.

`DATABASE_URL` picks the backend: `sqlite:///PATH` (the default, one process per file) or
`postgresql://…` (any number of processes and hosts). The schema is owned by the Alembic
migrations in app/storage/migrations; `sdi db upgrade` applies them, and so does `sdi serve` at start
(SDI_AUTO_MIGRATE, on by default). On PostgreSQL an advisory lock makes concurrent upgrades from
several replicas safe: one migrates, the others wait and find nothing left to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect, make_url, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from app.core.errors import SdiError

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x5D1_0001
"""PostgreSQL advisory lock key held while migrating."""
BASELINE = "0001"
"""The revision whose schema databases made before migrations existed already have."""


class DatabaseError(SdiError):
    """The database URL is unusable or its schema is not what this version needs."""


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for other backends)."""
    for prefix in ("sqlite+pysqlite:///", "sqlite+aiosqlite:///", "sqlite:///"):
        if url.startswith(prefix):
            return Path(url[len(prefix) :])
    return None


def sqlalchemy_url(url: str) -> str:
    """The URL with the driver SQLAlchemy should use (psycopg 3 for PostgreSQL)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def libpq_url(url: str) -> str:
    """The URL as libpq (psycopg, the LangGraph checkpointer) wants it: no SQLAlchemy driver."""
    for prefix in ("postgresql+psycopg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix) :]
    return url


def check_url(url: str) -> None:
    if not (is_sqlite(url) or is_postgres(url)):
        raise DatabaseError(
            f"DATABASE_URL: unsupported '{url.split(':', 1)[0]}', use sqlite:///PATH or "
            "postgresql://USER:PASSWORD@HOST:PORT/DB"
        )


def make_engine(url: str) -> Engine:
    """An engine for `url` (no schema work: see upgrade()). SQLite gets WAL and foreign keys.
    Errors never show the statement's parameters: they hold candidates' messages."""
    check_url(url)
    if is_sqlite(url):
        path = sqlite_file(url)
        if path is not None and str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=5000")
            cur.close()

        return engine
    return create_engine(
        sqlalchemy_url(url),
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        pool_recycle=1800,
        hide_parameters=True,
    )


def _config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built here (no alembic.ini); migrations run on `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Apply the migrations up to `revision`; returns (revision before, revision after).

    A database created before migrations existed (tables, no alembic_version) is stamped at the
    baseline first: its tables already are that revision's."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        before = MigrationContext.configure(conn).get_current_revision()
        config = _config(conn)
        if before is None and inspect(conn).has_table("interview"):
            command.stamp(config, BASELINE)
            before = BASELINE
        command.upgrade(config, revision)
        after = MigrationContext.configure(conn).get_current_revision()
    return before, after or ""


def require_current(engine: Engine) -> None:
    """Refuse to run on a schema older (or newer) than this version's."""
    at, want = current(engine), head()
    if at != want:
        raise DatabaseError(
            f"database schema is at revision {at or 'none'}, this version needs {want}: "
            "run `sdi db upgrade`"
        )


def open_engine(url: str, migrate: bool = True) -> Engine:
    """An engine on an up-to-date schema: migrated here when `migrate`, else checked."""
    engine = make_engine(url)
    try:
        if migrate:
            upgrade(engine)
        else:
            require_current(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"DATABASE_URL: cannot open {redact(url)}: {exc.orig}") from None
    return engine


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)
