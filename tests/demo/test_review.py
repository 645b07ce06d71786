"""Demo data: work waiting on the demo accounts (a corrected report, a question)."""

import io

import pytest

from cbap.demo import reports as demo_reports
from cbap.demo.accounts import demo_accounts_load
from cbap.demo.review import demo_review_load
from cbap.notifications.models import Notification
from cbap.records.models import Revision
from cbap.reports.models import NationalReport
from tests.demo.test_reports import registry  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_kenyas_focal_point_finds_a_corrected_report_and_a_question_waiting(
    client,
    cycles,
    registry,  # noqa: F811
):
    demo_accounts_load(io.StringIO())
    demo_reports.demo_reports_load()
    demo_review_load(io.StringIO())
    report = NationalReport.objects.get(cycle__number=5, government__code="KEN")
    assert report.status == "submitted" and report.published_version < report.version
    assert report.queries.get().question_key == "Q013"
    kinds = set(
        Notification.objects.filter(recipient__email="nfp.kenya@demo.cbap.example").values_list(
            "kind", flat=True
        )
    )
    assert kinds == {"submitted", "query"}
    revisions = Revision.objects.count()
    demo_reports.demo_reports_load()  # loading again leaves the corrected report alone
    demo_review_load(io.StringIO())
    assert Revision.objects.count() == revisions
    client.force_login(report.government.role_assignments.get(role="national_focal_point").user)
    page = client.get("/my-work/").content.decode()
    assert "To review and publish (1)" in page
    assert "Questions of the Secretariat to answer (1)" in page
