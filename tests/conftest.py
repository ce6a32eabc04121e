"""Shared fixtures: the scenario library, the labelled transcripts, and the running API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.core.policy import Memory
from app.core.scenarios.loader import Library, default_library
from app.core.transcript import Transcript, parse_transcript
from tests.api_fixtures import Api, running_api
from tests.servers import PgCluster, start_cluster

DATA = Path(__file__).parent / "data"
TRANSCRIPTS = DATA / "transcripts"


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


def waiting_on(follow_up: str, **more: Any) -> Memory:
    """The memory of a design step whose one follow-up, `follow_up`, was just asked and waits
    for its answer (`more`: other fields)."""
    return Memory(
        step="design",
        follow_ups=(follow_up,),
        awaiting=follow_up,
        last_asked=follow_up,
        **more,
    )


def transcript_file(name: str) -> Path:
    return TRANSCRIPTS / f"{name}.json"


def load_labelled(name: str) -> Transcript:
    return parse_transcript(json.loads(transcript_file(name).read_text()))


def transcript_labels() -> dict[str, Any]:
    return yaml.safe_load((TRANSCRIPTS / "labels.yaml").read_text())


@pytest.fixture
def local_api(tmp_path: Path, database_url: str) -> Iterator[Api]:
    """The API in local mode (no keys, no auth) on a fresh database, once per backend."""
    with running_api(tmp_path, url=database_url) as api:
        yield api


@pytest.fixture
def tenant_api(tmp_path: Path, database_url: str) -> Iterator[Api]:
    """The API in key mode with two tenants, `acme` and `globex`, one key each, once per
    backend."""
    with running_api(tmp_path, tenants=("acme", "globex"), url=database_url) as api:
        yield api


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A PostgreSQL server for the whole session (a throwaway cluster unless
    SDI_TEST_POSTGRES_URL names one). Tests never skip for want of it: they fail, naming what is
    missing."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return pg_cluster.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each backend: the test runs once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sdi.db'}"
    return str(request.getfixturevalue("pg_url"))
