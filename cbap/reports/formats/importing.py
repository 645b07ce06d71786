"""Importing national reports from files: BCH feed, BCH document, CSV (long form), XLSX workbook.

    result = reports_import(content=Path("nr5.json").read_bytes(), file_name="nr5.json",
                            cycle_number=5, actor=user)
    result.problems   # every problem of the whole file, each naming file, report/row, question,
                      # value and reason; when there is any, nothing was written
    result.counts()   # {"created": 12, "updated": 3, "unchanged": 140}

The format is picked by file extension, else by content (see `detect_format`). Every report of
the file is read and validated first (questionnaire rules, options, types, exclusive options,
governments, duplicates, the importer's rights); only a file without problems is written, in one
transaction, through `services.report_save` (so an identical re-import writes nothing, and a
changed report gets a new revision).

Statuses: BCH feeds and documents hold published reports and are imported as published; CSV rows
and workbooks keep the status they give (default draft), except that people who may not publish
(e.g. a national focal point uploading a workbook) always import drafts. Mandatory questions are
not enforced here: they are checked when a draft is submitted.

Each format's reader sits beside its writer (`bch_json`, `long_csv`, `workbook`); the CSV and
XLSX layouts are specified in `cbap/bch/data/README.md` ("Import and export formats").
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cbap.audit.services import Event, audit
from cbap.bch import cells
from cbap.bch.problems import WRONG_SHAPE
from cbap.bch.questionnaire import Questionnaire
from cbap.bch.validation import validate
from cbap.parties.models import Government
from cbap.records.models import Status
from cbap.records.selectors import revision_content
from cbap.records.services import ConflictError
from cbap.reports import permissions as report_permissions
from cbap.reports import selectors, services
from cbap.reports.formats import bch_json, long_csv, workbook
from cbap.reports.formats.incoming import Governments, ImportProblem, IncomingReport, Reading
from cbap.reports.models import NationalReport, ReportingCycle

FORMATS = ("feed", "document", "csv", "xlsx")
READERS = {
    "feed": bch_json.read,
    "document": bch_json.read,
    "csv": long_csv.read,
    "xlsx": workbook.read,
}
# Withdrawing needs a reason and applies to what the public sees: a workflow step, not an import.
STATUSES = {Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED}


@dataclass
class ImportResult:
    file: str
    format: str
    problems: list[ImportProblem]
    outcomes: list[tuple[str, str]] = field(default_factory=list)  # (government code, outcome)
    total: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        result = {"created": 0, "updated": 0, "unchanged": 0}
        for _code, outcome in self.outcomes:
            result[outcome] = result.get(outcome, 0) + 1
        return result

    def summary(self) -> str:
        if self.problems:
            return f"{self.file}: {len(self.problems)} problem(s); nothing was imported."
        counts = self.counts()
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.file}: {self.total} report(s) read; {counts['created']} {verb} created, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged."
        )


# ------------------------------------------------------------------------------------------
# The whole import
# ------------------------------------------------------------------------------------------


def reports_import(
    *,
    content: bytes,
    file_name: str,
    actor,
    cycle_number: int | None = None,
    dry_run: bool = False,
    format: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportResult:
    """Read, check and (unless `dry_run` or a problem was found) save every report of the file.

    `actor` is the person importing, or `accounts.permissions.SYSTEM` for the operator at the
    command line and the demo loader (no permission check); `cycle_number`
    says which cycle the reports belong to when the file does not, and must agree when it does.
    `progress(processed, total, status)` is called while checking ("validating") and while
    saving ("saving"), at most every PROGRESS_SECONDS (for the job page). Saving runs in one
    transaction, so a caller that shows progress to others must not keep it in the database.
    """
    name = Path(file_name).name
    reading = Reading(name)
    fmt = format or detect_format(name, content)
    default_cycle = None
    if cycle_number is not None:
        default_cycle = ReportingCycle.objects.filter(number=cycle_number).first()
        if default_cycle is None:
            reading.problem(_("There is no reporting cycle %(number)s.") % {"number": cycle_number})
            return ImportResult(name, fmt, reading.problems, dry_run=dry_run)
    incoming = _read(reading, fmt, content, default_cycle)
    result = ImportResult(name, fmt, reading.problems, total=len(incoming), dry_run=dry_run)
    checked = _check(reading, fmt, incoming, default_cycle, actor, progress)
    result.problems = reading.listed()
    if reading.problems or dry_run:
        if dry_run and not reading.problems:
            result.outcomes = [(item.government.code, _would(item)) for item in checked]
        return result
    saving = _Progress(progress, len(checked), "saving")
    saving.report(0, force=True)  # before the transaction, so that others can see it begin
    try:
        _save(result, checked, actor, name, fmt, saving)
    except _ChangedMeanwhile as changed:
        result.problems = changed.problems
        result.outcomes = []
    return result


class _ChangedMeanwhile(Exception):
    """A report changed (or was created) between the check and the save: nothing is written."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems


