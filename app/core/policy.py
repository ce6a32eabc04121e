"""The interviewer policy: given the interview so far and the candidate's message, decide the next
*act*. Deterministic and pure; it never chooses words (the renderer does).

What it decides, in order:
1. slash commands (`/hint`, `/next`, `/finish`);
2. prompt injection gets a refusal and nothing else;
3. a move to another step, when the candidate asks for it ("let's go to the API"), naming what
   they really skipped;
4. a candidate proposing components during requirements is nudged back, once, then let go;
5. each question the disclosure engine recognised is answered with its fact (a fact told again
   says so); a play-back or check-in is confirmed or corrected against the facts already told
   (`playback.py`) and never met with "state an assumption"; a question no fact covers is met
   with "state an assumption" (never an invented number);
6. in step 2, the math shown is checked with the grader's checker (math worked out already in
   the requirements too) and the API probed, and a few questions are asked once each (the hot
   endpoint, read or write heavy, storage, files);
7. in design, one question at a time: a follow-up from the scenario's bank (never the same
   twice), which waits for its answer and, let pass, comes back once; once a changed constraint
   (the twist), which waits for its answer;
8. at the wrap-up, the candidate's questions get general answers, then the close ("how did I
   do?" said while a design question was open waits for it and is answered on arrival; more
   design said is noted and their questions asked for once more).
A reply asks at most one question (`ASKING`); one that asks nothing after an acknowledgement
invites the next move.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

from app.core.analysis import (
    PAGED_ENDPOINT,
    Analysis,
    Calculation,
    Command,
    analyse,
    disclosure_after,
)
from app.core.diagrams import follow_up_in, problem
from app.core.disclosure import Disclosure, core_objects
from app.core.playback import PlayBack, played_back, put_up_off
from app.core.scenarios.loader import LoadedScenario
from app.core.speech import (
    Reading,
    asks_next,
    content_stems,
    judges_own_part,
    moves_asked,
    set_stems,
    states,
)
from app.core.steps import ORDER, Step
from app.core.text import stem, words
from app.core.words import matcher, question_words, word_groups, word_set

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
    "check_in",
    "math_ok",
    "math_probe",
    "api_probe",
    "wrap_up",
    "close",
    "open",
    "diagram_error",
    "step_probe",
    "reask",
    "wrap_answer",
    "invite",
]

ASKING: frozenset[str] = frozenset(
    {
        "follow_up",
        "twist",
        "math_probe",
        "api_probe",
        "step_probe",
        "reask",
        "wrap_up",
        "assume",
        "refuse_injection",
        "refuse_catch_all",
        "nudge_requirements",
        "invite",
    }
)
"""Part kinds whose words end in a question: a reply holds at most one of them, and an
invitation to go on is added only to a reply that asks nothing."""


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
    said: tuple[str, ...] = ()
    """Words of the candidate's own message this part quotes back (a probe on their math or
    their API) or answers (a check-in: the clause that got each fact of `against` wrong, in its
    order): never a hidden fact."""
    detail: str | None = None
    """A diagram part's subject: the node a graph follow-up asks about, or what a diagram that
    does not parse is missing (line and what was expected); a wrap-up answer's topic."""
    against: tuple[str, ...] = ()
    """A check-in's revealed facts the candidate got wrong (the reply corrects them; `facts`
    holds those they got right)."""


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
    design_heard: tuple[str, ...] = ()
    """Rules of the follow-up bank (mentions and missing) that something the candidate said in
    the design step has matched: what picking a follow-up needs, without the transcript."""
    last_question: str | None = None
    """The candidate's last message that asked for a fact: the frame of a short follow-on
    ("how many reads?" then "And writes?")."""
    awaiting: str | None = None
    """The follow-up or twist the interviewer asked and the candidate has not answered yet."""
    owed: tuple[str, ...] = ()
    """Follow-ups the candidate let pass: each is asked once more, later."""
    reasked: tuple[str, ...] = ()
    last_asked: str | None = None
    """The follow-up or twist the previous reply asked (never asked again in the next one)."""
    asked_back: bool = False
    """The previous reply held a question: an acknowledgement now need not invite again."""
    probes: tuple[str, ...] = ()
    """Step 2 questions asked (`steps.yaml` probes: the hot endpoint, read or write heavy...)."""
    step2_heard: tuple[str, ...] = ()
    """What the candidate has said (in any step) that a step 2 probe would ask for: hot,
    read_write, storage, blobs, sizes."""
    wrap_questions: int = 0
    """Candidate questions answered in the wrap-up."""
    finishing: bool = False
    """The candidate said the design is done while a question was open: it was asked once more,
    and the next message goes on to the wrap-up whatever it says."""
    wrap_topics: tuple[str, ...] = ()
    """Topics of the candidate's questions answered in the wrap-up (feedback, role ...): one
    asked again is pointed back at, not answered word for word a second time."""
    their_question: str | None = None
    """The topic of the candidate's own question asked with "that's my design" while a
    question was open ("how did I do?": feedback): answered on entering the wrap-up."""


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


def step_asked(analysis: Analysis, step: Step) -> Step | None:
    """The later step the message asks to move on to, if any. "I'm done" before the design
    is done with this step, not with the interview: it goes to the next step, not the wrap-up
    (only a design said to be finished, or the interview asked to end, skips there)."""
    for target in analysis.moves:
        if ORDER.index(target) > ORDER.index(step):
            low = analysis.text.lower()
            early = step != "design" and "design" not in low
            if target == "wrap_up" and early and not matcher("ends_interview").search(low):
                return ORDER[ORDER.index(step) + 1]
            return target
    if step == "design" and matcher("hands_over").search(analysis.text.lower()):
        return "wrap_up"  # "that's pretty much it, how did I do?"
    if (
        analysis.next
        and step in ("requirements", "data_api_scale", "design")
        # ("so, numbers next?" said in step 2 names the step it is in: no move; "can we move
        # on, i think the design covers it" said in the design goes on)
        and not (step != "design" and analysis.moves == (step,))
    ):
        return ORDER[ORDER.index(step) + 1]
    if step == "requirements" and len(analysis.endpoints) >= 2 and not analysis.question:
        # the API written out, nothing asked: the candidate has moved on by doing step 2's work
        return "data_api_scale"
    return None


def _skipped(frm: Step, to: Step, memory: Memory) -> tuple[str, ...]:
    """What the candidate leaves behind moving from `frm` to `to`: a part of a step never done,
    or a step 2 question they were asked and did not answer (an interviewer lets it go once,
    and names it on the way out rather than letting it vanish)."""
    covered = set(memory.covered)
    out = []
    span = ORDER[ORDER.index(frm) : ORDER.index(to)]
    if "requirements" in span and "nfr" not in covered:
        # asked about but no stance taken: "you haven't touched them" would be wrong
        out.append("non_functional_stance" if "nfr_asked" in covered else "non_functional")
    if "data_api_scale" in span:
        if "api" not in covered:
            out.append("api")
        if "estimates" not in covered:
            out.append("estimates")
        heard = set(memory.step2_heard)
        out += [p for p in memory.probes if _PROBE_HEARD.get(p, p) not in heard]
    return tuple(out)


def _heard_in_design(
    analysis: Analysis, scenario: LoadedScenario, heard: tuple[str, ...], mentions: bool = True
) -> tuple[str, ...]:
    """`heard` plus the follow-up bank's rules that a sentence of the message matches (with
    `mentions` False, only the rules of what would answer a follow-up)."""
    said = analysis.readings
    found = set(heard)
    for fu in scenario.scenario.follow_ups:
        for source in (*(fu.mentions if mentions else ()), *fu.missing):
            if source not in found:
                rule = scenario.lexicon.compile(source)
                if any(rule.matches(s.tokens) for s in said):
                    found.add(source)
    return tuple(sorted(found))


