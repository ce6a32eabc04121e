"""An API that generated clients and API tools like: operations named as verbs, OPTIONS that
tells every method, links from a created interview to its operations, bodies that say exactly
what they accept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api_fixtures import API, running_api

VERBS = (
    "create_", "list_", "get_", "send_", "finish_", "grade_", "set_", "update_", "delete_", "export_"
)


def test_every_operation_is_named_as_a_verb(tmp_path: Path):
    with running_api(tmp_path) as api:
        schema = api.client.get("/openapi.json").json()
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    api_ids = [i for i in ids if i not in ("healthz", "readyz")]
    assert all(i.startswith(VERBS) for i in api_ids), api_ids
    assert {"create_interview", "send_message", "finish_interview", "grade_transcript"} <= set(ids)


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        (f"{API}/interviews", "GET, OPTIONS, POST"),
        (f"{API}/interviews/abc123", "GET, OPTIONS"),
        (f"{API}/interviews/abc123/finish", "OPTIONS, POST"),
        (f"{API}/webhook", "DELETE, GET, OPTIONS, PUT"),
    ],
)
def test_options_answers_every_method_of_the_path(tmp_path: Path, path: str, allow: str):
    with running_api(tmp_path) as api:
        r = api.client.options(path)
    assert r.status_code == 204 and r.headers["allow"] == allow


def test_options_on_no_such_path_is_404(tmp_path: Path):
    with running_api(tmp_path) as api:
        assert api.client.options(f"{API}/nothing-here").status_code == 404


def test_a_created_interview_links_to_the_operations_on_it(tmp_path: Path):
    with running_api(tmp_path) as api:
        schema = api.client.get("/openapi.json").json()
    ids = {op["operationId"] for ops in schema["paths"].values() for op in ops.values()}
    links = schema["paths"][f"{API}/interviews"]["post"]["responses"]["201"]["links"]
    assert {"send_message", "finish_interview", "get_transcript"} <= set(links)
    for link in links.values():
        assert link["operationId"] in ids
        assert link["parameters"] == {"interview_id": "$response.body#/id"}


@pytest.mark.parametrize(
    "item", [{}, {"role": "candidate"}, {"content": "hi"}, {"role": "robot", "content": "hi"}]
)
def test_a_transcript_message_must_have_a_role_and_content(tmp_path: Path, item: dict[str, str]):
    with running_api(tmp_path) as api:
        body = {"scenario_id": "twitter", "messages": [item]}
        r = api.client.post(f"{API}/grade", json=body)
        assert r.status_code == 422, r.text
        schema = api.client.get("/openapi.json").json()["components"]["schemas"]["MessageIn"]
    assert set(schema["required"]) == {"role", "content"}
