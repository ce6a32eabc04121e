"""Diagrams in messages: Mermaid flowcharts and arrow chains read into nodes and edges, errors
that name the line and what was expected, the edges in words for the grader, graph follow-ups."""

from __future__ import annotations

import pytest

from app.core.diagrams import find_diagrams, follow_up_in, problem, prose, role, with_diagrams
from app.core.text import sentences


def fenced(*lines: str) -> str:
    return "\n".join(["```mermaid", *lines, "```"])


def edges(message: str) -> list[tuple[str, str, str]]:
    (d,) = find_diagrams(message)
    return [(e.src, e.dst, e.label) for e in d.edges]


def labels(message: str) -> dict[str, str]:
    (d,) = find_diagrams(message)
    return {n.id: n.label for n in d.nodes}


# --- Mermaid: what is read ----------------------------------------------------------------------

MERMAID_EDGES = [
    ("plain arrow", fenced("graph TD", "A --> B"), [("A", "B", "")]),
    ("no spaces", fenced("graph LR", "A-->B"), [("A", "B", "")]),
    ("pipe label", fenced("graph LR", "A -->|cache miss| B"), [("A", "B", "cache miss")]),
    ("text label", fenced("graph LR", "A -- writes --> B"), [("A", "B", "writes")]),
    ("dotted text label", fenced("graph LR", "A -. async .-> B"), [("A", "B", "async")]),
    ("thick arrow", fenced("flowchart LR", "A ==> B"), [("A", "B", "")]),
    ("dotted arrow", fenced("flowchart LR", "A -.-> B"), [("A", "B", "")]),
    ("open link", fenced("graph LR", "A --- B"), [("A", "B", "")]),
    ("chain", fenced("graph TD", "A --> B --> C"), [("A", "B", ""), ("B", "C", "")]),
    (
        "hyphenated ids",
        fenced("graph LR", "api-gateway --> user-db"),
        [("api-gateway", "user-db", "")],
    ),
    ("group", fenced("graph TD", "A & B --> C"), [("A", "C", ""), ("B", "C", "")]),
    ("semicolons", fenced("graph TD; A-->B; B-->C"), [("A", "B", ""), ("B", "C", "")]),
    ("bare block", "Here:\ngraph LR\n  A --> B\n\nDone.", [("A", "B", "")]),
    ("fence with no language", "```\nflowchart TD\nA --> B\n```", [("A", "B", "")]),
    (
        "label with shapes inside it",
        fenced("graph LR", "A[API] -->|reads (hot) keys| R[(Redis)]"),
        [("A", "R", "reads (hot) keys")],
    ),
    (
        "styles and comments skipped",
        fenced(
            "graph LR", "%% a comment", "classDef hot fill:#f96", "A --> B", "style A fill:#f9f"
        ),
        [("A", "B", "")],
    ),
]


@pytest.mark.parametrize(
    ("case", "message", "expected"), MERMAID_EDGES, ids=[c[0] for c in MERMAID_EDGES]
)
def test_mermaid_edges(case, message, expected):
    (d,) = find_diagrams(message)
    assert d.kind == "mermaid" and not d.errors, d.errors
    assert edges(message) == expected


SHAPES = [
    ("A[Load balancer]", "Load balancer"),
    ("A(API servers)", "API servers"),
    ("A([Gateway])", "Gateway"),
    ("A[[Worker]]", "Worker"),
    ("A[(Database)]", "Database"),
    ("A((Queue))", "Queue"),
    ("A{Is it cached?}", "Is it cached?"),
    ("A{{Scheduler}}", "Scheduler"),
    ("A>Flag]", "Flag"),
    ("A[/Input/]", "Input"),
    ('A["Blob store (S3)"]', "Blob store (S3)"),
    ("A[API<br/>servers]", "API servers"),
]


@pytest.mark.parametrize(("node", "label"), SHAPES)
def test_node_shapes_give_their_label(node, label):
    message = fenced("graph TD", f"{node} --> B")
    assert labels(message)["A"] == label


def test_a_node_keeps_the_label_it_was_given_first_and_later_mentions_reuse_it():
    message = fenced(
        "graph TD", "LB[Load balancer] --> API", "API[API servers] --> DB", "LB --> DB"
    )
    assert labels(message) == {"LB": "Load balancer", "API": "API servers", "DB": "DB"}