def _next_follow_up(
    scenario: LoadedScenario, memory: Memory, now: tuple[str, ...] = ()
) -> str | None:
    """The bank's next follow-up the design calls for; one on what the message just spoke of
    (`now`: the bank's rules it matches) comes first, so the question follows the candidate
    ("recordings go to S3" draws the recordings question, not the one on deploys)."""
    heard = set(memory.design_heard)
    due = [
        fu
        for fu in scenario.scenario.follow_ups
        if fu.id not in memory.follow_ups
        and set(fu.after_facts) <= set(memory.revealed)
        and all(m in heard for m in fu.mentions)
        and not any(m in heard for m in fu.missing)
    ]
    topical = [fu for fu in due if fu.mentions and any(m in now for m in fu.mentions)]
    chosen = topical or due
    return chosen[0].id if chosen else None


def opening(scenario: LoadedScenario) -> Act:
    """The first act: the problem statement, nothing revealed."""
    return Act(parts=(Part("open"),), memory=Memory())


# --- one message, heard once ------------------------------------------------------------------


@dataclass(frozen=True)
class Heard:
    """What the policy takes from one candidate message: its analysis (read once, shared with
    the grader and the hints) and the disclosure given what was revealed before it."""

    analysis: Analysis
    disclosure: Disclosure

    @property
    def text(self) -> str:
        return self.analysis.text.strip()

    @property
    def command(self) -> Command | None:
        return self.analysis.command

    @property
    def covered(self) -> frozenset[str]:
        """Framework items this message touches (nfr, api, estimates, components)."""
        if self.command in ("hint", "finish"):
            return frozenset()
        return self.analysis.covers

    @property
    def check_in(self) -> bool:
        """The candidate asks the interviewer's view on a decision or on progress."""
        return self.analysis.check_in


def hear(
    message: str, scenario: LoadedScenario, memory: Memory, extra_facts: tuple[str, ...] = ()
) -> Heard:
    """Read a message once: its command, which facts it asks for, what it covers.

    `extra_facts` are fact ids a classifier model found (it saw topics only; the ids were
    validated); they count only for a question the rules matched nothing in."""
    disclosure = disclosure_after(
        message,
        scenario,
        memory.revealed,
        memory.last_question,
        put_up=memory.step in ("requirements", "data_api_scale"),
    )
    heard = Heard(analyse(message, scenario), disclosure)
    return with_facts(heard, extra_facts, scenario, memory) if extra_facts else heard


def with_facts(
    heard: Heard, extra_facts: tuple[str, ...], scenario: LoadedScenario, memory: Memory
) -> Heard:
    """`heard`, taking `extra_facts` (a classifier model's validated fact ids) as asked when the
    message is a question the rules matched nothing in and refused nothing."""
    result = heard.disclosure
    if not extra_facts or result.asked or result.refusal is not None or not result.is_question:
        return heard
    quotes = {f.id: heard.text for f in scenario.scenario.facts if f.id in extra_facts}
    return replace(heard, disclosure=Disclosure.of(quotes, memory.revealed, question=True))


