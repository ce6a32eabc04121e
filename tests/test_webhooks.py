"""Webhooks against a real HTTP receiver on 127.0.0.1: signed, retried, never in the way."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.api_fixtures import API, Api, running_api

QUESTION = "Can tweets contain images or video?"
# The receiver listens on 127.0.0.1: a private target, allowed here as a deployment would.
FAST = {"SDI_WEBHOOK_BACKOFF_S": 0.05, "SDI_WEBHOOK_ALLOW_PRIVATE": True}


@dataclass
class Call:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A local HTTP server that records each POST and answers from a script of statuses.

    With `hold` set, each request waits (bounded) until `release` is set before it is answered."""

    statuses: list[int] = field(default_factory=list)
    hold: bool = False
    calls: list[Call] = field(default_factory=list)
    answered: int = 0
    release: threading.Event = field(default_factory=threading.Event)
    changed: threading.Condition = field(default_factory=threading.Condition)
    url: str = ""

    def record(self, call: Call) -> int:
        with self.changed:
            self.calls.append(call)
            self.changed.notify_all()
            n = len(self.calls)
        if self.hold:
            self.release.wait(timeout=5)
        return self.statuses[n - 1] if n <= len(self.statuses) else 200

    def done(self) -> None:
        with self.changed:
            self.answered += 1
            self.changed.notify_all()

    def wait_for(self, calls: int, timeout_s: float = 5.0) -> list[Call]:
        with self.changed:
            ok = self.changed.wait_for(lambda: len(self.calls) >= calls, timeout=timeout_s)
        assert ok, f"receiver got {len(self.calls)} calls, expected {calls}"
        return list(self.calls)

    def wait_answered(self, n: int, timeout_s: float = 5.0) -> None:
        with self.changed:
            ok = self.changed.wait_for(lambda: self.answered >= n, timeout=timeout_s)
        assert ok, f"receiver answered {self.answered} calls, expected {n}"


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    # A proxy from the environment must not take loopback deliveries elsewhere.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = state.record(Call(self.path, dict(self.headers.items()), body))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            state.done()

        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/sdi"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def register(api: Api, url: str, tenant: str = "acme") -> str:
    r = api.client.put(f"{API}/webhook", json={"url": url}, headers=api.auth(tenant))
    assert r.status_code == 200, r.text
    assert r.json()["url"] == url
    return r.json()["secret"]  # type: ignore[no-any-return]


def finished_interview(api: Api, tenant: str = "acme") -> tuple[str, dict[str, Any]]:
    """An interview with one exchange, finished; returns (id, the grade finish answered)."""
    iid = api.create(tenant)["id"]
    assert api.say(iid, QUESTION, api.auth(tenant)).status_code == 200
    r = api.client.post(f"{API}/interviews/{iid}/finish", headers=api.auth(tenant))
    assert r.status_code == 200, r.text
    return iid, r.json()


def expected_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_finish_posts_the_signed_grade(tmp_path: Path, receiver: Receiver):
    with running_api(tmp_path, tenants=("acme", "globex"), **FAST) as api:
        secret = register(api, receiver.url)
        iid, grade = finished_interview(api)
        [call] = receiver.wait_for(1)
        assert call.path == "/hooks/sdi"
        assert call.headers["Content-Type"] == "application/json"
        assert call.headers["X-Sdi-Signature"] == expected_signature(secret, call.body)
        assert call.headers["X-Sdi-Signature"] != expected_signature("wrong", call.body)
        assert call.headers["X-Sdi-Event"] == "interview.finished"
        assert call.headers["X-Sdi-Interview"] == iid
        delivered = json.loads(call.body)
        assert delivered["format"] == "sdi.grade/v1"
        assert delivered["scenario_id"] == "twitter"
        assert delivered == grade
        stored = api.client.get(f"{API}/interviews/{iid}/grade", headers=api.auth("acme"))
        assert delivered == stored.json()
        # Finishing again answers the same grade but does not deliver it again; another
        # tenant's finish never reaches acme's URL.
        again = api.client.post(f"{API}/interviews/{iid}/finish", headers=api.auth("acme"))
        assert again.json() == grade
        finished_interview(api, "globex")
    # Leaving the client shuts the app down, which waits for deliveries in flight.
    assert len(receiver.calls) == 1


