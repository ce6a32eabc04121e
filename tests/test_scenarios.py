"""The scenario library: required scenarios and facts, validation errors, examples that reveal."""

from pathlib import Path

import pytest

from app.core.disclosure import disclose
from app.core.errors import ScenarioError, UnknownScenario
from app.core.scenarios.loader import DATA_DIR, Library, default_library

REQUIRED = {
    "twitter": {
        "media",
        "tweet_edits",
        "account_deletion",
        "feed_order",
        "like_details",
        "retweets",
        "read_rate",
        "write_rate",
        "write_size",
        "consistency",
    },
    "tiktok": {
        "overview",
        "video_immutable",
        "feed_definition",
        "profile_fields",
        "consistency",
        "upload_rate",
        "view_rate",
        "video_size",
    },
    "code-deploy": {
        "artifact_fields",
        "artifact_immutable",
        "deploy_deadline",
        "availability",
        "code_trust",
        "artifact_format",
        "artifact_size",
        "release_rate",
        "server_count",
        "rollback",
    },
    "interviewing-io": {
        "recording",
        "showcase",
        "language",
        "matching",
        "interview_rate",
        "interview_length",
        "recording_contents",
        "code_execution",
    },
    "banking": set(),
    "diagnosis": set(),
    "amazon": set(),
    "online-judge": set(),
}
VOLUME_FACTS = {
    "read_rate",
    "write_rate",
    "write_size",
    "upload_rate",
    "view_rate",
    "video_size",
    "artifact_size",
    "release_rate",
    "server_count",
    "interview_rate",
    "interview_length",
}

LIBRARY = default_library()
ALL = [LIBRARY.get(i) for i in LIBRARY.ids()]
EXAMPLES = [
    pytest.param(s, f.id, ex, id=f"{s.id}:{f.id}:{n}")
    for s in ALL
    for f in s.scenario.facts
    for n, ex in enumerate(f.examples)
]


def test_library_has_twelve_or_more_scenarios_with_the_required_ones():
    assert len(LIBRARY) >= 12
    for scenario_id, facts in REQUIRED.items():
        scenario = LIBRARY.get(scenario_id).scenario
        assert facts <= {f.id for f in scenario.facts}, scenario_id


@pytest.mark.parametrize("scenario_id", list(REQUIRED))
def test_required_volume_facts_belong_to_data_step(scenario_id):
    for fact in LIBRARY.get(scenario_id).scenario.facts:
        if fact.id in VOLUME_FACTS:
            assert fact.step == "data_api_scale", fact.id
        if fact.id in {"deploy_deadline", "availability", "consistency"}:
            assert fact.step == "requirements", fact.id


@pytest.mark.parametrize(("scenario", "fact_id", "example"), EXAMPLES)
def test_every_example_question_reveals_its_fact(scenario, fact_id, example):
    assert fact_id in disclose(example, scenario).asked


@pytest.mark.parametrize("scenario", ALL, ids=lambda s: s.id)
def test_statement_reveals_nothing(scenario):
    assert disclose(scenario.scenario.statement, scenario).asked == ()


@pytest.mark.parametrize("scenario", ALL, ids=lambda s: s.id)
def test_topics_do_not_contain_answers(scenario):
    for fact in scenario.scenario.facts:
        digits = {w for w in fact.answer.split() if any(c.isdigit() for c in w)}
        assert not digits & set(fact.topic.split()), fact.id


def test_unknown_scenario_names_the_known_ones():
    with pytest.raises(UnknownScenario, match="unknown scenario 'nope'.*twitter"):
        LIBRARY.get("nope")


def _library_with(tmp_path: Path, name: str, text: str) -> Library:
    (tmp_path / name).write_text(text)
    return Library(directory=tmp_path).compile_all()


def _twitter_text() -> str:
    return (DATA_DIR / "twitter.yaml").read_text()


