"""The acts reader (app/core/reader.py, `acts_reader`): a learned second opinion on what a
message does (question, assumption put up, check-in, proposal, catch-all), judging the rules in
`Analysis`, and where it has no say. Its weights are checked against the dev corpora with the
scenarios' readers (tests/test_reader.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core import analysis, reader
from app.core.analysis import analyse
from app.core.policy import Memory, decide
from app.core.reader import ACTS_SHORT, JUDGED_ACTS, acts_reader


@pytest.fixture
def rules_alone(tmp_path: Path):
    """The analysis with no acts reader shipped (the rules alone), restored afterwards."""
    shipped = reader.ACTS_FILE
    reader.ACTS_FILE = tmp_path / "none.json"
    reader.acts_reader.cache_clear()
    analysis._CACHES.clear()
    yield
    reader.ACTS_FILE = shipped
    reader.acts_reader.cache_clear()
    analysis._CACHES.clear()


def kinds(text: str, scenario: str, library, step: str = "requirements", revealed=()) -> list:
    act = decide(text, library.get(scenario), Memory(step=step, revealed=tuple(revealed)))
    return [p.kind for p in act.parts]


CATCH_ALL = "Is there some other requirement you want to tell me, that I did not ask?"
ANSWERED = (
    "> Why not run user code inside the API server?\n\nBecause it's untrusted. Separate "
    "sandboxed workers, no network, cgroup limits."
)
SPOKEN_CHECK_IN = (
    "click counts go to a queue then a batch job that rolls them up per day. how fresh do the "
    "counts need to be? and does queue+batch sound ok"
)


def test_the_shipped_acts_reader_reads_what_the_rules_miss(library):
    # (messages/dev18 and dev17: a catch-all worded freshly, a question the candidate answers
    # in a quote block, a check-in said on with no question mark)
    assert analyse(CATCH_ALL, library.get("chat")).acts == {"catch_all"}
    assert analyse(ANSWERED, library.get("online-judge")).acts == {"proposal"}
    assert "check_in" in analyse(SPOKEN_CHECK_IN, library.get("url-shortener")).acts


def test_without_it_the_rules_read_them_otherwise(library, rules_alone):
    assert acts_reader() is None
    assert analyse(CATCH_ALL, library.get("chat")).acts == {"question"}
    assert analyse(ANSWERED, library.get("online-judge")).acts == {"question"}
    assert "check_in" not in analyse(SPOKEN_CHECK_IN, library.get("url-shortener")).acts
    # and the interviewer, which reads the same analysis, answers the catch-all as a question
    assert kinds(CATCH_ALL, "chat", library) == ["assume"]


def test_the_interviewer_acts_on_what_it_judges(library):
    # the catch-all is declined, not met with "state an assumption"
    assert kinds(CATCH_ALL, "chat", library) == ["refuse_catch_all"]
    found = analyse(ANSWERED, library.get("online-judge"))
    assert not found.question and not found.disclosure().is_question
    assert analyse(SPOKEN_CHECK_IN, library.get("url-shortener")).check_in


def test_a_check_in_the_rules_read_is_never_dropped_for_the_interviewer(library):
    # the acts reader names this play-back a question, not a check-in; the interviewer still
    # acknowledges it (met as no check-in it would be told to state an assumption)
    text = (
        "so uploader can edit the caption later but not the video itself, and a profile has "
        "username and short descripton. thats it for the record? lmk if i misread anything"
    )
    found = analyse(text, library.get("tiktok"))
    assert "check_in" not in found.acts and found.check_in
    assert kinds(text, "tiktok", library, revealed=("profile_fields", "video_immutable"))[0] == (
        "check_in"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tag word in another sense, no question: nothing is put up or checked in on
        ("it has to be done right", set()),
        ("that is the right approach", set()),
        ("Does it hold up in your view?", {"check_in"}),
    ],
)
def test_a_short_message_is_left_to_the_rules(text, expected, library):
    assert len(text.split()) <= ACTS_SHORT
    assert set(analyse(text, library.get("twitter")).acts) == expected


def test_nothing_asked_gets_no_asking_act_added(library):
    text = "I'll assume a tweet is about 300 bytes of text, no need to confirm that."
    found = analyse(text, library.get("twitter"))
    assert found._acts_read["confirm_assumption"] >= reader.ACTS_ADD  # the model would add it
    assert found.acts == frozenset()


def test_a_catch_all_scoped_to_a_topic_stays_a_question(library):
    found = analyse(
        "Anything else about rollbacks I should know before the API?", library.get("code-deploy")
    )
    assert "question" in found.acts and "catch_all" not in found.acts


# Crafted messages of tests/test_speech_acts.py the rules read right and the acts reader
# overrules (the price of its judgement: on dev batches left out of its training it reads the
# acts of 5 to 6 messages in a hundred more right). The rules stay held to them.
OVERRULED = [
    # (a design summed up in a Markdown list, "That's my design.", was read by the reader as a
    # proposal until it was trained on messages/dev25 and dev26; it now reads as the rules do)
    ("3k writes a minute is 50 a second, right?", "confirm_assumption", False),
    # ("I'll push each new post into the home timelines of everyone who follows the author."
    # was read as no proposal from messages/dev23 on; retrained with dev29 and dev31 in session
    # 21, the reader reads it as a proposal again, as the rules do)
]


@pytest.mark.parametrize(("text", "act", "present"), OVERRULED)
def test_the_rules_still_read_what_the_acts_reader_overrules(
    text, act, present, library, rules_alone
):
    assert (act in analyse(text, library.get("twitter")).acts) == present


@pytest.mark.parametrize(("text", "act", "present"), OVERRULED)
def test_the_acts_reader_overrules_them(text, act, present, library):
    assert (act in analyse(text, library.get("twitter")).acts) != present


def test_a_broken_acts_file_names_what_is_wrong(tmp_path, rules_alone):
    raw = json.loads(Path(reader.READERS_DIR / "_acts.json").read_text(encoding="utf-8"))
    raw["facts"] = list(reversed(JUDGED_ACTS))
    reader.ACTS_FILE = tmp_path / "_acts.json"
    reader.ACTS_FILE.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="_acts.json: acts"):
        acts_reader()
