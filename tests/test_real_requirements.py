"""The grader on requirements and process as real interviews say them: a statement is not a
question for its shape, a check-in asks the interviewer's view (not the candidate's own), the
cost of downtime weighed in answer to the interviewer's failure question, security considered
as a threat to a workflow, a requirement relaxed in everyday words, access patterns said
without "given X, get Y", and performance weighed on a frequent path when asked. Each
behaviour is checked both ways, on sentences made up for the test."""

from __future__ import annotations

import pytest

from app.core.grading.grader import grade
from app.core.speech import is_check_in, is_confirm_request, is_listed, is_question
from app.core.text import sentence_of
from app.core.transcript import parse_transcript


def criterion(turns: list[tuple[str, str]], criterion_id: str, scenario: str | None = None) -> dict:
    """Grade a conversation given as (role, text) pairs, "I" for the interviewer."""
    messages = [{"role": "interviewer", "content": "Let's design it. Where do you start?"}]
    for role, text in turns:
        messages.append({"role": "interviewer" if role == "I" else "candidate", "content": text})
    data: dict = {"messages": messages}
    if scenario:
        data["scenario_id"] = scenario
    return next(c for c in grade(parse_transcript(data))["criteria"] if c["id"] == criterion_id)


def said(text: str, criterion_id: str, scenario: str | None = None) -> dict:
    return criterion([("C", text), ("I", "Okay.")], criterion_id, scenario)


# --- what a sentence does -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # a statement with a question's first word
        ("So what I'd do here, I'd shard the uploads by day.", False),
        ("Which basically means the thumbnails come from the edge.", False),
        ("Which is a lot of storage.", False),
        ("It caps how many messages a sender can post per second.", False),
        ("The scheduler, like, tracks how often the job fails, and alerts.", False),
        ("We need a table to remember what is the last offset per partition.", False),
        ("Search also is there, on the top bar.", False),
        ("Another is the queue between the two.", False),
        ("The worker checks, is the lease still mine?", False),
        ("We're going to keep the drafts in a separate table.", False),
        ("We'll have auth on every call.", False),
        ("How it works is the phone polls every few seconds.", False),
        ("Where it gets tricky is the fan-out to big accounts.", False),
        ("So I'm guessing drafts are kept as well, or not really", True),
        # the same shapes asking
        ("What I'd like to know is whether drafts are kept.", True),
        ("Which is better here, a queue or a log?", True),
        ("And how many of those come in per second", True),
        ("Not sure how much downtime the clinics can take.", True),
        ("Also is there a size limit on attachments", True),
        ("Is the lease still mine at that point?", True),
    ],
)
def test_a_statement_is_no_question_for_its_shape(text, asks):
    assert is_question(sentence_of(text)) is asks


@pytest.mark.parametrize(
    ("text", "confirm"),
    [("Latency, yeah.", False), ("Numbers, yes.", False), ("Links never expire, yeah.", True)],
)
def test_a_topic_taken_up_asks_nothing_to_confirm(text, confirm):
    assert is_confirm_request(sentence_of(text)) is confirm


@pytest.mark.parametrize(
    ("text", "check_in"),
    [
        ("Oh, right.", False),
        ("Ah okay, yeah.", False),
        ("Hmm, that doesn't make sense, my numbers are off somewhere.", False),
        ("I won't go too deep on the ranking part.", False),
        ("So the sharding by tenant, I'm happy with that.", False),
        ("That covers the write path, make sense?", True),
        ("We shard by tenant, does that make sense", True),
        ("Is this, um, is this the main idea?", True),
        ("Are you happy with that split?", True),
        ("Am I going too deep here?", True),
        ("You with me?", True),
        ("Anything you'd change?", True),
        ("Am I overcomplicating this?", True),
        ("Is that overkill?", True),
        ("Good so far?", True),
        ("Is that too much?", True),
        ("So this much is big, so which one I should focus?", False),
        ("It is correct, no?", True),
        ("Any problem with this?", True),
        ("Can we delete tweets, no?", False),
        ("Would a cache be good here?", False),
    ],
)
def test_a_check_in_asks_the_interviewers_view_not_states_ones_own(text, check_in):
    assert is_check_in(text) is check_in


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("No, I'd fail the job, the owner can't wait that long.", False),
        ("Storage: Postgres, Redis, S3.", True),
        ("Kafka for ingest, Flink for windows, Druid for queries.", True),
    ],
)
def test_short_clauses_with_their_own_verbs_are_no_recited_list(text, listed):
    assert is_listed(text) is listed


