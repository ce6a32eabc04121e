"""An API that generated clients and API tools like: operations named as verbs, OPTIONS and 405
that tell every method, links from a listed scenario to a new interview and from there to its
operations, bodies that say exactly what they accept (and a server that agrees)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest

from tests.api_fixtures import API, Api, running_api
from tests.conftest import transcript_file

VERBS = (
    "create_",
    "list_",
    "get_",
    "send_",
    "finish_",
    "grade_",
    "set_",
    "update_",
    "delete_",
    "export_",
)


def openapi(api: Api) -> dict[str, Any]:
    return api.client.get("/openapi.json").json()  # type: ignore[no-any-return]


def operation_ids(schema: dict[str, Any]) -> list[str]:
    return [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]


def test_every_operation_is_named_as_a_verb(tmp_path: Path):
    with running_api(tmp_path) as api:
        ids = operation_ids(openapi(api))
    assert len(ids) == len(set(ids))
    assert all(i.startswith(VERBS) for i in ids), ids
    assert {"create_interview", "send_message", "finish_interview", "grade_transcript"} <= set(ids)
    assert {"get_health", "get_readiness"} <= set(ids)


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        (f"{API}/interviews", "GET, OPTIONS, POST"),
        (f"{API}/interviews/abc123", "GET, OPTIONS"),
        (f"{API}/interviews/abc123/finish", "OPTIONS, POST"),
        (f"{API}/webhook", "DELETE, GET, OPTIONS, PUT"),
        ("/healthz", "GET, OPTIONS"),
        ("/interview/abc123", "GET, OPTIONS"),  # a web page
        ("/static/app.css", "GET, HEAD, OPTIONS"),
    ],
)
def test_options_and_405_name_every_method_of_the_path(tmp_path: Path, path: str, allow: str):
    with running_api(tmp_path) as api:
        options = api.client.options(path)
        patch = api.client.patch(path)
    assert options.status_code == 204 and options.headers["allow"] == allow
    assert patch.status_code == 405 and patch.headers["allow"] == allow


def test_options_on_no_such_path_is_404(tmp_path: Path):
    with running_api(tmp_path) as api:
        assert api.client.options(f"{API}/nothing-here").status_code == 404


def test_a_preflight_gets_no_cors_headers_unless_cors_is_configured(tmp_path: Path):
    with running_api(tmp_path) as api:
        r = api.client.options(
            f"{API}/interviews",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert r.status_code == 204
    assert not any(h.startswith("access-control-") for h in r.headers)


def test_the_scenario_list_links_to_a_new_interview_and_that_to_its_operations(tmp_path: Path):
    with running_api(tmp_path) as api:
        schema = openapi(api)
    ids = set(operation_ids(schema))
    start = schema["paths"][f"{API}/scenarios"]["get"]["responses"]["200"]["links"]
    assert start["create_interview"]["requestBody"] == {"scenario_id": "$response.body#/0/id"}
    links = schema["paths"][f"{API}/interviews"]["post"]["responses"]["201"]["links"]
    want = {"get_interview", "send_message", "get_transcript", "finish_interview", "get_grade"}
    assert want <= set(links)
    for link in links.values():
        assert link["operationId"] in ids
        assert link["parameters"] == {"interview_id": "$response.body#/id"}


# --- bodies: what the schema says is what the server takes ------------------------------------


def message_schema(api: Api) -> dict[str, Any]:
    return openapi(api)["components"]["schemas"]["MessageIn"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({}, "role"),
        ({"role": "candidate"}, "content"),
        ({"content": "hi"}, "role"),
        ({"role": "robot", "content": "hi"}, "role"),
        ({"role": "candidate", "content": "hi", "speaker": "Ann"}, "speaker"),
        ({"role": "candidate", "content": "hi", "at": 1700000000}, "at"),
        ({"role": "candidate", "content": "hi", "seq": True}, "seq"),
    ],
)
def test_a_transcript_message_the_schema_refuses_is_a_422_naming_the_field(
    tmp_path: Path, item: dict[str, Any], field: str
):
    with running_api(tmp_path) as api:
        r = api.client.post(f"{API}/grade", json={"scenario_id": "twitter", "messages": [item]})
        schema = message_schema(api)
    assert r.status_code == 422, r.text
    assert any(e["loc"][-1] == field for e in r.json()["detail"]), r.json()
    assert set(schema["required"]) == {"role", "content"}
    assert schema["additionalProperties"] is False


def test_a_transcript_as_sdi_writes_it_is_graded(tmp_path: Path):
    """Every field sdi's own transcripts carry is one the grading endpoint takes: a transcript
    read from GET .../transcript grades as it is."""
    with running_api(tmp_path) as api:
        iid = api.create()["id"]
        assert api.say(iid, "Can tweets contain images or video?", {}).status_code == 200
        transcript = api.client.get(f"{API}/interviews/{iid}/transcript").json()
        assert {"at", "act", "step", "revealed"} <= set(transcript["messages"][-1])
        r = api.client.post(f"{API}/grade", json=transcript)
    assert r.status_code == 200, r.text
    assert r.json()["scenario_id"] == "twitter"


@pytest.mark.parametrize("scenario_id", ["Design Twitter", "twitter/v2", "", "-twitter"])
def test_a_scenario_id_that_is_not_a_slug_is_a_422(tmp_path: Path, scenario_id: str):
    with running_api(tmp_path) as api:
        created = api.client.post(f"{API}/interviews", json={"scenario_id": scenario_id})
        body = {**json_transcript(), "scenario_id": scenario_id}
        graded = api.client.post(f"{API}/grade", json=body)
        schema = openapi(api)["components"]["schemas"]["CreateInterview"]
    assert created.status_code == 422 and graded.status_code == 422
    assert schema["properties"]["scenario_id"]["pattern"] == "^[A-Za-z0-9][A-Za-z0-9_-]*$"


def test_a_slug_that_names_no_scenario_is_a_documented_404(tmp_path: Path):
    with running_api(tmp_path) as api:
        r = api.client.post(f"{API}/interviews", json={"scenario_id": "job-scheduler"})
        responses = openapi(api)["paths"][f"{API}/interviews"]["post"]["responses"]
    assert r.status_code == 404 and "job-scheduler" in r.json()["detail"]
    assert "404" in responses


def test_the_grading_schema_takes_a_transcript_without_a_scenario_and_with_a_problem(
    tmp_path: Path,
):
    """SPEC: `scenario_id` optional (generic grade) and `problem` free text."""
    with running_api(tmp_path) as api:
        schema = openapi(api)["components"]["schemas"]["TranscriptIn"]
        too_long = api.client.post(f"{API}/grade", json={**json_transcript(), "problem": "x" * 501})
    assert "scenario_id" not in schema.get("required", [])
    assert schema["properties"]["problem"]["anyOf"][0]["maxLength"] == 500
    assert too_long.status_code == 422
    assert too_long.json()["detail"][0]["loc"] == ["body", "problem"]


def json_transcript() -> dict[str, Any]:
    return json.loads(transcript_file("tiktok-medium").read_text())  # type: ignore[no-any-return]


TRICKY = [
    "hi",
    " ",
    "\t\n",
    "\x1c",
    "\x85",
    "\u3000",
    "\u2028",
    "\ufeff",
    "a\x00",
    "\x00",
    "é",
    "\n x \n",
]


@pytest.mark.parametrize("content", TRICKY)
def test_the_schema_of_a_message_says_what_the_server_takes(content: str):
    """SendMessage's pattern (what clients and tools read) and check_message (what every
    transport runs) agree, on white space of every kind and on NUL."""
    from app.api.schemas import SAID
    from app.core.errors import InvalidMessage
    from app.core.transcript import check_message

    try:
        check_message(content)
        taken = True
    except InvalidMessage:
        taken = False
    assert bool(re.search(SAID, content)) == taken


def test_nul_in_a_message_or_an_id_is_refused_before_postgresql_sees_it(
    tmp_path: Path, pg_url: str
):
    """PostgreSQL refuses NUL in text (a 500, before): a message with one is a 422 and the
    interview goes on; an id with one names no interview (404)."""
    with running_api(tmp_path, url=pg_url) as api:
        iid = api.create()["id"]
        r = api.say(iid, "Can tweets have\x00 images?", {})
        assert r.status_code == 422 and "NUL" in r.json()["detail"]
        assert api.client.get(f"{API}/interviews/a%00b").status_code == 404
        listed = api.client.get(f"{API}/interviews", params={"scenario_id": "a\x00b"})
        assert listed.status_code == 422
        assert api.say(iid, "Can tweets have images?", {}).status_code == 200


ODD = [chr(c) for c in range(0x21) if chr(c).isspace()] + [
    "\x00",
    "\x1c",
    "\x7f",
    "\x85",
    "\xa0",
    "\u2028",
    "\u3000",
    "\ufeff",
    "é",
    "\U0001f600",
    "$",
]


def patterns(node: Any) -> Iterator[tuple[str, str]]:
    """(pattern, an example it takes) for every string in the schema with both."""
    if isinstance(node, dict):
        examples = node.get("examples") or []
        if "pattern" in node and examples:
            yield node["pattern"], examples[0]
        for value in node.values():
            yield from patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from patterns(value)


def test_every_pattern_in_the_schema_means_the_same_to_the_server_and_to_tools(tmp_path: Path):
    """The server checks a pattern with pydantic (Rust's regex engine); tools read it as
    ECMA-262, which schemathesis draws from with Python's `re` in ASCII mode and `$` at the
    very end. Engines disagree on `\\s`, `\\d` and `$`, so a pattern that leans on them says
    one thing and checks another: each must take and refuse the same strings under both."""
    from pydantic import Field, TypeAdapter, ValidationError

    with running_api(tmp_path) as api:
        found = dict(patterns(openapi(api)))
    assert len(found) >= 3, found  # scenario ids, messages, webhook URLs
    for pattern, example in found.items():
        server = TypeAdapter(Annotated[str, Field(pattern=pattern)])
        tool = re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern, re.ASCII)
        middle = len(example) // 2
        for odd in ODD:
            for text in (
                example,
                example + odd,
                odd + example,
                example[:middle] + odd + example[middle:],
            ):
                try:
                    server.validate_python(text)
                    taken = True
                except ValidationError:
                    taken = False
                assert taken == bool(tool.search(text)), (pattern, text)
