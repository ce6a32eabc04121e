"""The grader on interviews as they are published: reasons given when the interviewer asks
"why?", caches justified by skew, one access pattern stated, downsides named as such, and
slogans that weigh nothing. Each behaviour is checked both ways (met and not met)."""

from __future__ import annotations

import pytest

from app.core.grading.grader import grade
from app.core.transcript import parse_transcript

OPENING = [
    ("interviewer", "Let's design a link shortener."),
    ("candidate", "Do links expire? Can people pick their own alias? Do we count clicks?"),
    ("interviewer", "No expiry, aliases yes, clicks yes."),
]


def criterion(messages: list[tuple[str, str]], criterion_id: str) -> dict:
    transcript = parse_transcript(
        {"messages": [{"role": r, "content": c} for r, c in [*OPENING, *messages]]}
    )
    return next(c for c in grade(transcript)["criteria"] if c["id"] == criterion_id)


def test_a_cache_justified_in_answer_to_why_is_met_and_quoted_with_the_answer():
    c = criterion(
        [
            ("candidate", "Redirects read a key-value store. I'd put an LRU cache in front of it."),
            ("interviewer", "Why not just hit the store every time?"),
            ("candidate", "A mapping never changes after it's created, so a copy can't go stale."),
        ],
        "design.cache_justified",
    )
    assert c["met"] is True
    quotes = [e["quote"] for e in c["evidence"]]
    assert "I'd put an LRU cache in front of it." in quotes
    assert any(q.startswith("A mapping never changes") for q in quotes)


def test_a_cache_whose_follow_up_is_no_why_question_stays_unjustified():
    c = criterion(
        [
            ("candidate", "Redirects read a key-value store. I'd put an LRU cache in front of it."),
            ("interviewer", "Okay. What about the click counts?"),
            ("candidate", "Counts never change once a day is closed, they go to a table."),
        ],
        "design.cache_justified",
    )
    assert c["met"] is False


@pytest.mark.parametrize(
    ("reason", "met"),
    [
        ("Most clicks go to a small set of freshly shared links, so a cache catches them.", True),
        ("The traffic is skewed, a handful of links get nearly every click.", True),
        ("A cache makes it fast.", False),
    ],
)
def test_skew_is_a_reason_to_cache(reason, met):
    c = criterion(
        [("candidate", f"I'd add a cache in front of the link store. {reason}")],
        "design.cache_justified",
    )
    assert c["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("Given a user, get all the links they created, newest first.", True),
        ("Users create links and look at their links.", False),
    ],
)
def test_one_stated_access_pattern_is_enough(said, met):
    assert criterion([("candidate", said)], "req.access_patterns")["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("One weakness is that the code counter is a single box; I'd hand out ranges.", True),
        ("The clients lose the connection and reconnect to another server.", False),
    ],
)
def test_a_downside_named_as_one_needs_no_component_beside_it(said, met):
    messages = [
        ("candidate", "Links go in a key-value store keyed by code, because lookups are by code."),
        ("candidate", said),
    ]
    assert criterion(messages, "design.drawback")["met"] is met


@pytest.mark.parametrize(
    ("after", "met"),
    [
        # the next sentence is about lag, not downtime: nothing weighed
        ("It's fine if a click count shows up a few seconds late, nobody notices.", False),
        ("If we're down, every printed link breaks and campaigns stop working.", True),
    ],
)
def test_an_availability_slogan_is_weighed_only_by_the_cost_of_downtime(after, met):
    said = (
        f"The redirect should be highly available, I'd pick availability over consistency. {after}"
    )
    assert criterion([("candidate", said)], "req.nfr_availability")["met"] is met


@pytest.mark.parametrize(
    ("follow_up", "met"),
    [("Why a key-value store and not Postgres?", True), ("How big is each record?", False)],
)
def test_a_database_choice_reasoned_in_answer_to_why(follow_up, met):
    c = criterion(
        [
            ("candidate", "I'll keep the links in a key-value store."),
            ("interviewer", follow_up),
            ("candidate", "There's nothing to join, and it has to scale out as links grow."),
        ],
        "design.database_choice",
    )
    assert c["met"] is met
    if met:
        assert c["evidence"][-1]["quote"].startswith("There's nothing to join")


