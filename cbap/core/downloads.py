"""Every file cbap hands out, written one way: content types, file names, CSV and XLSX.

The conventions, so that any download opens the same way in a spreadsheet or a script:
- a data file holds only data: a CSV is a header row then one row per record; notes (demo data,
  what an empty cell means, the source) go to the "About" sheet of the XLSX, to the JSON, and to
  the page the file was downloaded from — never into rows above or below the data;
- every CSV is UTF-8 with a byte-order mark, so that Excel reads "Türkiye" as it is written
  (Python's `utf-8-sig`, pandas and R read the mark as nothing);
- a file's name says what it holds, filters included: `cbap-parties-2026-12-04-region-weog.csv`;
- nothing in a file runs: a CSV text that a spreadsheet would read as a formula (it starts with
  =, +, -, @, a tab or a carriage return) is written behind an apostrophe (`csv_text`, undone by
  `csv_text_read` on import, so the round trip is lossless); an XLSX writes such text as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

SYNTHETIC_NOTICE = gettext_noop("Demo data — not real national reports.")
"""Said by every download, page and API answer that holds cbap's synthetic demo reports."""

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain; charset=utf-8",
    "svg": "image/svg+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, "CSV injection")."""
GUARD = "'"
ABOUT_SHEET = "About"
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def file_name(*parts: Any, filters: Mapping[str, Any] | None = None, extension: str) -> str:
    """``cbap-<parts>-<filter>-<value>….<extension>`` in letters, digits and hyphens (codes
    keep their case): the parts say what the file is, the filters (in the order given, empty
    ones left out) which part of it.

    >>> file_name("parties", "2026-12-04", filters={"region": "weog", "q": ""}, extension="csv")
    'cbap-parties-2026-12-04-region-weog.csv'
    """
    words = ["cbap", *parts]
    for name, value in (filters or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        values = [v for v in values if v not in (None, "")]
        if values:
            words += [name, *values]
    slug = "-".join(_slug(word) for word in words if _slug(word))
    return f"{slug}.{extension}"


def _slug(value: Any) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", str(value)).strip("-.")


def download(content: bytes | Iterable[str], name: str) -> HttpResponse | StreamingHttpResponse:
    """The file as an attachment; its content type follows the name's extension (the last one
    cbap knows, so `…feed.json` is JSON). Text in pieces (`csv_stream`) is streamed as it is
    written, for files too big to hold in memory."""
    extension = name.rsplit(".", 1)[-1]
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    else:
        response = StreamingHttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


Row = Sequence[Any] | Mapping[str, Any]


def csv_bytes(header: Sequence[str], rows: Iterable[Row]) -> bytes:
    """A CSV of the rows (sequences, or mappings keyed by the header's names) after the
    header, UTF-8 with a byte-order mark."""
    return "".join(csv_stream(header, rows)).encode("utf-8")


def csv_stream(header: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    """The same CSV as `csv_bytes`, one line at a time (the mark before the header)."""

    class Line:
        def write(self, line: str) -> str:
            return line

    writer = csv.writer(Line(), lineterminator="\n")
    # The csv module quotes a field holding the line terminator's characters only: this one
    # also quotes a lone carriage return, which would otherwise end the row in a reader.
    careful = csv.writer(Line(), lineterminator="\r\n")
    yield BOM + writer.writerow(header)
    for row in rows:
        values = [csv_text(v) if isinstance(v, str) else v for v in _values(header, row)]
        if any(isinstance(v, str) and "\r" in v for v in values):
            yield careful.writerow(values)[:-2] + "\n"
        else:
            yield writer.writerow(values)


def _values(header: Sequence[str], row: Row) -> Sequence[Any]:
    return [row.get(name, "") for name in header] if isinstance(row, Mapping) else row


def csv_text(text: str) -> str:
    """Text as a CSV cell that no spreadsheet runs: behind an apostrophe when it would start a
    formula, or when it starts with the apostrophe itself (so that `csv_text_read` can tell)."""
    return GUARD + text if text.startswith((*FORMULA_STARTS, GUARD)) else text


def csv_text_read(text: str) -> str:
    """A cell of a CSV written by `csv_text`, as the text it was."""
    if text.startswith(GUARD) and text[1:2] and text[1:].startswith((*FORMULA_STARTS, GUARD)):
        return text[1:]
    return text


@dataclass
class Sheet:
    """One sheet of data: a header row and rows (sequences, or mappings keyed by the header's
    names); `widths` of columns by letter."""

    title: str
    header: Sequence[str]
    rows: Iterable[Row]
    widths: Mapping[str, float] = field(default_factory=dict)
    freeze: str = "A2"


def xlsx_bytes(sheets: Sequence[Sheet], about: Sequence[tuple[str, Any]] = ()) -> bytes:
    """A workbook with the data sheets (bold, frozen header rows) and, when there is anything
    to say about the data, a last sheet "About" of (topic, text) rows."""
    workbook = new_workbook()
    for sheet in sheets:
        add_sheet(workbook, sheet)
    if about:
        about_sheet(workbook, about)
    return workbook_bytes(workbook)


def new_workbook() -> Workbook:
    """A workbook without sheets, to add them in the order they are to be read."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def add_sheet(workbook: Workbook, sheet: Sheet):
    """The sheet of data after the workbook's others: a bold, frozen header row, then the rows."""
    worksheet = workbook.create_sheet(sheet.title)
    append(worksheet, list(sheet.header))
    for cell in worksheet[1]:
        cell.font = HEADER_FONT
    for row in sheet.rows:
        append(worksheet, list(_values(sheet.header, row)))
    worksheet.freeze_panes = sheet.freeze
    for column, width in sheet.widths.items():
        worksheet.column_dimensions[column].width = width
    return worksheet


def about_sheet(workbook: Workbook, about: Sequence[tuple[str, Any]]):
    """The "About" sheet: one (topic, text) row each, wrapped to be read."""
    sheet = workbook.create_sheet(ABOUT_SHEET)
    for topic, text in about:
        append(sheet, [topic, text])
    for row in sheet.iter_rows():
        row[0].font = HEADER_FONT
        for cell in row:
            cell.alignment = WRAP
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100
    return sheet


def append(worksheet, values: list[Any]) -> None:
    """Append a row of data: text that starts with "=" stays text, never a formula."""
    worksheet.append(values)
    for cell in worksheet[worksheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
