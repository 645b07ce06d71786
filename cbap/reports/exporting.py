"""National reports out of cbap, in each format, picked by name (`RENDERERS`).

Every renderer takes the same `ExportSet` (a cycle, its questionnaire and the reports), so the
formats hold the same data; `importing` reads back what `feed`, `document`, `csv` and `xlsx` write
(the round trip changes nothing). The wide table (`wide-csv`, `wide-xlsx`, one row per
government) is for analysis and is not imported. Demo reports carry `synthetic` everywhere.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from cbap.bch import cells
from cbap.bch.cells import MULTIPLE_SEPARATOR
from cbap.bch.documents import ReportDoc, to_analyzer_feed
from cbap.bch.questionnaire import CHOICE_TYPES, Question, Questionnaire
from cbap.bch.rules import NOT_APPLICABLE, answer_states
from cbap.bch.text import plain
from cbap.reports import selectors
from cbap.reports.importing import (
    CSV_COLUMNS,
    CSV_OPTIONAL_COLUMNS,
    XLSX_ANSWER_HEADERS,
    XLSX_ANSWERS_SHEET,
    XLSX_REPORT_SHEET,
)
from cbap.reports.models import NationalReport, ReportingCycle

SYNTHETIC_NOTICE = "Demo data — not real national reports."
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "feed": "application/json",
    "document": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_TYPE,
    "wide-csv": "text/csv; charset=utf-8",
    "wide-xlsx": XLSX_TYPE,
}
EXTENSIONS = {
    "feed": "feed.json",
    "document": "documents.json",
    "csv": "csv",
    "xlsx": "xlsx",
    "wide-csv": "wide.csv",
    "wide-xlsx": "wide.xlsx",
}
HEADER_FONT = Font(bold=True)
HEADING_FILL = PatternFill("solid", fgColor="EEF2F5")
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class ExportSet:
    cycle: ReportingCycle
    questionnaire: Questionnaire
    reports: list[selectors.ReportVersion]


def export_set(
    *, cycle: ReportingCycle, government=None, working_copies: bool = False
) -> ExportSet:
    """The published reports of the cycle (or of one government), as the public sees them; with
    `working_copies`, every report as it stands (drafts included), for those allowed."""
    reports = NationalReport.objects.filter(cycle=cycle)
    if government is not None:
        reports = reports.filter(government=government)
    if working_copies:
        chosen = [
            selectors.working_version(report)
            for report in reports.select_related("government", "cycle")
            .defer("cycle__questionnaire")
            .order_by("government__name")
        ]
    else:
        chosen = selectors.published_versions(reports)
    return ExportSet(cycle, selectors.questionnaire_for(cycle), chosen)


def file_name(cycle: ReportingCycle, fmt: str, government=None) -> str:
    who = f"-{government.code}" if government is not None else ""
    return f"cbap-nr{cycle.number}{who}.{EXTENSIONS[fmt]}"


# ------------------------------------------------------------------------------------------
# Values as text (CSV, workbooks, wide tables)
# ------------------------------------------------------------------------------------------


def _ordered_keys(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    known = [key for key in questionnaire.questions if key in answers]
    return known + [key for key in answers if key not in questionnaire.questions]


def _government_id(report: selectors.ReportVersion) -> str:
    return report.government.iso2.lower()


def _report_fields(report: selectors.ReportVersion) -> dict[str, Any]:
    return {
        "status": report.status,
        "submitted_on": report.submitted_on.isoformat() if report.submitted_on else "",
        "synthetic": "yes" if report.is_synthetic else "no",
        "document_id": report.document_id if report.document_id is not None else "",
        "bch_identifier": report.bch_identifier,
    }


# ------------------------------------------------------------------------------------------
# (a) feed, (b) documents
# ------------------------------------------------------------------------------------------


def _doc(export: ExportSet, report: selectors.ReportVersion) -> ReportDoc:
    metadata = {"identifier": report.bch_identifier} if report.bch_identifier else {}
    return ReportDoc(
        government=_government_id(report),
        document_id=report.document_id,
        schema=export.cycle.schema,
        answers=report.answers,
        synthetic=report.is_synthetic,
        submitted_on=report.submitted_on,
        metadata=metadata,
    )


def render_feed(export: ExportSet) -> bytes:
    """A report-analyzer feed: a JSON array, one object per report."""
    feed = to_analyzer_feed(_doc(export, r) for r in export.reports)
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")


def render_document(export: ExportSet) -> bytes:
    """BCH national-report documents (``header.schema``): one JSON object for one report, a
    JSON array of them for several."""
    documents = []
    for report in export.reports:
        header: dict[str, Any] = {"schema": export.cycle.schema, "languages": ["en"]}
        if report.bch_identifier:
            header["identifier"] = report.bch_identifier
        document: dict[str, Any] = {
            "header": header,
            "government": {"identifier": _government_id(report)},
        }
        if report.document_id is not None:
            document["documentId"] = report.document_id
        if report.submitted_on:
            document["date"] = report.submitted_on.isoformat()
        if report.is_synthetic:
            document["synthetic"] = True
        document.update(report.answers)
        documents.append(document)
    data: Any = documents[0] if len(documents) == 1 else documents
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


# ------------------------------------------------------------------------------------------
# (c) CSV, long form
# ------------------------------------------------------------------------------------------

CSV_HEADER = [*CSV_COLUMNS, *CSV_OPTIONAL_COLUMNS]


def csv_rows(export: ExportSet) -> Iterable[dict[str, Any]]:
    """One row per ticked option, per text language, per number; a report without answers
    gets one row with an empty question, so that it is not lost."""
    qn = export.questionnaire
    for report in export.reports:
        base = {
            "government": report.government.code,
            "cycle": export.cycle.number,
            **_report_fields(report),
        }
        rows = 0
        for key in _ordered_keys(qn, report.answers):
            question = qn.questions.get(key)
            raw = report.answers[key]
            for value, info, language in cells.csv_cells(question, raw):
                rows += 1
                yield {
                    **base,
                    "question": key,
                    "value": value,
                    "additional_information": info,
                    "language": language,
                }
        if not rows:
            yield {
                **base,
                "question": "",
                "value": "",
                "additional_information": "",
                "language": "",
            }


def render_csv(export: ExportSet) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(export))
    return buffer.getvalue().encode("utf-8")


# ------------------------------------------------------------------------------------------
# (d) XLSX workbook: one report (or a blank one) to fill in offline
# ------------------------------------------------------------------------------------------

TYPE_LABELS = {
    "option": "single choice",
    "term": "single choice",
    "lstring": "text",
    "lstringRte": "text",
    "text": "text",
    "int": "whole number",
    "sub-section": "heading",
    "legend": "heading",
}


def _type_label(question: Question) -> str:
    if question.type in CHOICE_TYPES and question.multiple:
        return f"multiple choice (separate values by {MULTIPLE_SEPARATOR})"
    return TYPE_LABELS.get(question.type, question.type)


def _allowed(question: Question) -> str:
    lines = []
    for option in question.options:
        extra = ""
        if option.takes_text:
            extra = " (+ text in additional information)"
        elif option.takes_number:
            extra = " (+ whole number in additional information)"
        if option.exclusive:
            extra += " (only on its own)"
        lines.append(f"{option.value} = {plain(option.title)}{extra}")
    return "\n".join(lines)


def _question_title(qn: Questionnaire, question: Question) -> str:
    if question.parent_key:
        return f"{qn.questions[question.parent_key].plain_title} — {question.plain_title}"
    return question.plain_title


def render_workbook(
    *,
    cycle: ReportingCycle,
    questionnaire: Questionnaire,
    government,
    report: selectors.ReportVersion | None = None,
) -> bytes:
    """The workbook of one government's report in the cycle: sheet "Report" (who, which cycle,
    status …), sheet "Answers" (one row per question: key, number, section, question, type,
    allowed values, answer, additional information; a drop-down list on single-choice answers)
    and a hidden sheet "Lists" that feeds the drop-down lists. Pre-filled from `report`."""
    workbook = Workbook()
    about = workbook.active
    about.title = XLSX_REPORT_SHEET
    fields = _report_fields(report) if report is not None else {}
    if report is None:
        fields = {"status": "draft", "submitted_on": "", "synthetic": "no"}
    about.append(["government", government.code])
    about.append(["government_name", government.name])
    about.append(["cycle", cycle.number])
    about.append(["schema", cycle.schema])
    for name in ("status", "submitted_on", "synthetic", "document_id", "bch_identifier"):
        _append(about, [name, fields.get(name, "")])
    about.append([])
    notes = [
        f"{cycle.title} of {government.name}: fill in the column “answer” of the sheet "
        f"“{XLSX_ANSWERS_SHEET}”, then upload this file on the report's page or run "
        "`cbap reports import FILE`.",
        "Answers are option values (the part before “=” in “allowed values”) or option titles; "
        f"separate several values by “{MULTIPLE_SEPARATOR}”.",
        "Additional information: the text (or number) for an option that takes one; for "
        "several options write one line per option as “<option value>: <text>”.",
        "Leave the answer empty for a question that does not apply; answers to questions that "
        "the rules hide are refused, and mandatory questions are checked when the report is "
        "submitted.",
        "Do not change the column “key” or the sheet names.",
    ]
    if report is not None and report.is_synthetic:
        notes.insert(0, SYNTHETIC_NOTICE)
    for note in notes:
        about.append([note])
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 40

    sheet = workbook.create_sheet(XLSX_ANSWERS_SHEET)
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"
    sheet.append(list(XLSX_ANSWER_HEADERS))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    answers = report.answers if report is not None else {}
    sections = {s.key: plain(s.title) for s in questionnaire.sections}
    list_row = 0
    for question in questionnaire.questions.values():
        answer, info = cells.workbook_cells(question, answers.get(question.key))
        _append(
            sheet,
            [
                question.key,
                question.number,
                sections.get(question.section, question.section),
                _question_title(questionnaire, question),
                _type_label(question),
                _allowed(question),
                answer,
                info,
            ],
        )
        row = sheet.max_row
        for cell in sheet[row]:
            cell.alignment = WRAP
        if not question.answerable:
            for cell in sheet[row]:
                cell.fill = HEADING_FILL
                cell.font = HEADER_FONT
        elif question.type in CHOICE_TYPES and not question.multiple and question.options:
            list_row += 1
            lists.append([question.key, *(o.value for o in question.options)])
            last = _column_letter(len(question.options) + 1)
            validation = DataValidation(
                type="list",
                formula1=f"=Lists!$B${list_row}:${last}${list_row}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not an option",
                error=f"Choose one of the options of {question.key}.",
            )
            sheet.add_data_validation(validation)
            validation.add(f"G{row}")
    for column, width in zip("ABCDEFGH", (11, 7, 24, 70, 16, 45, 30, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return _save(workbook)


def _append(sheet, values: list[Any]) -> None:
    """Append a row of data: text that starts with "=" stays text, never a formula."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_xlsx(export: ExportSet) -> bytes:
    if len(export.reports) != 1:
        raise ValueError(
            "An XLSX workbook holds one report: choose a government (or use wide-xlsx for a "
            "table of all reports)."
        )
    report = export.reports[0]
    return render_workbook(
        cycle=export.cycle,
        questionnaire=export.questionnaire,
        government=report.government,
        report=report,
    )


