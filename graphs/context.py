"""Run-time dependencies of the interview graph, passed as LangGraph's runtime context."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.config import Settings
from app.disclosure.classifier import Classifier
from app.policy import Act
from app.render.llm import LLMConfig, LLMRenderer
from app.render.offline import OfflineRenderer, Rendered
from app.scenarios.loader import Library, LoadedScenario, default_library


class Renderer(Protocol):
    name: str

    async def arender(
        self,
        act: Act,
        scenario: LoadedScenario,
        seed: str,
        phrasing: dict[str, int] | None = None,
        hint: str | None = None,
        messages: list[dict[str, Any]] | None = None,
        on_token: Callable[[str], Awaitable[None] | None] | None = None,
    ) -> Rendered: ...


@dataclass
class InterviewContext:
    library: Library = field(default_factory=default_library)
    renderer: Renderer = field(default_factory=OfflineRenderer)
    classifier: Classifier | None = None
    """Optional model help for questions the disclosure engine cannot match."""


def renderer_from(settings: Settings) -> Renderer:
    """The LLM renderer when a model is configured (SDI_MODEL, OPENAI_BASE_URL or
    OPENAI_API_KEY), else the offline renderer."""
    if not (settings.model or settings.openai_base_url or settings.openai_api_key):
        return OfflineRenderer()
    return LLMRenderer(
        LLMConfig(
            model=settings.model or "gpt-4o-mini",
            base_url=settings.openai_base_url,
            api_key=settings.openai_api_key,
        )
    )


def context_from(settings: Settings) -> InterviewContext:
    """Renderer from the settings; the classifier too when SDI_CLASSIFIER is on."""
    renderer = renderer_from(settings)
    classifier = None
    if settings.classifier and isinstance(renderer, LLMRenderer):
        classifier = Classifier(renderer.client, renderer.config.model)
    return InterviewContext(renderer=renderer, classifier=classifier)
