"""What every renderer is: an act and what may be said in, words out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from app.core.policy import Act
from app.core.scenarios.loader import LoadedScenario

TokenSink = Callable[[str], Awaitable[None] | None]
"""Receives the reply's text as a model streams it."""


@dataclass(frozen=True)
class Rendered:
    text: str
    phrasing: dict[str, int]
    """Variant index last used per part kind (kept in the interview state)."""
    renderer: str = "offline"
    usage: dict[str, int] | None = None
    """Model tokens used for this reply (prompt_tokens, completion_tokens), when a model spoke."""


class Renderer(Protocol):
    name: str

    async def arender(
        self,
        act: Act,
        scenario: LoadedScenario,
        seed: str,
        phrasing: dict[str, int] | None = None,
        messages: list[dict[str, Any]] | None = None,
        on_token: TokenSink | None = None,
    ) -> Rendered: ...