# --- process and requirement criteria -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("A tenant has many projects and each project holds many boards.", True),
        ("The board service stores each project in Postgres.", False),
        ("Then POST slash projects slash ID slash boards creates a board.", False),
    ],
)
def test_objects_are_related_in_the_requirements_not_by_placing_parts(text, met):
    turns = [("C", "Tenants, projects and boards are the main things."), ("I", "Okay.")]
    assert criterion([*turns, ("C", text), ("I", "Okay.")], "req.objects")["met"] is met


def test_a_check_in_counts_only_when_it_asks():
    stated = said(
        "We keep one partition per tenant and replicate it twice. I'm happy with that.",
        "process.check_ins",
    )
    asked = said(
        "We keep one partition per tenant and replicate it twice. Does that make sense?",
        "process.check_ins",
    )
    assert (stated["met"], asked["met"]) == (False, True)


@pytest.mark.parametrize(
    ("question", "answer", "met"),
    [
        # a hedged answer to the interviewer's question
        (
            "What does the extra hop cost us?",
            "It adds a hop, so a few milliseconds. I guess that's fine?",
            False,
        ),
        # the candidate's own decision put to the interviewer
        ("Okay.", "I'd add a read replica for the reports. I guess that's fine?", True),
        (
            "What does the extra hop cost us?",
            "It adds a hop, a few milliseconds. Does that sound right?",
            True,
        ),
    ],
)
def test_a_hedged_answer_is_no_check_in(question, answer, met):
    turns = [("C", "We keep the limits in the gateway."), ("I", question), ("C", answer)]
    assert criterion([*turns, ("I", "Okay.")], "process.check_ins")["met"] is met


def test_embedded_figures_leave_the_order_of_the_interview_alone():
    turns = [
        ("C", "So a limiter is a thing that caps how many calls a client can make per minute."),
        ("I", "Okay."),
        ("C", "I'd put it in the gateway, with Redis holding the counters."),
    ]
    assert criterion(turns, "process.order")["met"] is False


@pytest.mark.parametrize(
    ("turns", "met"),
    [
        # the interviewer asks about a failure; the answer weighs who pays for it
        (
            [
                ("I", "What if the queue is down? Do you still take orders?"),
                ("C", "Yes, I'd still take them, the shopper shouldn't suffer for our queue."),
            ],
            True,
        ),
        (
            [
                ("C", "If the primary dies, a replica is promoted, so only edits fail for a bit."),
                ("I", "Is that acceptable?"),
                ("C", "I think so. Reading the docs is more important than editing them."),
            ],
            True,
        ),
        (
            [
                ("I", "What happens when the cache cluster goes down?"),
                ("C", "Nobody sees an error, pages just come from the database more slowly."),
            ],
            True,
        ),
        # the answer is a mechanism or data kept, not the cost of being down
        (
            [
                ("I", "What if the partner's API is down when you call?"),
                ("C", "Then we try again later, every few minutes, with a backoff."),
            ],
            False,
        ),
        (
            [
                ("I", "What if a worker dies?"),
                ("C", "We'd lose what it had in memory, so it checkpoints every minute."),
            ],
            False,
        ),
        # "how bad is it if ..." asks about something new, not what was said
        (
            [
                ("C", "If the master dies, a replica takes over within a minute."),
                ("I", "How bad is it if a document gets corrupted?"),
                ("C", "It's bad, users will be angry, so we keep checksums."),
            ],
            False,
        ),
    ],
)
def test_the_cost_of_downtime_weighed_in_answer_to_a_failure_question(turns, met):
    assert criterion(turns, "req.nfr_availability")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("If the checkout page doesn't load, people shop elsewhere and that's our revenue.", True),
        ("It's better to have the API up than not working at all, so we fail open.", True),
        ("The downside of failing closed is an outage we caused ourselves.", True),
        ("If the checkout page doesn't load fast, people give up.", False),
        ("It's better to have a cache in front of the database.", False),
    ],
)
def test_a_failure_said_as_the_products_weighs_downtime(text, met):
    assert said(text, "req.nfr_availability")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("If the pricing service is offline, nobody can book a ride, that costs us money.", True),
        ("The rankings are computed offline, which is expensive but fine.", False),
    ],
)
def test_offline_as_a_batch_weighs_no_downtime(text, met):
    assert said(text, "req.nfr_availability")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("If uploads stop working, creators retry later, it's not the end of the world.", True),
        ("If uploads stop working, creators retry later.", False),
    ],
)
def test_downtime_weighed_as_no_disaster(text, met):
    assert said(text, "req.nfr_availability")["met"] is met


