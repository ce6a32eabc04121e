"""The review page in a real browser against a real `sdi serve`: a whole interview finished over
REST, then its score, chart, evidence links, exports and print view; an unfinished one; and
Markdown that renders but never runs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests import personas
from tests.servers import ServeProcess

expect.set_options(timeout=15_000)

# A candidate who walks all three steps, meeting some criteria and missing others.
SCRIPT = personas.WALKTHROUGH


@pytest.fixture(scope="module")
def api(web: ServeProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{web.http}/api/v1", timeout=15) as client:
        yield client


@pytest.fixture(scope="module")
def finished(api: httpx.Client) -> dict[str, Any]:
    """A whole twitter interview, finished over REST: {id, grade, transcript}."""
    r = api.post("/interviews", json={"scenario_id": "twitter"})
    assert r.status_code == 201, r.text
    iid = r.json()["id"]
    for content in SCRIPT:
        r = api.post(f"/interviews/{iid}/messages", json={"content": content})
        assert r.status_code == 200, r.text
    grade = api.post(f"/interviews/{iid}/finish").json()
    transcript = api.get(f"/interviews/{iid}/transcript").json()
    return {"id": iid, "grade": grade, "transcript": transcript}


@pytest.fixture(autouse=True)
def stays_on_this_host(page: Page, web: ServeProcess) -> Iterator[None]:
    """Every request the page made went to the sdi server on 127.0.0.1 (a download's blob: URL
    is the page's own memory, also of that origin)."""
    yield
    requested: list[str] = page.requested  # type: ignore[attr-defined]
    local = (f"{web.http}/", f"blob:{web.http}/")
    others = [u for u in requested if not u.startswith(local)]
    assert not others, others


def open_review(page: Page, web: ServeProcess, iid: str, hash_: str = "") -> None:
    page.goto(f"{web.http}/review/{iid}{hash_}")
    expect(page.locator("#loading")).to_be_hidden()


def test_the_review_shows_the_score_chart_criteria_and_facts(
    page: Page, web: ServeProcess, finished: dict[str, Any], screenshots: Path
):
    grade = finished["grade"]
    open_review(page, web, finished["id"])
    expect(page.locator("#title")).to_have_text("Review: Design Twitter")
    expect(page.locator("#score")).to_have_text(str(grade["score"]))
    # The chart: an accessible SVG image with one bar per step, and its table.
    chart = page.locator("svg#score-chart")
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("rect.bar")).to_have_count(len(grade["steps"]))
    full = float(chart.locator("rect.track").first.get_attribute("width") or "0")
    for step, value in grade["steps"].items():
        bar = float(chart.locator(f"rect.bar[data-step='{step}']").get_attribute("width") or "-1")
        assert bar / full == pytest.approx(value["score"] / 100, abs=0.005), step
    expect(page.locator("#chart-title")).to_contain_text(
        f"1. Requirements {grade['steps']['requirements']['score']} of 100"
    )
    expect(page.locator("#step-rows tr")).to_have_count(len(grade["steps"]))
    # Every criterion, met or not, with its advice.
    expect(page.locator("#criteria li.criterion")).to_have_count(len(grade["criteria"]))
    for c in grade["criteria"]:
        item = page.locator(f"#criteria li.criterion[data-id='{c['id']}']")
        expect(item).to_have_class(re.compile("is-met" if c["met"] else "is-unmet"))
        expect(item.locator(".advice")).to_have_text(c["advice"])
        expect(item.locator("a.evidence-link")).to_have_count(len(c["evidence"]))
    assert not all(c["met"] for c in grade["criteria"]), "the script should miss something"
    # Facts uncovered (with their turn) and missed; the timeline has the steps and the facts.
    facts = grade["facts"]
    expect(page.locator("#uncovered li")).to_have_count(len(facts["uncovered"]))
    expect(page.locator("#missed li")).to_have_count(len(facts["missed"]))
    assert facts["missed"]
    expect(page.locator("#missed")).to_contain_text("how much downtime is acceptable")
    messages = finished["transcript"]["messages"]
    steps = list(dict.fromkeys(m["step"] for m in messages if m.get("step")))
    assert steps[:4] == ["requirements", "data_api_scale", "design", "wrap_up"]
    expect(page.locator("#timeline li.event.step")).to_have_count(len(steps))
    expect(page.locator("#timeline li.event.fact")).to_have_count(len(facts["uncovered"]))
    expect(page.locator("#timeline-chart circle.fact-dot")).to_have_count(len(facts["uncovered"]))
    # The transcript, every turn, under step headings.
    expect(page.locator("#transcript li.message")).to_have_count(len(messages))
    expect(page.locator("#transcript h3.step-heading").first).to_have_text("1. Requirements")
    expect(page.locator("#turn-1")).to_contain_text(SCRIPT[0])
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "review.png"))


