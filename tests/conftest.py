"""Fixtures shared by the whole suite: the loaded plan and a headless Chromium for browser tests."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def plan(db):
    """The adopted plan (CP-10/4), loaded from the repository's data file."""
    from cbap.plan import catalogue, services

    version, _ = services.plan_version_load(data=catalogue.load_file())
    return version


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never Playwright's own browser download."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") or os.environ.get("CBAP_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing, and CI must run the browser tests.")
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    # Playwright's sync API runs an event loop in this thread; the live server is another thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
