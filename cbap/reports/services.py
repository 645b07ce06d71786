"""Writing national-report data: reference data (cycles, questions, mappings) and reports.

Every write to a `NationalReport` goes through the functions here (`report_save` for imports and
loaders, `report_answers_save` and `report_transition` for people in the web form), on top of
`cbap.records.services` (revisions, workflow, audit trail, permissions). `actor` is always the
person acting, or `cbap.accounts.permissions.SYSTEM` for the platform and the command line.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.accounts import permissions
from cbap.accounts.permissions import Action
from cbap.accounts.selectors import publishers_of
from cbap.audit.services import Event, audit
from cbap.bch import reference
from cbap.bch.problems import Problem
from cbap.bch.validation import validate
from cbap.core.dataversion import data_changed
from cbap.core.languages import deferred
from cbap.notifications.models import Notification
from cbap.notifications.services import notify
from cbap.records import services as records
from cbap.records.models import Status
from cbap.records.services import ConflictError, RecordError
from cbap.reports import permissions as report_permissions
from cbap.reports import selectors
from cbap.reports.models import (
    NationalReport,
    Question,
    QuestionMapping,
    ReportingCycle,
    ReportQuery,
)

# ------------------------------------------------------------------------------------------
# Reference data
# ------------------------------------------------------------------------------------------


@transaction.atomic
def reference_data_load(*, specs: list[reference.CycleSpec] | None = None) -> list[str]:
    """Load (or update) every cycle of `cycles.csv` with its questions and mapping, idempotently.
    Returns one line per cycle saying what happened."""
    lines = []
    for spec in specs if specs is not None else reference.cycle_specs():
        cycle, outcome = cycle_load(spec=spec)
        line = f"{cycle.title} (NR{cycle.number}): {outcome}, {cycle.questions.count()} entries"
        if spec.previous:
            line += f", {cycle.mappings.count()} mapped to NR{spec.previous}"
        lines.append(line)
    return lines


def cycle_load(*, spec: reference.CycleSpec) -> tuple[ReportingCycle, str]:
    """Create or update one cycle; return it with "created", "updated" or "unchanged"."""
    digest = reference.content_hash(spec.questionnaire)
    cycle = ReportingCycle.objects.filter(number=spec.number).first()
    outcome = "unchanged" if cycle else "created"
    cycle = cycle or ReportingCycle(number=spec.number)
    fields = {
        "schema": spec.schema,
        "title": spec.title,
        "deadline": spec.deadline,
        "format_decision": spec.format_decision,
        "role": spec.role,
        "previous": ReportingCycle.objects.get(number=spec.previous) if spec.previous else None,
    }
    questions_changed = cycle.questionnaire_hash != digest
    if questions_changed or any(getattr(cycle, k) != v for k, v in fields.items()):
        for name, value in fields.items():
            setattr(cycle, name, value)
        if questions_changed:
            cycle.questionnaire = spec.questionnaire
            cycle.questionnaire_hash = digest
        cycle.save()
        outcome = "updated" if outcome == "unchanged" else outcome
    if questions_changed:
        _load_questions(cycle, spec.questionnaire)
    if _load_mappings(cycle, spec.mappings) and outcome == "unchanged":
        outcome = "updated"
    if outcome != "unchanged":
        data_changed()
    return cycle, outcome


def question_rows(questionnaire: dict) -> list[dict[str, Any]]:
    """One row per entry of the question set (sub-questions flattened, in order), verbatim:
    options and rules are the JSON's own `options` and `validations` lists."""
    rows: list[dict[str, Any]] = []

    def add(entry: dict, section: dict, parent_key: str) -> None:
        rows.append(
            {
                "key": entry["key"],
                "section_key": section["key"],
                "section_title": section.get("title") or "",
                "parent_key": parent_key,
                "number": str(entry.get("number") or ""),
                "type": entry["type"],
                "title": entry.get("title") or "",
                "multiple": bool(entry.get("multiple", False)),
                "mandatory": bool(entry.get("mandatory", False)),
                "options": list(entry.get("options") or []),
                "rules": list(entry.get("validations") or []),
                "position": len(rows),
            }
        )
        for child in entry.get("questions") or ():
            add(child, section, entry["key"])

    for section in questionnaire["sections"]:
        for entry in section.get("questions") or ():
            add(entry, section, "")
    return rows


def _load_questions(cycle: ReportingCycle, questionnaire: dict) -> None:
    rows = {row["key"]: row for row in question_rows(questionnaire)}
    existing = {q.key: q for q in cycle.questions.all()}
    cycle.questions.exclude(key__in=rows).delete()
    changed, created = [], []
    for key, row in rows.items():
        question = existing.get(key)
        if question is None:
            created.append(Question(cycle=cycle, **row))
        elif any(getattr(question, name) != value for name, value in row.items()):
            for name, value in row.items():
                setattr(question, name, value)
            changed.append(question)
    Question.objects.bulk_create(created)
    if changed:
        Question.objects.bulk_update(changed, [name for name in next(iter(rows.values()))])


