"""A reader follows the indicators in a real browser, on the demo data: from the dashboard to one
indicator, its chart, its Parties and their reports, then a Party's scorecard; without JavaScript
too."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def demo(settings):
    settings.DEMO = True
    call_command("setup", demo=True)


def test_a_reader_goes_from_the_dashboard_to_an_indicator_and_its_parties(demo, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/indicators/")
    expect(page.locator("h1")).to_have_text("Indicators of the Action Plan")
    expect(page.get_by_text("Demo data — not real national reports.").first).to_be_visible()
    expect(page.locator("tr[id]")).to_have_count(53)
    not_measured = page.locator('tr[id="A.2.a"]')
    expect(not_measured).to_contain_text("No data yet")
    expect(not_measured).to_contain_text("Data needed")
    page.screenshot(path=str(SCREENSHOTS / "indicators-dashboard.png"), full_page=False)

    page.locator('tr[id="A.1.b"] a').click()
    assert page.url.endswith("/indicators/A.1.b/")
    expect(page.locator("h1")).to_contain_text("sufficient and trained staff")
    chart = page.locator("figure.chart svg[role=img]")
    expect(chart).to_be_visible()
    assert "All Parties" in chart.locator("desc").text_content()
    expect(page.locator("#change")).to_be_visible()
    expect(page.get_by_text("Exact McNemar test on the panel")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "indicators-A.1.b.png"), full_page=False)

    counted = page.locator("details#numerator-5")
    counted.locator("summary").click()
    first = counted.locator("li a").first
    expect(first).to_be_visible()
    name = first.inner_text()
    counted.screenshot(path=str(SCREENSHOTS / "indicators-A.1.b-provenance.png"))
    first.click()
    assert "/reports/5/" in page.url
    expect(page.locator("h1")).to_contain_text(name)


def test_a_partys_page_shows_its_scorecard(demo, page):
    page.goto("/parties/KEN/")
    scorecard = page.locator("section[aria-labelledby=scorecard]")
    expect(scorecard.locator("h2")).to_have_text("Indicators: where Kenya counts")
    expect(scorecard.locator("tbody tr")).to_have_count(53)
    expect(scorecard.locator('tr:has(a[href="/indicators/A.2.a/"])')).to_contain_text("no data")
    scorecard.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "indicators-scorecard-KEN.png"), full_page=False)
    scorecard.locator('a[href="/indicators/A.1.a/"]').click()
    assert page.url.endswith("/indicators/A.1.a/")


def test_the_goal_page_shows_its_indicator_charts(demo, page):
    page.goto("/plan/A.5/")
    charts = page.locator("section.goal-charts article")
    expect(charts).to_have_count(6)
    expect(charts.first.locator("svg[role=img]")).to_be_visible()
    charts.first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "indicators-goal-A.5.png"), full_page=False)


def test_the_indicator_pages_read_without_javascript(demo, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/indicators/A.5.c/")
    expect(tab.locator("figure.chart svg")).to_be_visible()
    expect(tab.get_by_text("Parties per answer").first).to_be_visible()
    details = tab.locator("details#denominator-4")
    details.locator("summary").click()  # a native disclosure: no script needed
    expect(details.locator("li").first).to_be_visible()
    tab.goto("/indicators/A.1.b/")
    panel = tab.locator("details#panel-yes_yes")
    panel.locator("summary").click()
    expect(panel.locator("li a").first).to_have_text("NR4")
    context.close()


def test_the_dashboard_fits_a_phone_screen(demo, browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    tab = context.new_page()
    for url in ("/indicators/", "/indicators/A.1.a/"):
        tab.goto(url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, url
    tab.screenshot(path=str(SCREENSHOTS / "indicators-phone-A.1.a.png"), full_page=False)
    context.close()


def test_a_reader_follows_a_group_to_the_parties_behind_its_figure(demo, page):
    page.goto("/indicators/A.1.b/")
    expect(page.locator("#comparability")).to_contain_text("Wording change (NR4)")
    page.locator("#by-group ~ .table-wrap").first.get_by_role(
        "link", name="African Group: the Parties behind the figure"
    ).click()
    assert "group=region%3AAfrican%20Group" in page.url
    expect(page.locator("h2#provenance")).to_have_text(
        "The Parties behind the numbers: African Group"
    )
    counted = page.locator("details#numerator-5")
    counted.locator("summary").click()
    expect(counted.locator("li").first).to_be_visible()
    page.locator("#provenance-group").select_option("ldc")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("h2#provenance")).to_contain_text("Least developed countries")
    page.screenshot(path=str(SCREENSHOTS / "indicators-A.1.b-group-provenance.png"))
