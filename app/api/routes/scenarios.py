"""Scenarios: the built-ins and a tenant's own (create, read, update, delete), versioned.

Thin: read the body (JSON or YAML), call the service, return a model. A tenant's own scenario is
the scenario file's fields; its hidden facts go to its owner's key only: an interview token may
use none of these routes (403), and a listing never holds a fact. docs/scenarios.md has the
format.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import RuntimeDep, TenantDep
from app.api.responses import errors
from app.api.routes.misc import START
from app.api.schemas import ScenarioPublic
from app.core.scenarios.models import Scenario
from app.service.scenarios import Version, read_document

router = APIRouter(prefix="/api/v1/scenarios", tags=["scenarios"])


class ScenarioDocument(Scenario):
    """A scenario file's fields (docs/scenarios.md), hidden facts included."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="ScenarioDocument")

    lexicon: dict[str, list[str]] | None = Field(
        default=None, description="concepts added to (or extending) the shared lexicon"
    )


class ScenarioProblem(BaseModel):
    field: str = Field(examples=["facts[0].examples[1]"])
    msg: str


class ScenarioVersionPublic(BaseModel):
    """One version of your own scenario, with its document (hidden facts included)."""

    id: str
    version: int = Field(description="1, 2, ...: each change adds one; interviews keep theirs")
    created_at: str
    scenario: ScenarioDocument
    warnings: list[ScenarioProblem] = Field(
        default_factory=list,
        description="on a write: what playing the scenario found (an example question that "
        "does not reveal its fact, a statement that gives one away); it is stored all the same",
    )


BODY = {
    "requestBody": {
        "required": True,
        "description": "The scenario file's fields, as JSON or YAML (docs/scenarios.md)",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ScenarioDocument"}},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}
WRITE_ERRORS = {
    409: "The id is a built-in scenario's (or, creating, already one of yours)",
    413: "Over SDI_MAX_BODY_BYTES",
    415: "Neither application/json nor application/yaml",
    422: "Not a valid scenario: `detail` lists every problem, each naming its field",
}


LINKS = {
    operation: {
        "operationId": operation,
        "parameters": {"scenario_id": "$response.body#/id"},
        "description": description,
    }
    for operation, description in (
        ("get_scenario", "Read it back, hidden facts included."),
        ("update_scenario", "Store its next version."),
        ("delete_scenario", "Delete it (interviews that ran on it still grade)."),
    )
}
"""OpenAPI links: from a stored scenario's `id` to the operations on it."""


def _public(version: Version) -> dict[str, Any]:
    return {
        "id": version.scenario_id,
        "version": version.version,
        "created_at": version.created_at.isoformat(),
        "scenario": version.document,
        "warnings": [{"field": f, "msg": m} for f, m in version.warnings],
    }


@router.get(
    "",
    response_model=list[ScenarioPublic],
    responses={200: {"description": "The scenarios", "links": START}, **errors(401, 403)},
)
async def list_scenarios(rt: RuntimeDep, who: TenantDep) -> Any:
    """The built-in scenarios, then your own: id, title, opening statement (and your own's
    version). Hidden facts are never sent."""
    return rt.service.scenarios.summaries(who.tenant)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ScenarioVersionPublic,
    openapi_extra=BODY,
    responses={
        201: {"description": "The stored scenario, version 1", "links": LINKS},
        **errors(400, 401, 403, 408, 409, 413, 415, 422, notes=WRITE_ERRORS),
    },
)
async def create_scenario(request: Request, rt: RuntimeDep, who: TenantDep) -> Any:
    """Add a scenario of your own (version 1): only you see it, interviews run on it and grade
    with it. Its id may not be a built-in's."""
    raw = read_document(await request.body(), request.headers.get("content-type"))
    return _public(await rt.service.create_scenario(who.tenant, raw))


@router.get(
    "/{scenario_id}",
    response_model=ScenarioVersionPublic,
    responses=errors(401, 403, 404, notes={404: "Not one of your scenarios"}),
)
async def get_scenario(scenario_id: str, rt: RuntimeDep, who: TenantDep) -> Any:
    """Your scenario's current version, hidden facts included (your key only)."""
    return _public(rt.service.scenarios.get(who.tenant, scenario_id))


@router.put(
    "/{scenario_id}",
    response_model=ScenarioVersionPublic,
    openapi_extra=BODY,
    responses=errors(
        400,
        401,
        403,
        404,
        408,
        409,
        413,
        415,
        422,
        notes={
            **WRITE_ERRORS,
            404: "Not one of your scenarios",
            409: "The id is a built-in scenario's",
        },
    ),
)
async def update_scenario(
    scenario_id: str, request: Request, rt: RuntimeDep, who: TenantDep
) -> Any:
    """Replace your scenario: the document becomes its next version (the same document again
    adds none). Interviews already started keep, and are graded against, their version. The
    body's `id` may be left out; if given, it must be the path's."""
    raw = read_document(await request.body(), request.headers.get("content-type"))
    return _public(await rt.service.update_scenario(who.tenant, scenario_id, raw))


@router.delete(
    "/{scenario_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=errors(401, 403, 404, notes={404: "Not one of your scenarios"}),
)
async def delete_scenario(scenario_id: str, rt: RuntimeDep, who: TenantDep) -> None:
    """Delete your scenario: no new interview can start on it; the ones that ran on it keep
    their transcripts and grades."""
    await rt.service.delete_scenario(who.tenant, scenario_id)
