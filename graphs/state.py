"""The interview's state: one per LangGraph thread (one thread per interview)."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict


class InterviewState(TypedDict, total=False):
    interview_id: str
    """Set at creation; seeds the renderer's choice of phrasing."""
    scenario_id: str
    """Set at creation; which scenario the policy and renderer read."""
    messages: Annotated[list[dict[str, Any]], operator.add]
    """The transcript (sdi.transcript/v1 messages plus `act` and `renderer`); nodes append."""
    memory: dict[str, Any]
    """The policy's `Memory` as a dict: step, revealed facts, follow-ups asked, twist, coverage."""
    phrasing: dict[str, int]
    """Written by the renderer: the variant used last per part kind (no repeats in a row)."""
    inbox: dict[str, Any] | None
    """The candidate message this run answers ({content, seq, at}); cleared by the turn node."""
    last_seq: int
    """Transcript index of the last candidate message answered; makes a re-run a no-op."""
