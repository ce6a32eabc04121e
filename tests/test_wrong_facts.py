"""A told fact played back wrong in words is corrected: each fact's `wrong` rules (scenario data)
read every clause that is not a proposal, once the fact is told and never before. A scenario
document's `wrong` rules are validated like its `ask` rules, and its `wrong_examples` checked."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from app.core.analysis import analyse
from app.core.disclosure import disclose
from app.core.errors import ScenarioInvalid
from app.core.playback import played_back
from app.core.policy import Memory, decide
from app.core.scenarios.checks import warnings
from app.core.scenarios.loader import HERE, LoadedScenario, default_library, from_document
from app.render.offline import OfflineRenderer


@pytest.fixture(scope="module")
def shortener() -> LoadedScenario:
    return default_library().get("url-shortener")


def all_told(scenario: LoadedScenario) -> tuple[str, ...]:
    """Every fact of the scenario, as if all had been told."""
    return tuple(f.id for f in scenario.scenario.facts)


def contradicted(text: str, scenario: LoadedScenario, told: tuple[str, ...]) -> tuple[str, ...]:
    return played_back(analyse(text, scenario).readings, scenario, told).contradicts


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("ok so links expire after like a year by default right", ("expiry",)),
        ("and after expiry we can reuse the code for someone else", ("expiry",)),
        # right, in other words, with a "no" in them
        ("links don't expire unless the creator sets a date, correct?", ()),
        ("so links live forever by default and codes are never reused, right?", ()),
        # a neutral question asks; it claims nothing
        ("do links expire?", ()),
    ],
)
def test_a_claim_in_words_is_read_against_the_told_fact(shortener, text, wrong):
    assert contradicted(text, shortener, ("expiry",)) == wrong


def test_a_hidden_fact_is_never_read_against(shortener):
    """Before the expiry is told, the same claim corrects nothing: a correction would give the
    hidden answer away."""
    text = "ok so links expire after like a year by default right"
    assert contradicted(text, shortener, ()) == ()
    act = decide(text, shortener, Memory())
    assert all(not p.against for p in act.parts)


def test_a_proposal_is_the_candidates_design_not_a_play_back(shortener):
    text = "I'll put the redirects in Redis and expire entries after a day by default."
    assert "proposal" in analyse(text, shortener).acts
    assert contradicted(text, shortener, ("expiry",)) == ()


def test_the_interviewer_corrects_it_with_what_was_said(shortener):
    act = decide(
        "ok so links expire after like a year by default right",
        shortener,
        Memory(revealed=("expiry",)),
    )
    check = next(p for p in act.parts if p.kind == "check_in")
    assert check.against == ("expiry",) and act.revealed == ()
    text = OfflineRenderer().render(act, shortener, seed="wrong").text
    assert "forever" in text and "state an assumption" not in text.lower()


def test_every_built_in_wrong_example_is_corrected_and_no_answer_is():
    """What `warnings` checks, on every built-in: each `wrong_examples` item is corrected, and no
    fact's own answer said back is (the scenarios carry wrong rules on most facts)."""
    library = default_library()
    with_rules = 0
    for scenario_id in library.ids():
        loaded = library.get(scenario_id)
        told = all_told(loaded)
        for fact in loaded.scenario.facts:
            with_rules += bool(fact.wrong)
            for example in fact.wrong_examples:
                assert fact.id in contradicted(example, loaded, told), (scenario_id, example)
            assert fact.id not in contradicted(fact.answer, loaded, told), (scenario_id, fact.id)
    assert with_rules >= 1


def _template() -> dict[str, Any]:
    return yaml.safe_load((HERE / "template.yaml").read_text().replace("__ID__", "pastebin"))  # type: ignore[no-any-return]


def _expiry(doc: dict[str, Any]) -> dict[str, Any]:
    return next(f for f in doc["facts"] if f["id"] == "expiry")


def test_a_documents_wrong_rule_with_an_unknown_concept_names_its_field():
    doc = _template()
    _expiry(doc)["wrong"] = ["@nope forever"]
    with pytest.raises(ScenarioInvalid) as raised:
        from_document(doc, "pastebin.yaml")
    assert ("facts[1].wrong[0]", "unknown concept '@nope'") in raised.value.problems


