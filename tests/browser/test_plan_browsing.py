"""A newcomer finds their way through the plan in a real browser, with and without JavaScript."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/hypothetical-plan-adjustment.json"
EXAMPLE_CODE = "HYPOTHETICAL-EXAMPLE"


def test_a_newcomer_goes_from_the_home_page_to_an_indicator(plan, page):
    page.goto("/")
    assert "planned and measured in the open" in page.locator("h1").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)

    page.get_by_role(
        "link", name="A.5. Parties carry out scientifically sound risk assessments"
    ).first.click()
    assert page.url.endswith("/plan/A.5/")
    assert page.locator("#A\\.5\\.5").inner_text().startswith("(5)Parties have qualified staff")
    page.screenshot(path=str(SCREENSHOTS / "goal-A.5.png"), full_page=True)

    page.get_by_role("link", name="Number of experts by Parties").click()
    page.wait_for_url("**/indicators/A.5.c/")  # the indicator's one page
    assert page.locator("h1").inner_text().startswith("Number of experts by Parties")
    assert (
        "Sum of people trained in risk assessment" in page.locator("#definition + dl").inner_text()
    )
    page.screenshot(path=str(SCREENSHOTS / "indicator-A.5.c.png"), full_page=True)


def test_search_works_without_javascript(plan, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/plan/search/")
    tab.get_by_label("Words to find").fill("laboratories")
    tab.get_by_role("button", name="Search").click()
    assert tab.locator("mark").first.inner_text().lower() == "laboratories"
    assert "A.8.c" in tab.locator("main").inner_text()
    context.close()


PHONE_PAGES = [
    "/plan/A.10/",
    "/plan/versions/",
    "/plan/search/?q=risk+assessment",
    "/plan/about/",
    "/plan/articles/",
    "/plan/articles/26/",
    "/plan/indicators/A.10.b/",
]


@pytest.mark.parametrize("width", [375, 390])
def test_pages_fit_a_phone_screen(plan, browser, live_server, width):
    # a second version, so the versions page shows its comparison form and a change table
    call_command("plan", "load", str(EXAMPLE), "--not-current", stdout=io.StringIO())
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 740}
    )
    tab = context.new_page()
    for url in [*PHONE_PAGES, f"/plan/versions/?from=CP-10/4&to={EXAMPLE_CODE}"]:
        tab.goto(url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than a {width}px phone"
    tab.goto("/plan/A.10/")
    tab.screenshot(path=str(SCREENSHOTS / f"phone-{width}-A.10.png"), full_page=False)
    context.close()


def test_an_older_version_stays_selected_while_browsing(plan, page):
    call_command("plan", "load", str(EXAMPLE), stdout=io.StringIO())  # made current
    page.goto("/plan/?version=CP-10/4")
    page.get_by_role("link", name="A.1. Parties have in place functional").click()
    page.wait_for_url("**/plan/A.1/?version=CP-10%2F4")
    assert page.locator("#A\\.1\\.ii").is_visible()  # removed in the hypothetical version
    page.get_by_role("link", name="Percentage of Parties that have sufficient").click()
    page.wait_for_url("**/plan/indicators/A.1.b/?version=CP-10%2F4")
    assert "This is not the current version." in page.locator("main").inner_text()


def test_api_docs_render_from_local_assets_under_the_content_security_policy(plan, page):
    blocked = []
    page.on(
        "console",
        lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info")
    assert "cbap API" in page.locator(".swagger-ui .info").inner_text()
    # every group is listed, folded (Swagger UI does not draw over a hundred paths at once)
    expect(page.locator(".opblock-tag", has_text="support-requests")).to_be_visible()
    page.locator(".opblock-tag", has_text="plan").first.click()
    expect(page.get_by_text("/api/v1/plan/goals/{code}/").first).to_be_visible()
    assert blocked == []
