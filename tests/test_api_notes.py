"""GET /api/v1/interviews/{id}/notes: the facts revealed so far, never one still hidden."""

from __future__ import annotations

from app.core.scenarios.loader import Library
from tests.api_fixtures import API, Api, bearer

MEDIA = "Can tweets contain images or video?"
EDITS = "Can tweets be edited after they're published?"


def notes(api: Api, interview_id: str, headers: dict[str, str]) -> list[dict]:
    r = api.client.get(f"{API}/interviews/{interview_id}/notes", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_a_new_interview_has_no_notes(local_api: Api):
    iid = local_api.create()["id"]
    assert notes(local_api, iid, {}) == []


def test_notes_hold_the_revealed_facts_with_the_reply_that_revealed_them(
    local_api: Api, library: Library
):
    iid = local_api.create()["id"]
    assert local_api.say(iid, MEDIA, {}).status_code == 200
    assert local_api.say(iid, EDITS, {}).status_code == 200
    facts = {f.id: f for f in library.get("twitter").scenario.facts}
    transcript = local_api.transcript(iid, {})
    assert transcript[2]["revealed"] == ["media"] and transcript[4]["revealed"] == ["tweet_edits"]
    assert notes(local_api, iid, {}) == [
        {
            "fact_id": "media",
            "topic": facts["media"].topic,
            "note": facts["media"].answer,
            "seq": 2,
        },
        {
            "fact_id": "tweet_edits",
            "topic": facts["tweet_edits"].topic,
            "note": facts["tweet_edits"].answer,
            "seq": 4,
        },
    ]


def test_a_fact_not_yet_revealed_is_absent_from_the_notes(local_api: Api, library: Library):
    iid = local_api.create()["id"]
    local_api.say(iid, MEDIA, {})
    body = local_api.client.get(f"{API}/interviews/{iid}/notes").text
    hidden = [f for f in library.get("twitter").scenario.facts if f.id != "media"]
    assert hidden
    for fact in hidden:
        # Neither its id, its topic nor its value appears anywhere in the answer.
        assert f'"{fact.id}"' not in body
        assert fact.topic not in body
        assert fact.answer not in body


def test_asking_again_keeps_one_note_with_the_first_seq(local_api: Api):
    iid = local_api.create()["id"]
    local_api.say(iid, MEDIA, {})
    local_api.say(iid, "Sorry, once more: can a tweet have photos?", {})
    assert local_api.transcript(iid, {})[4]["revealed"] == ["media"]
    assert [(n["fact_id"], n["seq"]) for n in notes(local_api, iid, {})] == [("media", 2)]


def test_notes_of_an_unknown_interview_are_404(local_api: Api):
    r = local_api.client.get(f"{API}/interviews/no-such-interview/notes")
    assert r.status_code == 404
    assert r.json() == {"detail": "unknown interview 'no-such-interview'"}


def test_another_tenant_gets_404_for_the_notes(tenant_api: Api):
    iid = tenant_api.create("acme")["id"]
    tenant_api.say(iid, MEDIA, tenant_api.auth("acme"))
    r = tenant_api.client.get(f"{API}/interviews/{iid}/notes", headers=tenant_api.auth("globex"))
    assert r.status_code == 404
    assert r.json() == {"detail": f"unknown interview '{iid}'"}
    assert [n["fact_id"] for n in notes(tenant_api, iid, tenant_api.auth("acme"))] == ["media"]


def test_key_mode_needs_credentials_for_the_notes(tenant_api: Api):
    iid = tenant_api.create("acme")["id"]
    r = tenant_api.client.get(f"{API}/interviews/{iid}/notes")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def test_the_interview_token_reads_its_notes_and_no_others(tenant_api: Api):
    created = tenant_api.create("acme")
    iid, token = created["id"], created["token"]
    tenant_api.say(iid, MEDIA, bearer(token))
    assert [n["fact_id"] for n in notes(tenant_api, iid, bearer(token))] == ["media"]
    other = tenant_api.create("acme")["id"]
    r = tenant_api.client.get(f"{API}/interviews/{other}/notes", headers=bearer(token))
    assert r.status_code == 404
