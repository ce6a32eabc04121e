"""Readings found on the criterion-snippet corpus (tests/data/corpora/snippets/dev.yaml): a
store drawn from the reasons said before it, a result kept ahead of the read it spares, a
downside named in other words, the cost of downtime weighed with "down" as an event. Each is
checked both ways, on sentences made up for the test."""

from __future__ import annotations

import pytest

from app.core.grading.grader import grade
from app.core.scenarios.loader import default_library
from app.core.speech import is_question
from app.core.text import sentences
from app.core.transcript import parse_transcript
from tests.evaluation.corpora import snippets

INTO_THE_DESIGN = "Let me draw it: clients call our API servers, and the data lives in a database."


def met(criterion_id: str, *texts: str, design: bool = True) -> bool:
    """Whether the candidate's messages meet the criterion; `design`: they come once the
    interview has reached the design."""
    messages = [{"role": "interviewer", "content": "Let's design it. Where do you start?"}]
    for text in ((INTO_THE_DESIGN,) if design else ()) + texts:
        messages += [
            {"role": "candidate", "content": text},
            {"role": "interviewer", "content": "Okay."},
        ]
    graded = grade(parse_transcript({"messages": messages}), problem="Design a web app")
    return next(c["met"] for c in graded["criteria"] if c["id"] == criterion_id)


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        (
            "It's money moving between accounts, so I want real transactions: debit and credit "
            "land together or not at all. Postgres.",
            True,
        ),
        (
            "We write a crazy amount, 60k a second, and the only read we ever do is messages of "
            "this chat, newest first. No joins at all. That's exactly what a wide-column store "
            "like Cassandra is good at.",
            True,
        ),
        # a store named in passing after a worry, not drawn from it
        (
            "Hmm, that would be a lot of writes on one row. And then save it to Mongo sometimes.",
            False,
        ),
        ("Cassandra, because it scales.", False),
    ],
)
def test_a_store_drawn_from_the_reasons_said_before_it(said, wanted):
    assert met("design.database_choice", said) is wanted


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        (
            "That badge is read every time the app opens. So I'd keep an unread counter per "
            "user, bump it when a notification lands. Not a COUNT over notifications on every "
            "open.",
            True,
        ),
        (
            "Sorting by hot over all posts for every page load is a no-go. So a job "
            "recalculates the hot list per subreddit every minute and stores the top 1000 ids.",
            True,
        ),
        ("We precompute everything and keep a counter for stuff.", False),
        ("I'd keep a log of the events in Kafka for replay.", False),
    ],
)
def test_a_result_kept_ahead_of_the_read_it_spares_is_the_hot_path(said, wanted):
    assert met("design.hot_path", said) is wanted


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        (
            "Take an MD5 of the URL, first 7 chars. Downside, two URLs can land on the same 7 "
            "chars, so on insert I have to check and retry with a salt.",
            True,
        ),
        (
            "Catch with storing top-k in each trie node: the trie is rebuilt every hour, so a "
            "trending query won't show up until the next rebuild.",
            True,
        ),
        ("There are trade-offs everywhere, of course. I think this one balances them well.", False),
    ],
)
def test_a_downside_named_in_other_words(said, wanted):
    assert met("design.drawback", said) is wanted


def test_a_worry_asked_for_is_answered_with_a_downside():
    messages = [
        {"role": "interviewer", "content": "Let's design a bank. Where do you start?"},
        {"role": "candidate", "content": INTO_THE_DESIGN + " Accounts get row locks."},
        {"role": "interviewer", "content": "Anything you'd worry about?"},
        {
            "role": "candidate",
            "content": "A hot account, like a big merchant, has all its transfers queue behind "
            "the same lock, so its throughput is limited.",
        },
    ]
    graded = grade(parse_transcript({"messages": messages}), problem="Design a bank")
    assert next(c for c in graded["criteria"] if c["id"] == "design.drawback")["met"] is True


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        (
            "For the store every minute down is just lost orders, people don't wait, they go to "
            "another shop.",
            True,
        ),
        ("It must be available 24/7, customers need their money anytime.", False),
    ],
)
def test_downtime_as_an_event_weighed_by_its_cost(said, wanted):
    assert met("req.nfr_availability", said, design=False) is wanted


