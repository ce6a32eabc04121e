"""The grader's reading carried to interviews it was never tuned on: what a problem outside the
library holds (its things, not the words around them), ownership said with a possessive, a
person paged (an alert, not a list in pages). Each behaviour is checked both ways, on sentences
made up for the test."""

from __future__ import annotations

import pytest

from app.core.grading.generic import generic_context, infer_objects
from app.core.grading.grader import grade
from app.core.transcript import parse_transcript
from tests.test_real_design_reading import criterion


def transcript(*texts: str):
    """A conversation: the interviewer's opening, then the candidate's messages, each answered
    with "Okay."."""
    messages = [{"role": "interviewer", "content": "Let's design it. Where do you start?"}]
    for text in texts:
        messages += [
            {"role": "candidate", "content": text},
            {"role": "interviewer", "content": "Okay."},
        ]
    return parse_transcript({"messages": messages})


def objects(problem: str, *texts: str) -> list[str]:
    t = transcript(*texts)
    return [o.name for o in infer_objects(generic_context(t, problem), problem)]


def met(criterion_id: str, *texts: str, problem: str | None = None) -> bool:
    graded = grade(transcript(*texts), problem=problem)
    return next(c["met"] for c in graded["criteria"] if c["id"] == criterion_id)


# --- the things of a problem outside the library ------------------------------------------


def test_words_after_an_article_that_are_no_thing_are_not_objects():
    found = objects(
        "Design a photo sharing app",
        "A user uploads a photo, one for each post. New ones come in all the time.",
        "a bunch of users, each post has a photo, and a user has a little profile",
        "A post has comments and a user writes comments. Maybe a set of tags.",
    )
    assert {"user", "post", "photo"} <= set(found)
    assert not {"one", "for", "come", "bunch", "little", "set", "maybe"} & set(found)


def test_a_component_named_often_is_machinery_not_a_thing():
    found = objects(
        "Design a news feed",
        "Each user follows other users and a user writes many posts.",
        "A Kafka topic takes the posts, a Kafka consumer fans out, a Kafka cluster of ten.",
    )
    assert "kafka" not in found
    assert {"user", "post"} <= set(found)


def test_the_problems_examples_are_no_things_its_nouns_are():
    found = objects(
        "Design an email service (like Gmail)",
        "A user has an inbox, an inbox holds many emails, and Gmail does threads.",
    )
    assert "gmail" not in found
    assert {"email", "inbox"} <= set(found)
    kv = objects(
        "Design a distributed key-value store",
        "A key maps to a value, and a client reads a key from a node.",
    )
    assert {"key", "value"} <= set(kv)


@pytest.mark.parametrize(
    ("text", "is_object"),
    [
        # related to another thing in a statement: the system's own thing
        ("Each question has many answers, and a user can vote on an answer.", True),
        ("A question belongs to a user and holds many answers.", True),
        # the interview's own word: no thing of the system
        ("Can I ask a question? Maybe a user writes answers. A user has answers.", False),
        ("Good question. A user has answers, many answers per user.", False),
    ],
)
def test_an_interview_word_is_a_thing_when_related(text, is_object):
    found = objects("Design a Q&A site", text, "A user posts an answer. An answer has votes.")
    assert ("question" in found) is is_object


# --- ownership said with a possessive -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "related"),
    [
        (
            "Publishers write stuff and we need to fetch their articles and show them to readers.",
            True,
        ),
        ("Readers open a publisher's articles from the home page.", True),
        ("The articles of a publisher sit on one shard, readers scroll.", True),
        # a list of nouns relates nothing
        ("Publishers, articles, readers.", False),
    ],
)
def test_ownership_said_with_a_possessive_relates_two_objects(text, related):
    problem = "Design a news aggregator"
    names = (
        "A publisher is a site. An article is a story. A reader is a person who reads.",
        "Any publisher is big. Any article is short. Any reader is busy.",
    )
    assert met("req.objects", *names, text, problem=problem) is related


