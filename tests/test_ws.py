"""The interview websocket through starlette's TestClient: frames, events, errors, close codes,
replay after a reconnect, and fan-out to every client of an interview (docs/websocket.md)."""

from __future__ import annotations

import asyncio
import inspect
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from app.api.app import create_app
from app.api.hub import Hub, message_frame
from app.config import Settings
from app.core.policy import Act
from app.core.scenarios.loader import Library, LoadedScenario
from app.render.base import Rendered, TokenSink
from app.render.offline import OfflineRenderer
from graphs.context import InterviewContext
from tests.api_fixtures import API, Api, LocalClient, database_url, receive_json, running_api

MEDIA = "Can tweets contain images or video?"
EDITS = "Can tweets be edited or deleted after they're published? And can accounts be deleted?"
ASSUMPTION = "So the objects are accounts and tweets, and an account follows other accounts."
TO_API = "Let's move on to the API."
TO_DESIGN = "Let's move on to the design."
DESIGN = (
    "Media goes to a blob store and the tweet row keeps its URL. I'd pick a NoSQL database "
    "because we don't need strong consistency."
)


def ws_path(interview_id: str, query: str = "") -> str:
    return f"{API}/interviews/{interview_id}/ws" + (f"?{query}" if query else "")


@dataclass
class Turn:
    """What one client received for one turn, in order."""

    candidate: dict[str, Any]
    tokens: list[str]
    reply: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)


def events_after(ws: Any) -> list[dict[str, Any]]:
    """Every frame already sent after a reply: a bad frame now is answered after them all, so
    the frames before its error are the turn's events (counted by the server, not re-derived)."""
    ws.send_text("barrier")
    events = []
    while (frame := receive_json(ws))["type"] != "error":
        events.append(frame)
    assert frame["code"] == "invalid_json", frame
    return events


def read_reply(ws: Any, previous_step: str) -> tuple[list[str], dict[str, Any], list[Any]]:
    """Tokens of the reply, the reply's `message` frame, then its events."""
    tokens = []
    for _ in range(500):
        frame = receive_json(ws)
        if frame["type"] != "token":
            break
        tokens.append(frame["delta"])
    assert frame["type"] == "message" and frame["role"] == "interviewer", frame
    return tokens, frame, events_after(ws)


def read_turn(ws: Any, previous_step: str) -> Turn:
    """The frames of one turn: the candidate's message, any tokens, the reply, its events."""
    candidate = receive_json(ws)
    assert candidate["type"] == "message" and candidate["role"] == "candidate", candidate
    return Turn(candidate, *read_reply(ws, previous_step))


def say(ws: Any, content: str, previous_step: str = "requirements") -> Turn:
    ws.send_json({"type": "message", "content": content})
    return read_turn(ws, previous_step)


def assert_nothing_pending(ws: Any) -> None:
    """No frame is waiting: a bad frame sent now is answered by the very next frame."""
    ws.send_text("barrier")
    frame = receive_json(ws)
    assert frame == {**frame, "type": "error", "code": "invalid_json"}, frame


def assert_closed_with(ws: Any, code: int) -> None:
    with pytest.raises(WebSocketDisconnect) as closed:
        receive_json(ws, timeout_s=5)
    assert closed.value.code == code