@pytest.mark.parametrize(
    "closing", [["/finish"], ["That's my whole design.", "No questions, thanks."]]
)
def test_closing_in_the_chat_finishes_like_post_finish_and_delivers_once(
    tmp_path: Path, receiver: Receiver, closing: list[str]
):
    """`/finish` or the close after the wrap-up, sent as messages over REST, end the interview
    through the same path as POST .../finish: graded, finished, the webhook sent once."""
    with running_api(tmp_path, tenants=("acme",), **FAST) as api:
        register(api, receiver.url)
        iid = api.create("acme")["id"]
        assert api.say(iid, QUESTION, api.auth("acme")).status_code == 200
        answers = [api.say(iid, text, api.auth("acme")) for text in closing]
        assert [a.status_code for a in answers] == [200] * len(closing)
        last = answers[-1].json()
        assert last["finished"] is True and last["reply"]["step"] == "done"
        assert last["events"][-1] == {"type": "finished", "seq": last["reply"]["seq"]}
        assert all(a.json()["finished"] is False for a in answers[:-1])
        [call] = receiver.wait_for(1)
        assert call.headers["X-Sdi-Interview"] == iid
        grade = api.client.get(f"{API}/interviews/{iid}/grade", headers=api.auth("acme")).json()
        assert json.loads(call.body) == grade
        assert api.say(iid, QUESTION, api.auth("acme")).status_code == 409
        again = api.client.post(f"{API}/interviews/{iid}/finish", headers=api.auth("acme"))
        assert again.status_code == 200 and again.json() == grade
    assert len(receiver.calls) == 1


def test_a_changed_url_gets_the_next_grade(tmp_path: Path, receiver: Receiver):
    with running_api(tmp_path, tenants=("acme",), **FAST) as api:
        first = register(api, "https://hooks.example.com/old")
        secret = register(api, receiver.url)
        assert secret == first  # the secret survives a URL change
        iid, _ = finished_interview(api)
        [call] = receiver.wait_for(1)
        assert call.headers["X-Sdi-Interview"] == iid
        assert call.headers["X-Sdi-Signature"] == expected_signature(secret, call.body)


def test_deleted_webhook_gets_nothing(tmp_path: Path, receiver: Receiver):
    with running_api(tmp_path, tenants=("acme",), **FAST) as api:
        register(api, receiver.url)
        assert api.client.delete(f"{API}/webhook", headers=api.auth("acme")).status_code == 204
        finished_interview(api)
    assert receiver.calls == []


@pytest.mark.parametrize(
    ("statuses", "calls"),
    [
        ([500, 500, 200], 3),  # server errors are retried until delivered
        ([503, 429, 200], 3),  # so is "too many requests"
        ([404], 1),  # a client error is final: never retried
        ([400], 1),
        ([410], 1),
    ],
)
def test_retries_server_errors_but_not_client_errors(
    tmp_path: Path, receiver: Receiver, statuses: list[int], calls: int
):
    receiver.statuses = statuses
    with running_api(tmp_path, tenants=("acme",), **FAST) as api:
        secret = register(api, receiver.url)
        finished_interview(api)
        receiver.wait_for(calls)
    # Shutdown drained the dispatcher: whatever was going to be sent has been sent.
    assert len(receiver.calls) == calls
    assert len({c.body for c in receiver.calls}) == 1  # every attempt carries the same grade
    for call in receiver.calls:
        assert call.headers["X-Sdi-Signature"] == expected_signature(secret, call.body)


def test_gives_up_after_the_configured_attempts(tmp_path: Path, receiver: Receiver):
    receiver.statuses = [500] * 10
    with running_api(tmp_path, tenants=("acme",), SDI_WEBHOOK_ATTEMPTS=3, **FAST) as api:
        register(api, receiver.url)
        finished_interview(api)
        receiver.wait_for(3)
    assert len(receiver.calls) == 3


def test_finish_does_not_wait_for_the_receiver(tmp_path: Path, receiver: Receiver):
    receiver.hold = True  # the receiver answers only when the test releases it
    with running_api(tmp_path, tenants=("acme",), **FAST) as api:
        register(api, receiver.url)
        iid, grade = finished_interview(api)
        # The candidate has the grade while the delivery is still unanswered.
        assert receiver.answered == 0
        r = api.client.get(f"{API}/interviews/{iid}/grade", headers=api.auth("acme"))
        assert r.json() == grade
        assert receiver.answered == 0
        receiver.wait_for(1)
        receiver.release.set()
        receiver.wait_answered(1)
    assert len(receiver.calls) == 1


def test_an_unreachable_receiver_never_fails_the_finish(tmp_path: Path):
    with socket.socket() as s:  # a loopback port with nothing listening on it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with running_api(tmp_path, tenants=("acme",), SDI_WEBHOOK_ATTEMPTS=2, **FAST) as api:
        register(api, f"http://127.0.0.1:{port}/hook")
        iid, grade = finished_interview(api)
        assert grade["format"] == "sdi.grade/v1"
        r = api.client.get(f"{API}/interviews/{iid}/grade", headers=api.auth("acme"))
        assert r.status_code == 200
