"""The schema and the backends: Alembic migrations on SQLite and PostgreSQL, `sdi db`, and the
errors an operator sees for a bad DATABASE_URL or an old schema."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from app.config import Settings
from app.service.interviews import open_service
from app.storage.database import (
    BASELINE,
    DatabaseError,
    current,
    head,
    make_engine,
    open_engine,
    redact,
    sqlalchemy_url,
    upgrade,
)
from app.storage.store import Store
from tests.servers import REPO

TABLES = {
    "interview",
    "message",
    "grade",
    "api_key",
    "webhook",
    "tenant_scenario",
    "alembic_version",
}


def sdi(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_upgrade_creates_every_table_and_is_idempotent(database_url):
    engine = make_engine(database_url)
    assert current(engine) is None
    assert upgrade(engine) == (None, head())
    assert upgrade(engine) == (head(), head())
    assert set(inspect(engine).get_table_names()) >= TABLES
    assert current(engine) == head()


def test_migrated_schema_matches_the_models(database_url):
    """The migrations and the SQLModel classes describe the same tables and columns."""
    engine = open_engine(database_url)
    found = inspect(engine)
    for table in SQLModel.metadata.sorted_tables:
        columns = {c["name"]: c for c in found.get_columns(table.name)}
        assert set(columns) == {c.name for c in table.columns}, table.name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, (table.name, column.name)


def test_a_database_from_before_migrations_is_stamped_not_recreated(tmp_path):
    """Earlier builds made their tables with create_all (the baseline's tables, no
    alembic_version): upgrade stamps the baseline, applies the later revisions, keeps the rows."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    upgrade(engine, BASELINE)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    with engine.begin() as conn:  # the model is at head: write the old row by hand
        conn.execute(
            text(
                "INSERT INTO interview (id, scenario_id, step, status, prompt_tokens, "
                "completion_tokens, created_at, updated_at) VALUES ('old1', 'twitter', "
                "'requirements', 'active', 0, 0, '2026-11-01 00:00:00', '2026-11-01 00:00:00')"
            )
        )
    assert current(engine) is None
    assert upgrade(engine) == ("0001", head())
    interview = Store(engine).get("old1")
    assert interview is not None and interview.scenario_version is None


def test_without_auto_migrate_an_old_schema_is_refused_by_name(database_url):
    with pytest.raises(DatabaseError, match="run `sdi db upgrade`") as caught:
        open_engine(database_url, migrate=False)
    assert "revision none" in str(caught.value)
    settings = Settings(DATABASE_URL=database_url, SDI_AUTO_MIGRATE=False)

    async def start() -> None:
        async with open_service(settings):
            pass

    with pytest.raises(DatabaseError):
        asyncio.run(start())


def test_sdi_db_upgrade_then_current(database_url):
    first = sdi("db", "upgrade", url=database_url)
    assert first.returncode == 0, first.stderr
    assert f"empty -> {head()}" in first.stdout
    again = sdi("db", "upgrade", url=database_url)
    assert again.returncode == 0 and f"already at {head()}" in again.stdout
    status = sdi("db", "current", url=database_url)
    assert status.returncode == 0 and "up to date" in status.stdout


def test_service_starts_on_a_schema_upgraded_by_the_command_with_auto_migrate_off(database_url):
    assert sdi("db", "upgrade", url=database_url).returncode == 0
    settings = Settings(DATABASE_URL=database_url, SDI_AUTO_MIGRATE=False)

    async def one_turn() -> str:
        async with open_service(settings) as service:
            interview, _ = await service.start("twitter")
            reply = await service.send(interview.id, "Can tweets contain images or video?")
            return str(reply["content"])

    assert asyncio.run(one_turn())


def test_concurrent_upgrades_from_several_processes_are_safe(pg_url):
    """Replicas starting together each run the migrations: one migrates, the others wait."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "app.cli", "db", "upgrade"],
            env={**os.environ, "DATABASE_URL": pg_url, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    assert sum("empty ->" in out for out, _ in results) == 1
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM checkpoint_migrations")).scalar() > 0


def test_unsupported_url_is_named():
    with pytest.raises(DatabaseError, match="unsupported 'mysql'"):
        make_engine("mysql://u:p@localhost/db")


def test_unreachable_postgres_names_the_database_but_not_the_password():
    with pytest.raises(DatabaseError) as caught:
        open_engine("postgresql://sdi:s3cret-pw@127.0.0.1:1/sdi")
    message = str(caught.value)
    assert "127.0.0.1:1/sdi" in message and "s3cret-pw" not in message


def test_sdi_db_upgrade_reports_a_bad_url_without_a_traceback():
    done = sdi("db", "upgrade", url="postgresql://sdi:s3cret-pw@127.0.0.1:1/sdi")
    assert done.returncode == 2
    assert "127.0.0.1:1/sdi" in done.stderr and "connection" in done.stderr.lower()
    assert "Traceback" not in done.stderr and "s3cret-pw" not in done.stderr + done.stdout


def test_urls_get_the_psycopg_driver_and_redaction():
    assert sqlalchemy_url("postgresql://a:b@h/d") == "postgresql+psycopg://a:b@h/d"
    assert sqlalchemy_url("postgres://a:b@h/d") == "postgresql+psycopg://a:b@h/d"
    assert sqlalchemy_url("sqlite:///x.db") == "sqlite:///x.db"
    assert "b@" not in redact("postgresql://a:b@h/d")