def kinds(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


# --- message frames and events ------------------------------------------------------------------


def test_message_frames_carry_seq_and_the_reply_follows_the_candidate(local_api: Api):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        first = say(ws, MEDIA)
        second = say(ws, ASSUMPTION)
        assert_nothing_pending(ws)
    assert first.candidate == {**first.candidate, "seq": 1, "content": MEDIA}
    assert first.reply["seq"] == 2 and first.reply["step"] == "requirements"
    assert second.candidate["seq"] == 3 and second.reply["seq"] == 4
    # seq is the index into the stored transcript, and the frames say what was stored.
    transcript = local_api.transcript(iid, {})
    for frame in (first.candidate, first.reply, second.candidate, second.reply):
        stored = transcript[frame["seq"]]
        assert (stored["role"], stored["content"]) == (frame["role"], frame["content"])
    assert transcript[2]["revealed"] == first.reply["revealed"] == ["media"]


def test_fact_revealed_carries_id_and_topic_only_for_the_facts_asked(
    local_api: Api, library: Library
):
    iid = local_api.create()["id"]
    scenario = library.get("twitter").scenario
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        asked = say(ws, EDITS)
        nothing = say(ws, ASSUMPTION)
        assert_nothing_pending(ws)
    assert sorted(asked.reply["revealed"]) == ["account_deletion", "tweet_edits"]
    assert kinds(asked.events) == ["fact_revealed", "fact_revealed"]
    for event in asked.events:
        fact = scenario.fact(event["id"])
        assert event == {
            "type": "fact_revealed",
            "seq": asked.reply["seq"],
            "id": fact.id,
            "topic": fact.topic,
        }
        assert fact.answer not in json.dumps(event)  # the topic names the fact, not its value
    assert nothing.reply["revealed"] == [] and nothing.events == []


def test_step_changed_when_the_candidate_moves_on(local_api: Api):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        stay = say(ws, MEDIA)
        move = say(ws, TO_API)
        assert_nothing_pending(ws)
    assert "step_changed" not in kinds(stay.events)
    assert move.reply["step"] == "data_api_scale"
    assert move.events == [
        {
            "type": "step_changed",
            "seq": move.reply["seq"],
            "step": "data_api_scale",
            "previous": "requirements",
        }
    ]
    assert local_api.client.get(f"{API}/interviews/{iid}").json()["step"] == "data_api_scale"


def test_follow_up_during_design(local_api: Api):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        say(ws, TO_API)
        to_design = say(ws, TO_DESIGN, previous_step="data_api_scale")
        design = say(ws, DESIGN, previous_step="design")
        assert_nothing_pending(ws)
    assert kinds(to_design.events) == ["step_changed"] and to_design.reply["step"] == "design"
    assert "follow_up" in design.reply["act"]
    assert design.events == [
        {"type": "follow_up", "seq": design.reply["seq"], "content": design.reply["content"]}
    ]


# --- bad frames: an error frame, and the connection goes on -------------------------------------


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ('{"type": "message", "content": "unterminated', "invalid_json"),
        ("hello", "invalid_json"),
        ('{"type": "ping"}', "unknown_type"),
        ('{"content": "no type at all"}', "unknown_type"),
        ('["type", "message"]', "unknown_type"),
        ('{"type": "message"}', "invalid_message"),
        ('{"type": "message", "content": 42}', "invalid_message"),
        ('{"type": "message", "content": "  \\n\\t "}', "invalid_message"),
        ('{"type": "message", "content": "' + "x" * 8001 + '"}', "invalid_message"),
    ],
)
def test_bad_frame_gets_an_error_frame_and_the_connection_still_answers(
    local_api: Api, frame: str, code: str
):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        ws.send_text(frame)
        error = receive_json(ws)
        assert error["type"] == "error" and error["code"] == code, error
        assert isinstance(error["detail"], str) and error["detail"]
        good = say(ws, MEDIA)
    assert good.candidate["seq"] == 1 and good.reply["revealed"] == ["media"]
    assert len(local_api.transcript(iid, {})) == 3  # the bad frame stored nothing


@pytest.mark.parametrize(
    "closing", [["/finish"], ["That's my whole design.", "No questions, thanks."]]
)
def test_closing_in_the_chat_sends_finished_and_grades_the_interview(
    local_api: Api, closing: list[str]
):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        say(ws, MEDIA)
        turns = [say(ws, text) for text in closing]
        last = turns[-1]
        assert kinds(last.events)[-1] == "finished"
        assert last.events[-1] == {"type": "finished", "seq": last.reply["seq"]}
        assert all("finished" not in kinds(t.events) for t in turns[:-1])
        ws.send_json({"type": "message", "content": MEDIA})
        assert receive_json(ws)["code"] == "finished"
    state = local_api.client.get(f"{API}/interviews/{iid}").json()
    assert (state["status"], state["step"]) == ("finished", "done")
    assert local_api.client.get(f"{API}/interviews/{iid}/grade").status_code == 200


def test_message_after_finish_gets_a_finished_error(local_api: Api):
    iid = local_api.create()["id"]
    assert local_api.client.post(f"{API}/interviews/{iid}/finish").status_code == 200
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        ws.send_json({"type": "message", "content": MEDIA})
        assert receive_json(ws)["code"] == "finished"
        assert_nothing_pending(ws)
    assert len(local_api.transcript(iid, {})) == 1


def test_too_many_messages_get_rate_limited_errors(tmp_path: Path):
    with running_api(tmp_path, SDI_RATE_BURST=2, SDI_RATE_PER_MINUTE=0.01) as api:
        iid = api.create()["id"]
        with api.client.websocket_connect(ws_path(iid)) as ws:
            say(ws, MEDIA)
            say(ws, ASSUMPTION)
            ws.send_json({"type": "message", "content": EDITS})
            assert receive_json(ws)["code"] == "rate_limited"
            assert_nothing_pending(ws)
        assert len(api.transcript(iid, {})) == 5