# --- a person paged is an alert ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "paged"),
    [
        ("The dashboard lists the alerts, paged with a cursor, fifty at a time.", True),
        ("The alert list is paginated, twenty per page.", True),
        # an engineer paged: the alert reaching a person
        ("If the alert list is down, nobody gets paged and we have a silent outage.", False),
        ("A rule fires and pages the on-call with the list of alerts.", False),
        ("When an alert fires we page someone, the alerts list shows it.", False),
    ],
)
def test_a_person_paged_is_an_alert_not_a_list_in_pages(text, paged):
    texts = (
        "Each alert belongs to a rule and a rule has many alerts.",
        "GET /rules/{id}/alerts returns the alerts of a rule, GET /alerts returns all alerts.",
        text,
    )
    assert met("data.paging", *texts, problem="Design an alerting system") is paged


# --- a key on the thing a stated read is made for ----------------------------------------------


READ_BY_CHANNEL = (
    "So a user opens a channel and we get all the messages of a channel, newest first."
)


@pytest.mark.parametrize(
    ("texts", "keyed"),
    [
        # the read stated in one turn, the key on its thing in another
        ((READ_BY_CHANNEL, "Messages go in Cassandra. Partition by channel id."), True),
        ((READ_BY_CHANNEL, "we'd shard it, um, by channel ID i think"), True),
        (
            (
                "A user has many orders, an order has items. For every user, the app loads his orders.",
                "Orders table. Sharded on user_id.",
            ),
            True,
        ),
        # a key on something no stated read is for
        ((READ_BY_CHANNEL, "Messages go in Cassandra. Partition by region."), False),
        # a key with no read stated anywhere: a name-drop
        (("Messages go in Cassandra, sharded by user id, with replicas.",), False),
        # a queue's partitions are no table key
        ((READ_BY_CHANNEL, "Kafka topic partitioned by channel id."), False),
    ],
)
def test_a_key_on_the_thing_a_stated_read_is_for_serves_that_read(texts, keyed):
    assert met("design.schema", *texts, problem="Design a chat app") is keyed


# --- a component named while scoping is no proposal ----------------------------------------------


ASKS = ("Do we want TTLs on keys?", "How big are the values?", "What happens when memory is full?")


@pytest.mark.parametrize(
    ("opening", "problem", "first"),
    [
        # the system to build, named by the problem
        ('So, "distributed cache" means a lot of things.', "Design a distributed cache", True),
        ("ok a cache cluster, shared by all teams.", "Design a distributed cache", True),
        # what the problem may mean, products told apart
        (
            "It can mean Memcached, it can mean Redis Cluster, so let me pin it down.",
            "Design a caching service",
            True,
        ),
        ("Kafka and SQS are pretty different animals.", "Design a message queue", True),
        # a plan to ask first, said with a component
        ("Before I draw any database, let me ask.", "Design a caching service", True),
        # parts pictured while checking the scope, one put off, the reason a question is asked
        (
            "Let me make sure I get the scope first. So I picture a bucket holding objects, each a "
            "key and its bytes. Is that the core?",
            "Design an object store",
            True,
        ),
        (
            "Big values will need an object store beside the cache. I'll come back to that.",
            "Design a caching service",
            True,
        ),
        (
            "How big can one value get? Because a small session and a whole database dump need "
            "their own handling.",
            "Design a caching service",
            True,
        ),
        # a component put forward first
        ("I'd put Redis in front of Postgres.", "Design a caching service", False),
        ("We'll use Kafka, Redis and a CDN.", "Design a message queue", False),
    ],
)
def test_a_component_named_while_scoping_is_no_proposal(opening, problem, first):
    assert met("req.clarify_first", opening, *ASKS, problem=problem) is first
    assert met("process.order", opening, *ASKS, problem=problem) is first


def test_what_an_answer_makes_easier_is_no_proposal():
    texts = (
        "Can a post be edited?",
        "Okay, no edits, that makes caching a lot easier.",
        "Is the feed ranked?",
        "How many users?",
    )
    assert met("req.clarify_first", *texts, problem="Design a photo feed")
    placed = ("Can a post be edited?", "We cache the posts in Redis.", "Is it ranked?", "Users?")
    assert not met("req.clarify_first", *placed, problem="Design a photo feed")


# --- operations said in words -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "api"),
    [
        ("The basic operations would be get, put, and delete on a key.", True),
        ("so the api is basically publish and poll, by topic name", True),
        ("A POST to create the paste, then a GET to read it back.", True),
        ("Operations: enqueue or dequeue on one queue.", True),
        # words of the same sort, no operation stated
        ("We'll get and put things wherever.", False),
        ("I post a photo to create a story.", False),
        ("The operations team would be on call for it.", False),
        ("REST API, gRPC, GraphQL, Swagger.", False),
    ],
)
def test_operations_said_in_words_are_an_api(text, api):
    assert met("data.api", text, problem="Design a key-value store") is api


