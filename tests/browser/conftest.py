"""Browser tests: Playwright for Python driving Debian's chromium against a real `sdi serve`.

chromium comes from apt (`.ci/run` installs it); Playwright never downloads a browser here.
Every request the page makes is recorded, so a test can check that nothing left 127.0.0.1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.servers import ServeProcess

CHROMIUM = os.environ.get("SDI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


# Module scope, not session: while Playwright's sync API is running, the thread counts as inside
# an event loop, and the async tests that run after the browser tests could not start theirs.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"no chromium at {CHROMIUM}: `apt-get install -y --no-install-recommends chromium` "
            "(.ci/run does), or set SDI_CHROMIUM"
        )
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    """A real `sdi serve` (local mode, offline renderer) on a fresh SQLite file."""
    home = tmp_path_factory.mktemp("web")
    server = ServeProcess(home=home, database_url=f"sqlite:///{home / 'sdi.db'}").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no storage shared between tests); `page.requested` lists every
    URL the page asked for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.requested = requested  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