@pytest.mark.parametrize(
    ("turns", "met"),
    [
        (
            [("C", "Otherwise anyone could just script the vote endpoint and stuff the ballot.")],
            True,
        ),
        ([("C", "A max body size, so somebody can't upload an endless stream at us.")], True),
        (
            [
                (
                    "C",
                    "The password reset page is where I'd worry about brute force, so it's capped.",
                )
            ],
            True,
        ),
        ([("I", "What about bots?"), ("C", "We'd flag accounts that post every second.")], True),
        (
            [
                ("I", "Anything sensitive in the audit log?"),
                ("C", "Yes, so we redact card numbers before they're written."),
            ],
            True,
        ),
        # an annoyance, a recited list, a plain design answer
        (
            [
                ("I", "What about not spamming one user with reminders?"),
                ("C", "We can limit it to three a day."),
            ],
            False,
        ),
        ([("C", "Security: TLS, JWT, WAF.")], False),
        (
            [("I", "What about a slow host?"), ("C", "A timeout of ten seconds, then skip it.")],
            False,
        ),
        ([("C", "Someone could upload a profile photo from the settings page.")], False),
        ([("C", "It's patient records, so every read is audit logged and restricted.")], True),
        ([("C", "People might try to guess invite codes, so they're long and random.")], True),
        ([("C", "Can anyone see anyone's orders, or only their own?")], True),
        ([("C", "Anyone with the link can open the doc, so links are long and random.")], True),
        ([("C", "Attachments could contain anything, so they're scanned before download.")], True),
        ([("C", "Anyone can see the leaderboard.")], False),
        ([("C", "Nine, spam detection.")], False),
        ([("C", "We prevent attacks with a WAF and DDoS protection.")], False),
        ([("C", "Services: billing service, fraud service, risk engine, mailer.")], False),
    ],
)
def test_security_considered_as_a_threat_to_a_workflow(turns, met):
    assert criterion([*turns, ("I", "Okay.")], "req.nfr_security")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("I don't think latency really matters here, nobody is waiting on a report.", True),
        ("If a counter is a little late it's still fine, since the invoice runs nightly.", True),
        ("We might lose a few seconds of pings on failover, they get resent anyway.", True),
        ("The quota is allowed to be sloppy, because it's fairness, not billing.", True),
        ("Within like a minute is great for the dashboard. Nobody refreshes every second.", True),
        ("I don't need exact consistency across regions, which makes life much easier.", True),
        ("We can lose a few seconds of pings on a crash, nobody will notice.", True),
        ("I'm fine with the like count being slightly off, it's cosmetic.", True),
        ("The feed can be stale for a minute, it's a feed, not a bank.", True),
        ("The free-seat count can be a few seconds behind, people just refresh.", True),
        ("The counts can be a few seconds behind, we just use Cassandra.", False),
        ("View counts can be approximate, exact ones only matter for payouts.", True),
        # relaxing said with no reason, or no requirement relaxed
        ("I don't think latency really matters.", False),
        # a good thing said of a requirement, a loss named as a risk
        ("Postgres is great here because latency stays low.", False),
        ("If the broker dies we could lose minutes of orders, so it replicates.", False),
        ("Users could get a bit more than their quota.", False),
        ("I don't think the colour of the button matters, because it's a backend round.", False),
    ],
)
def test_a_requirement_relaxed_in_everyday_words(text, met):
    assert said(text, "req.nfr_tradeoff")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("Past trips are queried by rider, newest first.", True),
        ("We need all the trips of a given driver for the earnings page.", True),
        ("For each rider we keep a list of their past trips.", True),
        # no object as the key, or only a store placed
        ("Lookups by key should be fast.", False),
        ("Trips go into Postgres, sharded by city.", False),
    ],
)
def test_an_access_pattern_said_without_given_get(text, met):
    assert said(text, "req.access_patterns", "ride-hailing")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("Riders see their past trips. Drivers browse their receipts.", True),
        ("The history page lists every trip of a rider.", True),
        ("GET /riders/{id}/trips returns the list of trips.", False),
    ],
)
def test_an_access_pattern_said_as_what_a_user_sees(text, met):
    assert said(text, "req.access_patterns", "ride-hailing")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("Support looks up a trip by its receipt number.", True),
        ("A rider wants to see the free cars in their area. Drivers see their trips.", True),
        ("Support looks up the logs by date.", False),
    ],
)
def test_an_access_pattern_said_with_a_place_or_a_lookup(text, met):
    assert said(text, "req.access_patterns", "ride-hailing")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # a query said with its store first (spoken/dev, session 21)
        (
            "The history service queries Postgres for trips where rider equals that, newest "
            "first. Drivers see their trips.",
            True,
        ),
        ("It queries the trips table for that rider. Drivers see their trips.", True),
        # a store searched for nothing in particular
        ("We query Postgres for speed. Drivers see their trips.", False),
    ],
)
def test_an_access_pattern_said_as_the_query_on_a_store(text, met):
    assert said(text, "req.access_patterns", "ride-hailing")["met"] is met


