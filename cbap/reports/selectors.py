"""Reading national-report data: cycles, questionnaires, reports as each person may see them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Func, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from cbap.bch.questionnaire import CONTAINER_TYPES, Questionnaire, questionnaire_from_json
from cbap.bch.rules import ANSWERED, NOT_APPLICABLE, answer_states
from cbap.bch.text import answer_value, item_value, plain, plain_option_title, text_in
from cbap.bch.translations import SOURCE_LANGUAGE, bch_language, titles_of_cycle, translated
from cbap.parties import selectors as parties
from cbap.parties.models import Government
from cbap.records.models import Revision, Status
from cbap.records.selectors import published_contents, record_history
from cbap.reports import permissions as report_permissions
from cbap.reports.models import (
    NationalReport,
    Question,
    QuestionMapping,
    ReportingCycle,
    ReportQuery,
)

_QUESTIONNAIRES: dict[tuple[int, str, str], Questionnaire] = {}


def questionnaire_for(cycle: ReportingCycle, language: str = SOURCE_LANGUAGE) -> Questionnaire:
    """The cycle's parsed (pure) questionnaire, parsed once per question-set version. Its titles
    are English, the language of the data (files, checks, computations); pages pass the reader's
    language and get the BCH's translations of the titles where they exist."""
    if not cycle.questionnaire:
        raise LookupError(
            _("%(cycle)s has no questionnaire loaded (run `cbap setup`).") % {"cycle": cycle}
        )
    key = (cycle.number, cycle.questionnaire_hash, bch_language(language))
    if key not in _QUESTIONNAIRES:
        english = (cycle.number, cycle.questionnaire_hash, SOURCE_LANGUAGE)
        if english not in _QUESTIONNAIRES:
            _QUESTIONNAIRES[english] = questionnaire_from_json(
                cycle.questionnaire, cycle=cycle.number
            )
        titles = titles_of_cycle(cycle.number)
        _QUESTIONNAIRES[key] = (
            translated(_QUESTIONNAIRES[english], titles, language)
            if titles
            else _QUESTIONNAIRES[english]
        )
    return _QUESTIONNAIRES[key]


def cycle_by_number(number: int) -> ReportingCycle:
    return ReportingCycle.objects.get(number=number)


def _count(queryset) -> Subquery:
    counted = queryset.order_by().values("cycle").annotate(n=Func(F("pk"), function="COUNT"))
    return Coalesce(Subquery(counted.values("n")), 0)


def cycles_with_counts() -> QuerySet[ReportingCycle]:
    """Every cycle with `published_count`, `synthetic_count` (published demo reports) and
    `question_count` (answerable questions: no sub-section headings or legends), one subquery
    each (joining reports and questions would multiply rows)."""
    published = NationalReport.objects.filter(cycle=OuterRef("pk"), published_version__isnull=False)
    return ReportingCycle.objects.defer("questionnaire").annotate(
        published_count=_count(published),
        synthetic_count=_count(published.filter(is_synthetic=True)),
        question_count=_count(
            Question.objects.filter(cycle=OuterRef("pk")).exclude(type__in=CONTAINER_TYPES)
        ),
    )


def mappings_of(cycle: ReportingCycle) -> dict[str, QuestionMapping]:
    return {m.key: m for m in cycle.mappings.all()}


# ------------------------------------------------------------------------------------------
# Reports as a person may see them
# ------------------------------------------------------------------------------------------


def reports_visible_to(user, cycle: ReportingCycle) -> QuerySet[NationalReport]:
    """Reports that have a published revision, for everyone; the others only for those who may
    see drafts (the Secretariat, and a Party's own people for that Party's reports)."""
    reports = (
        NationalReport.objects.filter(cycle=cycle)
        .select_related("government", "cycle")
        .defer("cycle__questionnaire")
    )
    return report_permissions.visible(user, reports).order_by("government__name")


def report_for(user, cycle: ReportingCycle, code: str) -> NationalReport | None:
    """The government's report in the cycle if the user may see it, else None."""
    return reports_visible_to(user, cycle).filter(government__code=code.upper()).first()


@dataclass(frozen=True)
class ReportVersion:
    """One version of a national report as plain data: the published one for the public, or
    the working copy for those who may see drafts. Never a model instance, so nothing read for
    the public can be saved back over a working copy."""

    report_id: int
    cycle_number: int
    government: Government  # read only: its code, name and BCH identifier
    number: int  # the revision number
    status: str
    answers: Mapping[str, Any]
    submitted_on: date | None
    document_id: int | None
    bch_identifier: str
    is_synthetic: bool

    @classmethod
    def of(cls, report: NationalReport, content: Mapping[str, Any], *, published: bool):
        return cls(
            report_id=report.pk,
            cycle_number=report.cycle.number,
            government=report.government,
            number=report.published_version if published else report.version,
            status=Status.PUBLISHED if published else report.status,
            answers=content.get("answers") or {},
            submitted_on=revision_date(content.get("submitted_on")),
            document_id=content.get("document_id"),
            bch_identifier=content.get("bch_identifier") or "",
            is_synthetic=report.is_synthetic,
        )


