"""Demo data: synthetic NR4 and NR5 reports for the whole registry, imported like any feed."""

import io

import pytest

from cbap.accounts.permissions import SYSTEM
from cbap.bch.validation import validate
from cbap.demo import reports as demo
from cbap.parties import selectors as parties
from cbap.parties import services as parties_services
from cbap.records.models import Revision
from cbap.reports import selectors, services
from cbap.reports.models import NationalReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    parties_services.reference_data_load()


@pytest.fixture
def demo_reports(cycles, registry):
    out = io.StringIO()
    out.write("\n".join(demo.demo_reports_load()))
    return out.getvalue()


def test_demo_reports_are_synthetic_published_valid_plausible_and_labelled(
    client, demo_reports, cycles
):
    reports = NationalReport.objects.select_related("cycle")
    assert reports.count() > 250
    assert set(reports.values_list("status", "is_synthetic")) == {("published", True)}
    for report in reports:
        questionnaire = selectors.questionnaire_for(report.cycle)
        assert validate(questionnaire, report.answers, require_mandatory=True) == [], report
        assert report.submitted_on is not None and report.document_id is not None
    html = client.get("/reports/5/").content.decode()
    assert "Demo data — not real national reports." in html
    assert html.count("demo data</span>") > 100
    assert_plausible(cycles)


def assert_plausible(cycles):
    for cycle in cycles.values():
        party_codes = set(parties.parties_on(cycle.deadline).values_list("code", flat=True))
        reporting = set(cycle.reports.values_list("government__code", flat=True))
        share = len(reporting & party_codes) / len(party_codes)
        assert 0.7 < share < 0.97, (cycle.number, share)
        assert 0 < len(reporting - party_codes) < 20
    # governments mostly keep reporting, and mapped answers are correlated across cycles
    nr4, nr5 = cycles[4], cycles[5]
    nr4_codes = set(nr4.reports.values_list("government__code", flat=True))
    nr5_codes = set(nr5.reports.values_list("government__code", flat=True))
    assert len(nr5_codes & nr4_codes) > 0.8 * len(nr5_codes)
    same = total = 0
    for report in nr5.reports.select_related("government"):
        earlier = nr4.reports.filter(government=report.government).first()
        if earlier and "Q007" in report.answers and "Q014" in earlier.answers:
            total += 1
            same += report.answers["Q007"] == earlier.answers["Q014"]
    assert same > 0.3 * total


def test_demo_data_is_idempotent_and_leaves_real_reports_alone(cycles, registry):
    kenya = parties.registry_on(cycles[5].deadline).get(code="KEN")
    real, _ = services.report_save(
        cycle=cycles[5],
        government=kenya,
        answers={},
        status="published",
        is_synthetic=False,
        actor=SYSTEM,
    )
    out = io.StringIO()
    out.write("\n".join(demo.demo_reports_load()))
    assert "Demo reports NR4:" in out.getvalue() and "Demo reports NR5:" in out.getvalue()
    report = NationalReport.objects.get(cycle=cycles[5], government=kenya)
    assert not report.is_synthetic and report.answers == {} and report.version == real.version
    revisions = Revision.objects.count()
    lines = demo.demo_reports_load()
    assert all("0 created, 0 updated" in line for line in lines), lines
    assert Revision.objects.count() == revisions
