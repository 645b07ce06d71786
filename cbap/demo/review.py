"""Demo data: work waiting on the demo accounts, so that "my work" shows what it is for.

Kenya's authorized user has corrected Kenya's (synthetic) fifth report and submitted it: its
focal point is told and finds it to review and publish. The Secretariat's analyst has asked
Kenya a question about the published version. Both through the services, so revisions,
audit entries and notifications are those of real work; loaded once.
"""

from __future__ import annotations

from cbap.accounts.models import User
from cbap.records.models import Status
from cbap.records.services import record_update
from cbap.reports.models import NationalReport
from cbap.reports.services import report_query_ask, report_transition

USER = "user.kenya@demo.cbap.example"
ANALYST = "analyst@demo.cbap.example"
CORRECTION = "[synthetic] Corrected: the national biosafety framework was revised in 2025."
QUESTION = "[synthetic] Which revision of the framework does your answer to Q013 refer to?"


def demo_review_load(out) -> None:
    report = NationalReport.objects.filter(
        cycle__number=5, government__code="KEN", is_synthetic=True
    ).first()
    user = User.objects.filter(email=USER).first()
    analyst = User.objects.filter(email=ANALYST).first()
    if report is None or user is None or analyst is None or report.queries.exists():
        return
    if report.status == Status.PUBLISHED:
        report_query_ask(report=report, actor=analyst, text=QUESTION, question_key="Q013")
        answers = {**report.answers, "Q013": {"value": {"en": CORRECTION}}}
        report = record_update(
            record=report,
            actor=user,
            data={"answers": answers},
            expected_version=report.version,
            message="[synthetic] Corrected Q013.",
        )
        report_transition(report=report, actor=user, action="submit")
        out.write("Demo review: Kenya's fifth report corrected and waiting for its focal point.")
