"""Scenarios as a service: the built-in library plus each tenant's own, versioned.

A tenant's scenario is the same document as a built-in file (YAML or JSON), validated by the same
models and compiled by the same rules (app/core/scenarios/loader.py: `from_document`). Each
change stores a new version; an interview records the version it starts on and is played and
graded against that version, even after the scenario changes or is deleted.

A tenant sees the built-ins and its own scenarios, never another tenant's (404, as if they did
not exist); local mode (no keys) is one tenant, LOCAL. An own scenario may not take a built-in's
id (ScenarioConflict).

The interview graph reads a scenario by a *key* (the thread's `scenario_id`): a built-in's id,
or `ID@VERSION/OWNER` for a tenant's (ids never hold '@' or '/'), which `load()` resolves. A
version never changes, so a compiled one is cached.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml

from app.core.errors import (
    ScenarioConflict,
    ScenarioError,
    ScenarioInvalid,
    SdiError,
    UnknownScenario,
)
from app.core.scenarios.checks import warnings
from app.core.scenarios.loader import Library, LoadedScenario, from_document
from app.core.yamlfile import parse
from app.storage.scenarios import ScenarioRows
from app.storage.store import Interview, Store, TenantScenario

LOCAL = "local"
"""The tenant of local mode (no keys), and of interviews stored without one."""

CACHE_SIZE = 64
"""Compiled tenant-scenario versions kept per process (a version never changes)."""

JSON_TYPES = ("application/json",)
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


class UnsupportedMediaType(SdiError):
    """A scenario body that is neither JSON nor YAML."""


def owner(tenant: str | None) -> str:
    return tenant or LOCAL


@dataclass(frozen=True)
class Version:
    """One version of a tenant's scenario, with its document (hidden facts included: only
    for the owning tenant's eyes)."""

    scenario_id: str
    version: int
    created_at: datetime
    document: dict[str, Any]
    warnings: list[tuple[str, str]]
    """What playing it found (examples that do not reveal their fact...); only on a write."""
    changed: bool = True
    """False when an update sent the current document again: no version was added."""

    @classmethod
    def of(
        cls, row: TenantScenario, warned: list[tuple[str, str]] | None = None, changed: bool = True
    ) -> Version:
        return cls(
            row.scenario_id,
            row.version,
            row.created_at,
            json.loads(row.body),
            warned or [],
            changed,
        )


@dataclass(frozen=True)
class Prepared:
    """A document validated and compiled, ready to store."""

    loaded: LoadedScenario
    body: str
    """As stored: canonical JSON."""
    warnings: list[tuple[str, str]]


