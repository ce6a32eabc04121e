"""The interview page in a real browser against a real `sdi serve`: a whole interview typed with
the keyboard, reloads and dropped connections that lose nothing and store nothing twice, Markdown
that renders but never runs, streaming replies, and the page's accessibility basics."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from app.core.scenarios.loader import Library
from tests import personas
from tests.fake_openai import FakeServer, Script
from tests.servers import ServeProcess

expect.set_options(timeout=15_000)

# The candidate of tests/personas.py: all three steps of the twitter scenario.
REQUIREMENTS = personas.WALKTHROUGH_REQUIREMENTS
SCALE = personas.WALKTHROUGH_SCALE
DESIGN = personas.WALKTHROUGH_DESIGN

# Test-only control of the page's websockets (added before any page script runs): `lose` drops
# the next frame and closes the socket (the message never left); `drop-after` sends it and then
# closes (it left, but its answer never comes back).
SOCKET_CONTROL = """
window.__sdiTest = { mode: null, sockets: 0, sent: [] };
(() => {
  const Native = window.WebSocket;
  const send = Native.prototype.send;
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); window.__sdiTest.sockets += 1; }
  };
  Native.prototype.send = function (data) {
    const mode = window.__sdiTest.mode;
    window.__sdiTest.mode = null;
    if (mode === "lose") { this.close(); return; }
    send.call(this, data);
    window.__sdiTest.sent.push(String(data));
    if (mode === "drop-after") this.close();
  };
})();
"""


@pytest.fixture
def api(web: ServeProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{web.http}/api/v1", timeout=15) as client:
        yield client


@pytest.fixture(autouse=True)
def stays_on_this_host(page: Page, web: ServeProcess) -> Iterator[None]:
    """Every request any test's page made went to the sdi server on 127.0.0.1."""
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    yield
    requested: list[str] = page.requested  # type: ignore[attr-defined]
    others = [u for u in requested if not u.startswith("http://127.0.0.1:")]
    assert not others, others
    assert all(u.startswith("ws://127.0.0.1:") for u in sockets), sockets


def create(api: httpx.Client, scenario_id: str = "twitter") -> str:
    r = api.post("/interviews", json={"scenario_id": scenario_id})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def transcript(api: httpx.Client, iid: str) -> list[dict[str, Any]]:
    r = api.get(f"/interviews/{iid}/transcript")
    assert r.status_code == 200, r.text
    return list(r.json()["messages"])


def open_interview(page: Page, web: ServeProcess, iid: str) -> None:
    page.goto(f"{web.http}/interview/{iid}")
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")


def message(page: Page, seq: int, role: str = "interviewer") -> Any:
    return page.locator(f"#messages li.message.{role}[data-seq='{seq}']")


def say(page: Page, text: str, reply_seq: int) -> None:
    """Type into the message box and press Enter; wait for the interviewer's reply."""
    box = page.locator("#message")
    box.focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(message(page, reply_seq)).to_be_visible()
    expect(box).to_have_value("")


def current_step(page: Page) -> Any:
    return expect(page.locator("#progress"))


