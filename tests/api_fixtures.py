"""The real API on a real database (SQLite file or PostgreSQL), for the HTTP tests: helpers shared by the test modules.

Key mode is decided when the app starts, so keys are created in the database before the client
starts the app's lifespan. The offline renderer is passed explicitly: an OPENAI_* variable in the
environment never turns a test into a network call.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import httpx
from fastapi import FastAPI
from starlette.testclient import TestClient

from app.api.app import create_app
from app.config import Settings
from app.core.scenarios.loader import default_library
from app.render.offline import OfflineRenderer
from app.service.auth import Keys
from app.storage.database import open_engine
from app.storage.store import Store
from graphs.context import InterviewContext

API = "/api/v1"


def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'sdi.db'}"


def create_key(url: str, tenant: str) -> str:
    """A new API key for `tenant`, written where the app will look (before it starts)."""
    _, key = Keys(Store(open_engine(url))).create(tenant)
    return key


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@dataclass
class Api:
    """A running app, its client, and one API key per tenant (none in local mode)."""

    client: TestClient
    app: FastAPI
    url: str
    keys: dict[str, str] = field(default_factory=dict)

    def auth(self, tenant: str | None) -> dict[str, str]:
        """Headers for `tenant`'s key; no headers for None (local mode or anonymous)."""
        return bearer(self.keys[tenant]) if tenant is not None else {}

    def create(self, tenant: str | None = None, scenario_id: str = "twitter") -> dict[str, Any]:
        """Start an interview; the answer holds `id` and `token`."""
        r = self.client.post(
            f"{API}/interviews", json={"scenario_id": scenario_id}, headers=self.auth(tenant)
        )
        assert r.status_code == 201, r.text
        return r.json()  # type: ignore[no-any-return]

    def say(self, interview_id: str, content: str, headers: dict[str, str]) -> Any:
        return self.client.post(
            f"{API}/interviews/{interview_id}/messages", json={"content": content}, headers=headers
        )

    def transcript(self, interview_id: str, headers: dict[str, str]) -> list[dict[str, Any]]:
        r = self.client.get(f"{API}/interviews/{interview_id}/transcript", headers=headers)
        assert r.status_code == 200, r.text
        return r.json()["messages"]  # type: ignore[no-any-return]


PUBLIC_HOOKS = {"hooks.example.com": ["93.184.216.34"], "acme.example.com": ["93.184.216.35"]}
"""Names the fake resolver knows, at public addresses no test ever connects to."""


class FakeResolver:
    """Name resolution for tests: a fixed table, no DNS query ever leaves the machine."""

    def __init__(self, table: dict[str, list[str]] | None = None) -> None:
        self.table = dict(PUBLIC_HOOKS if table is None else table)
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise OSError(f"{host}: no such host (fake resolver)")
        return list(self.table[host])


class LoopbackOnly(httpx.AsyncBaseTransport):
    """The webhook client's network in tests: requests to 127.0.0.1 go out (the local
    receiver); any other address is recorded and refused before a connection is tried."""

    def __init__(self) -> None:
        self.real = httpx.AsyncHTTPTransport()
        self.refused: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host not in ("127.0.0.1", "::1"):
            self.refused.append(request)
            raise httpx.ConnectError(f"test transport: no request leaves loopback ({request.url})")
        return await self.real.handle_async_request(request)

    async def aclose(self) -> None:
        await self.real.aclose()


LOCAL = "127.0.0.1:8000"
"""The Host the test clients name: the server answers only the hosts it is meant to be reached
by (loopback in local mode), so a test client says 127.0.0.1, as a browser on the machine does."""


class LocalClient(TestClient):
    """TestClient whose requests and websockets name 127.0.0.1 (Starlette's say "testserver")."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, base_url=f"http://{LOCAL}", **kwargs)

    def websocket_connect(self, url: str, *args: Any, **kwargs: Any) -> Any:
        if url.startswith("/"):
            url = f"ws://{LOCAL}{url}"
        return super().websocket_connect(url, *args, **kwargs)


@contextmanager
def running_api(
    tmp_path: Path,
    tenants: tuple[str, ...] = (),
    url: str | None = None,
    resolver: FakeResolver | None = None,
    transport: LoopbackOnly | None = None,
    **env: Any,
) -> Iterator[Api]:
    """The app on `url` (default `tmp_path/sdi.db`): local mode without tenants, key mode with
    them.

    `env` sets Settings by their environment names (SDI_RATE_BURST=3, ...)."""
    url = url or database_url(tmp_path)
    keys = {tenant: create_key(url, tenant) for tenant in tenants}
    settings = Settings(DATABASE_URL=url, **env)
    context = InterviewContext(library=default_library(), renderer=OfflineRenderer())
    app = create_app(
        settings,
        context,
        resolver=resolver or FakeResolver(),
        webhook_transport=transport or LoopbackOnly(),
    )
    with LocalClient(app) as client:
        yield Api(client=client, app=app, url=url, keys=keys)


def receive_json(ws: Any, timeout_s: float = 5.0) -> dict[str, Any]:
    """The next frame, or TimeoutError: starlette's own receive() would wait forever.

    Raises WebSocketDisconnect (with the close code) when the server closed the socket."""

    async def next_message() -> Any:
        with anyio.fail_after(timeout_s):
            return await ws._send_rx.receive()

    message = ws.portal.call(next_message)
    ws._raise_on_close(message)
    return json.loads(message["text"])  # type: ignore[no-any-return]


def receive_reply(ws: Any, timeout_s: float = 5.0) -> list[dict[str, Any]]:
    """Frames up to and including the interviewer's `message` frame (bounded)."""
    frames = []
    for _ in range(20):
        frame = receive_json(ws, timeout_s)
        frames.append(frame)
        if frame.get("type") == "message" and frame.get("role") == "interviewer":
            return frames
    raise AssertionError(f"no interviewer message in {frames}")