# --- close codes --------------------------------------------------------------------------------


def test_binary_frame_closes_with_1003(local_api: Api):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        ws.send_bytes(json.dumps({"type": "message", "content": MEDIA}).encode())
        assert_closed_with(ws, 1003)
    assert len(local_api.transcript(iid, {})) == 1


def test_frame_over_the_limit_closes_with_1009_and_one_at_the_limit_is_answered(
    tmp_path: Path,
):
    limit = 1024
    with running_api(tmp_path, SDI_WS_MAX_FRAME_BYTES=limit) as api:
        iid = api.create()["id"]
        frame = json.dumps({"type": "message", "content": MEDIA + " " * 2000})
        at_limit = frame[: limit - 2] + '"}'
        assert len(at_limit.encode()) == limit
        with api.client.websocket_connect(ws_path(iid)) as ws:
            ws.send_text(at_limit)
            assert read_turn(ws, "requirements").reply["revealed"] == ["media"]
            ws.send_text(at_limit[:-2] + ' "}')  # one byte over
            assert_closed_with(ws, 1009)
        assert len(api.transcript(iid, {})) == 3


# --- replay after a reconnect -------------------------------------------------------------------


@pytest.mark.parametrize("after", [-1, 0, 2, 3, 4, 99])
def test_reconnect_with_after_replays_exactly_the_messages_after_it(local_api: Api, after: int):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        say(ws, MEDIA)
        say(ws, ASSUMPTION)
    transcript = local_api.transcript(iid, {})
    missed = [(i, m["content"]) for i, m in enumerate(transcript) if i > after]
    with local_api.client.websocket_connect(ws_path(iid, f"after={after}")) as ws:
        replayed = [receive_json(ws) for _ in missed]
        assert [(f["seq"], f["content"]) for f in replayed] == missed
        assert all(f["type"] == "message" for f in replayed)
        assert_nothing_pending(ws)  # nothing more was replayed: no events, no duplicates
        live = say(ws, EDITS)  # then live frames
    assert (live.candidate["seq"], live.reply["seq"]) == (5, 6)


def test_replayed_frames_equal_the_live_ones(local_api: Api):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        live = say(ws, MEDIA)
    with local_api.client.websocket_connect(ws_path(iid, "after=0")) as ws:
        assert [receive_json(ws), receive_json(ws)] == [live.candidate, live.reply]


def test_bad_after_gets_an_error_frame_and_live_frames_still_come(local_api: Api):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid, "after=two")) as ws:
        assert receive_json(ws)["code"] == "invalid_after"
        assert say(ws, MEDIA).candidate["seq"] == 1