def test_a_whole_interview_typed_with_the_keyboard(
    page: Page, web: ServeProcess, api: httpx.Client, library: Library, screenshots: Path
):
    page.goto(web.http + "/")
    expect(page.locator("#scenario option[value='twitter']")).to_be_attached()
    page.locator("#scenario").focus()
    page.keyboard.type("Design Tw")  # a select picks the option its typed letters begin
    expect(page.locator("#scenario")).to_have_value("twitter")
    expect(page.locator("#scenario-statement")).to_contain_text("Let's design Twitter.")
    page.keyboard.press("Tab")
    expect(page.locator("#start")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/interview/\w+$"))
    iid = page.url.rsplit("/", 1)[1]
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    expect(page.locator("#message")).to_be_focused()
    expect(message(page, 0)).to_contain_text("Let's design Twitter.")
    expect(page.locator("#title")).to_have_text("Design Twitter")
    current_step(page).to_have_attribute("data-current", "requirements")
    expect(page.locator("#notes-list li")).to_have_count(0)

    seq = 0
    for text in REQUIREMENTS:
        say(page, text, seq + 2)
        seq += 2
    # Notes fill as facts are uncovered, the same as the notes endpoint says.
    expect(page.locator("#notes-list li[data-fact='media']")).to_contain_text(
        "whether a tweet can carry media"
    )
    notes = api.get(f"/interviews/{iid}/notes").json()
    assert {"media", "tweet_edits", "account_deletion", "feed_order"} <= {
        n["fact_id"] for n in notes
    }
    expect(page.locator("#notes-list li")).to_have_count(len(notes))
    for note in notes:
        expect(page.locator(f"#notes-list li[data-fact='{note['fact_id']}']")).to_have_text(
            f"{note['topic']}: {note['note']}"
        )

    # Shift+Enter is a new line inside one message; Enter sends it.
    page.locator("#message").focus()
    page.keyboard.type("Two lines:")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("is consistency eventual?")
    expect(page.locator("#messages li.message")).to_have_count(seq + 1)  # nothing sent yet
    page.keyboard.press("Enter")
    expect(message(page, seq + 2)).to_be_visible()
    assert transcript(api, iid)[seq + 1]["content"] == "Two lines:\nis consistency eventual?"
    seq += 2

    # Hint: the policy answers with a nudge, and reveals nothing.
    page.locator("#hint").focus()
    page.keyboard.press("Enter")
    expect(message(page, seq + 2)).to_be_visible()
    stored = transcript(api, iid)
    assert stored[seq + 1]["content"] == "/hint"
    assert "hint" in stored[seq + 2]["act"] and stored[seq + 2]["revealed"] == []
    seq += 2

    for text in SCALE:
        say(page, text, seq + 2)
        seq += 2
    current_step(page).to_have_attribute("data-current", "data_api_scale")
    expect(page.locator("#progress li[data-step='requirements']")).to_have_attribute(
        "data-state", "complete"
    )
    expect(page.locator("#progress li[data-step='data_api_scale']")).to_have_attribute(
        "aria-current", "step"
    )
    expect(page.locator("#progress-text")).to_have_text("Step 2 of 3: Data types, API and scale")

    say(page, DESIGN[0], seq + 2)
    seq += 2
    current_step(page).to_have_attribute("data-current", "design")
    expect(page.locator("#progress li[data-step='design']")).to_have_attribute(
        "data-state", "current"
    )
    say(page, DESIGN[1], seq + 2)
    seq += 2
    expect(page.locator("#notes-list li[data-fact='read_rate']")).to_be_visible()
    expect(page.locator("#elapsed")).to_have_text(re.compile(r"^\d+:\d\d$"))
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "interview.png"))

    for text in DESIGN[2:]:
        say(page, text, seq + 2)
        seq += 2
        if page.locator("#progress").get_attribute("data-current") == "wrap_up":
            break
    current_step(page).to_have_attribute("data-current", "wrap_up")
    expect(page.locator("#progress li[data-state='complete']")).to_have_count(3)

    # What the page shows is what the server stored, message for message.
    stored = transcript(api, iid)
    expect(page.locator("#messages li.message[data-seq]")).to_have_count(len(stored))
    assert page.locator("#messages li.pending").count() == 0
    revealed = {f for m in stored for f in m.get("revealed", [])}
    content = page.content()
    for fact in library.get("twitter").scenario.facts:
        if fact.id not in revealed:  # hidden facts never reach the page
            assert fact.answer not in content, fact.id

    page.locator("#finish").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{web.http}/review/{iid}")
    assert api.get(f"/interviews/{iid}").json()["status"] == "finished"
    assert len(transcript(api, iid)) == len(stored)


