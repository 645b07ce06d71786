"""The long CSV, read and written: one row per ticked option, per text language, per number.

Columns: government, cycle, question, value, additional_information, then optionally the
language and the report's fields (status, submitted_on, synthetic, document_id,
bch_identifier), the same on every row of a report. The layout is specified in
`cbap/bch/data/README.md` ("Import and export formats").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from cbap.bch import cells
from cbap.bch.questionnaire import Questionnaire
from cbap.core import downloads
from cbap.reports.formats import tables
from cbap.reports.formats.exporting import ExportSet
from cbap.reports.formats.incoming import Governments, IncomingReport, Reading, lookup_cycle
from cbap.reports.models import ReportingCycle
from cbap.reports.selectors import questionnaire_for

COLUMNS = ("government", "cycle", "question", "value", "additional_information")
REPORT_COLUMNS = (
    "status",
    "submitted_on",
    "synthetic",
    "document_id",
    "bch_identifier",
    "version",
)
OPTIONAL_COLUMNS = ("language", *REPORT_COLUMNS)
TEXT_COLUMNS = ("value", "additional_information")  # kept verbatim, spaces included
MAX_ROWS = 100_000
"""Rows of a CSV: twice a whole cycle's reports."""
LINES_PER_ROW = 5
"""A file of more lines than this many per allowed row is refused before it is decoded (a row
may span lines: a text of several lines)."""
HEADER = [*COLUMNS, *OPTIONAL_COLUMNS]


def _row(number: int | str) -> str:
    """Where in the file, as problems say it: "row 12"."""
    return _("row %(number)s") % {"number": number}


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


def read(
    reading: Reading, content: bytes, default_cycle: ReportingCycle | None
) -> list[IncomingReport]:
    lines = content.count(b"\n")
    if lines > LINES_PER_ROW * MAX_ROWS:  # far too long: refused before it is even decoded
        _too_many_rows(reading, _("%(lines)s lines") % {"lines": f"{lines:,}"})
        return []
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        reading.problem(_("The CSV file is not UTF-8 text."))
        return []
    # strict: a quote left open is an error, not a value swallowing the rest of the file
    rows = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = rows.fieldnames or []
    except csv.Error as error:
        _malformed(reading, error, record=1, line=1)
        return []
    columns = [c.strip() for c in header]
    missing = [c for c in COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in COLUMNS + OPTIONAL_COLUMNS and c]
    if missing and "government_name" in columns and any(re.match(r"Q\d", c) for c in columns):
        reading.problem(
            _(
                "This is a wide table (one column per question), which cbap exports for "
                "analysis but does not import: import the long CSV (export format csv), a BCH "
                "feed or document, or a report workbook."
            ),
            row=_row(1),
        )
        return []
    if missing or unknown:
        if missing:
            reading.problem(
                _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)},
                row=_row(1),
            )
        if unknown:
            reading.problem(
                _("Unknown column(s): %(columns)s.") % {"columns": ", ".join(unknown)},
                row=_row(1),
            )
        return []
    rows.fieldnames = columns
    cycles = {c.number: c for c in ReportingCycle.objects.all()}
    governments = Governments()
    groups: dict[tuple[Any, Any], _CsvReport] = {}
    number = 1
    while True:
        number += 1
        if number > MAX_ROWS + 1:
            _too_many_rows(
                reading, _("row %(number)s and more") % {"number": f"{number:,}"}, row=_row(number)
            )
            return []
        line = rows.reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            _malformed(reading, error, record=number, line=line)
            return []
        # Keys and codes are trimmed; texts stay as written (option values are trimmed when
        # they are looked up); the apostrophe cbap writes before a would-be formula goes.
        row = {
            k: downloads.csv_text_read(v or "")
            if k in TEXT_COLUMNS
            else downloads.csv_text_read((v or "").strip())
            for k, v in row.items()
            if k is not None
        }
        if not any(v.strip() for v in row.values()):
            continue
        government = row["government"]
        cycle_text = row["cycle"] or (str(default_cycle.number) if default_cycle else "")
        # rows of one report may name it differently ("KEN", "ke"; "5", "NR5")
        found, cycle = governments.find(government), lookup_cycle(cycle_text, cycles, None)
        key = (
            found.pk if found else government.upper(),
            cycle.number if cycle else cycle_text.lower(),
        )
        group = groups.get(key)
        if group is None:
            group = groups[key] = _CsvReport(
                IncomingReport(government=government, where=_row(number), cycle=cycle_text)
            )
        group.add(reading, number, row)
    result = []
    for group in groups.values():
        cycle = lookup_cycle(group.report.cycle, cycles, default_cycle)
        group.finish(reading, questionnaire_for(cycle) if cycle else None)
        result.append(group.report)
    return result