@pytest.mark.parametrize(
    "text",
    [
        "Debit and credit land together or not at all.",
        "On insert I have to check and retry with a salt.",
    ],
)
def test_all_or_nothing_and_the_systems_own_checks_ask_nothing(text):
    assert not is_question(sentences(text)[0])


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        (
            "The only query we ever do is give me the long url for this code. No joins, no "
            "ranges. So a key value store, code to url.",
            True,
        ),
        (
            "Relational. Main thing is booking the time slot, two candidates cannot get the same "
            "slot, we need a transaction for this.",
            True,
        ),
        ("Relational. Kafka. Redis.", False),
        (
            "Inventory, rooms per night, in a relational DB. A booking for three nights must grab "
            "all three nights or none, and we can't oversell.",
            True,
        ),
        (
            "Relational for the ledger. When money moves, debit and credit must both happen or "
            "neither.",
            True,
        ),
        (
            "For seats I want SQL. Two people clicking the same seat at the same second, only one "
            "may win.",
            True,
        ),
        ("For seats I want SQL. It's what I know best.", False),
        # found playing ride-hailing in the browser
        (
            "Trips and payments are records we must keep right, a fare charged once, so "
            "relational db for those, sharded by city.",
            True,
        ),
    ],
)
def test_a_store_chosen_and_reasoned_as_people_answer_storage(said, wanted):
    assert met("design.database_choice", said) is wanted


def test_the_answer_to_why_that_store_reasons_the_store_the_question_names():
    def graded(answer: str) -> bool:
        messages = [
            {"role": "interviewer", "content": "Let's design a bank. Where do you start?"},
            {"role": "candidate", "content": INTO_THE_DESIGN},
            {"role": "interviewer", "content": "Why SQL here?"},
            {"role": "candidate", "content": answer},
        ]
        result = grade(parse_transcript({"messages": messages}), problem="Design a bank")
        return next(c for c in result["criteria"] if c["id"] == "design.database_choice")["met"]

    assert graded(
        "Because a transfer is two accounts changing together, and two transfers at the same "
        "time must not overdraw."
    )
    assert not graded("I just like it, I know it well.")


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        (
            "Nobody makes a different decision if p99 is 412 or 418 milliseconds. So I'd accept "
            "approximate percentiles.",
            True,
        ),
        (
            "Yeah, so it needs to be highly available and low latency. And eventually consistent "
            "I think is fine.",
            False,
        ),
    ],
)
def test_a_relaxed_requirement_with_its_reason_said_first(said, wanted):
    assert met("req.nfr_tradeoff", said, design=False) is wanted


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        (
            "Every host pushes hundreds of metrics every ten seconds, all day. Dashboards are "
            "opened by a few engineers sometimes. So write-heavy, the ingest path must scale.",
            True,
        ),
        ("It's a big system with lots of users. So write-heavy.", False),
    ],
)
def test_a_read_write_call_drawn_from_the_traffic_said_before(said, wanted):
    assert met("data.read_write", said, design=False) is wanted


@pytest.mark.parametrize(
    "said",
    [
        "How often does the feed change, for a normal user? Updates within a minute are okay?",
        "Limits live in config. Do they change often?",
        "Do we need to delete old points? I guess retention like thirty days.",
        "Do we ever need to remove a suggestion fast, like if something offensive trends?",
    ],
)
def test_how_often_things_change_or_housekeeping_asks_no_mutability(said):
    assert met("req.mutability", said, design=False) is False


def test_a_rule_the_interviewer_gave_said_back_is_no_question():
    def graded(answer: str) -> bool:
        messages = [
            {"role": "interviewer", "content": "Let's design TikTok. Where do you start?"},
            {"role": "candidate", "content": "What can people do with a video?"},
            {
                "role": "interviewer",
                "content": "Videos can't be edited after they're posted. Creators can delete them.",
            },
            {"role": "candidate", "content": answer},
        ]
        result = grade(parse_transcript({"messages": messages}), problem="Design TikTok")
        return next(c for c in result["criteria"] if c["id"] == "req.mutability")["met"]

    assert not graded("Okay, perfect, got it, can't edit, can delete.")
    assert graded("Okay. And can a comment be edited after it's posted?")


