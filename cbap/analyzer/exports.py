"""The analysis as CSV and XLSX: exactly the lines of the page's tables, with what was chosen
(the XLSX "About" sheet), picked by format from :data:`RENDERERS`."""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cbap.analyzer.query import MEASURES
from cbap.analyzer.tables import SYNTHETIC_NOTICE

if TYPE_CHECKING:
    from cbap.analyzer.analysis import Analysis


def download_header(analysis: Analysis) -> list[str]:
    fixed = ["question", "question_title", "table", "answer_value", "answer", "figure"]
    return [*fixed, *analysis.labels, "warning"]


NOTE = "note"


def download_rows(analysis: Analysis) -> list[list[Any]]:
    """The header, then every line of every table shown, in page order, then the page's
    footnotes as rows whose `table` is "note" (the text in `answer`)."""
    rows: list[list[Any]] = [download_header(analysis)]
    for result in analysis.tables:
        for line in result.lines:
            rows.append(
                [
                    result.key,
                    result.title,
                    line.table,
                    line.value,
                    line.label,
                    line.figure,
                    *line.cells,
                    result.warning,
                ]
            )
    if analysis.overlap_note:
        blank = [None] * len(analysis.labels)
        rows.append(["", "", NOTE, "", analysis.overlap_note, "", *blank, ""])
    return rows


def render_csv(analysis: Analysis, *, bom: bool = True) -> bytes:
    """UTF-8 CSV (with a BOM for spreadsheets, unless told not to); demo data says so on its
    first line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if analysis.synthetic:
        writer.writerow([SYNTHETIC_NOTICE])
    for row in download_rows(analysis):
        writer.writerow(["" if cell is None else cell for cell in row])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def render_xlsx(analysis: Analysis) -> bytes:
    """The same rows on a sheet "Analysis", and what was chosen on a sheet "About"."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Analysis"
    if analysis.synthetic:
        sheet.append([SYNTHETIC_NOTICE])
        sheet.cell(row=1, column=1).font = Font(bold=True)
    for row in download_rows(analysis):
        sheet.append(row)
    header_row = 2 if analysis.synthetic else 1
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=7)
    about = book.create_sheet("About")
    for name, value in about_rows(analysis):
        about.append([name, value])
        about.cell(row=about.max_row, column=1).font = Font(bold=True)
        about.cell(row=about.max_row, column=2).alignment = Alignment(wrap_text=True)
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def about_rows(analysis: Analysis) -> list[tuple[str, str]]:
    choices = analysis.choices
    rows = [
        ("Data", SYNTHETIC_NOTICE if analysis.synthetic else "Published national reports."),
        ("Reporting cycle", f"{analysis.cycle.title} (NR{analysis.cycle.number})"),
        ("Questions", choices.question),
        ("Columns", choices.by),
        ("Measure", MEASURES[choices.measure]),
        (
            "Compared with",
            f"{analysis.previous.title} (NR{analysis.previous.number}), in "
            f"{analysis.comparison_label}"
            if analysis.previous
            else "–",
        ),
        ("Filters", "; ".join(analysis.filter_titles.values()) or "–"),
        ("Query", choices.query_string()),
    ]
    if analysis.overlap_note:
        rows.append(("Note", analysis.overlap_note))
    for column in analysis.columns:
        members = sorted(analysis.names.get(code, code) for code in column.members)
        rows.append((f"Column: {column.label}", ", ".join(members)))
    return rows


RENDERERS = {"csv": render_csv, "xlsx": render_xlsx}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_name(analysis: Analysis, fmt: str) -> str:
    question = re.sub(r"[^A-Za-z0-9_-]+", "-", analysis.choices.question)
    by = re.sub(r"[^A-Za-z0-9_-]+", "-", analysis.choices.by)
    return f"cbap-nr{analysis.cycle.number}-{question}-{by}-{analysis.choices.measure}.{fmt}"
