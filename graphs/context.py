"""Run-time dependencies of the interview graph, passed as LangGraph's runtime context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from app.policy import Act
from app.render.offline import OfflineRenderer, Rendered
from app.scenarios.loader import Library, LoadedScenario, default_library


class Renderer(Protocol):
    name: str

    def render(
        self,
        act: Act,
        scenario: LoadedScenario,
        seed: str,
        phrasing: dict[str, int] | None = None,
        hint: str | None = None,
    ) -> Rendered: ...


@dataclass
class InterviewContext:
    library: Library = field(default_factory=default_library)
    renderer: Renderer = field(default_factory=OfflineRenderer)