def test_subgraphs_hold_their_nodes_and_an_edge_may_point_at_one():
    message = fenced(
        "graph TD",
        "LB[Load balancer] --> Fleet",
        "subgraph Fleet [API servers]",
        "  direction LR",
        "  A1[api 1]",
        "  A2[api 2]",
        "end",
    )
    (d,) = find_diagrams(message)
    assert not d.errors
    (sub,) = d.subgraphs
    assert (sub.id, sub.title, sub.nodes) == ("Fleet", "API servers", ("A1", "A2"))
    assert [n.id for n in d.nodes] == ["LB", "A1", "A2"]
    assert d.direction == "TD"


# --- arrow chains -------------------------------------------------------------------------------

CHAINS = [
    (
        "client -> load balancer -> api servers -> db",
        ["client", "load balancer", "api servers", "db"],
    ),
    ("client --> LB --> api", ["client", "LB", "api"]),
    ("client => LB => api", ["client", "LB", "api"]),
    ("client → LB → api → db", ["client", "LB", "api", "db"]),
    ("Flow: client -> LB -> api", ["client", "LB", "api"]),
    ("- browser -> CDN -> S3", ["browser", "CDN", "S3"]),
    ("api -> cache (timelines, read often)", ["api", "cache"]),
]


@pytest.mark.parametrize(("line", "names"), CHAINS)
def test_arrow_chains(line, names):
    (d,) = find_diagrams(line)
    assert d.kind == "arrows"
    assert [n.label for n in d.nodes] == names
    assert len(d.edges) == len(names) - 1


NOT_CHAINS = [
    "1k writes/min x 1 MB -> 1 GB/min",
    "user_id -> tweets",
    "given a user -> their links, newest first",
    "GET /users/{id}/feed -> a page of tweets",
    "submit code for a problem -> verdict",
    "If the cache misses we go to the database -> slow, but rare and fine for a feed that nobody reads twice",
    "No arrows here at all.",
    "Graph databases are good at relations.",
    "```\ngraph databases are good at relations\n```",
    "Flowchart logic lives in the workflow service.",
]


@pytest.mark.parametrize("line", NOT_CHAINS)
def test_prose_with_an_arrow_is_not_a_diagram(line):
    assert find_diagrams(line) == ()


def test_consecutive_chain_lines_make_one_diagram_with_shared_nodes():
    (d,) = find_diagrams("client -> LB -> api\napi -> db\napi -> cache (read often)")
    assert [n.id for n in d.nodes] == ["client", "lb", "api", "db", "cache"]
    assert d.node("cache").note == "read often"
    assert [(e.src, e.dst, e.line) for e in d.edges] == [
        ("client", "lb", 1),
        ("lb", "api", 1),
        ("api", "db", 2),
        ("api", "cache", 3),
    ]


def test_two_diagrams_in_one_message_come_in_order():
    message = "Flow: client -> LB -> api\n\nStorage:\n" + fenced("graph LR", "api --> db")
    assert [d.kind for d in find_diagrams(message)] == ["arrows", "mermaid"]


# --- bad input: the line and what was expected -----------------------------------------------

ERRORS = [
    ("a dangling arrow", fenced("graph LR", "A --> B", "B -->"), 3, "expected a node"),
    (
        "an unclosed label",
        fenced("graph LR", "A[Load balancer --> B"),
        2,
        "expected ']' to close '['",
    ),
    (
        "two nodes with no link",
        fenced("graph LR", "A --> B", "B C"),
        3,
        "an arrow such as -->, found 'C'",
    ),
    (
        "an unclosed subgraph",
        fenced("graph LR", "subgraph S", "A --> B"),
        3,
        "expected 'end' to close subgraph 'S' opened on line 2",
    ),
    (
        "an end with no subgraph",
        fenced("graph LR", "A --> B", "end"),
        3,
        "'end' with no subgraph open",
    ),
    ("no header", fenced("A --> B"), 1, "expected 'graph' or 'flowchart' and a direction"),
    ("an unclosed quote", fenced("graph LR", 'A["Blob store] --> B'), 2, "expected '\"'"),
]


