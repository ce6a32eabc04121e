"""A real `sdi serve` (uvicorn on 127.0.0.1) driven by real clients: httpx for REST and the
`websockets` library for the socket. One whole interview, and the frame limits uvicorn enforces."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from websockets.exceptions import ConnectionClosed

from tests import personas

REPO = Path(__file__).resolve().parents[1]
FRAME_LIMIT = 4096
STARTUP_S = 30.0
TIMEOUT_S = 10.0


@dataclass
class Server:
    http: str
    ws: str
    log: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`sdi serve` in a subprocess on a fresh SQLite file, offline renderer, small frame limit.

    It runs in an empty directory (no .env is read) with no model configured."""
    home = tmp_path_factory.mktemp("server")
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SDI_MODEL", "SDI_CLASSIFIER")
    }
    env |= {
        "DATABASE_URL": f"sqlite:///{home / 'sdi.db'}",
        "SDI_WS_MAX_FRAME_BYTES": str(FRAME_LIMIT),
        "PYTHONPATH": str(REPO),
    }
    log = home / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
            cwd=home,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_S
        while True:
            assert proc.poll() is None, f"sdi serve exited:\n{log.read_text()}"
            try:
                if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"no /healthz in {STARTUP_S}s:\n{log.read_text()}"
            time.sleep(0.1)
        yield Server(http=base, ws=f"ws://127.0.0.1:{port}", log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# The candidate: requirements questions, on to the API and scale, on to the design, done.
SCRIPT = personas.WALKTHROUGH


async def next_frame(ws: Any) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT_S))  # type: ignore[no-any-return]


async def turn(ws: Any, content: str, step: str) -> list[dict[str, Any]]:
    """Send one message; the frames up to the reply and then the reply's events."""
    await ws.send(json.dumps({"type": "message", "content": content}))
    frames = [await next_frame(ws)]
    while not (frames[-1]["type"] == "message" and frames[-1]["role"] == "interviewer"):
        frames.append(await next_frame(ws))
        assert len(frames) < 500, frames
    reply = frames[-1]
    events = len(reply["revealed"]) + (reply["step"] != step) + ("follow_up" in reply["act"])
    frames += [await next_frame(ws) for _ in range(events)]
    return frames


async def test_one_whole_interview_over_a_real_server(server: Server):
    async with httpx.AsyncClient(base_url=f"{server.http}/api/v1", timeout=TIMEOUT_S) as http:
        r = await http.post("/interviews", json={"scenario_id": "twitter"})
        assert r.status_code == 201, r.text
        created = r.json()
        iid = created["id"]
        received: list[dict[str, Any]] = []
        step = created["step"]
        async with websockets.connect(
            f"{server.ws}/api/v1/interviews/{iid}/ws", open_timeout=TIMEOUT_S
        ) as ws:
            for content in SCRIPT:
                frames = await turn(ws, content, step)
                assert frames[0] == {**frames[0], "type": "message", "role": "candidate"}
                assert frames[0]["content"] == content
                received += frames
                step = next(f for f in frames if f["type"] == "message" and f.get("step"))["step"]
        grade = (await http.post(f"/interviews/{iid}/finish")).json()
        transcript = (await http.get(f"/interviews/{iid}/transcript")).json()
        state = (await http.get(f"/interviews/{iid}")).json()

    messages = [f for f in received if f["type"] == "message"]
    replies = [m for m in messages if m["role"] == "interviewer"]
    # Steps go forward in order, and every change was announced as it happened.
    assert [m["step"] for m in replies[:3]] == ["requirements"] * 3
    assert replies[3]["step"] == "data_api_scale" and replies[5]["step"] == "design"
    assert replies[-1]["step"] == "wrap_up"
    changes = [(f["previous"], f["step"]) for f in received if f["type"] == "step_changed"]
    assert changes == [
        ("requirements", "data_api_scale"),
        ("data_api_scale", "design"),
        ("design", "wrap_up"),
    ]
    # The facts asked for were revealed, each announced once, with its topic.
    revealed = [fact for m in replies for fact in m["revealed"]]
    assert {"media", "tweet_edits", "account_deletion", "feed_order"} <= set(revealed)
    assert {"read_rate", "write_rate", "write_size"} <= set(revealed)
    announced = [f for f in received if f["type"] == "fact_revealed"]
    assert [f["id"] for f in announced] == revealed
    assert all(f["topic"] for f in announced)
    assert any(f["type"] == "follow_up" for f in received)
    # What the socket received is what the server stored, seq for seq.
    stored = transcript["messages"]
    assert stored[0] == {**stored[0], "content": created["messages"][0]["content"]}
    assert [m["seq"] for m in messages] == list(range(1, len(stored)))
    assert [(m["role"], m["content"]) for m in messages] == [
        (m["role"], m["content"]) for m in stored[1:]
    ]
    assert [m["revealed"] for m in replies] == [m["revealed"] for m in stored[2::2]]
    # Finished over REST, and graded on that transcript.
    assert state["status"] == "finished" and state["message_count"] == len(stored)
    assert grade["format"] == "sdi.grade/v1" and grade["scenario_id"] == "twitter"
    assert set(revealed) <= set(grade["facts"]["uncovered"])