def test_typo_in_field_name_names_file_and_field(tmp_path):
    text = _twitter_text().replace(
        "    topic: whether a tweet can carry media", "    topik: whether a tweet can carry media"
    )
    with pytest.raises(ScenarioError, match=r"twitter\.yaml: field 'facts\[0\]"):
        _library_with(tmp_path, "twitter.yaml", text)


def test_wrong_step_value_names_field_and_allowed_values(tmp_path):
    text = _twitter_text().replace("step: requirements", "step: requirement", 1)
    with pytest.raises(ScenarioError, match=r"facts\[0\]\.step.*'requirements'"):
        _library_with(tmp_path, "twitter.yaml", text)


def test_unknown_concept_in_rule_is_named(tmp_path):
    text = _twitter_text().replace('"@media !blob', '"@medya !blob')
    with pytest.raises(ScenarioError, match=r"facts\[0\]\.ask\[0\].*@medya"):
        _library_with(tmp_path, "twitter.yaml", text)


def test_invalid_yaml_names_the_line(tmp_path):
    with pytest.raises(ScenarioError, match=r"bad\.yaml \(line \d+\): not valid YAML"):
        _library_with(tmp_path, "bad.yaml", "id: bad\nfacts: [\n")


def test_id_must_match_file_name(tmp_path):
    with pytest.raises(ScenarioError, match="must match the file name"):
        _library_with(tmp_path, "tweeter.yaml", _twitter_text())


def test_duplicate_fact_ids_rejected(tmp_path):
    text = _twitter_text().replace("  - id: retweets", "  - id: media")
    with pytest.raises(ScenarioError, match="duplicate facts id"):
        _library_with(tmp_path, "twitter.yaml", text)


@pytest.mark.parametrize("scenario", ALL, ids=lambda s: s.id)
def test_follow_ups_and_twists_never_state_an_unrevealed_value(scenario):
    """A number from a fact's answer may appear in a follow-up only if that fact must be
    revealed before the follow-up is asked (its `after_facts`)."""
    import re

    def numbers(text: str) -> set[str]:
        return set(re.findall(r"\d+(?:[.,]\d+)?\s*[kKmMbBgGtT%]?\w*", text))

    model = scenario.scenario
    for item, text in [(f, f.question) for f in model.follow_ups] + [
        (t, t.change) for t in model.twists
    ]:
        for fact in model.facts:
            shared = numbers(text) & numbers(fact.answer)
            if shared:
                assert fact.id in item.after_facts, (item.id, fact.id, shared)


def test_a_broken_rule_is_found_by_compile_all_which_servers_run_at_start(tmp_path):
    """Rules compile when a scenario is first used; a server compiles them all at start."""
    (tmp_path / "twitter.yaml").write_text(
        _twitter_text().replace('"@media !blob', '"@medya !blob')
    )
    library = Library(directory=tmp_path)  # read and validated, not compiled
    assert [s.id for s in library.summaries()] == ["twitter"]
    with pytest.raises(ScenarioError, match=r"facts\[0\]\.ask\[0\].*@medya"):
        library.compile_all()


@pytest.mark.parametrize("scenario_id", default_library().ids())
def test_no_follow_up_or_twist_names_a_figure_of_a_fact_it_does_not_wait_for(scenario_id):
    """A design question may quote a hidden fact's figure only once that fact is told (its
    `after_facts`): "Hundreds of servers start pulling ..." named the server count nobody had
    asked for."""
    from tests.walks import figures

    scenario = default_library().get(scenario_id).scenario
    leaks = []
    for question in [*scenario.follow_ups, *scenario.twists]:
        text = question.question if hasattr(question, "question") else question.change
        waits = set(getattr(question, "after_facts", None) or ())
        for fact in scenario.facts:
            if fact.id not in waits:
                named = (figures(fact.answer) - figures(scenario.statement)) & figures(text)
                leaks += [f"{question.id} names {fact.id}: {sorted(named)}"] if named else []
    assert leaks == []