@pytest.mark.parametrize(
    ("said", "met"),
    [
        (
            "The read to write ratio is about 100 to 1, people click far more than they create.",
            True,
        ),
        ("read:write is 100:1, since a link is made once and clicked for years", True),
        ("Reads are maybe 100x writes, every link gets shared and clicked many times.", True),
        ("We would see roughly one write per 100 redirects, because each link is shared.", True),
        # a bare ratio is the call without its why
        ("Read to write ratio, I'd say 100 to 1, maybe 1000 to 1.", False),
        ("Reads are maybe 100x writes, so about 4000 redirects a second.", False),
        ("Each write is 1 KB and reads are 5 KB.", False),
        ("Users check their stats 3 times a day.", False),
    ],
)
def test_a_read_write_ratio_in_figures_calls_the_side_with_its_why(said, met):
    assert criterion([("candidate", said)], "data.read_write")["met"] is met


FEED = [
    ("interviewer", "Design a news feed."),
    ("candidate", "Can posts be edited? Can they have photos? How many users?"),
    ("interviewer", "Yes, yes, 100M."),
    ("candidate", "It's read heavy, people scroll the feed 50 times for every post they write."),
    ("candidate", "Posts go in a database."),
]


@pytest.mark.parametrize(
    ("said", "met"),
    [
        (
            "We use fan-out on write: when you post, we push the post id into every follower's "
            "feed list.",
            True,
        ),
        (
            "When someone posts, a worker writes it into each follower's inbox, so the home page is "
            "served straight from the inbox.",
            True,
        ),
        (
            "We generate the feed ahead of time in a worker, so opening the app doesn't have to "
            "query everyone you follow.",
            True,
        ),
        (
            "We could build the feed when the user opens the app by querying everyone they follow.",
            False,
        ),
        ("We precompute nightly billing reports.", False),
    ],
)
def test_a_generic_hot_path_is_the_read_side_said_in_words(said, met):
    transcript = parse_transcript(
        {"messages": [{"role": r, "content": c} for r, c in [*FEED, ("candidate", said)]]}
    )
    c = next(c for c in grade(transcript)["criteria"] if c["id"] == "design.hot_path")
    assert (c["met"], c.get("applicable", True)) == (met, True)


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("Click counts are eventually consistent, so that's fine.", False),
        ("Click counts are eventually consistent, since nobody acts on an exact count.", True),
    ],
)
def test_so_thats_fine_is_no_reason_to_relax(said, met):
    assert criterion([("candidate", said)], "req.nfr_tradeoff")["met"] is met


@pytest.mark.parametrize(
    ("answer", "met"),
    [
        # the interviewer brought the brand up: answering about it names nothing of one's own
        ("Postgres would work for the size, but a key-value store fits the lookups.", True),
        ("I'd rather use DynamoDB here.", False),
    ],
)
def test_a_brand_the_interviewer_named_is_not_the_candidates(answer, met):
    c = criterion(
        [
            (
                "candidate",
                "Links live in a key-value store keyed by code, because we look up by code.",
            ),
            ("interviewer", "Why not just Postgres?"),
            ("candidate", answer),
        ],
        "design.generic_names",
    )
    assert c["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        # how HTTP behaves is no cache the candidate adds
        ("A 301 is permanent, so the browser caches it and never asks us again.", True),
        ("We put Redis in front of the store.", False),
    ],
)
def test_a_browser_caching_a_redirect_is_no_unjustified_cache(said, met):
    c = criterion(
        [("candidate", f"Links live in a key-value store. {said}")], "design.cache_justified"
    )
    assert c["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        # "available" of a seat, "failover" of data: no downtime weighed
        (
            "If one of the seats is not available, we roll back and return 409, since two buyers "
            "cannot both win.",
            False,
        ),
        (
            "If the redirect service goes down, every printed link breaks, so it has to stay up.",
            True,
        ),
    ],
)
def test_available_in_another_sense_weighs_no_downtime(said, met):
    assert criterion([("candidate", said)], "req.nfr_availability")["met"] is met