def test_a_reload_mid_interview_resumes_with_every_message_and_the_draft(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = create(api)
    open_interview(page, web, iid)
    say(page, REQUIREMENTS[0], 2)
    say(page, REQUIREMENTS[1], 4)
    page.locator("#message").focus()
    page.keyboard.type("A draft I have not sent")

    page.reload()
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    stored = transcript(api, iid)
    assert len(stored) == 5
    items = page.locator("#messages li.message[data-seq]")
    expect(items).to_have_count(5)
    for seq, m in enumerate(stored):
        expect(items.nth(seq)).to_have_attribute("data-seq", str(seq))
        expect(items.nth(seq)).to_have_class(re.compile(rf"\b{m['role']}\b"))
        expect(items.nth(seq).locator(".body")).to_have_text(m["content"])
    expect(page.locator("#message")).to_have_value("A draft I have not sent")
    notes = api.get(f"/interviews/{iid}/notes").json()
    assert {"media", "tweet_edits"} <= {n["fact_id"] for n in notes}
    expect(page.locator("#notes-list li")).to_have_count(len(notes))

    # The conversation goes on where it was.
    page.locator("#message").fill("")
    say(page, REQUIREMENTS[2], 6)
    stored = transcript(api, iid)
    assert [m["content"] for m in stored[5:6]] == [REQUIREMENTS[2]]
    assert len(stored) == 7


def test_a_message_typed_while_offline_is_queued_then_sent_once(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = create(api)
    open_interview(page, web, iid)
    say(page, REQUIREMENTS[0], 2)

    page.context.set_offline(True)
    expect(page.locator("#connection")).to_have_attribute("data-state", "reconnecting")
    page.locator("#message").focus()
    page.keyboard.type(REQUIREMENTS[1])
    page.keyboard.press("Enter")
    pending = page.locator("#messages li.pending")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text(REQUIREMENTS[1])
    expect(pending.locator(".state")).to_contain_text("Queued")
    assert len(transcript(api, iid)) == 3  # nothing reached the server

    page.context.set_offline(False)
    expect(message(page, 4)).to_be_visible()
    expect(pending).to_have_count(0)
    stored = transcript(api, iid)
    assert [m["content"] for m in stored if m["role"] == "candidate"] == REQUIREMENTS[:2]
    # And the interview goes on over the new connection.
    say(page, REQUIREMENTS[2], 6)
    assert len(transcript(api, iid)) == 7


@pytest.mark.parametrize("mode", ["lose", "drop-after"])
def test_a_message_in_flight_when_the_socket_drops_is_stored_exactly_once(
    page: Page, web: ServeProcess, api: httpx.Client, mode: str
):
    page.add_init_script(SOCKET_CONTROL)
    iid = create(api)
    open_interview(page, web, iid)
    say(page, REQUIREMENTS[0], 2)
    sockets = page.evaluate("window.__sdiTest.sockets")

    page.evaluate(f"window.__sdiTest.mode = {mode!r}")
    page.locator("#message").focus()
    page.keyboard.type(REQUIREMENTS[1])
    page.keyboard.press("Enter")
    expect(message(page, 4)).to_be_visible()
    expect(page.locator("#messages li.pending")).to_have_count(0)
    assert page.evaluate("window.__sdiTest.sockets") > sockets  # it really reconnected
    # The frame left the page once: `lose` sent it only after reconnecting; after `drop-after`
    # the page found it stored and did not send it again.
    sent = [f for f in page.evaluate("window.__sdiTest.sent") if REQUIREMENTS[1] in f]
    assert len(sent) == 1, sent

    stored = transcript(api, iid)
    assert [m["content"] for m in stored if m["role"] == "candidate"] == REQUIREMENTS[:2]
    assert [m["role"] for m in stored] == ["interviewer", "candidate"] * 2 + ["interviewer"]
    expect(page.locator("#messages li.message[data-seq]")).to_have_count(5)


MARKDOWN = """Components:

- **API servers**, stateless
- a `blob store` for media

| table | key |
|---|---|
| tweets | user_id, created_at |

```sql
CREATE INDEX tweets_by_user ON tweets (user_id, created_at);
```

```mermaid
graph LR
  client --> lb[Load balancer] --> api[API servers]
```

client -> LB -> api -> db -> a-very-long-line-that-keeps-going-and-going-and-going-far-past-the-edge-of-the-bubble

<img src=x onerror="window.__pwned = 'img'"><script>window.__pwned = 'script'</script>
<a href="javascript:window.__pwned='link'">click</a> <b onmouseover="window.__pwned='b'">bold</b>"""


def test_markdown_renders_and_nothing_in_a_message_runs(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = create(api)
    open_interview(page, web, iid)
    page.locator("#message").fill(MARKDOWN)
    page.locator("#message").press("Enter")
    mine = message(page, 1, "candidate")
    expect(mine).to_be_visible()
    expect(message(page, 2)).to_be_visible()
    assert transcript(api, iid)[1]["content"] == MARKDOWN  # stored as typed

    body = mine.locator(".body")
    expect(body.locator("ul > li")).to_have_count(2)
    expect(body.locator("ul strong")).to_have_text("API servers")
    expect(body.locator("table th")).to_have_text(["table", "key"])
    expect(body.locator("pre code.language-sql")).to_contain_text("CREATE INDEX tweets_by_user")
    expect(body.locator("pre code.language-mermaid")).to_contain_text(
        "client --> lb[Load balancer] --> api[API servers]"
    )
    arrows = body.locator("pre", has_text="client -> LB -> api -> db")
    expect(arrows).to_have_count(1)
    # Diagrams keep their spacing and scroll sideways instead of wrapping or widening the page.
    style = arrows.evaluate(
        "e => [getComputedStyle(e).whiteSpace, getComputedStyle(e).overflowX,"
        " getComputedStyle(e).fontFamily, e.scrollWidth > e.clientWidth]"
    )
    assert style[0] == "pre" and style[1] == "auto" and style[3] is True
    assert "mono" in style[2].lower()
    mermaid = body.locator("pre:has(code.language-mermaid)")
    assert mermaid.evaluate("e => e.textContent").startswith("graph LR\n  client -->")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # The payloads are shown as nothing that can run.
    assert body.locator("script, img, [onerror], [onmouseover]").count() == 0
    assert body.locator("a[href^='javascript']").count() == 0
    body.locator("b").hover()
    page.locator("#message").focus()
    assert page.evaluate("window.__pwned") is None


def test_token_frames_build_the_reply_live_then_the_message_replaces_it(page: Page, tmp_path: Path):
    reply = "Yes, tweets can carry images or a short video."
    with FakeServer() as fake:
        # The first word, a pause (the page shows the reply being written), then the rest.
        fake.fake.enqueue(Script("stall", text=reply, stall_s=2.0))
        server = ServeProcess(
            home=tmp_path,
            database_url=f"sqlite:///{tmp_path / 'sdi.db'}",
            env={"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "test", "SDI_MODEL": "fake"},
        ).start()
        try:
            iid = httpx.post(
                f"{server.http}/api/v1/interviews", json={"scenario_id": "twitter"}, timeout=15
            ).json()["id"]
            page.add_init_script(
                """window.__streamed = [];
                new MutationObserver(() => {
                  const li = document.querySelector('#messages li.streaming');
                  if (li) window.__streamed.push(li.querySelector('.body').textContent);
                }).observe(document, {subtree: true, childList: true, characterData: true});"""
            )
            page.goto(f"{server.http}/interview/{iid}")
            expect(page.locator("#connection")).to_have_attribute("data-state", "online")
            page.locator("#message").fill("Can tweets contain images or video?")
            page.locator("#message").press("Enter")
            streaming = page.locator("#messages li.streaming")
            expect(streaming).to_have_attribute("aria-busy", "true")
            expect(streaming.locator(".body")).to_have_text(re.compile(r"^Yes, "))
            final = message(page, 2)
            expect(final.locator(".body")).to_have_text(reply)
            expect(streaming).to_have_count(0)
            seen = page.evaluate("window.__streamed")
            assert seen and all(reply.startswith(s.strip()) for s in seen if s)
            assert any(0 < len(s.strip()) < len(reply) for s in seen)  # partial, before the end
        finally:
            server.stop()


def test_a_finished_interview_opens_read_only_with_a_link_to_its_review(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = create(api)
    assert api.post(f"/interviews/{iid}/messages", json={"content": REQUIREMENTS[0]}).is_success
    assert api.post(f"/interviews/{iid}/finish").status_code == 200
    page.goto(f"{web.http}/interview/{iid}")
    expect(page.locator("#finished")).to_be_visible()
    expect(page.locator("#review-link")).to_have_attribute("href", f"/review/{iid}")
    expect(page.locator("#composer")).to_be_hidden()
    expect(page.locator("#progress")).to_have_attribute("data-current", "done")
    expect(page.locator("#progress-text")).to_have_text("Done")
    expect(page.locator("#messages li.message[data-seq]")).to_have_count(3)
    expect(page.locator("#notes-list li[data-fact='media']")).to_be_visible()
    # The clock stopped at the finish: from created_at to the last update, as m:ss.
    state = api.get(f"/interviews/{iid}").json()
    took = datetime.fromisoformat(state["updated_at"]) - datetime.fromisoformat(state["created_at"])
    seconds = int(took.total_seconds())
    expect(page.locator("#elapsed")).to_have_text(f"{seconds // 60}:{seconds % 60:02d}")


@pytest.mark.parametrize(
    "closing", [["/finish"], ["That's my whole design.", "No questions from me, thanks."]]
)
def test_closing_in_the_chat_finishes_and_the_review_shows_the_grade(
    page: Page, web: ServeProcess, api: httpx.Client, closing: list[str]
):
    """Typing /finish, or closing after the wrap-up, finishes the interview on the server (the
    same path as the Finish button): the page goes read-only, the review has the grade."""
    iid = create(api)
    open_interview(page, web, iid)
    say(page, REQUIREMENTS[0], 2)
    seq = 2
    for text in closing:
        say(page, text, seq + 2)
        seq += 2
    expect(page.locator("#finished")).to_be_visible()
    expect(page.locator("#composer")).to_be_hidden()
    state = api.get(f"/interviews/{iid}").json()
    assert (state["status"], state["step"]) == ("finished", "done")
    grade = api.get(f"/interviews/{iid}/grade")
    assert grade.status_code == 200, grade.text
    page.locator("#review-link").click()
    page.wait_for_url(f"{web.http}/review/{iid}")
    expect(page.locator("#score")).to_have_text(str(grade.json()["score"]))
    assert api.post(f"/interviews/{iid}/messages", json={"content": "one more"}).status_code == 409


def test_an_unknown_interview_says_so(page: Page, web: ServeProcess):
    page.goto(f"{web.http}/interview/no-such-interview")
    expect(page.locator("#page-error")).to_contain_text("unknown interview 'no-such-interview'")
    expect(page.locator("#composer")).to_be_hidden()


def test_an_empty_or_too_long_message_gets_a_clear_error_and_loses_nothing(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = create(api)
    open_interview(page, web, iid)
    page.locator("#message").press("Enter")
    expect(page.locator("#send-error")).to_have_text("Type a message first.")
    long = "x" * 8001
    page.locator("#message").fill(long)  # no maxlength: a long paste is never cut silently
    page.locator("#message").press("Enter")
    expect(page.locator("#send-error")).to_contain_text("8001 characters; the limit is 8000")
    expect(page.locator("#message")).to_have_value(long)
    assert len(transcript(api, iid)) == 1


def test_every_control_is_named_and_the_tab_order_reaches_the_composer(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = create(api)
    open_interview(page, web, iid)
    controls = page.locator("main input, main textarea, main select, main button")
    assert controls.count() >= 4
    for i in range(controls.count()):
        expect(controls.nth(i)).to_have_accessible_name(re.compile(r"\S"))
    expect(page.locator("#message")).to_have_accessible_name("Your message")
    expect(page.locator("#messages")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#connection")).to_have_attribute("role", "status")

    # From the top of the page, Tab reaches the message box, Send, Hint and Finish, in order.
    page.locator(".skip-link").focus()
    seen: list[str] = []
    for _ in range(30):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if seen[-1] == "finish":
            break
    order = [seen.index(x) for x in ("message", "send", "hint", "finish")]
    assert order == sorted(order), seen
    assert order[1:] == [order[0] + 1, order[0] + 2, order[0] + 3], seen
