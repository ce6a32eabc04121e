"""Run-time dependencies of the interview graph, passed as LangGraph's runtime context."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from app.core.scenarios.loader import Library, default_library
from app.llm.classifier import Classifier
from app.render.base import Renderer
from app.render.offline import OfflineRenderer

History = Callable[[str], Awaitable[list[dict[str, Any]]]]
"""The stored transcript of an interview (the service reads it from the store)."""


@dataclass
class InterviewContext:
    library: Library = field(default_factory=default_library)
    renderer: Renderer = field(default_factory=OfflineRenderer)
    classifier: Classifier | None = None
    """Optional model help for questions the disclosure engine cannot match."""
    history: History | None = None
    """The transcript so far, for a hint graded like the final grade; without it (LangGraph
    Studio) a hint is graded on the messages the state holds."""
