"""The grader on designs given only as a diagram: placed components count, boxes do not."""

from __future__ import annotations

from app.core.grading.grader import grade
from tests.test_grader import by_id, make

OPENING = "Let's design Twitter."

FULL = """```mermaid
flowchart TD
  C[Mobile client] --> LB[Load balancer]
  LB --> API[API servers]
  API -->|timelines: read often, rarely change| Cache[(Cache)]
  API --> DB[(Database)]
  API -->|images and videos| Blobs[(Blob store)]
```"""

CHAIN = """client -> load balancer -> api servers -> database
api servers -> blob store (images and videos)
api servers -> cache (timelines are read often)"""

BOXES = """```mermaid
flowchart TD
  LB[Load balancer]
  API[API servers]
  Cache[(Cache)]
  Blobs[(Blob store for images and videos)]
```"""

DESIGN = (
    "design.load_balancing",
    "design.blob_store",
    "design.generic_names",
    "design.cache_justified",
)


def criteria(message: str) -> dict[str, dict]:
    return by_id(grade(make("twitter", OPENING, message)))


def test_a_mermaid_design_meets_the_design_criteria_with_its_lines_as_evidence():
    got = criteria(FULL)
    for cid in DESIGN:
        assert got[cid]["met"], (cid, got[cid])
        assert got[cid]["evidence"], cid
        for e in got[cid]["evidence"]:
            assert e["quote"] in FULL and "-->" in e["quote"], e
    assert got["design.cache_justified"]["evidence"][0]["quote"].startswith("API -->|timelines")
    assert got["design.blob_store"]["evidence"][0]["quote"].startswith("API -->|images")


def test_an_arrow_chain_design_meets_the_design_criteria():
    got = criteria(CHAIN)
    for cid in DESIGN:
        assert got[cid]["met"], (cid, got[cid])


def test_boxes_without_edges_place_nothing():
    got = criteria(BOXES)
    for cid in ("design.load_balancing", "design.blob_store", "design.generic_names"):
        assert not got[cid]["met"], (cid, got[cid])


def test_a_cache_in_a_diagram_with_no_reason_is_unjustified():
    message = "```mermaid\ngraph LR\n  API[API servers] --> C[(Cache)]\n```"
    got = criteria(message)
    assert not got["design.cache_justified"]["met"]
    assert (
        got["design.cache_justified"]["evidence"][0]["quote"] == "API[API servers] --> C[(Cache)]"
    )


def test_the_reason_for_a_cache_may_be_in_the_prose_beside_the_diagram():
    message = (
        "Timelines are read often and rarely change.\n"
        "```mermaid\ngraph LR\n  API[API servers] --> C[(Timeline cache)]\n```"
    )
    assert criteria(message)["design.cache_justified"]["met"]


def test_a_load_balancer_in_front_of_one_server_gives_no_reason():
    message = "```mermaid\ngraph LR\n  LB[Load balancer] --> S[API]\n```"
    assert not criteria(message)["design.load_balancing"]["met"]


def test_a_brand_in_a_diagram_is_named_like_one_in_prose():
    message = (
        "```mermaid\ngraph LR\n  API[API servers] -->|hot timelines, read often| R[(Redis)]\n```"
    )
    got = criteria(message)["design.generic_names"]
    assert not got["met"] and "Redis" in got["advice"]
