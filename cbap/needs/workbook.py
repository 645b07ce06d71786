"""A self-assessment as an XLSX workbook that a Party fills in offline, written and read.

Sheet "Needs" holds one row per key area of the plan, in the plan's order: the goal, the key
area's code and text, then what the Party says of it (level of need, priority rank, kinds of
support, audiences, notes, confidential) and where the pre-filled line came from. The sheet
"About" says whose record it is and the version it was made from (`party`, `record`,
`version`), the assessment's date and notes (`assessed_on`, `notes`: filled in there), and the
terms each column takes.

Reading (`read_assessment_workbook`) only parses and checks: all or nothing, it gives the
content to save (`Reading.content()`) or the problems, each with its row, column and value.
The caller saves with `records.services.record_update(..., expected_version=reading.version)`,
so that a workbook made from an older version is refused as a stale save.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.datavalidation import DataValidation

from cbap.activities.formats.incoming import MAX_PROBLEMS, Problem
from cbap.core import downloads
from cbap.core.downloads import WRAP
from cbap.needs.selectors import key_areas_by_goal
from cbap.needs.validation import key_area_codes, line_problems
from cbap.needs.vocabularies import KINDS, LEVELS, audiences

NEEDS_SHEET = "Needs"
ABOUT_SHEET = downloads.ABOUT_SHEET
HEADER = (
    "goal",
    "key_area",
    "key_area_text",
    "level",
    "rank",
    "kinds",
    "audiences",
    "notes",
    "confidential",
    "prefilled_from",
)
"""The columns of the sheet Needs; those after `key_area_text` but the last are read back."""
READ_COLUMNS = ("key_area", "level", "rank", "kinds", "audiences", "notes", "confidential")
WIDTHS = {"A": 7, "B": 9, "C": 60, "D": 14, "E": 7, "F": 28, "G": 28, "H": 40, "I": 13, "J": 50}
YES, NO = "yes", "no"
SEPARATOR = ","
# The rows of the sheet About that are read back (column A, in English in every language).
ABOUT_KEYS = ("party", "record", "version", "assessed_on", "notes")

MAX_BYTES = 5 * 2**20
MAX_ROWS = 1_000
"""Rows of the sheet Needs under its header: the plan has a few dozen key areas."""
MAX_ABOUT_ROWS = 200
MAX_MEMBERS = 100
MAX_UNPACKED = 25 * 2**20
"""A workbook of needs is some tens of kilobytes unpacked; a zip that unpacks to more is
refused from its directory, before it is read (a "zip bomb")."""


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


def assessment_workbook(assessment, content: dict) -> bytes:
    """The workbook of the self-assessment's `content` (its working copy, `record.content()`):
    sheet Needs, one row per key area of the current plan in its order, and sheet About with
    the Party, the record, the version (`assessment.version`: an upload is checked against
    it), the assessment's date and notes, and the terms each column takes."""
    lines = content.get("lines") or {}
    sources = content.get("sources") or {}
    rows = []
    for goal in key_areas_by_goal():
        for code, text in goal.key_areas:
            line = lines.get(code) or {"level": "not_assessed"}
            rows.append(
                [
                    goal.code,
                    code,
                    text,
                    line.get("level") or "not_assessed",
                    line.get("rank"),
                    f"{SEPARATOR} ".join(map(str, line.get("kinds") or [])),
                    f"{SEPARATOR} ".join(map(str, line.get("audiences") or [])),
                    _cell_text(line.get("notes") or ""),
                    YES if line.get("confidential") else NO,
                    "\n".join(source_text(entry) for entry in sources.get(code) or []),
                ]
            )
    workbook = downloads.new_workbook()
    sheet = downloads.add_sheet(workbook, downloads.Sheet(NEEDS_SHEET, HEADER, rows, widths=WIDTHS))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    last = len(rows) + 1
    if rows:
        _validate(sheet, f"D2:D{last}", _list_of(LEVELS), _("Not a level of need"))
        _validate(sheet, f"I2:I{last}", _list_of((YES, NO)), _("Write yes or no"))
        rank = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="1",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Not a rank"),
            error=_("A rank is a whole number from 1."),
        )
        sheet.add_data_validation(rank)
        rank.add(f"E2:E{last}")
    about = downloads.about_sheet(workbook, _about(assessment, content, sources))
    for row in about.iter_rows():
        if row[0].value == "assessed_on" and isinstance(row[1].value, date):
            row[1].number_format = "yyyy-mm-dd"
    return downloads.workbook_bytes(workbook)