@pytest.mark.parametrize(
    ("case", "message", "line", "expected"), ERRORS, ids=[c[0] for c in ERRORS]
)
def test_a_diagram_that_does_not_parse_names_the_line_and_what_was_expected(
    case, message, line, expected
):
    (d,) = find_diagrams(message)
    assert d.errors, case
    first = d.errors[0]
    assert first.line == line, first
    assert expected in first.expected, first
    said = problem(message)
    assert said is not None and f"line {line}" in said and expected in said


def test_another_mermaid_diagram_type_is_no_error_and_its_lines_stay_prose():
    message = fenced("erDiagram", "  USER ||--o{ TWEET : posts", "  TWEET { string user_id }")
    (d,) = find_diagrams(message)
    assert (d.chart, d.errors, d.nodes) == ("erDiagram", (), ())
    assert problem(message) is None
    texts = [s.text for s in with_diagrams(message, sentences(message))]
    assert "USER ||--o{ TWEET : posts" in texts


def test_the_good_lines_of_a_broken_diagram_are_still_read():
    (d,) = find_diagrams(fenced("graph LR", "A --> B", "B -->", "B --> C"))
    assert [(e.src, e.dst) for e in d.edges] == [("A", "B"), ("B", "C")]
    assert len(d.errors) == 1


def test_the_error_column_points_at_the_problem():
    (d,) = find_diagrams(fenced("graph LR", "  A[Load balancer --> B"))
    assert (d.errors[0].line, d.errors[0].column) == (2, 4)


def test_a_diagram_that_parses_has_no_problem():
    assert problem(fenced("graph LR", "A --> B")) is None
    assert problem("no diagram here") is None


# --- roles, words, follow-ups ---------------------------------------------------------------------

ROLES = [
    ("Load balancer", "load_balancer"),
    ("LB", "load_balancer"),
    ("Redis cache", "cache"),
    ("CDN", "cache"),
    ("Blob store", "blob_store"),
    ("S3 bucket", "blob_store"),
    ("Kafka", "queue"),
    ("Postgres", "database"),
    ("Timeline DB", "database"),
    ("API servers", "service"),
    ("Mobile client", "client"),
    ("Elephant", "other"),
]


@pytest.mark.parametrize(("label", "expected"), ROLES)
def test_roles_from_labels(label, expected):
    (d,) = find_diagrams(fenced("graph LR", f"X[{label}] --> Y"))
    assert role(d.node("X")) == expected


def _prose(message: str) -> list[str]:
    (d,) = find_diagrams(message)
    return [p.text for p in prose(d)]


def test_a_load_balancer_before_several_servers_spreads_requests():
    assert _prose("LB -> api servers") == [
        "LB in front of api servers spreads requests across several instances"
    ]
    assert _prose("LB -> api") == ["LB in front of api"]
    assert _prose(fenced("graph LR", "LB --> A1[api]", "LB --> A2[api]"))[0].endswith(
        "spreads requests across several instances"
    )


def test_an_edge_label_goes_into_the_sentence():
    assert _prose(fenced("graph LR", "API -->|hot keys, read often| C[Cache]")) == [
        "API reads from Cache (hot keys, read often)"
    ]


def test_boxes_without_edges_say_nothing():
    assert _prose(fenced("graph LR", "LB[Load balancer]", "C[(Cache)]")) == []


def test_mermaid_lines_give_way_to_their_edges_in_words_and_chains_keep_their_line():
    message = "Here it is.\n" + fenced("graph LR", "A[API] --> C[(Cache)]") + "\nThat's it."
    texts = [s.text for s in with_diagrams(message, sentences(message))]
    assert texts == ["Here it is.", "API reads from Cache", "That's it."]
    chain = "client -> LB -> api"
    texts = [s.text for s in with_diagrams(chain, sentences(chain))]
    assert texts == [chain, "client sends requests to LB", "LB in front of api"]


def test_follow_up_on_a_cache_nothing_reads_from():
    unread = fenced("graph LR", "C[(Redis cache)] --> DB[(Database)]", "API --> DB")
    assert follow_up_in(unread) == ("diagram.cache_unread", "Redis cache")
    read = fenced("graph LR", "API --> C[(Redis cache)]", "C --> DB[(Database)]")
    assert follow_up_in(read) is None


