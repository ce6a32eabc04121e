"""The review page's time per step, in a real browser against a real `sdi serve`: an interview
finished over REST after two of its steps, its message times then set through the store to known
values, and the figures the page shows checked against those times."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests import personas
from tests.servers import ServeProcess
from tests.timing import set_message_times

expect.set_options(timeout=15_000)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Seconds after START of each message: the opening, then a candidate message and its reply per
# line of the script. Turns 0-7 are requirements, 8-10 data types, API and scale.
OFFSETS = [0, 40, 45, 200, 210, 500, 505, 740, 754, 1150, 1200]
SCRIPT = personas.WALKTHROUGH_REQUIREMENTS + personas.WALKTHROUGH_SCALE
SCREENSHOT = Path(tempfile.gettempdir()) / "sdi-review-times.png"


@pytest.fixture(scope="module")
def timed(web: ServeProcess) -> dict[str, Any]:
    """A twitter interview that stopped after step 2, finished, with its message times set."""
    with httpx.Client(base_url=f"{web.http}/api/v1", timeout=15) as api:
        r = api.post("/interviews", json={"scenario_id": "twitter"})
        assert r.status_code == 201, r.text
        iid = r.json()["id"]
        for content in SCRIPT:
            assert api.post(f"/interviews/{iid}/messages", json={"content": content}).is_success
        assert api.post(f"/interviews/{iid}/finish").is_success
        times = [START + timedelta(seconds=o) for o in OFFSETS]
        set_message_times(web.database_url, iid, times)
        messages = api.get(f"/interviews/{iid}/transcript").json()["messages"]
    # The set-up is what the test thinks it is: these times, these steps.
    assert [datetime.fromisoformat(m["at"]) for m in messages] == times
    steps = [m.get("step") for m in messages]
    assert steps.index("data_api_scale") == 8 and not {"design", "wrap_up"} & set(steps)
    return {"id": iid, "messages": messages}


@pytest.fixture(autouse=True)
def stays_on_this_host(page: Page, web: ServeProcess) -> Iterator[None]:
    yield
    requested: list[str] = page.requested  # type: ignore[attr-defined]
    assert all(u.startswith(f"{web.http}/") for u in requested), requested


def test_the_review_shows_each_steps_time_and_share_from_the_message_times(
    page: Page, web: ServeProcess, timed: dict[str, Any]
):
    # From the times set above: requirements ran from turn 0 to turn 8 (when step 2 began),
    # step 2 from turn 8 to the last message; 754 s and 446 s of 1,200.
    requirements = OFFSETS[8] - OFFSETS[0]
    scale = OFFSETS[10] - OFFSETS[8]
    assert (requirements, scale) == (754, 446)
    page.goto(f"{web.http}/review/{timed['id']}")
    expect(page.locator("#loading")).to_be_hidden()
    section = page.locator("#time-section")
    expect(section).to_be_visible()
    rows = section.locator("#time-rows tr")
    expect(rows).to_have_count(4)

    def row(step: str) -> Any:
        return section.locator(f"#time-rows tr[data-step='{step}']")

    expect(row("requirements").locator("th")).to_have_text("1. Requirements")
    expect(row("requirements").locator("td.time")).to_have_text("12 min 34 s")
    expect(row("requirements").locator("td.share")).to_have_text("63%")
    expect(row("data_api_scale").locator("th")).to_have_text("2. Data types, API and scale")
    expect(row("data_api_scale").locator("td.time")).to_have_text("7 min 26 s")
    expect(row("data_api_scale").locator("td.share")).to_have_text("37%")
    for step in ("design", "wrap_up"):
        expect(row(step)).to_have_class("not-reached")
        expect(row(step).locator("td.time")).to_have_text("not reached")
        expect(row(step).locator("td.share")).to_have_text("–")
    expect(section.locator("#time-total")).to_have_text("20 min 00 s")
    # The bar: one segment per step that took time, in proportion: step 2 starts where
    # requirements end.
    bars = section.locator("svg#time-chart rect.seg")
    expect(bars).to_have_count(2)
    starts = {
        step: float(section.locator(f"rect.seg[data-step='{step}']").get_attribute("x") or "0")
        for step in ("requirements", "data_api_scale")
    }
    assert starts["requirements"] == 0
    assert starts["data_api_scale"] / 960 == pytest.approx(requirements / 1200, abs=0.002)
    expect(section.locator("#time-chart-title")).to_have_text(
        "Time per step: 1. Requirements 12 min 34 s (63%); 2. Data types, API and scale "
        "7 min 26 s (37%); 3. Design not reached; Wrap-up not reached. Total 20 min 00 s."
    )
    # Figures, not verdicts: nothing on the page speaks of a budget or of running over.
    text = section.inner_text().lower()
    assert not any(word in text for word in ("budget", "too long", "over time", "warning"))
    section.screenshot(path=str(SCREENSHOT))