def _about(assessment, content: dict, sources: dict) -> list[tuple[str, Any]]:
    party = assessment.owner_party
    assessed_on = content.get("assessed_on")
    if isinstance(assessed_on, str) and assessed_on:
        assessed_on = date.fromisoformat(assessed_on)
    about: list[tuple[str, Any]] = [
        ("party", party.code if party else ""),
        ("record", assessment.pk),
        ("version", assessment.version),
        ("assessed_on", assessed_on or ""),
        ("notes", _cell_text(content.get("notes") or "")),
        (
            _("Made"),
            _(
                "Self-assessment of %(party)s, record %(record)s, version %(version)s, written "
                "by cbap on %(when)s. Keep the rows party, record and version as they are: an "
                "upload is refused when the record changed since this version."
            )
            % {
                "party": party.name if party else "",
                "record": assessment.pk,
                "version": assessment.version,
                "when": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"),
            },
        ),
        (
            _("How to fill in"),
            _(
                "Fill in the columns level, rank, kinds, audiences, notes and confidential of "
                "the sheet “%(sheet)s”, one row per key area; the date of the assessment and its "
                "notes go in the rows assessed_on and notes above. Do not change the column "
                "key_area, the header row or the sheet names; keep every key area's row. Then "
                "upload the file on the self-assessment's page."
            )
            % {"sheet": NEEDS_SHEET},
        ),
        ("level", _terms(LEVELS)),
        (
            "rank",
            _("Priority rank: a whole number from 1 (first), each rank given once; or empty."),
        ),
        (
            "kinds",
            _("Kinds of support, separated by commas: %(terms)s")
            % {"terms": _terms(KINDS, separator="; ")},
        ),
        (
            "audiences",
            _("Audiences, separated by commas: %(terms)s")
            % {"terms": _terms(audiences(), separator="; ")},
        ),
        (
            "confidential",
            _("yes: only the Secretariat and matched providers see the line; no: public."),
        ),
    ]
    if general := sources.get("*"):
        about.append((_("Every key area"), "\n".join(source_text(entry) for entry in general)))
    if unplaced := sources.get(""):
        about.append((_("No key area"), "\n".join(source_text(entry) for entry in unplaced)))
    return about


