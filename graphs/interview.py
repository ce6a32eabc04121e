"""The interview graph: the guide's three steps, then the wrap-up, as nodes.

A chat turn is one run on the interview's thread. START routes on the interview's step to that
step's node, which runs the step's rule (app/core/policy.py) on the candidate's message. A rule
that moves on goes to the next step's node (`Command(goto=...)`), which enters its step; either
way `respond` words the act and the run ends at END with the reply. A new interview starts at
`open_interview`. Read top to bottom: helpers, nodes, routing, then `build_graph()`.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any, Literal

from langgraph.config import get_config, get_stream_writer
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command

from app.core import policy
from app.core.analysis import analyse
from app.core.disclosure import Disclosure
from app.core.hints import hint_for
from app.core.policy import Act, Heard, Move, Part, memory_from
from app.core.scenarios.loader import LoadedScenario
from app.core.steps import Step
from graphs.context import InterviewContext
from graphs.state import Inbox, InputState, InterviewState

RECENT = 8
"""Messages kept in the state for the LLM renderer (its prompt holds the last 8)."""
DEFAULT_SCENARIO = "twitter"
"""The scenario of a thread started in LangGraph Studio without one."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _inbox(state: InterviewState) -> Inbox | None:
    """The message this run answers: the service's `inbox`, or what was typed in Studio.
    None when there is nothing new (a replay after a crash changes nothing)."""
    last = state.get("last_seq", -1)
    inbox = state.get("inbox")
    if inbox is None and state.get("content"):
        # Studio: the next candidate seq after the last reply (the opening is seq 0).
        inbox = {"content": state["content"], "seq": last + 2 if last >= 0 else 1}
    if inbox is None or inbox.get("seq", last + 2) <= last:
        return None
    return inbox


def _act_from(data: dict[str, Any]) -> Act:
    def part(values: dict[str, Any]) -> Part:
        fields: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in values.items()
        }
        return Part(**fields)

    parts = tuple(part(p) for p in data["parts"])
    return Act(parts, memory_from(data["memory"]), revealed=tuple(data["revealed"]))


def _heard_from(data: dict[str, Any], scenario: LoadedScenario) -> Heard:
    """The heard message a moving step handed on: its text is analysed again (a cache hit in
    the same process) and its disclosure, classifier facts included, is taken as stored."""
    d = dict(data["disclosure"])
    disclosure = Disclosure(
        asked=tuple(d["asked"]),
        new=tuple(d["new"]),
        is_question=d["is_question"],
        refusal=d["refusal"],
        quotes=d["quotes"],
    )
    return Heard(analyse(data["text"], scenario), disclosure)


def _heard_dict(heard: Heard) -> dict[str, Any]:
    return {"text": heard.analysis.text, "disclosure": asdict(heard.disclosure)}


async def _with_hint(
    act: Act, state: InterviewState, runtime: Runtime[InterviewContext], candidate: dict[str, Any]
) -> Act:
    """A hint part gets its text: the first unmet criterion of the step, graded on the stored
    transcript (the history the service provides) or, without one, on what the state holds."""
    if not any(p.kind == "hint" for p in act.parts):
        return act
    scenario = runtime.context.scenario(state["scenario_id"])
    history = runtime.context.history
    messages = (
        await history(state["interview_id"]) if history else [*state.get("recent", []), candidate]
    )
    # Grading the transcript is CPU work: off the event loop, like every other grade.
    hint = await asyncio.to_thread(hint_for, scenario, messages, act.memory.step)
    parts = tuple(replace(p, hint=hint) if p.kind == "hint" else p for p in act.parts)
    return replace(act, parts=parts)


def _decided(act: Act) -> dict[str, Any]:
    return {"act": asdict(act), "moving": None}


async def _step(
    step: Step, state: InterviewState, runtime: Runtime[InterviewContext]
) -> Command[Any]:
    """Run `step`'s rule on the candidate's message (or enter the step when the previous step's
    node moved here), then go to `respond`, or on to the next step's node."""
    moving = state.get("moving")
    scenario = runtime.context.scenario(state["scenario_id"])
    if moving is not None:
        heard = _heard_from(moving["heard"], scenario)
        move = Move(moving["to"], moving["frm"], memory_from(moving["memory"]))
        return Command(goto="respond", update=_decided(policy.enter(move, heard, scenario)))
    inbox = _inbox(state)
    if inbox is None:
        return Command(goto=END, update={"inbox": None, "content": ""})
    memory = memory_from(state["memory"])
    heard = policy.hear(inbox["content"], scenario, memory)
    classifier = runtime.context.classifier
    if classifier is not None:
        extra = await classifier.extra_facts(inbox["content"], scenario, heard.disclosure)
        heard = policy.with_facts(heard, extra, scenario, memory)
    decided = policy.STEP_RULES[step](heard, scenario, memory, inbox["seq"])
    if isinstance(decided, Move):
        moving = {"to": decided.to, "frm": decided.frm, "memory": asdict(decided.memory)}
        return Command(goto=decided.to, update={"moving": {**moving, "heard": _heard_dict(heard)}})
    candidate = {"role": "candidate", "content": inbox["content"], "step": step}
    act = await _with_hint(decided, state, runtime, candidate)
    return Command(goto="respond", update=_decided(act))


