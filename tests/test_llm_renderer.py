"""The LLM renderer through the real openai SDK against a fake OpenAI-compatible server."""

from __future__ import annotations

import re

import pytest

from app.config import Settings
from app.render.llm import LLMConfig, LLMRenderer
from app.service.interviews import open_service
from graphs.context import InterviewContext
from tests import personas
from tests.fake_openai import FakeServer, Script


@pytest.fixture
def fake():
    with FakeServer() as server:
        yield server


def llm_context(server: FakeServer, **overrides) -> InterviewContext:
    config = LLMConfig(
        model="fake",
        base_url=server.base_url,
        api_key="test",
        token_timeout_s=overrides.pop("token_timeout_s", 2.0),
        max_retries=overrides.pop("max_retries", 1),
        **overrides,
    )
    return InterviewContext(renderer=LLMRenderer(config))


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'sdi.db'}")


async def test_reply_streams_tokens_and_records_the_model(fake, settings):
    fake.fake.enqueue(Script("text", text="Yes, tweets can carry images or a short video."))
    tokens: list[str] = []
    async with open_service(settings, llm_context(fake)) as service:
        interview, _ = await service.start("twitter")
        turn = await service.send_turn(
            interview.id, "Can tweets contain images?", on_token=tokens.append
        )
        reply = turn.reply
        stored = service.store.messages(interview.id)[-1]
        record = service.store.get(interview.id)
    assert len(tokens) > 3
    assert "".join(tokens).strip() == reply["content"]
    assert reply["renderer"] == "llm:fake" and stored.renderer == "llm:fake"
    assert reply["revealed"] == ["media"]
    assert record.prompt_tokens > 0 and record.completion_tokens > 0


@pytest.mark.parametrize(
    ("scripts", "reason", "requests"),
    [
        # 5xx and 429: the SDK retries once (max_retries=1), then raises its status error.
        ([Script("status", status=500), Script("status", status=500)], "InternalServerError", 2),
        ([Script("status", status=429), Script("status", status=429)], "RateLimitError", 2),
        # No next token within token_timeout_s: asyncio.wait_for in LLMRenderer._stream.
        ([Script("stall", text="Well, let me think about that one", stall_s=5)], "TimeoutError", 1),
        # The server drops the stream halfway: the SDK reports a lost connection.
        ([Script("break", text="Well, let me think about that one")], "APIConnectionError", 1),
        # No text, or more than max_chars: LLMRenderer._stream raises ValueError (the messages
        # tell the two apart; see test_empty_and_enormous_output_fail_for_their_own_reason).
        ([Script("empty")], "ValueError", 1),
        ([Script("huge")], "ValueError", 1),
    ],
    ids=["500", "429", "stall", "break", "empty", "huge"],
)
async def test_model_faults_fall_back_to_offline_words(fake, settings, scripts, reason, requests):
    fake.fake.enqueue(*scripts)
    async with open_service(settings, llm_context(fake, token_timeout_s=0.5)) as service:
        interview, _ = await service.start("twitter")
        reply = await service.send(interview.id, "Can tweets be edited?")
        asked = len(fake.fake.history)
        messages = service.transcript(interview.id)["messages"]
        again = await service.send(interview.id, "Can accounts be deleted?")
    assert reply["renderer"] == f"offline (llm failed: {reason})"
    assert asked == requests
    assert "can't be edited" in reply["content"]  # the offline words carry the fact
    assert [m["role"] for m in messages] == ["interviewer", "candidate", "interviewer"]
    assert again["revealed"] == ["account_deletion"]  # the interview goes on


@pytest.mark.parametrize(
    ("script", "message"),
    [(Script("empty"), "model returned no text"), (Script("huge"), "over the length limit")],
    ids=["empty", "huge"],
)
async def test_empty_and_enormous_output_fail_for_their_own_reason(fake, script, message):
    fake.fake.enqueue(script)
    renderer = LLMRenderer(
        LLMConfig(model="fake", base_url=fake.base_url, api_key="test", max_retries=0)
    )
    try:
        with pytest.raises(ValueError, match=message):
            await renderer._stream([{"role": "user", "content": "Can tweets be edited?"}], None)
    finally:
        await renderer.aclose()


