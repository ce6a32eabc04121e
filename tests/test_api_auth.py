"""Auth and tenants over the real API: local mode, API keys, tenant isolation, interview tokens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.websockets import WebSocketDisconnect

from app.service.auth import Keys, digest
from app.storage.database import open_engine
from app.storage.store import Store
from tests.api_fixtures import (
    API,
    Api,
    bearer,
    create_key,
    database_url,
    receive_json,
    receive_reply,
    running_api,
)

REPO = Path(__file__).resolve().parents[1]
QUESTION = "Can tweets contain images or video?"

# Every endpoint of one interview, as (method, path under /api/v1/interviews/{id}, JSON body).
INTERVIEW_ENDPOINTS = [
    ("GET", "", None),
    ("POST", "/messages", {"content": QUESTION}),
    ("GET", "/transcript", None),
    ("POST", "/finish", None),
    ("GET", "/grade", None),
]


def ws_path(interview_id: str, query: str = "") -> str:
    return f"{API}/interviews/{interview_id}/ws" + (f"?{query}" if query else "")


def assert_ws_refused(api: Api, path: str, headers: dict[str, str] | None = None) -> None:
    """The server closes the socket with 1008 (policy violation) instead of serving it."""
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        api.client.websocket_connect(path, headers=headers or {}) as ws,
    ):
        receive_json(ws, timeout_s=2)  # an accepted socket must still be closed at once
    assert closed.value.code == 1008


def assert_ws_talks(api: Api, path: str, headers: dict[str, str] | None = None) -> None:
    with api.client.websocket_connect(path, headers=headers or {}) as ws:
        ws.send_json({"type": "message", "content": QUESTION})
        frames = receive_reply(ws)
    assert frames[0]["role"] == "candidate" and frames[0]["content"] == QUESTION
    assert frames[-1]["role"] == "interviewer" and frames[-1]["content"]


# --- local mode -----------------------------------------------------------------------------


def test_local_mode_needs_no_credentials(local_api: Api):
    client = local_api.client
    assert client.get(f"{API}/scenarios").status_code == 200
    created = local_api.create()
    iid = created["id"]
    assert local_api.say(iid, QUESTION, {}).status_code == 200
    assert client.get(f"{API}/interviews/{iid}").json()["message_count"] == 3
    assert [i["id"] for i in client.get(f"{API}/interviews").json()] == [iid]
    assert len(local_api.transcript(iid, {})) == 3
    assert_ws_talks(local_api, ws_path(iid))
    assert client.post(f"{API}/interviews/{iid}/finish").status_code == 200
    assert client.get(f"{API}/interviews/{iid}/grade").json()["format"] == "sdi.grade/v1"
    assert (
        client.put(f"{API}/webhook", json={"url": "https://hooks.example.com/hook"}).status_code
        == 200
    )


# --- key mode: who may call at all ----------------------------------------------------------


def api_routes(api: Api) -> list[tuple[str, str]]:
    """(method, path) of every HTTP endpoint under /api/v1, read from the app's OpenAPI schema
    so that a new endpoint is covered without editing this test."""
    paths = api.app.openapi()["paths"]
    return sorted(
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith(API)
        for method in operations
    )


@pytest.fixture
def revoked_key(tmp_path: Path) -> str:
    """A key for acme that was revoked (acme keeps another, active key)."""
    keys = Keys(Store(open_engine(database_url(tmp_path))))
    row, key = keys.create("acme")
    assert keys.revoke(row.id)
    return key


@pytest.mark.parametrize("credentials", ["none", "invalid", "revoked", "basic"])
def test_key_mode_refuses_every_endpoint_without_a_valid_key(
    tmp_path: Path, revoked_key: str, credentials: str
):
    headers = {
        "none": {},
        "invalid": bearer("sdi_key_not-a-real-key"),
        "revoked": bearer(revoked_key),
        "basic": {"Authorization": "Basic YWNtZTphY21l"},
    }[credentials]
    with running_api(tmp_path, tenants=("acme",)) as api:
        iid = api.create("acme")["id"]
        routes = api_routes(api)
        assert {
            ("GET", f"{API}/scenarios"),
            ("POST", f"{API}/interviews"),
            ("GET", f"{API}/interviews"),
            ("POST", f"{API}/interviews/{{interview_id}}/messages"),
            ("POST", f"{API}/interviews/{{interview_id}}/finish"),
            ("POST", f"{API}/grade"),
            ("PUT", f"{API}/webhook"),
            ("DELETE", f"{API}/webhook"),
        } <= set(routes)
        for method, path in routes:
            body = {} if method in ("POST", "PUT") else None
            url = path.format(interview_id=iid, scenario_id="pastebin")
            r = api.client.request(method, url, json=body, headers=headers)
            assert r.status_code == 401, (method, path, r.text)
            assert r.headers["www-authenticate"] == "Bearer"
            assert "detail" in r.json()
        assert_ws_refused(api, ws_path(iid), headers)
        # Nothing was said, finished or registered by any of those calls.
        assert len(api.transcript(iid, api.auth("acme"))) == 1
        assert api.client.get(f"{API}/webhook", headers=api.auth("acme")).status_code == 404


def test_health_probes_stay_open_in_key_mode(tenant_api: Api):
    import time

    assert tenant_api.client.get("/healthz").status_code == 200
    # Ready once the database answers and, on PostgreSQL, the fan-out listens (it connects
    # in the background at start: a probe may see 503 for the first moments).
    deadline = time.monotonic() + 10
    while (ready := tenant_api.client.get("/readyz")).status_code != 200:
        assert ready.status_code == 503 and "fan-out" in ready.json()["detail"], ready.text
        assert time.monotonic() < deadline, ready.text
        time.sleep(0.05)


# --- tenants --------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "suffix", "body"), INTERVIEW_ENDPOINTS)
def test_another_tenants_interview_is_not_found(tenant_api: Api, method, suffix, body):
    iid = tenant_api.create("acme")["id"]
    path = f"{API}/interviews/{iid}{suffix}"
    r = tenant_api.client.request(method, path, json=body, headers=tenant_api.auth("globex"))
    assert r.status_code == 404, r.text
    assert r.json() == {"detail": f"unknown interview '{iid}'"}  # same as a missing one
    # acme's interview is untouched: nothing stored, not finished.
    owner = tenant_api.auth("acme")
    assert len(tenant_api.transcript(iid, owner)) == 1
    status = tenant_api.client.get(f"{API}/interviews/{iid}", headers=owner).json()["status"]
    assert status == "active"


def test_another_tenants_interview_refuses_the_websocket(tenant_api: Api):
    iid = tenant_api.create("acme")["id"]
    assert_ws_refused(tenant_api, ws_path(iid), tenant_api.auth("globex"))
    assert_ws_refused(tenant_api, ws_path(iid, f"token={tenant_api.keys['globex']}"))
    assert_ws_talks(tenant_api, ws_path(iid), tenant_api.auth("acme"))


def test_a_tenant_lists_only_its_own_interviews(tenant_api: Api):
    mine = tenant_api.create("acme")["id"]
    theirs = tenant_api.create("globex")["id"]
    listed = tenant_api.client.get(f"{API}/interviews", headers=tenant_api.auth("acme")).json()
    assert [i["id"] for i in listed] == [mine]
    listed = tenant_api.client.get(f"{API}/interviews", headers=tenant_api.auth("globex")).json()
    assert [i["id"] for i in listed] == [theirs]


def test_each_tenant_has_its_own_webhook(tenant_api: Api):
    put = tenant_api.client.put(
        f"{API}/webhook",
        json={"url": "https://acme.example.com/acme"},
        headers=tenant_api.auth("acme"),
    )
    assert put.status_code == 200
    theirs = tenant_api.client.get(f"{API}/webhook", headers=tenant_api.auth("globex"))
    assert theirs.status_code == 404
    mine = tenant_api.client.get(f"{API}/webhook", headers=tenant_api.auth("acme")).json()
    assert mine == put.json()


# --- the interview token --------------------------------------------------------------------


def test_interview_token_talks_and_reads_the_transcript(tenant_api: Api):
    created = tenant_api.create("acme")
    iid, token = created["id"], created["token"]
    r = tenant_api.say(iid, QUESTION, bearer(token))
    assert r.status_code == 200, r.text
    assert r.json()["reply"]["role"] == "interviewer"
    messages = tenant_api.transcript(iid, bearer(token))
    assert [m["role"] for m in messages] == ["interviewer", "candidate", "interviewer"]
    assert messages[1]["content"] == QUESTION


def test_interview_token_finishes_its_own_interview_but_reads_no_grade(tenant_api: Api):
    """The candidate may end their interview (typing /finish does the same); the grade is the
    platform's to show."""
    created = tenant_api.create("acme")
    iid, token = created["id"], created["token"]
    finished = tenant_api.client.post(f"{API}/interviews/{iid}/finish", headers=bearer(token))
    assert finished.status_code == 200 and finished.json()["format"] == "sdi.grade/v1"
    owner = tenant_api.auth("acme")
    assert (
        tenant_api.client.get(f"{API}/interviews/{iid}", headers=owner).json()["status"]
        == "finished"
    )
    assert (
        tenant_api.client.get(f"{API}/interviews/{iid}/grade", headers=bearer(token)).status_code
        == 403
    )
    other = tenant_api.create("acme")["id"]
    assert (
        tenant_api.client.post(
            f"{API}/interviews/{other}/finish", headers=bearer(token)
        ).status_code
        == 404
    )