def test_a_document_is_warned_of_wrong_examples_not_corrected_and_rules_its_answer_meets():
    doc = _template()
    assert warnings(from_document(doc, "pastebin.yaml")) == []
    _expiry(doc)["wrong_examples"] = ["pastes are kept for a month by default"]
    _expiry(doc)["wrong"] = ["week default"]  # the answer itself: "A week by default; ..."
    fields = [f for f, _ in warnings(from_document(doc, "pastebin.yaml"))]
    assert fields == ["facts[1].wrong_examples[0]", "facts[1].wrong"]


@pytest.mark.parametrize(
    "text",
    [
        # plain questions claim nothing, whatever words they share with a told answer
        "can a short link be retargeted later?",
        "Two quick ones: can the owner change where a link points, and can they delete it?",
        "link targets: changeable or fixed?",
        # the candidate's own decisions and guesses, small talk
        "I'll still let owners retarget links in the admin tool for our own ops team.",
        "I could imagine links being editable for a minute after creation.",
        "ok give me a second, sorry, writing this down",
    ],
)
def test_questions_decisions_and_small_talk_are_not_corrected(shortener, text):
    assert contradicted(text, shortener, all_told(shortener)) == ()


@pytest.mark.parametrize(
    "text",
    [
        "so links can be retargeted by the owner, right?",
        "so links can be retargeted by the owner?",
        "links can be retargeted by the owner, is that ok for us",
        "links can be retargeted by the owner",
    ],
)
def test_a_claim_put_up_for_confirmation_is_corrected(shortener, text):
    assert "link_edits" in contradicted(text, shortener, all_told(shortener))


def test_the_correction_says_the_sentence_about_what_was_got_wrong(shortener):
    """The expiry answer has two sentences; a candidate wrong about codes being handed out again
    hears the one about codes, one wrong about the default hears the first."""
    told = Memory(revealed=("expiry",))
    codes = decide("so codes get handed out again once a link expires, right?", shortener, told)
    default = decide("so links expire after a year by default, right?", shortener, told)
    said_codes = OfflineRenderer().render(codes, shortener, seed="wrong").text
    said_default = OfflineRenderer().render(default, shortener, seed="wrong").text
    assert "never handed out again" in said_codes and "forever" not in said_codes
    assert "forever" in said_default and "handed out" not in said_default


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("ok so groups go up to like a thousand people, right?", ("group_size",)),
        ("so groups go up to 256 members, right?", ()),
        # a rounding of the limit, not another one
        ("so a group can have up to 300 people max, right?", ()),
    ],
)
def test_a_limit_played_back_far_from_the_answers_limit_is_corrected(text, wrong):
    """Found playing chat in the browser: "up to like a thousand people" against "A group is
    capped at 256 members" (3.9x: within the 4x a figure may be rounded by, and counting people
    where the answer counts members) was let pass."""
    chat = default_library().get("chat")
    assert contradicted(text, chat, ("group_size",)) == wrong


@pytest.mark.parametrize(
    ("scenario", "told", "text", "wrong"),
    [
        # a figure the answer gives as a multiple of another ("... ten times that")
        (
            "banking",
            ("transaction_rate",),
            "so 10k tx a minute at peak and reads ~100k/min, right?",
            (),
        ),
        (
            "banking",
            ("transaction_rate",),
            "so 10k tx a minute at peak and reads ~1M/min, right?",
            ("transaction_rate",),
        ),
        # a multiple written as such is no count of anything
        ("file-sync", ("upload_rate",), "| downloads | ~3x uploads ≈ 3.6k/s |\n\nright?", ()),
        # what a clause sets against is not what it claims
        (
            "chat",
            ("message_edits",),
            "so a deleted message leaves a note for the others rather than silently vanishing, right?",
            (),
        ),
        # a condition said first belongs to the claim
        (
            "chat",
            ("history",),
            "so when the user is offline, we don't keep the messages on the server, right?",
            (),
        ),
        ("chat", ("history",), "so we don't keep the messages on the server, right?", ("history",)),
    ],
)
def test_multiples_factors_contrasts_and_conditions(scenario, told, text, wrong):
    """turns/dev3 (written for this test in other words): each was a false correction."""
    loaded = default_library().get(scenario)
    assert contradicted(text, loaded, told) == wrong


