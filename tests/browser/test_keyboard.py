"""Journeys made with the keyboard only: a skip link first, a visible focus on every stop, the
focus in reading order and never trapped. A national user fills and saves part of a report, the
analyzer is driven, a download is reached."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cbap.accounts.models import Role
from cbap.parties.models import Government
from cbap.reports.models import NationalReport
from tests.personas import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple 42"
DRAFTER = "drafter@ke.example"
CHOSEN = "National measures are partially in place"  # NR5 Q007

FOCUSED = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
    const box = e.getBoundingClientRect();
    return {tag: e.tagName.toLowerCase(), type: e.type || "", name: e.name || "",
            text: (e.innerText || e.value || "").trim().slice(0, 120), label: label.trim(),
            href: e.getAttribute("href") || "", checked: !!e.checked,
            outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
            top: box.top + window.scrollY, id: e.id};
}"""


@pytest.fixture
def site() -> Government:
    """The demo site, and a national user of a Party that has not started its fifth report."""
    call_command("setup", demo=True, verbosity=0)
    reported = NationalReport.objects.filter(cycle__number=5).values("government")
    party = Government.objects.exclude(pk__in=reported).order_by("code").first()
    person(DRAFTER, Role.NATIONAL_USER, party=party, password=PASSWORD)
    return party


@pytest.fixture
def tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def focused(tab) -> dict:
    return tab.evaluate(FOCUSED)


def tab_to(tab, wanted, limit: int = 400) -> dict:
    """Press Tab until the focused element is `wanted` (a predicate), unless it is already; every
    stop on the way has a visible focus and moves on (no trap)."""
    previous = focused(tab)
    if wanted(previous):  # there already (a field with autofocus)
        return previous
    previous = None
    for _ in range(limit):
        tab.keyboard.press("Tab")
        now = focused(tab)
        assert now["tag"] != "body" or previous is None, "the focus left the page before the goal"
        assert now != previous, f"the focus is trapped on {now}"
        assert now["outline"] or now["tag"] == "body", f"no visible focus on {now}"
        if wanted(now):
            return now
        previous = now
    raise AssertionError("never reached with Tab")


def test_the_first_tab_stop_is_the_skip_link_and_it_moves_to_the_content(tab, site):
    tab.goto("/plan/")
    tab.keyboard.press("Tab")
    first = focused(tab)
    assert first["text"] == "Skip to content" and first["outline"]
    tab.keyboard.press("Enter")
    assert tab.url.endswith("#main")
    stop = tab_to(tab, lambda f: f["tag"] == "a")
    assert stop["top"] > tab.locator("header").bounding_box()["height"], "after the header"


def test_a_national_user_fills_and_saves_part_of_a_report_with_the_keyboard(tab, site):
    tab.goto("/accounts/login/")
    # the field has autofocus; Chromium may give it the focus just after the page's load event
    expect(tab.locator("input[name=username]")).to_be_focused()
    tab.keyboard.type(DRAFTER)
    tab_to(tab, lambda f: f["name"] == "password")
    tab.keyboard.type(PASSWORD)
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/my-work/")

    tab.goto(f"/entry/5/{site.code}/")
    tab_to(tab, lambda f: f["text"] == "Article 2 – General provisions")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/entry/5/{site.code}/Article2/")
    # Q007's options are radio buttons: Tab enters the group, the arrows choose.
    tab_to(tab, lambda f: f["type"] == "radio" and f["name"] == "q:Q007")
    for _ in range(10):
        if focused(tab)["label"] == CHOSEN:
            break
        tab.keyboard.press("ArrowDown")
    assert focused(tab)["label"] == CHOSEN and focused(tab)["checked"]
    tab_to(tab, lambda f: f["text"] == "Save draft")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    assert "Draft saved" in tab.locator(".messages").inner_text()
    saved = NationalReport.objects.get(cycle__number=5, government=site)
    assert saved.answers["Q007"] == {"value": "implementation.partiallyInPlace"}


def test_the_analyzer_is_driven_and_a_download_reached_with_the_keyboard(tab, site):
    tab.goto("/analyzer/")
    tab_to(tab, lambda f: f["name"] == "question")
    tab.keyboard.type("Q007")
    tab_to(tab, lambda f: f["tag"] == "button" and f["type"] == "submit")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**question=Q007**")
    assert "Q007" in tab.locator("#Q007-title").inner_text()
    assert tab.locator("table").count() > 0

    tab_to(tab, lambda f: f["href"].endswith(".csv") or ".csv?" in f["href"])
    with tab.expect_download() as download:
        tab.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