def test_a_key_answering_how_a_read_is_done_is_the_interviewers_pattern():
    turns = [
        ("I", "How do you answer 'all trips of rider 7 this month'?"),
        ("C", "Trips are queried by rider and filtered by month."),
        ("I", "Okay."),
    ]
    assert criterion(turns, "req.access_patterns", "ride-hailing")["met"] is False


@pytest.mark.parametrize(
    ("turns", "met"),
    [
        # asked about the speed of a frequent path, weighed as a figure
        (
            [
                ("C", "Every request goes through the auth service first, with Redis for tokens."),
                ("I", "Every request? What does that do to latency?"),
                (
                    "C",
                    "It adds a hop, so a couple of milliseconds, the calls take a hundred anyway.",
                ),
            ],
            True,
        ),
        (
            [
                ("C", "Every request goes through the auth service first, with Redis for tokens."),
                ("I", "Every request? What does that do to latency?"),
                ("C", "It's fine, Redis is fast."),
            ],
            False,
        ),
        # a user held on a screen said as what must not happen
        (
            [
                ("C", "The payment goes through a queue with Redis in front."),
                ("I", "Why not call the processor directly?"),
                (
                    "C",
                    "If the processor is slow I don't want the rider stuck on the receipt screen.",
                ),
            ],
            True,
        ),
        # how often a user meets the path, said loosely
        (
            [("C", "Showing cars near the rider should take under 300 ms, it's on every tap.")],
            True,
        ),
        ([("C", "Showing cars near the rider should take under 300 ms.")], False),
        # speed said not to matter
        (
            [("C", "I don't think latency matters, nobody is waiting on the nightly export.")],
            False,
        ),
    ],
)
def test_performance_weighed_on_a_frequent_path(turns, met):
    assert criterion([*turns, ("I", "Okay.")], "req.nfr_performance", "ride-hailing")["met"] is met


@pytest.mark.parametrize(
    ("text", "check_in"),
    [
        ("I'd keep one queue per region. Would you push back on that?", True),
        ("I'd keep one queue per region. Is that the direction you want?", True),
        ("I'd keep one queue per region, that pushes back on the writers.", False),
    ],
)
def test_a_check_in_asked_as_an_invitation_to_push_back(text, check_in):
    assert said(text, "process.check_ins")["met"] is check_in


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("Once a tweet is out, can the author take it back?", True),
        ("Can you unsend a tweet?", True),
        ("Can a user go back and fix a tweet after posting?", True),
        ("Can a user take back their vote on a poll before reading the feed?", True),
        ("How often do people read the feed?", False),
    ],
)
def test_editing_or_deleting_asked_in_everyday_words(text, met):
    assert said(text, "req.mutability", "twitter")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [("Is a tweet text only?", True), ("Tweets are text only.", False)],
)
def test_media_asked_by_its_absence(text, met):
    assert said(text, "req.media", "twitter")["met"] is met


