"""Whole simulated interviews: the scripted candidates of tests/data/walks/, played through the
service, and the invariants every interviewer reply must hold. Shared by
tests/test_interviewer_walks.py and bench/interviewer.py, so both see the same replies.

How a reply is read:
- words: whitespace-separated tokens (`str.split`).
- sentences: the text is cut after '.', '?' or '!' (and a closing quote or bracket) followed by
  whitespace, and at every line break. "e.g. x" cuts too, which only ever adds a sentence that
  does not end in '?'; "1.5 GB" and "/api?page=2" do not cut (no space after the mark).
- a question: a sentence whose last character, closing quotes and brackets aside, is '?'.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import yaml

from app.config import Settings
from app.core.scenarios.loader import Library, default_library
from app.service.interviews import open_service
from app.storage import store

WALKS = Path(__file__).parent / "data" / "walks"
STEPS = ("requirements", "data_api_scale", "design", "wrap_up", "done")
MIN_MESSAGES, MAX_MESSAGES = 10, 25

# The interviewer's own words in one reply, beside the hidden-fact answers it reveals in that
# reply. A turn that hands over no asked-for detail is a prompt, a reaction, a follow-up or a
# twist; a spoken one past 60 words is a lecture, and the candidate stops listening. Revealed
# answers are data the candidate asked for (one fact's answer runs 3 to 47 words, median 27, and
# one message may ask for four), so they are added to the bound, not capped: a flat 90 would fail
# a fair three-fact answer (the walks hold some of 110 words) and pass an 85-word monologue.
# Measured on the walks (3 seeds, 2,037 replies): own words peak at 35, in a twist.
OWN_WORDS_BOUND = 60

# A figure: a number with a unit or magnitude ("100k", "1 MB", "99.9%", "15 minutes", "256
# members"), or a magnitude phrase ("hundreds of servers"). A bare number is no figure: "1",
# "2" and "10" occur in ordinary speech ("two things", "step 2") and would false-alarm.
_UNITS = (
    "kb|mb|gb|tb|pb|bytes?|ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?"
    "|years?|km|kilometres?|kilometers?|characters?|members?|stars?|customers?|users?"
    "|drivers?|products?|problems?|entries|servers?|requests?|messages?|tests?|accounts?"
    "|percent|k|m|b|%"
)
FIGURE = re.compile(
    rf"(?<![\w.])(\d+(?:[.,]\d+)*)\s?({_UNITS})(?![a-z])"
    r"|\b(hundreds|thousands|millions|billions|tens of thousands) of (\w+)",
    re.IGNORECASE,
)
_SENTENCE_CUT = re.compile(r"(?<=[.?!])\s+|(?<=[.?!][\"'”’)\]])\s+|\n+")
_CLOSERS = " \"'”’)]"
# An answer's sentence this long, said by the interviewer before the fact is revealed, gives the
# fact away even when the rest of the answer is not said ("Eventual consistency is fine." alone
# is 4 words and common talk; "Within an hour of being published, ..." is not).
SENTENCE_WORDS = 6


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_CUT.split(text) if s and s.strip()]


def questions(text: str) -> list[str]:
    return [s for s in sentences(text) if s.rstrip(_CLOSERS).endswith("?")]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%./-]+", " ", text.lower()).split())


def figures(text: str) -> set[str]:
    """The figures in `text`, normalised ("1 MB" and "1mb" are both "1mb"; "seconds" is
    "second")."""
    found = set()
    for m in FIGURE.finditer(text):
        if m.group(1):
            number, unit = m.group(1).replace(",", ""), m.group(2).lower()
            if len(unit) > 3 and unit.endswith("s"):
                unit = unit[:-1]
            found.add(f"{number}{unit}")
        else:
            found.add(f"{m.group(3).lower()} of {m.group(4).lower()}")
    return found


@dataclass
class Turn:
    n: int
    """1-based: the candidate's n-th message."""
    message: str
    reply: dict[str, Any]


@dataclass
class Walk:
    scenario: str
    persona: str
    seed: int
    """Which fixed interview id it ran under (the offline renderer picks its words by the id)."""
    opening: dict[str, Any]
    turns: list[Turn] = field(default_factory=list)
    grade: dict[str, Any] | None = None
    unsent: int = 0
    """Messages of the script left unsaid because the interview had closed."""