def _too_many_rows(reading: Reading, found: str, **where: str) -> None:
    reading.problem(
        _(
            "The CSV has more than %(most)s rows (%(found)s); import it in parts (one cycle's "
            "reports fill about 50,000)."
        )
        % {"most": f"{MAX_ROWS:,}", "found": found},
        **where,
    )


def _malformed(reading: Reading, error: csv.Error, *, record: int, line: int) -> None:
    """A CSV the csv module cannot split into rows: say where, and the likely cause."""
    if "unexpected end of data" in str(error):
        reason = _(
            "Malformed CSV: a quoted value opens in row %(record)s (line %(line)s) and is never "
            'closed (a “"” is missing), so the rest of the file would be read as that one '
            "value. Nothing was read."
        ) % {"record": record, "line": line}
    else:
        reason = _(
            "Malformed CSV in row %(record)s (line %(line)s): %(error)s. Nothing was read."
        ) % {"record": record, "line": line, "error": error}
    reading.problem(reason, row=_row(record))


class _CsvReport:
    """Collects the rows of one government and cycle, then builds the BCH answers."""

    def __init__(self, report: IncomingReport):
        self.report = report
        self.rows: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self.meta: dict[str, tuple[str, int]] = {}
        self.last_row = 0

    def add(self, reading: Reading, number: int, row: dict[str, str]) -> None:
        self.last_row = number
        for name in REPORT_COLUMNS:
            value = row.get(name, "")
            if not value:
                continue
            first = self.meta.setdefault(name, (value, number))
            if first[0] != value:
                reading.problem(
                    _(
                        "%(column)s is “%(first)s” in row %(row)s but “%(value)s” here; it must "
                        "be the same on every row of a report."
                    )
                    % {"column": name, "first": first[0], "row": first[1], "value": value},
                    report=self.report.government,
                    row=_row(number),
                    value=value,
                )
        if row["question"]:
            self.rows.setdefault(row["question"], []).append((number, row))

    def finish(self, reading: Reading, questionnaire: Questionnaire | None) -> None:
        report = self.report
        if self.last_row and self.report.where != _row(self.last_row):
            report.where = f"{report.where}–{self.last_row}"
        meta = {name: value for name, (value, _number) in self.meta.items()}
        tables.read_report_fields(reading, report, meta)
        if questionnaire is None:
            return  # the checks report the unknown cycle
        for key, rows in self.rows.items():
            report.rows[key] = _row(rows[0][0])
            question = questionnaire.questions.get(key)
            row_cells = [
                tables.Cell(
                    value=row["value"],
                    info=row.get("additional_information", ""),
                    language=row.get("language") or "en",
                    where=_row(number),
                )
                for number, row in rows
            ]
            raw = tables.build_answer(reading, report, question, key, row_cells)
            if raw is not None:
                report.answers[key] = raw
                report.shown[key] = "; ".join(c.value for c in row_cells if c.value)


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


def _ordered_keys(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    known = [key for key in questionnaire.questions if key in answers]
    return known + [key for key in answers if key not in questionnaire.questions]


def rows(export: ExportSet) -> Iterable[dict[str, Any]]:
    """One row per ticked option, per text language, per number; a report without answers
    gets one row with an empty question, so that it is not lost."""
    qn = export.questionnaire
    for report in export.reports:
        base = {
            "government": report.government.code,
            "cycle": export.cycle.number,
            **tables.report_field_values(report),
        }
        count = 0
        for key in _ordered_keys(qn, report.answers):
            question = qn.questions.get(key)
            raw = report.answers[key]
            for value, info, language in cells.csv_cells(question, raw):
                count += 1
                yield {
                    **base,
                    "question": key,
                    "value": value,
                    "additional_information": info,
                    "language": language,
                }
        if not count:
            yield {
                **base,
                "question": "",
                "value": "",
                "additional_information": "",
                "language": "",
            }


def render(export: ExportSet) -> bytes:
    return downloads.csv_bytes(HEADER, rows(export))
