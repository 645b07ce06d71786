"""A provider's editor records a training material and the activity that produced it, the
Secretariat validates both, Kenya's focal point records and publishes a national activity; the
three then show on the goal, key-area and Party pages, in the site search, in the API and behind
the indicator values they count for."""

from pathlib import Path

import pytest
from django.core.management import call_command

from cbap.activities.models import Activity, Resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "demo-cbap-2026"
EDITOR, ANALYST, KENYA = (
    "editor@demo.cbap.example",
    "analyst@demo.cbap.example",
    "nfp.kenya@demo.cbap.example",
)


@pytest.fixture
def demo_site(settings):
    settings.DEMO = True
    call_command("setup", demo=True)


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def take_step(page, step: str):
    page.locator("summary", has_text=step).first.click()
    page.locator("details[open] button", has_text=step).first.click()


def test_activities_and_materials_go_from_their_authors_to_every_page(demo_site, page):
    sign_in(page, EDITOR)
    page.goto("/activities/library/new/")
    page.get_by_label("Title").fill("Zebrafish manual on socioeconomic considerations (synthetic)")
    page.get_by_label("Training material", exact=True).check()
    page.get_by_label("It is a training material").check()
    page.get_by_label("Publication date").fill("2025-06")  # in the midterm's window
    page.get_by_label("Summary, abstract or table of contents").fill("Demo data (synthetic).")
    page.get_by_label("Links to the resource").fill("https://example.org/zebrafish-manual")
    page.select_option("#id_plan_codes", ["A.9.ii"])
    page.get_by_role("button", name="Save as draft").click()
    material = Resource.objects.get(title__en__startswith="Zebrafish")
    take_step(page, "Submit for publication")

    page.goto("/activities/new/")
    page.get_by_label("Title of the activity").fill(
        "Zebrafish regional course on LMO detection (synthetic)"
    )
    page.get_by_label("Status").select_option("approved")
    page.get_by_label("Start date").fill("2027-02-01")
    page.get_by_label("End date").fill("2027-02-05")
    page.get_by_label("Geographic scope").select_option("regional")
    page.get_by_label("African Group").check()
    page.select_option("#id_plan_codes", ["A.8.i", "A.8.1"])
    page.get_by_label("Training", exact=True).check()
    page.get_by_role("checkbox", name="Laboratory technicians").check()
    page.get_by_label("Organizations in their roles").fill("funding | Demo donor (synthetic) | 40")
    page.get_by_label("Outputs: library resources it produced").fill(str(material.pk))
    page.get_by_role("button", name="Save as draft").click()
    course = Activity.objects.get(title__en__startswith="Zebrafish regional")
    assert course.status == "draft" and course.owner_organization.name.startswith("Demo")
    take_step(page, "Submit for publication")

    sign_in(page, ANALYST)
    for url in (material.get_absolute_url(), course.get_absolute_url()):
        page.goto(url)
        take_step(page, "Publish")
    sign_in(page, KENYA)
    page.goto("/activities/new/")
    page.get_by_label("Title of the activity").fill(
        "Zebrafish national workshop on detection (synthetic)"
    )
    page.get_by_label("Status").select_option("approved")
    page.get_by_label("Start date").fill("2027-03-01")
    page.get_by_label("Geographic scope").select_option("national")
    page.select_option("#id_countries", ["KEN"])
    page.select_option("#id_plan_codes", ["A.8.1"])
    page.get_by_role("button", name="Save as draft").click()
    take_step(page, "Publish")
    national = Activity.objects.get(title__en__startswith="Zebrafish national")
    assert {
        r.status
        for r in (
            Resource.objects.get(pk=material.pk),
            Activity.objects.get(pk=course.pk),
            national,
        )
    } == {"published"}

    page.context.clear_cookies()
    goal = page.goto("/plan/A.8/") and page.locator("#done").locator("..").inner_text()
    assert "Zebrafish regional course" in goal and "Zebrafish national workshop" in goal
    page.goto("/plan/A.8/")
    page.locator("#A\\.8\\.1 a", has_text="activities recorded").click()
    listed = page.locator("main").inner_text()
    assert "Zebrafish regional course" in listed and "Zebrafish national workshop" in listed
    party = page.goto("/parties/KEN/") and page.locator("main").inner_text()
    assert "Zebrafish regional course" in party and "Zebrafish national workshop" in party
    page.goto(course.get_absolute_url())
    page.get_by_role(
        "link", name="Zebrafish manual on socioeconomic considerations (synthetic)"
    ).click()
    assert "Produced by" in page.locator("main").inner_text()
    page.goto("/search/?q=zebrafish")
    found = page.locator("main").inner_text()
    assert all(
        title in found
        for title in (
            "Zebrafish manual",
            "Zebrafish regional course",
            "Zebrafish national workshop",
        )
    )
    api = page.request.get("/api/v1/activities/?q=zebrafish").json()
    assert {row["id"] for row in api["results"]} == {course.pk, national.pk}
    # A.9.b counts training materials on socioeconomic considerations published in the window:
    # the manual is behind its midterm figure, linked.
    page.goto("/indicators/A.9.b/")
    page.locator("summary", has_text="behind the figure").first.click()
    page.get_by_role(
        "link", name="Zebrafish manual on socioeconomic considerations (synthetic)"
    ).first.click()
    assert page.url.endswith(material.get_absolute_url())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/activities/?q=zebrafish")
    page.screenshot(path=str(SCREENSHOTS / "activities-zebrafish.png"), full_page=True)
