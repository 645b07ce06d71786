"""WCAG 2.1 A and AA, measured: axe-core on every kind of page, at a desktop's and a phone's
width, signed out and signed in; journeys made with the keyboard only; pages at 320 px wide and
right to left without overflow."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from cbap.accounts.models import Role, User
from cbap.activities.formats.jobs import import_job_create, import_job_run
from cbap.activities.models import Activity, Resource
from cbap.evaluation.models import Finding
from cbap.needs.models import Declaration, Match, Offer, SelfAssessment, SupportRequest
from cbap.needs.services import self_assessment_start
from cbap.parties.models import Government
from cbap.reports.models import NationalReport, ReportingCycle
from cbap.reports.selectors import questionnaire_for
from tests.personas import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 390]
PASSWORD = "correct horse battery staple 42"
FOCAL_POINT = "nfp@ke.example"
ANALYST = "analyst@cbd.example"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI") or os.environ.get("CBAP_REQUIRE_BROWSER"):
            pytest.fail(f"{AXE} is missing: `npm ci` installs it (.ci/run does).")
        pytest.skip("axe-core is not installed (npm ci)")
    return AXE.read_text()


@pytest.fixture
def demo_site():
    """The plan, the Parties, the questionnaires and the demo reports, as `make run` has them;
    Kenya's focal point and an analyst with known passwords."""
    call_command("setup", demo=True, verbosity=0)
    kenya = Government.objects.get(code="KEN")
    person(FOCAL_POINT, Role.NATIONAL_FOCAL_POINT, party=kenya, password=PASSWORD)
    person(ANALYST, Role.SECRETARIAT_ANALYST, password=PASSWORD)


def published_report_path() -> str:
    report = NationalReport.objects.filter(cycle__number=5, published_version__isnull=False)
    return f"/reports/5/{report.order_by('government__code').first().government.code}/"


def public_pages() -> list[str]:
    return [
        "/",
        "/plan/",
        "/plan/A.5/",
        "/plan/A.5.3/",
        "/plan/indicators/A.5.c/",
        "/plan/versions/",
        "/plan/search/?q=risk+assessment",
        "/plan/articles/26/",
        "/plan/about/",
        "/indicators/",
        "/indicators/A.5.c/",
        "/analyzer/",
        "/analyzer/?cycle=5&question=Q007",  # a table and a chart
        "/analyzer/answers/?cycle=5&question=Q013",
        "/parties/",
        "/parties/KEN/",
        "/reports/",
        "/reports/5/",
        published_report_path(),
        "/organizations/",
        "/activities/",
        "/activities/?goal=A.5&owner=reference&q=risk",
        "/activities/map/",
        f"/activities/{Activity.objects.filter(published_version__isnull=False).first().pk}/",
        "/activities/library/",
        f"/activities/library/{Resource.objects.filter(published_version__isnull=False).first().pk}/",
        "/needs/",
        "/needs/gaps/",
        "/needs/offers/",
        Offer.objects.filter(published_version__isnull=False).first().get_absolute_url(),
        SelfAssessment.objects.filter(published_version__isnull=False).first().get_absolute_url(),
        "/needs/requests/",
        "/evaluation/snapshots/demo-midterm/",
        "/evaluation/snapshots/demo-midterm/indicators/",
        "/evaluation/snapshots/demo-midterm/indicators/A.1.b/",
        "/evaluation/snapshots/demo-midterm/compare/",
        "/evaluation/snapshots/demo-midterm/report/",
        "/evaluation/snapshots/demo-midterm/report.docx",  # not built yet: offers to build it
        "/evaluation/snapshots/demo-midterm/profiles/",
        "/evaluation/snapshots/demo-midterm/profiles/SLV/",
        "/evaluation/findings/",
        Finding.objects.filter(published_version__isnull=False).first().get_absolute_url(),
        SupportRequest.objects.filter(published_version__isnull=False).first().get_absolute_url(),
        "/search/?q=laboratories",
        "/accessibility/",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/no-such-page/",  # the error page
        "/fr/plan/A.5/",
        "/es/analyzer/?cycle=5&question=Q007",
    ]


def focal_point_pages() -> list[str]:
    sections = questionnaire_for(ReportingCycle.objects.get(number=5)).sections
    return [
        "/my-work/",
        "/entry/5/KEN/",
        # every section: together they hold every kind of question
        *(f"/entry/5/KEN/{section.key}/" for section in sections),
        "/entry/5/KEN/changes/",
        "/reports/import/",
        "/accounts/me/",
        "/accounts/users/",
        "/contacts/party/KEN/",
        "/activities/new/",
        "/activities/library/new/",
        f"/activities/{Activity.objects.filter(owner_party__code='KEN').first().pk}/edit/",
        "/activities/import/",
        failed_import(),
        self_assessment_form(),
        "/needs/requests/new/",  # Kenya has no published self-assessment yet: it is told so
        "/notifications/",
        "/records/audit/",  # not allowed: the error page of a signed-in person
    ]


