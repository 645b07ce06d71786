"""The working day of a focal point and an analyst, in a real browser.

Kenya's focal point invites a colleague, who chooses a password from the e-mail and drafts
part of the report; the focal point is told, reads the changes question by question, returns
the report with a comment; the colleague fixes and resubmits; the focal point publishes after
confirming, and the Secretariat sees Kenya leave the list of Parties without a report. On the
way: a password reset that tells nobody whether an address exists, the search, and a public
that cannot tell who has drafts.
"""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from cbap.accounts.models import Role, User
from cbap.parties.models import Government
from tests.browser.test_report_entry import SCREENSHOTS, fill_mandatory_except, report
from tests.personas import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple 42"
COLLEAGUE = "colleague@ke.example"
COLLEAGUE_PASSWORD = "a password of my own, 2026"
CHOSEN = "National measures are partially in place"  # NR5 Q007


@pytest.fixture
def people():
    call_command("setup")
    kenya = Government.objects.get(code="KEN")
    return {
        "focal_point": person(
            "nfp@ke.example", Role.NATIONAL_FOCAL_POINT, party=kenya, password=PASSWORD
        ),
        "analyst": person("analyst@cbd.example", Role.SECRETARIAT_ANALYST, password=PASSWORD),
    }


def signed_in(browser, live_server, email, password=PASSWORD):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto("/accounts/login/")
    tab.get_by_label("E-mail address").fill(email)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/my-work/")  # where a signed-in person lands
    return context, tab


def missing_in_nr5(tab) -> str:
    tab.goto("/my-work/")
    return tab.locator("#missing-5").inner_text()


