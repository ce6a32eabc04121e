"""The index page (past interviews, start a new one), key mode, and what every page is served
with: security headers, vendored libraries, no request to any other host."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from app.core.scenarios.loader import Library
from tests.api_fixtures import create_key
from tests.servers import ServeProcess

expect.set_options(timeout=15_000)

STATIC = Path(__file__).resolve().parents[2] / "app" / "web" / "static"


@pytest.fixture
def api(web: ServeProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{web.http}/api/v1", timeout=15) as client:
        yield client


def only_this_host(page: Page) -> None:
    requested: list[str] = page.requested  # type: ignore[attr-defined]
    assert requested
    others = [u for u in requested if not u.startswith("http://127.0.0.1:")]
    assert not others, others


def create(api: httpx.Client, scenario_id: str, finish: bool = False) -> dict[str, Any]:
    r = api.post("/interviews", json={"scenario_id": scenario_id})
    assert r.status_code == 201, r.text
    interview = r.json()
    if finish:
        say = api.post(
            f"/interviews/{interview['id']}/messages",
            json={"content": "Can tweets contain images or video?"},
        )
        assert say.status_code == 200
        grade = api.post(f"/interviews/{interview['id']}/finish")
        assert grade.status_code == 200
        interview["score"] = grade.json()["score"]
    return interview  # type: ignore[no-any-return]


def row(page: Page, interview_id: str) -> Any:
    return page.locator(f"#interview-rows tr[data-id='{interview_id}']")


def test_the_list_shows_past_interviews_newest_first_with_status_and_score(
    page: Page, web: ServeProcess, api: httpx.Client, screenshots: Path
):
    done = create(api, "twitter", finish=True)
    active = create(api, "tiktok")
    page.goto(web.http + "/")
    expect(row(page, active["id"])).to_be_visible()
    ids = page.locator("#interview-rows tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert ids.index(active["id"]) < ids.index(done["id"])  # newest first

    finished = row(page, done["id"])
    expect(finished.locator("td").nth(0)).to_have_text("Design Twitter")
    expect(finished.locator("td").nth(2)).to_have_text("finished")
    expect(finished.locator(".score")).to_have_text(f"{done['score']}/100")
    expect(finished.locator("a")).to_have_attribute("href", f"/review/{done['id']}")
    expect(finished.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\d"))

    ongoing = row(page, active["id"])
    expect(ongoing.locator("td").nth(0)).to_have_text("Design TikTok")
    expect(ongoing.locator("td").nth(2)).to_have_text("in progress")
    expect(ongoing.locator(".score")).to_have_text("—")
    expect(ongoing.locator("a")).to_have_attribute("href", f"/interview/{active['id']}")
    page.locator("#scenario").select_option("twitter")  # the start form, with its statement
    expect(page.locator("#scenario-statement")).to_contain_text("Let's design Twitter.")
    page.screenshot(path=str(screenshots / "index.png"))

    # Resume: the row's link opens the interview where it was.
    ongoing.locator("a").click()
    page.wait_for_url(f"{web.http}/interview/{active['id']}")
    expect(page.locator("#messages li.message[data-seq='0']")).to_be_visible()
    only_this_host(page)


def test_the_filter_shows_one_scenarios_interviews(
    page: Page, web: ServeProcess, api: httpx.Client
):
    twitter = create(api, "twitter")
    tiktok = create(api, "tiktok")
    page.goto(web.http + "/")
    expect(row(page, tiktok["id"])).to_be_visible()
    page.locator("#filter").select_option("twitter")
    expect(row(page, tiktok["id"])).to_have_count(0)
    expect(row(page, twitter["id"])).to_be_visible()
    titles = page.locator("#interview-rows tr td:first-child").all_inner_texts()
    assert titles and set(titles) == {"Design Twitter"}
    assert "scenario=twitter" in page.url  # the filter survives a reload
    page.reload()
    expect(page.locator("#filter")).to_have_value("twitter")
    expect(row(page, tiktok["id"])).to_have_count(0)
    page.locator("#filter").select_option("")
    expect(row(page, tiktok["id"])).to_be_visible()


def test_a_new_interview_starts_from_the_picked_scenario_and_shows_no_hidden_fact(
    page: Page, web: ServeProcess, api: httpx.Client, library: Library
):
    page.goto(web.http + "/")
    expect(page.locator("#scenario option[value='code-deploy']")).to_be_attached()
    page.locator("#start").click()  # nothing picked yet: a clear error, nothing created
    expect(page.locator("#start-error")).to_have_text("Choose a problem first.")
    before = len(api.get("/interviews").json())
    page.locator("#scenario").select_option("code-deploy")
    scenario = library.get("code-deploy").scenario
    expect(page.locator("#scenario-statement")).to_contain_text(scenario.statement)
    content = page.content()
    for s in library.ids():
        for fact in library.get(s).scenario.facts:
            assert fact.answer not in content, (s, fact.id)
    page.locator("#start").click()
    page.wait_for_url(re.compile(r"/interview/\w+$"))
    iid = page.url.rsplit("/", 1)[1]
    interview = api.get(f"/interviews/{iid}").json()
    assert interview["scenario_id"] == "code-deploy"
    assert len(api.get("/interviews").json()) == before + 1
    expect(page.locator("#title")).to_have_text(scenario.title)
    only_this_host(page)


def test_every_control_on_the_index_page_has_a_name(page: Page, web: ServeProcess):
    page.goto(web.http + "/")
    expect(page.locator("#scenario option[value='twitter']")).to_be_attached()
    controls = page.locator("main input, main textarea, main select, main button, main a")
    assert controls.count() >= 3
    for i in range(controls.count()):
        expect(controls.nth(i)).to_have_accessible_name(re.compile(r"\S"))


def contrast(page: Page, selector: str) -> float:
    """WCAG contrast of an element's text colour against its nearest opaque background."""
    return float(
        page.locator(selector).first.evaluate(
            """e => {
              const rgb = s => s.match(/[\\d.]+/g).map(Number);
              let bg = e, c = rgb(getComputedStyle(e).color);
              while (bg && rgb(getComputedStyle(bg).backgroundColor)[3] === 0) bg = bg.parentElement;
              const b = bg ? rgb(getComputedStyle(bg).backgroundColor) : [255, 255, 255];
              const lum = ([r, g, bl]) => {
                const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 };
                return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(bl);
              };
              const [hi, lo] = [lum(c), lum(b)].sort((x, y) => y - x);
              return (hi + 0.05) / (lo + 0.05);
            }"""
        )
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_meets_wcag_aa_contrast(page: Page, web: ServeProcess, api: httpx.Client, scheme):
    create(api, "twitter")
    page.emulate_media(color_scheme=scheme)
    page.goto(web.http + "/")
    expect(page.locator("#interview-rows tr").first).to_be_visible()
    for selector in ("h1", "body", ".muted", "a", "button.primary", "label", ".badge", "th"):
        assert contrast(page, selector) >= 4.5, (scheme, selector)


def test_key_mode_asks_for_a_key_and_keeps_it_in_this_tab_only(page: Page, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'sdi.db'}"
    key = create_key(url, "acme")
    server = ServeProcess(home=tmp_path, database_url=url).start()
    try:
        page.goto(server.http + "/")
        form = page.locator("#key-form")
        expect(form).to_be_visible()
        expect(page.locator("#api-key")).to_be_focused()
        expect(page.locator("#api-key")).to_have_accessible_name("API key")

        page.locator("#api-key").fill("sdi_key_wrong")
        page.locator("#api-key").press("Enter")
        expect(form).to_be_visible()  # still refused: asked again
        expect(form).to_contain_text("missing or invalid credentials")

        page.locator("#api-key").fill(key)
        page.locator("#api-key").press("Enter")
        expect(page.locator("#scenario option[value='twitter']")).to_be_attached()
        expect(form).to_have_count(0)
        assert page.evaluate("sessionStorage.getItem('sdi.key')") == key
        assert page.evaluate("localStorage.length") == 0
        assert page.context.cookies() == []

        # With the key the whole flow works: start, talk over the socket, list.
        page.locator("#scenario").select_option("twitter")
        page.locator("#start").click()
        page.wait_for_url(re.compile(r"/interview/\w+$"))
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        page.locator("#message").fill("Can tweets contain images or video?")
        page.locator("#message").press("Enter")
        expect(page.locator("#notes-list li[data-fact='media']")).to_be_visible()
        page.goto(server.http + "/")
        expect(page.locator("#interview-rows tr")).to_have_count(1)
        only_this_host(page)
    finally:
        server.stop()


def test_a_tab_with_only_the_interview_token_opens_that_interview(page: Page, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'sdi.db'}"
    key = create_key(url, "acme")
    server = ServeProcess(home=tmp_path, database_url=url).start()
    try:
        created = httpx.post(
            f"{server.http}/api/v1/interviews",
            json={"scenario_id": "twitter"},
            headers={"Authorization": f"Bearer {key}"},
            timeout=15,
        ).json()
        page.goto(f"{server.http}/interview/{created['id']}#token={created['token']}")
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        assert "#token" not in page.url  # taken out of the address bar
        page.locator("#message").fill("Can tweets contain images or video?")
        page.locator("#message").press("Enter")
        expect(page.locator("#notes-list li[data-fact='media']")).to_be_visible()
        expect(page.locator("#key-form")).to_have_count(0)
    finally:
        server.stop()


def test_the_candidate_with_only_the_token_finishes_their_interview(page: Page, tmp_path: Path):
    """Key mode: the interview's token finishes its own interview (Finish button, as `/finish`
    typed in the chat already does); the grade stays the platform's to show (the review asks
    for a key)."""
    url = f"sqlite:///{tmp_path / 'sdi.db'}"
    key = create_key(url, "acme")
    server = ServeProcess(home=tmp_path, database_url=url).start()
    try:
        auth = {"Authorization": f"Bearer {key}"}
        created = httpx.post(
            f"{server.http}/api/v1/interviews",
            json={"scenario_id": "twitter"},
            headers=auth,
            timeout=15,
        ).json()
        page.goto(f"{server.http}/interview/{created['id']}#token={created['token']}")
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        page.locator("#message").fill("Can tweets contain images or video?")
        page.locator("#message").press("Enter")
        expect(page.locator("#notes-list li[data-fact='media']")).to_be_visible()
        page.locator("#finish").click()
        page.wait_for_url(f"{server.http}/review/{created['id']}")
        state = httpx.get(
            f"{server.http}/api/v1/interviews/{created['id']}", headers=auth, timeout=15
        ).json()
        assert state["status"] == "finished"
        expect(page.locator("#key-form")).to_be_visible()  # the review needs the platform's key
        token = {"Authorization": f"Bearer {created['token']}"}
        grade = httpx.get(
            f"{server.http}/api/v1/interviews/{created['id']}/grade", headers=token, timeout=15
        )
        assert grade.status_code == 403
    finally:
        server.stop()


def test_pages_and_static_files_carry_security_headers(web: ServeProcess):
    iid = "0123abcd"
    for path in ("/", f"/interview/{iid}", "/static/app.css", "/static/api.js"):
        r = httpx.get(web.http + path, timeout=15)
        assert r.status_code == 200, (path, r.text)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "connect-src 'self'" in csp and "img-src 'self' data:" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    assert httpx.get(web.http + "/", timeout=15).headers["content-type"].startswith("text/html")
    assert httpx.get(web.http + "/static/nope.js", timeout=15).status_code == 404
    assert httpx.get(web.http + "/static/../routes.py", timeout=15).status_code == 404
    # The web routes stay out of the API schema.
    paths = httpx.get(web.http + "/openapi.json", timeout=15).json()["paths"]
    assert all(p.startswith(("/api/", "/healthz", "/readyz", "/metrics")) for p in paths), paths


def test_pages_load_only_files_from_this_server():
    """No CDN: every script and stylesheet a page names is a local /static file that exists."""
    for page in sorted(STATIC.glob("*.html")):
        html = page.read_text()
        refs = re.findall(r'(?:src|href)="([^"#]+)"', html)
        assert refs, page.name
        for ref in refs:
            assert ref.startswith("/"), (page.name, ref)
            if ref.startswith("/static/"):
                assert (STATIC / ref.removeprefix("/static/")).is_file(), (page.name, ref)
    vendor = STATIC / "vendor"
    for name in ("marked.umd.js", "purify.min.js", "marked.LICENSE", "dompurify.LICENSE"):
        assert (vendor / name).is_file(), name
    readme = (vendor / "README.md").read_text()
    assert "18.2.1" in readme and "3.5.0" in readme