def _save(result, checked, actor, name: str, fmt: str, saving) -> None:
    """Every checked report in one transaction, each still at the version it was checked at
    (its row locked until the end), else nothing."""
    with transaction.atomic():
        versions = dict(
            ((cycle, government), version)
            for cycle, government, version in NationalReport.objects.select_for_update()
            .filter(
                cycle__in={item.cycle.pk for item in checked},
                government__in={item.government.pk for item in checked},
            )
            .values_list("cycle_id", "government_id", "version")
        )  # one query, the rows locked until the end
        for index, item in enumerate(checked):
            saving.report(index)
            current = versions.get((item.cycle.pk, item.government.pk))
            if current != item.version:
                raise _ChangedMeanwhile([_meanwhile(name, item, current)])
            try:
                with transaction.atomic():  # a savepoint: the loser of a first save is told so
                    _report, outcome = services.report_save(
                        cycle=item.cycle,
                        government=item.government,
                        answers=item.answers,
                        status=item.status,
                        submitted_on=item.submitted_on,
                        document_id=item.document_id,
                        bch_identifier=item.bch_identifier,
                        is_synthetic=item.synthetic,
                        actor=actor,
                        message=_("Imported from %(file)s.") % {"file": name},
                    )
            except ConflictError:  # created by someone else since the check
                raise _ChangedMeanwhile([_meanwhile(name, item, 0)]) from None
            result.outcomes.append((item.government.code, outcome))
        saving.report(len(checked), force=True)
        audit(
            event=Event.IMPORT,
            actor=actor,
            label=name,
            details={"file": name, "format": fmt, **result.counts()},
        )


def _meanwhile(name: str, item: _Checked, current: int | None) -> ImportProblem:
    if not item.version:
        reason = _(
            "The report of %(government)s changed while this file was being imported (it was "
            "created meanwhile); nothing was imported. Import the file again to see what changed."
        ) % {"government": item.government.name}
    else:
        reason = _(
            "The report of %(government)s changed while this file was being imported (it is now "
            "at version %(version)s); nothing was imported. Import the file again to see what "
            "changed."
        ) % {"government": item.government.name, "version": current}
    return ImportProblem(name, reason, report=item.government.code)


PROGRESS_SECONDS = 0.3