def test_a_list_item_after_a_comma_asks_nothing():
    text = "The client watches the folder, any modify event, we chunk the file, hash chunks."
    assert not is_question(sentences(text)[0])
    assert is_question(sentences("For uploads, any limits on size")[0])


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        # what follows a relaxation is no reason for it
        (
            "Eventual consistency is fine. So the replicas can lag and that's okay, the client "
            "reads from whichever replica is closest.",
            False,
        ),
        (
            "Eventually consistent. Because of the CAP theorem, network partitions happen, so "
            "we choose availability.",
            False,
        ),
        (
            "We choose availability over consistency. Because it's okay if the view count is a "
            "bit off.",
            True,
        ),
        (
            "The click stats can be behind by a few minutes, people look at them like once a day.",
            True,
        ),
        ("Like counts can be off for a bit. Showing 1,203 when it's 1,211 harms no one.", True),
    ],
)
def test_a_relaxation_needs_why_it_is_acceptable_not_what_follows(said, wanted):
    assert met("req.nfr_tradeoff", said, design=False) is wanted


@pytest.mark.parametrize(
    "said",
    [
        "So if we're down at checkout, the merchant loses the sale, the shopper just leaves.",
        "I'd say if we're down for a few minutes it's mostly fine? Marketing pushes go out a bit "
        "late. Except 2FA codes, those go through here, and then people can't log in at all.",
    ],
)
def test_downtime_weighed_by_who_pays_said_plainly(said):
    assert met("req.nfr_availability", said, design=False) is True


@pytest.mark.parametrize(
    "said",
    [
        "It must be available 24/7 with no downtime, customers need to access their money anytime.",
        "I want it to be one of those services that just never goes down.",
        "Docs should be always available, even offline, so we keep a local copy in the browser.",
        "Durability first, eleven nines, we can never lose a user's file, that's the whole trust "
        "of the product.",
    ],
)
def test_slogans_of_no_downtime_durability_and_offline_weigh_no_downtime(said):
    assert met("req.nfr_availability", said, design=False) is False


@pytest.mark.parametrize(
    "said",
    [
        "Statements, we precompute. Basically everything we can precompute, we precompute. "
        "The online part just serves what's ready.",
        "So to absorb those writes I'd shard by geohash and keep it in memory. That handles "
        "the write load, and reads just hit the cell.",
    ],
)
def test_precomputing_everything_or_work_for_the_writes_is_no_hot_path(said):
    assert met("design.hot_path", said) is False


def test_a_store_sold_on_scale_with_no_figure_of_ours_is_no_reason():
    said = "For the tweets, NoSQL, since it scales horizontally and we're good for growth."
    assert met("design.database_choice", said) is False
    assert met(
        "design.database_choice",
        "We take 300k location writes a second, so Cassandra, it scales out for that volume.",
    )


SNIPPET_AGREEMENT = 0.84
"""Dev agreement on the criterion snippets (snippets/dev.yaml, 320 excerpts labelled for one
criterion each, written from a brief by a helper who never saw the engine: 0.759 on the
session-start engine, 0.894 after the readings above; snippets/dev2.yaml, 240 near misses
written later: 0.729 on the session-start engine, 0.746 on arrival, 0.817 after the readings of
credit from words). Both: 0.864 (484/560). The frozen test part is printed by
bench/corpora.py."""


def test_snippet_dev_agreement_holds():
    result = snippets("dev", default_library())
    assert result.items >= 550
    assert result.accuracy >= SNIPPET_AGREEMENT, result.wrong
    # credit from words alone stays rare: a snippet labelled unmet graded met
    assert result.count("credited") <= 25, result.wrong


def test_a_cdn_for_what_a_crowd_downloads_is_justified():
    # found playing chat in `sdi chat`: the CDN's reason was not seen
    said = (
        "Media goes to blob storage, the message only has a link, CDN in front because a photo "
        "in a big group is downloaded by many people."
    )
    assert met("design.cache_justified", said) is True
    assert met("design.cache_justified", "Media goes to blob storage with a CDN in front.") is False


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        # played in sdi chat (url-shortener, session 19): credited as an assessment
        ("I think I'm done. Anything you'd want me to revisit?", False),
        ("What would you improve first?", False),
        ("If I had more time I'd revisit the counter: one hot row per viral link is a bottleneck.", True),
    ],
)
def test_asking_the_interviewer_what_to_revisit_assesses_nothing(said, wanted):
    assert met("design.assess", said) is wanted
