"""What waits for a signed-in person, across the apps: the "my work" page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cbap.accounts import permissions
from cbap.accounts.permissions import Action
from cbap.needs import selectors as needs
from cbap.notifications.selectors import notifications_of
from cbap.parties.models import Government
from cbap.parties.selectors import unknown_parties_on
from cbap.records import selectors as records
from cbap.records.models import Revision, Status
from cbap.reports import selectors as reports
from cbap.reports.models import NationalReport, ReportingCycle, ReportQuery

LISTED = 50  # records per list; the lists say when there are more


@dataclass(frozen=True)
class Waiting:
    """Records that wait for the person: to publish (or validate), returned to fix, questions
    of the Secretariat about their Party's reports to answer, and matches to act on."""

    to_publish: list
    to_fix: list
    to_answer: list
    matches: list  # of needs and offers, where a step is theirs to take


def waiting_for(user) -> Waiting:
    """Submitted records the person may publish, and drafts returned to the people of their
    Party or organization (which they may edit), of every record type."""
    to_publish, to_fix = [], []
    for model in records.record_models():
        submitted = model.listed().filter(status=Status.SUBMITTED)
        to_publish += permissions.records_where(user, Action.PUBLISH, submitted)[:LISTED]
        drafts = model.listed().filter(status=Status.DRAFT)
        to_fix += records.returned(permissions.records_where(user, Action.EDIT, drafts))[:LISTED]
    answerable = permissions.records_where(user, Action.ANSWER_QUERY, NationalReport.objects.all())
    unanswered = ReportQuery.objects.filter(answered_at__isnull=True, report__in=answerable)
    to_answer = list(unanswered.select_related("report__cycle", "report__government")[:LISTED])
    return Waiting(to_publish, to_fix, to_answer, needs.matches_waiting_for(user)[:LISTED])


@dataclass(frozen=True)
class PartyReport:
    cycle: ReportingCycle
    report: NationalReport | None


def party_reports(user) -> list[tuple[Government, list[PartyReport]]]:
    """The reports of the Parties the person holds a national role for, cycle by cycle."""
    parties = user.parties()
    if not parties:
        return []
    cycles = list(ReportingCycle.objects.defer("questionnaire").order_by("-number"))
    found = {
        (r.government_id, r.cycle_id): r
        for r in NationalReport.objects.filter(government__in=parties).defer("answers")
    }
    return [
        (party, [PartyReport(cycle, found.get((party.pk, cycle.pk))) for cycle in cycles])
        for party in parties
    ]


def recent_changes(user, limit: int = 10) -> list[Revision]:
    """The person's latest saved revisions, with their records."""
    revisions = (
        Revision.objects.filter(author=user).defer("content").prefetch_related("record")
    ).order_by("-created_at")[:limit]
    return [r for r in revisions if r.record is not None]  # None: deleted since


@dataclass(frozen=True)
class Missing:
    """The Parties of a cycle without a published report."""

    cycle: ReportingCycle
    parties: list[Government]
    population: int
    counted_on: date
    days_past: int  # days since the deadline (0 before it)
    unknown: list[Government]  # no published report, and nobody can tell if a Party that day


def missing_reports(today: date | None = None) -> list[Missing]:
    """For each cycle, newest first, the Parties on its deadline (today, before it) that have
    no published report in cbap, with the deadline and the days past it."""
    today = today or date.today()
    result = []
    for cycle in ReportingCycle.objects.defer("questionnaire").order_by("-number"):
        day = min(cycle.deadline, today)
        codes = reports.party_codes_on(day)
        published = set(
            NationalReport.objects.filter(cycle=cycle, published_version__isnull=False).values_list(
                "government__code", flat=True
            )
        )
        parties = list(Government.objects.filter(code__in=codes - published).order_by("name"))
        unknown = list(unknown_parties_on(day).exclude(code__in=published).order_by("name"))
        days_past = max(0, (today - cycle.deadline).days)
        result.append(Missing(cycle, parties, len(codes), day, days_past, unknown))
    return result


def unpublished_reports() -> list[NationalReport]:
    """National reports whose working copy is not public: drafts and submitted ones."""
    unpublished = NationalReport.listed().filter(status__in=(Status.DRAFT, Status.SUBMITTED))
    return list(unpublished.order_by("-cycle__number", "government__name"))


def unread(user, limit: int = 5):
    return list(notifications_of(user).filter(read_at__isnull=True)[:limit])
