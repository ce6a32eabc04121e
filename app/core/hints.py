"""Hints: a nudge toward the next thing the framework asks for, never a hidden fact.

The hint is the first unmet criterion of the current step in the grade of the transcript so far
(the same transcript, `revealed` included, that the final grade reads, so a hint never asks for
what the grade already counts); its text comes from prompts/interviewer/hints.yaml, which holds
no scenario data.
"""

from __future__ import annotations

from typing import Any

from app.core.grading.grader import grade_scenario
from app.core.scenarios.loader import LoadedScenario
from app.core.transcript import parse_transcript
from app.prompts import data

_RUBRIC_STEP = {
    "requirements": "requirements",
    "data_api_scale": "data_api_scale",
    "design": "design",
    "wrap_up": "design",
    "done": "design",
}


def next_hint(grade: dict[str, Any], step: str) -> str:
    """The hint for the first unmet criterion of `step` (by the rubric's own `step` of each
    criterion), else of any step, else a closing nudge."""
    hints: dict[str, str] = data("interviewer/hints.yaml")
    unmet = [c for c in grade["criteria"] if not c["met"] and c["id"] in hints]
    wanted = _RUBRIC_STEP.get(step, "requirements")
    for criterion in (*[c for c in unmet if c["step"] == wanted], *unmet):
        return hints[criterion["id"]]
    return hints["covered_all"]


def hint_for(scenario: LoadedScenario, messages: list[dict[str, Any]], step: str) -> str:
    """The hint after `messages` (the transcript so far, the candidate's /hint included)."""
    keep = ("role", "content", "step", "revealed")
    transcript = parse_transcript(
        {
            "scenario_id": scenario.id,
            "messages": [{k: m[k] for k in keep if m.get(k) is not None} for m in messages],
        }
    )
    return next_hint(grade_scenario(transcript, scenario), step)
