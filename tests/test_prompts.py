"""Every template under prompts/ renders, and a missing variable fails loudly."""

from __future__ import annotations

from collections import defaultdict

import jinja2
import pytest

from app.core.policy import Part
from app.core.scenarios.loader import default_library
from app.prompts import data, render_string
from app.render.offline import part_values

LIBRARY = default_library()
SCENARIOS = [LIBRARY.get(i) for i in LIBRARY.ids()]


def sample_part(kind: str, scenario) -> Part:
    model = scenario.scenario
    return Part(
        kind=kind,  # type: ignore[arg-type]
        facts=(model.facts[0].id,) if kind == "answer" else (),
        step="design" if kind == "move_step" else None,
        skipped=("non_functional", "estimates") if kind == "move_step" else (),
        follow_up=model.follow_ups[0].id if kind == "follow_up" else None,
        twist=model.twists[0].id if kind == "twist" else None,
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_every_interviewer_phrase_renders(scenario):
    for kind, variants in data("interviewer/phrases.yaml").items():
        values = part_values(sample_part(kind, scenario), scenario, hint="a hint")
        for variant in variants:
            text = render_string(variant, **values)
            assert text.strip(), (kind, variant)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_every_rubric_text_renders_with_and_without_detail(scenario):
    full = defaultdict(
        lambda: None,
        {
            "count": 1,
            "missing": ["tweet"],
            "found": 1,
            "total": 2,
            "missed": ["a topic"],
            "claim": "read-heavy",
            "wrong": None,
            "example": "1k x 1 MB = 1 GB",
            "component": "a cache",
            "bare": "99.9%",
            "choice": "a relational database",
            "mismatch": None,
            "tables": True,
            "index": False,
            "unjustified": "add a cache",
            "brand": "Redis",
            "justified": None,
        },
    )
    for spec in data("rubric.yaml").values():
        for key in ("met", "advice"):
            for detail in (full, defaultdict(lambda: None)):
                text = render_string(spec[key], scenario=scenario.scenario, detail=detail)
                assert text.strip()


def test_missing_variable_fails_loudly():
    with pytest.raises(jinja2.UndefinedError):
        render_string("Hello {{ nobody }}")


def test_hints_hold_no_scenario_values():
    hints = data("interviewer/hints.yaml")
    for scenario in SCENARIOS:
        for fact in scenario.scenario.facts:
            for hint in hints.values():
                assert fact.answer not in hint
    assert not any(ch.isdigit() for hint in hints.values() for ch in hint)