def load_walks(library: Library | None = None) -> dict[str, dict[str, list[str]]]:
    """{scenario id: {persona: messages}} from tests/data/walks/*.yaml, checked: one file per
    scenario of the library, each persona 10 to 25 non-empty messages."""
    library = library or default_library()
    walks: dict[str, dict[str, list[str]]] = {}
    for path in sorted(WALKS.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text())
        scenario = raw.get("scenario") if isinstance(raw, dict) else None
        if scenario not in library.ids():
            raise ValueError(f"{path.name}: 'scenario' {scenario!r} is not a library scenario")
        personas = raw.get("personas")
        if not isinstance(personas, dict) or len(personas) < 3:
            raise ValueError(f"{path.name}: 'personas' must map at least 3 names to messages")
        for name, messages in personas.items():
            if not isinstance(messages, list) or not all(
                isinstance(m, str) and m.strip() for m in messages
            ):
                raise ValueError(f"{path.name}: persona {name!r}: messages must be non-empty text")
            if not MIN_MESSAGES <= len(messages) <= MAX_MESSAGES:
                raise ValueError(
                    f"{path.name}: persona {name!r} has {len(messages)} messages, "
                    f"expected {MIN_MESSAGES} to {MAX_MESSAGES}"
                )
        walks[scenario] = {str(k): list(v) for k, v in personas.items()}
    return walks


def interview_id(scenario: str, persona: str, seed: int) -> str:
    return hashlib.sha256(f"{scenario}:{persona}:{seed}".encode()).hexdigest()[:32]


@contextmanager
def fixed_id(value: str) -> Iterator[None]:
    """The next interview the store creates gets the id `value`. The offline renderer chooses
    among its phrasings by a hash of the interview id, so a random id would make every run say
    other words; a fixed one makes a walk replay word for word."""
    ids = SimpleNamespace(uuid4=lambda: uuid.UUID(hex=value))
    with mock.patch.object(store, "uuid", ids):
        yield


async def play_scenario(
    settings: Settings,
    scenario: str,
    personas: dict[str, list[str]],
    seeds: tuple[int, ...] = (0,),
) -> list[Walk]:
    """Every persona of `scenario`, once per seed, through one service: start, send each
    message until the interview closes, finish."""
    walks = []
    async with open_service(settings) as service:
        for seed in seeds:
            for persona, messages in personas.items():
                walks.append(await _play(service, scenario, persona, messages, seed))
    return walks


async def _play(service: Any, scenario: str, persona: str, messages: list[str], seed: int) -> Walk:
    with fixed_id(interview_id(scenario, persona, seed)):
        interview, opening = await service.start(scenario)
    walk = Walk(scenario, persona, seed, opening[0])
    for n, message in enumerate(messages, start=1):
        if walk.turns and walk.turns[-1].reply.get("step") == "done":
            walk.unsent = len(messages) - n + 1
            break
        walk.turns.append(Turn(n, message, await service.send(interview.id, message)))
    walk.grade = await service.finish(interview.id)
    return walk


def play_all(
    walks: dict[str, dict[str, list[str]]], seeds: tuple[int, ...] = (0,)
) -> dict[str, list[Walk]]:
    """Every scenario's walks under each seed, each scenario on its own service and SQLite
    file."""
    played = {}
    for scenario, personas in walks.items():
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(DATABASE_URL=f"sqlite:///{Path(tmp) / 'walks.db'}")
            played[scenario] = asyncio.run(play_scenario(settings, scenario, personas, seeds))
    return played


# ---- invariants: each returns one line per offending turn (empty: the walk holds it) ----


def describe(walk: Walk, turn: Turn, why: str) -> str:
    reply = turn.reply
    return (
        f"{walk.scenario} / {walk.persona} / seed {walk.seed} / turn {turn.n} "
        f"({reply.get('step')}, "
        f"act {reply.get('act')}): {why}\n"
        f"    candidate: {turn.message!r}\n    interviewer: {reply.get('content')!r}"
    )


def non_empty(walk: Walk, library: Library) -> list[str]:
    return [
        describe(walk, t, "empty reply")
        for t in walk.turns
        if not str(t.reply.get("content") or "").strip()
    ]


