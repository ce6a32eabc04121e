"""The steps of an interview: one type for graph, store, API and grade; titles live in
prompts/labels.yaml."""

from __future__ import annotations

from typing import Literal, cast, get_args

from app.prompts import data

Step = Literal["requirements", "data_api_scale", "design", "wrap_up", "done"]
"""Where an interview is: the guide's three steps, then the wrap-up, then done (graded)."""
FrameworkStep = Literal["requirements", "data_api_scale", "design"]
"""The guide's three steps: what facts belong to and what the rubric grades."""
GradedStep = Literal["requirements", "data_api_scale", "design", "process"]
"""The sections of a grade: the three steps and the process across them."""

ORDER: tuple[Step, ...] = get_args(Step)
FRAMEWORK: tuple[FrameworkStep, ...] = get_args(FrameworkStep)
GRADED: tuple[GradedStep, ...] = get_args(GradedStep)


def next_step(step: Step) -> Step:
    """The step after `step` (`done` stays `done`)."""
    return ORDER[min(ORDER.index(step) + 1, len(ORDER) - 1)]


def is_step(value: object) -> bool:
    return value in ORDER


def as_step(value: str) -> Step:
    if value not in ORDER:
        raise ValueError(f"unknown step '{value}' (one of {', '.join(ORDER)})")
    return cast(Step, value)


def title(step: str) -> str:
    """'Data types, API and scale'; an unknown name comes back as given."""
    label = data("labels.yaml")["steps"].get(step)
    return str(label["title"]) if label else step


def numbered(step: str) -> str:
    """'2. Data types, API and scale' for the three steps, the bare title for the rest."""
    label = data("labels.yaml")["steps"].get(step)
    if not label:
        return step
    return f"{label['number']}. {label['title']}" if "number" in label else str(label["title"])


def graded_titles() -> list[tuple[GradedStep, str]]:
    """The grade's sections with their numbered titles, in order (reports and exports)."""
    return [(step, numbered(step)) for step in GRADED]