def published_versions(reports: QuerySet[NationalReport]) -> list[ReportVersion]:
    """The published version of each of the reports that has one, ordered by government name:
    the one way to read what the public sees of national reports (two queries at most)."""
    chosen = list(
        reports.filter(published_version__isnull=False)
        .select_related("government", "cycle")
        .defer("cycle__questionnaire")
        .order_by("government__name")
    )
    contents = published_contents(chosen)
    return [
        ReportVersion.of(report, contents[report.pk], published=True)
        for report in chosen
        if report.pk in contents
    ]


def report_published(report: NationalReport) -> ReportVersion | None:
    """The published version of one report, or None while nothing is published."""
    content = published_contents([report]).get(report.pk)
    return None if content is None else ReportVersion.of(report, content, published=True)


@dataclass(frozen=True)
class PreviousAnswers:
    """A government's published answers in the cycle before, with the mapping of that cycle's
    questions to this one's (the baselines of the web form)."""

    questionnaire: Questionnaire | None
    answers: Mapping[str, Any]
    mappings: list[QuestionMapping]


def previous_answers(cycle: ReportingCycle, government) -> PreviousAnswers | None:
    """The government's published answers in the cycle before `cycle`; None when there are
    none (no earlier cycle, no report, nothing published or nothing answered)."""
    previous = cycle.previous
    if previous is None:
        return None
    old = NationalReport.objects.filter(cycle=previous, government=government).first()
    published = report_published(old) if old is not None else None
    if published is None or not published.answers:
        return None
    try:
        old_questionnaire = questionnaire_for(previous)
    except LookupError:
        old_questionnaire = None
    mappings = list(QuestionMapping.objects.filter(cycle=cycle))
    return PreviousAnswers(old_questionnaire, published.answers, mappings)


def working_version(report: NationalReport) -> ReportVersion:
    """The report's working copy (drafts included), for those who may see it."""
    return ReportVersion.of(report, report.content(), published=False)


def version_read_by(user, report: NationalReport) -> ReportVersion | None:
    """The version the person reads: the working copy for those who may see drafts, the
    published version for everyone else (None while nothing is published)."""
    if report_permissions.may_view_draft(user, report):
        return working_version(report)
    return report_published(report)


def first_submissions(published: Mapping[int, int]) -> dict[int, date]:
    """report id → the first date any revision up to its published one (report id → published
    version number) was submitted; a report none of whose revisions has a date is left out.

    Whether a Party submitted its report in time is decided by its first submission:
    correcting and republishing it after the deadline does not make it late."""
    dated = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(NationalReport),
        object_id__in=list(published),
        content__submitted_on__isnull=False,
    ).values_list("object_id", "number", "content__submitted_on")
    first: dict[int, date] = {}
    for pk, number, submitted in dated:
        day = revision_date(submitted)
        if day and number <= published[pk] and (pk not in first or day < first[pk]):
            first[pk] = day
    return first


def revision_date(value: Any) -> date | None:
    """A date as a revision's content holds it (ISO text), or None."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


@dataclass(frozen=True)
class Seen:
    """A report's status and submission date as one person sees them: the working copy's for
    those who may see drafts, the published version's for everyone else (the public must not
    read "Draft" above published answers). `newer_draft`: a published version exists and the
    working copy has changed since (shown only to those who see drafts)."""

    status: str
    submitted_on: date | None
    working_copy: bool
    newer_draft: bool

    @property
    def status_label(self) -> str:
        return Status(self.status).label


def as_seen(user, reports: Iterable[NationalReport]) -> list[NationalReport]:
    """The reports, each with `.seen` (a :class:`Seen`) set for `user`; one query for the
    published revisions of reports with a newer working copy, read by those who see drafts."""
    reports = list(reports)
    drafts = {r.pk for r in reports if report_permissions.may_view_draft(user, r)}
    older = [
        r
        for r in reports
        if r.pk not in drafts
        and r.published_version is not None
        and not (r.status == Status.PUBLISHED and r.published_version == r.version)
    ]
    dates = {
        pk: revision_date(content.get("submitted_on"))
        for pk, content in published_contents(older).items()
    }
    older = {r.pk for r in older}
    for report in reports:
        newer = report.published_version not in (None, report.version)
        if report.pk in drafts:
            report.seen = Seen(report.status, report.submitted_on, True, newer)
        elif report.pk in older:
            report.seen = Seen(Status.PUBLISHED, dates.get(report.pk), False, False)
        else:
            report.seen = Seen(report.status, report.submitted_on, False, False)
    return reports


def updated_on(report: NationalReport) -> date | None:
    """The day the published version was published, when it replaced an earlier publication
    (a corrected re-publication); the first publication's day stays the submission date."""
    if report.published_version is None:
        return None
    published = list(
        record_history(report)
        .filter(status=Status.PUBLISHED, number__lte=report.published_version)
        .values_list("number", "created_at")[:2]
    )
    if len(published) < 2 or published[0][0] != report.published_version:
        return None
    return timezone.localdate(published[0][1])


def queries_of(report: NationalReport) -> QuerySet[ReportQuery]:
    return report.queries.select_related("asked_by", "answered_by")


