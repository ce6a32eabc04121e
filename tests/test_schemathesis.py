"""Schemathesis against the app's own OpenAPI schema, in-process over ASGI: for every operation,
generated requests (valid and invalid) never get a 5xx, every status is one the schema declares,
and every body matches the declared model.

Each operation runs in local mode and in key mode. In key mode the requests go out anonymous,
with a tenant's API key, or with an interview's token, so 401 and 403 are exercised as well.
Schema-valid requests on `{interview_id}` paths go to a real interview, so the 2xx bodies of
those operations are checked too, not only their 404s; schema-invalid ones go anywhere.

The pytest plugin's `schemathesis.pytest.from_fixture` cannot run under pytest 9 (it sets
`node._nodeid`, which pytest 9 removed), so each operation is driven through its Hypothesis
strategy (`APIOperation.as_strategy`) instead; the schema and the checks are schemathesis' own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from hypothesis.strategies import SearchStrategy
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.api.app import create_app
from app.config import Settings
from app.core.scenarios.loader import HERE, default_library
from app.render.offline import OfflineRenderer
from graphs.context import InterviewContext
from tests.api_fixtures import bearer, create_key, database_url
from tests.conftest import transcript_file

# What the schema says is what the server takes: a schema-valid request is accepted or answered
# with a documented status that is not 422 (a slug naming no scenario is a 404), and a
# schema-invalid one is refused. (scripts/schemathesis runs every check over a real server.)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
]
# ...but for POST /api/v1/grade, which also takes plain-text transcripts: speaker turns no
# schema can describe, so a schema-valid string may be unreadable (422 naming the line), as in
# schemathesis.toml for the CLI.
FREE_TEXT = {("POST", "/api/v1/grade")}
EXAMPLES = 25
FEW = 5

OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in create_app(Settings(DATABASE_URL="sqlite:///:memory:"))
    .openapi()["paths"]
    .items()
    for method in item
)


# Bodies the generator cannot guess (a scenario that exists, a transcript the grader reads), so
# the 2xx answers of these operations are checked against their models too.
KNOWN_GOOD = {
    ("POST", "/api/v1/interviews"): {"scenario_id": "twitter"},
    ("POST", "/api/v1/grade"): json.loads(transcript_file("tiktok-medium").read_text()),
    ("POST", "/api/v1/scenarios"): yaml.safe_load(
        (HERE / "template.yaml").read_text().replace("__ID__", "pastebin")
    ),
}


@dataclass
class Target:
    """The app's schema (its lifespan running), a real interview, and credentials to try."""

    schema: schemathesis.BaseSchema
    interview_id: str
    auth: dict[str, str]
    """Headers that may do everything: a tenant's key in key mode, nothing in local mode."""
    others: dict[str, dict[str, str]]
    """Credentials that may do less (key mode): none at all, the interview's token."""


@pytest.fixture(params=["local", "key"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    url = database_url(tmp_path)
    auth = bearer(create_key(url, "acme")) if request.param == "key" else {}
    app = create_app(
        # schemathesis' ASGI client names the host "testserver": allowed like a public name.
        Settings(DATABASE_URL=url, SDI_ALLOWED_HOSTS="testserver"),
        InterviewContext(library=default_library(), renderer=OfflineRenderer()),
    )
    try:
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)  # starts the lifespan
        created = (
            schema["/api/v1/interviews"]["POST"]
            .Case(body={"scenario_id": "twitter"}, headers=auth)
            .call()
        )
        assert created.status_code == 201, created.text
        interview = created.json()
        others = {"anonymous": {}, "token": bearer(interview["token"])} if auth else {}
        yield Target(schema, interview["id"], auth, others)
    finally:
        shutdown_lifespans()


@dataclass
class Variant:
    name: str
    cases: SearchStrategy[schemathesis.Case]
    examples: int


def variants(target: Target, method: str, path: str) -> list[Variant]:
    """Schema-valid requests on the real interview, schema-invalid ones anywhere, a few with
    lesser credentials, and the known-good body where the generator cannot find one."""
    operation = target.schema[path][method]
    real = {"interview_id": target.interview_id} if "{interview_id}" in path else None
    auth = target.auth or None
    out = [
        Variant("valid", operation.as_strategy(headers=auth, path_parameters=real), EXAMPLES),
        Variant("invalid", operation.as_strategy(GenerationMode.NEGATIVE, headers=auth), EXAMPLES),
    ]
    for name, headers in target.others.items():
        cases = operation.as_strategy(headers=headers or None, path_parameters=real)
        out.append(Variant(name, cases, FEW))
    if (method, path) in KNOWN_GOOD:
        cases = operation.as_strategy(
            headers=auth, body=KNOWN_GOOD[(method, path)], media_type="application/json"
        )
        out.append(Variant("known good", cases, FEW))
    return out


def test_every_operation_is_tested():
    paths = {path for _, path in OPERATIONS}
    assert "/api/v1/interviews/{interview_id}/messages" in paths
    assert "/api/v1/grade" in paths and "/healthz" in paths
    assert len(OPERATIONS) >= 14


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_conforms_to_the_schema(target: Target, method: str, path: str) -> None:
    for variant in variants(target, method, path):

        @given(case=variant.cases)
        @settings(
            max_examples=variant.examples,
            deadline=None,
            derandomize=True,  # the same requests on every run
            database=None,
            suppress_health_check=list(HealthCheck),  # each example is a whole request
        )
        def conforms(case: schemathesis.Case) -> None:
            skip = [positive_data_acceptance] if (method, path) in FREE_TEXT else []
            case.call_and_validate(checks=[c for c in CHECKS if c not in skip])

        try:
            conforms()
        except Unsatisfiable:
            # Nothing in the request can be made schema-invalid (no body, no query, a free
            # string in the path, the credentials fixed): there are no invalid requests to send.
            assert variant.name == "invalid", f"{variant.name}: no request could be generated"
