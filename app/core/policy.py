"""The interviewer policy: given the interview so far and the candidate's message, decide the next
*act*. Deterministic and pure; it never chooses words (the renderer does).

What it decides, in order:
1. slash commands (`/hint`, `/next`, `/finish`);
2. prompt injection gets a refusal and nothing else;
3. a move to another step, when the candidate asks for it ("let's go to the API"), naming what
   they skipped;
4. a candidate proposing components during requirements is nudged back, once, then let go;
5. each question the disclosure engine recognised is answered with its fact; a question no fact
   covers is met with "state an assumption" (never an invented number);
6. in design, one follow-up question at a time from the scenario's bank, never the same twice,
   and once a changed constraint (a twist).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from app.core.disclosure import Disclosure, disclose
from app.core.grading.arithmetic import find_calculations
from app.core.grading.context import ENDPOINT
from app.core.scenarios.loader import LoadedScenario
from app.core.text import sentences

Step = Literal["requirements", "data_api_scale", "design", "wrap_up", "done"]
ORDER: tuple[Step, ...] = ("requirements", "data_api_scale", "design", "wrap_up", "done")
PartKind = Literal[
    "answer",
    "assume",
    "refuse_injection",
    "refuse_catch_all",
    "nudge_requirements",
    "move_step",
    "follow_up",
    "twist",
    "hint",
    "ack",
    "wrap_up",
    "close",
    "open",
]


@dataclass(frozen=True)
class Part:
    """One thing the interviewer does in a reply; a reply is one or more parts."""

    kind: PartKind
    facts: tuple[str, ...] = ()
    step: Step | None = None
    skipped: tuple[str, ...] = ()
    follow_up: str | None = None
    twist: str | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Memory:
    """What the policy remembers between turns (lives in the graph state)."""

    step: Step = "requirements"
    revealed: tuple[str, ...] = ()
    nudged: bool = False
    follow_ups: tuple[str, ...] = ()
    twist: str | None = None
    twist_turn: int | None = None
    design_turns: int = 0
    covered: tuple[str, ...] = ()
    """Framework items the candidate has touched: nfr, api, estimates, components."""


def memory_from(state: dict[str, Any]) -> Memory:
    """Rebuild `Memory` from its dict form in the graph state (lists come back as tuples)."""
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in state.items()}
    return Memory(**values)


@dataclass(frozen=True)
class Act:
    parts: tuple[Part, ...]
    memory: Memory
    revealed: tuple[str, ...] = field(default=())
    """Facts this reply reveals (new or repeated), in scenario order."""

    @property
    def step(self) -> Step:
        return self.memory.step


_MOVE_TARGETS: list[tuple[Step, re.Pattern[str]]] = [
    (
        "data_api_scale",
        re.compile(
            r"\b(move|go|jump|switch|proceed|get|head|turn|skip|transition|continue)\b.{0,20}\b(to|into|"
            r"with|on to|onto)\b.{0,12}\b(data types?|the api|apis?|endpoints?|scale|estimat\w*|the "
            r"numbers|back[- ]of[- ](the[- ])?envelope|capacity|step 2|second step)\b|"
            r"\blet'?s (start|begin) (with )?(the )?(api|data types|scale|estimates)\b|"
            r"\blet'?s (talk about|do|discuss|define|write|look at) (the )?(api|apis|endpoints|data "
            r"types|scale|estimates|numbers)\b",
            re.I,
        ),
    ),
    (
        "design",
        re.compile(
            r"\b(move|go|jump|switch|proceed|get|head|turn|skip|transition|continue|start)\b.{0,20}"
            r"\b(to|into|with|on to|onto)\b.{0,12}\b(the design|design|architecture|high[- ]level|"
            r"drawing|boxes|step 3|third step|components)\b|\blet'?s (design|start designing|draw|sketch "
            r"the (design|architecture))\b|\bstart drawing\b|"
            r"\b(start|begin) (the |with the |on the )?(design|architecture|drawing)\b",
            re.I,
        ),
    ),
    (
        "wrap_up",
        re.compile(
            r"\b(i'?m|i am) (done|finished)\b|\bthat'?s (my|the) (whole )?design\b|\bwrap (it )?up\b|"
            r"\bi think that'?s it\b|\bthat'?s all i have\b|\bthat covers (it|everything)\b",
            re.I,
        ),
    ),
]
_NEXT = re.compile(r"\b(move on|next step|next section|let'?s continue|shall we move)\b", re.I)
_PROPOSAL = re.compile(
    r"\b(use|using|store|put|add|place|keep|pick|choose|introduce|go with|shard|partition|"
    r"replicate|behind|in front of|we'?ll have|we need an?|i'?d have)\b",
    re.I,
)


def _coverage(message: str, scenario: LoadedScenario) -> set[str]:
    """Which framework items a message touches (for naming what a step change skips)."""
    found = set()
    rule = scenario.lexicon.compile
    for s in sentences(message):
        if rule(
            "@availability|@consistency|@security|@trust|latency|performance|non+functional|nfr"
        ).matches(s.tokens):
            found.add("nfr")
        if rule("@component").matches(s.tokens) and _PROPOSAL.search(s.text):
            found.add("components")
    if ENDPOINT.search(message):
        found.add("api")
    if find_calculations(message):
        found.add("estimates")
    return found


def _target(message: str, step: Step) -> Step | None:
    for target, pattern in _MOVE_TARGETS:
        if pattern.search(message) and ORDER.index(target) > ORDER.index(step):
            return target
    if _NEXT.search(message) and step in ("requirements", "data_api_scale", "design"):
        return ORDER[ORDER.index(step) + 1]
    return None


def _skipped(frm: Step, to: Step, covered: set[str]) -> tuple[str, ...]:
    out = []
    span = ORDER[ORDER.index(frm) : ORDER.index(to)]
    if "requirements" in span and "nfr" not in covered:
        out.append("non_functional")
    if "data_api_scale" in span:
        if "api" not in covered:
            out.append("api")
        if "estimates" not in covered:
            out.append("estimates")
    return tuple(out)


def _next_follow_up(
    scenario: LoadedScenario,
    design_said: list[str],
    asked: tuple[str, ...],
    revealed: tuple[str, ...],
) -> str | None:
    said = [s for text in design_said for s in sentences(text)]

    def any_matches(source: str) -> bool:
        rule = scenario.lexicon.compile(source)
        return any(rule.matches(s.tokens) for s in said)

    for fu in scenario.scenario.follow_ups:
        if fu.id in asked or not set(fu.after_facts) <= set(revealed):
            continue
        if all(any_matches(m) for m in fu.mentions) and not any(any_matches(m) for m in fu.missing):
            return fu.id
    return None


def opening(scenario: LoadedScenario) -> Act:
    """The first act: the problem statement, nothing revealed."""
    return Act(parts=(Part("open"),), memory=Memory())


def decide(
    message: str,
    scenario: LoadedScenario,
    memory: Memory,
    design_said: list[str] | None = None,
    turn: int = 0,
    extra_facts: tuple[str, ...] = (),
) -> Act:
    """The interviewer's next act after the candidate's `message`.

    `design_said` is what the candidate has said since design began (this message included),
    used to pick follow-ups. `turn` is the message's index in the transcript.
    """
    text = message.strip()
    command = text.lower()
    if command in ("/hint", "hint"):
        return Act((Part("hint", step=memory.step),), memory)
    if command == "/finish":
        return Act((Part("close"),), replace(memory, step="done"))

    covered = set(memory.covered) | _coverage(text, scenario)
    memory = replace(memory, covered=tuple(sorted(covered)))
    result = disclose(text, scenario, frozenset(memory.revealed))
    if extra_facts and not result.asked and result.refusal is None and result.is_question:
        # Facts a classifier model found; it saw topics only, and the ids were validated.
        asked = tuple(f.id for f in scenario.scenario.facts if f.id in extra_facts)
        result = Disclosure(
            asked=asked,
            new=tuple(f for f in asked if f not in memory.revealed),
            is_question=True,
            quotes={f: text for f in asked},
        )
    if result.refusal == "injection":
        return Act((Part("refuse_injection"),), memory)

    parts: list[Part] = []
    step = memory.step
    target = ORDER[ORDER.index(step) + 1] if command == "/next" and step != "done" else None
    target = target or _target(text, step)
    if target is not None and step not in ("wrap_up", "done"):
        skipped = _skipped(step, target, covered)
        if target == "wrap_up":
            parts.append(Part("wrap_up"))
        else:
            parts.append(Part("move_step", step=target, skipped=skipped))
        memory = replace(memory, step=target)
        step = target
    elif step == "data_api_scale" and "components" in _coverage(text, scenario):
        # Proposing components here is moving on to design; say what was skipped.
        skipped = _skipped(step, "design", covered)
        parts.append(Part("move_step", step="design", skipped=skipped))
        memory = replace(memory, step="design")
        step = "design"
    elif step == "requirements" and "components" in _coverage(text, scenario):
        if not memory.nudged:
            parts.append(Part("nudge_requirements"))
            memory = replace(memory, nudged=True)
        else:
            skipped = _skipped(step, "design", covered)
            parts.append(Part("move_step", step="design", skipped=skipped))
            memory = replace(memory, step="design")
            step = "design"

    if result.asked:
        parts.insert(0, Part("answer", facts=result.asked))
        revealed = tuple(
            f.id
            for f in scenario.scenario.facts
            if f.id in set(memory.revealed) | set(result.asked)
        )
        memory = replace(memory, revealed=revealed)
    elif result.refusal == "catch_all":
        parts.insert(0, Part("refuse_catch_all"))
    elif result.is_question and not parts and command != "/next":
        parts.append(Part("assume"))

    if (
        step == "design"
        and not result.is_question
        and not any(p.kind == "move_step" for p in parts)
    ):
        memory = replace(memory, design_turns=memory.design_turns + 1)
        twist_due = memory.twist is None and (
            len(memory.follow_ups) >= 2 or memory.design_turns >= 3
        )
        twists = [t for t in scenario.scenario.twists if set(t.after_facts) <= set(memory.revealed)]
        if twist_due and twists:
            parts.append(Part("twist", twist=twists[0].id))
            memory = replace(memory, twist=twists[0].id, twist_turn=turn)
        else:
            fu = _next_follow_up(
                scenario, design_said or [text], memory.follow_ups, memory.revealed
            )
            if fu is not None:
                parts.append(Part("follow_up", follow_up=fu))
                memory = replace(memory, follow_ups=(*memory.follow_ups, fu))
    if step == "wrap_up" and not parts:
        parts.append(Part("close" if not result.is_question else "assume"))
        if not result.is_question:
            memory = replace(memory, step="done")
    if not parts:
        parts.append(Part("ack", step=step))
    return Act(tuple(parts), memory, revealed=result.asked)