# --- the rules every step shares ----------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """A step's rule decided to go to a later step; the graph routes to that step's node,
    which says so (`enter`)."""

    to: Step
    frm: Step
    memory: Memory


def _settled(heard: Heard, memory: Memory) -> Act | Memory:
    """Commands and refusals end the turn at once; otherwise the memory with this message's
    coverage folded in."""
    if heard.command == "hint":
        return Act((Part("hint", step=memory.step),), memory)
    if heard.command == "finish":
        return Act((Part("close"),), replace(memory, step="done"))
    memory = replace(
        memory,
        covered=tuple(sorted(set(memory.covered) | heard.covered)),
        # "100 views per upload, so super read heavy", said in any step, counts in step 2
        step2_heard=_heard_in_step2(heard, memory.step2_heard),
    )
    if heard.disclosure.asked:
        memory = replace(memory, last_question=heard.analysis.text)
    if heard.disclosure.refusal == "injection":
        return Act((Part("refuse_injection"),), memory)
    return memory


def _opened(heard: Heard, memory: Memory, step: Step) -> Act | Move | Memory:
    """What every step but the wrap-up does first: commands and refusals (an act), a move the
    candidate asks for (a move), else the memory to go on with."""
    settled = _settled(heard, memory)
    if isinstance(settled, Act):
        return settled
    target = _asked_to_move(heard, step)
    return Move(target, step, settled) if target is not None else settled


def _asked_to_move(heard: Heard, step: Step) -> Step | None:
    if heard.command == "next":
        return ORDER[ORDER.index(step) + 1]
    return step_asked(heard.analysis, step)


def _answered(
    heard: Heard, scenario: LoadedScenario, memory: Memory, parts: list[Part]
) -> tuple[list[Part], Memory]:
    """`_answered_facts`; and a play-back confirmed whose own arithmetic does not hold ("100M
    redirects a day, which is ~100k/sec, right?") is not called right: what was told is, and
    the step that does not hold is probed."""
    out, memory = _answered_facts(heard, scenario, memory, parts)
    wrong = next((c for c in heard.analysis.calculations if not c.ok), None)
    at = next(
        (
            i
            for i, p in enumerate(out)
            if p.kind == "check_in" and not p.against and p.detail is None
        ),
        None,
    )
    if wrong is not None and at is not None:
        out[at] = replace(out[at], detail="math")
        out.insert(at + 1, _math_probe(wrong))
    return out, memory


def _answered_facts(
    heard: Heard, scenario: LoadedScenario, memory: Memory, parts: list[Part]
) -> tuple[list[Part], Memory]:
    """Answer each fact the message asks for (first); a catch-all is declined; a check-in is
    acknowledged (what it plays back right confirmed, what it gets wrong corrected); a question
    no fact covers gets "state an assumption" when nothing else is said."""
    result = heard.disclosure
    back = played_back(heard.analysis.readings, scenario, memory.revealed)
    if (
        result.asked
        and not result.new
        and (heard.check_in or _plays_back(heard) or set(back.contradicts) & set(result.asked))
    ):
        # A play-back of what was already said, checked in on ("..., is that right?") or asked
        # back wrong ("so links expire after a year?"): confirm or correct it; saying the same
        # answers again would not be listening.
        confirms = tuple(f for f in (*result.asked, *back.confirms) if f not in back.contradicts)
        part = Part(
            "check_in",
            facts=tuple(dict.fromkeys(confirms)),
            against=back.contradicts,
            step=memory.step,
            said=back.said_against(back.contradicts),
        )
        return [part, *parts], memory
    if result.new and (heard.check_in or any(r.confirm for r in heard.analysis.readings)):
        # A play-back that also asks something new: answer the new, do not tell again what
        # it plays back (a contradiction in it is still corrected).
        result = replace(result, asked=result.new)
        # A figure it puts up for a fact of scale not told yet is checked against that fact's
        # answer too: "100k reads a minute, 1k writes, each write about 1 KB. right?" is not met
        # with "Yes, that matches" when a write is about 1 MB; the answer corrects it. (An
        # assumption on a requirement, "only the number of likes, not who liked, correct?",
        # is answered: it asks.)
        figures = tuple(f for f in result.new if scenario.scenario.fact(f).step == "data_api_scale")
        ahead = played_back(heard.analysis.readings, scenario, (*memory.revealed, *figures))
        said = dict(ahead.wrong_said)
        for f in figures:
            # the sentence that put it up, read for its own figure ("uploads I think are around
            # 100 per minute, is it correct?" against 10k a minute)
            quote = result.quotes.get(f, "")
            if f not in said and (figure := put_up_off(quote, scenario.scenario.fact(f))):
                said[f] = figure
        off = tuple(f for f in figures if f in said)
        if off:
            back = replace(
                back,
                contradicts=(*back.contradicts, *off),
                wrong_said=(*back.wrong_said, *((f, said[f]) for f in off)),
            )
            result = replace(result, asked=tuple(f for f in result.new if f not in off))
            told = set(memory.revealed) | set(off)  # the correction tells them
            memory = replace(
                memory, revealed=tuple(f.id for f in scenario.scenario.facts if f.id in told)
            )
    if result.asked:
        revealed = tuple(
            f.id
            for f in scenario.scenario.facts
            if f.id in set(memory.revealed) | set(result.asked)
        )
        again = "again" if set(result.asked) <= set(memory.revealed) else None
        out = [Part("answer", facts=result.asked, detail=again), *parts]
        wrong = tuple(f for f in back.contradicts if f not in result.asked)
        if wrong:
            out.append(
                Part("check_in", against=wrong, step=memory.step, said=back.said_against(wrong))
            )
        elif heard.check_in and (right := tuple(f for f in back.confirms if f not in result.asked)):
            # "so edits within 15 minutes, deletes any time, correct? and are groups a thing?":
            # what it plays back right is confirmed before the new question is answered
            out.insert(0, Part("check_in", facts=right, step=memory.step))
        return out, replace(memory, revealed=revealed)
    if result.refusal == "catch_all" and not (
        heard.check_in and any(states(r) for r in heard.analysis.readings)
    ):
        # ("what else should I know?" gets nothing; a summary, then "did I miss anything
        # important?", is a check-in on it.)
        return [Part("refuse_catch_all"), *parts], memory
    # Right arithmetic on inputs that differ from what was told ("500M users x 40 = 20B a
    # day" after "about 100M daily users") is corrected on the inputs, not called wrong.
    calcs = heard.analysis.calculations
    if heard.check_in and calcs and not (back.confirms or back.contradicts or parts):
        # "each row is maybe 500 bytes so 1M a day is 500 MB a day, ~180 GB a year. Does that
        # hold up?": a view asked on the candidate's own math gets the math checked, not "you
        # tell me" nor "that matches what I told you"
        return _math_reaction(heard), memory
    # (an untold figure put up far off is no input of the math: "Not quite", not "your
    # arithmetic holds, but not the inputs")
    told_wrong = [f for f in back.contradicts if f not in heard.disclosure.new]
    inputs_only = bool(told_wrong and calcs and all(c.ok for c in calcs))
    # "What do you think, should I shard it?" asks the interviewer to make the candidate's
    # decision: it is handed back, not agreed with.
    decide = heard.check_in and _asks_to_decide(heard, back)
    # A design put up with "does that work?" gets a view of the design: what it repeats of
    # the told ("a version visible only once stored") is no play-back to confirm.
    design_put_up = memory.step == "design" and "proposal" in heard.analysis.acts
    acknowledged = Part(
        "check_in",
        facts=() if design_put_up and not back.contradicts else back.confirms,
        against=back.contradicts,
        step=memory.step,
        said=back.said_against(back.contradicts),
        detail="inputs"
        if inputs_only
        else "decide"
        if decide
        else "partial"
        if back.partial
        else "judge"
        if _judges_own(heard, back)
        else "own"
        if _puts_up_own(heard, memory.step)
        else None,
    )
    if (
        result.is_question
        and not parts
        and scenario.scenario.users
        and matcher("asks_users").search(heard.text.lower())
    ):
        # "who are the users here, riders and drivers only?": the problem's own frame, said
        # (never "make an assumption": nobody has to guess who uses Uber)
        return [Part("ack", step=memory.step, detail="users")], memory
    if (
        (heard.check_in or result.is_question)
        and not parts
        and memory.step == "requirements"
        and _asks_the_problem(heard, scenario)
    ):
        # "hello! so, design dropbox basically?": the problem itself, confirmed, not met with
        # "make an assumption"
        return [Part("ack", step=memory.step, detail="problem")], memory
    if (heard.check_in or back.contradicts) and not parts:
        # A view asked for, not a fact: acknowledge it (never "state an assumption"); a
        # play-back that contradicts what was said is corrected even without a question.
        return [acknowledged], memory
    if back.contradicts or (
        heard.check_in
        and back.confirms
        and "proposal" not in heard.analysis.acts
        and any(p.kind == "move_step" for p in parts)
    ):
        # "... like a hundred thousand orders a minute normally, so reads are only ten times
        # writes": what it gets wrong is corrected before the interviewer's own move; a
        # play-back checked in on as the step ends ("I think that's everything you told me,
        # yes?") is confirmed before the next step opens (a design put up with "thoughts?" is
        # no play-back: "that matches what I told you" would not answer it)
        return [acknowledged, *parts], memory
    if result.is_question and not parts and heard.command != "next":
        if memory.step != "requirements" and _asks_to_decide(heard, back):
            # "DynamoDB or Postgres for the catalog?", "should i bother w/ a CDN?": the
            # candidate's design choice, handed back (not "pick something and assume")
            return [replace(acknowledged, detail="decide")], memory
        heard_back = _plays_back(heard) or _recaps(heard) or _said_rising(heard)
        # ("feed = followed accounts, newest first, no recs. uploads ~1M/min?": what it plays
        # back of the told is confirmed, not met with "pick something and assume")
        heard_back = heard_back or bool(back.confirms)
        return [acknowledged if heard_back else Part("assume")], memory
    return parts, memory


def _asks_to_decide(heard: Heard, back: PlayBack) -> bool:
    """Asks the interviewer to make one of the candidate's design decisions ("What do you
    think, should I shard it?", "DynamoDB or Postgres for the catalog?", "is a CDN worth it
    here?"), putting up no design of its own to judge: handed back, not agreed with."""
    return (
        not back.confirms
        and not back.contradicts
        and "proposal" not in heard.analysis.acts
        and (
            bool(matcher("asks_to_decide").search(heard.text.lower()))
            or any(r.question and r.weighs for r in heard.analysis.readings)
        )
    )


def _plays_back(heard: Heard) -> bool:
    """Statements of the candidate's own, then a short question that asks no fact and speaks
    of what was said ("... so that's the picture, fair?", "did I miss or misstate
    anything?"): a request for the interviewer's view, however it is worded."""
    readings = heard.analysis.readings
    if not _one_closing_question(readings):
        return False
    said, tail = _view_tail(readings[-1].text)
    if len(readings) >= 2:
        # "... results need to show up in a second - is that the right target?"
        return any(states(r) for r in readings[:-1]) and (
            _asks_a_view(readings[-1].text) or (bool(said) and _asks_a_view(tail, spoken=True))
        )
    # Said in one breath: "... uploads can be slow yeah so is that the picture", "... mostly
    # idle clients is that ok or would you rather see push"
    if not said:
        *pieces, tail = _SPOKEN_CLAUSE.split(readings[0].text)
        said = " ".join(pieces)
    return len(content_stems(said)) >= 6 and _asks_a_view(tail, spoken=True)


def _recaps(heard: Heard) -> bool:
    """Two or more statements of the candidate's own, then one closing question that asks for
    no fact: a summary put to the interviewer, however the question is worded ("so far: ...
    Should I also cover X?"). Acknowledged, never met with "state an assumption"."""
    readings = heard.analysis.readings
    return _one_closing_question(readings) and sum(states(r) for r in readings[:-1]) >= 2


def _said_rising(heard: Heard) -> bool:
    """The candidate's understanding said with a rising tone and nothing asked besides ("so
    riders request a ride and a driver picks them up?"): a statement put to the interviewer,
    acknowledged, not met with "state an assumption". A question word anywhere asks."""
    questions = [r for r in heard.analysis.readings if r.question]
    asking = question_words()
    return (
        len(questions) == 1
        and questions[0].sentence.is_question_mark
        and len(words(questions[0].text)) >= _RISING_WORDS
        # "who's buying?": the question word in its contraction asks too
        and not any(w.replace("\u2019", "'").split("'")[0] in asking for w in words(questions[0].low))
    )


_RISING_WORDS = 5


def _one_closing_question(readings: Sequence[Reading]) -> bool:
    """The message asks one question, and it is its last sentence."""
    questions = [r for r in readings if r.question]
    return len(questions) == 1 and questions[0] is readings[-1]


def _view_tail(text: str) -> tuple[str, str]:
    """A sentence cut where its closing question on what was said begins ("... mostly idle
    clients | is that ok or would you rather see push"); ("", text) when there is none."""
    starts = list(_VIEW_START.finditer(text))
    if not starts or starts[-1].start() == 0:
        return "", text
    return text[: starts[-1].start()], text[starts[-1].start() :]


_VIEW_START = re.compile(
    r"\b(?:is|does|would|did|am|are|sounds?)\s+(?:that|this|it|i|we)\b(?=[^.?!]{0,60}[?]?\s*$)",
    re.IGNORECASE,
)
_SPOKEN_CLAUSE = re.compile(r"\s[-\u2013]\s|,\s*|\s(?:yeah|so|and|but|ok|okay)\s", re.IGNORECASE)
_VIEW_OPENING = re.compile(
    r"^\W*(?:(?:so|and|yeah|ok|okay|well)\s+)*"
    r"(?:is|does|did|am|are|do|would|could|can|sound|sounds|right|ok|okay|correct|fair)\b",
    re.IGNORECASE,
)


def _judges_own(heard: Heard, back: PlayBack) -> bool:
    """Asks whether a part of the candidate's own design will do ("is my worker pool going to
    be enough for contest start?"): the candidate's to work out, not the interviewer's to
    approve; nothing of what they say is checked against a fact."""
    return (
        not back.confirms
        and not back.contradicts
        and any(r.question and judges_own_part(r.sentence) for r in heard.analysis.readings)
    )


def _puts_up_own(heard: Heard, step: Step) -> bool:
    """A check-in on what the candidate designs in the data step ("POST /messages, GET
    /messages?before=..., that ok?"): met as a design choice is, not as a summary."""
    analysis = heard.analysis
    return step == "data_api_scale" and bool(analysis.endpoints or "proposal" in analysis.acts)


def _asks_a_view(question: str, spoken: bool = False) -> bool:
    """A short question pointing back at what was said, or judging it; said in one breath, it
    must open as such a question does ("is that the picture", "does that work")."""
    ws = words(question)
    if not ws or len(ws) > 12 or (spoken and not _VIEW_OPENING.match(question)):
        return False
    pointing = word_set("pointing_back") - {"i", "my", "me"}  # "how many servers do I get?"
    return any(w in word_set("view_words") or w in pointing for w in ws)


def _asks_the_problem(heard: Heard, scenario: LoadedScenario) -> bool:
    """A question that only names the problem back ("so, design dropbox basically?", "we're
    building a file sync service, right?"): every word that carries a topic is the problem
    statement's, a greeting's, or one that frames a problem ("design", "basically")."""
    if heard.disclosure.asked or len(heard.analysis.readings) > 3:
        return False
    # (the system's first object is the problem's too: "just shortening links?")
    statement = " ".join(
        (scenario.scenario.statement, scenario.scenario.title, *core_objects(scenario)[:1])
    )
    own = content_stems(heard.text) - content_stems(
        " ".join((*word_set("greeting"), *word_set("problem_frames")))
    )
    return bool(own) and own <= content_stems(statement)


def _greets(text: str) -> bool:
    """A message of greetings only ("hey there", "Hi, good morning!")."""
    said = set(words(text.lower()))
    return 0 < len(said) <= 6 and said <= word_set("greeting") and bool(said & word_set("greets"))


def _opens_with_greeting(text: str, memory: Memory) -> bool:
    """The interview's first words, opened with a greeting ("Hi! Amazon-style store.
    Questions first:"): met with one, not "anything more on the requirements?"."""
    first = words(text.lower())[:1]
    return (
        memory.step == "requirements"
        and not memory.revealed
        and bool(first)
        and first[0] in word_set("greets")
    )


def _thanks(text: str) -> bool:
    """A message of thanks only ("thanks!", "ok thank you so much")."""
    said = set(words(text.lower()))
    return (
        0 < len(said) <= 8
        and said <= word_set("thanking")
        and bool(said & {"thanks", "thank", "thx", "ty"})
    )


_INVITING = ("decide", "judge", "focus_last", "view_on_open")
"""Details of a last part that invite the candidate already: no invitation is added to them."""


def _act(parts: list[Part], memory: Memory, heard: Heard) -> Act:
    if not parts:
        greeted = _greets(heard.text) or _opens_with_greeting(heard.text, memory)
        detail = "greeting" if greeted else "thanks" if _thanks(heard.text) else None
        parts = [Part("ack", step=memory.step, detail=detail)]
    # Diagrams (issue 16): one that does not parse is named (line, what was expected); the
    # message is answered as usual.
    trouble = problem(heard.text)
    if trouble is not None:
        parts = [Part("diagram_error", detail=trouble), *parts]
    # A question asked again right after the candidate said something is asked after taking
    # that in ("Got it. Coming back to my earlier question ..."), not as if nothing was said.
    if parts[0].kind == "reask" and parts[0].detail not in ("focus", "repeat") and heard.analysis.states:
        parts = [Part("ack", step=memory.step), *parts]
    # At most one question a reply: the last part that asks keeps its question.
    asking = [i for i, p in enumerate(parts) if p.kind in ASKING]
    if len(asking) > 1:
        parts = [p for i, p in enumerate(parts) if p.kind not in ASKING or i == asking[-1]]
    elif (
        not asking
        and parts[-1].kind in ("ack", "check_in", "math_ok")
        and parts[-1].detail not in _INVITING
        and memory.step != "done"
        and (parts[-1].kind == "check_in" or not memory.asked_back)
    ):
        # Nothing asked back: invite the next move, as an interviewer who is listening would
        # (after a check-in always; after a plain acknowledgement when the last reply asked
        # nothing, so a run of statements is not met by a run of questions).
        greeted = parts[-1].detail in ("greeting", "problem")
        # ("How does the rest of the system fit around that?" needs something said)
        bare = memory.step == "design" and not heard.analysis.states
        # (who the users are told, the questions go on: no "ready to move on?" yet)
        users = parts[-1].detail == "users" and memory.step == "requirements"
        detail = "greeting" if greeted else "users" if users else "bare" if bare else None
        parts = [*parts, Part("invite", step=memory.step, detail=detail)]
    asked = next((p.follow_up or p.twist for p in parts if p.kind in _QUESTIONS), None)
    memory = replace(memory, last_asked=asked, asked_back=any(p.kind in ASKING for p in parts))
    told = tuple(dict.fromkeys(f for p in parts if p.kind == "answer" for f in p.facts))
    # a figure put up wrong for a fact not told yet is corrected with its answer: told too
    corrected = (f for p in parts if p.kind == "check_in" for f in p.against)
    told += tuple(f for f in corrected if f in heard.disclosure.new and f not in told)
    return Act(tuple(parts), memory, revealed=told)


_QUESTIONS = ("follow_up", "twist", "reask")
"""Parts that ask the candidate a design question they owe an answer to."""


# --- one rule per step -------------------------------------------------------------------------


def requirements(heard: Heard, scenario: LoadedScenario, memory: Memory, turn: int) -> Act | Move:
    """Requirements: answer questions; a candidate who jumps to components is nudged back once,
    then let go to the design."""
    opened = _opened(heard, memory, "requirements")
    if not isinstance(opened, Memory):
        return opened
    memory = opened
    parts: list[Part] = []
    # (a component named in a recap, or in math worked out early, "5 GB to 500 servers in an
    # hour ~ 700 MB/s from the blob store", places nothing yet)
    if "components" in heard.covered and not _recap(heard) and not heard.analysis.calculations:
        if memory.nudged:
            return Move("design", "requirements", memory)
        parts.append(Part("nudge_requirements"))
        memory = replace(memory, nudged=True)
    parts, memory = _answered(heard, scenario, memory, parts)
    if not parts and not heard.disclosure.is_question and heard.analysis.calculations:
        # Numbers worked out early ("20M rides a day is about 230 a second") are checked
        # here as in step 2, not met with a bare "OK".
        parts = _math_reaction(heard)
    return _act(parts, memory, heard)


def _recap(heard: Heard) -> bool:
    """The requirements played back ("recap: 1:1 + groups, receipts, offline queue + push ...
    anything wrong?"): a word like "queue" in it describes a requirement, it places nothing."""
    low = heard.text.lower().lstrip()
    return bool(matcher("playback").search(low) or matcher("recap_opening").search(low))


_ONE_ITEM = re.compile(r"(?:\{[^}/]*\}|:\w+|/\d+|_id|\bid)/?$")
"""A path ending in an id names one item, not a list."""
_MANY_ITEMS = re.compile(
    r"/(?:(?!status|address|access|progress|class)[a-z_-]*[a-z](?<!s)s|feed|timeline|history|"
    r"search|inbox|leaderboard|trending|results?)/?(?:\?.*)?$",
    re.IGNORECASE,
)
"""A path whose last part names many things ("/tweets", "/feed", "/history"), not one
("/accounts/{id}/balance", "/status")."""


def _reaction(heard: Heard, scenario: LoadedScenario) -> list[Part]:
    """What an interviewer says to work shown in step 2, when nothing was asked: the math
    checked with the grader's own checker ("that holds up", or a probe on the step that does
    not hold, without the right figure), or a probe on a list endpoint with no paging."""
    if heard.analysis.calculations:
        return _math_reaction(heard)
    listing = [
        e
        for e in heard.analysis.endpoints
        if e.method == "GET"
        and not PAGED_ENDPOINT.search(e.path)
        and not _ONE_ITEM.search(e.path)
        and _MANY_ITEMS.search(e.path)
    ]
    if listing and scenario.scenario.data_api_scale.paging:
        return [Part("api_probe", said=(f"{listing[0].method} {listing[0].path}",))]
    return []


def _math_reaction(heard: Heard) -> list[Part]:
    """The math shown, checked with the grader's own checker: "that holds up", or a probe on
    the first step that does not hold, quoting the candidate and never the right figure."""
    calcs = heard.analysis.calculations
    wrong = next((c for c in calcs if not c.ok), None)
    return [Part("math_ok")] if wrong is None else [_math_probe(wrong)]


def _math_probe(wrong: Calculation) -> Part:
    """A probe on a step that does not hold, quoting the candidate, never the right figure."""
    inputs = " and ".join(q.text.strip() for q in wrong.operands[:3])
    return Part("math_probe", said=(inputs, wrong.stated.text.strip()))


def data_api_scale(heard: Heard, scenario: LoadedScenario, memory: Memory, turn: int) -> Act | Move:
    """Data types, API and scale: answer questions; react to the math and the API shown;
    placing components is moving on to design."""
    opened = _opened(heard, memory, "data_api_scale")
    if not isinstance(opened, Memory):
        return opened
    # What the API and the numbers already answer counts for the design's follow-ups ("GET
    # /{code} -> 302" answers "Which HTTP status do your redirects answer with?"); what they
    # mention does not raise one before the design gets there.
    memory = replace(
        opened,
        design_heard=_heard_in_design(
            heard.analysis, scenario, opened.design_heard, mentions=False
        ),
    )
    if "components" in heard.covered:
        return Move("design", "data_api_scale", memory)
    parts, memory = _answered(heard, scenario, memory, [])
    if not parts and not heard.disclosure.is_question:
        parts = _reaction(heard, scenario)
        if (
            heard.analysis.states
            and not any(p.kind in ASKING for p in parts)
            and not _probe_left_open(memory)
        ):
            calcs = heard.analysis.calculations
            sized = any(c.stated.unit == "B" for c in calcs)
            probe = _next_probe(scenario, memory, numbers=bool(calcs), sized=sized)
            if probe is not None:
                parts.append(Part("step_probe", detail=probe))
                memory = replace(memory, probes=(*memory.probes, probe))
    return _act(parts, memory, heard)


_PROBE_HEARD = {"hot_endpoint": "hot", "read_write": "read_write", "storage": "storage", "blobs": "blobs"}
"""What a candidate says that answers each step 2 probe (`_heard_in_step2`)."""


def _probe_left_open(memory: Memory) -> bool:
    """The previous reply asked a step 2 question this message left unanswered: the candidate
    went on with their own plan, and another question now would stack one on the other (the
    one left open is not asked again: an interviewer lets a question go)."""
    last = memory.probes[-1] if memory.probes else None
    return (
        memory.asked_back
        and last is not None
        and _PROBE_HEARD.get(last, last) not in memory.step2_heard
    )


def _heard_in_step2(heard: Heard, heard_before: tuple[str, ...]) -> tuple[str, ...]:
    """`heard_before` plus what this message says that a step 2 probe needs: the hot path
    named, read or write heavy said, what dominates storage said, files kept apart, sizes."""
    found = set(heard_before)
    low = heard.text.lower()
    for tag in ("hot", "read_write", "storage", "blobs"):
        if tag not in found and matcher(f"said_{tag}").search(low):
            found.add(tag)
    if any(c.stated.unit == "B" for c in heard.analysis.calculations):
        found.add("sizes")
    return tuple(sorted(found))


def _next_probe(
    scenario: LoadedScenario, memory: Memory, numbers: bool = False, sized: bool = True
) -> str | None:
    """The step 2 question to ask (prompts/interviewer/steps.yaml `probes`), once each: which
    endpoint is hot, read or write heavy and why, what dominates storage (right after sizes
    worked out, `sized`: "that storage" points at them), what is a file."""
    heard, covered = set(memory.step2_heard), set(memory.covered)
    rates = any(f.step == "data_api_scale" for f in map(scenario.scenario.fact, memory.revealed))
    due = {
        "hot_endpoint": "api" in covered and "hot" not in heard,
        "read_write": (rates or "estimates" in covered) and "read_write" not in heard,
        "storage": "sizes" in heard and sized and "storage" not in heard,
        "blobs": bool(scenario.scenario.data_api_scale.data_types.blobs)
        and "api" in covered
        and "blobs" not in heard,
    }
    # What the message just showed comes first: numbers lead to the numbers' questions.
    order = ("read_write", "storage", "hot_endpoint", "blobs") if numbers else tuple(due)
    return next((p for p in order if due[p] and p not in memory.probes), None)


def _question_of(scenario: LoadedScenario, asked: str) -> str:
    """The words of a follow-up or twist the interviewer asked (a diagram's: its node)."""
    found = scenario.scenario.question_of(asked)
    return found if found is not None else asked.split(".", 1)[-1].replace("_", " ")


def _addresses(heard: Heard, scenario: LoadedScenario, asked: str) -> bool:
    """The message answers the question `asked`: it states something, does not put the
    question off, and says what the question lacked (its `missing` words), speaks of its topic
    in words of its own (`answer_topics`), opens as an answer does ("In that case ...", "Good
    question, ..."), or says the question's words again with what follows from them
    (`answer_cue`)."""
    if not heard.analysis.states:
        return False
    low = heard.text.lower()
    if matcher("deferral").search(low) and (
        len(words(low)) <= _DEFERRAL_WORDS or not matcher("answer_cue").search(low)
    ):
        return False  # "Good question, let me come back to that": put off, not answered
    # The problem's own nouns (tweet, account) are in every sentence: they show no topic.
    asked_text = _question_of(scenario, asked)
    question = content_stems(asked_text)
    answer = content_stems(heard.text)
    shared = question & answer
    # (the part the follow-up was asked about is in both: "The cache is read-through with an
    # LRU policy" shares only "cache" with "How long does your cache keep redirecting people
    # to a phishing link?"). Words of the question's scene, said again, answer nothing on
    # their own ("Two async read replicas serve history" to "History reads go to a replica.
    # ... What do they see?"): with them the reply must also say what follows ("one wins",
    # "at most five minutes", "so they see the old list").
    scene = shared - scenario.object_stems - set_stems("no_topic") - _mentioned(scenario, asked)
    # ("Yes, ten times more transfers in one hour, I understand.": an opener on a reply that
    # only takes the question in answers nothing)
    taken_in = len(words(low)) <= _ACKNOWLEDGED_WORDS and bool(matcher("acknowledgement").search(low))
    opening = low.lstrip()
    return (
        (bool(scene) and _cue_said(_without_given(low, scenario, asked_text)))
        or _same_topic(question, answer)
        or (bool(matcher("answer_opener").match(opening)) and not taken_in)
        or (
            bool(matcher("answer_yes_no").match(opening))
            and not taken_in
            and bool(matcher("yes_no_question").search(asked_text.lower()))
        )
        or _says_what_was_missing(heard, scenario, asked)
        or _drops_the_cache(heard, scenario, asked)
    )


def _drops_the_cache(heard: Heard, scenario: LoadedScenario, asked: str) -> bool:
    """A follow-up about what the cache serves stale is answered by taking the cache away
    ("actually no cache for balances, they change on every transfer and must be exact")."""
    fu = next((f for f in scenario.scenario.follow_ups if f.id == asked), None)
    return (
        fu is not None
        and any("@cache_said" in m for m in fu.mentions)
        and bool(matcher("cache_dropped").search(heard.text.lower()))
    )


_TIME_FIGURE = re.compile(
    r"(?i)(\d[\d.,]*)\s*(ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b"
)
_TIME_UNIT = {"ms": "ms", "s": "s", "m": "min", "h": "h"}


def _time_figures(text: str) -> set[tuple[float, str]]:
    """The times a text says in figures, as (value, unit): "every 4 s" and "4 seconds" alike."""
    found = set()
    for m in _TIME_FIGURE.finditer(text):
        try:
            value = float(m[1].replace(",", ""))
        except ValueError:
            continue
        unit = m[2].lower()
        found.add((value, "ms" if unit == "ms" else _TIME_UNIT[unit[0]]))
    return found


def _without_given(low: str, scenario: LoadedScenario, asked_text: str) -> str:
    """The reply without the times it only says again from the question or the problem's facts
    ("Updates every 4 s, ~100 bytes each" to "how does the database hold up when every driver
    reports every few seconds?"): a given time follows from nothing."""
    given = _time_figures(asked_text)
    for fact in scenario.scenario.facts:
        given |= _time_figures(fact.answer)
    return _TIME_FIGURE.sub(
        lambda m: " " if _time_figures(m[0]) <= given else m[0], low
    )


_SENTENCE_START = re.compile(r"[.!?;:](?:\s|$)|\n\s*\n")
"""Where a sentence starts (a line wrapped in a paragraph goes on)."""


def _cue_said(low: str) -> bool:
    """Whether the reply says what follows from the case (`answer_cue`); a "so the ..." counts
    only after a clause of its own sentence ("the replica lags, so the old list shows"), not as
    an opening filler ("yeah so the replicas, we've got two ...")."""
    for m in matcher("answer_cue").finditer(low):
        if not m.groupdict().get("so"):
            return True
        start = max((b.end() for b in _SENTENCE_START.finditer(low, 0, m.start())), default=0)
        said = [w for w in words(low[start : m.start()]) if w not in word_set("fillers")]
        if len(said) >= _CLAUSE_WORDS:
            return True
    return False


_CLAUSE_WORDS = 3
"""Words (fillers aside) before a "so ..." in its sentence that make it follow from a clause."""
_DEFERRAL_WORDS = 14
"""A reply of at most this many words that puts the question off answers nothing; a longer one
may put one part off and answer the rest (when it says what follows: `answer_cue`)."""
_ACKNOWLEDGED_WORDS = 16
"""A reply of at most this many words that only takes the question in (`acknowledgement`)
answers nothing."""


def _same_topic(question: frozenset[str], answer: frozenset[str]) -> bool:
    """A question and an answer speak of one topic in other words (`answer_topics`: "ship a
    new version" and "deploys drain one gateway at a time"), the answer with words of its own
    ("the cache TTL is a minute" for "how long does your cache keep it?", not "the cache is
    read-through")."""
    return any(question & group and (answer & group) - question for group in _topic_stems())


def _mentioned(scenario: LoadedScenario, asked: str) -> frozenset[str]:
    """The stems of what a follow-up is asked about (its `mentions`: "@cache_said" for the cache
    it questions), which any reply about that part shares with it."""
    fu = next((f for f in scenario.scenario.follow_ups if f.id == asked), None)
    out: set[str] = set()
    for source in fu.mentions if fu is not None else ():
        head = source.split()[0] if source.split() else ""
        for term in head.split("|"):
            if term.startswith("@") and term[1:] in scenario.lexicon:
                out.update(w for phrase in scenario.lexicon.phrases(term[1:]) for w in phrase)
            else:
                out.update(stem(w) for w in words(term.replace("+", " ")))
    return frozenset(out)


@cache
def _topic_stems() -> tuple[frozenset[str], ...]:
    return tuple(content_stems(" ".join(group)) for group in word_groups("answer_topics"))


def _says_what_was_missing(heard: Heard, scenario: LoadedScenario, asked: str) -> bool:
    """A follow-up is asked because the design lacked something (its `missing` rules: a
    downside, a conflict rule, chunks); a message that now says it answers the question, in
    whatever words ("A downside: Postgres has to be sharded" answers "What becomes harder
    with the database you chose?")."""
    fu = next((f for f in scenario.scenario.follow_ups if f.id == asked), None)
    return fu is not None and _says_any(heard, scenario, fu.missing)


def _adapts(heard: Heard, scenario: LoadedScenario, twist_id: str) -> bool:
    """The message changes the design as the twist asks, in the twist's own `adapt` words
    ("channels are stored once and read on open" for a million followers), whatever else it
    shares with the twist's words."""
    twist = next((t for t in scenario.scenario.twists if t.id == twist_id), None)
    return twist is not None and _says_any(heard, scenario, twist.adapt)


def _says_any(heard: Heard, scenario: LoadedScenario, sources: Sequence[str]) -> bool:
    """A sentence of the message matches one of the scenario rules `sources`."""
    rules = [scenario.lexicon.compile(source) for source in sources]
    return any(rule.matches(r.tokens) for rule in rules for r in heard.analysis.readings)


def _settle(heard: Heard, scenario: LoadedScenario, memory: Memory) -> Memory:
    """The question the candidate owed an answer to: answered, still waited for (they asked
    something back, or said "ok"), or let pass (they went on about something else: asked once
    more, later)."""
    awaited = memory.awaiting
    if awaited is None or not heard.analysis.states:
        return memory
    if _addresses(heard, scenario, awaited) or (
        awaited == memory.twist and _adapts(heard, scenario, awaited)
    ):
        return replace(memory, awaiting=None)
    owed = memory.owed if awaited in memory.reasked else (*memory.owed, awaited)
    return replace(memory, awaiting=None, owed=owed)


def _next_question(
    heard: Heard, scenario: LoadedScenario, memory: Memory, turn: int
) -> tuple[Part | None, Memory]:
    """The design question to ask now: none while the twist waits for its answer; else the
    twist when due; else one the candidate let pass, asked once more; else a question on the
    drawn graph or a follow-up from the bank."""
    if memory.awaiting is not None and memory.awaiting == memory.twist:
        return None, memory
    if memory.last_asked in memory.owed and memory.last_asked not in memory.reasked:
        # the question just asked, let pass for something else: pressed at once, before
        # anything new ("Got it. Before we go on, though: what's your answer to the question I
        # just asked?")
        return _reask(memory, press=True)
    twist_due = memory.twist is None and (len(memory.follow_ups) >= 2 or memory.design_turns >= 3)
    twists = [t for t in scenario.scenario.twists if set(t.after_facts) <= set(memory.revealed)]
    if twist_due and twists:
        twist = twists[0].id
        return Part("twist", twist=twist), replace(
            memory, twist=twist, twist_turn=turn, awaiting=twist
        )
    # A question the candidate let pass comes back before a new one is piled on.
    again, memory = _reask(memory)
    if again is not None:
        return again, memory
    # A question on the drawn graph (a cache nothing reads) comes before the bank's.
    return _follow_up(heard, scenario, memory)


def _follow_up(
    heard: Heard, scenario: LoadedScenario, memory: Memory
) -> tuple[Part | None, Memory]:
    """A question on the drawn graph (a cache nothing reads), else the bank's next follow-up
    on what was heard."""
    fu, about = follow_up_in(heard.text, memory.follow_ups) or (
        _next_follow_up(scenario, memory, _heard_in_design(heard.analysis, scenario, ())),
        None,
    )
    if fu is not None:
        memory = replace(memory, follow_ups=(*memory.follow_ups, fu), awaiting=fu)
        return Part("follow_up", follow_up=fu, detail=about), memory
    return None, memory


def _reask(memory: Memory, press: bool = False) -> tuple[Part | None, Memory]:
    """A question the candidate let pass, asked once more: the one the last reply asked only
    when `press` (the candidate went on about something else right after it: pressed once,
    not left for a new question to be piled on)."""
    if press and memory.last_asked is not None:
        again = memory.last_asked
    else:
        owed = [q for q in memory.owed if q != memory.last_asked]
        if not owed:
            return None, memory
        again = owed[0]
    memory = replace(
        memory,
        owed=tuple(q for q in memory.owed if q != again),
        reasked=(*memory.reasked, again),
        awaiting=again,
    )
    return Part("reask", follow_up=again, detail="press" if press else None), memory


def design(heard: Heard, scenario: LoadedScenario, memory: Memory, turn: int) -> Act | Move:
    """Design: answer questions; otherwise one question at a time: follow-ups from the
    scenario's bank, never the same twice, once a changed constraint (the twist), which waits
    for its answer; a follow-up the candidate let pass is asked once more, later."""
    settled = _settled(heard, memory)
    if isinstance(settled, Act):
        return settled
    # "sorry, what was the question again?": the open question, said again
    if settled.awaiting is not None and _asks_to_repeat(heard):
        return _act([Part("reask", follow_up=settled.awaiting, detail="repeat")], settled, heard)
    # (before the open question is settled: asking where to go does not let it pass)
    focus = _asks_focus(heard, scenario, settled, turn)
    if focus is not None:
        return focus
    memory = _settle(heard, scenario, settled)
    if memory.finishing:
        return Move("wrap_up", "design", replace(memory, finishing=False, awaiting=None))
    target = _asked_to_move(heard, "design")
    if target is not None:
        if target == "wrap_up" and (memory.awaiting is not None or memory.owed):
            # "That's my design" with a question still open: ask it once more first. The one
            # the last reply asked is pointed at, not said again ("Before we wrap up: what's
            # your answer to the question I just asked?").
            # (the question open before this message, even when what it said let it pass:
            # "I think I'm done. anything you'd want me to revisit?")
            # (one it answered is settled: "Batched in memory, flushed every second. That's
            # my design.")
            let_pass = settled.awaiting if settled.awaiting in memory.owed else None
            open_one = memory.awaiting or let_pass
            press = False
            if open_one is not None and open_one not in memory.reasked:
                press = open_one == memory.last_asked
                rest = tuple(q for q in memory.owed if q != open_one)
                memory = replace(memory, owed=(open_one, *rest), awaiting=None)
            part, memory = _reask(memory, press=press)
            if part is not None:
                part = replace(part, detail="wrap_press" if press else None)
                if _asks_the_interviewer(heard):
                    # "That's my design, how did I do?": say their question comes next, and
                    # keep it for the wrap-up.
                    waits = "their_question_waits"
                    part = replace(part, detail=f"{waits}_press" if press else waits)
                    memory = replace(memory, their_question=_wrap_topic(heard))
                return _act([part], replace(memory, finishing=True), heard)
        return Move(target, "design", memory)
    memory = replace(
        memory, design_heard=_heard_in_design(heard.analysis, scenario, memory.design_heard)
    )
    parts, memory = _answered(heard, scenario, memory, [])
    handed_back = any(p.kind == "check_in" and p.detail in ("decide", "judge") for p in parts)
    if not handed_back and (
        heard.analysis.states or (heard.check_in and not heard.disclosure.asked)
    ):
        # A design decision, checked in on or not, moves the design on: a question may come.
        # (A decision handed back waits for the candidate to make it.)
        memory = replace(memory, design_turns=memory.design_turns + 1)
        question, memory = _next_question(heard, scenario, memory, turn)
        if question is not None:
            parts.append(question)
    return _act(parts, memory, heard)


def _asks_to_repeat(heard: Heard) -> bool:
    """The message asks for the question again, and nothing else ("sorry, what was the question
    again?", "could you repeat that?"): a short message, no fact asked."""
    return (
        not heard.disclosure.asked
        and len(words(heard.text)) <= _REPEAT_WORDS
        and bool(matcher("asks_repeat").search(heard.text.lower()))
    )


_REPEAT_WORDS = 14


def _asks_focus(heard: Heard, scenario: LoadedScenario, memory: Memory, turn: int) -> Act | None:
    """ "What would you want me to go deeper on?": the question still open, asked again, or
    the next one; None when the message asks something else or no question is left (then it
    is the candidate's call, as any question no fact covers)."""
    if heard.disclosure.asked or not (heard.analysis.question or heard.check_in):
        return None
    if _asked_to_move(heard, "design") is not None:
        # "That's my design. Anything you'd want me to dig into?" hands over; "Shall we
        # finish here?" asks no view of the question still open
        return None
    focus = matcher("asks_focus")
    if not any((r.question or r.check_in) and focus.search(r.low) for r in heard.analysis.readings):
        return _asks_view_on_the_open_question(heard, scenario, memory)
    if memory.awaiting is not None and memory.awaiting == memory.last_asked:
        # the question just asked: pointed at, not said again
        return _act([Part("ack", step=memory.step, detail="focus_last")], memory, heard)
    if memory.awaiting is not None:
        again = Part("reask", follow_up=memory.awaiting, detail="focus")
        return _act([again], memory, heard)
    question, memory = _next_question(heard, scenario, memory, turn)
    if question is None:
        return None
    return _act([Part("ack", step=memory.step, detail="focus"), question], memory, heard)


def _asks_view_on_the_open_question(
    heard: Heard, scenario: LoadedScenario, memory: Memory
) -> Act | None:
    """ "hmm what do you think about caching balances?" while "You cache balances. ... is that
    acceptable for a bank?" waits: the view asked for is the question's answer, handed back
    (never "I can go along with that")."""
    awaited = memory.awaiting
    asks = heard.check_in or heard.analysis.question
    if awaited is None or awaited == memory.twist or not asks or heard.disclosure.asked:
        return None
    if any(states(r) and (r.proposal or not r.question) for r in heard.analysis.readings):
        return None  # an answer said, checked in on or not: heard as usual
    shared = content_stems(_question_of(scenario, awaited)) & content_stems(heard.text)
    if not shared - scenario.object_stems - _VIEW_STEMS:
        return None
    return _act([Part("ack", step=memory.step, detail="view_on_open")], memory, heard)


_VIEW_STEMS = frozenset({"think", "thought", "view", "opinion", "approach", "idea", "fine", "ok"})


_WRAP_TOPICS = ("feedback", "prepare", "next_steps", "role", "design")


def _wrap_answer(topic: str, memory: Memory) -> tuple[Part, Memory]:
    """The wrap-up's answer on `topic`; "again" when it was given already ("how did I do
    overall?" right after the feedback answer). Questions of no known topic differ: each gets
    the general answer."""
    if topic != "general" and topic in memory.wrap_topics:
        return Part("wrap_answer", detail="again"), memory
    return Part("wrap_answer", detail=topic), replace(
        memory, wrap_topics=(*memory.wrap_topics, topic)
    )


def _wrap_topic(heard: Heard) -> str:
    low = heard.text.lower()
    return next((t for t in _WRAP_TOPICS if matcher(f"wrap_{t}").search(low)), "general")


def _asks_the_interviewer(heard: Heard) -> bool:
    """A question of the candidate's own beside the move ("that's my design, how did I do?"),
    not the move asked as a question ("can we wrap up?")."""
    return any(
        (r.question or r.check_in)
        and (
            not (moves_asked(r.text) or asks_next(r.text))
            # "I think that covers it, how did I do?": the move and a question in one breath
            or bool(matcher("hands_over").search(r.low))
        )
        for r in heard.analysis.readings
    )


def _no_questions(heard: Heard, said: str = "wrap_none") -> bool:
    """The candidate says they have no questions for the interviewer (and asks none). Leaving
    the design, it must be said as such (`wrap_none_said`): "that's it for me" there ends the
    design, not the questions."""
    return bool(matcher(said).search(heard.text.lower())) and not heard.analysis.question


def wrap_up(heard: Heard, scenario: LoadedScenario, memory: Memory, turn: int) -> Act | Move:
    """Wrap-up: the candidate's questions. A fact asked is answered; any other question gets a
    general answer (about the feedback, the role, how to prepare...); after the second, or when
    the candidate has none, the interview closes (step `done`, which the service turns into the
    grade: the one finish path)."""
    settled = _settled(heard, memory)
    if isinstance(settled, Act):
        return settled
    return _candidate_questions(heard, scenario, settled)


def _candidate_questions(heard: Heard, scenario: LoadedScenario, memory: Memory) -> Act:
    """The wrap-up's answer to a message: a fact asked is answered; a question of the
    candidate's own gets a general answer; after the second, or when they have none, the
    close."""
    parts: list[Part] = []
    topic = _wrap_topic(heard)
    if heard.disclosure.asked and topic == "general":
        # "by the way, were tweets editable?" is answered; "how would you have done the
        # feed?" is a question about the interview, not about the feed's facts.
        parts, memory = _answered(heard, scenario, memory, [])
    low = heard.text.lower()
    asks = (heard.analysis.question or heard.check_in) and not matcher("wrap_none").search(low)
    if asks:
        memory = replace(memory, wrap_questions=memory.wrap_questions + 1)
        if topic != "general" or not parts:
            answer, memory = _wrap_answer(topic, memory)
            parts.append(answer)
        if memory.wrap_questions < 2:
            return _act([*parts, Part("invite", step="wrap_up")], memory, heard)
    elif (
        not parts
        and memory.wrap_questions < 2
        and heard.analysis.states
        and not _no_questions(heard)
    ):
        # More design said in the wrap-up ("for celebrities I'd skip the fan-out"): noted,
        # and their questions asked for once more before the close.
        memory = replace(memory, wrap_questions=memory.wrap_questions + 1)
        return _act([Part("ack", step="wrap_up"), Part("invite", step="wrap_up")], memory, heard)
    memory = replace(memory, step="done")
    told = tuple(f for p in parts if p.kind == "answer" for f in p.facts)
    return Act((*parts, Part("close")), memory, revealed=told)


def done(heard: Heard, scenario: LoadedScenario, memory: Memory, turn: int) -> Act | Move:
    """After the close nothing moves; the service refuses messages to a finished interview, so
    this answers only a thread driven directly (LangGraph Studio)."""
    return Act((Part("close"),), memory)


def enter(move: Move, heard: Heard, scenario: LoadedScenario) -> Act:
    """Arriving at `move.to`: say so, naming what the candidate skipped, and answer what the
    message asked on the way."""
    memory = replace(move.memory, step=move.to)
    waiting = memory.their_question if move.to == "wrap_up" else None
    if waiting is not None:
        # Their "how did I do?" waited for the open question: it is answered now.
        memory = replace(memory, their_question=None, wrap_questions=memory.wrap_questions + 1)
    answer = []
    if waiting is not None:
        said, memory = _wrap_answer(waiting, memory)
        answer.append(said)
    if move.to == "wrap_up" and _no_questions(heard, "wrap_none_said"):
        # "That's it, no questions from me": nothing to wait for, the interview closes.
        return Act((*answer, Part("close")), replace(memory, step="done"), revealed=())
    if move.to == "wrap_up" and _asks_the_interviewer(heard):
        # "That's my design. How did I do?": their questions are the wrap-up already (a new
        # one asked now is answered in place of the one that waited: one answer a reply).
        unanswered = replace(memory, wrap_questions=move.memory.wrap_questions)
        return _candidate_questions(heard, scenario, unanswered)
    if answer:
        return _act([*answer, Part("invite", step="wrap_up")], memory, heard)
    if move.to == "wrap_up":
        parts = [Part("wrap_up")]
    else:
        skipped = _skipped(move.frm, move.to, memory)
        parts = [Part("move_step", step=move.to, skipped=skipped)]
    parts, memory = _answered(heard, scenario, memory, parts)
    if (
        move.to == "design"
        and "components" in heard.covered
        and heard.check_in
        and not any(p.kind in ASKING for p in parts)
    ):
        # "the redirect path reads from a redis cache ... what do you think?" said in step 2:
        # the design it opens and asks a view on is met with a question on it, not left at
        # "the design it is" (a design said with no question goes on as the candidate likes)
        memory = replace(
            memory, design_heard=_heard_in_design(heard.analysis, scenario, memory.design_heard)
        )
        question, memory = _follow_up(heard, scenario, memory)
        if question is not None:
            parts.append(question)
    if _moves_before_asking(heard):
        # "let's go to numbers. how many queries?": the move first, then the answer, in the
        # order the candidate said them ("Can tweets be edited? Then the API." answers first)
        parts.sort(key=lambda p: p.kind not in ("move_step", "wrap_up"))
    return _act(parts, memory, heard)


def _moves_before_asking(heard: Heard) -> bool:
    readings = heard.analysis.readings
    moving = [i for i, r in enumerate(readings) if moves_asked(r.text) or asks_next(r.text)]
    asking = [i for i, r in enumerate(readings) if r.question and i not in moving]
    return bool(moving and asking) and moving[0] < asking[0]


STEP_RULES = {
    "requirements": requirements,
    "data_api_scale": data_api_scale,
    "design": design,
    "wrap_up": wrap_up,
    "done": done,
}
"""The rule of each step; the graph has a node per step that runs it."""


def decide(
    message: str,
    scenario: LoadedScenario,
    memory: Memory,
    turn: int = 0,
    extra_facts: tuple[str, ...] = (),
) -> Act:
    """The interviewer's next act after the candidate's `message`, in one call: the rule of the
    current step, then `enter` when it moves on (what the graph does node by node).
    `turn` is the message's index in the transcript."""
    heard = hear(message, scenario, memory, extra_facts)
    decided = STEP_RULES[memory.step](heard, scenario, memory, turn)
    return enter(decided, heard, scenario) if isinstance(decided, Move) else decided