# --- a blob taken up by a pronoun -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        (
            "Photos are the big thing, two megs each, so lots of terabytes. That goes in blob storage.",
            True,
        ),
        ("the photos are big, like 5mb. so they go to S3, behind a cdn", True),
        ("And the photo, if there's a photo, it goes to S3.", True),
        # (session 22, spoken dev26) said to be a blob store, non-native
        ("Storage for photos. Plus we keep old versions. So it is okay, it is blob storage, like S3.", True),
        # the pronoun taking up something else, or a blob named with no place
        ("Photos are big. Likes are tiny rows. The counters too. That goes in S3.", False),
        ("Photos are big, a few megs. We also have S3, Redis, Kafka.", False),
        ("S3, Redis, Kafka, photos, CDN.", False),
    ],
)
def test_a_blob_taken_up_by_a_pronoun_is_placed(text, placed):
    opening = "A user uploads a photo, each post has a photo."
    assert met("design.blob_store", opening, text, problem="Design a photo sharing app") is placed


# --- security weighed as who may do what, and as trust of input ----------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "weighed"),
    [
        (
            "Should one user be able to read another user's drafts?",
            "No, so every query filters by the owner's id.",
            True,
        ),
        (
            "Who can write to what?",
            "Topics have ACLs, a service has to be granted produce on a topic.",
            True,
        ),
        (
            "And teams who shouldn't see each other's data?",
            "we'd filter based on who you are, per team",
            True,
        ),
        # the same words about load, not access
        (
            "One team runs a batch job and hammers the store. Then what?",
            "We filter the batch traffic to its own replicas, with a cap per tenant.",
            False,
        ),
        ("What about the read path?", "We filter by date and cap it at a hundred rows.", False),
    ],
)
def test_a_guard_answering_who_may_reach_whose_data_weighs_security(question, answer, weighed):
    texts = [("C", "A user writes drafts, each draft belongs to a user."), ("I", question)]
    messages = [{"role": "interviewer", "content": "Let's design it."}]
    for role, text in [*texts, ("C", answer), ("I", "Okay.")]:
        messages.append({"role": "interviewer" if role == "I" else "candidate", "content": text})
    graded = grade(parse_transcript({"messages": messages}), problem="Design a drafts service")
    assert next(c["met"] for c in graded["criteria"] if c["id"] == "req.nfr_security") is weighed


@pytest.mark.parametrize(
    ("text", "weighed"),
    [
        ("The game server, not the client, reports the result of a match.", True),
        ("we can't trust the app to send its own score, so the server computes it", True),
        ("If players submit their own points, we're done for.", True),
        # a flow stated, nothing weighed
        ("Drivers report their own location every five seconds.", False),
        ("The client sends the score to the server.", False),
    ],
)
def test_trust_of_input_weighed_is_security(text, weighed):
    opening = "A player plays many matches, each match has a score."
    assert met("req.nfr_security", opening, text, problem="Design a game leaderboard") is weighed


# --- one side outnumbering the other, said in words -----------------------------------------------


@pytest.mark.parametrize(
    ("texts", "called"),
    [
        (("People search like fifty times before they book once.",), True),
        (("honestly bookings are a lot less than searches, by far",), True),
        (("guests browse maybe twenty times for every listing they book once",), True),
        # (session 22, spoken/dev26) the other way round, and "more than"
        (("So for every booking there's something like a thousand people just browsing.",), True),
        (("For every listing that gets booked, the page gets looked at five hundred times.",), True),
        (("So browsing and searching is much, much more than booking.",), True),
        # a next topic after "for every", no side outnumbering the other
        (("For every booking we send an email.",), False),
        (
            (
                "Every phone sends a ping each five seconds, two million a second.",
                "That's way more than the route requests.",
                "So that's the write-heavy part of the system.",
            ),
            True,
        ),
        # figures with no side outnumbering the other, or a call with no why
        (("People search a lot and book a lot.",), False),
        (("We get fifty searches a second.",), False),
        (("It's write-heavy.",), False),
    ],
)
def test_one_side_outnumbering_the_other_said_in_words_is_a_call(texts, called):
    opening = "A guest books a listing, a host owns many listings."
    assert met("data.read_write", opening, " ".join(texts), problem="Design Airbnb") is called