def test_i_have_a_picture_is_no_media():
    messages = [
        ("candidate", "Okay, I think I have the full picture now. Links are records."),
        ("candidate", "Links live in a key-value store keyed by code, because we look up by code."),
    ]
    blob = criterion(messages, "design.blob_store")
    assert (blob["met"], blob.get("applicable", True)) == (True, False)
    media = criterion(
        [
            ("candidate", "Can a link carry a picture, like a preview image?"),
            ("interviewer", "Yes, a link may have one preview image."),
            *messages,
        ],
        "design.blob_store",
    )
    assert media.get("applicable", True) is True


def test_an_aside_then_a_verb_is_no_question():
    messages = [
        (
            "candidate",
            "The ranking, which we left out, would probably change a lot of this, because you "
            "can't just append ids.",
        )
    ]
    assert criterion(messages, "req.mutability")["met"] is False
    asked = criterion(
        [("candidate", "I have not used it much, can links be changed after they're made")],
        "req.mutability",
    )
    assert asked["met"] is True


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("It's all small text records: a link row, an owner row and daily click totals.", True),
        (
            "For each link there is one row with the code, so a million links give a million rows.",
            False,
        ),
    ],
)
def test_with_no_media_classifying_says_what_kind_the_data_is(said, met):
    assert criterion([("candidate", said)], "data.types")["met"] is met


def test_a_worker_crash_weighs_no_downtime():
    said = (
        "Workers take clicks from the queue with an idempotency key, so if a worker crashes and "
        "a message is processed twice, nothing is counted twice. It can take minutes, nobody "
        "minds."
    )
    assert criterion([("candidate", said)], "req.nfr_availability")["met"] is False


@pytest.mark.parametrize(
    ("said", "met"),
    [
        # intensifiers do not hide a reason
        (
            "I'd put a CDN in front of the previews, because they change very rarely and are read "
            "really often.",
            True,
        ),
        # what relaxing a requirement makes possible is no cache placed
        ("Relaxing consistency lets us serve reads from replicas and caches.", True),
        ("I'd add a cache in front of the link store.", False),
    ],
)
def test_cache_reasons_read_through_intensifiers_and_enabled_caches(said, met):
    assert criterion([("candidate", said)], "design.cache_justified")["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        # Redis as a store of its own is no cache
        ("Holds go to Redis, because keys expire by themselves after ten minutes.", True),
        ("We put Redis in front of the seat map.", False),
    ],
)
def test_redis_as_a_store_is_no_cache(said, met):
    assert criterion([("candidate", said)], "design.cache_justified")["met"] is met


def test_choosing_a_relational_database_classifies_no_data():
    said = "With a relational database I have transactions and row locks, so holds are safe."
    assert criterion([("candidate", said)], "data.types")["met"] is False