def _load_mappings(cycle: ReportingCycle, mappings: list[reference.MappingSpec]) -> bool:
    """Make the cycle's mapping rows equal to `mappings`; True if anything changed."""
    wanted = {m.key: m for m in mappings}
    existing = {m.key: m for m in cycle.mappings.all()}
    stale = [key for key in existing if key not in wanted]
    cycle.mappings.filter(key__in=stale).delete()
    changed = bool(stale)
    fields = ("previous_key", "value_mapping", "equivalent", "caution")
    for key, spec in wanted.items():
        row = existing.get(key)
        values = {name: getattr(spec, name) for name in fields}
        if row is None:
            QuestionMapping.objects.create(cycle=cycle, key=key, **values)
            changed = True
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
            changed = True
    return changed


# ------------------------------------------------------------------------------------------
# National reports
# ------------------------------------------------------------------------------------------


# The workflow step that takes a report to the status an import gives it.
STEPS_TO = {Status.PUBLISHED: "publish", Status.SUBMITTED: "submit"}


def report_save(
    *,
    cycle: ReportingCycle,
    government,
    answers: dict[str, Any],
    status: str,
    submitted_on: date | None = None,
    document_id: int | None = None,
    bch_identifier: str = "",
    is_synthetic: bool = False,
    actor,
    message: str = "",
) -> tuple[NationalReport, str]:
    """Create or update the government's report in the cycle and take it to `status`; returns
    it with "created", "updated" or "unchanged".

    The record services write it (a revision per change and per workflow step, the audit trail,
    the permission checks of `actor`; `SYSTEM` for the operator and the demo loader). Changed
    content makes the working copy a draft first, so a published report is published again as
    a new revision and the public keeps the old one until then. The same content, status and
    demo flag again write nothing. An import never takes a report back from published to draft
    or submitted: only changed content does. The caller validates the answers.
    """
    data = {
        "answers": answers,
        "submitted_on": submitted_on,
        "document_id": document_id,
        "bch_identifier": bch_identifier or "",
    }
    report = NationalReport.objects.filter(cycle=cycle, government=government).first()
    if report is None:
        report = _create(cycle, government, data, actor, is_synthetic=is_synthetic)
        outcome = "created"
    else:
        version = report.version
        if report.is_synthetic != is_synthetic:  # a flag about the record, not its content
            NationalReport.objects.filter(pk=report.pk).update(is_synthetic=is_synthetic)
            data_changed()  # pages label demo data
            version = -1
        report = records.record_update(
            record=report,
            actor=actor,
            data=data,
            expected_version=report.version,
            message=message,
            reopen=True,  # the uploaded file replaces what waited for publication
        )
        outcome = "unchanged" if report.version == version else "updated"
    step = STEPS_TO.get(status)
    if step and report.status != status and report.status != Status.PUBLISHED:
        report = records.record_transition(record=report, actor=actor, action=step, message=message)
        outcome = "updated" if outcome == "unchanged" else outcome
    return report, outcome


def _create(cycle, government, data, actor, *, is_synthetic=False, request=None):
    """The government's first report in the cycle; `ConflictError` when someone else created it
    a moment ago (the database's unique constraint, or the model's check of it, says so)."""
    try:
        return records.record_create(
            # The cycle and the government say which report this is; they are not content.
            model=functools.partial(
                NationalReport, cycle=cycle, government=government, is_synthetic=is_synthetic
            ),
            actor=actor,
            data=data,
            owner_party=government,
            request=request,
        )
    except (IntegrityError, ValidationError) as error:
        current = NationalReport.objects.filter(cycle=cycle, government=government).first()
        if current is None:
            raise
        raise ConflictError(current.version, {}) from error


def report_answers_save(
    *,
    cycle: ReportingCycle,
    government,
    answers: dict[str, Any],
    expected_version: int,
    actor,
    request=None,
) -> tuple[NationalReport, bool]:
    """Save the answers of the government's report in the cycle as a draft, creating the report
    when `expected_version` is 0; returns it with whether anything changed.

    The caller has checked the answers (a draft need not be complete). A report saved by someone
    else since `expected_version` (created meanwhile, too) raises `ConflictError`: nothing is
    overwritten.
    """
    report = NationalReport.objects.filter(cycle=cycle, government=government).first()
    if report is None:
        if expected_version != 0:
            raise ConflictError(0, {})
        return _create(cycle, government, {"answers": answers}, actor, request=request), True
    before = report.version
    report = records.record_update(
        record=report,
        actor=actor,
        data={"answers": answers},
        expected_version=expected_version,
        request=request,
    )
    return report, report.version != before


