"""One report as an XLSX workbook to fill in offline, read and written.

Sheet "Report" holds who and which cycle (status, submission date …), sheet "Answers" one row
per question (key, number, section, question, type, allowed values, answer, additional
information), a hidden sheet "Lists" the drop-down lists. The layout is specified in
`cbap/bch/data/README.md` ("Import and export formats"). The question descriptions here serve
the wide table too; rows are written as every download's are (`cbap.core.downloads`).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from cbap.bch import cells
from cbap.bch.cells import MULTIPLE_SEPARATOR
from cbap.bch.questionnaire import CHOICE_TYPES, Question, Questionnaire
from cbap.bch.text import plain
from cbap.core import downloads
from cbap.core.downloads import HEADER_FONT, SYNTHETIC_NOTICE, WRAP
from cbap.reports.formats import tables
from cbap.reports.formats.exporting import ExportSet
from cbap.reports.formats.incoming import IncomingReport, Reading, lookup_cycle
from cbap.reports.formats.tables import Cell, filled, plain_value
from cbap.reports.models import ReportingCycle
from cbap.reports.selectors import ReportVersion, questionnaire_for

REPORT_SHEET = "Report"
ANSWERS_SHEET = "Answers"
ANSWER_HEADERS = (
    "key",
    "number",
    "section",
    "question",
    "type",
    "allowed values",
    "answer",
    "additional information",
)
HEADING_FILL = PatternFill("solid", fgColor="EEF2F5")
TYPE_LABELS = {
    "option": gettext_lazy("single choice"),
    "term": gettext_lazy("single choice"),
    "lstring": gettext_lazy("text"),
    "lstringRte": gettext_lazy("text"),
    "text": gettext_lazy("text"),
    "int": gettext_lazy("whole number"),
    "sub-section": gettext_lazy("heading"),
    "legend": gettext_lazy("heading"),
}


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


def read(
    reading: Reading, content: bytes, default_cycle: ReportingCycle | None
) -> list[IncomingReport]:
    from openpyxl import load_workbook

    if too_big := _too_big(content):
        reading.problem(too_big)
        return []
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        reading.problem(_("Not a readable XLSX workbook: %(error)s.") % {"error": error})
        return []
    missing = [s for s in (REPORT_SHEET, ANSWERS_SHEET) if s not in workbook.sheetnames]
    if missing:
        reading.problem(
            _(
                "The workbook has no sheet %(sheets)s; download a template from the report's "
                "page (or `cbap reports template`) and fill that in."
            )
            % {
                "sheets": missing[0]
                if len(missing) == 1
                else _("%(first)s or %(second)s") % {"first": missing[0], "second": missing[1]}
            }
        )
        return []
    meta: dict[str, Any] = {}
    for row in workbook[REPORT_SHEET].iter_rows(values_only=True):
        if not row or not filled(row[0]):
            if meta:
                break
            continue
        meta[str(row[0]).strip().lower()] = row[1] if len(row) > 1 else None
    government = plain_value(meta.get("government"))
    report = IncomingReport(
        government=government,
        where=_("sheet %(sheet)s") % {"sheet": REPORT_SHEET},
        cycle=plain_value(meta.get("cycle")) or (default_cycle.number if default_cycle else None),
    )
    if not government:
        reading.problem(
            _("Sheet %(sheet)s names no government.") % {"sheet": REPORT_SHEET}, row=report.where
        )
    tables.read_report_fields(reading, report, meta)
    cycle = lookup_cycle(report.cycle, {c.number: c for c in ReportingCycle.objects.all()}, None)
    questionnaire = questionnaire_for(cycle) if cycle else None
    rows = workbook[ANSWERS_SHEET].iter_rows(values_only=True)
    header = [plain_value(h).lower() for h in next(rows, ())]
    columns = {name: header.index(name) for name in ANSWER_HEADERS if name in header}
    needed = ("key", "answer", "additional information")
    if any(name not in columns for name in needed):
        reading.problem(
            _("Sheet %(sheet)s needs the columns %(columns)s in row 1.")
            % {"sheet": ANSWERS_SHEET, "columns": ", ".join(needed)},
            report=government,
        )
        return [report]
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS:
            reading.problem(
                _("Sheet %(sheet)s has more than %(most)s rows; a report has one row per question.")
                % {"sheet": ANSWERS_SHEET, "most": f"{MAX_ROWS:,}"},
                report=government,
            )
            break
        row_cells = list(row)[: len(header)] + [None] * len(header)
        key = plain_value(row_cells[columns["key"]])
        answer = row_cells[columns["answer"]]
        info = row_cells[columns["additional information"]]
        if not key or not (filled(answer) or filled(info)):
            continue
        where = _("%(sheet)s row %(number)s") % {"sheet": ANSWERS_SHEET, "number": number}
        report.rows[key] = where
        if questionnaire is None:
            continue
        question = questionnaire.questions.get(key)
        raw = tables.build_answer(
            reading,
            report,
            question,
            key,
            _row_cells(reading, report, question, key, answer, info, where),
        )
        if raw is not None:
            report.answers[key] = raw
            report.shown[key] = plain_value(answer)
    return [report]


MAX_ROWS = 2_000
"""Rows of the sheet Answers: a questionnaire has a few hundred questions."""
MAX_MEMBERS = 100
MAX_UNPACKED = 25 * 2**20
"""A report workbook is a few hundred kilobytes unpacked; a zip that unpacks to more is refused
before it is read (a "zip bomb" of a few hundred kilobytes can unpack to gigabytes)."""


def _too_big(content: bytes) -> str | None:
    """Why the XLSX (a zip) may not be opened, from its directory alone; None when it may."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return _("Not a readable XLSX workbook: %(error)s.") % {"error": error}
    if len(members) > MAX_MEMBERS:
        return _("The workbook holds %(count)s parts; a report workbook holds about ten.") % {
            "count": len(members)
        }
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        return _(
            "The workbook unpacks to %(size)s MB; a report workbook unpacks to less than "
            "%(most)s MB. Download a template and fill that in."
        ) % {"size": f"{unpacked / 2**20:,.0f}", "most": MAX_UNPACKED // 2**20}
    return None


def _row_cells(
    reading, report, question: Question | None, key: str, answer: Any, info: Any, where: str
) -> list[Cell]:
    """One workbook row as cells: a choice answer split at `;`, its additional information
    matched to the options ("value: text" per line; a single option may omit the value)."""
    if question is None or question.type not in CHOICE_TYPES:
        return [Cell(answer, info, "en", where)]
    values = [tables.option_value(question, part) for part in _split(answer)]
    if not values:
        return [Cell("", info, "en", where)]
    infos: dict[str, Any] = {}
    if filled(info):
        infos = _match_infos(reading, report, question, key, values, info, where)
    result = [Cell(value, infos.pop(value, None), "en", where) for value in values]
    result += [Cell("", text, "en", where) for text in infos.values()]
    return result


def _split(answer: Any) -> list[str]:
    if not filled(answer):
        return []
    return [part.strip() for part in plain_value(answer).split(MULTIPLE_SEPARATOR) if part.strip()]


def _match_infos(reading, report, question, key, values, info, where) -> dict[str, Any]:
    taking = [v for v in values if (o := question.option(v)) and (o.takes_text or o.takes_number)]
    if isinstance(info, int | float):
        info = plain_value(info)
    text = str(info).strip()
    if len(values) == 1 and not text.startswith(f"{values[0]}:"):
        return {values[0]: text}
    result: dict[str, Any] = {}
    current = None
    for line in text.splitlines():
        head, colon, rest = line.partition(":")
        candidate = tables.option_value(question, head.strip()) if colon else None
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
                _(
                    "Cannot tell which option this additional information belongs to: write "
                    "one line per option, as “<option value>: <text>”."
                ),
                report=report.government,
                row=where,
                question=key,
                value=line.strip(),
            )
            return {}
    return result


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


