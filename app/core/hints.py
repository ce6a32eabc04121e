"""Hints: a nudge toward the next thing the framework asks for, never a hidden fact.

The hint is chosen by grading the transcript so far and taking the first unmet criterion of the
current step; its text comes from prompts/interviewer/hints.yaml, which holds no scenario data.
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


def hint_for(scenario: LoadedScenario, messages: list[dict[str, Any]], step: str) -> str:
    hints: dict[str, str] = data("interviewer/hints.yaml")
    transcript = parse_transcript(
        {
            "scenario_id": scenario.id,
            "messages": [{"role": m["role"], "content": m["content"]} for m in messages],
        }
    )
    unmet = [c["id"] for c in grade_scenario(transcript, scenario)["criteria"] if not c["met"]]
    wanted = _RUBRIC_STEP.get(step, "requirements")
    for criterion_id in unmet:
        if (
            criterion_id.startswith(
                {"requirements": "req.", "data_api_scale": "data.", "design": "design."}[wanted]
            )
            and criterion_id in hints
        ):
            return hints[criterion_id]
    for criterion_id in unmet:
        if criterion_id in hints:
            return hints[criterion_id]
    return "you have covered the framework; check your design against the requirements."
