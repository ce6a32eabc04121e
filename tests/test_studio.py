"""LangGraph Studio for real: `langgraph dev` serves the graph from langgraph.json, on loopback,
with no `--allow-blocking`, and a turn is what a person types there: {"content": "..."}.

langgraph-cli's in-memory server pins jsonschema-rs below what schemathesis needs, so it lives in
its own virtualenv, `.venv-studio` (scripts/test makes it; SDI_LANGGRAPH names another binary).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
LANGGRAPH = Path(os.environ.get("SDI_LANGGRAPH", REPO / ".venv-studio" / "bin" / "langgraph"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(base: str, method: str, path: str, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, no proxy
    with opener.open(request, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def studio() -> Iterator[tuple[str, list[str]]]:
    assert LANGGRAPH.exists(), (
        f"{LANGGRAPH} is missing: ./scripts/test installs langgraph-cli[inmem] in .venv-studio"
    )
    port = _free_port()
    env = {
        **os.environ,
        "LANGGRAPH_CLI_NO_ANALYTICS": "1",
        "LANGSMITH_TRACING": "false",
        "LANGCHAIN_TRACING_V2": "false",
        "OPENAI_API_KEY": "",
        "OPENAI_BASE_URL": "",
        "SDI_MODEL": "",
    }
    log = REPO / ".pytest-langgraph-dev.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                str(LANGGRAPH),
                "dev",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-browser",
                "--no-reload",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _call(base, "GET", "/ok")
                break
            except OSError:
                assert server.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, "langgraph dev did not start in 90 s"
                time.sleep(0.5)
        lines: list[str] = []
        yield base, lines
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        output = log.read_text()
        log.unlink(missing_ok=True)
    assert "BlockingError" not in output, output[-3000:]


def test_langgraph_dev_plays_two_turns_typed_as_content(studio: tuple[str, list[str]]) -> None:
    base, _ = studio
    thread = _call(base, "POST", "/threads", {})["thread_id"]
    turns = ["Can tweets have images or videos?", "Can tweets be edited?"]
    replies = [
        _call(
            base,
            "POST",
            f"/threads/{thread}/runs/wait",
            {"assistant_id": "interview", "input": {"content": text}},
        )["reply"]
        for text in turns
    ]
    assert [r["revealed"] for r in replies] == [["media"], ["tweet_edits"]]
    assert [r["seq"] for r in replies] == [2, 4]  # the opening is 0: each turn is two messages
    state = _call(base, "GET", f"/threads/{thread}/state")["values"]
    assert state["memory"]["revealed"] == ["media", "tweet_edits"]
    assert "messages" not in state  # the state holds what deciding needs, not the transcript


def test_langgraph_dev_shows_the_steps_as_nodes(studio: tuple[str, list[str]]) -> None:
    base, _ = studio
    assistants = _call(base, "POST", "/assistants/search", {"graph_id": "interview"})
    graph = _call(base, "GET", f"/assistants/{assistants[0]['assistant_id']}/graph")
    nodes = {n["id"] for n in graph["nodes"]}
    assert {"requirements", "data_api_scale", "design", "wrap_up", "respond"} <= nodes
    edges = {(e["source"], e["target"]) for e in graph["edges"]}
    assert ("requirements", "data_api_scale") in edges and ("design", "wrap_up") in edges


def test_docs_graph_shows_the_compiled_graph() -> None:
    """docs/graph.md carries the graph as `draw_mermaid()` draws it today."""
    from graphs.interview import build_graph

    drawn = build_graph().compile().get_graph().draw_mermaid()
    page = (REPO / "docs" / "graph.md").read_text()
    assert drawn in page, "docs/graph.md is stale: regenerate its mermaid block"
    for node in ("requirements", "data_api_scale", "design", "wrap_up"):
        assert f"\t{node}({node})" in drawn