@pytest.mark.parametrize("how", ["header", "query"])
def test_interview_token_opens_the_websocket(tenant_api: Api, how: str):
    created = tenant_api.create("acme")
    iid, token = created["id"], created["token"]
    if how == "header":
        assert_ws_talks(tenant_api, ws_path(iid), bearer(token))
    else:
        assert_ws_talks(tenant_api, ws_path(iid, f"token={token}"))
    assert len(tenant_api.transcript(iid, bearer(token))) == 3


def test_token_in_the_query_string_is_for_websockets_only(tenant_api: Api):
    created = tenant_api.create("acme")
    r = tenant_api.client.get(
        f"{API}/interviews/{created['id']}/transcript", params={"token": created["token"]}
    )
    assert r.status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/interviews", {"scenario_id": "twitter"}),
        ("GET", "/interviews", None),
        ("GET", "/scenarios", None),
        ("GET", "/interviews/{id}", None),
        ("GET", "/interviews/{id}/grade", None),
        (
            "POST",
            "/grade",
            {"scenario_id": "twitter", "messages": [{"role": "candidate", "content": "hi"}]},
        ),
        ("PUT", "/webhook", {"url": "https://hooks.example.com/hook"}),
        ("GET", "/webhook", None),
        ("DELETE", "/webhook", None),
    ],
)
def test_interview_token_is_forbidden_everything_else(tenant_api: Api, method, path, body):
    created = tenant_api.create("acme")
    iid, token = created["id"], created["token"]
    url = API + path.format(id=iid)
    r = tenant_api.client.request(method, url, json=body, headers=bearer(token))
    assert r.status_code == 403, r.text
    assert "detail" in r.json()
    # The interview was neither finished nor graded by the attempt.
    owner = tenant_api.auth("acme")
    assert tenant_api.client.get(f"{API}/interviews/{iid}", headers=owner).json()["status"] == (
        "active"
    )
    listed = tenant_api.client.get(f"{API}/interviews", headers=owner).json()
    assert [i["id"] for i in listed] == [iid]  # no interview was created with the token