@pytest.mark.parametrize(
    ("turns", "met"),
    [
        ([("C", "If the store goes down on sale day, shoppers buy elsewhere.")], True),
        (
            [
                ("I", "What if the region goes dark?"),
                ("C", "Then nobody can order, and restaurants lose their dinner rush."),
            ],
            True,
        ),
        (
            [
                ("I", "What if the region goes dark?"),
                ("C", "Nothing is lost, every order is replicated to a second region."),
            ],
            False,
        ),
    ],
)
def test_the_cost_of_downtime_is_business_lost_not_data(turns, met):
    assert criterion([*turns, ("I", "Okay.")], "req.nfr_availability")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        (
            "Matching must find a driver within a couple of seconds, riders are standing there waiting.",
            True,
        ),
        ("Receipts are emailed within a couple of seconds.", False),
    ],
)
def test_performance_as_a_time_bound_on_a_waiting_user(text, met):
    assert said(text, "req.nfr_performance", "ride-hailing")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("We have accounts and tweets. A tweet is written by one account.", True),
        ("We have accounts and tweets. Accounts subscribe to accounts.", True),
        ("We have accounts and tweets.", False),
    ],
)
def test_objects_related_by_everyday_verbs(text, met):
    assert said(text, "req.objects", "twitter")["met"] is met


def test_a_slowdown_is_no_failure_question():
    turns = [
        ("I", "What if traffic slows down at night?"),
        ("C", "We scale the fleet in, which saves money."),
        ("I", "Okay."),
    ]
    assert criterion(turns, "req.nfr_availability")["met"] is False


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("What resolutions do we need to support?", True),
        ("How big is a typical upload?", True),
        ("What's our conflict resolution strategy?", False),
        ("Can users upload videos?", False),
    ],
)
def test_media_asked_by_what_only_media_has(text, met):
    assert said(text, "req.media", "tiktok")["met"] is met


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("Can creators trim a video after posting?", True),
        ("Trimming is there in the studio app, but let me not go into that.", False),
        ("Can people watch a video right after upload?", False),
    ],
)
def test_editing_a_video_asked_not_said_to_exist(text, met):
    assert said(text, "req.mutability", "tiktok")["met"] is met


def test_a_failure_answer_names_who_pays():
    turns = [
        ("I", "What happens if a worker crashes mid-job?"),
        ("C", "Another worker retries the job, so the crash costs a few seconds."),
        ("I", "Okay."),
    ]
    assert criterion(turns, "req.nfr_availability")["met"] is False


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("The map of nearby drivers must load in under a second, riders open it constantly.", True),
        (
            "Every match needs to call the ETA service, and that call can be slow on busy nights.",
            False,
        ),
    ],
)
def test_a_need_said_of_the_speed_not_of_the_mechanism(text, met):
    turns = [("C", "Locations go into Redis, matching reads from there."), ("I", "Okay.")]
    turns += [("C", text), ("I", "Okay.")]
    assert criterion(turns, "req.nfr_performance", "ride-hailing")["met"] is met


@pytest.mark.parametrize(
    ("turns", "met"),
    [
        ([("C", "We accept the upload within a second, because the client retries.")], False),
        ([("C", "One box can't reach a million writes a second, that costs too much.")], False),
        (
            [
                ("I", "What if Redis goes down?"),
                ("C", "It's better to run a replica next to it."),
            ],
            False,
        ),
    ],
)
def test_words_near_a_criterion_in_another_sense(turns, met):
    ids = ("req.nfr_tradeoff", "req.nfr_availability")
    graded = [criterion([*turns, ("I", "Okay.")], i)["met"] for i in ids]
    assert graded == [met, met]
