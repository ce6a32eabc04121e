"""Webhooks: on finish, POST the grade to the tenant's URL, signed, retried with backoff.

Delivery runs as a background task: the candidate's request never waits for it. The body is the
`sdi.grade/v1` JSON; `X-Sdi-Signature: sha256=<hex>` is the HMAC-SHA256 of the exact body with
the tenant's webhook secret; `X-Sdi-Event: interview.finished` and `X-Sdi-Interview` say what.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx

from app.service.auth import sign
from app.storage.store import Webhook

log = logging.getLogger("sdi.webhooks")


class Dispatcher:
    def __init__(self, attempts: int = 5, backoff_s: float = 1.0, timeout_s: float = 10.0):
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.client = httpx.AsyncClient(timeout=timeout_s)
        self._tasks: set[asyncio.Task[bool]] = set()

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
                response = await self.client.post(hook.url, content=body, headers=headers)
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

    async def drain(self) -> None:
        """Wait for deliveries in flight (used at shutdown and by tests)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self) -> None:
        await self.drain()
        await self.client.aclose()