# --- data classified by where each part goes -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "classified"),
    [
        ("The service stores the content in S3, and the metadata of the paste in Postgres.", True),
        ("so the content goes to S3 and uh the metadata, the paste record, goes to MySQL", True),
        # one store for everything, or kinds named with nothing of the system's
        ("The service stores the paste and its metadata in Postgres.", False),
        ("Structured, unstructured, blobs, S3.", False),
    ],
)
def test_data_split_between_stores_is_classified(text, classified):
    opening = "A user creates a paste, each paste has some content, up to ten megabytes."
    assert met("data.types", opening, text, problem="Design Pastebin") is classified


# --- a read said as the query it is ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Moderators watch votes per answer per hour. And the sum of votes for a question.", True),
        (
            "find questions where the tag is python. also give me answers before some timestamp",
            True,
        ),
        # nouns and figures, no read with its filter or grouping
        ("We have questions and answers and tags, ten thousand per day.", False),
        ("Queries should be fast, find things quickly.", False),
    ],
)
def test_a_read_said_as_the_query_it_is_is_an_access_pattern(text, stated):
    opening = "A user asks a question, each question has many answers, an answer has votes."
    assert met("req.access_patterns", opening, text, problem="Design a Q&A site") is stated


# --- where the system is a cache ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem", "justified"),
    [
        # the cache is the system to build
        (
            "Most people use a cache with expiry, so the cache evicts by LRU.",
            "Design a distributed cache",
            True,
        ),
        # a cache of another layer, with and without its reason
        ("And I'd add a local cache in the client library.", "Design a distributed cache", False),
        (
            "I'd add a local cache in the client library for the hottest keys everyone reads.",
            "Design a distributed cache",
            True,
        ),
        # elsewhere a cache is a cache
        (
            "Most people use a cache with expiry, so the cache evicts by LRU.",
            "Design a chat app",
            False,
        ),
    ],
)
def test_where_the_system_is_a_cache_a_cache_proposed_is_another_layer(text, problem, justified):
    opening = "A client reads a key, each key has a value."
    assert met("design.cache_justified", opening, text, problem=problem) is justified


# --- a store chosen from the reason said just before ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "reasoned"),
    [
        ("Every read is a key lookup by code. So a key-value store, DynamoDB or so.", True),
        ("we need transactions across the seat and the order. so, postgres", True),
        ("The data has to be consistent, money moves. That's why I'd go relational.", True),
        # a slogan before the choice, or a choice with nothing before it
        ("It is web scale. So Cassandra.", False),
        ("Let me think. So, MongoDB.", False),
    ],
)
def test_a_store_chosen_from_the_reason_just_before_is_reasoned(text, reasoned):
    opening = "A user books a seat, each seat has an order."
    assert met("design.database_choice", opening, text, problem="Design ticket booking") is reasoned


# --- a check-in said as an invitation; a question for inputs is none ----------------------------------


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        (
            "Let me list the core features and you tell me what to cut: posting, replies, likes.",
            True,
        ),
        ("I'd shard the comments by video id, stop me if that's off for your use case.", True),
        ("ok so replies one level deep, correct me if thats not what you want here", True),
        # a question for the interviewer's inputs, or a tag confirming the problem
        ("Before the math, do you have numbers in mind or should I make some up?", False),
        ("So we are talking about comments under videos here, yes?", False),
    ],
)
def test_an_invitation_to_judge_is_a_check_in_a_question_for_inputs_is_none(text, checked):
    assert met("process.check_ins", text, problem="Design a comment system") is checked


# --- an index on the field a stated query filters on ---------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "tied"),
    [
        (
            (
                "The scheduler just asks which jobs have next run at less than now.",
                "Postgres, with an index on next run at.",
            ),
            True,
        ),
        (
            ("we list runs where started at is after yesterday", "runs table, index on started at"),
            True,
        ),
        # an index on a field no stated query uses
        (
            (
                "The scheduler just asks which jobs have next run at less than now.",
                "Postgres, with an index on owner.",
            ),
            False,
        ),
        (("Postgres, with an index on next run at.",), False),
    ],
)
def test_an_index_on_the_field_a_stated_query_filters_on_serves_it(texts, tied):
    opening = "A user owns many jobs, each job has many runs."
    assert met("design.schema", opening, *texts, problem="Design a job scheduler") is tied