def test_a_brand_justified_once_needs_no_reason_when_named_again():
    messages = [
        ("candidate", "Holds go to Redis, because its keys expire by themselves."),
        ("candidate", "So the truth is in two places, Redis for holds and the database for sales."),
    ]
    assert criterion(messages, "design.generic_names")["met"] is True
    assert criterion(messages[1:], "design.generic_names")["met"] is False


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("API servers sit behind a load balancer and autoscale with CPU.", True),
        ("We'll have a load balancer.", False),
    ],
)
def test_autoscaling_behind_a_load_balancer_says_what_it_buys(said, met):
    assert criterion([("candidate", said)], "design.load_balancing")["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        # what every store is sold on is a slogan unless tied to this system
        ("I'd use Cassandra because it scales horizontally.", False),
        ("Cassandra because we take 300k link writes a second and it scales out.", True),
        (
            "A relational database, because the data is relational: owners have links, links "
            "have daily click rows.",
            True,
        ),
    ],
)
def test_a_scaling_slogan_is_no_database_reason(said, met):
    assert criterion([("candidate", said)], "design.database_choice")["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        (
            "Links table: code primary key, owner_id, url, created_at. Index on owner_id for fast "
            "queries.",
            False,
        ),
        ("We shard by code so the load is spread evenly.", False),
        (
            "Links table: code, owner_id, url, created_at; index on (owner_id, created_at) so we "
            "can list an owner's links newest first.",
            True,
        ),
        (
            'links(code, owner_id, url, created_at): partition key owner_id, for "links of an '
            'owner"',
            True,
        ),
    ],
)
def test_a_key_is_tied_to_a_named_read_not_to_speed(said, met):
    assert criterion([("candidate", said)], "design.schema")["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("Because of CAP you can't have both, and availability is what everyone picks.", False),
        (
            "We need high availability, because every minute the redirects are unreachable loses "
            "our customers' campaign traffic.",
            True,
        ),
    ],
)
def test_availability_is_weighed_by_what_downtime_costs_not_by_slogans(said, met):
    assert criterion([("candidate", said)], "req.nfr_availability")["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("I don't see any big gaps.", False),
        ("Writes are not a concern for us, the store takes millions a second.", False),
        ("The biggest gap is abuse: nothing stops a spammer from shortening malware links.", True),
    ],
)
def test_a_dismissed_worry_assesses_nothing(said, met):
    messages = [
        ("candidate", "Links live in a key-value store keyed by code."),
        ("candidate", said),
    ]
    assert criterion(messages, "design.assess")["met"] is met


def test_eventually_as_in_the_end_relaxes_nothing():
    said = "Petabytes eventually, so we need things that scale, because the data keeps growing."
    assert criterion([("candidate", said)], "req.nfr_tradeoff")["met"] is False


def test_a_standard_ratio_is_no_why():
    said = "So it's read heavy, I'd say 100 to 1, that's the standard ratio for social."
    assert criterion([("candidate", said)], "data.read_write")["met"] is False


@pytest.mark.parametrize(
    ("said", "met"),
    [
        # speed said to justify a design choice states no requirement
        (
            "Because at 50k redirects a second, looking each code up on disk every time would be "
            "way too slow.",
            False,
        ),
        ("The redirect must be fast, under 50 ms, because every click waits on it.", True),
    ],
)
def test_performance_said_in_the_design_must_be_a_requirement(said, met):
    messages = [("candidate", "Links go in a key-value store keyed by code."), ("candidate", said)]
    assert criterion(messages, "req.nfr_performance")["met"] is met


def test_precomputing_everything_optimises_no_hot_path():
    messages = [
        ("candidate", "It's read heavy, links are clicked a hundred times for every one created."),
        ("candidate", "Links go in a key-value store."),
        ("candidate", "We precompute everything we can, stats and counts, in jobs every hour."),
    ]
    assert criterion(messages, "design.hot_path")["met"] is False


def test_a_paraphraser_describing_components_without_brands_names_them_generically():
    messages = [
        (
            "candidate",
            "Calls arrive at a front door that hands each one to any of a bunch of "
            "identical servers, which remember nothing between calls, so we add more when busy.",
        ),
    ]
    assert criterion(messages, "design.generic_names")["met"] is True
    assert criterion(messages, "design.load_balancing")["met"] is True
    branded = [("candidate", "Calls go through nginx to the servers.")]
    assert criterion(branded, "design.generic_names")["met"] is False


@pytest.mark.parametrize(
    ("said", "met"),
    [
        (
            "The moments a person is staring at the screen are opening a folder and a shared link. "
            "Those should come up right away, well under a second.",
            True,
        ),
        ("Everything should come up right away.", False),
    ],
)
def test_performance_tied_in_the_sentence_before(said, met):
    assert criterion([("candidate", said)], "req.nfr_performance")["met"] is met


def test_a_bare_availability_figure_is_not_weighed_by_the_consistency_sentence_after_it():
    said = "Availability, 99.99 percent. And consistency must be strong, because it is money."
    assert criterion([("candidate", said)], "req.nfr_availability")["met"] is False