def self_assessment_form() -> str:
    """Kenya's self-assessment, pre-filled from its reports, as its focal point edits it."""
    assessment = self_assessment_start(
        party=Government.objects.get(code="KEN"), actor=User.objects.get(email=FOCAL_POINT)
    )
    return reverse("needs:assessment_edit", args=[assessment.pk])


def failed_import() -> str:
    """The page of a refused import of Kenya's focal point: its problems as a table."""
    job = import_job_create(
        kind="activity",
        fmt="iati",
        file_name="kenya.xml",
        data=b"<iati-activities version='2.03'><iati-activity/></iati-activities>",
        actor=User.objects.get(email=FOCAL_POINT),
        owner_party="KEN",
    )
    import_job_run(job=job)
    return job.get_absolute_url()


def violations(tab, axe_source: str) -> list[str]:
    tab.add_script_tag(content=axe_source)
    found = tab.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
            .violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
                v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "))""",
        WCAG_21_AA,
    )
    return found


def check_pages(browser, live_server, axe_source, paths, *, signed_in_as=None) -> list[str]:
    problems = []
    for width in WIDTHS:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}, bypass_csp=True
        )
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        if signed_in_as:
            sign_in(tab, signed_in_as)
        for path in paths:
            tab.goto(path)
            problems += [f"{path} at {width} px: {v}" for v in violations(tab, axe_source)]
        context.close()
    return problems


def sign_in(tab, email: str) -> None:
    tab.goto("/accounts/login/")
    tab.fill('input[name="username"]', email)
    tab.fill('input[name="password"]', PASSWORD)
    tab.press('input[name="password"]', "Enter")
    tab.wait_for_url("**/my-work/")


def test_public_pages_have_no_wcag_violations(browser, live_server, axe_source, demo_site):
    problems = check_pages(browser, live_server, axe_source, public_pages())
    assert problems == [], "\n".join(problems)


def test_pages_of_a_focal_point_have_no_wcag_violations(
    browser, live_server, axe_source, demo_site
):
    problems = check_pages(
        browser, live_server, axe_source, focal_point_pages(), signed_in_as=FOCAL_POINT
    )
    assert problems == [], "\n".join(problems)


def test_pages_of_an_analyst_have_no_wcag_violations(browser, live_server, axe_source, demo_site):
    paths = [
        "/my-work/",
        "/analyzer/?cycle=5&question=Q007&by=region",
        "/records/audit/",
        "/needs/matches/",
        Match.objects.first().get_absolute_url(),
        "/needs/declarations/",
        Declaration.objects.first().get_absolute_url(),  # with its review form
        "/evaluation/",  # with the form that freezes a snapshot
        "/evaluation/findings/new/?snapshot=demo-midterm&goal=A.1",  # with its sentences
    ]
    problems = check_pages(browser, live_server, axe_source, paths, signed_in_as=ANALYST)
    assert problems == [], "\n".join(problems)


OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")].filter(e => {
        if (e.closest(".table-wrap, .visually-hidden, .skip")) return false;
        const box = e.getBoundingClientRect();
        return box.width > 0 && (box.left < -1 || box.right > width + 1);
    });
    return {scroll: document.documentElement.scrollWidth, width,
            wide: wide.slice(0, 5).map(e => e.tagName + (e.id ? "#" + e.id : "") + "." + e.className)};
}"""


def overflowing(tab) -> dict | None:
    found = tab.evaluate(OVERFLOW)
    return found if found["wide"] or found["scroll"] > found["width"] + 1 else None


def test_pages_fit_320_pixels_without_scrolling_sideways(browser, live_server, demo_site):
    """WCAG 1.4.10 (reflow): 320 CSS pixels is a 1280-pixel screen at 400 % zoom."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    tab = context.new_page()
    problems = {}
    for path in public_pages():
        tab.goto(path)
        if found := overflowing(tab):
            problems[path] = found
    context.close()
    assert problems == {}


def test_a_right_to_left_language_lays_the_pages_out_from_the_right(
    browser, live_server, demo_site
):
    """Arabic has no catalogue yet; offered, its pages turn right to left and nothing
    overflows (the stylesheets use logical properties)."""
    languages = [("en", "English"), ("ar", "العربية")]
    with override_settings(LANGUAGES=languages):
        for width in WIDTHS:
            context = browser.new_context(
                base_url=live_server.url, viewport={"width": width, "height": 900}
            )
            tab = context.new_page()
            for path in ["/ar/", "/ar/plan/A.5/", "/ar/analyzer/?cycle=5&question=Q007"]:
                tab.goto(path)
                assert tab.locator("html").get_attribute("dir") == "rtl"
                assert tab.locator("html").get_attribute("lang") == "ar"
                assert overflowing(tab) is None, path
                brand = tab.locator(".brand").bounding_box()
                assert brand["x"] > width / 2 - brand["width"], "the brand starts at the right"
            context.close()
