"""Graceful shutdown of the real `sdi serve`: SIGTERM while a model is still streaming two replies
(one asked over REST, one over a websocket). Both replies complete and are stored, the websocket
client gets the whole reply before the close (1012), no new connection or turn is taken, and the
process exits 0."""

from __future__ import annotations

import asyncio
import json
import re
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from websockets.exceptions import ConnectionClosed

from tests.api_fixtures import API
from tests.fake_openai import FakeServer, Script
from tests.servers import ServeProcess

QUESTION = "Can tweets contain images or video?"
REPLY = "Yes, a tweet can carry images or a short video, and that is all for media."
STALL_S = 6.0
"""How long the model pauses after its first word: the SIGTERM lands in that pause (under the
renderer's 15 s per-token timeout, so the model's words, not the offline ones, answer)."""
WAIT_S = 30.0


async def until(check: Callable[[], Any], what: str) -> Any:
    """Poll `check` until it returns something truthy (bounded: fails after WAIT_S)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while not (result := check()):
        assert loop.time() < deadline, f"gave up waiting for {what}"
        await asyncio.sleep(0.05)
    return result


def draining_line(server: ServeProcess) -> dict[str, Any] | None:
    for line in server.log.read_text().splitlines():
        if '"draining' in line:
            return json.loads(line)  # type: ignore[no-any-return]
    return None


async def test_sigterm_lets_turns_in_flight_finish_then_exits_0(tmp_path: Path):
    with FakeServer() as fake:
        fake.fake.enqueue(
            Script("stall", text=REPLY, stall_s=STALL_S),
            Script("stall", text=REPLY, stall_s=STALL_S),
        )
        server = ServeProcess(
            home=tmp_path / "home",
            database_url=f"sqlite:///{tmp_path / 'sdi.db'}",
            env={"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "test", "SDI_MODEL": "fake"},
        ).start()
        try:
            async with httpx.AsyncClient(base_url=server.http, timeout=WAIT_S) as client:
                ids = []
                for _ in range(3):
                    r = await client.post(f"{API}/interviews", json={"scenario_id": "twitter"})
                    ids.append(r.json()["id"])
                rest_id, ws_id, late_id = ids
                # An idle keep-alive connection, open before the SIGTERM.
                async with httpx.AsyncClient(base_url=server.http, timeout=WAIT_S) as idle:
                    assert (await idle.get("/healthz")).status_code == 200
                    async with websockets.connect(f"{server.ws}{API}/interviews/{ws_id}/ws") as ws:
                        rest = asyncio.create_task(
                            client.post(
                                f"{API}/interviews/{rest_id}/messages", json={"content": QUESTION}
                            )
                        )
                        await ws.send(json.dumps({"type": "message", "content": QUESTION}))
                        frames = [json.loads(await ws.recv())]  # the candidate's message, stored
                        frames.append(json.loads(await ws.recv()))  # the reply's first token
                        assert frames[-1]["type"] == "token"
                        await until(
                            lambda: len(fake.fake.first_token_at) == 2, "both replies to start"
                        )

                        server.proc.send_signal(signal.SIGTERM)
                        draining = await until(lambda: draining_line(server), "the drain to start")
                        assert draining["in_flight"] == 2  # both turns were under way
                        with pytest.raises(httpx.ConnectError):  # no new connection
                            await httpx.AsyncClient().get(f"{server.http}/healthz")
                        refused = await idle.post(
                            f"{API}/interviews/{late_id}/messages", json={"content": QUESTION}
                        )
                        assert refused.status_code == 503  # no new turn on an open connection
                        assert refused.headers["retry-after"]

                        with pytest.raises(ConnectionClosed) as closed:
                            while True:
                                frames.append(json.loads(await ws.recv()))
                    response = await rest
            code = await asyncio.to_thread(server.proc.wait, WAIT_S)
        finally:
            server.kill()
    assert code == 0, server.log.read_text()
    assert closed.value.rcvd is not None and closed.value.rcvd.code in (1001, 1012)
    replies = [f for f in frames if f["type"] == "message" and f["role"] == "interviewer"]
    assert [r["content"] for r in replies] == [REPLY]  # the whole reply, before the close
    tokens = "".join(f["delta"] for f in frames if f["type"] == "token")
    assert tokens.strip() == REPLY
    assert response.status_code == 200 and response.json()["reply"]["content"] == REPLY

    server.start()  # the same database: both replies were stored, the refused turn was not
    try:
        for interview_id, count in ((rest_id, 3), (ws_id, 3), (late_id, 1)):
            r = httpx.get(f"{server.http}{API}/interviews/{interview_id}/transcript")
            messages = r.json()["messages"]
            assert len(messages) == count, messages
            if count == 3:
                assert messages[1]["content"] == QUESTION
                assert messages[2]["content"] == REPLY and messages[2]["revealed"] == ["media"]
    finally:
        assert server.stop() == 0
    assert re.search(r'"Finished server process', server.log.read_text())