def _cell_text(text: str) -> str:
    """Text a cell can hold: without the control characters XML 1.0 refuses."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(text))


def _terms(terms: dict, separator: str = "\n") -> str:
    return separator.join(f"{key} = {label}" for key, label in terms.items())


def _list_of(keys) -> str:
    return '"' + ",".join(keys) + '"'


def _validate(sheet, cells: str, formula: str, title: str) -> None:
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=_("Choose one of the list."),
    )
    sheet.add_data_validation(validation)
    validation.add(cells)


def source_text(entry: dict) -> str:
    """Where a pre-filled line came from, in the words of the page (`needs/_sources.html`)."""
    if entry.get("source") == "self_assessment":
        return _("From the previous self-assessment (%(date)s).") % {
            "date": entry.get("assessed_on", "")
        }
    if entry.get("answer") == "no":
        return _(
            "National report %(cycle)s, %(question)s: the Party said it has no remaining "
            "capacity-building needs."
        ) % {"cycle": entry.get("cycle", ""), "question": entry.get("question", "")}
    text = _(
        "National report %(cycle)s, %(question)s: “%(area)s” still needs capacity-building."
    ) % {
        "cycle": entry.get("cycle", ""),
        "question": entry.get("question", ""),
        "area": entry.get("cb_area_title", ""),
    }
    fit = {"direct": _("direct fit"), "partial": _("partial fit")}.get(
        entry.get("fit"), _("no key area")
    )
    rationale = entry.get("rationale") or ""
    return f"{text} {fit}: {rationale}" if rationale else f"{text} {fit}"


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


@dataclass
class Reading:
    """What a workbook says: the lines by key area, the date and notes of the assessment, the
    record and version it was made from; or the problems that keep it from being saved (then
    nothing of it is to be saved)."""

    file: str
    lines: dict = field(default_factory=dict)
    assessed_on: date | None = None
    notes: str = ""
    version: int | None = None
    record: int | None = None
    party: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def content(self) -> dict:
        """The content to save (`record_update(data=...)`); sources stay as the record has them."""
        return {"assessed_on": self.assessed_on, "lines": self.lines, "notes": self.notes}


class _Found:
    """Problems with where they were found, to list them by row and column."""

    def __init__(self, file: str):
        self.file = file
        self.items: list[tuple[int, int, Problem]] = []

    def add(self, reason: str, *, row: int = 0, record: str = "", field: str = "", value=""):
        shown = value if isinstance(value, str) else "" if value is None else str(value)
        column = HEADER.index(field) if field in HEADER else len(HEADER)
        problem = Problem(self.file, str(reason), record, field, shown[:200])
        self.items.append((row, column, problem))

    def problems(self) -> list[Problem]:
        ordered = sorted(self.items, key=lambda item: (item[0], item[1]))
        return [problem for _row, _column, problem in ordered][:MAX_PROBLEMS]


def read_assessment_workbook(data: bytes, *, file: str, assessment=None) -> Reading:
    """The workbook's content, checked: problems for a file that is not such a workbook (too
    big, not an XLSX, no sheet Needs or About, a column missing), and for each row a key area
    unknown or given twice, a level off the scale, a rank that is not a whole number from 1
    or given twice, unknown kinds or audiences, confidential other than yes or no; every key
    area needs its row. Given `assessment`, the workbook must be made from that record."""
    reading = Reading(file)
    found = _Found(file)
    _read(data, reading, found, assessment)
    reading.problems = found.problems()
    if reading.problems:
        reading.lines = {}
    return reading


def _read(data: bytes, reading: Reading, found: _Found, assessment) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if too_big := _too_big(data):
        found.add(too_big)
        return
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError) as error:
        found.add(_("Not a readable XLSX workbook: %(error)s.") % {"error": error})
        return
    except SyntaxError as error:  # XML that does not parse
        found.add(_("Not a readable XLSX workbook: %(error)s.") % {"error": error})
        return
    try:
        missing = [s for s in (NEEDS_SHEET, ABOUT_SHEET) if s not in workbook.sheetnames]
        if missing:
            found.add(
                _(
                    "The workbook has no sheet %(sheet)s: download the workbook from the "
                    "self-assessment's page and fill that in."
                )
                % {"sheet": missing[0]}
            )
            return
        _read_about(workbook[ABOUT_SHEET], reading, found, assessment)
        _read_needs(workbook[NEEDS_SHEET], reading, found)
    finally:
        workbook.close()


def _too_big(data: bytes) -> str | None:
    """Why the file may not be opened, from its size and its zip directory; None when it may."""
    if len(data) > MAX_BYTES:
        return _("The file has %(size)s MB; a workbook of needs has less than %(most)s MB.") % {
            "size": f"{len(data) / 2**20:,.1f}",
            "most": MAX_BYTES // 2**20,
        }
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return _("Not a readable XLSX workbook: %(error)s.") % {"error": error}
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        return _(
            "The workbook unpacks to %(size)s MB in %(count)s parts; a workbook of needs is "
            "far smaller. Download the workbook from the self-assessment's page."
        ) % {"size": f"{unpacked / 2**20:,.0f}", "count": len(members)}
    return None


def _read_about(sheet, reading: Reading, found: _Found, assessment) -> None:
    where = _("sheet %(sheet)s") % {"sheet": ABOUT_SHEET}
    values: dict[str, Any] = {}
    for number, row in enumerate(sheet.iter_rows(max_col=2, values_only=True), start=1):
        if number > MAX_ABOUT_ROWS:
            break
        key = _text(row[0] if row else None).lower()
        if key in ABOUT_KEYS and key not in values:
            values[key] = row[1] if len(row) > 1 else None
    reading.party = _text(values.get("party"))
    reading.record = _whole(values.get("record"))
    reading.version = _whole(values.get("version"))
    if reading.version is None or reading.version < 0:
        reading.version = None
        found.add(
            _(
                "The sheet About does not say which version of the record the workbook was "
                "made from: download the workbook again."
            ),
            record=where,
            field="version",
            value=_text(values.get("version")),
        )
    if assessment is not None and (
        reading.record != assessment.pk
        or (assessment.owner_party_id and reading.party != assessment.owner_party.code)
    ):
        found.add(
            _(
                "This workbook is of another self-assessment (%(party)s, record %(record)s): "
                "download this one's workbook from its page."
            )
            % {"party": reading.party or "—", "record": values.get("record") or "—"},
            record=where,
            field="record",
            value=_text(values.get("record")),
        )
    reading.assessed_on = _date(values.get("assessed_on"))
    if reading.assessed_on is None:
        found.add(
            _("The date of the assessment (row assessed_on) is not a date such as 2026-03-31."),
            record=where,
            field="assessed_on",
            value=_text(values.get("assessed_on")),
        )
    elif reading.assessed_on > timezone.localdate():
        found.add(
            _("The date of the assessment is in the future."),
            record=where,
            field="assessed_on",
            value=reading.assessed_on.isoformat(),
        )
    reading.notes = _text(values.get("notes"), strip=False).strip()


def _read_needs(sheet, reading: Reading, found: _Found) -> None:
    if (sheet.max_row or 0) > MAX_ROWS + 1:  # the size the sheet says it has, when it does
        found.add(_too_many_rows())
        return
    rows = sheet.iter_rows(max_col=len(HEADER) + 10, values_only=True)
    header = [_text(value).lower() for value in next(rows, ())]
    missing = [name for name in READ_COLUMNS if name not in header]
    if missing:
        found.add(
            _("Sheet %(sheet)s needs the columns %(columns)s in row 1.")
            % {"sheet": NEEDS_SHEET, "columns": ", ".join(READ_COLUMNS)},
            row=1,
            field=missing[0],
        )
        return
    columns = {name: header.index(name) for name in READ_COLUMNS}
    lines: dict[str, dict] = {}
    row_of: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            found.add(_too_many_rows())
            return
        cells = {name: row[i] if i < len(row) else None for name, i in columns.items()}
        where = _("%(sheet)s row %(number)s") % {"sheet": NEEDS_SHEET, "number": number}
        code = _text(cells["key_area"])
        if not code:
            if any(_text(cells[name]) for name in READ_COLUMNS[1:]):
                found.add(
                    _("The row names no key area (column key_area)."),
                    row=number,
                    record=where,
                    field="key_area",
                )
            continue
        if code in row_of:
            found.add(
                _("The key area %(code)s is already given in row %(row)s.")
                % {"code": code, "row": row_of[code]},
                row=number,
                record=where,
                field="key_area",
                value=code,
            )
            continue
        row_of[code] = number
        line, confidential = _line(cells)
        if confidential is None:
            found.add(
                _("Write yes or no."),
                row=number,
                record=where,
                field="confidential",
                value=_text(cells["confidential"]),
            )
        lines[code] = line
    codes = key_area_codes()
    for problem in line_problems(lines, codes):
        number = row_of.get(problem.key_area, 0)
        found.add(
            problem.reason,
            row=number,
            record=_("%(sheet)s row %(number)s") % {"sheet": NEEDS_SHEET, "number": number},
            field=problem.field,
            value=problem.value,
        )
    for code in codes:
        if code not in lines:
            found.add(
                _(
                    "No row for the key area %(code)s: keep one row per key area (level "
                    "not_assessed when it is not assessed)."
                )
                % {"code": code},
                row=MAX_ROWS + 2,
                record=_("sheet %(sheet)s") % {"sheet": NEEDS_SHEET},
                field="key_area",
                value=code,
            )
    reading.lines = lines


def _too_many_rows() -> str:
    return _(
        "Sheet %(sheet)s has more than %(most)s rows; a self-assessment has one row per key area."
    ) % {"sheet": NEEDS_SHEET, "most": f"{MAX_ROWS:,}"}


def _line(cells: dict) -> tuple[dict, bool | None]:
    """A row as a line (as the form saves one: the level always, the rest when given), and
    whether it is confidential (None: neither yes nor no)."""
    level = _text(cells["level"]).lower().replace(" ", "_") or "not_assessed"
    line: dict[str, Any] = {"level": level}
    rank = _rank(cells["rank"])
    if rank is not None:
        line["rank"] = rank
    for name in ("kinds", "audiences"):
        if terms := _terms_of(cells[name]):
            line[name] = terms
    if notes := _text(cells["notes"], strip=False).strip():
        line["notes"] = notes
    confidential = _yes_no(cells["confidential"])
    if confidential:
        line["confidential"] = True
    return line, confidential


def _text(value, *, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value.isoformat() if isinstance(value, date) else str(value)
    return text.strip() if strip else text


def _whole(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text.isdigit() else None


def _rank(value):
    """A rank as a whole number, or the value as it is for `line_problems` to refuse."""
    if value is None or _text(value) == "":
        return None
    whole = _whole(value)
    if whole is not None:
        return whole
    text = _text(value)
    if text.startswith("-") and text[1:].isdigit():
        return int(text)
    return value if isinstance(value, bool | int | float) else text


def _terms_of(value) -> list[str]:
    terms: list[str] = []
    for part in _text(value).replace(";", SEPARATOR).split(SEPARATOR):
        if (term := part.strip()) and term not in terms:
            terms.append(term)
    return terms


def _yes_no(value) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("", NO):
        return False
    if text == YES:
        return True
    return None


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(value)[:10])
    except ValueError:
        return None
