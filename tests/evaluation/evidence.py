"""Re-check a grade's evidence: every quote of a met criterion must meet that criterion's own
rule, read on its own, never lean on a sentence that was not quoted.

How each rule is re-applied:
- A criterion with a sentence rule (`criteria.RULES`): the quoted sentences of one turn are read
  again *as if they were the whole message* (joined one per line and analysed afresh, so every
  sentence that was not quoted is gone and neighbours are only quoted ones). The rule is then
  run on each of them, in the grade's own context otherwise (same scenario or generic stand-in,
  same interviewer questions, same other turns: a rule's transcript-level reading, such as
  "a table was sketched", is the grade's). A quote passes when it meets the rule itself, or
  when a quote that meets it stops meeting it without this one (the reason in the next
  sentence, the "is that right?" of an assumption, the words a bare "agree?" follows).
- A quote from the candidate's answer to the interviewer's "why?" passes when the message
  before the question is quoted for the same criterion (the reason came a turn later).
- `data.api`: the quote is an HTTP endpoint (written or said) or an RPC-style operation with
  its inputs and result, read from the quote alone.
- `data.paging`: such an endpoint or operation that pages, or a sentence meeting the paging rule.
- `data.estimates`: the quote alone holds a back-of-envelope calculation with a rate or a size
  that holds (the criterion is met only when all of them hold).
- `req.uncovered` / `data.uncovered`: the quotes of a turn, said alone, ask for a fact that
  turn uncovered (`GradeContext.asks`: in the frame of the candidate's previous question that
  asked for one, as a follow-on "And writes?" is read; or, for a fact the interviewer's reply
  revealed, as a question); each quote asks alone or is the piece the others need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from app.core.analysis import PAGED_ENDPOINT, analyse
from app.core.grading.context import GradeContext, Said, SentenceRule, quote_of
from app.core.grading.criteria import _METHOD_SAID, _OPS_SAID, _RPC, RULES, _sized
from app.core.grading.design_criteria import ASKS_ABOUT_CACHE
from app.core.grading.grader import grade, grading_context
from app.core.scenarios.loader import Library
from app.core.transcript import Transcript

_MARKER = re.compile(r"[-*\u2022>#]|\d+[.)]\s")


@dataclass(frozen=True)
class BadQuote:
    criterion: str
    turn: int
    quote: str
    why: str


def isolated(ctx: GradeContext, turn: int, quotes: list[str]) -> tuple[GradeContext, list[Said]]:
    """The context with the message at `turn` cut down to `quotes` (one per paragraph, read again;
    each as a list item, so a quote starting "**Performance**" keeps its asterisks)."""
    # A blank line between quotes: each is its own sentence, never read as wrapped prose.
    analysis = analyse(
        "\n\n".join(f"- {q}" if _MARKER.match(q) else q for q in quotes), ctx.scenario
    )
    new = ctx.with_message(turn, analysis)
    return new, new.by_turn[turn]


def _quote(said: Said) -> str:
    return quote_of(said)["quote"]  # type: ignore[return-value]


def _sentences_meet(ctx: GradeContext, criterion: str, turn: int, quotes: list[str]) -> list[str]:
    """The quotes of `turn` that neither meet the rule alone nor are needed by one that does:
    needed means some set of the quotes lets a quote meet the rule with this one and not
    without it. (A drawn line is read again with the edges it draws, as the grade read it.)"""
    new, said = isolated(ctx, turn, quotes)
    read = {_quote(s) for s in said}
    if not set(quotes) <= read:
        # (a drawn arrow read again adds its edge: "- A → B" beside "A → B" is still the quote)
        return [q for q in quotes if q not in read] or quotes
    rule = RULES[criterion](new)
    anchors = [s for s in said if rule(s)]
    met = {_quote(a) for a in anchors}
    bad = []
    for quote in quotes:
        if quote in met or _needed(new, rule, anchors, said, quote):
            continue
        bad.append(quote)
    return bad


def _needed(
    ctx: GradeContext, rule: SentenceRule, anchors: list[Said], said: list[Said], quote: str
) -> bool:
    mine = [s for s in said if _quote(s) == quote]
    others = [s for s in said if _quote(s) != quote]
    subsets = (
        [list(c) for n in range(len(others) + 1) for c in combinations(others, n)]
        if len(others) <= 8
        else [others]
    )
    return any(
        ctx.holds_within(rule, a, sorted([*subset, *mine], key=lambda s: s.index))
        and not ctx.holds_within(rule, a, subset)
        for a in anchors
        for subset in subsets
        if a in subset
    )


def _endpoint(ctx: GradeContext, quote: str, paged: bool) -> bool:
    paths = [e.path for e in analyse(quote, ctx.scenario).endpoints]
    paths += [m.group(2) for m in _RPC.finditer(quote)]
    # operations said in words carry no path to page
    said = bool(_OPS_SAID.search(quote) or _METHOD_SAID.search(quote))
    return any(PAGED_ENDPOINT.search(p) for p in paths) if paged else bool(paths) or said


def _calculation(ctx: GradeContext, quote: str) -> bool:
    from app.core.grading.arithmetic import find_calculations

    return any(_sized(c) and c.ok for c in find_calculations(quote))


def _asking_meets(ctx: GradeContext, criterion: str, turn: int, quotes: list[str]) -> list[str]:
    """The quotes of `turn` that ask for no fact of the criterion's step, alone or as the piece
    some set of the other quotes needs to ask for one."""
    step = "requirements" if criterion == "req.uncovered" else "data_api_scale"
    facts = [f.id for f in ctx.model.facts_of(step) if ctx.uncovered.get(f.id) == turn]  # type: ignore[arg-type]
    bad = []
    for quote in quotes:
        others = [q for q in quotes if q != quote]
        subsets = [list(c) for n in range(len(others) + 1) for c in combinations(others, n)]
        if not any(
            ctx.asks(f, turn, [q for q in quotes if q in subset or q == quote])
            and not (subset and ctx.asks(f, turn, subset))
            for f in facts
            for subset in subsets
        ):
            bad.append(quote)
    return bad


def _answers_why(ctx: GradeContext, turn: int, by_turn: dict[int, list[str]]) -> bool:
    """Whether the message at `turn` answers the interviewer's "why?" (or, for a cache, a
    question about it) about a message two turns before that is quoted for the same criterion
    (`GradeContext.why_answer`)."""
    if turn - 2 not in by_turn:
        return False
    # the cache's prompts hold every "why?" prompt: one reading serves every criterion
    return any(ctx.why_answer(s, ASKS_ABOUT_CACHE) for s in ctx.by_turn.get(turn - 2, []))


def recheck(ctx: GradeContext, graded: dict[str, Any]) -> list[BadQuote]:
    """Every evidence quote of every met criterion of `graded` that fails its rule on its own."""
    bad: list[BadQuote] = []
    for c in graded["criteria"]:
        if not c["met"] or c.get("applicable") is False:
            continue
        cid = c["id"]
        by_turn: dict[int, list[str]] = {}
        asking: dict[int, list[str]] = {}
        for e in c["evidence"]:
            turn, quote = e["turn"], e["quote"]
            if cid == "data.api":
                ok = _endpoint(ctx, quote, paged=False)
            elif cid == "data.estimates":
                ok = _calculation(ctx, quote)
            elif cid in ("req.uncovered", "data.uncovered"):
                asking.setdefault(turn, []).append(quote)
                continue
            elif cid == "data.paging" and _endpoint(ctx, quote, paged=True):
                ok = True
            elif cid in RULES:
                by_turn.setdefault(turn, []).append(quote)
                continue
            else:
                ok = False
            if not ok:
                bad.append(BadQuote(cid, turn, quote, "fails the criterion's own check"))
        for turn, quotes in asking.items():
            for quote in _asking_meets(ctx, cid, turn, quotes):
                bad.append(
                    BadQuote(
                        cid,
                        turn,
                        quote,
                        "asks for no fact of its step, alone or with the other quotes of its turn",
                    )
                )
        for turn, quotes in by_turn.items():
            for quote in _sentences_meet(ctx, cid, turn, quotes):
                if _answers_why(ctx, turn, by_turn):
                    continue  # the reason given when the interviewer asked why
                bad.append(
                    BadQuote(
                        cid,
                        turn,
                        quote,
                        "meets the rule neither alone nor with the other quotes of its turn",
                    )
                )
    return bad


def recheck_transcript(
    transcript: Transcript, library: Library | None = None, problem: str | None = None
) -> list[BadQuote]:
    """Grade `transcript` and re-check its evidence."""
    graded = grade(transcript, library, problem=problem)
    return recheck(grading_context(transcript, library, problem=problem), graded)