def one_question(walk: Walk, library: Library) -> list[str]:
    out = []
    for t in walk.turns:
        asked = questions(t.reply["content"])
        if len(asked) > 1:
            out.append(describe(walk, t, f"{len(asked)} questions: {asked}"))
    return out


def no_repeat(walk: Walk, library: Library) -> list[str]:
    """Never the previous reply's words again."""
    out = []
    previous = walk.opening["content"]
    for t in walk.turns:
        content = t.reply["content"]
        if content.strip() == previous.strip():
            out.append(describe(walk, t, "the same words as the previous reply"))
        previous = content
    return out


def no_question_twice(walk: Walk, library: Library) -> list[str]:
    """Never the previous reply's question again, word for word: a question the candidate let
    pass is asked again in other words, or later, or let go; the same sentence twice in a row
    is what a recording does, not a listener. (Identical replies are no_repeat's.)"""
    out = []
    previous = walk.opening["content"]
    for t in walk.turns:
        content = t.reply["content"]
        if content.strip() != previous.strip():
            again = {_norm(q) for q in questions(content)} & {_norm(q) for q in questions(previous)}
            if again:
                out.append(describe(walk, t, f"asks again the previous reply's {sorted(again)}"))
        previous = content
    return out


def no_hidden_fact(walk: Walk, library: Library) -> list[str]:
    """No hidden fact before it is asked for: for each fact not revealed by this reply or an
    earlier one, the reply holds neither its answer, nor a sentence of six words or more from
    it, nor one of its figures, unless the candidate said that already, or the statement or a
    revealed answer did."""
    facts = library.get(walk.scenario).scenario.facts
    revealed: set[str] = set()
    said_before = [walk.opening["content"]]
    out = []
    for t in walk.turns:
        said_before.append(t.message)
        revealed |= set(t.reply.get("revealed") or [])
        known = " ".join(said_before + [f.answer for f in facts if f.id in revealed])
        known_text, known_figures = _norm(known), figures(known)
        content = t.reply["content"]
        said, said_figures = _norm(content), figures(content)
        for fact in facts:
            if fact.id in revealed:
                continue
            leaks = []
            if _norm(fact.answer) in said:
                leaks.append("its answer")
            for sentence in sentences(fact.answer):
                s = _norm(sentence).rstrip(".")
                if words(s) >= SENTENCE_WORDS and s in said and s not in known_text:
                    leaks.append(f"sentence {sentence!r}")
            hidden = (figures(fact.answer) - known_figures) & said_figures
            leaks += [f"figure {f!r}" for f in sorted(hidden)]
            if leaks:
                out.append(describe(walk, t, f"hidden fact {fact.id!r}: {', '.join(leaks)}"))
    return out


def within_length(walk: Walk, library: Library) -> list[str]:
    facts = {f.id: f for f in library.get(walk.scenario).scenario.facts}
    out = []
    for t in walk.turns:
        answers = sum(words(facts[i].answer) for i in t.reply.get("revealed") or [] if i in facts)
        said = words(t.reply["content"])
        if said - answers > OWN_WORDS_BOUND:
            out.append(
                describe(
                    walk,
                    t,
                    f"{said} words, {said - answers} of them beside the revealed answers "
                    f"(bound {OWN_WORDS_BOUND})",
                )
            )
    return out


def walks_forward(walk: Walk, library: Library) -> list[str]:
    out = []
    at = STEPS.index(walk.opening["step"])
    for t in walk.turns:
        step = t.reply.get("step")
        if step not in STEPS:
            out.append(describe(walk, t, f"unknown step {step!r}"))
            continue
        if STEPS.index(step) < at:
            out.append(describe(walk, t, f"step went back from {STEPS[at]!r} to {step!r}"))
        at = max(at, STEPS.index(step))
    grade = walk.grade or {}
    if (
        grade.get("format") != "sdi.grade/v1"
        or grade.get("scenario_id") != walk.scenario
        or not 0 <= grade.get("score", -1) <= 100
    ):
        out.append(f"{walk.scenario} / {walk.persona} / seed {walk.seed}: no grade: {grade!r:.200}")
    return out


INVARIANTS = {
    "non_empty": non_empty,
    "one_question": one_question,
    "no_repeat": no_repeat,
    "no_question_twice": no_question_twice,
    "no_hidden_fact": no_hidden_fact,
    "within_length": within_length,
    "walks_forward": walks_forward,
}