def test_retrying_later_relaxes_no_requirement():
    said = "Then we try again later, maybe every five minutes, because their server may be back."
    assert criterion([("candidate", said)], "req.nfr_tradeoff")["met"] is False


@pytest.mark.parametrize(
    ("said", "met"),
    [("I don't think there is a big downside.", False), ("The downside is the counter.", True)],
)
def test_i_dont_think_there_is_a_downside_names_none(said, met):
    messages = [("candidate", "Links go in a key-value store keyed by code."), ("candidate", said)]
    assert criterion(messages, "design.drawback")["met"] is met


def test_an_api_body_with_ids_is_no_table():
    messages = [
        ("candidate", "POST /links, the body has url and owner_id, and it returns link_id."),
        ("candidate", "It is just reading one row by the primary key."),
    ]
    assert criterion(messages, "design.schema")["met"] is False


def test_a_list_finished_ahead_of_the_read_is_a_hot_path():
    messages = [
        ("candidate", "It's read heavy: 50k reads a second against a few hundred writes."),
        ("candidate", "Counts go in a store."),
        (
            "candidate",
            "A job already did the counting and sorting for the last minute and wrote "
            "the finished list per country, so the read is one key lookup.",
        ),
    ]
    assert criterion(messages, "design.hot_path")["met"] is True


@pytest.mark.parametrize(
    ("said", "met"),
    [
        (
            "CAP: we pick AP over CP, because a count that's a few seconds stale is better than an "
            "error page.",
            True,
        ),
        ("Strong consistency isn't needed for the counts, users won't notice a few seconds.", True),
        ("We choose availability over consistency.", False),
        ("A bigger cache isn't needed.", False),
    ],
)
def test_published_ways_of_relaxing_a_requirement(said, met):
    assert criterion([("candidate", said)], "req.nfr_tradeoff")["met"] is met


def test_users_leaving_for_another_app_is_a_cost_of_downtime():
    said = "If redirects are down for an hour, people just go to another app, so we must stay up."
    assert criterion([("candidate", said)], "req.nfr_availability")["met"] is True


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("We need a POST to /links to shorten and a GET on /links/:code to resolve.", True),
        ("We post to /dev/null and get on with it.", False),
    ],
)
def test_endpoints_said_in_words(said, met):
    assert criterion([("candidate", said)], "data.api")["met"] is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        (
            "Counters live in a store sharded by API key, because every check is a single-key "
            "increment.",
            True,
        ),
        ("If the queue is partitioned by code, everything lands on one partition.", False),
    ],
)
def test_a_key_named_in_words_tied_to_the_operation_it_serves(said, met):
    assert criterion([("candidate", said)], "design.schema")["met"] is met


@pytest.mark.parametrize(
    ("criterion_id", "said"),
    [
        # one rate is no why for a read/write call
        ("data.read_write", "So roughly 100k QPS, very read heavy."),
        # a load-balancing algorithm is not what a load balancer buys
        ("design.load_balancing", "load balancer (round robin / least connections)"),
        # security recited among other buzzwords is not considered
        (
            "req.nfr_security",
            "All of it highly available, low latency, scalable and secure, "
            "with end-to-end encryption everywhere.",
        ),
    ],
)
def test_stuffers_buzzwords_meet_nothing(criterion_id, said):
    assert criterion([("candidate", said)], criterion_id)["met"] is False


@pytest.mark.parametrize(
    ("criterion_id", "said"),
    [
        ("req.nfr_availability", "Downtime is bad, 99.99% is standard."),
        (
            "design.cache_justified",
            "Links in a store, with a cache in front, and a CDN for the "
            "static assets and for low latency.",
        ),
    ],
)
def test_slogans_about_downtime_and_static_assets_weigh_nothing(criterion_id, said):
    assert criterion([("candidate", said)], criterion_id)["met"] is False


