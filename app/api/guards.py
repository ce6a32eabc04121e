"""What stands between the network and the routes: which Host is answered (DNS rebinding),
which Origin may open a websocket (cross-site websockets), and how big and how slow a request
body may be (one request must not stall the worker). docs/security.md says why each exists."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import metrics


def origin_allowed(conn: HTTPConnection, allowed: list[str]) -> bool:
    """A websocket's Origin is the page that opened it: the server's own pages (same host and
    port as the Host header), or a front end in SDI_ALLOWED_ORIGINS. A client that is not a
    browser sends no Origin; a web page always does, so it cannot leave it out."""
    origin = conn.headers.get("origin")
    if origin is None:
        return True
    origin = origin.rstrip("/")
    if origin in allowed:
        return True
    parts = urlsplit(origin)
    host = conn.headers.get("host", "")
    return parts.scheme in ("http", "https") and bool(host) and parts.netloc.lower() == host.lower()


class BodyLimit:
    """Request bodies up to `max_bytes`, arriving within `timeout_s`: 413 past the size (before
    reading it, when Content-Length says so), 408 past the time. The body is read here and
    handed on whole, so no route ever waits on a slow client."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await _refuse(send, 413, self._too_large(int(length)))
            return
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.timeout_s):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:
                        await _refuse(send, 413, self._too_large(size, at_least=True))
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            detail = f"the request body did not arrive within {self.timeout_s:g} s"
            await _refuse(send, 408, detail)
            return
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self, size: int, at_least: bool = False) -> str:
        said = f"at least {size}" if at_least else str(size)
        return f"request body is {said} bytes; the limit is {self.max_bytes} (SDI_MAX_BODY_BYTES)"


async def _refuse(send: Send, status: int, detail: str) -> None:
    metrics.error(metrics.status_kind(status))
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status in (408, 413):
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


class AllowedMethods:
    """Every method a path takes, in `Allow`: OPTIONS gets 204 with them, and a 405 (a method
    the path does not take) gets them all, where Starlette's router names only the first
    matching route's. The routes themselves say what they take (`matches`), so web pages,
    probes and static files answer as the API does. A path nothing serves is a 404. CORS
    preflights, when CORS is configured, are answered by the CORS middleware before this."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    @staticmethod
    def allowed(scope: Scope) -> frozenset[str]:
        methods: set[str] = set()
        for route in scope["app"].router.routes:
            if isinstance(route, Mount):  # a mount takes every method; static files take two
                if isinstance(route.app, StaticFiles) and route.matches(scope)[0] == Match.FULL:
                    methods |= {"GET", "HEAD"}
                continue
            for method in METHODS:
                if route.matches({**scope, "method": method})[0] == Match.FULL:
                    methods.add(method)
        return frozenset(methods)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            methods = self.allowed(scope)
            if methods:
                allow = _allow(methods)
                await send({"type": "http.response.start", "status": 204, "headers": [allow]})
                await send({"type": "http.response.body", "body": b""})
                return

        asked = dict(scope)  # as it came: routing rewrites the scope (a mount's root_path)

        async def send_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                headers = [(k, v) for k, v in message["headers"] if k.lower() != b"allow"]
                message = {**message, "headers": [*headers, _allow(self.allowed(asked))]}
            await send(message)

        await self.app(scope, receive, send_allow)


def _allow(methods: frozenset[str]) -> tuple[bytes, bytes]:
    return b"allow", ", ".join(sorted(methods | {"OPTIONS"})).encode()
