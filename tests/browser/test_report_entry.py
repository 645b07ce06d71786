"""A Party enters its fifth national report in a real browser, and the analyzer counts it.

Kenya's national authorized user drafts a few questions (one reveals a conditional question
through the rules run by entry.js) and saves; the draft autosaves as they move on. Kenya's focal
point completes what is mandatory, submits and publishes; the analyzer then counts the answer.
"""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cbap.accounts.models import Role
from cbap.bch.validation import validate
from cbap.parties.models import Government
from cbap.records import services
from cbap.reports.entry.forms import check_draft
from cbap.reports.models import NationalReport, ReportingCycle
from cbap.reports.selectors import questionnaire_for
from tests.personas import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "correct horse battery staple 42"
CHOSEN = "National measures are partially in place"  # NR5 Q007


@pytest.fixture
def kenya_people():
    call_command("setup")  # the plan, the Parties and the questionnaires, as on a real site
    kenya = Government.objects.get(code="KEN")
    people = {}
    for email, role in [
        ("drafter@ke.example", Role.NATIONAL_USER),
        ("nfp@ke.example", Role.NATIONAL_FOCAL_POINT),
    ]:
        people[role] = person(email, role, party=kenya, password=PASSWORD)
    return people


def sign_in(browser, live_server, email, **options):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, **options
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto("/accounts/login/")
    tab.fill('input[name="username"]', email)
    tab.fill('input[name="password"]', PASSWORD)
    tab.press('input[name="password"]', "Enter")
    tab.wait_for_load_state()
    assert "/accounts/login/" not in tab.url, "sign-in failed"
    return context, tab


def report(party=None) -> NationalReport:
    return NationalReport.objects.get(cycle__number=5, government=party or kenya())


def kenya() -> Government:
    return Government.objects.get(code="KEN")


def fill_mandatory_except(section_key: str, actor, party: str | None = None) -> None:
    """What the national user drafted over the following weeks: every mandatory question that
    applies answered with its first option (or a short text), except in one section (of
    Kenya's report, or of `party`'s)."""
    cycle = ReportingCycle.objects.get(number=5)
    qn = questionnaire_for(cycle)
    for _ in range(10):  # answers can make further mandatory questions apply
        current = report(party)
        answers = dict(current.answers)
        missing = [
            qn.questions[p.question]
            for p in validate(qn, answers, require_mandatory=True)
            if p.kind == "mandatory_missing" and qn.questions[p.question].section != section_key
        ]
        if not missing:
            return
        for question in missing:
            answers[question.key] = first_answer(question)
        services.record_update(
            record=current,
            actor=actor,
            data={"answers": check_draft(qn, answers).answers},
            expected_version=current.version,
        )
    raise AssertionError("the mandatory questions never settled")


def first_answer(question):
    if question.type in ("option", "term"):
        option = next(o for o in question.options if not o.exclusive)
        item = {"identifier" if question.type == "term" else "value": option.value}
        return [item] if question.multiple else item
    if question.type == "int":
        return {"value": 1}
    return {"value": {"en": "Described in the national biosafety framework."}}


