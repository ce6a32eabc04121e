"""Several `sdi serve` processes on one database: any process serves any turn of any interview.

The per-interview lock (a PostgreSQL advisory lock; a file lock beside a SQLite file) serialises
turns across processes; the store under that lock is
the truth, so a process never answers from a stale view. Checked against real servers: turns
alternating between two processes, both hit at once, and a websocket client that reconnects to
the other process and carries on.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from tests import personas
from tests.servers import ServeProcess

API = "/api/v1"
SCRIPT = personas.WALKTHROUGH
TIMEOUT_S = 20.0


@contextmanager
def two_processes(url: str, home: Path) -> Iterator[tuple[ServeProcess, ServeProcess]]:
    servers = [ServeProcess(home=home / name, database_url=url) for name in ("a", "b")]
    try:
        for server in servers:
            server.start()
        yield servers[0], servers[1]
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def two_servers(database_url: str, tmp_path: Path) -> Iterator[tuple[ServeProcess, ServeProcess]]:
    """Two processes on one database: PostgreSQL (several hosts), or one SQLite file (several
    processes on one host, serialised by file locks)."""
    with two_processes(database_url, tmp_path) as servers:
        yield servers


@pytest.fixture
def two_pg_servers(pg_url: str, tmp_path: Path) -> Iterator[tuple[ServeProcess, ServeProcess]]:
    with two_processes(pg_url, tmp_path) as servers:
        yield servers


def create(base: str) -> str:
    r = httpx.post(f"{base}{API}/interviews", json={"scenario_id": "twitter"}, timeout=TIMEOUT_S)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def say(base: str, interview_id: str, content: str) -> dict[str, Any]:
    r = httpx.post(
        f"{base}{API}/interviews/{interview_id}/messages",
        json={"content": content},
        timeout=TIMEOUT_S,
    )
    assert r.status_code == 200, r.text
    return r.json()["reply"]  # type: ignore[no-any-return]


def transcript(base: str, interview_id: str) -> list[dict[str, Any]]:
    r = httpx.get(f"{base}{API}/interviews/{interview_id}/transcript", timeout=TIMEOUT_S)
    assert r.status_code == 200, r.text
    return r.json()["messages"]  # type: ignore[no-any-return]


def finish(base: str, interview_id: str) -> dict[str, Any]:
    r = httpx.post(f"{base}{API}/interviews/{interview_id}/finish", timeout=TIMEOUT_S)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def shape(messages: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What a run decides: who spoke, what the candidate said, the step, the facts revealed and
    the interviewer's act. The interviewer's wording is seeded by the interview id, so two
    interviews on the same script differ in words only."""
    return [
        (
            m["role"],
            m["content"] if m["role"] == "candidate" else None,
            m.get("step"),
            tuple(m.get("revealed") or ()),
            tuple(m.get("act") or ()),
        )
        for m in messages
    ]


def assert_well_formed(messages: list[dict[str, Any]]) -> None:
    assert messages[0]["role"] == "interviewer"
    roles = [m["role"] for m in messages[1:]]
    assert roles == ["candidate", "interviewer"] * (len(roles) // 2), roles


def comparable(grade: dict[str, Any]) -> str:
    return json.dumps(
        {k: v for k, v in grade.items() if k not in ("interview_id", "graded_at")}, sort_keys=True
    )


def test_turns_alternating_between_two_processes_match_a_single_process_run(two_servers):
    a, b = two_servers
    single = create(a.http)
    for text in SCRIPT:
        say(a.http, single, text)
    alternating = create(b.http)
    for i, text in enumerate(SCRIPT):
        reply = say((a, b)[i % 2].http, alternating, text)
        assert reply["seq"] == 2 * i + 2
    # Both processes see the same transcript, and it is the single-process run's.
    seen_by_a, seen_by_b = transcript(a.http, alternating), transcript(b.http, alternating)
    assert seen_by_a == seen_by_b
    assert_well_formed(seen_by_a)
    assert shape(seen_by_a) == shape(transcript(a.http, single))
    assert comparable(finish(b.http, alternating)) == comparable(finish(a.http, single))


async def test_both_processes_hit_at_once_serialise_the_turns(two_servers):
    a, b = two_servers
    interview = create(a.http)
    texts = [f"Question {i}: can tweets contain images or video?" for i in range(10)]

    async with httpx.AsyncClient(timeout=TIMEOUT_S) as client:

        async def send(i: int) -> dict[str, Any]:
            base = (a, b)[i % 2].http
            r = await client.post(
                f"{base}{API}/interviews/{interview}/messages", json={"content": texts[i]}
            )
            assert r.status_code == 200, r.text
            return r.json()["reply"]  # type: ignore[no-any-return]

        replies = await asyncio.gather(*(send(i) for i in range(10)))

    messages = transcript(b.http, interview)
    assert len(messages) == 21
    assert_well_formed(messages)
    assert sorted(m["content"] for m in messages if m["role"] == "candidate") == sorted(texts)
    # Each answer is the reply stored right after its own question, never another's.
    for text, reply in zip(texts, replies, strict=True):
        assert messages[reply["seq"] - 1]["content"] == text
        assert messages[reply["seq"]]["content"] == reply["content"]
    assert len({r["seq"] for r in replies}) == 10


async def test_a_websocket_client_reconnects_to_the_other_process_and_continues(two_servers):
    a, b = two_servers
    interview = create(a.http)

    async def turn(ws: Any, content: str) -> dict[str, Any]:
        await ws.send(json.dumps({"type": "message", "content": content}))
        while True:
            frame = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT_S))
            if frame["type"] == "message" and frame["role"] == "interviewer":
                return frame  # type: ignore[no-any-return]

    async with websockets.connect(f"{a.ws}{API}/interviews/{interview}/ws") as ws:
        first = await turn(ws, SCRIPT[0])
    # Meanwhile a turn is served over REST by the other process.
    say(b.http, interview, SCRIPT[1])
    async with websockets.connect(
        f"{b.ws}{API}/interviews/{interview}/ws?after={first['seq']}"
    ) as ws:
        missed = [json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT_S)) for _ in range(2)]
        assert [(f["role"], f["seq"]) for f in missed] == [("candidate", 3), ("interviewer", 4)]
        assert missed[0]["content"] == SCRIPT[1]
        last = await turn(ws, SCRIPT[2])
    assert last["seq"] == 6
    messages = transcript(a.http, interview)
    assert_well_formed(messages)
    assert [m["content"] for m in messages if m["role"] == "candidate"] == SCRIPT[:3]


async def test_a_turn_served_by_one_process_reaches_sockets_on_the_other_live(two_pg_servers):
    """PostgreSQL NOTIFY carries each stored message to the other processes' sockets, with the
    same frames the serving process sends its own. (On SQLite a socket on another process gets
    them on reconnect with ?after=N: the test above.)"""
    a, b = two_pg_servers
    interview = create(a.http)
    async with websockets.connect(f"{a.ws}{API}/interviews/{interview}/ws") as ws:
        reply = say(b.http, interview, SCRIPT[0])
        frames: list[dict[str, Any]] = []
        while not any(f["type"] == "fact_revealed" for f in frames):
            frames.append(json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT_S)))
    messages = [f for f in frames if f["type"] == "message"]
    assert [(m["role"], m["seq"]) for m in messages] == [("candidate", 1), ("interviewer", 2)]
    assert messages[0]["content"] == SCRIPT[0]
    assert messages[1]["content"] == reply["content"]
    assert [f["id"] for f in frames if f["type"] == "fact_revealed"] == reply["revealed"]
