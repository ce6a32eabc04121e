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

The phrases are data: app/core/transcript_words.yaml. sdi's own transcripts (their messages
carry `step`) open with the problem and grade their
wrap-up themselves: nothing is left out of them. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from app.core.text import words
from app.core.transcript import Message, Transcript
from app.core.transcript_words import pattern

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
    if pattern("problem_statement").search(text):
        return True
    if problem:
        wanted = {w for w in words(problem) if len(w) > 3 and w not in _FILLER}
        said = set(words(text))
        return bool(wanted) and len(wanted & said) * 3 >= len(wanted) * 2
    return False


_FILLER = frozenset({"design", "build", "system", "service", "that", "with", "from", "like"})


def problem_turn(transcript: Transcript, problem: str | None = None) -> int | None:
    """The index of the interviewer turn that states the problem, or None.

    Only the opening is searched: once the candidate has said more than small talk ever takes
    (`MAX_SMALL_TALK_WORDS`), a later "let's design the schema" is the interview going on, not
    its start, and taking it would leave everything before it out of the grade."""
    spoken = 0
    for turn, message in enumerate(transcript.messages):
        if message.role == "interviewer" and states_problem(message.content, problem):
            return turn
        if message.role == "candidate":
            spoken += len(message.content.split())
            if spoken > MAX_SMALL_TALK_WORDS:
                return None
    return None


def stated_problem(transcript: Transcript) -> str | None:
    """The sentence of the interviewer's that states the problem ("So, design Ticketmaster."),
    for a transcript that does not say its problem; None when no turn of the opening states
    one."""
    turn = problem_turn(transcript)
    if turn is None:
        return None
    text = transcript.messages[turn].content
    found = pattern("problem_statement").search(text)
    if found is None:  # (stated by the words of a problem given: none is given here)
        return None
    # (from the sentence of the design verb: "Great. So, design Ticketmaster." -> "So, ...")
    verb = _DESIGN_VERB.search(text, found.start())
    at = verb.start() if verb is not None and verb.start() < found.end() else found.start()
    start = max(text.rfind(mark, 0, at) for mark in ".!?\n") + 1
    ends = [i for i in (text.find(mark, found.end()) for mark in ".!?\n") if i >= 0]
    return text[start : min(ends, default=len(text))].strip() or None


_DESIGN_VERB = re.compile(
    r"\b(?:design|build|architect|create|implement|sketch|come up with)\b", re.IGNORECASE
)

MAX_SMALL_TALK_WORDS = 400
"""The most a candidate says before the problem is stated (the labelled interviews: at most
100 words of small talk)."""


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
    said: list[int] = []  # the candidate's words before each turn (worked out when needed)
    for turn in range(max(begin, len(messages) // 2), len(messages)):
        message = messages[turn]
        if message.role != "interviewer" or not pattern("feedback").search(message.content):
            continue
        if message.content.rstrip().endswith("?") and pattern("last_design_question").search(
            message.content
        ):
            continue  # "We're at time. Anything you'd add?": the answer is still the interview
        said = said or _candidate_words(messages)
        # Praise in passing ("good job, now the cache?") is followed by more design: feedback
        # is where the candidate says little more (a third of their design's words at most).
        design = said[turn] - said[start or 0]
        if design and (said[-1] - said[turn]) * 3 <= design:
            out.append(Excluded(turn, len(messages) - 1, FEEDBACK_WHY))
            break
    return out


def _candidate_words(messages: list[Message]) -> list[int]:
    """How many words the candidate said before each turn, and in all (the last entry)."""
    return list(
        accumulate(
            (len(m.content.split()) if m.role == "candidate" else 0 for m in messages), initial=0
        )
    )


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
