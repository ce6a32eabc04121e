"""The interviewer checked like code: every scripted candidate of tests/data/walks/ (12 scenarios,
at least 3 personas each) is played through the service, and every interviewer reply must hold
the invariants of tests/walks.py:

- non_empty: the reply says something;
- one_question: at most one question sentence;
- no_repeat: not the previous reply's words again, nor its question again;
- no_hidden_fact: no hidden fact (its answer, a 6-word sentence of it, or one of its figures)
  before the candidate asked for it, unless the candidate said it first;
- within_length: at most 60 words of the interviewer's own beside the answers it reveals;
- walks_forward: the step never goes back, and finishing yields a grade.

Each scenario is played once (one service, one SQLite file, all its personas), then every
(scenario, persona, invariant) is its own test, whose failure lists each offending turn with the
candidate's message and the reply.
"""

from __future__ import annotations

from functools import cache

import pytest

from app.core.scenarios.loader import default_library
from tests.walks import INVARIANTS, Walk, load_walks, play_all

LIBRARY = default_library()
SCRIPTS = load_walks(LIBRARY)
CASES = [(s, p) for s in sorted(SCRIPTS) for p in SCRIPTS[s]]


@cache
def played(scenario: str) -> dict[str, Walk]:
    walks = play_all({scenario: SCRIPTS[scenario]})[scenario]
    return {w.persona: w for w in walks}


def test_every_library_scenario_has_at_least_three_personas():
    assert sorted(SCRIPTS) == sorted(LIBRARY.ids())
    assert all(len(personas) >= 3 for personas in SCRIPTS.values())


@pytest.mark.parametrize("invariant", sorted(INVARIANTS))
@pytest.mark.parametrize(("scenario", "persona"), CASES)
def test_every_reply_holds(scenario: str, persona: str, invariant: str):
    walk = played(scenario)[persona]
    assert walk.turns, f"{scenario} / {persona}: no reply at all"
    problems = INVARIANTS[invariant](walk, LIBRARY)
    assert not problems, f"{invariant}: {len(problems)} replies fail\n" + "\n".join(problems)
