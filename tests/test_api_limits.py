"""Bad input and limits over the real API: clear errors, nothing lost, the interview goes on."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests.api_fixtures import API, Api, running_api

GOOD = "Can tweets be edited after they're published?"


def messages_url(interview_id: str) -> str:
    return f"{API}/interviews/{interview_id}/messages"


def assert_still_usable(api: Api, interview_id: str, before: int) -> None:
    """Nothing was stored by the failed call, and the next good message is answered."""
    assert len(api.transcript(interview_id, {})) == before
    r = api.say(interview_id, GOOD, {})
    assert r.status_code == 200, r.text
    messages = api.transcript(interview_id, {})
    assert len(messages) == before + 2
    assert messages[-2] == {**messages[-2], "role": "candidate", "content": GOOD}
    assert messages[-1]["role"] == "interviewer" and messages[-1]["content"]


# --- 422 with the field named ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "loc", "kind"),
    [
        ({"content": GOOD, "mood": "happy"}, ["body", "mood"], "extra_forbidden"),
        ({"content": 42}, ["body", "content"], "string_type"),
        ({"content": None}, ["body", "content"], "string_type"),
        ({}, ["body", "content"], "missing"),
        ({"text": GOOD}, ["body", "content"], "missing"),
        ({"content": ""}, ["body", "content"], "string_too_short"),
        ({"content": "x" * 8001}, ["body", "content"], "string_too_long"),
        (["not", "an", "object"], ["body"], "model_attributes_type"),
    ],
)
def test_bad_message_is_422_naming_the_field_and_loses_nothing(local_api: Api, body, loc, kind):
    iid = local_api.create()["id"]
    assert local_api.say(iid, "Who are the users?", {}).status_code == 200
    r = local_api.client.post(messages_url(iid), json=body)
    assert r.status_code == 422, r.text
    errors = r.json()["detail"]
    assert any(e["loc"] == loc and e["type"] == kind for e in errors), errors
    assert_still_usable(local_api, iid, before=3)


def test_invalid_json_is_422_and_loses_nothing(local_api: Api):
    iid = local_api.create()["id"]
    r = local_api.client.post(
        messages_url(iid),
        content=b'{"content": "unterminated',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    [error] = r.json()["detail"]
    assert error["type"] == "json_invalid" and error["loc"][0] == "body"
    assert_still_usable(local_api, iid, before=1)


def test_blank_message_is_422_naming_content(local_api: Api):
    iid = local_api.create()["id"]
    r = local_api.client.post(messages_url(iid), json={"content": " \n\t "})
    assert r.status_code == 422, r.text
    assert "content" in r.json()["detail"]
    assert_still_usable(local_api, iid, before=1)


def test_message_at_the_limit_is_accepted(local_api: Api):
    iid = local_api.create()["id"]
    content = ("Can tweets be edited? " * 400)[:8000]
    assert local_api.say(iid, content, {}).status_code == 200
    assert local_api.transcript(iid, {})[1]["content"] == content


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"scenario_id": 7}, ["body", "scenario_id"]),
        ({"scenario_id": "not a slug"}, ["body", "scenario_id"]),
        ({}, ["body", "scenario_id"]),
        ({"scenario_id": "twitter", "level": "senior"}, ["body", "level"]),
    ],
)
def test_bad_create_is_422_naming_the_field_and_creates_nothing(local_api: Api, body, loc):
    r = local_api.client.post(f"{API}/interviews", json=body)
    assert r.status_code == 422, r.text
    assert any(e["loc"] == loc for e in r.json()["detail"]), r.json()
    assert local_api.client.get(f"{API}/interviews").json() == []


def test_unknown_scenario_is_404_naming_it_and_creates_nothing(local_api: Api):
    r = local_api.client.post(f"{API}/interviews", json={"scenario_id": "no-such-scenario"})
    assert r.status_code == 404, r.text
    assert "unknown scenario 'no-such-scenario'" in r.json()["detail"]
    assert local_api.client.get(f"{API}/interviews").json() == []


def test_bad_webhook_url_is_422_naming_url(local_api: Api):
    r = local_api.client.put(f"{API}/webhook", json={"url": "ftp://example.com/hook"})
    assert r.status_code == 422
    assert any(e["loc"] == ["body", "url"] for e in r.json()["detail"])
    assert local_api.client.get(f"{API}/webhook").status_code == 404


# --- state conflicts and unknown interviews -------------------------------------------------


def test_message_after_finish_is_409_and_not_stored(local_api: Api):
    iid = local_api.create()["id"]
    assert local_api.say(iid, GOOD, {}).status_code == 200
    grade = local_api.client.post(f"{API}/interviews/{iid}/finish").json()
    r = local_api.say(iid, "One more thing: can tweets have video?", {})
    assert r.status_code == 409
    assert "finished" in r.json()["detail"]
    assert len(local_api.transcript(iid, {})) == 3
    # Still readable, and the stored grade did not change.
    assert local_api.client.get(f"{API}/interviews/{iid}/grade").json() == grade
    assert local_api.client.post(f"{API}/interviews/{iid}/finish").json() == grade


def test_grade_before_finish_is_409_and_the_interview_goes_on(local_api: Api):
    iid = local_api.create()["id"]
    r = local_api.client.get(f"{API}/interviews/{iid}/grade")
    assert r.status_code == 409
    assert "finish" in r.json()["detail"]
    assert local_api.client.get(f"{API}/interviews/{iid}").json()["status"] == "active"
    assert_still_usable(local_api, iid, before=1)
    assert local_api.client.post(f"{API}/interviews/{iid}/finish").status_code == 200
    assert local_api.client.get(f"{API}/interviews/{iid}/grade").status_code == 200


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("POST", "/messages", {"content": GOOD}),
        ("GET", "/transcript", None),
        ("POST", "/finish", None),
        ("GET", "/grade", None),
    ],
)
def test_unknown_interview_is_404_json(local_api: Api, method, suffix, body):
    r = local_api.client.request(method, f"{API}/interviews/nope{suffix}", json=body)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == {"detail": "unknown interview 'nope'"}


# --- what comes back ------------------------------------------------------------------------


def test_transcript_and_grade_come_back_as_stored(local_api: Api):
    """No optional field turns into a null on the way out, and the stored grade is the grade of
    the transcript the API returns (same transcript in, same grade out)."""
    iid = local_api.create()["id"]
    assert local_api.say(iid, GOOD, {}).status_code == 200
    messages = local_api.transcript(iid, {})
    assert set(messages[1]) == {"role", "content", "at"}
    assert all(value is not None for m in messages for value in m.values())
    grade = local_api.client.post(f"{API}/interviews/{iid}/finish").json()
    assert all(c.get("applicable", False) is not None for c in grade["criteria"])
    transcript = local_api.client.get(f"{API}/interviews/{iid}/transcript").json()
    assert local_api.client.post(f"{API}/grade", json=transcript).json() == grade
    assert local_api.client.get(f"{API}/interviews/{iid}/grade").json() == grade


# --- rate limit -----------------------------------------------------------------------------


def test_a_flood_is_rate_limited_without_harming_other_interviews(tmp_path: Path):
    with running_api(tmp_path, SDI_RATE_BURST=3, SDI_RATE_PER_MINUTE=0.001) as api:
        flooded, other = api.create()["id"], api.create()["id"]
        for i in range(3):
            assert api.say(flooded, f"Question {i}: can tweets be edited?", {}).status_code == 200
        r = api.say(flooded, "Question 3: can tweets be edited?", {})
        assert r.status_code == 429
        assert "detail" in r.json() and int(r.headers["retry-after"]) > 0
        assert len(api.transcript(flooded, {})) == 7  # the refused message was not stored
        assert api.say(other, GOOD, {}).status_code == 200
        assert len(api.transcript(other, {})) == 3
        # The flooded interview can still be read and finished.
        assert api.client.post(f"{API}/interviews/{flooded}/finish").status_code == 200


# --- two tabs at once -----------------------------------------------------------------------


def test_two_tabs_sending_at_once_are_serialised(tmp_path: Path):
    with running_api(tmp_path, SDI_RATE_BURST=100) as api:
        iid = api.create()["id"]
        replies: dict[str, list[dict[str, Any]]] = {"A": [], "B": []}
        failures: list[str] = []
        start = threading.Barrier(2, timeout=10)

        def tab(name: str) -> None:
            try:
                start.wait()
                for i in range(10):
                    r = api.say(iid, f"tab {name} question {i}: can tweets be edited?", {})
                    if r.status_code != 200:
                        failures.append(f"{name}{i}: {r.status_code} {r.text}")
                    else:
                        replies[name].append(r.json()["reply"])
            except Exception as exc:  # reported by the main thread's assertion
                failures.append(f"{name}: {exc!r}")

        threads = [threading.Thread(target=tab, args=(n,), daemon=True) for n in replies]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not any(t.is_alive() for t in threads), "a tab never finished"
        assert failures == []

        messages = api.transcript(iid, {})
        assert len(messages) == 41
        roles = [m["role"] for m in messages]
        assert roles == ["interviewer"] + ["candidate", "interviewer"] * 20
        sent = sorted(m["content"] for m in messages if m["role"] == "candidate")
        expected = sorted(
            f"tab {n} question {i}: can tweets be edited?" for n in "AB" for i in range(10)
        )
        assert sent == expected  # all 20, none twice
        for name, tab_replies in replies.items():
            seqs = [reply["seq"] for reply in tab_replies]
            assert seqs == sorted(seqs)  # a tab's own messages keep their order
            for i, seq in enumerate(seqs):
                # Each reply sits directly after the message it answers.
                assert (
                    messages[seq - 1]["content"]
                    == f"tab {name} question {i}: can tweets be edited?"
                )
                assert messages[seq]["content"] == tab_replies[i]["content"]
        all_seqs = sorted(r["seq"] for tab_replies in replies.values() for r in tab_replies)
        assert all_seqs == list(range(2, 41, 2))
        listed = api.client.get(f"{API}/interviews/{iid}").json()
        assert listed["message_count"] == 41
