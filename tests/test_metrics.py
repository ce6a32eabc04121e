"""Prometheus metrics at GET /metrics: turns, latencies, websockets, errors, interviews, model use.

The registry is the process's own, shared by every app a test session builds, so each test reads
the counters before and after and asserts the difference.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from app.api.app import create_app
from app.config import Settings
from app.render.llm import LLMConfig, LLMRenderer
from graphs.context import InterviewContext
from tests.api_fixtures import API, Api, LocalClient, receive_json, receive_reply, running_api
from tests.fake_openai import FakeServer, Script

QUESTION = "Can tweets contain images or video?"


def scrape(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics by (name, sorted labels)."""
    response = client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def ws_path(interview_id: str) -> str:
    return f"{API}/interviews/{interview_id}/ws"


def test_a_rest_turn_and_a_websocket_turn_are_counted_and_timed(local_api: Api):
    client = local_api.client
    before = scrape(client)
    interview = local_api.create()
    assert local_api.say(interview["id"], QUESTION, {}).status_code == 200
    with client.websocket_connect(ws_path(interview["id"])) as ws:
        ws.send_json({"type": "message", "content": "Can tweets be edited?"})
        receive_reply(ws)
    assert client.post(f"{API}/interviews/{interview['id']}/finish").status_code == 200
    after = scrape(client)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("sdi_turns_total", transport="rest", outcome="ok") == 1
    assert grew("sdi_turns_total", transport="ws", outcome="ok") == 1
    assert grew("sdi_turn_duration_seconds_count", transport="rest") == 1
    assert grew("sdi_turn_duration_seconds_count", transport="ws") == 1
    assert grew("sdi_turn_duration_seconds_sum", transport="ws") > 0
    assert grew("sdi_turn_duration_seconds_bucket", transport="rest", le="+Inf") == 1
    assert grew("sdi_interviews_started_total") == 1
    assert grew("sdi_interviews_finished_total") == 1
    # finishing again grades nothing new
    client.post(f"{API}/interviews/{interview['id']}/finish")
    assert value(scrape(client), "sdi_interviews_finished_total") == value(
        after, "sdi_interviews_finished_total"
    )


def test_errors_are_counted_by_kind(tmp_path: Path):
    with running_api(tmp_path, SDI_RATE_BURST=1, SDI_RATE_PER_MINUTE=0.001) as api:
        client = api.client
        before = scrape(client)
        flooded = api.create()
        assert api.say(flooded["id"], QUESTION, {}).status_code == 200
        assert api.say(flooded["id"], QUESTION, {}).status_code == 429
        assert api.say("no-such-interview", QUESTION, {}).status_code == 404
        assert client.post(f"{API}/interviews", json={"scenario": "x"}).status_code == 422
        done = api.create()
        client.post(f"{API}/interviews/{done['id']}/finish")
        assert api.say(done["id"], QUESTION, {}).status_code == 409
        with client.websocket_connect(ws_path(done["id"])) as ws:
            ws.send_text("{not json")
            assert receive_json(ws)["code"] == "invalid_json"
            ws.send_json({"type": "message", "content": QUESTION})
            assert receive_json(ws)["code"] == "finished"
        after = scrape(client)

    def grew(kind: str) -> float:
        return value(after, "sdi_errors_total", kind=kind) - value(
            before, "sdi_errors_total", kind=kind
        )

    assert grew("rate_limited") == 1
    assert grew("not_found") == 1
    assert grew("validation") == 2  # the unknown field, the malformed frame
    assert grew("finished") == 2  # over REST and over the socket
    assert grew("internal") == 0
    assert (
        value(after, "sdi_turns_total", transport="rest", outcome="rate_limited")
        - value(before, "sdi_turns_total", transport="rest", outcome="rate_limited")
        == 1
    )
    assert (
        value(after, "sdi_turns_total", transport="ws", outcome="finished")
        - value(before, "sdi_turns_total", transport="ws", outcome="finished")
        == 1
    )


def test_the_websocket_gauge_goes_up_and_down_with_a_socket(local_api: Api):
    client = local_api.client
    interview = local_api.create()
    base = value(scrape(client), "sdi_websockets_active")
    with client.websocket_connect(ws_path(interview["id"])) as ws:
        ws.send_json({"type": "message", "content": QUESTION})
        receive_reply(ws)  # the socket is joined and served
        assert value(scrape(client), "sdi_websockets_active") == base + 1
        with client.websocket_connect(ws_path(interview["id"])) as second:
            second.send_json({"type": "message", "content": "Can tweets be edited?"})
            receive_reply(second)
            assert value(scrape(client), "sdi_websockets_active") == base + 2
        assert value(scrape(client), "sdi_websockets_active") == base + 1
    assert value(scrape(client), "sdi_websockets_active") == base


def test_metrics_need_no_key_and_stay_out_of_the_schema(tenant_api: Api):
    client = tenant_api.client
    assert client.get(f"{API}/scenarios").status_code == 401  # key mode is on
    assert "sdi_turns" in client.get("/metrics").text
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]


def test_model_latency_tokens_and_fallbacks(tmp_path: Path):
    with FakeServer() as fake:
        text = "Yes, tweets can carry images or a short video."
        fake.fake.enqueue(
            Script("text", text=text), Script("status", status=500), Script("status", status=500)
        )
        renderer = LLMRenderer(
            LLMConfig(model="fake", base_url=fake.base_url, api_key="x", max_retries=1)
        )
        app = create_app(
            Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'sdi.db'}"),
            InterviewContext(renderer=renderer),
        )
        with LocalClient(app) as client:
            before = scrape(client)
            interview = client.post(f"{API}/interviews", json={"scenario_id": "twitter"}).json()
            path = f"{API}/interviews/{interview['id']}/messages"
            first = client.post(path, json={"content": QUESTION}).json()["reply"]
            second = client.post(path, json={"content": "Can tweets be edited?"}).json()["reply"]
            after = scrape(client)
    assert first["content"] == text  # the model's words
    assert second["content"] != text and "edit" in second["content"]  # the offline words

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("sdi_model_duration_seconds_count", outcome="ok") == 1
    assert grew("sdi_model_duration_seconds_count", outcome="fallback") == 1
    assert grew("sdi_model_tokens_total", kind="completion") == len(text.split(" "))
    assert grew("sdi_model_tokens_total", kind="prompt") > 0
    assert grew("sdi_errors_total", kind="model_fallback") == 1