@dataclass(frozen=True)
class Timeliness:
    """Who of the Parties on a cycle's deadline submitted their report by it: the codes of each
    kind. A published report whose submission date is unknown (a BCH feed carries none) is
    `date_unknown`, never late; a report never published is `not_submitted`."""

    deadline: date
    parties: int
    on_time: tuple[str, ...]
    late: tuple[str, ...]
    date_unknown: tuple[str, ...]
    not_submitted: tuple[str, ...]

    @property
    def share_range(self) -> tuple[float, float] | None:
        """Percent of the Parties by the deadline: at least the known ones, at most those and
        every report of unknown date."""
        if not self.parties:
            return None
        low = 100 * len(self.on_time) / self.parties
        return low, low + 100 * len(self.date_unknown) / self.parties

    @property
    def share_of_dated(self) -> float | None:
        """Percent by the deadline among the published reports whose date is known."""
        dated = len(self.on_time) + len(self.late)
        return 100 * len(self.on_time) / dated if dated else None

    def standing(self) -> list[tuple[str, str]]:
        """(code, "on time" | "late" | "date unknown" | "not submitted"), by code."""
        kinds = {
            "on time": self.on_time,
            "late": self.late,
            "date unknown": self.date_unknown,
            "not submitted": self.not_submitted,
        }
        return sorted((code, kind) for kind, codes in kinds.items() for code in codes)


def submission_timeliness(cycle: ReportingCycle) -> Timeliness:
    """The Parties to the Cartagena Protocol on the deadline by when they first submitted the
    report published now (what the public sees; drafts and non-Parties do not count). Three
    queries."""
    parties_on_day = party_codes_on(cycle.deadline)
    rows = NationalReport.objects.filter(
        cycle=cycle, published_version__isnull=False, government__code__in=parties_on_day
    ).values_list("pk", "government__code", "published_version")
    first = first_submissions({pk: version for pk, _, version in rows})
    kinds: dict[str, list[str]] = {"on_time": [], "late": [], "date_unknown": []}
    for pk, code, _version in rows:
        day = first.get(pk)
        kind = "date_unknown" if day is None else "on_time" if day <= cycle.deadline else "late"
        kinds[kind].append(code)
    published = {code for codes in kinds.values() for code in codes}
    return Timeliness(
        deadline=cycle.deadline,
        parties=len(parties_on_day),
        **{kind: tuple(sorted(codes)) for kind, codes in kinds.items()},
        not_submitted=tuple(sorted(parties_on_day - published)),
    )


def is_party_on(government, day: date) -> bool:
    """Whether the government is a Party to the Cartagena Protocol on `day`."""
    return parties.parties_on(day).filter(pk=government.pk).exists()


def party_codes_on(day: date) -> set[str]:
    """Codes of the governments that are Parties to the Cartagena Protocol on `day`."""
    return set(parties.parties_on(day).values_list("code", flat=True))


# ------------------------------------------------------------------------------------------
# One report, for reading
# ------------------------------------------------------------------------------------------


@dataclass
class AnswerView:
    key: str
    number: str
    title: str
    type: str
    state: str  # answered / not_answered / not_applicable; "heading" for sub-sections, legends
    depth: int
    choices: list[dict[str, Any]] = field(default_factory=list)  # {value, title, info}
    text: str = ""
    number_value: int | None = None


@dataclass
class SectionView:
    key: str
    title: str
    answers: list[AnswerView]

    @property
    def counts(self) -> dict[str, int]:
        result = {ANSWERED: 0, "not_answered": 0, NOT_APPLICABLE: 0}
        for answer in self.answers:
            if answer.state in result:
                result[answer.state] += 1
        return result


def report_sections(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[SectionView]:
    """The report's answers grouped by section, in questionnaire order, with titles, option
    titles, free texts and each question's state."""
    states = answer_states(questionnaire, answers)
    sections = {s.key: SectionView(s.key, plain(s.title), []) for s in questionnaire.sections}
    for question in questionnaire.questions.values():
        view = AnswerView(
            key=question.key,
            number=question.number,
            title=question.plain_title,
            type=question.type,
            state=states.get(question.key, "heading"),
            depth=1 if question.parent_key else 0,
        )
        raw = answers.get(question.key)
        if view.state == ANSWERED:
            _fill(view, question, raw)
        sections[question.section].answers.append(view)
    return list(sections.values())


def _fill(view: AnswerView, question, raw: Any) -> None:
    if question.type in ("option", "term"):
        items = raw if isinstance(raw, list) else [raw]
        for item in items:
            value = item_value(item)
            info = None if isinstance(item, str) else item.get("additionalInformation")
            option = question.option(value)
            view.choices.append(
                {
                    "value": value,
                    "title": plain_option_title(option.title) if option else value,
                    "info": text_in(answer_value(info)) if info not in (None, "", {}) else "",
                    "info_is_number": isinstance(info, int | float) and not isinstance(info, bool),
                }
            )
    elif question.type == "int":
        number = answer_value(raw)
        view.number_value = number
        view.text = str(number)
    else:
        view.text = text_in(answer_value(raw))
