"""Nobody gets in where they don't belong (docs/security.md): the Host a request names (DNS
rebinding), the Origin a websocket comes from, webhooks aimed inward (SSRF), and requests that
would stall the worker (huge or slow bodies, heavy grading on the event loop).

Every request goes to loopback. A refused webhook target is checked with a fake resolver and a
transport that records any request before a connection: nothing is ever sent elsewhere.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from tests.api_fixtures import API, FakeResolver, LoopbackOnly, receive_json, running_api
from tests.servers import serving

QUESTION = "Can tweets contain images or video?"


def ws_path(interview_id: str) -> str:
    return f"{API}/interviews/{interview_id}/ws"


# --- Host: DNS rebinding -------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "127.0.0.1"])
def test_local_mode_answers_its_own_loopback_names(tmp_path: Path, host: str):
    with running_api(tmp_path) as api:
        r = api.client.get(f"{API}/interviews", headers={"Host": host})
        assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    "host", ["attacker.example:8000", "attacker.example", "127.0.0.1.attacker.example", "0.0.0.0"]
)
def test_a_rebound_name_gets_400_before_any_route_runs(tmp_path: Path, host: str):
    """A page whose name was rebound to 127.0.0.1 sends its own name as Host: refused, so it can
    read no transcript and drive no interview."""
    with running_api(tmp_path) as api:
        iid = api.create()["id"]
        for method, path in (
            ("GET", f"{API}/interviews"),
            ("GET", f"{API}/interviews/{iid}/transcript"),
            ("POST", f"{API}/interviews/{iid}/messages"),
            ("GET", "/"),
        ):
            r = api.client.request(method, path, json={"content": QUESTION}, headers={"Host": host})
            assert r.status_code == 400, (method, path, r.text)
            assert "interview" not in r.text.lower()
        # The websocket handshake is refused too, with the same 400.
        with (
            pytest.raises(WebSocketDenialResponse) as refused,
            api.client.websocket_connect(f"ws://{host}{ws_path(iid)}", headers={"Host": host}),
        ):
            pass
        assert refused.value.status_code == 400
        assert len(api.transcript(iid, {})) == 1  # nothing was said


def test_key_mode_answers_the_configured_public_names(tmp_path: Path):
    env = {"SDI_ALLOWED_HOSTS": "sdi.example.com,*.sdi.example.org"}
    with running_api(tmp_path, tenants=("acme",), **env) as api:
        ok = {"Host": "sdi.example.com", **api.auth("acme")}
        assert api.client.get(f"{API}/interviews", headers=ok).status_code == 200
        sub = {"Host": "eu.sdi.example.org", **api.auth("acme")}
        assert api.client.get(f"{API}/interviews", headers=sub).status_code == 200
        bad = {"Host": "other.example.com", **api.auth("acme")}
        assert api.client.get(f"{API}/interviews", headers=bad).status_code == 400


# --- Origin: cross-site websockets and CORS ------------------------------------------------------


def test_a_websocket_from_another_site_is_refused_before_anything_is_said(tmp_path: Path):
    with running_api(tmp_path) as api:
        iid = api.create()["id"]
        headers = {"Origin": "http://attacker.example"}
        with (
            api.client.websocket_connect(f"{ws_path(iid)}?after=-1", headers=headers) as ws,
            pytest.raises(WebSocketDisconnect) as closed,
        ):
            receive_json(ws)
        assert closed.value.code == 1008 and closed.value.reason == "origin not allowed"
        assert len(api.transcript(iid, {})) == 1


@pytest.mark.parametrize("origin", [None, "http://127.0.0.1:8000"])
def test_the_servers_own_pages_and_non_browser_clients_open_websockets(
    tmp_path: Path, origin: str | None
):
    with running_api(tmp_path) as api:
        iid = api.create()["id"]
        headers = {"Origin": origin} if origin else {}
        with api.client.websocket_connect(f"{ws_path(iid)}?after=-1", headers=headers) as ws:
            assert receive_json(ws)["seq"] == 0  # the opening, replayed


def test_a_configured_front_end_may_open_websockets_and_call_the_api(tmp_path: Path):
    front = "https://app.example.com"
    with running_api(tmp_path, SDI_ALLOWED_ORIGINS=front) as api:
        iid = api.create()["id"]
        with api.client.websocket_connect(
            f"{ws_path(iid)}?after=-1", headers={"Origin": front}
        ) as ws:
            assert receive_json(ws)["seq"] == 0
        preflight = api.client.options(
            f"{API}/interviews",
            headers={"Origin": front, "Access-Control-Request-Method": "POST"},
        )
        assert preflight.headers["access-control-allow-origin"] == front
        other = api.client.get(f"{API}/interviews", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_cors_is_off_unless_configured(tmp_path: Path):
    with running_api(tmp_path) as api:
        r = api.client.get(f"{API}/interviews", headers={"Origin": "https://app.example.com"})
        assert r.status_code == 200
        assert "access-control-allow-origin" not in r.headers


# --- Webhooks that cannot be aimed inward (SSRF) ---------------------------------------------


INWARD = [
    ("http://127.0.0.1:8000/hook", "loopback"),
    ("http://localhost/hook", "loopback"),
    ("http://[::1]/hook", "loopback"),
    ("http://[::ffff:127.0.0.1]/hook", "loopback"),
    ("http://0.0.0.0/hook", "unspecified"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("https://intranet.corp.example/hook", "private"),
    ("https://v6.corp.example/hook", "private"),
    ("http://224.0.0.1/hook", "multicast"),
    ("https://nowhere.example/hook", "cannot resolve"),
]
RESOLVES = {
    "localhost": ["127.0.0.1", "::1"],
    "intranet.corp.example": ["10.20.30.40"],
    "v6.corp.example": ["fd00::7"],
    "hooks.example.com": ["93.184.216.34"],
}


@pytest.mark.parametrize(("url", "why"), INWARD)
def test_a_webhook_aimed_inward_is_refused_when_set_without_any_connection(
    tmp_path: Path, url: str, why: str
):
    resolver, transport = FakeResolver(RESOLVES), LoopbackOnly()
    with running_api(tmp_path, ("acme",), resolver=resolver, transport=transport) as api:
        r = api.client.put(f"{API}/webhook", json={"url": url}, headers=api.auth("acme"))
        assert r.status_code == 403, r.text
        assert why in r.json()["detail"]
        assert api.client.get(f"{API}/webhook", headers=api.auth("acme")).status_code == 404
    assert transport.refused == []  # refused before any request was even built


def test_a_name_that_later_resolves_inward_is_refused_when_sending(tmp_path: Path):
    """Checked again before each attempt: a name that pointed outside when it was set and
    points inside now (DNS rebinding against the server) gets nothing."""
    resolver, transport = FakeResolver(RESOLVES), LoopbackOnly()
    with running_api(tmp_path, ("acme",), resolver=resolver, transport=transport) as api:
        auth = api.auth("acme")
        url = "https://hooks.example.com/hook"
        assert api.client.put(f"{API}/webhook", json={"url": url}, headers=auth).status_code == 200
        resolver.table["hooks.example.com"] = ["10.0.0.7"]
        iid = api.create("acme")["id"]
        assert api.client.post(f"{API}/interviews/{iid}/finish", headers=auth).status_code == 200
        deadline = time.monotonic() + 5
        while resolver.asked.count("hooks.example.com") < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    assert resolver.asked.count("hooks.example.com") >= 2  # set, then before sending
    assert transport.refused == []  # and no request was made


class _Hook(threading.Thread):
    """A receiver on 127.0.0.1 that records requests; answers 302 to /start, 200 otherwise."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []

    def run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(65536)
                head, _, body = data.partition(b"\r\n\r\n")
                length = next(
                    (
                        int(line.split(b":")[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length")
                    ),
                    0,
                )
                while len(body) < length:
                    body += conn.recv(65536)
                self.requests.append(head.decode())
                if head.startswith(b"POST /start"):
                    reply = (
                        f"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{self.port}/elsewhere"
                        "\r\nContent-Length: 0\r\n\r\n"
                    )
                else:
                    reply = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                conn.sendall(reply.encode())

    def close(self) -> None:
        self.sock.close()


def test_delivery_goes_to_the_checked_address_names_the_host_and_never_follows_a_redirect(
    tmp_path: Path,
):
    hook = _Hook()
    hook.start()
    try:
        resolver = FakeResolver({"receiver.internal": ["127.0.0.1"]})
        env = {"SDI_WEBHOOK_ALLOW_PRIVATE": True, "SDI_WEBHOOK_BACKOFF_S": 0.05}
        with running_api(tmp_path, ("acme",), resolver=resolver, **env) as api:
            auth = api.auth("acme")
            url = f"http://receiver.internal:{hook.port}/start"
            assert (
                api.client.put(f"{API}/webhook", json={"url": url}, headers=auth).status_code == 200
            )
            iid = api.create("acme")["id"]
            assert (
                api.client.post(f"{API}/interviews/{iid}/finish", headers=auth).status_code == 200
            )
        # Leaving the client shut the app down, which waited for the delivery.
        assert len(hook.requests) == 1, hook.requests  # the 302 was not followed (nor retried)
        assert hook.requests[0].startswith("POST /start ")
        assert f"host: receiver.internal:{hook.port}" in hook.requests[0].lower()
    finally:
        hook.close()


# --- Nothing heavy on the loop, no body too big or too slow ---------------------------------------


def _transcript(turns: int, words: int = 60) -> dict[str, Any]:
    said = "we keep tweets in a database and precompute each feed because reads dominate"
    messages = [{"role": "interviewer", "content": "Let's design Twitter."}]
    for n in range(turns):
        messages.append(
            {"role": "candidate", "content": f"{n}: " + " ".join([said] * (words // 13))}
        )
        messages.append({"role": "interviewer", "content": "Go on."})
    return {"scenario_id": "twitter", "messages": messages}


def _rambling(turns: int, words: int) -> dict[str, Any]:
    """A long transcript of one long run-on question per turn (seeded): slow to grade."""
    import random

    rnd = random.Random(7)
    vocab = [
        "we",
        "store",
        "tweets",
        "in",
        "a",
        "database",
        "and",
        "the",
        "feed",
        "is",
        "precomputed",
        "because",
        "reads",
        "dominate",
        "so",
        "a",
        "cache",
        "helps",
        "and",
        "the",
        "api",
        "servers",
        "are",
        "stateless",
        "behind",
        "a",
        "load",
        "balancer",
    ]
    messages = [{"role": "interviewer", "content": "Let's design Twitter."}]
    for _ in range(turns):
        said = " ".join(rnd.choice(vocab) for _ in range(words))
        messages += [
            {"role": "candidate", "content": said + "?"},
            {"role": "interviewer", "content": "Go on."},
        ]
    return {"scenario_id": "twitter", "messages": messages}


def test_an_oversized_transcript_gets_413_naming_the_limit(tmp_path: Path):
    with running_api(tmp_path, SDI_MAX_BODY_BYTES=20_000) as api:
        big = _transcript(200)
        r = api.client.post(f"{API}/grade", json=big)
        assert r.status_code == 413, r.text
        assert "SDI_MAX_BODY_BYTES" in r.json()["detail"] and "20000" in r.json()["detail"]
        assert api.client.post(f"{API}/grade", json=_transcript(2)).status_code == 200


def test_a_transcript_with_too_many_messages_gets_413(tmp_path: Path):
    with running_api(tmp_path, SDI_MAX_TRANSCRIPT_MESSAGES=11) as api:
        r = api.client.post(f"{API}/grade", json=_transcript(5, words=13))  # 11 messages
        assert r.status_code == 200, r.text
        r = api.client.post(f"{API}/grade", json=_transcript(6, words=13))  # 13 messages
        assert r.status_code == 413 and "SDI_MAX_TRANSCRIPT_MESSAGES" in r.json()["detail"]


def test_stateless_grading_is_rate_limited_per_tenant(tmp_path: Path):
    env = {"SDI_GRADE_BURST": 2, "SDI_GRADE_PER_MINUTE": 1}
    with running_api(tmp_path, ("acme", "globex"), **env) as api:
        small = _transcript(1, words=13)
        codes = [
            api.client.post(f"{API}/grade", json=small, headers=api.auth("acme")).status_code
            for _ in range(3)
        ]
        assert codes == [200, 200, 429]
        # Another tenant is not held back by acme's flood.
        other = api.client.post(f"{API}/grade", json=small, headers=api.auth("globex"))
        assert other.status_code == 200


def test_a_slow_client_holds_nothing_and_gets_408(tmp_path: Path):
    """A body trickling in (a slowloris) neither blocks other requests nor holds the server:
    after SDI_BODY_TIMEOUT_S it is answered 408 and closed."""
    with serving(tmp_path, f"sqlite:///{tmp_path / 'sdi.db'}", SDI_BODY_TIMEOUT_S="1") as server:
        slow = socket.create_connection(("127.0.0.1", server.port))
        slow.sendall(
            b"POST /api/v1/grade HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 5000\r\n\r\n{"messages": ['
        )
        try:
            assert httpx.get(f"{server.http}/healthz", timeout=5).status_code == 200
            slow.settimeout(10)
            answer = slow.recv(4096).decode()
        finally:
            slow.close()
        assert answer.startswith("HTTP/1.1 408"), answer
        assert "SDI_BODY_TIMEOUT_S" not in answer or "did not arrive" in answer


def test_health_checks_answer_while_a_large_grade_runs(tmp_path: Path):
    """Grading runs on a worker thread: the event loop (health checks, every live interview)
    keeps answering. Before, a large transcript stalled the worker for seconds, and no probe
    came back until the grade was over. (No time bound here: bench/ measures latency.)"""
    big = json.dumps(_rambling(600, words=250))  # 0.9 MB: seconds of grading on this machine
    with serving(tmp_path, f"sqlite:///{tmp_path / 'sdi.db'}") as server:
        done = threading.Event()
        result: dict[str, Any] = {}

        def grade() -> None:
            result["r"] = httpx.post(
                f"{server.http}/api/v1/grade",
                content=big,
                headers={"Content-Type": "application/json"},
                timeout=120,
            )
            done.set()

        worker = threading.Thread(target=grade)
        worker.start()
        time.sleep(0.1)  # the grade is under way
        during = 0
        while not done.is_set() and during < 5:
            assert httpx.get(f"{server.http}/healthz", timeout=30).status_code == 200
            during += not done.is_set()  # answered while the grade still ran
            time.sleep(0.02)
        worker.join(timeout=120)
    assert result["r"].status_code == 200, result["r"].text
    # Probes that waited for the grade (the loop blocked) come back only after it ended.
    assert during >= 3, f"only {during} probes were answered while the grade ran"