class _Progress:
    """Calls `progress(done, total, status)` at most every PROGRESS_SECONDS (and when forced)."""

    def __init__(self, progress: Callable[[int, int, str], None] | None, total: int, status: str):
        self.progress, self.total, self.status = progress, total, status
        self.last: float | None = None

    def report(self, done: int, *, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if force or self.last is None or now - self.last >= PROGRESS_SECONDS:
            self.progress(done, self.total, self.status)
            self.last = now


def detect_format(file_name: str, content: bytes) -> str:
    """ "feed", "document", "csv" or "xlsx": by extension, else by the first bytes."""
    suffix = Path(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or content[:4] == b"PK\x03\x04":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == ".json" or head[:1] in (b"[", b"{"):
        return bch_json.kind(content)
    return "csv"


def _read(
    reading: Reading, fmt: str, content: bytes, default_cycle: ReportingCycle | None
) -> list[IncomingReport]:
    if fmt not in READERS:
        reading.problem(
            _("Unknown import format %(format)s; use one of %(formats)s.")
            % {"format": repr(fmt), "formats": ", ".join(FORMATS)}
        )
        return []
    return READERS[fmt](reading, content, default_cycle)


# ------------------------------------------------------------------------------------------
# Checking
# ------------------------------------------------------------------------------------------


@dataclass
class _Checked:
    cycle: ReportingCycle
    government: Government
    answers: dict[str, Any]
    status: str
    submitted_on: date | None
    document_id: int | None
    bch_identifier: str
    synthetic: bool
    version: int | None  # the stored report's version when checked; None when there was none


def _would(item: _Checked) -> str:
    existing = NationalReport.objects.filter(cycle=item.cycle, government=item.government).first()
    if existing is None:
        return "created"
    same = (
        existing.answers == item.answers
        and existing.submitted_on == item.submitted_on
        and existing.document_id == item.document_id
        and existing.bch_identifier == item.bch_identifier
        and existing.is_synthetic == item.synthetic
    )
    step = services.STEPS_TO.get(item.status)
    moves = step and existing.status not in (item.status, Status.PUBLISHED)
    return "unchanged" if same and not moves else "updated"


def _check(
    reading: Reading,
    fmt: str,
    incoming: list[IncomingReport],
    default_cycle: ReportingCycle | None,
    actor,
    progress: Callable[[int, int, str], None] | None,
) -> list[_Checked]:
    governments = Governments()
    cycles = {c.number: c for c in ReportingCycle.objects.all()}
    named = {found.pk for item in incoming if (found := governments.find(item.government))}
    stored_reports = {
        (report.cycle_id, report.government_id): report
        for report in NationalReport.objects.filter(government__in=named).select_related(
            "government"
        )
    }  # one query for the whole file
    seen: dict[tuple[int, int], str] = {}
    checked: list[_Checked] = []
    checking = _Progress(progress, len(incoming), "validating")
    for index, item in enumerate(incoming):
        checking.report(index)
        where = {"report": item.government, "row": item.where}
        cycle = _cycle_of(reading, item, default_cycle, cycles, where)
        government = governments.find(item.government)
        if government is None:
            reading.problem(
                _(
                    "Unknown government “%(government)s”: give its ISO 3166 alpha-2 or "
                    "alpha-3 code as in the registry (EU for the European Union)."
                )
                % {"government": item.government},
                value=item.government,
                **where,
            )
        elif not report_permissions.may_import(actor, government):
            reading.problem(report_permissions.import_refusal(actor, government), **where)
        if cycle is None:
            continue
        duplicate = False
        if government is not None:
            previous = seen.get((cycle.number, government.pk))
            if previous is not None:
                duplicate = True
                reading.problem(
                    _(
                        "A second report of %(government)s for the %(cycle)s (the first is "
                        "%(first)s); a file holds one report per government and cycle."
                    )
                    % {
                        "government": government.name,
                        "cycle": cycle.title.lower(),
                        "first": previous,
                    },
                    **where,
                )
            seen.setdefault((cycle.number, government.pk), item.where)
        questionnaire = selectors.questionnaire_for(cycle)
        stored = stored_reports.get((cycle.pk, government.pk)) if government else None
        if stored is not None:
            _check_current(reading, fmt, item, stored, questionnaire, where)
            if fmt in ("csv", "xlsx"):
                _keep_stored_answers(questionnaire, item, stored, fmt)
        for problem in validate(questionnaire, item.answers, require_mandatory=False):
            value = problem.value or ""
            row = item.value_rows.get((problem.question, value)) or item.rows.get(
                problem.question, item.where
            )
            if not value:
                value = item.shown.get(problem.question) or _shown_value(
                    item.answers.get(problem.question)
                )
            reason = problem.reason
            if fmt in ("csv", "xlsx"):
                reason = _cell_reason(questionnaire, problem, value) or reason
            reading.problem(
                reason,
                report=item.government,
                row=row,
                question=problem.question,
                value=value,
            )
        if government is None or duplicate:
            continue  # its answers are checked all the same, to report every problem at once
        status = _status(reading, fmt, item, actor, government, where)
        checked.append(
            _Checked(
                cycle=cycle,
                government=government,
                answers=item.answers,
                status=status,
                submitted_on=item.submitted_on,
                document_id=item.document_id,
                bch_identifier=item.bch_identifier,
                synthetic=item.synthetic,
                version=stored.version if stored is not None else None,
            )
        )
    checking.report(len(incoming), force=True)
    return checked


def _check_current(reading, fmt: str, item: IncomingReport, stored, questionnaire, where):
    """Nothing is overwritten unseen. A table (CSV, workbook) must say the version it was made
    from, and that must still be the report's; a BCH feed or document, which carries no
    version, may only replace what is published: not a working copy changed since."""
    if fmt in ("feed", "document"):
        if stored.version == stored.published_version:
            return
        base = stored.published_version
        since = _("its last publication") if base else _("it was started in cbap (never published)")
        advice = _("Publish or discard those changes first, or enter the new answers in cbap.")
    elif item.based_on is None:
        reading.problem(
            _(
                "The report of %(government)s exists already (version %(version)s), and this "
                "file does not say which version it was made from (column or row “version”): "
                "download the report again and make the changes in that file, so that nothing "
                "saved meanwhile is overwritten."
            )
            % {"government": stored.government.name, "version": stored.version},
            **where,
        )
        return
    elif item.based_on == stored.version:
        return
    else:
        base = item.based_on
        since = _("this file was made from version %(version)s") % {"version": base}
        advice = _("Download the report again and make the changes in that file.")
    before = (revision_content(stored, base) or {}).get("answers", {}) if base else {}
    changed = [key for key in questionnaire.questions if before.get(key) != stored.answers.get(key)]
    named = ", ".join(changed[:20])
    if len(changed) > 20:
        named = _("%(questions)s and %(more)s more") % {
            "questions": named,
            "more": len(changed) - 20,
        }
    values = {
        "government": stored.government.name,
        "since": since,
        "version": stored.version,
        "changed": named,
        "advice": advice,
    }
    if changed:
        reason = _(
            "The report of %(government)s was changed in cbap since %(since)s (it is now at "
            "version %(version)s; changed meanwhile: %(changed)s). Importing would overwrite "
            "that. %(advice)s"
        )
    else:
        reason = _(
            "The report of %(government)s was changed in cbap since %(since)s (it is now at "
            "version %(version)s). Importing would overwrite that. %(advice)s"
        )
    reading.problem(reason % values, **where)


def _keep_stored_answers(questionnaire, item: IncomingReport, stored, fmt: str):
    """Where a CSV row set or workbook row is the stored answer written out again, keep the
    stored answer: a table holds what it can (a workbook one language, both the plain BCH
    shapes), so an unedited answer must not lose its other languages or its shape."""
    for key, raw in item.answers.items():
        old = stored.answers.get(key)
        if old != raw and cells.written_alike(questionnaire.questions.get(key), old, raw, fmt):
            item.answers[key] = old


def _cycle_of(
    reading: Reading,
    item: IncomingReport,
    default: ReportingCycle | None,
    cycles: dict[int, ReportingCycle],
    where: dict[str, str],
) -> ReportingCycle | None:
    if item.cycle in (None, ""):
        if default is None:
            reading.problem(
                _(
                    "The file does not say which reporting cycle this report belongs to; "
                    "choose the cycle (--cycle 4 or 5)."
                ),
                **where,
            )
        return default
    text = str(item.cycle).strip()
    number = text[2:] if text.lower().startswith("nr") else text
    cycle = cycles.get(int(number)) if number.isdigit() else None
    if cycle is None:
        cycle = next((c for c in cycles.values() if c.schema.lower() == text.lower()), None)
    if cycle is None:
        reading.problem(
            _("Unknown reporting cycle “%(cycle)s”.") % {"cycle": text}, value=text, **where
        )
        return None
    if default is not None and cycle.number != default.number:
        reading.problem(
            _(
                "This report belongs to the %(cycle)s (NR%(number)s), but the import is for "
                "NR%(chosen)s."
            )
            % {"cycle": cycle.title.lower(), "number": cycle.number, "chosen": default.number},
            value=text,
            **where,
        )
        return None
    return cycle


def _status(reading: Reading, fmt: str, item: IncomingReport, actor, government, where) -> str:
    if fmt in ("feed", "document"):
        return Status.PUBLISHED
    if fmt == "xlsx" and not report_permissions.imports_for_every_party(actor):
        return Status.DRAFT  # national users submit their workbook's content through the workflow
    status = (item.status or "").strip().lower()
    if status and status not in STATUSES:
        reading.problem(
            _("Unknown status “%(status)s”; use one of %(statuses)s.")
            % {"status": item.status, "statuses": ", ".join(sorted(STATUSES))},
            value=item.status or "",
            **where,
        )
        return Status.DRAFT
    if not status or not report_permissions.may_publish(actor, government):
        return Status.DRAFT
    return status


def _cell_reason(questionnaire: Questionnaire, problem, cell: str) -> str | None:
    """A wrong-type problem in the words of a table: the cell as written, not the BCH shape
    it was read into (a number question's "many" is not {'value': 'many'})."""
    question = questionnaire.questions.get(problem.question)
    if problem.kind != WRONG_SHAPE or question is None or question.type != "int":
        return None
    return _("%(question)s takes a whole number, not “%(value)s”.") % {
        "question": question.describe(),
        "value": cell,
    }


def _shown_value(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    text = json.dumps(raw, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"