def test_kenya_drafts_submits_and_publishes_its_fifth_report(browser, live_server, kenya_people):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # Kenya's national authorized user drafts Article 2.
    context, tab = sign_in(browser, live_server, "drafter@ke.example")
    tab.clock.install()  # so the 20-second autosave can be fast-forwarded
    tab.goto("/entry/5/KEN/")
    tab.get_by_role("link", name="Article 2 – General provisions").first.click()
    assert tab.url.endswith("/entry/5/KEN/Article2/")
    q007 = tab.locator("#q-Q007")
    q007.get_by_label(CHOSEN).check()

    # Q010 = No hides Q010_adq ("Are these resources adequate"); Yes brings it back.
    adequate = tab.locator("#q-Q010_adq")
    tab.locator("#q-Q010").get_by_label("No", exact=True).check()
    assert adequate.is_hidden()
    tab.locator("#q-Q010").get_by_label("Yes", exact=True).check()
    assert adequate.is_visible()
    adequate.get_by_label("Yes", exact=True).check()

    # "No instruments are in place" excludes the others: ticking it unticks them.
    q008 = tab.locator("#q-Q008")
    q008.get_by_label("One or more national biosafety laws").check()
    q008.get_by_label("No instruments are in place").check()
    assert not q008.get_by_label("One or more national biosafety laws").is_checked()
    q008.get_by_label("One or more national biosafety laws").check()
    assert not q008.get_by_label("No instruments are in place").is_checked()

    # Typing beside "Yes, to some extent:" chooses that option.
    tab.locator("#q-Q009").get_by_label("Please specify").fill("in the agriculture strategy")
    assert tab.locator("#q-Q009").get_by_role("radio", name="Yes, to some extent:").is_checked()
    tab.mouse.wheel(0, 450)
    tab.screenshot(path=str(SCREENSHOTS / "entry-section-drafting.png"))

    tab.get_by_role("button", name="Save draft").click()
    assert "Draft saved" in tab.locator(".messages").inner_text()
    saved = report()
    assert saved.answers["Q007"] == {"value": "implementation.partiallyInPlace"}
    assert saved.answers["Q010_adq"] == {"value": "true"}
    assert saved.answers["Q009"]["additionalInformation"] == {"en": "in the agriculture strategy"}
    tab.screenshot(path=str(SCREENSHOTS / "entry-section-saved.png"), full_page=True)

    # The draft saves itself every 20 seconds, carrying the new version.
    tab.locator("#q-Q013-input").fill("The Biosafety Act 2009 and its regulations.")
    tab.clock.fast_forward(21_000)
    expect(tab.locator("#entry-status")).to_contain_text("Draft saved")
    assert report().answers["Q013"] == {
        "value": {"en": "The Biosafety Act 2009 and its regulations."}
    }
    assert tab.locator('input[name="version"]').input_value() == str(report().version)

    # Moving to the next section saves first.
    tab.locator("#q-Q013-input").fill("The Biosafety Act 2009, its regulations and guidelines.")
    tab.get_by_role("link", name="Next section →").click()
    tab.wait_for_url("**/entry/5/KEN/Article5/")
    assert "guidelines" in report().answers["Q013"]["value"]["en"]
    context.close()

    fill_mandatory_except("Article5", actor=kenya_people[Role.NATIONAL_USER])

    # Kenya's focal point submits: Article 5 still lacks its mandatory answer.
    context, tab = sign_in(browser, live_server, "nfp@ke.example")
    tab.goto("/entry/5/KEN/")
    tab.get_by_role("button", name="Submit for publication").click()
    problems = tab.locator("#problems")
    assert "Q014" in problems.inner_text() and "mandatory" in problems.inner_text()
    tab.screenshot(path=str(SCREENSHOTS / "entry-submit-refused.png"), full_page=True)
    problems.get_by_role("link").first.click()
    assert tab.url.endswith("/entry/5/KEN/Article5/#q-Q014")
    tab.locator("#q-Q014").get_by_label("Yes", exact=True).check()
    tab.get_by_role("button", name="Save draft").click()
    assert "Draft saved" in tab.locator(".messages").inner_text()

    tab.goto("/entry/5/KEN/")
    tab.get_by_role("button", name="Submit for publication").click()
    assert "submitted for publication" in tab.locator(".messages").inner_text()
    tab.get_by_role("link", name="Review and publish").click()
    tab.get_by_role("button", name=re.compile(r"^Yes, publish version")).first.click()
    assert "published" in tab.locator(".messages").inner_text()
    assert report().status == "published"
    tab.screenshot(path=str(SCREENSHOTS / "entry-published.png"), full_page=True)

    tab.goto("/entry/5/KEN/print/")
    assert CHOSEN in tab.locator("main").inner_text()
    tab.emulate_media(media="print")
    tab.screenshot(path=str(SCREENSHOTS / "entry-print.png"), full_page=False)
    tab.emulate_media(media="screen")

    # The analyzer now counts Kenya under the option chosen for Q007.
    tab.goto("/analyzer/?cycle=5&question=Q007")
    table = tab.locator("table").filter(has_text=CHOSEN).first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    total = next(i for i, h in enumerate(headers) if h.startswith("Total"))
    row = table.locator("tbody tr").filter(has_text=CHOSEN).first
    cells = row.locator("th, td").all_inner_texts()
    assert cells[total].split()[0] == "1"  # the default measure counts governments
    tab.screenshot(path=str(SCREENSHOTS / "entry-analyzer-Q007.png"), full_page=True)
    context.close()


