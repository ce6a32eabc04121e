"""The grader: a pure function from a transcript to `sdi.grade/v1`. No model, no I/O.

Same transcript in, same grade out, byte for byte: every list is built in transcript or
scenario order and every number is rounded the same way.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from app.core.grading import design_criteria  # noqa: F401  (registers the design criteria)
from app.core.grading.context import GradeContext, quote_of
from app.core.grading.criteria import CRITERIA, Finding
from app.core.grading.generic import generic_context
from app.core.scenarios.loader import Library, LoadedScenario, default_library
from app.core.segments import excluded_turns, masked, stated_problem
from app.core.transcript import Transcript
from app.prompts import data, render_string

GRADE_FORMAT = "sdi.grade/v1"
STEPS = ("requirements", "data_api_scale", "design", "process")
STEP_WEIGHTS = {"requirements": 35, "data_api_scale": 25, "design": 30, "process": 10}


_DOUBLE_STOP = re.compile(r"(?<![.])([?!.])\.(?=\s|$)")


def rubric() -> dict[str, dict[str, Any]]:
    """Criterion id -> {step, weight, title, met, advice}, in the rubric's order."""
    return data("rubric.yaml")  # type: ignore[no-any-return]


def _evidence(finding: Finding, transcript: Transcript) -> list[dict[str, Any]]:
    """A finding's quotes, deduplicated, in transcript order (within a message, in the order
    they were said: a claim before the reason that follows it).

    A quote that is not text of its turn is dropped here, so a grade only ever holds quotes a
    reader can find. That is a backstop, not the rule: every criterion must return exact quotes,
    and tests/test_grader.py checks that on what the criteria return, before this filter.
    """
    items = [quote_of(s) for s in finding.evidence] + list(finding.turns)
    found: dict[tuple[int, str], int] = {}
    for item in items:
        key = (int(item["turn"]), str(item["quote"]))
        if key not in found:
            found[key] = transcript.messages[key[0]].content.find(key[1])
    ordered = sorted((turn, at, quote) for (turn, quote), at in found.items() if at >= 0)
    return [{"turn": turn, "quote": quote} for turn, _, quote in ordered]


def grade_scenario(transcript: Transcript, scenario: LoadedScenario) -> dict[str, Any]:
    """Grade a transcript of `scenario`."""
    return _graded(GradeContext(transcript, scenario), scenario.id, rubric())


def grade_generic(
    transcript: Transcript, problem: str | None = None, scenario_id: str | None = None
) -> dict[str, Any]:
    """Grade a transcript of a problem sdi has no scenario of (app/core/grading/generic.py):
    every framework criterion, no facts, general advice."""
    ctx = generic_context(transcript, problem)
    texts = {cid: {**spec, **generic_texts().get(cid, {})} for cid, spec in rubric().items()}
    result = _graded(ctx, scenario_id, texts)
    return {"format": result.pop("format"), "scenario_id": scenario_id, "generic": True} | result


def generic_texts() -> dict[str, dict[str, str]]:
    """Criterion id -> the rubric texts that replace scenario-specific ones in a generic grade."""
    return data("rubric_generic.yaml")  # type: ignore[no-any-return]


