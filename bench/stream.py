"""Delay from the fake model emitting its first token to the websocket client receiving it.

A fake OpenAI-compatible server and a real `sdi` server (uvicorn) run on 127.0.0.1 in this
process; a `websockets` client sends candidate messages and times the first `token` frame
against the moment the fake model wrote its first chunk.

Run: .venv/bin/python bench/stream.py [turns]
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.api.app import create_app
from app.config import Settings
from app.render.llm import LLMConfig, LLMRenderer
from graphs.context import InterviewContext
from tests.fake_openai import FakeServer, Script

QUESTIONS = ["Can tweets contain images?", "Can tweets be edited?", "Is the feed chronological?"]


def serve(app: object) -> tuple[uvicorn.Server, int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))  # type: ignore[arg-type]
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    return server, sock.getsockname()[1]


async def run(turns: int) -> None:
    with FakeServer() as fake, tempfile.TemporaryDirectory() as tmp:
        fake.fake.default = Script("text", text="Sure, here is what I can tell you about that.")
        renderer = LLMRenderer(LLMConfig(model="fake", base_url=fake.base_url, api_key="x"))
        settings = Settings(DATABASE_URL=f"sqlite:///{Path(tmp) / 'b.db'}", SDI_RATE_BURST=10**6)
        app = create_app(settings, InterviewContext(renderer=renderer))
        server, port = serve(app)
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                created = await http.post("/api/v1/interviews", json={"scenario_id": "twitter"})
                interview = created.json()["id"]
            delays = []
            url = f"ws://127.0.0.1:{port}/api/v1/interviews/{interview}/ws"
            async with websockets.connect(url) as ws:
                for i in range(turns):
                    before = len(fake.fake.first_token_at)
                    await ws.send(
                        json.dumps({"type": "message", "content": QUESTIONS[i % len(QUESTIONS)]})
                    )
                    got_first = None
                    while True:
                        frame = json.loads(await ws.recv())
                        if frame["type"] == "token" and got_first is None:
                            got_first = time.perf_counter()
                        if frame["type"] == "message" and frame["role"] == "interviewer":
                            break
                    if got_first is not None and len(fake.fake.first_token_at) > before:
                        delays.append(got_first - fake.fake.first_token_at[before])
        finally:
            server.should_exit = True
    delays.sort()
    if not delays:
        print("no token frames received")
        return
    print(f"first token: fake model -> websocket client over loopback ({len(delays)} turns)")
    print(
        f"p50 {statistics.median(delays) * 1e3:.2f} ms   "
        f"p99 {delays[min(len(delays) - 1, int(len(delays) * 0.99))] * 1e3:.2f} ms   "
        f"max {delays[-1] * 1e3:.2f} ms   (target <= 20 ms)"
    )


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
