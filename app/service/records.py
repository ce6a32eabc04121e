"""Stored interviews, read: what `sdi transcripts` and `sdi keys` need, with no graph running.

The CLI reaches the database only through here (the import contract in pyproject.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.config import Settings
from app.core.errors import UnknownInterview, UnknownScenario
from app.core.scenarios.loader import default_library
from app.core.scenarios.models import Scenario
from app.service.auth import Keys
from app.service.scenarios import Scenarios
from app.storage.database import open_engine
from app.storage.store import Interview, Store

__all__ = ["AmbiguousId", "Interview", "Records", "open_keys", "open_records"]


class AmbiguousId(UnknownInterview):
    """An id prefix that names more than one interview."""


class Records:
    def __init__(self, store: Store):
        self.store = store

    def find(self, interview_id: str, min_prefix: int = 4) -> Interview:
        """The interview with this id, or the only one whose id starts with it."""
        interview = self.store.get(interview_id)
        if interview is not None:
            return interview
        if len(interview_id) >= min_prefix and interview_id.isalnum():
            found = self.store.with_prefix(interview_id)
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise AmbiguousId(
                    f"'{interview_id}' names more than one interview; give more of the id"
                )
        raise UnknownInterview(f"unknown interview '{interview_id}' (see `sdi transcripts list`)")

    def scored(
        self, scenario_id: str | None = None, status: str | None = None, limit: int = 100
    ) -> list[tuple[Interview, int | None]]:
        return self.store.scored(scenario_id, status, limit)

    def messages(self, interview_id: str) -> list[dict[str, Any]]:
        return [r.to_message() for r in self.store.messages(interview_id)]

    def grade(self, interview_id: str) -> dict[str, Any] | None:
        return self.store.grade(interview_id)

    def scenario(self, interview: Interview) -> Scenario | None:
        """The scenario the interview ran on (a tenant's at its version); None if unknown."""
        try:
            return Scenarios(default_library(), self.store).of(interview).scenario
        except UnknownScenario:
            return None


@contextmanager
def open_records(settings: Settings) -> Iterator[Records]:
    store = Store(open_engine(settings.database_url, migrate=settings.auto_migrate))
    try:
        yield Records(store)
    finally:
        store.engine.dispose()


def open_keys(settings: Settings) -> Keys:
    """API keys and webhooks on the configured database (`sdi keys`)."""
    return Keys(Store(open_engine(settings.database_url, migrate=settings.auto_migrate)))
