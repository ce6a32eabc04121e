"""The interview's state: one per LangGraph thread (one thread per interview).

It holds what deciding and wording need, not the transcript: the store keeps the transcript, and
the graph keeps the policy's memory, the renderer's last few messages and the last reply (so a
turn cut short after its checkpoint is copied to the store, not answered twice). Everything is
plain data (dicts, lists, strings), so a checkpoint names no Python class.
"""

from __future__ import annotations

from typing import Any, TypedDict


class Inbox(TypedDict, total=False):
    content: str
    """What the candidate wrote."""
    seq: int
    """Its index in the transcript (the service sets it; Studio may leave it out)."""
    at: str
    """When it was stored (ISO 8601), so the graph's copy matches the store's."""


class InputState(TypedDict, total=False):
    """What a run takes: a new interview's ids (to open it), or a candidate's message. In
    LangGraph Studio a turn is just `{"content": "..."}`."""

    interview_id: str
    scenario_id: str
    content: str
    inbox: Inbox


class InterviewState(TypedDict, total=False):
    interview_id: str
    """Set at creation; seeds the renderer's choice of phrasing."""
    scenario_id: str
    """Set at creation; which scenario the policy and renderer read."""
    content: str
    """A turn typed in Studio ({"content": "..."}); the turn moves it into `inbox`."""
    inbox: Inbox | None
    """The candidate message this run answers; cleared by `respond`."""
    memory: dict[str, Any]
    """The policy's `Memory` as a dict: step, revealed facts, follow-ups asked, twist, coverage."""
    act: dict[str, Any] | None
    """The act a step node decided, for `respond` to word (cleared after)."""
    moving: dict[str, Any] | None
    """Set by a step node that moves on: {"to", "frm", "memory"}; the next step's node enters."""
    recent: list[dict[str, Any]]
    """The last few messages (written by `respond`): the LLM renderer's context."""
    phrasing: dict[str, int]
    """Written by the renderer: the variant used last per part kind (no repeats in a row)."""
    last_seq: int
    """Transcript index of the last candidate message answered; makes a re-run a no-op."""
    reply: dict[str, Any] | None
    """The last reply, with its `seq`: what recovery copies to the store after a crash."""