@pytest.mark.parametrize(("method", "suffix", "body"), INTERVIEW_ENDPOINTS[1:3])
def test_interview_token_does_not_open_another_interview(tenant_api: Api, method, suffix, body):
    token = tenant_api.create("acme")["token"]
    other = tenant_api.create("acme")["id"]  # same tenant, still not this token's interview
    path = f"{API}/interviews/{other}{suffix}"
    r = tenant_api.client.request(method, path, json=body, headers=bearer(token))
    assert r.status_code == 404, r.text
    assert len(tenant_api.transcript(other, tenant_api.auth("acme"))) == 1


def test_interview_token_does_not_open_another_interviews_websocket(tenant_api: Api):
    token = tenant_api.create("acme")["token"]
    other = tenant_api.create("acme")["id"]
    assert_ws_refused(tenant_api, ws_path(other, f"token={token}"))
    assert_ws_refused(tenant_api, ws_path(other), bearer(token))


# --- keys at rest and on the command line ---------------------------------------------------


def test_keys_and_tokens_are_stored_hashed(tmp_path: Path):
    with running_api(tmp_path, tenants=("acme",)) as api:
        key = api.keys["acme"]
        token = api.create("acme")["token"]
        api.client.put(
            f"{API}/webhook", json={"url": "https://hooks.example.com/h"}, headers=bearer(key)
        )
    # SQLite in WAL mode: recent writes may sit in the -wal file, so read every file of the db.
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("sdi.db*"))
    for secret in (key, token):
        assert secret.encode() not in stored
        assert digest(secret).encode() in stored  # proves we looked where the rows are


def sdi_keys(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
    )


def test_sdi_keys_create_list_revoke(tmp_path: Path):
    url = database_url(tmp_path)
    created = sdi_keys(url, "create", "acme")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("sdi_key_") and created.stdout.count(key) == 1
    assert key not in created.stderr

    listed = sdi_keys(url, "list")
    assert listed.returncode == 0, listed.stderr
    assert key not in listed.stdout + listed.stderr
    [line] = listed.stdout.splitlines()
    key_id, tenant, state = line.split()[:3]
    assert (tenant, state) == ("acme", "active")

    other = create_key(url, "globex")  # keeps the server in key mode after the revoke
    with running_api(tmp_path) as api:
        assert api.client.get(f"{API}/scenarios", headers=bearer(key)).status_code == 200
        revoked = sdi_keys(url, "revoke", key_id)  # while the server runs
        assert revoked.returncode == 0, revoked.stderr
        assert api.client.get(f"{API}/scenarios", headers=bearer(key)).status_code == 401
        assert api.client.get(f"{API}/scenarios", headers=bearer(other)).status_code == 200

    assert "revoked" in sdi_keys(url, "list").stdout
    again = sdi_keys(url, "revoke", key_id)
    assert again.returncode != 0 and key_id in again.stdout + again.stderr


def test_key_mode_stays_on_when_every_key_is_revoked(tmp_path: Path):
    """Revoking the last key must lock the server, not open it."""
    url = database_url(tmp_path)
    with running_api(tmp_path, tenants=("acme",)) as api:
        key = api.keys["acme"]
        keys = Keys(Store(open_engine(url)))
        [row] = keys.list()
        assert keys.revoke(row.id)
        assert api.client.get(f"{API}/scenarios", headers=bearer(key)).status_code == 401
        assert api.client.get(f"{API}/scenarios").status_code == 401
