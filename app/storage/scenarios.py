"""Tenants' own scenarios in the store: a row per version, deletes that keep every row.

A version is never changed or removed: an interview records the version it runs on and is graded
against it, whatever happens to the scenario afterwards. Version numbers come from the rows
(the next is the highest + 1, deleted ones included, so a number is never reused); two writers
racing for the same number meet the unique (tenant, scenario_id, version) key, and the loser
reads again and retries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select

from app.storage.store import Store, TenantScenario

RETRIES = 20
"""Tries to take the next version number. Each lost try means another writer committed a
version, so a writer racing N others loses at most N times; 5 was too few for eight writers
at once (a CI run failed so)."""

Outcome = Literal["added", "unchanged", "exists", "missing"]


class ScenarioRows:
    def __init__(self, store: Store):
        self.store = store

    def latest(self, tenant: str, scenario_id: str) -> TenantScenario | None:
        """The current version, unless the scenario is deleted (or never was)."""
        with self.store.session() as s:
            query = (
                select(TenantScenario)
                .where(
                    TenantScenario.tenant == tenant,
                    TenantScenario.scenario_id == scenario_id,
                    col(TenantScenario.deleted_at).is_(None),
                )
                .order_by(col(TenantScenario.version).desc())
                .limit(1)
            )
            return s.exec(query).first()

    def version(self, tenant: str, scenario_id: str, version: int) -> TenantScenario | None:
        """That version, deleted or not (what an interview that ran on it is graded against)."""
        with self.store.session() as s:
            query = select(TenantScenario).where(
                TenantScenario.tenant == tenant,
                TenantScenario.scenario_id == scenario_id,
                TenantScenario.version == version,
            )
            return s.exec(query).first()

    def current(self, tenant: str) -> list[TenantScenario]:
        """The current version of each of the tenant's scenarios that is not deleted, by id."""
        with self.store.session() as s:
            newest = (
                select(
                    TenantScenario.scenario_id, func.max(TenantScenario.version).label("version")
                )
                .where(TenantScenario.tenant == tenant, col(TenantScenario.deleted_at).is_(None))
                .group_by(col(TenantScenario.scenario_id))
                .subquery()
            )
            query = (
                select(TenantScenario)
                .join(
                    newest,
                    (col(TenantScenario.scenario_id) == newest.c.scenario_id)
                    & (col(TenantScenario.version) == newest.c.version),
                )
                .where(TenantScenario.tenant == tenant)
                .order_by(col(TenantScenario.scenario_id))
            )
            return list(s.exec(query))

    def add(
        self, tenant: str, scenario_id: str, body: str, replace: bool
    ) -> tuple[Outcome, TenantScenario | None]:
        """Store `body` as the next version. A new scenario (`replace` False) must not exist
        ("exists"); a replacement must ("missing"). A replacement with the same body as the
        current version adds nothing ("unchanged", with that version)."""
        for _ in range(RETRIES):
            current = self.latest(tenant, scenario_id)
            if replace and current is None:
                return "missing", None
            if not replace and current is not None:
                return "exists", current
            if current is not None and current.body == body:
                return "unchanged", current
            with self.store.session() as s:
                highest = s.exec(
                    select(func.max(TenantScenario.version)).where(
                        TenantScenario.tenant == tenant, TenantScenario.scenario_id == scenario_id
                    )
                ).one()
                row = TenantScenario(
                    tenant=tenant, scenario_id=scenario_id, version=(highest or 0) + 1, body=body
                )
                s.add(row)
                try:
                    s.commit()
                except IntegrityError:  # another writer took that version: read again
                    s.rollback()
                    continue
                return "added", row
        raise RuntimeError(f"scenario '{scenario_id}': {RETRIES} writers raced for a version")

    def delete(self, tenant: str, scenario_id: str) -> bool:
        """Mark every version deleted (none is removed); False when there was nothing to delete."""
        with self.store.session() as s:
            result = s.execute(
                update(TenantScenario)
                .where(
                    col(TenantScenario.tenant) == tenant,
                    col(TenantScenario.scenario_id) == scenario_id,
                    col(TenantScenario.deleted_at).is_(None),
                )
                .values(deleted_at=datetime.now(UTC))
            )
            s.commit()
            return bool(result.rowcount)  # type: ignore[attr-defined]