def read_document(body: bytes, content_type: str | None) -> Any:
    """A request body as data: JSON (`application/json`) or YAML (the YAML types, or no type).
    ScenarioInvalid names what cannot be read; UnsupportedMediaType any other type."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind and kind not in JSON_TYPES + YAML_TYPES:
        raise UnsupportedMediaType(
            f"Content-Type '{kind}': send a scenario as application/json or application/yaml"
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioInvalid("body", [("(body)", "not UTF-8 text")]) from None
    if kind in JSON_TYPES:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
            raise ScenarioInvalid(
                "body", [("(body)", f"not valid JSON ({where}): {exc.msg}")]
            ) from None
    try:
        return parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise ScenarioInvalid("body", [("(body)", f"not valid YAML{where}: {problem}")]) from None


def _canonical(raw: dict[str, Any], loaded: LoadedScenario) -> str:
    """The document as stored: every field as validated (defaults filled in), its lexicon."""
    document = loaded.scenario.model_dump(mode="json")
    if raw.get("lexicon"):
        document["lexicon"] = raw["lexicon"]
    return json.dumps(document, ensure_ascii=False)


class Scenarios:
    """Built-ins and tenants' own scenarios: read, write, and resolve for an interview."""

    def __init__(self, library: Library, store: Store, cache_size: int = CACHE_SIZE):
        self.library = library
        self.rows = ScenarioRows(store)
        self._cache: OrderedDict[tuple[str, str, int], LoadedScenario] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    # --- a tenant's own -------------------------------------------------------------------

    def prepare(self, raw: Any, scenario_id: str | None = None) -> Prepared:
        """Validate and compile a document, and play it for warnings (CPU work: callers run it
        off the event loop). `scenario_id` (an update's) fills in or must match the document's
        `id`. ScenarioInvalid names every problem's field."""
        if scenario_id is not None and isinstance(raw, dict):
            raw = {"id": scenario_id, **raw}
            if raw["id"] != scenario_id:
                raise ScenarioInvalid(
                    "body", [("id", f"'{raw['id']}' does not match the path's '{scenario_id}'")]
                )
        loaded = from_document(raw, "body")
        return Prepared(loaded, _canonical(raw, loaded), warnings(loaded))

    def check_free(self, scenario_id: str) -> None:
        """ScenarioConflict when `scenario_id` is a built-in's."""
        if scenario_id in self.library:
            raise ScenarioConflict(f"'{scenario_id}' is a built-in scenario: give yours another id")

    def create(self, tenant: str | None, new: Prepared) -> Version:
        """Store a new scenario as version 1 (or the next number, when one of that id was
        deleted). ScenarioConflict when the id is a built-in's or already the tenant's."""
        scenario_id = new.loaded.id
        self.check_free(scenario_id)
        outcome, row = self.rows.add(owner(tenant), scenario_id, new.body, False)
        if outcome == "exists":
            raise ScenarioConflict(
                f"you already have a scenario '{scenario_id}': PUT "
                f"/api/v1/scenarios/{scenario_id} to change it"
            )
        assert row is not None
        self._keep(row, new.loaded)
        return Version.of(row, new.warnings)

    def update(self, tenant: str | None, scenario_id: str, new: Prepared) -> Version:
        """Store the document as the scenario's next version (the same document again adds
        none). Interviews already started keep the version they started on."""
        self.check_free(scenario_id)
        outcome, row = self.rows.add(owner(tenant), scenario_id, new.body, True)
        if outcome == "missing" or row is None:
            raise self._unknown(scenario_id)
        if outcome == "added":
            self._keep(row, new.loaded)
        return Version.of(row, new.warnings, changed=outcome == "added")

    def get(self, tenant: str | None, scenario_id: str) -> Version:
        """The current version with its document (for its owner only)."""
        row = self.rows.latest(owner(tenant), scenario_id)
        if row is None:
            raise self._unknown(scenario_id)
        return Version.of(row)

    def delete(self, tenant: str | None, scenario_id: str) -> None:
        """No new interview can start on it; the ones that ran on it still grade."""
        if scenario_id in self.library or not self.rows.delete(owner(tenant), scenario_id):
            raise self._unknown(scenario_id)

    def _unknown(self, scenario_id: str) -> UnknownScenario:
        if scenario_id in self.library:
            return UnknownScenario(
                f"'{scenario_id}' is a built-in scenario: it cannot be read in full, changed "
                "or deleted (GET /api/v1/scenarios lists it)"
            )
        return UnknownScenario(f"you have no scenario '{scenario_id}'")

    def summaries(self, tenant: str | None) -> list[dict[str, Any]]:
        """The built-ins, then the tenant's own (current versions): id, title, statement,
        version (None for a built-in). Never a fact."""
        out: list[dict[str, Any]] = [
            {**s.model_dump(), "version": None} for s in self.library.summaries()
        ]
        for row in self.rows.current(owner(tenant)):
            document = json.loads(row.body)
            out.append(
                {
                    "id": row.scenario_id,
                    "title": document["title"],
                    "statement": document["statement"],
                    "version": row.version,
                }
            )
        return out

    # --- interviews -------------------------------------------------------------------------

    def for_new_interview(self, tenant: str | None, scenario_id: str) -> tuple[str, int | None]:
        """The scenario a new interview of `tenant` runs on: (the graph's key, the version it
        records: None for a built-in). UnknownScenario when the tenant has none of that id."""
        if scenario_id in self.library:
            return scenario_id, None
        row = self.rows.latest(owner(tenant), scenario_id)
        if row is None:
            known = ", ".join(self.library.ids())
            raise UnknownScenario(
                f"unknown scenario '{scenario_id}' (built-in: {known}; or one of yours)"
            )
        self._remember(row)
        return self.key(scenario_id, row.version, tenant), row.version

    @staticmethod
    def key(scenario_id: str, version: int | None, tenant: str | None) -> str:
        """The graph's name for a scenario: the id of a built-in, `ID@VERSION/OWNER` else."""
        return scenario_id if version is None else f"{scenario_id}@{version}/{owner(tenant)}"

    def key_of(self, interview: Interview) -> str:
        return self.key(interview.scenario_id, interview.scenario_version, interview.tenant)

    def of(self, interview: Interview) -> LoadedScenario:
        """The scenario (at its version) an interview runs on and is graded against."""
        return self.load(self.key_of(interview))

    def load(self, key: str) -> LoadedScenario:
        """A scenario by the graph's key (see `key`)."""
        if "@" not in key:
            return self.library.get(key)
        name, _, rest = key.partition("@")
        number, _, tenant = rest.partition("/")
        cached = self._cached((tenant, name, int(number)))
        if cached is not None:
            return cached
        row = self.rows.version(tenant, name, int(number))
        if row is None:
            raise UnknownScenario(f"unknown scenario '{name}' version {number}")
        return self._remember(row)

    def latest_of(self, tenant: str | None, scenario_id: str) -> LoadedScenario | None:
        """The tenant's current version of `scenario_id`, compiled (None: no such scenario)."""
        row = self.rows.latest(owner(tenant), scenario_id)
        return self._remember(row) if row is not None else None

    # The cache is used from the event loop and from worker threads (starts and writes).

    def _cached(self, slot: tuple[str, str, int]) -> LoadedScenario | None:
        with self._lock:
            loaded = self._cache.get(slot)
            if loaded is not None:
                self._cache.move_to_end(slot)
            return loaded

    def _keep(self, row: TenantScenario, loaded: LoadedScenario) -> None:
        with self._lock:
            self._cache[(row.tenant, row.scenario_id, row.version)] = loaded
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def _remember(self, row: TenantScenario) -> LoadedScenario:
        loaded = self._cached((row.tenant, row.scenario_id, row.version))
        if loaded is None:
            document = json.loads(row.body)
            try:
                loaded = from_document(document, f"{row.scenario_id}@{row.version}")
            except ScenarioInvalid as exc:  # stored valid: this sdi reads it differently
                raise ScenarioError(f"stored scenario no longer loads: {exc}") from None
            self._keep(row, loaded)
        return loaded