def type_label(question: Question) -> str:
    if question.type in CHOICE_TYPES and question.multiple:
        return _("multiple choice (separate values by %(separator)s)") % {
            "separator": MULTIPLE_SEPARATOR
        }
    return str(TYPE_LABELS.get(question.type, question.type))


def allowed_values(question: Question) -> str:
    lines = []
    for option in question.options:
        extra = ""
        if option.takes_text:
            extra = " " + _("(+ text in additional information)")
        elif option.takes_number:
            extra = " " + _("(+ whole number in additional information)")
        if option.exclusive:
            extra += " " + _("(only on its own)")
        lines.append(f"{option.value} = {plain(option.title)}{extra}")
    return "\n".join(lines)


def question_title(qn: Questionnaire, question: Question) -> str:
    if question.parent_key:
        return f"{qn.questions[question.parent_key].plain_title} — {question.plain_title}"
    return question.plain_title


def render_workbook(
    *,
    cycle: ReportingCycle,
    questionnaire: Questionnaire,
    government,
    report: ReportVersion | None = None,
) -> bytes:
    """The workbook of one government's report in the cycle: sheet "Report" (who, which cycle,
    status …), sheet "Answers" (one row per question: key, number, section, question, type,
    allowed values, answer, additional information; a drop-down list on single-choice answers)
    and a hidden sheet "Lists" that feeds the drop-down lists. Pre-filled from `report`."""
    workbook = Workbook()
    about = workbook.active
    about.title = REPORT_SHEET
    fields = tables.report_field_values(report) if report is not None else {}
    if report is None:
        fields = {"status": "draft", "submitted_on": "", "synthetic": "no"}
    about.append(["government", government.code])
    about.append(["government_name", government.name])
    about.append(["cycle", cycle.number])
    about.append(["schema", cycle.schema])
    for name in ("status", "submitted_on", "synthetic", "document_id", "bch_identifier"):
        downloads.append(about, [name, fields.get(name, "")])
    if fields.get("version"):  # the version it was made from: an import checks it is current
        about.append(["version", fields["version"]])
    about.append([])
    notes = [
        # Translators: the sheet and column names (“answer”, “allowed values”, “key”) stay as
        # they are in every language: the import reads them.
        _(
            "%(cycle)s of %(government)s: fill in the column “answer” of the sheet “%(sheet)s”, "
            "then upload this file on the report's page or run `cbap reports import FILE`."
        )
        % {"cycle": cycle.title, "government": government.name, "sheet": ANSWERS_SHEET},
        _(
            "Answers are option values (the part before “=” in “allowed values”) or option "
            "titles; separate several values by “%(separator)s”."
        )
        % {"separator": MULTIPLE_SEPARATOR},
        _(
            "Additional information: the text (or number) for an option that takes one; for "
            "several options write one line per option as “<option value>: <text>”."
        ),
        _(
            "Leave the answer empty for a question that does not apply; answers to questions "
            "that the rules hide are refused, and mandatory questions are checked when the "
            "report is submitted."
        ),
        _("Do not change the column “key” or the sheet names."),
    ]
    if report is not None and report.is_synthetic:
        notes.insert(0, _(SYNTHETIC_NOTICE))
    for note in notes:
        about.append([note])
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 40

    sheet = workbook.create_sheet(ANSWERS_SHEET)
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"
    sheet.append(list(ANSWER_HEADERS))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    answers = report.answers if report is not None else {}
    sections = {s.key: plain(s.title) for s in questionnaire.sections}
    list_row = 0
    for question in questionnaire.questions.values():
        answer, info = cells.workbook_cells(question, answers.get(question.key))
        downloads.append(
            sheet,
            [
                question.key,
                question.number,
                sections.get(question.section, question.section),
                question_title(questionnaire, question),
                type_label(question),
                allowed_values(question),
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
                errorTitle=_("Not an option"),
                error=_("Choose one of the options of %(question)s.") % {"question": question.key},
            )
            sheet.add_data_validation(validation)
            validation.add(f"G{row}")
    for column, width in zip("ABCDEFGH", (11, 7, 24, 70, 16, 45, 30, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return downloads.workbook_bytes(workbook)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


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
