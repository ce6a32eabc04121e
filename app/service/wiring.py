"""What the settings choose: the renderer (offline, or a model) and the classifier."""

from __future__ import annotations

from app.config import Settings
from app.llm.classifier import Classifier
from app.render.base import Renderer
from app.render.llm import LLMConfig, LLMRenderer
from app.render.offline import OfflineRenderer
from graphs.context import InterviewContext


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