# ------------------------------------------------------------------------------------------
# The wide table: one row per government, one column per question
# ------------------------------------------------------------------------------------------

WIDE_FIXED = ["government", "government_name", "cycle", "status", "submitted_on", "synthetic"]
# The three answer states in the wide table: an answer; empty = not answered; this marker = not
# applicable (hidden or disabled by a rule). Not "n/a" or "NA": pandas and R read those as
# missing, which would merge the two states again.
NOT_APPLICABLE_MARK = "[not applicable]"
WIDE_STATES_NOTE = (
    "Answer cells: the answer; empty = not answered; "
    f"{NOT_APPLICABLE_MARK} = not applicable (the questionnaire's rules hide or disable the "
    "question, given the report's other answers; an answer stored anyway does not count)."
)


def _wide_columns(qn: Questionnaire) -> list[tuple[str, Question, bool]]:
    """(column name, question, is the additional-information column) for every answerable
    question; choice questions whose options take text or numbers get a second column."""
    columns = []
    for question in qn.answerable:
        columns.append((question.key, question, False))
        if any(o.takes_text or o.takes_number for o in question.options):
            columns.append((f"{question.key} additional information", question, True))
    return columns


def wide_rows(export: ExportSet) -> tuple[list[str], list[list[Any]]]:
    """The header and one row per report; a question the rules make not applicable holds
    NOT_APPLICABLE_MARK (its additional-information column stays empty)."""
    columns = _wide_columns(export.questionnaire)
    header = WIDE_FIXED + [name for name, _, _ in columns]
    rows = []
    for report in export.reports:
        row: list[Any] = [
            report.government.code,
            report.government.name,
            export.cycle.number,
            report.status,
            report.submitted_on.isoformat() if report.submitted_on else "",
            "yes" if report.is_synthetic else "no",
        ]
        states = answer_states(export.questionnaire, report.answers)
        for _, question, is_info in columns:
            if states.get(question.key) == NOT_APPLICABLE:
                row.append("" if is_info else NOT_APPLICABLE_MARK)
                continue
            answer, info = cells.workbook_cells(question, report.answers.get(question.key))
            row.append(info if is_info else answer)
        rows.append(row)
    return header, rows


