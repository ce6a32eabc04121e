"""Run-time dependencies of the interview graph, passed as LangGraph's runtime context."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from app.core.scenarios.loader import Library, LoadedScenario, default_library
from app.llm.classifier import Classifier
from app.render.base import Renderer
from app.render.offline import OfflineRenderer

Resolve = Callable[[str], LoadedScenario]
"""A scenario by the thread's `scenario_id`: the service resolves tenants' scenarios (by
version) as well as the built-ins."""

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
    resolve: Resolve | None = None
    """How the thread's `scenario_id` names a scenario; without it, a built-in's id."""

    def scenario(self, key: str) -> LoadedScenario:
        return self.resolve(key) if self.resolve is not None else self.library.get(key)
