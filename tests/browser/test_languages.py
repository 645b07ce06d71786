"""The issue's journeys in French and Spanish: a French-speaking focal point signs in, switches
to French, fills, saves and submits part of the 5th report with the questions in French; a
Spanish reader browses the plan, the analyzer and the indicators in Spanish."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from cbap.accounts.models import Role, User
from cbap.bch.translations import titles_of_cycle
from cbap.parties.models import Government
from cbap.reports.models import NationalReport
from tests.browser.test_report_entry import SCREENSHOTS, fill_mandatory_except
from tests.personas import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple 42"
FOCAL_POINT = "nfp@example.fr"


def said(language: str, english: str) -> str:
    """The interface's text in `language`; a test of a translation that is missing fails."""
    with translation.override(language):
        translated = gettext(english)
    assert translated != english, f"{english!r} has no {language} translation"
    return translated


def bch(question: str, option: str | None = None, language: str = "fr") -> str:
    """The BCH's own translation of a question or option title of the 5th report."""
    given = titles_of_cycle(5)["questions"][question]
    return (given["options"][option] if option else given["title"])[language]


@pytest.fixture
def party() -> Government:
    """A Party that has not started its fifth report, with a French-speaking focal point."""
    call_command("setup", demo=True, verbosity=0)
    reported = NationalReport.objects.filter(cycle__number=5).values("government")
    party = Government.objects.exclude(pk__in=reported).order_by("code").first()
    person(FOCAL_POINT, Role.NATIONAL_FOCAL_POINT, party=party, password=PASSWORD)
    return party


def test_a_french_speaking_focal_point_reports_in_french(browser, live_server, party):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto("/accounts/login/")
    tab.get_by_label("E-mail address").fill(FOCAL_POINT)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/my-work/")

    # The switcher: the same page, in French, and the choice kept in the account.
    tab.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    tab.wait_for_url("**/fr/my-work/")
    assert tab.locator("html").get_attribute("lang") == "fr"
    assert tab.locator("h1").inner_text() == said("fr", "My work")

    tab.goto(f"/fr/entry/5/{party.code}/")
    section = tab.get_by_role("link", name="Article 2 – Dispositions générales").first
    section.click()
    tab.wait_for_url(f"**/fr/entry/5/{party.code}/Article2/")
    q007 = tab.locator("#q-Q007")
    assert bch("Q007") in q007.inner_text()
    q007.get_by_label(bch("Q007", "implementation.partiallyInPlace")).check()
    tab.screenshot(path=str(SCREENSHOTS / "entry-french.png"), full_page=False)
    tab.get_by_role("button", name=said("fr", "Save draft")).click()
    expect(tab.locator(".messages")).to_contain_text(said("fr", "Draft saved at %(time)s.")[:12])
    report = NationalReport.objects.get(cycle__number=5, government=party)
    assert report.answers["Q007"] == {"value": "implementation.partiallyInPlace"}

    # The rest of the report was drafted meanwhile; the focal point submits it, in French.
    fill_mandatory_except("(none)", actor=User.objects.get(email=FOCAL_POINT), party=party)
    tab.goto(f"/fr/entry/5/{party.code}/")
    tab.get_by_role("button", name=said("fr", "Submit for publication")).click()
    expect(tab.locator(".messages")).to_contain_text(
        said("fr", "The report was submitted for publication.")
    )
    assert NationalReport.objects.get(pk=report.pk).status == "submitted"
    tab.screenshot(path=str(SCREENSHOTS / "entry-french-submitted.png"), full_page=False)
    context.close()


def test_a_spanish_reader_browses_the_plan_the_analyzer_and_the_indicators(
    browser, live_server, party
):
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto("/")  # a first visit: the browser asks for Spanish
    tab.wait_for_url("**/es/")
    assert tab.locator("html").get_attribute("lang") == "es"

    tab.get_by_role("link", name=said("es", "The plan")).first.click()
    tab.wait_for_url("**/es/plan/")
    assert tab.locator("[lang=en]").count() > 0, "the plan's English text is marked as English"

    tab.get_by_role("link", name=said("es", "Analyzer")).first.click()
    tab.wait_for_url("**/es/analyzer/**")
    tab.goto("/es/analyzer/?cycle=5&question=Q007")
    assert bch("Q007", language="es") in tab.locator("main").inner_text()
    assert (
        bch("Q007", "implementation.fullInPlace", "es") in tab.locator("table").first.inner_text()
    )
    tab.screenshot(path=str(SCREENSHOTS / "analyzer-spanish.png"), full_page=False)

    tab.get_by_role("link", name=said("es", "Indicators")).first.click()
    tab.wait_for_url("**/es/indicators/")
    assert tab.locator("h1").inner_text() == said("es", "Indicators of the Action Plan")
    context.close()