def test_a_report_goes_from_invitation_to_publication(browser, live_server, people):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    analyst_context, analyst = signed_in(browser, live_server, "analyst@cbd.example")
    assert "Kenya" in missing_in_nr5(analyst)

    # The focal point invites a colleague by e-mail.
    fp_context, fp = signed_in(browser, live_server, "nfp@ke.example")
    fp.goto("/accounts/users/add/")
    fp.get_by_label("E-mail address").fill(COLLEAGUE)
    fp.get_by_label("Full name").fill("A. Colleague")
    fp.get_by_label("Role").select_option(label="National authorized user")
    fp.get_by_label("Party").select_option(label="Kenya")
    fp.get_by_role("button", name="Invite").click()
    expect(fp.locator(".messages")).to_contain_text("was told so by e-mail")
    [invitation] = [m for m in mail.outbox if m.to == [COLLEAGUE]]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+)", invitation.body)[1]

    # The colleague chooses a password from the e-mail, signs in and drafts Article 2.
    colleague_context = browser.new_context(base_url=live_server.url)
    colleague = colleague_context.new_page()
    colleague.set_default_timeout(15_000)
    colleague.goto(link)
    colleague.get_by_label(re.compile(r"^New password(?! confirmation)")).fill(COLLEAGUE_PASSWORD)
    colleague.get_by_label("New password confirmation").fill(COLLEAGUE_PASSWORD)
    colleague.get_by_role("button", name="Save the password").click()
    colleague_context.close()
    colleague_context, colleague = signed_in(browser, live_server, COLLEAGUE, COLLEAGUE_PASSWORD)
    colleague.get_by_role("link", name=re.compile("Start")).first.click()
    colleague.goto("/entry/5/KEN/Article2/")
    colleague.locator("#q-Q007").get_by_label(CHOSEN).check()
    colleague.get_by_role("button", name="Save draft").click()
    expect(colleague.locator(".messages")).to_contain_text("Draft saved")
    fill_mandatory_except("none", actor=User.objects.get(email=COLLEAGUE))
    colleague.goto("/entry/5/KEN/")
    colleague.get_by_role("button", name="Submit for publication").click()
    expect(colleague.locator(".messages")).to_contain_text("submitted for publication")

    # Nobody outside Kenya learns that it has a draft.
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto("/reports/5/?status=submitted")
    assert "Kenya" not in public.locator("main").inner_text()

    # The focal point is told, reads the changes, returns the report with a comment.
    fp.goto("/my-work/")
    expect(fp.locator("header")).to_contain_text("1 unread notification")
    expect(fp.locator("main")).to_contain_text("To review and publish (1)")
    fp.screenshot(path=str(SCREENSHOTS / "my-work-focal-point.png"), full_page=True)
    fp.get_by_role("link", name="Fifth national report: Kenya").first.click()
    fp.get_by_role("link", name="Every answer so far").click()
    changes = fp.locator("table.answer-changes")
    expect(changes).to_contain_text(CHOSEN)
    fp.screenshot(path=str(SCREENSHOTS / "review-changes.png"), full_page=False)
    fp.goto("/entry/5/KEN/")
    fp.get_by_role("link", name="Return to its author with a comment").click()
    fp.get_by_label("Reason (required)").fill("Q013: name the laws, please.")
    fp.get_by_role("button", name="Return to draft").click()
    assert report().status == "draft"

    # The colleague reads why, fixes Q013 and submits again.
    colleague.goto("/notifications/")
    expect(colleague.locator("main")).to_contain_text("Q013: name the laws, please.")
    colleague.goto("/entry/5/KEN/Article2/")
    colleague.locator("#q-Q013-input").fill("The Biosafety Act 2009 and its regulations.")
    colleague.get_by_role("button", name="Save draft").click()
    expect(colleague.locator(".messages")).to_contain_text("Draft saved")
    colleague.goto("/entry/5/KEN/")
    colleague.get_by_role("button", name="Submit for publication").click()
    expect(colleague.locator(".messages")).to_contain_text("submitted for publication")

    # The focal point publishes after confirming.
    fp.goto("/entry/5/KEN/")
    fp.get_by_role("link", name="Review and publish").click()
    expect(fp.locator("main")).to_contain_text("What the public will see")
    fp.screenshot(path=str(SCREENSHOTS / "publish-confirm.png"), full_page=False)
    fp.get_by_role("button", name=re.compile(r"^Yes, publish version")).first.click()
    expect(fp.locator(".messages")).to_contain_text("published")
    assert report().status == "published"

    # The Secretariat sees Kenya leave the list of Parties without a published report.
    assert "Kenya" not in missing_in_nr5(analyst)
    analyst.screenshot(path=str(SCREENSHOTS / "my-work-secretariat.png"), full_page=False)
    for context in (fp_context, colleague_context, analyst_context, public.context):
        context.close()


def test_a_password_reset_never_tells_whether_an_address_exists(browser, live_server, people):
    tab = browser.new_context(base_url=live_server.url).new_page()
    answers = []
    for email in ("nfp@ke.example", "nobody@nowhere.example"):
        tab.goto("/accounts/login/")
        tab.get_by_role("link", name="Forgotten your password?").click()
        tab.get_by_label("E-mail address").fill(email)
        tab.get_by_role("button", name="Send the link").click()
        answers.append(tab.locator("main").inner_text())
    assert answers[0] == answers[1] and "Check your e-mail" in answers[0]
    assert [m.to for m in mail.outbox] == [["nfp@ke.example"]]
    tab.context.close()


def test_the_search_finds_the_plan_a_party_and_a_question(browser, live_server, people):
    tab = browser.new_context(base_url=live_server.url).new_page()
    tab.goto("/")
    tab.get_by_role("link", name="Search", exact=True).click()
    for query, kind, expected in [
        ("socio-economic", "The Action Plan", "A.9"),
        ("Kenya", "Parties and other governments", "Kenya"),
        ("Q011", "National-report questions", "NR5 Q011"),
    ]:
        tab.get_by_label(re.compile("^Words")).fill(query)
        tab.get_by_role("button", name="Search").click()
        section = tab.locator("section").filter(
            has=tab.get_by_role("heading", name=re.compile(kind))
        )
        expect(section.locator("li").first).to_contain_text(expected)
    tab.goto("/search/?q=socio-economic")
    tab.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=False)
    tab.context.close()
