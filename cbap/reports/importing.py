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

The CSV and XLSX layouts are specified in `cbap/reports/data/README.md` ("Import and export
formats"); `exporting` writes exactly what this module reads.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction

from cbap.audit.services import Event, audit
from cbap.parties.models import Government
from cbap.records.models import Status
from cbap.reports import bch_format, cells, selectors, services
from cbap.reports import permissions as report_permissions
from cbap.reports.cells import MULTIPLE_SEPARATOR
from cbap.reports.models import ReportingCycle
from cbap.reports.questionnaire import (
    CHOICE_TYPES,
    WRONG_SHAPE,
    Question,
    Questionnaire,
    validate,
)

FORMATS = ("feed", "document", "csv", "xlsx")
CSV_COLUMNS = ("government", "cycle", "question", "value", "additional_information")
CSV_REPORT_COLUMNS = ("status", "submitted_on", "synthetic", "document_id", "bch_identifier")
CSV_OPTIONAL_COLUMNS = ("language", *CSV_REPORT_COLUMNS)
CSV_TEXT_COLUMNS = ("value", "additional_information")  # kept verbatim, spaces included
XLSX_REPORT_SHEET = "Report"
XLSX_ANSWERS_SHEET = "Answers"
XLSX_ANSWER_HEADERS = (
    "key",
    "number",
    "section",
    "question",
    "type",
    "allowed values",
    "answer",
    "additional information",
)
TRUE_WORDS = frozenset({"true", "yes", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "0", "n", ""})
# Withdrawing needs a reason and applies to what the public sees: a workflow step, not an import.
STATUSES = {Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED}


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong in an import file. `report` is the government as the file names it;
    `row` where in the file ("row 12", "feed item 3", "Answers row 14"); `question` the key."""

    file: str
    reason: str
    report: str = ""
    row: str = ""
    question: str = ""
    value: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"report {self.report}" if self.report else "",
                self.row,
                f"question {self.question}" if self.question else "",
                f"value {self.value!r}" if self.value else "",
            )
            if part
        )
        return f"{self.file}: {where + ': ' if where else ''}{self.reason}"


@dataclass
class IncomingReport:
    """One report as read from a file, before it is checked."""

    government: str
    where: str
    answers: dict[str, Any] = field(default_factory=dict)
    cycle: str | int | None = None
    status: str | None = None
    submitted_on: date | None = None
    document_id: int | None = None
    bch_identifier: str = ""
    synthetic: bool = False
    # question key -> where its answer is in the file, and (key, value) -> where that value is
    rows: dict[str, str] = field(default_factory=dict)
    value_rows: dict[tuple[str, str], str] = field(default_factory=dict)
    # question key -> the answer as the file writes it (CSV, XLSX), to quote in problems
    shown: dict[str, str] = field(default_factory=dict)


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
        for _, outcome in self.outcomes:
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


class _Reading:
    """What the readers share: the file name and the problems found so far."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[ImportProblem] = []

    def problem(self, reason: str, **where: str) -> None:
        self.problems.append(ImportProblem(self.file, reason, **where))


# ------------------------------------------------------------------------------------------
# The whole import
# ------------------------------------------------------------------------------------------


def reports_import(
    *,
    content: bytes,
    file_name: str,
    actor=None,
    cycle_number: int | None = None,
    dry_run: bool = False,
    format: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportResult:
    """Read, check and (unless `dry_run` or a problem was found) save every report of the file.

    `actor` None is the operator at the command line (no permission check); `cycle_number`
    says which cycle the reports belong to when the file does not, and must agree when it does.
    `progress(processed, total, status)` is called while checking ("validating") and while
    saving ("saving"), at most every PROGRESS_SECONDS (for the job page). Saving runs in one
    transaction, so a caller that shows progress to others must not keep it in the database.
    """
    name = Path(file_name).name
    reading = _Reading(name)
    fmt = format or detect_format(name, content)
    default_cycle = None
    if cycle_number is not None:
        default_cycle = ReportingCycle.objects.filter(number=cycle_number).first()
        if default_cycle is None:
            reading.problem(f"There is no reporting cycle {cycle_number}.")
            return ImportResult(name, fmt, reading.problems, dry_run=dry_run)
    incoming = read_reports(reading, fmt, content, default_cycle)
    result = ImportResult(name, fmt, reading.problems, total=len(incoming), dry_run=dry_run)
    checked = _check(reading, fmt, incoming, default_cycle, actor, progress)
    if reading.problems or dry_run:
        if dry_run and not reading.problems:
            result.outcomes = [(item.government.code, _would(item)) for item in checked]
        return result
    saving = _Progress(progress, len(checked), "saving")
    saving.report(0, force=True)  # before the transaction, so that others can see it begin
    with transaction.atomic():
        for index, item in enumerate(checked):
            saving.report(index)
            _, outcome = services.report_save(
                cycle=item.cycle,
                government=item.government,
                answers=item.answers,
                status=item.status,
                submitted_on=item.submitted_on,
                document_id=item.document_id,
                bch_identifier=item.bch_identifier,
                is_synthetic=item.synthetic,
                actor=actor,
                message=f"Imported from {name}.",
            )
            result.outcomes.append((item.government.code, outcome))
        saving.report(len(checked), force=True)
        audit(
            event=Event.IMPORT,
            actor=actor,
            label=name,
            details={"file": name, "format": fmt, **result.counts()},
        )
    return result


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
        return _json_kind(content)
    return "csv"


def _json_kind(content: bytes) -> str:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return "feed"  # the reader reports why it cannot be read
    items = data if isinstance(data, list) else [data]
    first = next((item for item in items if isinstance(item, dict)), {})
    if isinstance(first.get("header"), dict) and first["header"].get("schema"):
        return "document"
    return "feed"


def read_reports(
    reading: _Reading, fmt: str, content: bytes, default_cycle: ReportingCycle | None
) -> list[IncomingReport]:
    readers = {"feed": _read_json, "document": _read_json, "csv": _read_csv, "xlsx": _read_xlsx}
    if fmt not in readers:
        reading.problem(f"Unknown import format {fmt!r}; use one of {', '.join(FORMATS)}.")
        return []
    return readers[fmt](reading, content, default_cycle)


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


def _would(item: _Checked) -> str:
    from cbap.reports.models import NationalReport

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


class _Governments:
    """Finds a government by its code (ISO3, "EU"), ISO alpha-2 (the BCH's, any case) or ISO3."""

    def __init__(self):
        self.by_id: dict[str, Government] = {}
        for government in Government.objects.all():
            for code in (government.iso2, government.iso3, government.code):
                if code:
                    self.by_id.setdefault(code.upper(), government)

    def find(self, text: str) -> Government | None:
        return self.by_id.get((text or "").strip().upper())


def _check(
    reading: _Reading,
    fmt: str,
    incoming: list[IncomingReport],
    default_cycle: ReportingCycle | None,
    actor,
    progress: Callable[[int, int, str], None] | None,
) -> list[_Checked]:
    governments = _Governments()
    cycles = {c.number: c for c in ReportingCycle.objects.all()}
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
                f"Unknown government “{item.government}”: give its ISO 3166 alpha-2 or "
                "alpha-3 code as in the registry (EU for the European Union).",
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
                    f"A second report of {government.name} for the {cycle.title.lower()} (the "
                    f"first is {previous}); a file holds one report per government and cycle.",
                    **where,
                )
            seen.setdefault((cycle.number, government.pk), item.where)
        questionnaire = selectors.questionnaire_for(cycle)
        if government is not None and fmt in ("csv", "xlsx"):
            _keep_stored_answers(questionnaire, item, cycle, government, fmt)
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
            )
        )
    checking.report(len(incoming), force=True)
    return checked