class ReportNotReady(RecordError):
    """The answers stop the report being submitted or published (`problems`, mandatory
    answers included)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            _("The report has %(count)s problem(s) to fix first.") % {"count": len(problems)}
        )


def _today() -> date:
    return date.today()


def report_transition(
    *,
    report: NationalReport,
    actor,
    action: str,
    expected_version: int | None = None,
    request=None,
) -> NationalReport:
    """Submit or publish the report.

    Refused unless `actor` may take the step (`PermissionDenied`) and every answer is right,
    mandatory ones included (`ReportNotReady`, listing the problems).

    With `expected_version` (the version the person looked at), a report saved since is a
    `ConflictError`: nobody submits or publishes answers they have not seen.

    `submitted_on` is the report's public submission date: the day it was first published
    (or the date its BCH document carries), set by the publication itself and never moved by
    a corrected re-publication, which the report's page shows as "updated on" instead
    (`selectors.publication_dates`). Submitting for publication inside the Party dates nothing.
    """
    report_permissions.require_step(actor, action, report)
    questionnaire = selectors.questionnaire_for(report.cycle)
    problems = validate(questionnaire, report.answers, require_mandatory=True)
    if problems:
        raise ReportNotReady(problems)
    dated = action == "publish" and report.submitted_on is None
    return records.record_transition(
        record=report,
        actor=actor,
        action=action,
        expected_version=report.version if expected_version is None else expected_version,
        data={"submitted_on": _today()} if dated else None,
        request=request,
    )


# ------------------------------------------------------------------------------------------
# Queries: the Secretariat asks a Party about its published report
# ------------------------------------------------------------------------------------------

MAX_QUERY_TEXT = 5000


@transaction.atomic
def report_query_ask(
    *, report: NationalReport, actor, text: str, question_key: str = "", request=None
) -> ReportQuery:
    """Ask the Party about its published report (one of its answers, with `question_key`);
    its focal points are told."""
    permissions.require(actor, Action.ASK_QUERY, report)
    text = _query_text(text)
    if report.published_version is None:
        raise RecordError(_("Only a published report can be queried: nothing of it is public yet."))
    if question_key and question_key not in selectors.questionnaire_for(report.cycle).questions:
        raise RecordError(
            _("The %(title)s has no question %(question_key)s.")
            % {"title": report.cycle.title, "question_key": question_key}
        )
    query = ReportQuery.objects.create(
        report=report, question_key=question_key, text=text, asked_by=actor
    )
    audit(event=Event.QUERY, actor=actor, target=report, request=request,
          details={"query": query.pk, "question": question_key, "text": text})  # fmt: skip
    if question_key:
        subject = deferred(
            gettext_lazy("A question about %(report)s (question %(question)s)"),
            report=str(report),
            question=question_key,
        )
    else:
        subject = deferred(gettext_lazy("A question about %(report)s"), report=str(report))
    notify(
        recipients=publishers_of(report),
        kind=Notification.Kind.QUERY,
        subject=subject,
        text=deferred(gettext_lazy("Asked by %(email)s:\n%(text)s"), email=actor.email, text=text),
        link=report.get_absolute_url() + "#queries",
        actor=actor,
    )
    return query


@transaction.atomic
def report_query_answer(*, query: ReportQuery, actor, text: str, request=None) -> ReportQuery:
    """The Party's reply; whoever asked is told. A query is answered once."""
    query = ReportQuery.objects.select_for_update().select_related("report").get(pk=query.pk)
    permissions.require(actor, Action.ANSWER_QUERY, query.report)
    text = _query_text(text)
    if query.answered_at is not None:
        raise ConflictError(query.report.version, {})
    query.answer, query.answered_by, query.answered_at = text, actor, timezone.now()
    query.save()
    audit(event=Event.QUERY_ANSWER, actor=actor, target=query.report, request=request,
          details={"query": query.pk, "text": text})  # fmt: skip
    notify(
        recipients=[query.asked_by],
        kind=Notification.Kind.QUERY_ANSWERED,
        subject=deferred(
            gettext_lazy("%(government)s answered your question about %(report)s"),
            government=str(query.report.government),
            report=str(query.report),
        ),
        text=text,
        link=query.report.get_absolute_url() + "#queries",
        actor=actor,
    )
    return query


def _query_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise RecordError(_("Write the question or the answer: it is empty."))
    if len(text) > MAX_QUERY_TEXT:
        raise RecordError(
            _("At most %(most)s characters, please (%(count)s written).")
            % {"most": MAX_QUERY_TEXT, "count": len(text)}
        )
    return text