def render_wide_csv(export: ExportSet) -> bytes:
    header, rows = wide_rows(export)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def render_wide_xlsx(export: ExportSet) -> bytes:
    """Sheet "Reports" (the wide table, then notes: demo data, what empty and
    NOT_APPLICABLE_MARK mean) and sheet "Questions" (key, number, section, title, type, allowed
    values) to read the column names by."""
    header, rows = wide_rows(export)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Reports"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    for row in rows:
        _append(sheet, row)
    sheet.freeze_panes = "C2"
    sheet.append([])
    sheet.append([WIDE_STATES_NOTE])
    if any(r.is_synthetic for r in export.reports):
        sheet.append([SYNTHETIC_NOTICE + " Rows with synthetic = yes are generated by cbap."])
    questions = workbook.create_sheet("Questions")
    questions.append(["key", "number", "section", "question", "type", "allowed values"])
    for cell in questions[1]:
        cell.font = HEADER_FONT
    sections = {s.key: plain(s.title) for s in export.questionnaire.sections}
    for question in export.questionnaire.answerable:
        questions.append(
            [
                question.key,
                question.number,
                sections.get(question.section, question.section),
                _question_title(export.questionnaire, question),
                _type_label(question),
                _allowed(question),
            ]
        )
    questions.column_dimensions["D"].width = 80
    questions.column_dimensions["F"].width = 50
    return _save(workbook)


RENDERERS: dict[str, Callable[[ExportSet], bytes]] = {
    "feed": render_feed,
    "document": render_document,
    "csv": render_csv,
    "xlsx": render_xlsx,
    "wide-csv": render_wide_csv,
    "wide-xlsx": render_wide_xlsx,
}
