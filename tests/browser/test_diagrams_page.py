"""Diagrams in a real browser against a real `sdi serve`: the interview page's panel draws the
candidate's latest diagram as an SVG (vendored mermaid, under the page's CSP, nothing fetched
from another host), previews an edit live and sends it; the review shows the final diagram and
evidence points into it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.servers import ServeProcess

expect.set_options(timeout=15_000)

DESIGN = """Here is the design.
```mermaid
flowchart TD
  C[Client] --> LB[Load balancer]
  LB --> API[API servers]
  API -->|timelines: read often| Cache[(Cache)]
  API --> DB[(Database)]
  API -->|images and videos| Blobs[(Blob store)]
```"""

EDITED = """flowchart LR
  C[Client] --> LB[Load balancer]
  LB --> API[API servers]
  API --> Q[(Queue)]"""


@pytest.fixture
def api(web: ServeProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{web.http}/api/v1", timeout=15) as client:
        yield client


@pytest.fixture(autouse=True)
def stays_on_this_host(page: Page, web: ServeProcess) -> Iterator[list[str]]:
    """Every request went to the sdi server on 127.0.0.1, and no script was refused by the CSP
    (the vendored renderer runs as it is; only its inline styles are re-applied)."""
    console: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            console.append(message.text)

    page.on("console", record)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    yield console
    requested: list[str] = page.requested  # type: ignore[attr-defined]
    others = [u for u in requested if not u.startswith(f"{web.http}/")]
    assert not others, others
    assert all(u.startswith("ws://127.0.0.1:") for u in sockets), sockets
    # mermaid's scratch drawing sets style attributes the policy refuses (logged, harmless: the
    # picture's styles are applied through CSSOM); a refused script would be a broken page.
    refused_scripts = [c for c in console if "script-src" in c]
    assert not refused_scripts, refused_scripts


def create(api: httpx.Client) -> str:
    r = api.post("/interviews", json={"scenario_id": "twitter"})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def send(page: Page, text: str, reply_seq: int) -> None:
    page.locator("#message").fill(text)
    page.locator("#message").press("Enter")
    expect(
        page.locator(f"#messages li.message.interviewer[data-seq='{reply_seq}']")
    ).to_be_visible()


def labels(page: Page, selector: str) -> list[str]:
    return page.locator(f"{selector} svg g.node").all_text_contents()


def test_the_panel_draws_the_latest_diagram_previews_an_edit_and_sends_it(
    page: Page, web: ServeProcess, api: httpx.Client, screenshots: Path
):
    iid = create(api)
    page.goto(f"{web.http}/interview/{iid}")
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    expect(page.locator("#diagram-view svg")).to_have_count(0)
    send(page, "Let's move on to the design.", 2)
    send(page, DESIGN, 4)

    # The latest diagram, drawn as an SVG picture in the panel, with its styles applied.
    svg = page.locator("#diagram-view svg")
    expect(svg).to_be_visible()
    expect(svg).to_have_attribute("role", "img")
    expect(svg).to_have_attribute(
        "aria-label", "Diagram: Client, Load balancer, API servers, Cache, Database, Blob store"
    )
    expect(svg.locator("g.node")).to_have_count(6)
    for name in ("Client", "Load balancer", "API servers", "Cache", "Database", "Blob store"):
        expect(svg).to_contain_text(name)
    expect(svg).to_contain_text("timelines: read often")  # an edge label
    fill = page.evaluate(
        "getComputedStyle(document.querySelector('#diagram-view svg g.node rect, "
        "#diagram-view svg g.node path')).fill"
    )
    assert fill not in ("rgb(0, 0, 0)", "none", ""), fill  # mermaid's theme, not bare SVG
    expect(page.locator("#diagram-status")).to_have_text("Your latest diagram.")
    expect(page.locator("#diagram-source")).to_have_value(DESIGN.split("```mermaid\n")[1][:-4])
    page.locator("#diagram-panel").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "diagram.png"))

    # An edit previews live; a mistake says where, and keeps the last good picture.
    page.locator("#diagram-source").fill(EDITED + "\n  Q -->")
    expect(page.locator("#diagram-status")).to_have_text(
        "Cannot draw it: line 5: expected a node after '-->'"
    )
    expect(page.locator("#diagram-view")).to_have_attribute("data-state", "error")
    expect(svg.locator("g.node")).to_have_count(6)
    page.locator("#diagram-source").fill(EDITED)
    expect(page.locator("#diagram-status")).to_have_text("Preview: not sent yet.")
    expect(page.locator("#diagram-view svg")).to_contain_text("Queue")
    expect(page.locator("#diagram-view svg g.node")).to_have_count(4)

    # Send: the diagram goes as a ```mermaid message, is stored and answered.
    page.locator("#diagram-send").click()
    expect(page.locator("#messages li.message.interviewer[data-seq='6']")).to_be_visible()
    stored = api.get(f"/interviews/{iid}/transcript").json()["messages"]
    assert stored[5]["content"] == "```mermaid\n" + EDITED + "\n```"
    expect(page.locator("#diagram-status")).to_have_text("Your latest diagram.")
    expect(page.locator("#diagram-send")).to_be_disabled()


def test_a_diagram_that_does_not_parse_is_answered_with_the_line_to_fix(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = create(api)
    page.goto(f"{web.http}/interview/{iid}")
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    send(page, "```mermaid\ngraph LR\n  A[Client] -->\n```\nCan tweets be edited?", 2)
    reply = page.locator("#messages li.message.interviewer[data-seq='2']")
    expect(reply).to_contain_text("line 2, column 16: expected a node after '-->'")
    expect(reply).to_contain_text("edit")  # the question is answered too
    expect(page.locator("#diagram-status")).to_contain_text("Cannot draw it")


@pytest.fixture(scope="module")
def finished(web: ServeProcess) -> dict[str, Any]:
    with httpx.Client(base_url=f"{web.http}/api/v1", timeout=15) as client:
        iid = create(client)
        for content in ("Let's move on to the design.", DESIGN, "/finish"):
            r = client.post(f"/interviews/{iid}/messages", json={"content": content})
            assert r.status_code == 200, r.text
        grade = client.get(f"/interviews/{iid}/grade").json()
    return {"id": iid, "grade": grade}


def test_the_review_shows_the_final_diagram_and_evidence_points_into_it(
    page: Page, web: ServeProcess, finished: dict[str, Any]
):
    page.goto(f"{web.http}/review/{finished['id']}")
    expect(page.locator("#loading")).to_be_hidden()
    expect(page.locator("#review-diagram svg g.node")).to_have_count(6)
    expect(page.locator("#diagram-turn")).to_contain_text("turn 3")
    expect(page.locator("#diagram-lines li")).to_have_count(6)
    lb = next(c for c in finished["grade"]["criteria"] if c["id"] == "design.load_balancing")
    assert lb["met"] and any(e["quote"] == "LB --> API[API servers]" for e in lb["evidence"])
    item = page.locator("#criteria li.criterion[data-id='design.load_balancing']")
    into = item.locator("a.evidence-diagram", has_text="line 3")
    expect(into).to_be_visible()
    into.click()
    expect(page.locator("#diagram-line-3")).to_have_class("is-evidence")
    highlighted = page.locator("#review-diagram g.node.is-evidence")
    expect(highlighted).to_have_count(2)
    assert sorted(t.strip() for t in highlighted.all_text_contents()) == [
        "API servers",
        "Load balancer",
    ]


def test_a_reload_draws_the_latest_of_several_diagrams(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = create(api)
    for content in ("client -> LB -> api", DESIGN, "client -> database"):
        r = api.post(f"/interviews/{iid}/messages", json={"content": content})
        assert r.status_code == 200, r.text
    page.goto(f"{web.http}/interview/{iid}")
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    # The arrow chain of the last message, drawn left to right.
    expect(page.locator("#diagram-view svg g.node")).to_have_count(2)
    expect(page.locator("#diagram-view svg")).to_contain_text("database")
    expect(page.locator("#diagram-source")).to_have_value(
        'graph LR\n  client["client"]\n  database["database"]\n  client --> database'
    )
    # The interviewer asked about the client wired to the database.
    expect(page.locator("#messages li.message.interviewer").last).to_contain_text(
        "Your diagram has clients talking straight to database."
    )
