"""Where the interview proper starts and ends in a transcript from elsewhere.

Recorded interviews open with small talk ("how's your day?", introductions) and close with the
interviewer's feedback ("overall you did well; one thing to work on..."). Neither is the
candidate's design, so the grader leaves both out, and says so. The rules (docs/transcripts.md):

- The *problem statement* is the first interviewer turn that asks to design or build something
  ("let's design a job scheduler", "how would you build...", "today's problem is..."), or
  that repeats most of the words of the `problem` the caller gave. Every turn before it is
  small talk. No such turn: nothing is left out at the start.
- *Feedback* starts at the first interviewer turn after the problem statement, at least three
  turns after it and in the second half of the transcript, that evaluates the candidate or
  closes the interview ("overall you did a good job", "some feedback", "we're out of time",
  "do you have any questions for me?"). It and every turn after it are left out.

sdi's own transcripts (their messages carry `step`) open with the problem and grade their
wrap-up themselves: nothing is left out of them. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.text import words
from app.core.transcript import Message, Transcript

_DESIGN_VERB = r"(?:design|build|architect|create|implement|sketch|come up with)"
_NOT_A_SYSTEM = (
    r"(?!\s+(?:an?\s+|the\s+|this\s+)?(?:interview|round|session|exercise|question|problem|"
    r"discussion|portion|part|chat|conversation)\b)"
)
PROBLEM_STATEMENT = re.compile(
    r"\b(?:let'?s|let us|like you to|want you to|ask you to|can you|could you|would you|"
    r"how would you|how do you|how will you|going to|we'?ll|we will|today,? we|task is to|"
    r"problem is to|question is(?: to| how to)?|challenge is to|need you to|you to|"
    r"i'?d like to see you)\s+(?:\w+\s+){0,2}?" + _DESIGN_VERB + r"\b" + _NOT_A_SYSTEM
    + r"|^\W*(?:so,?\s+|okay,?\s+|ok,?\s+|alright,?\s+)?" + _DESIGN_VERB + r"\s+(?:a|an|the|me)\b"
    r"|\b(?:today'?s|the|our|your) (?:problem|question|task|prompt|design problem|system) "
    r"(?:for today )?(?:is|will be)\b(?!\s+(?:a|an)\s+(?:system design|design)\s+(?:interview|round))"
    r"|\b(?:problem|question|task|prompt) (?:for )?today is\b",
    re.IGNORECASE | re.MULTILINE,
)
FEEDBACK = re.compile(
    r"\b(?:some|my|quick|brief|bit of|give you|for you|any|little|overall|your|the) feedback\b|"
    r"\bfeedback (?:for|on) (?:you|your)\b|\b(?:great|good|nice|solid|excellent|fantastic|awesome) "
    r"(?:job|work|interview|session|effort)\b|\bwell done\b|"
    r"\byou did (?:a |an )?(?:really |very |pretty |quite )?(?:great|good|well|nice|fine|solid|"
    r"excellent|okay|ok)\b|"
    r"\b(?:overall|in general|all in all),? (?:you|your|i think you|i thought you|i'd say you)\b|"
    r"\b(?:one|some|a few|two|three) (?:thing|things|area|areas) (?:you could|to|i'?d|i would|"
    r"for you to|that you could|you should|you might) (?:improve|work on|focus on|do better|"
    r"have done|mention)|"
    r"\b(?:we'?re|we are|we'?ve|we have|we'?re about|i think we'?re) (?:out of|run out of|"
    r"running out of|at|over|almost out of|nearly out of|up on) time\b|"
    r"\b(?:let'?s|we can|we'?ll|we should|i'?ll|i will|i'?m going to) (?:stop|end|wrap (?:it |"
    r"things )?up|finish|close|call it) (?:here|there|now|it|at that|today)\b|"
    r"\b(?:any|do you have (?:any )?)questions for me\b|\bthat'?s (?:all|it) (?:for today|i have|"
    r"we have|from me)\b|\bthank(?:s| you) (?:so much |very much )?for (?:your time|joining|"
    r"doing this|coming|the (?:interview|session|chat))\b|\bin a real interview\b|"
    r"\b(?:strong|lean) (?:no )?hire\b|\bno hire\b",
    re.IGNORECASE,
)
MIN_DESIGN_TURNS = 3
"""Feedback starts no sooner than this many turns after the problem statement."""


@dataclass(frozen=True)
class Excluded:
    """Turns `first`..`last` (inclusive) left out of grading, and why."""

    first: int
    last: int
    why: str

    def as_json(self) -> dict[str, object]:
        return {"turns": [self.first, self.last], "why": self.why}


SMALL_TALK = "small talk before the problem"
FEEDBACK_WHY = "the interviewer's feedback and closing after the design"


def states_problem(text: str, problem: str | None = None) -> bool:
    """Whether an interviewer's turn states the problem to design."""
    if PROBLEM_STATEMENT.search(text):
        return True
    if problem:
        wanted = {w for w in words(problem) if len(w) > 3 and w not in _FILLER}
        said = set(words(text))
        return bool(wanted) and len(wanted & said) * 3 >= len(wanted) * 2
    return False


_FILLER = frozenset({"design", "build", "system", "service", "that", "with", "from", "like"})


def problem_turn(transcript: Transcript, problem: str | None = None) -> int | None:
    """The index of the interviewer turn that states the problem, or None."""
    for turn, message in enumerate(transcript.messages):
        if message.role == "interviewer" and states_problem(message.content, problem):
            return turn
    return None


def excluded_turns(transcript: Transcript, problem: str | None = None) -> list[Excluded]:
    """The small talk before the problem and the feedback after the design, if any."""
    messages = transcript.messages
    if any(m.step is not None for m in messages):
        return []
    start = problem_turn(transcript, problem)
    out: list[Excluded] = []
    if start is not None and start > 0:
        out.append(Excluded(0, start - 1, SMALL_TALK))
    begin = (start or 0) + MIN_DESIGN_TURNS
    for turn in range(max(begin, len(messages) // 2), len(messages)):
        message = messages[turn]
        if message.role != "interviewer" or not FEEDBACK.search(message.content):
            continue
        # Praise in passing ("good job, now the cache?") is followed by more design: feedback
        # is where the candidate says little more (a third of their design's words at most).
        design = _candidate_words(messages[start or 0 : turn])
        if design and _candidate_words(messages[turn:]) * 3 <= design:
            out.append(Excluded(turn, len(messages) - 1, FEEDBACK_WHY))
            break
    return out


def _candidate_words(messages: list[Message]) -> int:
    return sum(len(m.content.split()) for m in messages if m.role == "candidate")


def masked(transcript: Transcript, excluded: list[Excluded]) -> Transcript:
    """The transcript with the excluded turns emptied: the same indices, nothing to grade there."""
    if not excluded:
        return transcript
    drop = {t for e in excluded for t in range(e.first, e.last + 1)}
    messages = [
        m.model_copy(update={"content": ""}) if i in drop else m
        for i, m in enumerate(transcript.messages)
    ]
    return transcript.model_copy(update={"messages": messages})
