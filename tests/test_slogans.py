"""Reasons that name nothing of the system (app/core/grading/slogans.py): what every component
is sold on does not count as a reason, a reason about this system's data or load does. Every
sentence here is written for this test."""

from __future__ import annotations

import pytest

from app.core.grading.slogans import says_nothing, slogan_reason


@pytest.mark.parametrize(
    "text",
    [
        "For storage I'd go with sharded Cassandra because it's highly available and scales "
        "horizontally, Redis for low latency, and Kafka for scalability.",
        "scalable, highly available, tunable consistency, no single point of failure.",
        "Cassandra is a proven NoSQL database because it is highly scalable.",
        "eventual consistency because it scales, and five nines, 99.999%.",
        "Cassandra is web scale and it's what the big companies use, so it's proven at this scale.",
    ],
)
def test_what_every_component_is_sold_on_is_no_reason(text: str) -> None:
    assert slogan_reason(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cassandra because we take 300k location writes a second and only read by driver id.",
        "Postgres for the ledger, since it is money and a transfer must be atomic.",
        "Redis because the same hundred videos are hit by everyone.",
        "Cassandra because it scales horizontally and we have a huge write volume.",
        # no reason given at all is not a slogan either (the criteria judge it as unreasoned)
        "I would put it in Postgres.",
        "Cassandra, sharded by geohash",
        # "For storage, ..." opens a topic, not a reason
        "For storage, messages go to Cassandra keyed by chat id.",
    ],
)
def test_a_reason_about_this_system_is_no_slogan(text: str) -> None:
    assert not slogan_reason(text)


def test_a_sentence_of_brands_and_praise_says_nothing() -> None:
    assert says_nothing("netflix uses it")
    assert says_nothing("Relational is a legacy choice at this point.")
    assert not says_nothing("We only ever read a chat by its id, newest first.")
