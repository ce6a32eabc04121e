"""A fake OpenAI-compatible server on 127.0.0.1 for tests: streaming SSE and scripted faults.

Like simonw/llm's MockModel: `enqueue()` says what the next requests answer, `history` holds
every request body it received (which is how tests prove what a model was told).
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


@dataclass
class Script:
    """One scripted answer. kind: text | echo | status | stall | break | empty | huge."""

    kind: str = "text"
    text: str = "Sure."
    status: int = 500
    stall_s: float = 30.0


@dataclass
class FakeOpenAI:
    default: Script = field(default_factory=lambda: Script("echo"))
    history: list[dict[str, Any]] = field(default_factory=list)
    first_token_at: list[float] = field(default_factory=list)
    _queue: deque[Script] = field(default_factory=deque)

    def enqueue(self, *scripts: Script) -> None:
        self._queue.extend(scripts)

    def _next(self) -> Script:
        return self._queue.popleft() if self._queue else self.default

    async def completions(self, request: Request) -> Response:
        body = await request.json()
        self.history.append(body)
        script = self._next()
        if script.kind == "status":
            return JSONResponse(
                {"error": {"message": "scripted", "type": "server_error"}},
                status_code=script.status,
            )
        if not body.get("stream"):  # a plain completion (the classifier)
            text = (
                "\n".join(m["content"] for m in body["messages"])
                if script.kind == "echo"
                else script.text
            )
            return JSONResponse(
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", "fake"),
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "stop",
                            "message": {"role": "assistant", "content": text},
                        }
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
            )
        if script.kind == "echo":  # the leaky model: says its whole prompt back
            text = "\n".join(m["content"] for m in body["messages"])
        elif script.kind == "empty":
            text = ""
        elif script.kind == "huge":
            text = "blah " * 5000
        else:
            text = script.text
        return StreamingResponse(self._sse(text, script, body), media_type="text/event-stream")

    async def _sse(self, text: str, script: Script, body: dict[str, Any]):  # noqa: ANN202
        words = [w + " " for w in text.split(" ")] if text else []
        base = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body.get("model", "fake"),
        }
        for i, word in enumerate(words):
            if i == 0:
                self.first_token_at.append(time.perf_counter())
            chunk = {
                **base,
                "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": None}],
            }
            yield f"data: {json.dumps(chunk)}\n\n"
            if script.kind == "stall" and i == 0:
                await asyncio.sleep(script.stall_s)
            if script.kind == "break" and i == 1:
                raise ConnectionAbortedError("scripted: the stream breaks halfway")
        yield f"data: {json.dumps({**base, 'choices': [{'index': 0, 'delta': {}, 'finish_reason': 'stop'}]})}\n\n"
        usage = {
            "prompt_tokens": sum(len(m["content"].split()) for m in body["messages"]),
            "completion_tokens": len(words),
            "total_tokens": 0,
        }
        yield f"data: {json.dumps({**base, 'choices': [], 'usage': usage})}\n\n"
        yield "data: [DONE]\n\n"


class FakeServer:
    """Runs a FakeOpenAI on a free loopback port in a background thread."""

    def __init__(self, fake: FakeOpenAI | None = None):
        self.fake = fake or FakeOpenAI()
        app = Starlette(
            routes=[Route("/v1/chat/completions", self.fake.completions, methods=["POST"])]
        )
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> FakeServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake OpenAI server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