def test_an_evidence_link_highlights_and_focuses_its_turn(
    page: Page, web: ServeProcess, finished: dict[str, Any]
):
    open_review(page, web, finished["id"])
    evidence = [e for c in finished["grade"]["criteria"] for e in c["evidence"]]
    late = max(evidence, key=lambda e: e["turn"])  # far down the page
    link = page.locator(f"#criteria a.evidence-link[href='#turn-{late['turn']}']").first
    expect(link).to_contain_text(late["quote"])
    link.click()
    target = page.locator(f"#turn-{late['turn']}")
    expect(target).to_have_class(re.compile(r"\bhighlight\b"))
    expect(target).to_be_focused()
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text(late["quote"])
    assert page.evaluate("location.hash") == f"#turn-{late['turn']}"
    assert page.locator("#transcript li.highlight").count() == 1
    # With the keyboard: focus another quote and press Enter.
    early = min(evidence, key=lambda e: e["turn"])
    page.locator(f"#criteria a.evidence-link[href='#turn-{early['turn']}']").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#turn-{early['turn']}")).to_be_focused()
    expect(page.locator(f"#turn-{early['turn']}")).to_be_in_viewport()
    assert page.locator("#transcript li.highlight").count() == 1


def test_a_turn_in_the_url_hash_is_highlighted_on_load(
    page: Page, web: ServeProcess, finished: dict[str, Any]
):
    last = len(finished["transcript"]["messages"]) - 1
    open_review(page, web, finished["id"], f"#turn-{last}")
    target = page.locator(f"#turn-{last}")
    expect(target).to_have_class(re.compile(r"\bhighlight\b"))
    expect(target).to_be_in_viewport()


def test_the_exports_download_from_the_server(
    page: Page, web: ServeProcess, finished: dict[str, Any]
):
    grade = finished["grade"]
    open_review(page, web, finished["id"])
    with page.expect_download() as info:
        page.locator("#export-json").click()
    download = info.value
    assert re.fullmatch(
        rf"sdi-twitter-\d{{8}}-{finished['id'][:8]}\.json", download.suggested_filename
    )
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["transcript"]["format"] == "sdi.transcript/v1"
    assert data["transcript"] == finished["transcript"]
    assert data["grade"]["format"] == "sdi.grade/v1"
    assert data["grade"]["score"] == grade["score"]

    with page.expect_download() as info:
        page.locator("#export-md").click()
    download = info.value
    assert download.suggested_filename.endswith(".md")
    md = Path(download.path()).read_text(encoding="utf-8")
    quoted = next(e for c in grade["criteria"] for e in c["evidence"])
    assert f"turn {quoted['turn']}: “{quoted['quote']}”" in md
    assert f"## Score: {grade['score']}/100" in md
    expect(page.locator("#export-error")).to_be_hidden()


def test_the_print_view_hides_the_buttons_and_keeps_the_content(
    page: Page, web: ServeProcess, finished: dict[str, Any]
):
    open_review(page, web, finished["id"])
    for button in ("#export-md", "#export-json", "#print"):
        expect(page.locator(button)).to_be_visible()
    page.emulate_media(media="print")
    for button in ("#export-md", "#export-json", "#print"):
        expect(page.locator(button)).to_be_hidden()
    expect(page.locator(".site-header nav")).to_be_hidden()
    expect(page.locator("#score")).to_be_visible()
    expect(page.locator("#criteria a.evidence-link").first).to_be_visible()
    last = len(finished["transcript"]["messages"]) - 1
    expect(page.locator(f"#turn-{last}")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator("#print")).to_be_visible()


def test_the_print_button_opens_the_print_dialog(
    page: Page, web: ServeProcess, finished: dict[str, Any]
):
    page.add_init_script(
        "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"
    )
    open_review(page, web, finished["id"])
    page.locator("#print").click()
    assert page.evaluate("window.__printed") == 1


def test_an_unfinished_interview_links_back_and_renders_markdown_safely(
    page: Page, web: ServeProcess, api: httpx.Client
):
    iid = api.post("/interviews", json={"scenario_id": "twitter"}).json()["id"]
    evil = (
        'Can tweets contain **images**? <img src=x onerror="window.__pwned=1">'
        "<script>window.__pwned=2</script>"
    )
    assert api.post(f"/interviews/{iid}/messages", json={"content": evil}).status_code == 200
    open_review(page, web, iid)
    notice = page.locator("#not-finished")
    expect(notice).to_be_visible()
    expect(notice.locator("a")).to_have_attribute("href", f"/interview/{iid}")
    expect(page.locator("#graded")).to_be_hidden()
    expect(page.locator("#transcript li.message")).to_have_count(3)
    expect(page.locator("#turn-1 strong")).to_have_text("images")
    expect(page.locator("#turn-1 img, #turn-1 script")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None
    # Its transcript can still be exported; nothing about a grade is in it.
    with page.expect_download() as info:
        page.locator("#export-json").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["status"] == "active" and data["grade"] is None and data["fact_topics"] == {}
    notice.locator("a").click()
    page.wait_for_url(f"{web.http}/interview/{iid}")


def test_an_unknown_interview_says_so(page: Page, web: ServeProcess):
    open_review(page, web, "nope")
    error = page.locator("#page-error")
    expect(error).to_contain_text("unknown interview 'nope'")
    expect(error.locator("a")).to_have_attribute("href", "/")
    expect(page.locator("#graded")).to_be_hidden()
    expect(page.locator("#transcript-section")).to_be_hidden()