@pytest.mark.parametrize(
    ("criterion_id", "said", "met"),
    [
        # a text cursor pages nothing
        ("data.paging", "Others watch the cursor and the text of the link live.", False),
        ("data.paging", "The list of an owner's links is paged with a cursor param.", True),
        # a key on the object's own id is a bare id
        (
            "design.schema",
            "Links table: code, owner_id, url. Reading one row by the primary key is fast enough.",
            False,
        ),
        # a brand given as an example of a generic component
        (
            "design.generic_names",
            "Previews go to an object store, like S3 or whatever the cloud has.",
            True,
        ),
    ],
)
def test_cursor_senses_bare_ids_and_brands_as_examples(criterion_id, said, met):
    assert criterion([("candidate", said)], criterion_id)["met"] is met


@pytest.mark.parametrize(
    ("criterion_id", "said", "met"),
    [
        ("req.nfr_performance", "We should monitor redirect failures and latency.", False),
        (
            "req.nfr_availability",
            "Search can lag because if the room availability shown is a "
            "few seconds stale, no harm done, the booking re-checks.",
            False,
        ),
        ("design.assess", "For search I would add a search index next to the link store.", False),
        (
            "design.assess",
            "What I'm not happy with yet is the click queue: if it loses notes we under-count.",
            True,
        ),
        ("design.drawback", "It's very reliable and there's no single point of failure.", False),
        ("design.database_choice", "CAP theorem, Cassandra is AP, so we're AP.", False),
        (
            "design.database_choice",
            "Cassandra, it's flexible because it's NoSQL, no fixed schema.",
            False,
        ),
        ("req.objects", "POST /links, to create a link.", False),
    ],
)
def test_weak_candidates_monitoring_room_availability_and_slogans(criterion_id, said, met):
    messages = [("candidate", "Links go in a key-value store keyed by code."), ("candidate", said)]
    assert criterion(messages, criterion_id)["met"] is met


@pytest.mark.parametrize(
    ("criterion_id", "said"),
    [
        # a non-native paraphraser, no textbook words
        (
            "req.nfr_availability",
            "It's not a bank. If nobody can see links for one hour, people "
            "are angry, but nobody loses money.",
        ),
        (
            "data.read_write",
            "So people look much, much more than they put, more than 100 looks for every put.",
        ),
        (
            "design.cache_justified",
            "Famous people's links are read by everybody, so their newest "
            "links we keep in memory anyway.",
        ),
        (
            "design.blob_store",
            "For the preview files, a storage system made only for big files; "
            "in our database we keep only the key of the file.",
        ),
    ],
)
def test_paraphrases_without_textbook_words(criterion_id, said):
    messages = [
        ("interviewer", "Yes, each link can have a preview image file."),
        ("candidate", "Links go in a key-value store keyed by code."),
        ("candidate", said),
    ]
    assert criterion(messages, criterion_id)["met"] is True


@pytest.mark.parametrize(
    ("reason", "met"),
    [
        (
            "The main reason is that a click must be counted once, which a transaction gives us.",
            True,
        ),
        ("My reasoning: a click and its link's counter change all or nothing.", True),
        ("The main reason is that everybody knows it.", False),
    ],
)
def test_a_reason_introduced_as_the_reason_ties_a_database_choice(reason, met):
    messages = [("candidate", f"Links and clicks go in a relational database. {reason}")]
    assert criterion(messages, "design.database_choice")["met"] is met


def test_what_a_candidate_calls_blobs_is_what_their_blob_store_must_hold():
    called = ("candidate", "Crash dumps are big binary files, tens of megabytes each.")
    placed = ("candidate", "Dumps go to an object store, one object per crash, keyed by its id.")
    assert criterion([called, placed], "design.blob_store")["met"] is True
    kept = ("candidate", "Dumps go in a table next to the link rows.")
    assert criterion([called, kept], "design.blob_store")["met"] is False


def test_media_the_interviewer_puts_out_of_scope_needs_no_blob_store():
    aside = ("interviewer", "The pages' pictures and videos belong to another team, not us.")
    stored = ("candidate", "Links go in a key-value store keyed by code.")
    assert criterion([aside, stored], "design.blob_store").get("applicable", True) is False
    inside = ("interviewer", "Each link page has pictures and videos that we host.")
    assert criterion([inside, stored], "design.blob_store").get("applicable", True) is True