async def closed_with(ws: Any) -> tuple[int, str]:
    """The code and reason the server closed with (the next recv fails on its close frame)."""
    with pytest.raises(ConnectionClosed) as closed:
        await asyncio.wait_for(ws.recv(), TIMEOUT_S)
    assert closed.value.rcvd is not None, "the server sent no close frame"
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def new_interview(server: Server) -> str:
    async with httpx.AsyncClient(timeout=TIMEOUT_S) as http:
        r = await http.post(f"{server.http}/api/v1/interviews", json={"scenario_id": "twitter"})
        assert r.status_code == 201, r.text
        return r.json()["id"]  # type: ignore[no-any-return]


async def test_real_server_closes_a_frame_over_the_limit_with_1009(server: Server):
    iid = await new_interview(server)
    url = f"{server.ws}/api/v1/interviews/{iid}/ws"
    content = "Can tweets contain images or video?"
    async with websockets.connect(url, open_timeout=TIMEOUT_S, max_size=None) as ws:
        small = json.dumps({"type": "message", "content": content + " " * 3000})
        assert len(small.encode()) < FRAME_LIMIT
        frames = await turn(ws, small, "requirements")
        assert frames[1]["revealed"] == ["media"]
        await ws.send(json.dumps({"type": "message", "content": content + " " * FRAME_LIMIT}))
        assert (await closed_with(ws))[0] == 1009
    async with httpx.AsyncClient(timeout=TIMEOUT_S) as http:
        r = await http.get(f"{server.http}/api/v1/interviews/{iid}/transcript")
        assert len(r.json()["messages"]) == 3  # the big frame stored nothing


async def test_real_server_closes_a_binary_frame_with_1003(server: Server):
    iid = await new_interview(server)
    url = f"{server.ws}/api/v1/interviews/{iid}/ws"
    async with websockets.connect(url, open_timeout=TIMEOUT_S) as ws:
        await ws.send(b'{"type": "message", "content": "hello"}')
        assert await closed_with(ws) == (1003, "text frames only")


async def test_real_server_refuses_an_unknown_interview_with_1008(server: Server):
    url = f"{server.ws}/api/v1/interviews/no-such-interview/ws"
    async with websockets.connect(url, open_timeout=TIMEOUT_S) as ws:
        assert await closed_with(ws) == (1008, "unknown interview")


def test_the_python_client_in_the_docs_runs_against_a_real_server(server: Server, tmp_path):
    doc = (REPO / "docs" / "websocket.md").read_text()
    code = doc.split("```python\n", 1)[1].split("```", 1)[0]
    script = tmp_path / "client.py"
    script.write_text(code)
    done = subprocess.run(
        [sys.executable, str(script), server.http],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("interviewer: ")
    assert "candidate [1]: Can tweets contain images or video?" in lines
    assert any(line.startswith("interviewer [2]: ") for line in lines)
    assert any("'type': 'fact_revealed'" in line and "'media'" in line for line in lines)
    assert any(line.startswith("interviewer [4]: ") for line in lines)