def test_found_playing_file_sync_in_sdi_chat():
    """A design statement with a cursor was corrected as claiming live co-editing ("clients
    long-poll a changes endpoint with a cursor"); "merge both versions" revealed how long
    versions are kept; "..., does that hold?" on the candidate's own storage math was answered
    with the storage fact again instead of confirmed."""
    sync = default_library().get("file-sync")
    told = ("conflicts", "versions", "user_count", "storage_per_user")
    assert contradicted("clients long-poll a changes endpoint with a cursor", sync, told) == ()
    asked = disclose("so we merge both versions automatically like google docs, right?", sync)
    assert asked.asked == ("conflicts",)
    act = decide(
        "so 50M users at 10 GB each is 500 PB total, does that hold?",
        sync,
        Memory(revealed=told),
    )
    assert [(p.kind, p.facts) for p in act.parts][0] == ("check_in", ("storage_per_user",))


def test_daily_users_are_a_population_not_a_daily_sync():
    # played in the browser (file-sync, session 23): "50M daily users x 10 changes a day = ..."
    # was corrected with the sync answer, "daily" and "changes" read as syncing once a day
    sync = default_library().get("file-sync")
    told = ("sync", "user_count")
    said = "so 50M daily users x 10 changes a day = 500M changes a day, that's ~6k a second"
    assert "sync" not in contradicted(said, sync, told)
    assert contradicted("changes sync daily i think", sync, told) == ("sync",)
    # the daily users played back are the answer's 10M active a day, not its 50M users; a
    # rate after a multiplication sign is a factor per user, and a total worked out no
    # play-back of the users
    assert contradicted(said, sync, told) == ("user_count",)
    right = "so 10M daily users x 10 changes a day = 100M changes a day"
    assert contradicted(right, sync, told) == ()
    assert contradicted("10M DAU, right?", sync, told) == ()


def test_a_figure_said_roughly_is_no_claim_that_the_thing_counted_is_rough():
    # played in the browser (amazon, session 19): "10k orders a minute is roughly 170 a second"
    # was corrected with the consistency answer, "roughly" read as orders allowed to be inexact
    amazon = default_library().get("amazon")
    told = ("consistency", "order_rate")
    said = "so 10k orders a minute is roughly 170 a second, and reads are about 100x. does that track?"
    back = played_back(analyse(said, amazon).readings, amazon, told)
    assert "consistency" not in back.contradicts and "order_rate" in back.confirms
    loose = "so stock counts can be roughly right, that's fine?"
    assert "consistency" in played_back(analyse(loose, amazon).readings, amazon, told).contradicts


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # turns/dev4: a size said of the one thing the clause is about, 100x from the answer
        ("~1h per interview, ~10 GB per recording?", True),
        ("a recording is about 10 GB, right?", True),
        ("a recording is about 100 MB, right?", False),
        # a total worked out or said as one is another quantity, however far
        ("so recordings take 10 GB a day in total, right?", False),
        ("2k interviews a day x 100 MB = 200 GB a day of recordings, right?", False),
    ],
)
def test_a_size_far_from_the_one_told_of_the_same_thing_is_corrected(text, wrong):
    io = default_library().get("interviewing-io")
    back = played_back(analyse(text, io).readings, io, ("interview_length", "recording_size"))
    assert ("recording_size" in back.contradicts) is wrong


def test_an_api_checked_in_on_plays_no_fact_back():
    # played in sdi chat (online-judge, session 19): "POST /submissions {code} ... anything
    # missing?" got "That's right, it fits what we've discussed": "code" and "anything" read as
    # a play-back of the code-trust answer ("Anyone can submit anything")
    judge = default_library().get("online-judge")
    text = (
        "api: POST /submissions {problem_id, lang, code} -> id; GET /submissions/{id} -> "
        "verdict. anything missing?"
    )
    back = played_back(analyse(text, judge).readings, judge, ("submissions", "code_trust"))
    assert back.confirms == () and back.contradicts == ()


@pytest.mark.parametrize(
    ("scenario", "told", "text", "wrong"),
    [
        # turns/dev9 (session 19)
        (
            "file-sync",
            ("upload_rate",),
            "so about a hundred million uploads a second wait no a day yeah a day so that's "
            "around twelve hundred a second",
            False,
        ),
        ("file-sync", ("upload_rate",), "so about a hundred million uploads a second, right?", True),
        (
            "interviewing-io",
            ("recording_size",),
            "~100 MB per hour-long session, nearly all of it audio; the pad log is a few "
            "hundred KB at most. OK?",
            False,
        ),
    ],
)
def test_a_time_taken_back_and_a_part_beside_a_told_figure_are_no_slip(scenario, told, text, wrong):
    loaded = default_library().get(scenario)
    back = played_back(analyse(text, loaded).readings, loaded, told)
    assert bool(back.contradicts) is wrong
