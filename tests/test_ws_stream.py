"""Model tokens reach websocket clients as `token` frames before the final `message`."""

from __future__ import annotations

from app.api.app import create_app
from app.config import Settings
from app.render.llm import LLMConfig, LLMRenderer
from graphs.context import InterviewContext
from tests.api_fixtures import LocalClient
from tests.fake_openai import FakeServer, Script


def test_tokens_stream_then_the_message(tmp_path):
    with FakeServer() as fake:
        fake.fake.enqueue(Script("text", text="Yes, tweets can carry images or a short video."))
        renderer = LLMRenderer(LLMConfig(model="fake", base_url=fake.base_url, api_key="x"))
        app = create_app(
            Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'sdi.db'}"),
            InterviewContext(renderer=renderer),
        )
        with LocalClient(app) as client:
            interview = client.post("/api/v1/interviews", json={"scenario_id": "twitter"}).json()
            with client.websocket_connect(f"/api/v1/interviews/{interview['id']}/ws") as ws:
                ws.send_json({"type": "message", "content": "Can tweets contain images?"})
                frames = []
                while True:
                    frame = ws.receive_json()
                    frames.append(frame)
                    if frame["type"] == "message" and frame["role"] == "interviewer":
                        break
    kinds = [f["type"] for f in frames]
    assert kinds[0] == "message" and frames[0]["role"] == "candidate"
    tokens = [f["delta"] for f in frames if f["type"] == "token"]
    assert len(tokens) >= 5
    assert kinds.index("token") < len(kinds) - 1  # tokens come before the final message
    assert "".join(tokens).strip() == frames[-1]["content"]
    assert frames[-1]["revealed"] == ["media"]
