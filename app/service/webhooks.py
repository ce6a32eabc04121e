"""Webhooks: on finish, POST the grade to the tenant's URL, signed, retried with backoff.

Delivery runs as a background task: the candidate's request never waits for it. The body is the
`sdi.grade/v1` JSON; `X-Sdi-Signature: sha256=<hex>` is the HMAC-SHA256 of the exact body with
the tenant's webhook secret; `X-Sdi-Event: interview.finished` and `X-Sdi-Interview` say what.

A webhook cannot be aimed inward (server-side request forgery, OWASP API7): a URL whose host
resolves to a loopback, private, link-local, multicast, reserved or otherwise non-public address
is refused when it is set and again before every attempt (a name may resolve elsewhere later),
and the request goes to the very address that was checked (the name is kept for the Host header
and TLS), so a second lookup cannot swap it. Redirects are not followed.
SDI_WEBHOOK_ALLOW_PRIVATE=true allows inward targets for deployments that need them.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from app.core.errors import WebhookRefused
from app.service.auth import sign
from app.storage.store import Webhook

log = logging.getLogger("sdi.webhooks")

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""A host name and port in, its addresses out (the system's resolver; tests pass a fake)."""


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def inward(ip: str) -> str | None:
    """Why an address is not a public one a webhook may reach (None when it is)."""
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    for test, name in (
        ("is_loopback", "loopback"),
        ("is_unspecified", "unspecified"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_private", "private"),
        ("is_reserved", "reserved"),
    ):
        if getattr(addr, test):
            return name
    return None if addr.is_global else "non-public"


@dataclass(frozen=True)
class Target:
    """Where a delivery goes: the URL as registered, and the checked address to connect to."""

    url: httpx.URL
    ip: str


async def check_target(url: str, resolver: Resolver, allow_private: bool) -> Target:
    """The address a webhook URL may be called at, or WebhookRefused saying why not."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise WebhookRefused(f"url: not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise WebhookRefused("url: must be an http:// or https:// URL with a host")
    host = parsed.host
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        ips = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            ips = await resolver(host, port)
        except (OSError, UnicodeError) as exc:  # UnicodeError: a label over 63 characters
            raise WebhookRefused(f"url: cannot resolve '{host}' ({exc})") from None
    if not ips:
        raise WebhookRefused(f"url: '{host}' resolves to no address")
    if not allow_private:
        for ip in ips:
            reason = inward(ip)
            if reason is not None:
                raise WebhookRefused(
                    f"url: '{host}' resolves to {ip}, a {reason} address; webhooks may not "
                    "target the server's own network (SDI_WEBHOOK_ALLOW_PRIVATE=true allows it)"
                )
    return Target(parsed, ips[0])


class Dispatcher:
    def __init__(
        self,
        attempts: int = 5,
        backoff_s: float = 1.0,
        timeout_s: float = 10.0,
        resolver: Resolver = system_resolver,
        allow_private: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
    ):
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.resolver = resolver
        self.allow_private = allow_private
        self.client = httpx.AsyncClient(
            timeout=timeout_s, follow_redirects=False, transport=transport
        )
        self._tasks: set[asyncio.Task[bool]] = set()

    async def check(self, url: str) -> Target:
        """Raises WebhookRefused for a URL that must not be called (see the module)."""
        return await check_target(url, self.resolver, self.allow_private)

    def send_later(self, hook: Webhook, interview_id: str, grade: dict[str, Any]) -> None:
        """Schedule delivery; returns at once."""
        task = asyncio.create_task(self.deliver(hook, interview_id, grade))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def deliver(self, hook: Webhook, interview_id: str, grade: dict[str, Any]) -> bool:
        body = json.dumps(grade, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Sdi-Event": "interview.finished",
            "X-Sdi-Interview": interview_id,
            "X-Sdi-Signature": sign(body, hook.secret),
        }
        for attempt in range(1, self.attempts + 1):
            try:
                target = await self.check(hook.url)
            except WebhookRefused as exc:
                log.warning("webhook refused: %s", exc)
                return False
            try:
                response = await self._post(target, body, headers)
                if response.status_code < 300:
                    return True
                retry = response.status_code >= 500 or response.status_code == 429
                log.warning("webhook %s answered %s", hook.url, response.status_code)
                if not retry:
                    return False
            except httpx.HTTPError as exc:
                log.warning("webhook %s failed: %s", hook.url, exc)
            if attempt < self.attempts:
                await asyncio.sleep(self.backoff_s * 2 ** (attempt - 1))
        return False

    async def _post(self, target: Target, body: bytes, headers: dict[str, str]) -> httpx.Response:
        """POST to the checked address itself; the name stays in Host and in TLS (SNI and the
        certificate check), so the address cannot change between the check and the call."""
        url = target.url
        pinned = url.copy_with(host=target.ip)
        extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
        return await self.client.post(
            pinned,
            content=body,
            headers={**headers, "Host": url.netloc.decode("ascii")},
            extensions=extensions,
        )

    async def drain(self) -> None:
        """Wait for deliveries in flight (used at shutdown and by tests)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self) -> None:
        await self.drain()
        await self.client.aclose()