def test_follow_up_on_a_client_wired_to_the_database_once():
    message = "client -> database"
    assert follow_up_in(message) == ("diagram.db_exposed", "database")
    assert follow_up_in(message, asked=("diagram.db_exposed",)) is None


# --- the interviewer: a broken diagram named, the drawn graph asked about ---------------------

BROKEN = "Here is my first sketch.\n" + fenced(
    "graph LR", "C[Client] --> LB[Load balancer]", "LB -->"
)


def test_a_broken_diagram_is_named_and_the_message_still_answered():
    from app.core.policy import Memory, decide
    from app.core.scenarios.loader import default_library
    from app.render.offline import OfflineRenderer

    twitter = default_library().get("twitter")
    message = BROKEN + "\nCan tweets be edited?"
    act = decide(message, twitter, Memory(step="requirements"))
    assert [p.kind for p in act.parts] == ["diagram_error", "answer", "nudge_requirements"]
    assert act.parts[0].detail == "line 3, column 7: expected a node after '-->'"
    text = OfflineRenderer().render(act, twitter, seed="t:1").text
    assert "line 3, column 7: expected a node after '-->'" in text
    assert twitter.scenario.fact("tweet_edits").answer in text


def test_the_interviewer_asks_about_a_cache_nothing_reads_once():
    from app.core.policy import Memory, decide
    from app.core.scenarios.loader import default_library
    from app.render.offline import OfflineRenderer

    twitter = default_library().get("twitter")
    message = fenced(
        "graph LR",
        "LB[Load balancer] --> API[API servers]",
        "API --> DB[(Database)]",
        "C[(Timeline cache)] --> DB",
    )
    act = decide(message, twitter, Memory(step="design"))
    follow = [p for p in act.parts if p.kind == "follow_up"]
    assert [(p.follow_up, p.detail) for p in follow] == [("diagram.cache_unread", "Timeline cache")]
    text = OfflineRenderer().render(act, twitter, seed="t:1").text
    assert "Nothing in your diagram reads from Timeline cache." in text
    again = decide(message, twitter, act.memory)
    # never asked as a new follow-up again; the same diagram sent back answers nothing, so the
    # question is pressed (once) instead
    assert all(
        not (p.kind == "follow_up" and p.follow_up == "diagram.cache_unread") for p in again.parts
    )
    assert [p.follow_up for p in again.parts if p.kind == "reask"] == ["diagram.cache_unread"]


def test_a_design_drawn_during_requirements_is_nudged_back_like_one_written():
    from app.core.policy import Memory, decide
    from app.core.scenarios.loader import default_library

    twitter = default_library().get("twitter")
    drawn = decide("client -> load balancer -> api servers -> database", twitter, Memory())
    assert [p.kind for p in drawn.parts] == ["nudge_requirements"]
    boxes = decide(fenced("graph LR", "LB[Load balancer]", "DB[(Database)]"), twitter, Memory())
    assert [p.kind for p in boxes.parts] == ["ack", "invite"]


def test_an_arrow_chain_is_drawn_as_a_mermaid_flowchart_and_a_block_kept_as_written():
    from app.core.diagrams import latest, to_mermaid

    (chain,) = find_diagrams('client -> LB -> cache (the "hot" set)')
    assert to_mermaid(chain) == "\n".join(
        [
            "graph LR",
            '  client["client"]',
            '  lb["LB"]',
            '  cache["cache (the #quot;hot#quot; set)"]',
            "  client --> lb",
            "  lb --> cache",
        ]
    )
    block = fenced("graph TD", "  A --> B")
    (drawn,) = find_diagrams(block)
    assert to_mermaid(drawn) == "graph TD\n  A --> B"
    messages = [
        {"role": "candidate", "content": block},
        {"role": "interviewer", "content": "client -> db"},  # the interviewer's draws nothing
        {"role": "candidate", "content": "```mermaid\ngraph LR\n  A -->\n```"},
    ]
    assert latest(messages) == (0, drawn)  # the last one read whole