# --- large binaries asked about in those words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("And values, are we talking like small blobs?", True),
        ("how big are values, are people going to stuff a ten-meg blob in there?", True),
        ("Can a payload be a big object, like megabytes of binary data?", True),
        # where a thing goes, or blobs named in a statement
        ("Should the snapshots go to blob storage?", False),
        ("Values are small blobs, a few KB.", False),
    ],
)
def test_large_binaries_asked_about_in_those_words_is_media(text, asked):
    opening = "A client puts a key, each key has a value."
    assert met("req.media", opening, text, problem="Design a key-value store") is asked


# --- one bad outcome chosen over another ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "relaxed"),
    [
        ("So I'd rather be late than skip a run, a missed payout is worse.", True),
        ("if a packet is lost it is better to skip it than wait, the call must go on", True),
        ("honestly we prefer that a job runs twice than that it is lost", True),
        # a choice of parts, or properties named, with no outcome weighed
        ("I'd rather use Postgres than Mongo here.", False),
        ("We'd rather have availability than consistency.", False),
    ],
)
def test_one_bad_outcome_chosen_over_another_relaxes_a_requirement(text, relaxed):
    opening = "A user schedules a job, each job has many runs."
    assert met("req.nfr_tradeoff", opening, text, problem="Design a job scheduler") is relaxed


# --- an edit word that does not ask whether things can be changed --------------------------------------


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Can a document be edited after it is shared, or deleted?", True),
        ("and once its sent, can people edit it?", True),
        # which part to focus on, or what happens when two changes meet
        ("Do you want me to focus on the real-time editing part mostly?", False),
        ("If I change the same doc on two laptops at the same time, what should happen?", False),
    ],
)
def test_an_edit_word_asks_mutability_only_when_it_asks_whether_things_change(text, asked):
    opening = "A user owns many documents, each document has many versions."
    assert met("req.mutability", opening, text, problem="Design Google Docs") is asked


# --- a cache's reason said in other words ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem", "justified"),
    [
        # the same thing asked again and again, a bottleneck
        (
            "Before it fetches I'll put a DNS cache there, because resolvers are slow and we're "
            "resolving the same hosts constantly.",
            "Design a web crawler",
            True,
        ),
        # work spared on each view; a value that barely moves
        (
            "Computing the average over thousands of reviews on every page view is wasteful. "
            "So keep it precomputed in a cache keyed by business id.",
            "Design Yelp",
            True,
        ),
        (
            "Sellers touch the product details maybe once a month, but the page is viewed "
            "millions of times, so the catalogue part goes in a cache.",
            "Design an online shop",
            True,
        ),
        # a download spared every time
        (
            "We should cache the robots.txt for each domain, so we don't download it every time.",
            "Design a web crawler",
            True,
        ),
        # (session 22, spoken dev18) read far more than it changes
        (
            "I'd cache the listing summaries in Redis, because they're read way more than they change.",
            "Design a marketplace feed",
            True,
        ),
        # speed alone is still no reason
        (
            "We put Redis in front of the search service, so it's really fast.",
            "Design search",
            False,
        ),
        # a queue or a counter kept in memory is working state, not a cache
        (
            "The fetcher keeps a small queue in memory for each host.",
            "Design a web crawler",
            True,
        ),
        # the system to build is a content delivery network
        (
            "So we're building the CDN itself, not using one.",
            "Design a content delivery network",
            True,
        ),
    ],
)
def test_a_caches_reason_said_in_other_words(text, problem, justified):
    opening = "A user reads a page, each page has items."
    assert met("design.cache_justified", opening, text, problem=problem) is justified


# --- one endpoint written with what it takes and gives back -------------------------------------


@pytest.mark.parametrize(
    ("text", "api"),
    [
        ("The app calls POST /tweets with the text and media ids, then the tweet service.", True),
        ("The app calls GET /tweets/{id}, which returns the tweet and its counts.", True),
        # a bare route, where two reads were stated: one endpoint is not their API
        ("The app calls POST /tweets, then the tweet service.", False),
    ],
)
def test_one_endpoint_written_with_its_contract_is_an_api(text, api):
    reads = (
        "Given an account, get all tweets of the accounts it follows, newest first. Given an "
        "account, get all its own tweets, newest first."
    )
    assert criterion([reads, text], "data.api", "twitter")["met"] is api
