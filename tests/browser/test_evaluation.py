"""The Secretariat's analyst freezes a snapshot (the worker freezes it while its page shows the
progress), writes a finding on goal A.1 from a generated sentence and publishes it, and
has the evaluation report built by the worker and downloads it (DOCX, XLSX, PDF); a Party then revises its report: the live
indicator moves, the snapshot's does not."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cbap.accounts.permissions import SYSTEM
from cbap.evaluation.models import Finding, Snapshot
from cbap.reports.models import NationalReport
from cbap.reports.services import report_save
from tests.browser.test_activities import ANALYST, sign_in, take_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def demo_site(settings):
    settings.DEMO = True
    call_command("setup", demo=True, stdout=io.StringIO())


def a1b_midterm(page, path: str) -> str:
    """The NR5 value of A.1.b as its page (live or frozen) shows it."""
    page.goto(path)
    return page.locator("ul.headline li").nth(1).locator("strong").inner_text()


def revised_by_a_party() -> str:
    """A Party whose fifth report says it lacks adequate staff now says it has them."""
    report = next(
        r
        for r in NationalReport.objects.filter(cycle__number=5, published_version__isnull=False)
        if r.answers.get("Q011", {}).get("value") == "false"
    )
    answers = {**report.answers, "Q011": {"value": "true"}, "Q012_adq": {"value": "true"}}
    report_save(
        cycle=report.cycle,
        government=report.government,
        answers=answers,
        status="published",
        submitted_on=report.submitted_on,
        is_synthetic=True,
        actor=SYSTEM,
    )
    return report.government.code


def test_a_snapshot_and_a_finding_hold_while_the_live_data_moves(demo_site, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(page, ANALYST)
    page.goto("/evaluation/")
    page.get_by_label("Name").fill("sbi-midterm")
    page.get_by_label("Why it is frozen").fill("The midterm review for SBI (demo)")
    page.get_by_role("button", name="Freeze").click()
    assert page.url.endswith("/evaluation/snapshots/sbi-midterm/")
    assert "0 of 2 reporting cycles frozen" in page.locator("main").inner_text()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    # the page refreshes itself; a reload of ours could collide with its refresh
    expect(page.get_by_role("link", name="The indicators as frozen")).to_be_visible(timeout=20_000)
    assert Snapshot.objects.get(name="sbi-midterm").frozen
    page.screenshot(path=str(SCREENSHOTS / "evaluation-snapshot.png"), full_page=True)

    page.goto("/evaluation/findings/")
    page.select_option("#id_snapshot", "sbi-midterm")
    page.get_by_label("Goal (its indicators' sentences are offered)").select_option("A.1")
    page.get_by_role("button", name="Continue").click()
    offered = page.locator("section[aria-labelledby=offered] li").nth(1).inner_text()
    assert offered.startswith("A.1.b (Percentage of Parties that have sufficient")
    assert re.search(r"at midterm \(\d+ of the \d+ Parties that answered", offered)
    text = page.get_by_label("Text")
    text.fill(offered.removesuffix(" the numbers of A.1.b") + " Staffing is improving.")
    page.get_by_role("button", name="Save as draft").click()
    take_step(page, "Publish")
    finding = Finding.objects.get(snapshot="sbi-midterm")
    assert finding.status == "published" and "Staffing is improving." in finding.text
    page.screenshot(path=str(SCREENSHOTS / "evaluation-finding.png"), full_page=True)

    page.goto("/evaluation/snapshots/sbi-midterm/report/")
    assert "Staffing is improving." in page.locator("main").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "evaluation-report.png"), full_page=False)
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        page.goto("/evaluation/snapshots/sbi-midterm/report/")
        page.get_by_role("link", name=fmt.upper(), exact=True).first.click()
        assert "This document is not built yet" in page.locator("main").inner_text()
        page.get_by_role("button", name="Build it").click()
        assert re.search(r"/evaluation/builds/\d+/$", page.url), fmt
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
        expect(page.locator("main [role=status]")).to_contain_text("Built", timeout=20_000)
        if fmt == "docx":
            page.screenshot(path=str(SCREENSHOTS / "evaluation-report-built.png"))
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Download the file ({fmt.upper()})").click()
        assert Path(download.value.path()).read_bytes().startswith(magic), fmt
    with page.expect_download() as download:  # the report page's link serves it now
        page.goto("/evaluation/snapshots/sbi-midterm/report/")
        page.get_by_role("link", name="DOCX", exact=True).first.click()
    assert download.value.suggested_filename == "cbap-evaluation-sbi-midterm.docx"

    page.goto("/evaluation/snapshots/sbi-midterm/")  # a Party's country profile
    page.get_by_label("Country profile of (code, e.g. KEN)").fill("ken")
    page.get_by_role("button", name="Open").click()
    assert page.url.endswith("/evaluation/snapshots/sbi-midterm/profiles/KEN/")
    assert page.locator("h1").inner_text() == "Country profile: Kenya (KEN)"
    assert page.locator("table.scorecard tbody tr").count() == 53

    frozen = "/evaluation/snapshots/sbi-midterm/indicators/A.1.b/"
    before = (a1b_midterm(page, "/indicators/A.1.b/"), a1b_midterm(page, frozen))
    assert before[0] == before[1]
    code = revised_by_a_party()
    live, kept = a1b_midterm(page, "/indicators/A.1.b/"), a1b_midterm(page, frozen)
    assert live != before[0] and kept == before[1]  # the live value moves, the snapshot's not
    page.goto("/evaluation/snapshots/sbi-midterm/compare/")
    assert code in page.locator("main").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "evaluation-compare.png"), full_page=True)