def test_a_printed_demo_report_keeps_its_label(browser, live_server, kenya_people, settings):
    settings.DEMO = False  # off the demo site too
    kenya = Government.objects.get(code="KEN")
    NationalReport.objects.create(
        cycle=ReportingCycle.objects.get(number=5),
        government=kenya,
        answers={"Q007": {"value": "implementation.fullInPlace"}},
        is_synthetic=True,
        version=1,
    )
    context, tab = sign_in(browser, live_server, "drafter@ke.example")
    tab.goto("/entry/5/KEN/print/")
    tab.emulate_media(media="print")
    label = tab.locator(".synthetic-banner")
    expect(label).to_be_visible()
    assert "Demo data — not real national reports." in label.inner_text()
    expect(tab.locator(".breadcrumbs")).to_be_hidden()  # the print layout is on
    tab.screenshot(path=str(SCREENSHOTS / "entry-print-demo.png"), full_page=False)
    context.close()


def test_without_javascript_every_question_shows_and_the_server_applies_the_rules(
    browser, live_server, kenya_people
):
    context, tab = sign_in(browser, live_server, "drafter@ke.example", java_script_enabled=False)
    tab.goto("/entry/5/KEN/Article2/")
    tab.locator("#q-Q010").get_by_label("No", exact=True).check()
    adequate = tab.locator("#q-Q010_adq")
    assert adequate.is_visible()  # nothing hides it without JavaScript
    adequate.get_by_label("Yes", exact=True).check()
    tab.get_by_role("button", name="Save draft").click()
    messages = tab.locator(".messages").inner_text()
    assert "Draft saved" in messages and "Answer removed: Q010_adq" in messages
    assert report().answers == {"Q010": {"value": "false"}}
    assert "does not apply with the answers saved so far" in adequate.inner_text()
    tab.screenshot(path=str(SCREENSHOTS / "entry-no-javascript.png"), full_page=True)
    context.close()


def test_a_stale_save_shows_what_changed_and_keeps_what_was_typed(
    browser, live_server, kenya_people
):
    context, tab = sign_in(browser, live_server, "drafter@ke.example")
    tab.goto("/entry/5/KEN/Article2/")
    tab.locator("#q-Q007").get_by_label(CHOSEN).check()
    tab.get_by_role("button", name="Save draft").click()
    assert "Draft saved" in tab.locator(".messages").inner_text()

    # Meanwhile the focal point changes the same answer in another browser.
    current = report()
    services.record_update(
        record=current,
        actor=kenya_people[Role.NATIONAL_FOCAL_POINT],
        data={"answers": {"Q007": {"value": "implementation.fullInPlace"}}},
        expected_version=current.version,
    )

    tab.locator("#q-Q013-input").fill("Typed while someone else saved.")
    tab.get_by_role("button", name="Save draft").click()
    conflict = tab.locator("#conflict")
    assert "someone else saved this report meanwhile" in conflict.inner_text()
    assert "nfp@ke.example" in conflict.inner_text()
    assert "National measures are fully in place" in conflict.inner_text()
    assert tab.locator("#q-Q013-input").input_value() == "Typed while someone else saved."
    tab.screenshot(path=str(SCREENSHOTS / "entry-conflict.png"), full_page=True)

    # Leaving the section does not save over the other version behind the person's back.
    tab.get_by_role("link", name="Next section →").click()
    expect(tab.locator("#entry-status")).to_contain_text("Not saved yet")
    assert tab.url.endswith("/entry/5/KEN/Article2/")
    assert report().answers["Q007"] == {"value": "implementation.fullInPlace"}

    # Saving again, having seen the changes, is a deliberate choice.
    tab.get_by_role("button", name="Save draft").click()
    assert "Draft saved" in tab.locator(".messages").inner_text()
    assert report().answers["Q007"] == {"value": "implementation.partiallyInPlace"}
    context.close()
