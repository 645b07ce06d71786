"""A national focal point edits and publishes their own Party's contacts, and cannot touch another's;
an organization editor submits their profile and the Secretariat publishes it."""

from pathlib import Path

import pytest
from django.core.management import call_command

from cbap.contacts.models import NationalContact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "demo-cbap-2026"


@pytest.fixture
def demo_site(settings):
    settings.DEMO = True
    call_command("setup", demo=True)


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_newcomer_finds_a_party_and_its_status(demo_site, page):
    page.goto("/parties/")
    page.get_by_label("Name or code").fill("Kenya")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Kenya").first.click()
    assert "Party to the Cartagena Protocol on Biosafety" in page.locator("main").inner_text()


def test_the_kenyan_focal_point_edits_and_publishes_kenyas_contact_but_not_brazils(demo_site, page):
    sign_in(page, "nfp.kenya@demo.cbap.example")
    page.goto("/contacts/party/KEN/")
    draft = NationalContact.objects.get(owner_party__code="KEN", status="draft")
    card = page.locator(f"#contact-{draft.pk}")
    card.get_by_role("link", name="Edit").click()
    page.get_by_label("City").fill("Nairobi (updated)")
    page.get_by_role("button", name="Save changes").click()
    card = page.locator(f"#contact-{draft.pk}")
    card.locator("summary", has_text="Publish").click()
    card.get_by_role("button", name="Publish").click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "contacts-KEN-published.png"), full_page=True)
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.content()["city"] == "Nairobi (updated)"

    page.goto("/contacts/party/BRA/")
    assert page.get_by_role("link", name="Add a contact").count() == 0
    assert page.get_by_role("link", name="Edit").count() == 0
    brazil = NationalContact.objects.filter(owner_party__code="BRA").first()
    response = page.goto(f"/contacts/{brazil.pk}/edit/")
    assert response.status == 403


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_stale_publish_is_refused_with_what_changed(demo_site, page):
    """The focal point opens the list; meanwhile the authorized user changes the draft; the
    focal point's "Publish" is refused (409) instead of publishing content they have not seen."""
    sign_in(page, "nfp.kenya@demo.cbap.example")
    page.goto("/contacts/party/KEN/")
    draft = NationalContact.objects.get(owner_party__code="KEN", status="draft")
    from cbap.accounts.models import User
    from cbap.records import services

    services.record_update(
        record=draft,
        actor=User.objects.get(email="user.kenya@demo.cbap.example"),
        data={"city": "Changed meanwhile"},
        expected_version=draft.version,
    )
    card = page.locator(f"#contact-{draft.pk}")
    card.locator("summary", has_text="Publish").click()
    card.get_by_role("button", name="Publish").click()
    assert "was changed meanwhile" in page.locator("main").inner_text()
    assert "Changed meanwhile" in page.locator("main").inner_text()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_organization_editor_submits_the_profile_and_the_secretariat_publishes_it(
    demo_site, page
):
    from cbap.demo.accounts import DEMO_ORGANIZATION
    from cbap.organizations.models import OrganizationProfile

    profile = OrganizationProfile.objects.get(owner_organization__name=DEMO_ORGANIZATION)
    sign_in(page, "editor@demo.cbap.example")
    page.goto(f"/organizations/{profile.pk}/")
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("City").fill("Mombasa")
    page.get_by_role("button", name="Save changes").click()
    assert page.get_by_role("button", name="Publish").count() == 0
    page.locator("summary", has_text="Submit for publication").click()
    page.get_by_role("button", name="Submit for publication").click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "organization-submitted.png"), full_page=True)
    profile.refresh_from_db()
    assert (profile.status, profile.city, profile.published_version) == ("submitted", "Mombasa", 2)

    sign_out(page)
    sign_in(page, "analyst@demo.cbap.example")
    page.goto(f"/organizations/{profile.pk}/")
    page.locator("summary", has_text="Publish").click()
    page.get_by_role("button", name="Publish").click()
    profile.refresh_from_db()
    assert profile.status == "published" and profile.published_version == profile.version
    sign_out(page)
    page.goto(f"/organizations/{profile.pk}/")
    assert "Mombasa" in page.locator("main").inner_text()
