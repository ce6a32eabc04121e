"""The LLM renderer: any OpenAI-compatible endpoint phrases the act the policy decided.

What the model sees: the problem statement, the recent transcript, the facts already revealed
(including those this act reveals), the act's kinds and the offline renderer's draft of the reply.
Nothing else of the scenario reaches it, so it cannot say a fact that is still hidden.

Every failure (connect or per-token timeout, 429/5xx after bounded retries, a stream that breaks,
empty or enormous output) falls back to the offline draft: the candidate always gets an answer,
and the reply records which renderer produced it.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from dataclasses import dataclass, replace
from typing import Any

from openai import AsyncOpenAI, Timeout

from app import metrics
from app.core.policy import Act
from app.core.scenarios.loader import LoadedScenario
from app.prompts import render
from app.render.base import Rendered, TokenSink
from app.render.offline import OfflineRenderer


@dataclass(frozen=True)
class LLMConfig:
    model: str
    base_url: str | None = None
    api_key: str | None = None
    connect_timeout_s: float = 5.0
    token_timeout_s: float = 15.0
    """Longest wait for the first token and between two tokens."""
    max_retries: int = 1
    max_chars: int = 1500
    recent_messages: int = 8


def make_client(config: LLMConfig) -> AsyncOpenAI:
    timeout = Timeout(config.token_timeout_s, connect=config.connect_timeout_s)
    return AsyncOpenAI(
        api_key=config.api_key or "not-needed",  # local servers (Ollama, vLLM) take any key
        base_url=config.base_url,
        timeout=timeout,
        max_retries=config.max_retries,
    )


async def _emit(sink: TokenSink | None, delta: str) -> None:
    if sink is None:
        return
    result = sink(delta)
    if inspect.isawaitable(result):
        await result


class LLMRenderer:
    name = "llm"

    def __init__(self, config: LLMConfig, client: AsyncOpenAI | None = None):
        self.config = config
        self.client = client or make_client(config)
        self.offline = OfflineRenderer()

    async def aclose(self) -> None:
        await self.client.close()

    def prompt(
        self, act: Act, scenario: LoadedScenario, draft: str, messages: list[dict[str, Any]]
    ) -> list[dict[str, str]]:
        """The chat messages sent to the model (public for the leak tests)."""
        revealed = set(act.memory.revealed) | set(act.revealed)
        facts = [f"{f.topic}: {f.answer}" for f in scenario.scenario.facts if f.id in revealed]
        recent = messages[-self.config.recent_messages :]
        user = render(
            "llm/turn.j2",
            statement=scenario.scenario.statement,
            revealed=facts,
            recent=recent,
            acts=[p.kind for p in act.parts],
            draft=draft,
        )
        return [
            {"role": "system", "content": render("llm/system.j2")},
            {"role": "user", "content": user},
        ]

    async def arender(
        self,
        act: Act,
        scenario: LoadedScenario,
        seed: str,
        phrasing: dict[str, int] | None = None,
        messages: list[dict[str, Any]] | None = None,
        on_token: TokenSink | None = None,
    ) -> Rendered:
        draft = self.offline.render(act, scenario, seed, phrasing)
        if act.parts and all(p.kind == "open" for p in act.parts):
            return draft  # the statement is said as written
        started = time.perf_counter()
        try:
            text, usage = await self._stream(
                self.prompt(act, scenario, draft.text, messages or []), on_token
            )
        except Exception as exc:  # noqa: BLE001 - any model failure: the offline words answer
            metrics.model_call(time.perf_counter() - started, None, fallback=True)
            reason = type(exc).__name__
            return replace(draft, renderer=f"offline (llm failed: {reason})")
        metrics.model_call(time.perf_counter() - started, usage, fallback=False)
        return replace(draft, text=text, renderer=f"llm:{self.config.model}", usage=usage)

    async def _stream(
        self, chat: list[dict[str, str]], on_token: TokenSink | None
    ) -> tuple[str, dict[str, int]]:
        stream = await self.client.chat.completions.create(  # type: ignore[call-overload]
            model=self.config.model,
            messages=chat,
            stream=True,
            stream_options={"include_usage": True},
        )
        parts: list[str] = []
        size = 0
        usage: dict[str, int] = {}
        iterator = stream.__aiter__()
        while True:
            try:
                chunk = await asyncio.wait_for(iterator.__anext__(), self.config.token_timeout_s)
            except StopAsyncIteration:
                break
            if chunk.usage is not None:
                usage = {
                    "prompt_tokens": chunk.usage.prompt_tokens,
                    "completion_tokens": chunk.usage.completion_tokens,
                }
            for choice in chunk.choices:
                delta = choice.delta.content or ""
                if not delta:
                    continue
                size += len(delta)
                if size > self.config.max_chars:
                    await stream.close()
                    raise ValueError("model output over the length limit")
                parts.append(delta)
                await _emit(on_token, delta)
        text = "".join(parts).strip()
        if not text:
            raise ValueError("model returned no text")
        return text, usage