async def test_one_retry_then_success(fake, settings):
    fake.fake.enqueue(
        Script("status", status=503), Script("text", text="No, tweets stay as posted.")
    )
    async with open_service(settings, llm_context(fake, max_retries=1)) as service:
        interview, _ = await service.start("twitter")
        reply = await service.send(interview.id, "Can tweets be edited?")
    assert reply["renderer"] == "llm:fake"
    assert reply["content"] == "No, tweets stay as posted."
    assert len(fake.fake.history) == 2


async def test_unreachable_endpoint_falls_back(settings):
    config = LLMConfig(
        model="fake",
        base_url="http://127.0.0.1:9/v1",
        api_key="x",
        connect_timeout_s=0.5,
        max_retries=0,
    )
    async with open_service(settings, InterviewContext(renderer=LLMRenderer(config))) as service:
        interview, _ = await service.start("twitter")
        reply = await service.send(interview.id, "Can tweets be edited?")
    assert reply["renderer"].startswith("offline (llm failed")
    assert reply["revealed"] == ["tweet_edits"]


def _hidden_values(text: str) -> set[str]:
    """Distinctive pieces of an answer: numbers with units and long words."""
    return set(re.findall(r"\d[\d.,]*\s*\w+", text))


def _attacks(scenario: str) -> list[str]:
    from pathlib import Path

    from tests.evaluation.disclosure import load_items

    items = load_items(Path(__file__).parent / "data" / "disclosure_labels.yaml")
    return [i.message for i in items if i.kind in ("attack", "negative_catch_all")]


@pytest.mark.parametrize(
    "script",
    [personas.STRONG, personas.INJECTION, personas.WEAK, _attacks("any")],
    ids=["strong", "injection", "weak", "attack-corpus"],
)
async def test_leaky_model_never_sees_or_says_an_unrevealed_fact(fake, settings, library, script):
    """The fake model echoes its whole prompt back. Whatever it was told would show; so no fact
    may appear in a prompt or a reply before the policy revealed it."""
    scenario = library.get("twitter").scenario
    async with open_service(settings, llm_context(fake)) as service:
        interview, _ = await service.start("twitter")
        revealed: set[str] = set()
        said = ""  # what the candidate wrote may of course come back
        for text in script:
            said += "\n" + text
            before = len(fake.fake.history)
            reply = await service.send(interview.id, text)
            revealed |= set(reply["revealed"])
            prompts = [
                m["content"] for body in fake.fake.history[before:] for m in body["messages"]
            ]
            for fact in scenario.facts:
                if fact.id in revealed:
                    continue
                for said_now in [*prompts, reply["content"]]:
                    assert fact.answer not in said_now, (fact.id, text)
                    for value in _hidden_values(fact.answer) - _hidden_values(said):
                        assert value not in said_now, (fact.id, value, text)
    assert fake.fake.history, "the model was never asked"


def test_no_model_configured_means_offline():
    from app.service.wiring import renderer_from

    assert renderer_from(Settings(_env_file=None)).name == "offline"
    llm = renderer_from(Settings(_env_file=None, SDI_MODEL="m", OPENAI_BASE_URL="http://x/v1"))
    assert llm.name == "llm"


def _chat(env_extra: dict[str, str], tmp_path, stdin: str) -> str:
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}", **env_extra}
    env.pop("OPENAI_API_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "chat", "--scenario", "twitter"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_sdi_chat_speaks_through_the_configured_model(fake, tmp_path):
    fake.fake.enqueue(
        Script("text", text="Good question: tweets stay as posted, but can be deleted.")
    )
    out = _chat(
        {"OPENAI_BASE_URL": fake.base_url, "SDI_MODEL": "fake"},
        tmp_path,
        "Can tweets be edited?\n/quit\n",
    )
    assert "tweets stay as posted, but can be deleted." in out
    assert fake.fake.history and fake.fake.history[0]["model"] == "fake"


def test_sdi_chat_goes_on_offline_when_the_endpoint_is_down(tmp_path):
    out = _chat(
        {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "SDI_MODEL": "fake"},
        tmp_path,
        "Can tweets be edited?\n/quit\n",
    )
    assert "can't be edited" in out