def _graded(ctx: GradeContext, scenario_id: str | None, texts: dict[str, Any]) -> dict[str, Any]:
    transcript = ctx.transcript
    criteria = []
    totals = {step: [0.0, 0.0] for step in STEPS}
    for criterion_id, spec in texts.items():
        finding = CRITERIA[criterion_id](ctx)
        weight = float(spec["weight"])
        if finding.share is None:
            points = weight if finding.met else 0.0
        else:
            points = round(weight * min(1.0, finding.share), 2)
        # A detail the criterion did not set on this path reads as None in a template, not as an
        # error. tests/test_prompts.py checks that every `detail.x` a template reads is a key its
        # criterion sets, so a misspelt key fails there instead of rendering as None here.
        detail: defaultdict[str, Any] = defaultdict(lambda: None, finding.detail)
        values = {"scenario": ctx.model, "detail": detail}
        text = spec["met"] if finding.met else spec["advice"]
        if not finding.applicable:
            text = spec.get("not_applicable", text)
        # a scenario's sentence ends with its own full stop ("... in an in-memory store."), and
        # so may the template after it: one stop, not "store.." (an ellipsis stays)
        advice = _DOUBLE_STOP.sub(r"\1", render_string(text, **values))
        entry: dict[str, Any] = {
            "id": criterion_id,
            "step": spec["step"],
            "title": spec["title"],
            "met": finding.met,
            "points": points,
            "max_points": weight,
            "evidence": _evidence(finding, transcript),
            "advice": advice,
        }
        if not finding.applicable:
            entry["applicable"] = False
        criteria.append(entry)
        totals[spec["step"]][0] += points
        totals[spec["step"]][1] += weight
    steps = {
        step: {"score": round(100 * got / top) if top else 100}
        for step, (got, top) in totals.items()
    }
    score = round(
        sum(STEP_WEIGHTS[s] * steps[s]["score"] for s in STEPS) / sum(STEP_WEIGHTS.values())
    )
    facts = [f.id for f in ctx.model.facts]
    return {
        "format": GRADE_FORMAT,
        "scenario_id": scenario_id,
        "score": score,
        "steps": steps,
        "criteria": criteria,
        "facts": {
            "uncovered": [f for f in facts if f in ctx.uncovered],
            "missed": [f for f in facts if f not in ctx.uncovered],
            "uncovered_at": {f: ctx.uncovered[f] for f in facts if f in ctx.uncovered},
        },
    }


def grade(
    transcript: Transcript, library: Library | None = None, *, problem: str | None = None
) -> dict[str, Any]:
    """Grade a transcript: against its scenario when the library has it, generically when it
    names none or one sdi does not have. Small talk before the problem and feedback after the
    design are left out (app/core/segments.py) and listed under "excluded"."""
    problem = problem or transcript.problem
    excluded = excluded_turns(transcript, problem)
    graded = masked(transcript, excluded)
    scenario_id = transcript.scenario_id
    scenario = _scenario_of(scenario_id, library)
    if scenario is not None:
        result = grade_scenario(graded, scenario)
    else:
        # a transcript that does not say its problem is read as about the one the interviewer
        # stated (its nouns are the system's things); the grade does not claim it as given
        result = grade_generic(graded, problem or stated_problem(transcript), scenario_id)
    if problem:
        result = _after(result, "generic" if "generic" in result else "scenario_id", problem)
    if excluded:
        result["excluded"] = [e.as_json() for e in excluded]
    return result


def grading_context(
    transcript: Transcript, library: Library | None = None, *, problem: str | None = None
) -> GradeContext:
    """The context `grade` judges the transcript in (for tests that re-check a grade)."""
    problem = problem or transcript.problem
    graded = masked(transcript, excluded_turns(transcript, problem))
    scenario = _scenario_of(transcript.scenario_id, library)
    if scenario:
        return GradeContext(graded, scenario)
    return generic_context(graded, problem or stated_problem(transcript))


def _scenario_of(scenario_id: str | None, library: Library | None) -> LoadedScenario | None:
    # No scenario id: no need to read the scenario files at all.
    library = library or (default_library() if scenario_id is not None else None)
    if library is not None and scenario_id is not None and scenario_id in library:
        return library.get(scenario_id)
    return None


def _after(result: dict[str, Any], key: str, problem: str) -> dict[str, Any]:
    """The grade with "problem" placed right after `key` (a stable, readable order)."""
    out: dict[str, Any] = {}
    for k, v in result.items():
        out[k] = v
        if k == key:
            out["problem"] = problem
    return out


def dumps(grade_json: dict[str, Any]) -> str:
    """The canonical text of a grade (stable key order, UTF-8, two-space indent)."""
    return json.dumps(grade_json, ensure_ascii=False, indent=2)
