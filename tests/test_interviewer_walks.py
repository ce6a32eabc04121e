"""The interviewer checked like code: every scripted candidate of tests/data/walks/ (12 scenarios,
at least 3 personas each) is played through the service, and every interviewer reply must hold
the invariants of tests/walks.py:

- non_empty: the reply says something;
- one_question: at most one question sentence;
- no_repeat: not the previous reply's words again;
- no_question_twice: not the previous reply's question again, word for word;
- no_hidden_fact: no hidden fact (its answer, a 6-word sentence of it, or one of its figures)
  before the candidate asked for it, unless the candidate said it first;
- within_length: at most 60 words of the interviewer's own beside the answers it reveals;
- walks_forward: the step never goes back, and finishing yields a grade.

Each scenario is played once (one service, one SQLite file, all its personas under two fixed
interview ids), then every (scenario, persona, invariant) is its own test, whose failure lists
each offending turn: scenario, persona, seed, turn, step and act, the candidate's message and the
reply.
"""

from __future__ import annotations

from functools import cache

import pytest

from app.core.scenarios.loader import default_library
from tests.walks import INVARIANTS, Turn, Walk, figures, load_walks, play_all, questions, sentences

LIBRARY = default_library()
SCRIPTS = load_walks(LIBRARY)
CASES = [(s, p) for s in sorted(SCRIPTS) for p in SCRIPTS[s]]


# Each walk is played under two fixed interview ids: the offline renderer picks its phrasings by
# the id, so two ids hear two wordings of the same acts (bench/interviewer.py --seeds N plays
# more), and every run of the suite hears the same ones.
SEEDS = (0, 1)


@cache
def played(scenario: str) -> dict[str, list[Walk]]:
    walks = play_all({scenario: SCRIPTS[scenario]}, SEEDS)[scenario]
    return {p: [w for w in walks if w.persona == p] for p in SCRIPTS[scenario]}


def test_every_library_scenario_has_at_least_three_personas():
    assert sorted(SCRIPTS) == sorted(LIBRARY.ids())
    assert all(len(personas) >= 3 for personas in SCRIPTS.values())


@pytest.mark.parametrize("invariant", sorted(INVARIANTS))
@pytest.mark.parametrize(("scenario", "persona"), CASES)
def test_every_reply_holds(scenario: str, persona: str, invariant: str):
    problems = []
    for walk in played(scenario)[persona]:
        assert walk.turns, f"{scenario} / {persona}: no reply at all"
        problems += INVARIANTS[invariant](walk, LIBRARY)
    assert not problems, f"{invariant}: {len(problems)} replies fail\n" + "\n".join(problems)


# ---- the checks can fail: each flags a reply that breaks it, and passes its near miss ----


def _walk(scenario: str, *turns: tuple[str, str, list[str]], step: str = "requirements") -> Walk:
    opening = {"content": LIBRARY.get(scenario).scenario.statement, "step": "requirements"}
    walk = Walk(scenario, "synthetic", 0, opening)
    for n, (message, content, revealed) in enumerate(turns, start=1):
        reply = {"content": content, "step": step, "revealed": revealed, "act": ["ack"]}
        walk.turns.append(Turn(n, message, reply))
    walk.grade = {"format": "sdi.grade/v1", "scenario_id": scenario, "score": 50}
    return walk


def _fails(invariant: str, walk: Walk) -> list[str]:
    return INVARIANTS[invariant](walk, LIBRARY)


def test_sentences_cut_on_end_marks_but_not_inside_paths_or_decimals():
    text = 'Say "fine?" Then GET /links?page=2 takes 1.5 GB. What next?\nOK'
    assert sentences(text) == [
        'Say "fine?"',
        "Then GET /links?page=2 takes 1.5 GB.",
        "What next?",
        "OK",
    ]
    assert questions(text) == ['Say "fine?"', "What next?"]


def test_one_question_flags_two_and_passes_one():
    assert _fails("one_question", _walk("twitter", ("hi", "Why? And how?", [])))
    assert not _fails("one_question", _walk("twitter", ("hi", "Noted. Why NoSQL, or why not?", [])))


def test_no_repeat_flags_the_same_reply_or_question_twice_in_a_row():
    same = _walk("twitter", ("a", "Go on.", []), ("b", "Go on.", []))
    asked_again = _walk("twitter", ("a", "Fine. What else?", []), ("b", "Sure. What else?", []))
    apart = _walk("twitter", ("a", "Go on.", []), ("b", "Noted.", []), ("c", "Go on.", []))
    assert _fails("no_repeat", same) and _fails("no_question_twice", asked_again)
    assert not _fails("no_repeat", asked_again) and not _fails("no_question_twice", same)
    assert not _fails("no_repeat", apart) and not _fails("no_question_twice", apart)


def test_no_hidden_fact_flags_an_answer_a_sentence_or_a_figure_before_it_is_asked():
    twitter = LIBRARY.get("twitter").scenario
    answer = twitter.fact("write_size").answer
    assert _fails("no_hidden_fact", _walk("twitter", ("hi", answer, [])))
    assert _fails("no_hidden_fact", _walk("twitter", ("hi", "Plan for about 1 MB per write.", [])))
    assert _fails("no_hidden_fact", _walk("twitter", ("hi", "Reads? Say 100K a minute.", [])))
    sentence = "Once published a tweet can't be edited, but its author can delete it."
    assert _fails("no_hidden_fact", _walk("twitter", ("hi", f"Well. {sentence}", [])))


def test_no_hidden_fact_passes_what_was_revealed_or_said_by_the_candidate():
    twitter = LIBRARY.get("twitter").scenario
    answer = twitter.fact("write_size").answer
    asked = _walk("twitter", ("How big is a write?", answer, ["write_size"]))
    echoed = _walk("twitter", ("I'll take 1 MB per write.", "So 1 MB per write. Go on.", []))
    later = _walk("twitter", ("How big?", answer, ["write_size"]), ("ok", "1 MB, yes.", []))
    plain = _walk("twitter", ("hi", "Step 1 first: what do we need? Take 2 minutes.", []))
    for walk in (asked, echoed, later, plain):
        assert not _fails("no_hidden_fact", walk)


def test_within_length_counts_only_the_interviewers_own_words():
    amazon = LIBRARY.get("amazon").scenario
    answers = " ".join(amazon.fact(f).answer for f in ("orders", "inventory", "catalog"))
    long_answer = _walk(
        "amazon", ("tell me", f"Good question. {answers}", ["orders", "inventory", "catalog"])
    )
    lecture = _walk("amazon", ("hi", "word " * 61, []))
    assert not _fails("within_length", long_answer)
    assert _fails("within_length", lecture)


def test_walks_forward_flags_a_step_back_and_a_missing_grade():
    back = _walk("twitter", ("a", "On to the API.", []), step="data_api_scale")
    back.turns.append(Turn(2, "b", {"content": "Hm.", "step": "requirements", "revealed": []}))
    ungraded = _walk("twitter", ("a", "Go on.", []))
    ungraded.grade = None
    assert _fails("walks_forward", back) and _fails("walks_forward", ungraded)
    assert not _fails("walks_forward", _walk("twitter", ("a", "Go on.", [])))


def test_figures_are_numbers_with_units_or_magnitudes():
    assert figures("About 100k reads, 1 MB each, 99.9% up, 15 seconds") == {
        "100k",
        "1mb",
        "99.9%",
        "15second",
    }
    assert figures("Hundreds of servers, step 2, 1 to 5") == {"hundreds of servers"}
