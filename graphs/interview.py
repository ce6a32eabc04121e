"""The interview graph. A chat turn is one run on the interview's thread: START routes to
`open` (a new interview) or `turn` (a candidate message in `inbox`), and the run ends at END with
the reply appended to `messages`. Read top to bottom: nodes, routing, then `build_graph()`.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, Literal

from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from app.disclosure.engine import disclose
from app.hints import hint_for
from app.policy import decide, memory_from, opening
from graphs.context import InterviewContext
from graphs.state import InterviewState


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


async def open_interview(
    state: InterviewState, runtime: Runtime[InterviewContext]
) -> dict[str, Any]:
    """State the problem; nothing is revealed."""
    scenario = runtime.context.library.get(state["scenario_id"])
    act = opening(scenario)
    rendered = await runtime.context.renderer.arender(
        act, scenario, seed=f"{state['interview_id']}:0"
    )
    reply = {
        "role": "interviewer",
        "content": rendered.text,
        "step": act.step,
        "revealed": [],
        "at": _now(),
        "act": ["open"],
        "renderer": rendered.renderer,
    }
    return {
        "messages": [reply],
        "memory": asdict(act.memory),
        "phrasing": rendered.phrasing,
        "last_seq": -1,
        "inbox": None,
    }


async def take_turn(state: InterviewState, runtime: Runtime[InterviewContext]) -> dict[str, Any]:
    """Answer the candidate's message in `inbox`: the policy decides, the renderer words it."""
    inbox = state.get("inbox")
    if not inbox or inbox["seq"] <= state.get("last_seq", -1):
        return {"inbox": None}  # already answered: a replay after a crash changes nothing
    scenario = runtime.context.library.get(state["scenario_id"])
    memory = memory_from(state["memory"])
    messages = state.get("messages", [])
    candidate = {
        "role": "candidate",
        "content": inbox["content"],
        "step": memory.step,
        "at": inbox.get("at") or _now(),
    }
    design_said = [
        m["content"] for m in messages if m["role"] == "candidate" and m.get("step") == "design"
    ]
    extra: tuple[str, ...] = ()
    classifier = runtime.context.classifier
    if classifier is not None:
        found = disclose(inbox["content"], scenario, frozenset(memory.revealed))
        extra = await classifier.extra_facts(inbox["content"], scenario, found)
    act = decide(
        inbox["content"],
        scenario,
        memory,
        [*design_said, inbox["content"]],
        turn=len(messages),
        extra_facts=extra,
    )
    hint = None
    if any(p.kind == "hint" for p in act.parts):
        hint = hint_for(scenario, [*messages, candidate], memory.step)
    writer = get_stream_writer()
    rendered = await runtime.context.renderer.arender(
        act,
        scenario,
        seed=f"{state['interview_id']}:{len(messages) + 1}",
        phrasing=state.get("phrasing"),
        hint=hint,
        messages=[*messages, candidate],
        on_token=lambda delta: writer({"token": delta}),
    )
    reply: dict[str, Any] = {
        "role": "interviewer",
        "content": rendered.text,
        "step": act.step,
        "revealed": list(act.revealed),
        "at": _now(),
        "act": [p.kind for p in act.parts],
        "renderer": rendered.renderer,
    }
    if rendered.usage:
        reply["usage"] = rendered.usage
    return {
        "messages": [candidate, reply],
        "memory": asdict(act.memory),
        "phrasing": rendered.phrasing,
        "last_seq": inbox["seq"],
        "inbox": None,
    }


def route_start(state: InterviewState) -> Literal["open_interview", "take_turn"]:
    return "take_turn" if state.get("messages") else "open_interview"


def build_graph() -> StateGraph[InterviewState, InterviewContext, InterviewState, InterviewState]:
    builder = StateGraph(InterviewState, context_schema=InterviewContext)
    builder.add_node("open_interview", open_interview)
    builder.add_node("take_turn", take_turn)
    builder.add_conditional_edges(START, route_start)
    builder.add_edge("open_interview", END)
    builder.add_edge("take_turn", END)
    return builder
