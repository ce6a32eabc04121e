"""Every template under prompts/ renders, and a missing variable fails loudly."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import jinja2
import pytest
from jinja2 import nodes

from app.core.grading.context import GradeContext
from app.core.grading.criteria import CRITERIA
from app.core.grading.grader import rubric  # imports design_criteria: all criteria registered
from app.core.policy import ASKING, Part
from app.core.scenarios.loader import default_library
from app.core.transcript import parse_transcript
from app.prompts import data, environment, render_string
from app.render.offline import part_values

LIBRARY = default_library()
SCENARIOS = [LIBRARY.get(i) for i in LIBRARY.ids()]


def sample_part(kind: str, scenario, step: str | None = None) -> Part:
    model = scenario.scenario
    return Part(
        kind=kind,  # type: ignore[arg-type]
        facts=(model.facts[0].id, model.facts[1].id) if kind in ("answer", "check_in") else (),
        against=(model.facts[2].id,) if kind == "check_in" else (),
        step="design" if kind == "move_step" else step,  # type: ignore[arg-type]
        skipped=("non_functional", "estimates") if kind == "move_step" else (),
        follow_up=model.follow_ups[0].id if kind in ("follow_up", "reask") else None,
        detail={"step_probe": "read_write", "wrap_answer": "feedback"}.get(kind),
        twist=model.twists[0].id if kind == "twist" else None,
        hint="a hint" if kind == "hint" else None,
        said={
            "math_probe": ("1k writes a minute", "1 TB a minute"),
            "api_probe": ("GET /feed",),
        }.get(kind, ()),
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_every_interviewer_phrase_renders(scenario):
    for kind, found in data("interviewer/phrases.yaml").items():
        by_step = found if isinstance(found, dict) else {None: found}
        for step, variants in by_step.items():
            values = part_values(sample_part(kind, scenario, step), scenario)
            for variant in variants:
                text = render_string(variant, **values)
                assert text.strip(), (kind, variant)


def _questions(text: str) -> int:
    return len(re.findall(r"\?(?:\s|$)", text))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_only_the_asking_kinds_end_in_a_question(scenario):
    """A reply holds at most one question because only the kinds the policy counts as asking
    have one (the policy keeps one of those per reply); a fact, a follow-up or a probe brings
    its own question through `question`, so the words around it hold none."""
    for kind, found in data("interviewer/phrases.yaml").items():
        by_step = found if isinstance(found, dict) else {None: found}
        for step, variants in by_step.items():
            values = part_values(sample_part(kind, scenario, step), scenario)
            for variant in variants:
                text = render_string(variant, **values)
                around = text.replace(values["question"] or "\0", "").replace(
                    values["answer"] or "\0", ""
                )
                if kind in ("follow_up", "twist", "step_probe", "reask"):
                    assert _questions(values["question"]) == 1, (kind, values["question"])
                    assert _questions(around) == 0, (kind, step, text)
                else:
                    assert _questions(text) <= (1 if kind in ASKING else 0), (kind, step, text)


def test_every_wrap_up_topic_and_probe_has_words():
    from app.core.policy import _WRAP_TOPICS

    answers = data("interviewer/wrap_up.yaml")
    assert set(answers) == {*_WRAP_TOPICS, "general", "again"}
    assert all("?" not in a for a in answers.values())
    assert set(data("interviewer/steps.yaml")["probes"]) == {
        "hot_endpoint",
        "read_write",
        "storage",
        "blobs",
    }


def criterion_detail_keys(fn: Callable[..., Any]) -> set[str]:
    """Every key of every `detail={...}` a criterion builds, in its body or in the module
    functions it calls (read from the source, so keys set only on rare paths count too)."""
    keys: set[str] = set()
    todo, seen = [fn], set()
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        module = inspect.getmodule(f)
        for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(f)))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert not (node.func.id == "Finding" and len(node.args) > 4), (
                    f"{f.__name__}: pass detail= by keyword so this test can read its keys"
                )
                called = getattr(module, node.func.id, None)
                if inspect.isfunction(called) and called.__module__ == f.__module__:
                    todo.append(called)
            if isinstance(node, ast.keyword) and node.arg == "detail":
                assert isinstance(node.value, ast.Dict), (
                    f"{f.__name__}: detail= must be a dict literal"
                )
                for key in node.value.keys:
                    assert isinstance(key, ast.Constant) and isinstance(key.value, str), f.__name__
                    keys.add(key.value)
    return keys


def template_detail_keys(source: str) -> set[str]:
    """The keys a rubric template reads as `detail.key` or `detail["key"]`."""
    tree = environment().parse(source)
    keys: set[str] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node.node, nodes.Name) and node.node.name == "detail":
            if isinstance(node, nodes.Getattr):
                keys.add(node.attr)
            else:
                assert isinstance(node.arg, nodes.Const), (
                    f"detail[...] must be a constant: {source}"
                )
                keys.add(node.arg.value)
    uses = sum(1 for n in tree.find_all(nodes.Name) if n.name == "detail")
    reads = sum(
        1
        for n in tree.find_all((nodes.Getattr, nodes.Getitem))
        if isinstance(n.node, nodes.Name) and n.node.name == "detail"
    )
    assert uses == reads, f"detail used other than as detail.key: {source}"
    return keys


# A template key its criterion never sets: the branch cannot render. data.read_write's advice
# says "You called it {{ detail.wrong }}", but data_read_write counts a wrong claim as met (with
# other_view) and never sets `wrong`. Strict: the entry must go when either side changes.
DEAD_TEMPLATE_KEYS = {"data.read_write": {"wrong"}}

NEVER = object()
# Per detail key: a value a criterion really sets, and a falsy one it really sets (NEVER when the
# key, once set, is never falsy).
DETAIL_SAMPLES: dict[str, tuple[Any, Any]] = {
    "component": ("Let's put a cache in front of the database.", None),
    "count": (2, 0),
    "missing": (["tweet"], []),
    "bare": ("99.9%", None),
    "found": (1, 0),
    "total": (2, 0),
    "missed": (["a topic"], []),
    "claim": ("read-heavy", NEVER),
    "other_view": (True, False),
    "wrong": ([{"turn": 1, "quote": "1k x 1 MB = 1 TB", "expected": "1 GB"}], NEVER),
    "example": ("1k x 1 MB = 1 GB", NEVER),
    "choice": ("a relational database", NEVER),
    "mismatch": ("a non-relational database", NEVER),
    "tables": (True, False),
    "index": (True, False),
    "unjustified": ("Let's add a cache.", NEVER),
    "brand": ("Redis", NEVER),
    "justified": ("Redis", None),
    "change": ("reads grow a hundredfold", NEVER),
}


def test_rubric_templates_read_only_detail_keys_their_criterion_sets():
    for criterion_id, spec in rubric().items():
        sets = criterion_detail_keys(CRITERIA[criterion_id])
        reads = template_detail_keys(spec["met"]) | template_detail_keys(spec["advice"])
        dead = DEAD_TEMPLATE_KEYS.get(criterion_id, set())
        assert reads - sets - dead == set(), (criterion_id, "template reads a key never set")
        assert dead <= reads and not dead & sets, (criterion_id, "update DEAD_TEMPLATE_KEYS")
        assert sets <= set(DETAIL_SAMPLES), (criterion_id, "add the key to DETAIL_SAMPLES")


def applicable_criteria(scenario) -> set[str]:
    """The criteria that can go unmet in this scenario (the rest are met as not applicable, so
    only their `met` text is ever shown): judged on a bare transcript with a twist, if any."""
    messages = [
        {"role": "interviewer", "content": "Let's begin."},
        {"role": "candidate", "content": "Okay."},
    ]
    if scenario.scenario.twists:
        messages.append({"role": "interviewer", "content": "A change.", "act": ["twist"]})
        messages.append({"role": "candidate", "content": "Okay."})
    transcript = parse_transcript({"scenario_id": scenario.id, "messages": messages})
    ctx = GradeContext(transcript, scenario)
    return {c for c in rubric() if CRITERIA[c](ctx).applicable}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_every_rubric_text_renders_with_its_criterions_real_detail(scenario):
    """Each criterion's text rendered with exactly the keys it sets (a plain dict: a key it
    does not set fails loudly), once with real values and once with real falsy ones."""
    applicable = applicable_criteria(scenario)
    for criterion_id, spec in rubric().items():
        keys = criterion_detail_keys(CRITERIA[criterion_id])
        dead = dict.fromkeys(DEAD_TEMPLATE_KEYS.get(criterion_id, ()))
        full = {k: DETAIL_SAMPLES[k][0] for k in keys} | dead
        falsy = {k: t if f is NEVER else f for k, (t, f) in DETAIL_SAMPLES.items() if k in keys}
        falsy |= dead
        for key in ("met", "advice") if criterion_id in applicable else ("met",):
            for detail in (full, falsy):
                text = render_string(spec[key], scenario=scenario.scenario, detail=detail)
                assert text.strip(), (criterion_id, key)
                assert not re.search(r"\bNone\b", text), (criterion_id, key, text)
            # As the grader renders it when a criterion sets no detail at all: no error.
            empty = defaultdict(lambda: None)
            assert render_string(spec[key], scenario=scenario.scenario, detail=empty).strip()


def test_missing_variable_fails_loudly():
    with pytest.raises(jinja2.UndefinedError):
        render_string("Hello {{ nobody }}")


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"k": "thousand", "m": "million", "b": "billion"}
# Spelled numbers that carry a value; "one", "a" and "an" are left out (too common to mean one).
_NUMBER_WORD = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)"
)
_NOT_UNITS = {"a", "an", "and", "or", "to", "of", "the", "also", "per"}


def _spell(n: int) -> str:
    """An integer below a million in words, as a hint might write it ("hundred", "fifteen")."""
    if n >= 1000:
        head, rest = divmod(n, 1000)
        return " ".join(
            w for w in (f"{_spell(head)} thousand".removeprefix("one "), _spell(rest)) if w
        )
    if n >= 100:
        head, rest = divmod(n, 100)
        return " ".join(
            w for w in (f"{_ONES[head]} hundred".removeprefix("one "), _spell(rest)) if w
        )
    if n >= 20:
        return "-".join(w for w in (_TENS[n // 10], _ONES[n % 10] if n % 10 else "") if w)
    return _ONES[n] if n else ""


_NUMBER = re.compile(
    r"(\d[\d,]*)(\.\d+)?(?:\s*(%|[kmb]\b))?(?:\s+(thousand|million|billion)\b)?(?:\s+([a-z]+))?",
    re.IGNORECASE,
)


def fact_values(answer: str) -> set[str]:
    """The value tokens of a fact's answer, each as written and spelled out: "15 minutes" gives
    "15", "15 minutes", "fifteen minutes"; "100M riders" gives "100m", "hundred million", ...;
    "ten times" gives "ten times"."""
    out: set[str] = set()
    for m in _NUMBER.finditer(answer):
        digits, fraction, suffix, scale_word, unit = m.groups()
        unit = unit.lower() if unit and unit.lower() not in _NOT_UNITS else None
        scale = _SCALES.get((suffix or "").lower()) or (scale_word or "").lower()
        written = f"{digits}{fraction or ''}{suffix or ''}".lower()  # "15", "100m", "99.9%"
        if scale_word:
            written += f" {scale}"  # "10 million"
        out |= {written, f"{written} {unit}"} if unit else {written}
        if fraction or suffix == "%":
            continue  # the digits say it all; a spelled "ninety-nine point nine" is not worth it
        n = int(digits.replace(",", ""))
        if n >= 1_000_000:
            continue
        spelled = " ".join(w for w in (_spell(n) or "zero", scale) if w)
        if scale and n > 1:
            out.add(spelled)  # "hundred million" is a value on its own; "a million" is not
        if unit:
            out.add(f"{spelled} {unit}")
            if n == 1 and scale:
                out.add(f"a {scale} {unit}")  # "1M views": "a million views"
    spelled_value = rf"\b{_NUMBER_WORD}(?:[\s-]+{_NUMBER_WORD})*\s+([a-z]+)"
    for m in re.finditer(spelled_value, answer, re.I):
        if m.group(1).lower() not in _NOT_UNITS:
            out.add(m.group(0).lower())
    return out


def test_fact_values_finds_written_and_spelled_values():
    values = fact_values(
        "Edits for 15 minutes; 100M riders, 10 million users, 1k writes, ten times a day, 99.9%."
    )
    assert {
        "15 minutes",
        "fifteen minutes",
        "100m riders",
        "hundred million",
        "hundred million riders",
        "ten million users",
        "a thousand writes",
        "one thousand writes",
        "ten times",
        "99.9%",
    } <= values


def test_hints_hold_no_scenario_values():
    hints = data("interviewer/hints.yaml")
    assert not [h for h in hints.values() if re.search(r"\d", h)], "a hint holds a digit"
    for scenario in SCENARIOS:
        for fact in scenario.scenario.facts:
            values = fact_values(fact.answer)
            for key, hint in hints.items():
                assert fact.answer not in hint
                for value in values:
                    found = re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", hint, re.I)
                    assert not found, (key, scenario.id, fact.id, value)