# --- nodes ----------------------------------------------------------------------------------


async def open_interview(
    state: InterviewState, runtime: Runtime[InterviewContext]
) -> Command[Literal["respond"]]:
    """State the problem; nothing is revealed."""
    configurable = get_config().get("configurable", {})
    interview_id = state.get("interview_id") or str(configurable.get("thread_id", "studio"))
    scenario_id = state.get("scenario_id") or DEFAULT_SCENARIO
    scenario = runtime.context.scenario(scenario_id)
    act = policy.opening(scenario)
    return Command(
        goto="respond",
        update={
            "interview_id": interview_id,
            "scenario_id": scenario_id,
            "last_seq": -1,
            **_decided(act),
        },
    )


async def requirements(
    state: InterviewState, runtime: Runtime[InterviewContext]
) -> Command[Literal["data_api_scale", "design", "wrap_up", "respond", "__end__"]]:
    """Step 1: clarify what the system must do (functional and non-functional)."""
    return await _step("requirements", state, runtime)


async def data_api_scale(
    state: InterviewState, runtime: Runtime[InterviewContext]
) -> Command[Literal["design", "wrap_up", "respond", "__end__"]]:
    """Step 2: data types, the API and the back-of-envelope numbers."""
    return await _step("data_api_scale", state, runtime)


async def design(
    state: InterviewState, runtime: Runtime[InterviewContext]
) -> Command[Literal["wrap_up", "respond", "__end__"]]:
    """Step 3: storage and services, with follow-up questions and one changed constraint."""
    return await _step("design", state, runtime)


async def wrap_up(
    state: InterviewState, runtime: Runtime[InterviewContext]
) -> Command[Literal["respond", "__end__"]]:
    """The candidate's questions, then the close (step `done`: the service grades)."""
    return await _step("wrap_up", state, runtime)


async def done(
    state: InterviewState, runtime: Runtime[InterviewContext]
) -> Command[Literal["respond", "__end__"]]:
    """Closed: the service takes no more messages; a thread driven directly gets the close."""
    return await _step("done", state, runtime)


async def respond(
    state: InterviewState, runtime: Runtime[InterviewContext]
) -> Command[Literal["requirements", "__end__"]]:
    """Word the act (the renderer sees only what the act may say), append the reply."""
    act = _act_from(state["act"] or {})
    scenario = runtime.context.scenario(state["scenario_id"])
    inbox = _inbox(state)
    opening = "memory" not in state
    seq = 0 if opening or inbox is None else inbox["seq"] + 1
    recent = list(state.get("recent", []))
    if not opening and inbox is not None:
        step_before = memory_from(state["memory"]).step
        candidate = {
            "role": "candidate",
            "content": inbox["content"],
            "step": step_before,
            "at": inbox.get("at") or _now(),
        }
        recent.append(candidate)
    writer = get_stream_writer()
    rendered = await runtime.context.renderer.arender(
        act,
        scenario,
        seed=f"{state['interview_id']}:{seq}",
        phrasing=state.get("phrasing"),
        messages=recent,
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
    recent.append(reply)
    update: dict[str, Any] = {
        "memory": asdict(act.memory),
        "phrasing": rendered.phrasing,
        "recent": recent[-RECENT:],
        "reply": {**reply, "seq": seq},
        "act": None,
        "moving": None,
    }
    if not opening and inbox is not None:
        update |= {"last_seq": inbox["seq"], "inbox": None, "content": ""}
        return Command(goto="__end__", update=update)
    # Studio's first run may carry a message with it: answer it after the opening.
    goto: Literal["requirements", "__end__"] = "requirements" if state.get("content") else "__end__"
    return Command(goto=goto, update=update)


# --- routing and wiring ------------------------------------------------------------------------


async def route_start(
    state: InterviewState,
) -> Literal["open_interview", "requirements", "data_api_scale", "design", "wrap_up", "done"]:
    """A new thread opens the interview; otherwise the interview's step takes the message."""
    if "memory" not in state:
        return "open_interview"
    step: Step = state["memory"].get("step", "requirements")
    return step


def build_graph() -> StateGraph[InterviewState, InterviewContext, InputState, InterviewState]:
    builder = StateGraph(InterviewState, context_schema=InterviewContext, input_schema=InputState)
    builder.add_node("open_interview", open_interview)
    builder.add_node("requirements", requirements)
    builder.add_node("data_api_scale", data_api_scale)
    builder.add_node("design", design)
    builder.add_node("wrap_up", wrap_up)
    builder.add_node("done", done)
    builder.add_node("respond", respond)
    builder.add_conditional_edges(START, route_start)
    return builder
