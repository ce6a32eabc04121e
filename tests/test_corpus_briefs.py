"""The briefs corpus writers work from (tests/data/corpora/briefs/) say what the engine asks:
the design-step questions are generated from the library and must follow it, and every answers
item names a question its scenario has."""

from __future__ import annotations

import yaml

from app.core.scenarios.loader import default_library
from scripts.questions_brief import OUT, questions_brief
from tests.evaluation.corpora import CORPORA

LIBRARY = default_library()


def test_the_questions_brief_is_the_library_s_questions():
    # a follow-up renamed or reworded without the brief regenerated would send the next
    # writer to label replies to a question the interviewer no longer asks
    assert OUT.read_text(encoding="utf-8") == questions_brief(LIBRARY), (
        "run scripts/questions_brief.py"
    )


def test_every_answers_item_asks_a_question_of_its_scenario():
    files = [*CORPORA.glob("turns/*/answers.yaml"), *CORPORA.glob("held/answers-*.yaml")]
    assert files
    unknown = []
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            scenario = LIBRARY.get(item["scenario"]).scenario
            ids = {f.id for f in scenario.follow_ups} | {t.id for t in scenario.twists}
            if item["asked"] not in ids:
                unknown.append((path.name, item["id"], item["asked"]))
    assert not unknown, unknown
