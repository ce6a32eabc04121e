"""Idempotency keys: a client that sends a message again (a timeout, a dropped connection) with
the same key gets the first answer and the message is stored once. REST sends the key as the
`Idempotency-Key` header, the websocket as the frame's `idempotency_key`. On both backends."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.core.transcript import MAX_KEY_CHARS
from app.service.interviews import open_service
from tests.api_fixtures import API, Api, receive_json
from tests.test_ws import MEDIA, assert_nothing_pending, read_turn, ws_path

EDIT = "Can tweets be edited after they're published?"


def send(api: Api, interview_id: str, content: str, key: str | None) -> dict:
    headers = {"Idempotency-Key": key} if key is not None else {}
    r = api.client.post(
        f"{API}/interviews/{interview_id}/messages", json={"content": content}, headers=headers
    )
    assert r.status_code == 200, r.text
    return r.json()["reply"]


def test_rest_repeat_with_the_same_key_is_stored_once_and_answered_the_same(local_api: Api):
    iid = local_api.create()["id"]
    first = send(local_api, iid, MEDIA, "k-1")
    again = send(local_api, iid, MEDIA, "k-1")
    assert again == first
    messages = local_api.transcript(iid, {})
    assert [m["content"] for m in messages if m["role"] == "candidate"] == [MEDIA]
    # The same words under another key, or none, are a new message.
    send(local_api, iid, MEDIA, "k-2")
    send(local_api, iid, MEDIA, None)
    assert len(local_api.transcript(iid, {})) == 7


def test_a_key_belongs_to_one_interview(local_api: Api):
    one, two = local_api.create()["id"], local_api.create()["id"]
    send(local_api, one, MEDIA, "shared")
    reply = send(local_api, two, EDIT, "shared")
    assert reply["seq"] == 2
    assert local_api.transcript(two, {})[1]["content"] == EDIT


def test_a_repeat_after_newer_turns_returns_the_original_pair(local_api: Api):
    iid = local_api.create()["id"]
    first = send(local_api, iid, MEDIA, "a")
    send(local_api, iid, EDIT, "b")
    assert send(local_api, iid, MEDIA, "a") == first
    assert len(local_api.transcript(iid, {})) == 5


@pytest.mark.parametrize("key", ["", "x" * (MAX_KEY_CHARS + 1)])
def test_a_bad_key_is_refused_by_name_and_nothing_is_stored(local_api: Api, key: str):
    iid = local_api.create()["id"]
    r = local_api.client.post(
        f"{API}/interviews/{iid}/messages",
        json={"content": MEDIA},
        headers={"Idempotency-Key": key},
    )
    assert r.status_code == 422
    assert "idempotency-key" in r.text.lower()
    assert len(local_api.transcript(iid, {})) == 1


def test_websocket_repeat_gets_the_stored_pair_only_on_that_socket(local_api: Api):
    iid = local_api.create()["id"]
    with (
        local_api.client.websocket_connect(ws_path(iid)) as ws,
        local_api.client.websocket_connect(ws_path(iid)) as other,
    ):
        ws.send_json({"type": "message", "content": MEDIA, "idempotency_key": "w-1"})
        first = read_turn(ws, "requirements")
        read_turn(other, "requirements")
        ws.send_json({"type": "message", "content": MEDIA, "idempotency_key": "w-1"})
        candidate, reply = receive_json(ws), receive_json(ws)
        assert (candidate["seq"], candidate["content"]) == (1, MEDIA)
        assert reply == first.reply
        assert_nothing_pending(ws)
        assert_nothing_pending(other)  # the repeat was not broadcast
        ws.send_json({"type": "message", "content": MEDIA, "idempotency_key": 7})
        error = receive_json(ws)
        assert error["type"] == "error" and "idempotency_key" in error["detail"]
    assert len(local_api.transcript(iid, {})) == 3


async def test_a_repeat_answers_a_message_a_crash_left_without_reply(database_url: str):
    """The first send was stored, then the process died before the reply: the retry with the
    same key gets the reply (recovered now), and the message is still stored once."""
    settings = Settings(DATABASE_URL=database_url)
    async with open_service(settings) as service:
        interview, _ = await service.start("twitter")
        candidate = {
            "role": "candidate",
            "content": MEDIA,
            "step": "requirements",
            "client_key": "c",
        }
        service.store.append(interview.id, 1, candidate)  # what a crash after the commit leaves
    async with open_service(settings) as service:
        turn = await service.send_turn(interview.id, MEDIA, key="c")
        repeated, reply = turn.candidate, turn.reply
        assert turn.repeat is True and repeated["seq"] == 1
        assert reply["seq"] == 2 and reply["revealed"] == ["media"]
        assert [m["role"] for m in service.messages(interview.id)] == [
            "interviewer",
            "candidate",
            "interviewer",
        ]