def test_a_streaming_product_named_structured_classifies_no_data():
    said = (
        "candidate",
        "Spark Structured Streaming would count clicks, it is an industry standard.",
    )
    assert criterion([said], "data.types")["met"] is False
    kinds = ("candidate", "Links and clicks are small structured records, no media at all.")
    assert criterion([said, kinds], "data.types")["met"] is True


@pytest.mark.parametrize(
    ("criterion_id", "said"),
    [
        (
            "design.load_balancing",
            "A box in front splits traffic across the app machines, which keep nothing of their "
            "own between requests, so any of them can take any request.",
        ),
        (
            "design.database_choice",
            "Links sit in a plain rows-and-columns store, because a click and its counter must "
            "change all or nothing.",
        ),
        (
            "data.read_write",
            "Mostly looking: people open a link many times for each time they send one.",
        ),
        (
            "data.read_write",
            "The crowds refreshing their dashboards dwarf the new links coming in, since a link "
            "is made once and then opened all day.",
        ),
    ],
)
def test_more_paraphrases_without_textbook_words(criterion_id, said):
    messages = [("candidate", "Links go in a key-value store keyed by code."), ("candidate", said)]
    assert criterion(messages, criterion_id)["met"] is True


@pytest.mark.parametrize(
    ("criterion_id", "said"),
    [
        ("design.drawback", "With enough replicas there isn't really a downside to the cache."),
        ("design.drawback", "Sagas for the payouts, because two-phase commit doesn't scale."),
        ("design.assess", "Sagas for the payouts, because two-phase commit doesn't scale."),
        ("data.read_write", "We retry many times for each failed write to the click table."),
    ],
)
def test_a_downside_denied_or_pinned_on_the_option_not_taken_is_none(criterion_id, said):
    messages = [("candidate", "Links go in a key-value store keyed by code."), ("candidate", said)]
    assert criterion(messages, criterion_id)["met"] is False


def test_a_database_chosen_for_the_read_it_serves_is_reasoned():
    said = (
        "candidate",
        "Clicks are appended in a wide-column store keyed by link and day, because the main "
        "read is one link's clicks for a date range.",
    )
    assert criterion([said], "design.database_choice")["met"] is True


@pytest.mark.parametrize(
    ("criterion_id", "said", "met"),
    [
        # a kind named after a brand, or a brand with "anything like it", is a generic name
        ("design.generic_names", "Media goes to an S3-style object store.", True),
        ("design.generic_names", "Clicks go to a durable log, Kafka or anything like it.", True),
        ("design.generic_names", "Clicks go to Kafka.", False),
        # a time-series store chosen for how the data is written and read
        (
            "design.database_choice",
            "I'd use a time-series store, because clicks are append-only and read by time range.",
            True,
        ),
        # the slogan against the option not taken, mid-sentence
        (
            "design.drawback",
            "Mongo, because it scales horizontally, SQL doesn't really scale.",
            False,
        ),
    ],
)
def test_brands_as_kinds_time_series_stores_and_mid_sentence_slogans(criterion_id, said, met):
    messages = [("candidate", "Links go in a key-value store keyed by code."), ("candidate", said)]
    assert criterion(messages, criterion_id)["met"] is met


@pytest.mark.parametrize(
    ("prompt", "met"),
    [
        ("We have a few minutes left. Anything you'd want to revisit?", True),
        ("If you had to name the biggest risk in your design?", True),
        # no ask to assess: the same answer is a statement about the store
        ("Okay. Where do the codes come from?", False),
    ],
)
def test_an_answer_to_revisit_or_the_biggest_risk_assesses_the_design(prompt, met):
    # spoken/dev24 (session 20)
    messages = [
        ("candidate", "Links live in a key-value store keyed by code, with a cache in front."),
        ("interviewer", prompt),
        ("candidate", "Probably the single key-value cluster, its memory once we pass ten billion codes."),
    ]
    assert criterion(messages, "design.assess")["met"] is met