class GatedRenderer(OfflineRenderer):
    """The model stand-in: streams the offline words one by one. Once `armed`, it holds each
    reply after its first token until the test opens the gate (a turn caught half-written)."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.gate = threading.Event()

    async def arender(
        self,
        act: Act,
        scenario: LoadedScenario,
        seed: str,
        phrasing: dict[str, int] | None = None,
        messages: list[dict[str, Any]] | None = None,
        on_token: TokenSink | None = None,
    ) -> Rendered:
        rendered = self.render(act, scenario, seed, phrasing)
        for i, word in enumerate(rendered.text.split(" ")):
            if i == 1 and self.armed:
                await asyncio.to_thread(self.gate.wait, 10)
            if on_token is not None:
                result = on_token(word if i == 0 else " " + word)
                if inspect.isawaitable(result):
                    await result
        return rendered


@pytest.fixture
def gated(tmp_path: Path) -> Iterator[tuple[TestClient, GatedRenderer]]:
    renderer = GatedRenderer()
    app = create_app(
        Settings(DATABASE_URL=database_url(tmp_path)), InterviewContext(renderer=renderer)
    )
    try:
        with LocalClient(app) as client:
            yield client, renderer
    finally:
        renderer.gate.set()  # never leave a reply (and its thread) waiting


def test_tokens_stream_to_every_client_before_the_message(gated):
    client, _ = gated
    iid = client.post(f"{API}/interviews", json={"scenario_id": "twitter"}).json()["id"]
    with (
        client.websocket_connect(ws_path(iid)) as writer,
        client.websocket_connect(ws_path(iid)) as watcher,
    ):
        sent = say(writer, MEDIA)
        seen = read_turn(watcher, "requirements")
    assert len(sent.tokens) > 3 and "".join(sent.tokens) == sent.reply["content"]
    assert seen == sent


def test_reconnect_mid_reply_gets_the_message_once_and_not_the_earlier_tokens(gated):
    client, renderer = gated
    iid = client.post(f"{API}/interviews", json={"scenario_id": "twitter"}).json()["id"]
    renderer.armed = True
    with client.websocket_connect(ws_path(iid)) as writer:
        writer.send_json({"type": "message", "content": MEDIA})
        assert receive_json(writer)["seq"] == 1  # the candidate's message is stored
        first = receive_json(writer)
        assert first["type"] == "token"  # ...and the reply is half-written
        with client.websocket_connect(ws_path(iid, "after=0")) as late:
            replayed = receive_json(late)
            renderer.gate.set()
            tokens, reply, events = read_reply(writer, "requirements")
            late_tokens, late_reply, late_events = read_reply(late, "requirements")
            assert_nothing_pending(late)
    assert (replayed["seq"], replayed["role"], replayed["content"]) == (1, "candidate", MEDIA)
    assert first["delta"] + "".join(tokens) == reply["content"]
    # The late client gets the tokens written after it joined (not the first), then the whole
    # message and its events, each once.
    assert late_tokens == tokens and late_reply == reply and late_events == events
    assert reply["seq"] == 2 and reply["revealed"] == ["media"]


# --- fan-out ------------------------------------------------------------------------------------


def test_two_clients_on_one_interview_both_receive_every_turn(local_api: Api):
    iid = local_api.create()["id"]
    with (
        local_api.client.websocket_connect(ws_path(iid)) as alice,
        local_api.client.websocket_connect(ws_path(iid)) as bob,
    ):
        sent_by_alice = say(alice, EDITS)
        seen_by_bob = read_turn(bob, "requirements")
        sent_by_bob = say(bob, TO_API)
        seen_by_alice = read_turn(alice, "requirements")
        assert_nothing_pending(alice)
        assert_nothing_pending(bob)
    assert seen_by_bob == sent_by_alice and len(seen_by_bob.events) == 2
    assert seen_by_alice == sent_by_bob and seen_by_alice.reply["step"] == "data_api_scale"
    assert seen_by_alice.candidate["seq"] == 3


def test_a_message_sent_over_rest_is_pushed_to_the_websocket(local_api: Api):
    iid = local_api.create()["id"]
    with local_api.client.websocket_connect(ws_path(iid)) as ws:
        r = local_api.say(iid, MEDIA, {})
        assert r.status_code == 200, r.text
        pushed = read_turn(ws, "requirements")
        assert_nothing_pending(ws)
    assert (pushed.candidate["seq"], pushed.candidate["content"]) == (1, MEDIA)
    reply = r.json()["reply"]
    assert pushed.reply["seq"] == reply["seq"] == 2
    assert (pushed.reply["content"], pushed.reply["revealed"]) == (reply["content"], ["media"])
    assert kinds(pushed.events) == ["fact_revealed"] and pushed.events[0]["id"] == "media"


# --- the hub: replay before live frames, each message once --------------------------------------


class RecordingSocket:
    """A websocket that records what it is sent, yielding to the loop on every frame."""

    def __init__(self, fail: bool = False) -> None:
        self.sent: list[dict[str, Any]] = []
        self.fail = fail

    async def send_json(self, frame: dict[str, Any]) -> None:
        await asyncio.sleep(0)
        if self.fail:
            raise RuntimeError("gone")
        self.sent.append(frame)


def stored(seq: int) -> dict[str, Any]:
    return {"seq": seq, "role": "candidate", "content": f"message {seq}"}


async def test_live_frames_wait_for_the_replay_and_replayed_messages_are_not_sent_twice():
    hub = Hub()
    ws = RecordingSocket()
    client = hub.join("iv", ws)  # type: ignore[arg-type]
    live = [message_frame(stored(3)), message_frame(stored(4)), {"type": "token", "delta": "x"}]
    # The replay starts first; the publish arrives while the replay is still being written.
    await asyncio.gather(
        client.replay([stored(i) for i in range(4)], after=1), hub.publish("iv", live)
    )
    assert [(f["type"], f.get("seq")) for f in ws.sent] == [
        ("message", 2),
        ("message", 3),  # replayed; its live copy is dropped
        ("message", 4),
        ("token", None),
    ]


async def test_a_client_that_fails_is_dropped_and_the_others_still_get_the_frames():
    hub = Hub()
    gone, alive = RecordingSocket(fail=True), RecordingSocket()
    hub.join("iv", gone)  # type: ignore[arg-type]
    hub.join("iv", alive)  # type: ignore[arg-type]
    await hub.publish("iv", [message_frame(stored(1))])
    assert hub.open_count == 1 and [f["seq"] for f in alive.sent] == [1]