def _keep_stored_answers(questionnaire, item: IncomingReport, cycle, government, fmt: str):
    """Where a CSV row set or workbook row is the stored answer written out again, keep the
    stored answer: a table holds what it can (a workbook one language, both the plain BCH
    shapes), so an unedited answer must not lose its other languages or its shape."""
    from cbap.reports.models import NationalReport

    stored = NationalReport.objects.filter(cycle=cycle, government=government).first()
    if stored is None:
        return
    for key, raw in item.answers.items():
        old = stored.answers.get(key)
        if old != raw and cells.written_alike(questionnaire.questions.get(key), old, raw, fmt):
            item.answers[key] = old


def _cycle_of(
    reading: _Reading,
    item: IncomingReport,
    default: ReportingCycle | None,
    cycles: dict[int, ReportingCycle],
    where: dict[str, str],
) -> ReportingCycle | None:
    if item.cycle in (None, ""):
        if default is None:
            reading.problem(
                "The file does not say which reporting cycle this report belongs to; "
                "choose the cycle (--cycle 4 or 5).",
                **where,
            )
        return default
    text = str(item.cycle).strip()
    number = text[2:] if text.lower().startswith("nr") else text
    cycle = cycles.get(int(number)) if number.isdigit() else None
    if cycle is None:
        cycle = next((c for c in cycles.values() if c.schema.lower() == text.lower()), None)
    if cycle is None:
        reading.problem(f"Unknown reporting cycle “{text}”.", value=text, **where)
        return None
    if default is not None and cycle.number != default.number:
        reading.problem(
            f"This report belongs to the {cycle.title.lower()} (NR{cycle.number}), but the "
            f"import is for NR{default.number}.",
            value=text,
            **where,
        )
        return None
    return cycle


