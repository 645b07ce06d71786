"""Kenya's focal point publishes a self-assessment pre-filled from Kenya's reports; the demo
provider's editor publishes an offer (validated by the Secretariat); the match appears for
both with its reasons; both accept; the provider records the activity that delivered it;
Kenya closes the match as met; the gap analysis counts the need as met, and the indicators
count Kenya beside the fifth reports: a self-assessment (B.1.a), support received (B.1.b)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from cbap.activities.models import Activity
from cbap.needs.models import Match, Offer, SelfAssessment
from tests.browser.test_activities import ANALYST, EDITOR, KENYA, sign_in, take_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def demo_site(settings):
    settings.DEMO = True
    call_command("setup", demo=True)


def unmet_high_in_all(page, key_area: str) -> str:
    page.goto("/needs/gaps/")
    row = page.locator("table.gaps tr", has=page.locator(f'a[href="/plan/{key_area}/"]'))
    return row.locator("td").first.inner_text()


def beside_parties(page, code: str) -> int:
    """The Parties counted beside the fifth reports' value of an indicator (0: none yet)."""
    page.goto(f"/indicators/{code}/")
    shown = page.locator("ul.headline .detail.beside").first.inner_text()
    found = re.search(r"\((\d+) / \d+ Parties\)", shown)
    return int(found.group(1)) if found else 0


def test_a_need_goes_from_self_assessment_to_support_delivered(demo_site, page):
    assessed, supported = beside_parties(page, "B.1.a"), beside_parties(page, "B.1.b")
    sign_in(page, KENYA)
    page.goto("/needs/")
    page.get_by_role("button", name="Start a new self-assessment (pre-filled)").click()
    assert "pre-filled from what Kenya already said" in page.locator("body").inner_text()
    page.get_by_label("Date of the assessment").fill("2026-01-20")  # before the NR5 deadline
    page.select_option("#id_level_A\\.8\\.2", "high")
    page.fill("#id_rank_A\\.8\\.2", "1")
    page.locator("#line-A\\.8\\.2").get_by_label("Training").check()
    page.get_by_role("button", name="Save as draft").click()
    take_step(page, "Publish")
    assessment = SelfAssessment.objects.get(owner_party__code="KEN")
    assert assessment.status == "published" and assessment.lines["A.8.2"]["level"] == "high"
    before = unmet_high_in_all(page, "A.8.2")

    sign_in(page, EDITOR)
    page.goto("/needs/offers/new/")
    page.get_by_label("Title").fill("Zebrafish course on LMO detection (synthetic)")
    page.select_option("#id_key_areas", ["A.8.2"])
    page.locator("#id_kinds").get_by_label("Training").check()
    page.get_by_label("Places or units offered").fill("12")
    page.get_by_role("button", name="Save as draft").click()
    take_step(page, "Submit for publication")
    offer = Offer.objects.get(title__startswith="Zebrafish")
    sign_in(page, ANALYST)
    page.goto(offer.get_absolute_url())
    take_step(page, "Publish")

    sign_in(page, EDITOR)
    page.goto(offer.get_absolute_url())
    row = page.locator("table.fits tr", has=page.get_by_role("link", name="Kenya"))
    row.locator("summary").first.click()
    assert "offers A.8.2" in row.inner_text()  # the reasons of the score, term by term
    row.get_by_role("button", name="Propose this match").click()
    match = Match.objects.get(offer=offer)
    assert (match.state, match.proposed_by) == ("proposed", "provider")

    sign_in(page, KENYA)
    page.goto("/needs/matches/")
    page.get_by_role("link", name="Kenya, A.8.2").click()
    assert "Why they match" in page.locator("main").inner_text()
    page.get_by_role("button", name="Accept this match").click()

    sign_in(page, EDITOR)
    page.goto("/activities/new/")
    page.get_by_label("Title of the activity").fill(
        "Zebrafish course delivered in Kenya (synthetic)"
    )
    page.get_by_label("Status").select_option("completed")
    page.get_by_label("Start date").fill("2026-01-26")
    page.get_by_label("Geographic scope").select_option("national")
    page.select_option("#id_countries", ["KEN"])
    page.select_option("#id_plan_codes", ["A.8.2"])
    page.get_by_role("button", name="Save as draft").click()
    take_step(page, "Submit for publication")
    course = Activity.objects.get(title__en__startswith="Zebrafish course delivered")
    sign_in(page, ANALYST)
    page.goto(course.get_absolute_url())
    take_step(page, "Publish")
    sign_in(page, EDITOR)
    page.goto(match.get_absolute_url())
    page.get_by_label("The recorded activity that delivered it").select_option(str(course.pk))
    page.get_by_role("button", name="Mark as delivered").click()

    sign_in(page, KENYA)
    page.goto(match.get_absolute_url())
    page.get_by_label("Need met", exact=True).check()
    page.get_by_role("button", name="Close the match").click()
    match.refresh_from_db()
    assert (match.state, match.outcome, match.activity) == ("closed", "met", course)

    after = unmet_high_in_all(page, "A.8.2")
    high, unmet = (int(n) for n in re.match(r"(\d+) high, (\d+) unmet", before).groups())
    assert after.startswith(f"{high} high, {unmet - 1} unmet")
    assert beside_parties(page, "B.1.a") == assessed + 1
    assert beside_parties(page, "B.1.b") == supported + 1
    page.screenshot(path=str(SCREENSHOTS / "needs-indicator.png"), full_page=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "needs-gaps.png"), full_page=True)