def _status(reading: _Reading, fmt: str, item: IncomingReport, actor, government, where) -> str:
    if fmt in ("feed", "document"):
        return Status.PUBLISHED
    if fmt == "xlsx" and not report_permissions.imports_for_every_party(actor):
        return Status.DRAFT  # national users submit their workbook's content through the workflow
    status = (item.status or "").strip().lower()
    if status and status not in STATUSES:
        reading.problem(
            f"Unknown status “{item.status}”; use one of {', '.join(sorted(STATUSES))}.",
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
    return f"{question.describe()} takes a whole number, not “{cell}”."


def _shown_value(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    text = json.dumps(raw, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"


# ------------------------------------------------------------------------------------------
# (a), (b) BCH feed and BCH documents (JSON)
# ------------------------------------------------------------------------------------------


def _read_json(
    reading: _Reading, content: bytes, default_cycle: ReportingCycle | None
) -> list[IncomingReport]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        reading.problem(f"Not valid JSON: {error}.")
        return []
    items = data if isinstance(data, list) else [data]
    result = []
    for index, item in enumerate(items, start=1):
        is_document = isinstance(item, dict) and isinstance(item.get("header"), dict)
        where = f"document {index}" if is_document else f"feed item {index}"
        try:
            if is_document:
                doc = bch_format.read_bch_document(item)
            else:
                [doc] = bch_format.read_analyzer_feed([item])
        except ValueError as error:
            government = item.get("government") if isinstance(item, dict) else None
            if isinstance(government, dict):
                government = government.get("identifier")
            reading.problem(f"{error}.", row=where, report=str(government or ""))
            continue
        document_id, identifier = doc.document_id, ""
        header = doc.metadata.get("header")
        if isinstance(header, dict) and header.get("identifier"):
            identifier = str(header["identifier"])
        elif isinstance(doc.metadata.get("identifier"), str):
            identifier = doc.metadata["identifier"]
        if isinstance(document_id, str):
            identifier = identifier or document_id
            document_id = int(document_id) if document_id.isdigit() else None
        elif document_id is not None and not isinstance(document_id, int):
            reading.problem(
                f"documentId must be a whole number, not {document_id!r}.",
                report=doc.government,
                row=where,
            )
            document_id = None
        result.append(
            IncomingReport(
                government=doc.government,
                where=where,
                answers=dict(doc.answers),
                cycle=doc.schema,
                submitted_on=doc.submitted_on,
                document_id=document_id,
                bch_identifier=identifier,
                synthetic=doc.synthetic,
            )
        )
    return result


# ------------------------------------------------------------------------------------------
# (c) CSV, long form
# ------------------------------------------------------------------------------------------


def _read_csv(
    reading: _Reading, content: bytes, default_cycle: ReportingCycle | None
) -> list[IncomingReport]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        reading.problem("The CSV file is not UTF-8 text.")
        return []
    # strict: a quote left open is an error, not a value swallowing the rest of the file
    rows = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = rows.fieldnames or []
    except csv.Error as error:
        _malformed(reading, error, record=1, line=1)
        return []
    columns = [c.strip() for c in header]
    missing = [c for c in CSV_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in CSV_COLUMNS + CSV_OPTIONAL_COLUMNS and c]
    if missing and "government_name" in columns and any(re.match(r"Q\d", c) for c in columns):
        reading.problem(
            "This is a wide table (one column per question), which cbap exports for analysis "
            "but does not import: import the long CSV (export format csv), a BCH feed or "
            "document, or a report workbook.",
            row="row 1",
        )
        return []
    if missing or unknown:
        if missing:
            reading.problem(f"Missing column(s): {', '.join(missing)}.", row="row 1")
        if unknown:
            reading.problem(f"Unknown column(s): {', '.join(unknown)}.", row="row 1")
        return []
    rows.fieldnames = columns
    cycles = {c.number: c for c in ReportingCycle.objects.all()}
    governments = _Governments()
    groups: dict[tuple[Any, Any], _CsvReport] = {}
    number = 1
    while True:
        number += 1
        line = rows.reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            _malformed(reading, error, record=number, line=line)
            return []
        # Keys and codes are trimmed; texts stay as written (option values are trimmed when
        # they are looked up).
        row = {
            k: (v or "") if k in CSV_TEXT_COLUMNS else (v or "").strip()
            for k, v in row.items()
            if k is not None
        }
        if not any(v.strip() for v in row.values()):
            continue
        government = row["government"]
        cycle_text = row["cycle"] or (str(default_cycle.number) if default_cycle else "")
        # rows of one report may name it differently ("KEN", "ke"; "5", "NR5")
        found, cycle = governments.find(government), _lookup_cycle(cycle_text, cycles, None)
        key = (
            found.pk if found else government.upper(),
            cycle.number if cycle else cycle_text.lower(),
        )
        group = groups.get(key)
        if group is None:
            group = groups[key] = _CsvReport(
                IncomingReport(government=government, where=f"row {number}", cycle=cycle_text)
            )
        group.add(reading, number, row)
    result = []
    for group in groups.values():
        cycle = _lookup_cycle(group.report.cycle, cycles, default_cycle)
        group.finish(reading, selectors.questionnaire_for(cycle) if cycle else None)
        result.append(group.report)
    return result


def _malformed(reading: _Reading, error: csv.Error, *, record: int, line: int) -> None:
    """A CSV the csv module cannot split into rows: say where, and the likely cause."""
    if "unexpected end of data" in str(error):
        reason = (
            f"Malformed CSV: a quoted value opens in row {record} (line {line}) and is never "
            'closed (a “"” is missing), so the rest of the file would be read as that one '
            "value. Nothing was read."
        )
    else:
        reason = f"Malformed CSV in row {record} (line {line}): {error}. Nothing was read."
    reading.problem(reason, row=f"row {record}")


def _lookup_cycle(text, cycles, default) -> ReportingCycle | None:
    value = str(text or "").strip()
    if not value:
        return default
    number = value[2:] if value.lower().startswith("nr") else value
    if number.isdigit():
        return cycles.get(int(number))
    return next((c for c in cycles.values() if c.schema.lower() == value.lower()), None)


class _CsvReport:
    """Collects the rows of one government and cycle, then builds the BCH answers."""

    def __init__(self, report: IncomingReport):
        self.report = report
        self.rows: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self.meta: dict[str, tuple[str, int]] = {}
        self.last_row = 0

    def add(self, reading: _Reading, number: int, row: dict[str, str]) -> None:
        self.last_row = number
        for name in CSV_REPORT_COLUMNS:
            value = row.get(name, "")
            if not value:
                continue
            first = self.meta.setdefault(name, (value, number))
            if first[0] != value:
                reading.problem(
                    f"{name} is “{first[0]}” in row {first[1]} but “{value}” here; it must be "
                    "the same on every row of a report.",
                    report=self.report.government,
                    row=f"row {number}",
                    value=value,
                )
        if row["question"]:
            self.rows.setdefault(row["question"], []).append((number, row))

    def finish(self, reading: _Reading, questionnaire: Questionnaire | None) -> None:
        report = self.report
        if self.last_row and self.report.where != f"row {self.last_row}":
            report.where = f"{report.where}–{self.last_row}"
        meta = {name: value for name, (value, _) in self.meta.items()}
        _report_fields(reading, report, meta)
        if questionnaire is None:
            return  # the checks report the unknown cycle
        for key, rows in self.rows.items():
            report.rows[key] = f"row {rows[0][0]}"
            question = questionnaire.questions.get(key)
            cells = []
            for number, row in rows:
                cells.append(
                    _Cell(
                        value=row["value"],
                        info=row.get("additional_information", ""),
                        language=row.get("language") or "en",
                        where=f"row {number}",
                    )
                )
            raw = _build_answer(reading, report, question, key, cells)
            if raw is not None:
                report.answers[key] = raw
                report.shown[key] = "; ".join(c.value for c in cells if c.value)


@dataclass
class _Cell:
    value: Any
    info: Any
    language: str
    where: str


def _build_answer(
    reading: _Reading,
    report: IncomingReport,
    question: Question | None,
    key: str,
    cells: list[_Cell],
) -> Any:
    """The BCH answer for the cells (CSV rows, or the one XLSX row split at `;`) of a question.
    Shape problems are left for `validate` to report, with the offending value."""
    where = {"report": report.government, "question": key}
    cells = [c for c in cells if _filled(c.value) or _filled(c.info)]
    if not cells:
        return None
    if question is None or not question.answerable:
        return {"value": _plain_value(cells[0].value)}  # validate says what is wrong
    if question.type in CHOICE_TYPES:
        items: list[dict[str, Any]] = []
        by_value: dict[str, dict[str, Any]] = {}
        for cell in cells:
            value = _option_value(question, cell.value)
            if not value:
                reading.problem(
                    "Additional information without an option to go with it.",
                    row=cell.where,
                    value=_plain_value(cell.info),
                    **where,
                )
                continue
            report.value_rows.setdefault((key, value), cell.where)
            item = by_value.get(value)
            if item is None or not _filled(cell.info):
                item = {"value": value}
                items.append(item)
                by_value.setdefault(value, item)
            if _filled(cell.info):
                _add_info(reading, question, item, value, cell, where)
        if not items:
            return None
        return items if question.multiple or len(items) > 1 else items[0]
    texts: dict[str, str] = {}
    for cell in cells:
        if _filled(cell.info):
            reading.problem(
                f"{question.describe()} takes no additional information.",
                row=cell.where,
                value=_plain_value(cell.info),
                **where,
            )
        if question.type == "int":
            if len(cells) > 1:
                reading.problem(
                    f"{question.describe()} takes one whole number, but {len(cells)} rows "
                    "answer it.",
                    row=cell.where,
                    value=_plain_value(cell.value),
                    **where,
                )
                return None
            return {"value": _number(cell.value)}
        if cell.language in texts:
            reading.problem(
                f"{question.describe()} has two texts in the language “{cell.language}”.",
                row=cell.where,
                value=_plain_value(cell.value),
                **where,
            )
            continue
        texts[cell.language] = _text_value(cell.value)
    if question.type == "text":
        return texts.get("en") or next(iter(texts.values()), "")
    return {"value": texts}


def _add_info(reading, question: Question, item: dict, value: str, cell: _Cell, where) -> None:
    option = question.option(value)
    if option is not None and option.takes_number:
        item["additionalInformation"] = _number(cell.info)
        return
    text = _text_value(cell.info)
    existing = item.get("additionalInformation")
    if isinstance(existing, dict):
        if cell.language in existing:
            reading.problem(
                f"Two texts in the language “{cell.language}” for the same option.",
                row=cell.where,
                value=value,
                **where,
            )
            return
        existing[cell.language] = text
    else:
        item["additionalInformation"] = {cell.language: text}


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _plain_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def _text_value(value: Any) -> str:
    """A text answer as written: `_plain_value` without trimming the spaces around it."""
    return value if isinstance(value, str) else _plain_value(value)


def _number(value: Any) -> Any:
    """A whole number from a cell; anything else stays as given, for validate to report."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?\d+\.0+", text):
        return int(float(text))
    return text


def _option_value(question: Question, given: Any) -> str:
    """The option value for what a person typed: the value itself, or the option's title."""
    text = _plain_value(given)
    if not text or question.option(text) is not None:
        return text
    wanted = _fold(text)
    for option in question.options:
        if _fold(option.title) == wanted:
            return option.value
    return text  # unknown: validate reports it


def _fold(text: str) -> str:
    plain = re.sub(r"<[^>]+>", "", text or "")
    return " ".join(plain.split()).rstrip(":").strip().casefold()


def _report_fields(reading: _Reading, report: IncomingReport, meta: dict[str, Any]) -> None:
    """Status, submission date, synthetic flag and BCH ids from CSV columns or workbook cells."""
    where = {"report": report.government, "row": report.where}
    report.status = _plain_value(meta.get("status")) or None
    submitted = meta.get("submitted_on")
    if isinstance(submitted, datetime):
        report.submitted_on = submitted.date()
    elif isinstance(submitted, date):
        report.submitted_on = submitted
    elif _filled(submitted):
        try:
            report.submitted_on = date.fromisoformat(_plain_value(submitted)[:10])
        except ValueError:
            reading.problem(
                "submitted_on must be a date written YYYY-MM-DD.",
                value=_plain_value(submitted),
                **where,
            )
    synthetic = _plain_value(meta.get("synthetic")).lower()
    if synthetic in TRUE_WORDS:
        report.synthetic = True
    elif synthetic not in FALSE_WORDS:
        reading.problem("synthetic must be yes or no.", value=synthetic, **where)
    document_id = _number(meta.get("document_id")) if _filled(meta.get("document_id")) else None
    if document_id is not None and not isinstance(document_id, int):
        reading.problem("document_id must be a whole number.", value=str(document_id), **where)
        document_id = None
    report.document_id = document_id
    report.bch_identifier = _plain_value(meta.get("bch_identifier"))


# ------------------------------------------------------------------------------------------
# (d) XLSX workbook, one report
# ------------------------------------------------------------------------------------------


def _read_xlsx(
    reading: _Reading, content: bytes, default_cycle: ReportingCycle | None
) -> list[IncomingReport]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        reading.problem(f"Not a readable XLSX workbook: {error}.")
        return []
    missing = [s for s in (XLSX_REPORT_SHEET, XLSX_ANSWERS_SHEET) if s not in workbook.sheetnames]
    if missing:
        reading.problem(
            f"The workbook has no sheet {' or '.join(missing)}; download a template from the "
            "report's page (or `cbap reports template`) and fill that in."
        )
        return []
    meta: dict[str, Any] = {}
    for row in workbook[XLSX_REPORT_SHEET].iter_rows(values_only=True):
        if not row or not _filled(row[0]):
            if meta:
                break
            continue
        meta[str(row[0]).strip().lower()] = row[1] if len(row) > 1 else None
    government = _plain_value(meta.get("government"))
    report = IncomingReport(
        government=government,
        where=f"sheet {XLSX_REPORT_SHEET}",
        cycle=_plain_value(meta.get("cycle")) or (default_cycle.number if default_cycle else None),
    )
    if not government:
        reading.problem(f"Sheet {XLSX_REPORT_SHEET} names no government.", row=report.where)
    _report_fields(reading, report, meta)
    cycle = _lookup_cycle(report.cycle, {c.number: c for c in ReportingCycle.objects.all()}, None)
    questionnaire = selectors.questionnaire_for(cycle) if cycle else None
    rows = workbook[XLSX_ANSWERS_SHEET].iter_rows(values_only=True)
    header = [_plain_value(h).lower() for h in next(rows, ())]
    columns = {name: header.index(name) for name in XLSX_ANSWER_HEADERS if name in header}
    needed = ("key", "answer", "additional information")
    if any(name not in columns for name in needed):
        reading.problem(
            f"Sheet {XLSX_ANSWERS_SHEET} needs the columns {', '.join(needed)} in row 1.",
            report=government,
        )
        return [report]
    for number, row in enumerate(rows, start=2):
        cells = list(row) + [None] * len(header)
        key = _plain_value(cells[columns["key"]])
        answer, info = cells[columns["answer"]], cells[columns["additional information"]]
        if not key or not (_filled(answer) or _filled(info)):
            continue
        where = f"{XLSX_ANSWERS_SHEET} row {number}"
        report.rows[key] = where
        if questionnaire is None:
            continue
        question = questionnaire.questions.get(key)
        raw = _build_answer(
            reading,
            report,
            question,
            key,
            _xlsx_cells(reading, report, question, key, answer, info, where),
        )
        if raw is not None:
            report.answers[key] = raw
            report.shown[key] = _plain_value(answer)
    return [report]


def _xlsx_cells(
    reading, report, question: Question | None, key: str, answer: Any, info: Any, where: str
) -> list[_Cell]:
    """One workbook row as cells: a choice answer split at `;`, its additional information
    matched to the options ("value: text" per line; a single option may omit the value)."""
    if question is None or question.type not in CHOICE_TYPES:
        return [_Cell(answer, info, "en", where)]
    values = [_option_value(question, part) for part in _split(answer)]
    if not values:
        return [_Cell("", info, "en", where)]
    infos: dict[str, Any] = {}
    if _filled(info):
        infos = _match_infos(reading, report, question, key, values, info, where)
    cells = [_Cell(value, infos.pop(value, None), "en", where) for value in values]
    cells += [_Cell("", text, "en", where) for text in infos.values()]
    return cells


def _split(answer: Any) -> list[str]:
    if not _filled(answer):
        return []
    return [part.strip() for part in _plain_value(answer).split(MULTIPLE_SEPARATOR) if part.strip()]


def _match_infos(reading, report, question, key, values, info, where) -> dict[str, Any]:
    taking = [v for v in values if (o := question.option(v)) and (o.takes_text or o.takes_number)]
    if isinstance(info, int | float):
        info = _plain_value(info)
    text = str(info).strip()
    if len(values) == 1 and not text.startswith(f"{values[0]}:"):
        return {values[0]: text}
    result: dict[str, Any] = {}
    current = None
    for line in text.splitlines():
        head, colon, rest = line.partition(":")
        candidate = _option_value(question, head.strip()) if colon else None
        if candidate in values:
            current = candidate
            result[current] = rest.strip()
        elif current is not None:
            result[current] += "\n" + line
        elif len(taking) == 1:
            current = taking[0]
            result[current] = line.strip()
        else:
            reading.problem(
                "Cannot tell which option this additional information belongs to: write one "
                "line per option, as “<option value>: <text>”.",
                report=report.government,
                row=where,
                question=key,
                value=line.strip(),
            )
            return {}
    return result


def read_file(path: Path) -> tuple[str, bytes]:
    return path.name, path.read_bytes()


def iter_problems_text(problems: Iterable[ImportProblem]) -> Iterable[str]:
    for problem in problems:
        yield str(problem)
