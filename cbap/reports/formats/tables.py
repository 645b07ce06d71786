"""What the two table formats (the long CSV and the workbook) share: reading cells back into BCH
answers and report fields, and writing a report's fields as cells.

A CSV row or a workbook row holds an answer as people type it (an option value or title, a
number, a text); `build_answer` turns the cells of one question into the BCH shape, leaving
shape problems for `validate` to report with the offending value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cbap.bch.questionnaire import CHOICE_TYPES, Question
from cbap.bch.text import plain_option_title, text_in
from cbap.reports.formats.incoming import IncomingReport, Reading
from cbap.reports.selectors import ReportVersion

TRUE_WORDS = frozenset({"true", "yes", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "0", "n", ""})


@dataclass
class Cell:
    value: Any
    info: Any
    language: str
    where: str


def build_answer(
    reading: Reading,
    report: IncomingReport,
    question: Question | None,
    key: str,
    cells: list[Cell],
) -> Any:
    """The BCH answer for the cells (CSV rows, or the one XLSX row split at `;`) of a question.
    Shape problems are left for `validate` to report, with the offending value."""
    where = {"report": report.government, "question": key}
    cells = [c for c in cells if filled(c.value) or filled(c.info)]
    if not cells:
        return None
    if question is None or not question.answerable:
        return {"value": plain_value(cells[0].value)}  # validate says what is wrong
    if question.type in CHOICE_TYPES:
        items: list[dict[str, Any]] = []
        by_value: dict[str, dict[str, Any]] = {}
        for cell in cells:
            value = option_value(question, cell.value)
            if not value:
                reading.problem(
                    _("Additional information without an option to go with it."),
                    row=cell.where,
                    value=plain_value(cell.info),
                    **where,
                )
                continue
            report.value_rows.setdefault((key, value), cell.where)
            item = by_value.get(value)
            if item is None or not filled(cell.info):
                item = {"value": value}
                items.append(item)
                by_value.setdefault(value, item)
            if filled(cell.info):
                _add_info(reading, question, item, value, cell, where)
        if not items:
            return None
        return items if question.multiple or len(items) > 1 else items[0]
    texts: dict[str, str] = {}
    for cell in cells:
        if filled(cell.info):
            reading.problem(
                _("%(question)s takes no additional information.")
                % {"question": question.describe()},
                row=cell.where,
                value=plain_value(cell.info),
                **where,
            )
        if question.type == "int":
            if len(cells) > 1:
                reading.problem(
                    ngettext(
                        "%(question)s takes one whole number, but %(count)s row answers it.",
                        "%(question)s takes one whole number, but %(count)s rows answer it.",
                        len(cells),
                    )
                    % {"question": question.describe(), "count": len(cells)},
                    row=cell.where,
                    value=plain_value(cell.value),
                    **where,
                )
                return None
            return {"value": number(cell.value)}
        if cell.language in texts:
            reading.problem(
                _("%(question)s has two texts in the language “%(language)s”.")
                % {"question": question.describe(), "language": cell.language},
                row=cell.where,
                value=plain_value(cell.value),
                **where,
            )
            continue
        texts[cell.language] = _text_value(cell.value)
    if question.type == "text":
        return text_in(texts)
    return {"value": texts}


def _add_info(reading, question: Question, item: dict, value: str, cell: Cell, where) -> None:
    option = question.option(value)
    if option is not None and option.takes_number:
        item["additionalInformation"] = number(cell.info)
        return
    text = _text_value(cell.info)
    existing = item.get("additionalInformation")
    if isinstance(existing, dict):
        if cell.language in existing:
            reading.problem(
                _("Two texts in the language “%(language)s” for the same option.")
                % {"language": cell.language},
                row=cell.where,
                value=value,
                **where,
            )
            return
        existing[cell.language] = text
    else:
        item["additionalInformation"] = {cell.language: text}


def filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def plain_value(value: Any) -> str:
    """A cell as trimmed text (whole floats as integers, date-times as dates)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def _text_value(value: Any) -> str:
    """A text answer as written: `plain_value` without trimming the spaces around it."""
    return value if isinstance(value, str) else plain_value(value)


def number(value: Any) -> Any:
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


def option_value(question: Question, given: Any) -> str:
    """The option value for what a person typed: the value itself, or the option's title."""
    text = plain_value(given)
    if not text or question.option(text) is not None:
        return text
    wanted = _fold(text)
    for option in question.options:
        if _fold(option.title) == wanted:
            return option.value
    return text  # unknown: validate reports it


def _fold(text: str) -> str:
    return plain_option_title(text).casefold()


def read_report_fields(reading: Reading, report: IncomingReport, meta: dict[str, Any]) -> None:
    """Status, submission date, synthetic flag, BCH ids and the version the file was made from,
    from CSV columns or workbook cells."""
    where = {"report": report.government, "row": report.where}
    report.status = plain_value(meta.get("status")) or None
    submitted = meta.get("submitted_on")
    if isinstance(submitted, datetime):
        report.submitted_on = submitted.date()
    elif isinstance(submitted, date):
        report.submitted_on = submitted
    elif filled(submitted):
        try:
            report.submitted_on = date.fromisoformat(plain_value(submitted)[:10])
        except ValueError:
            reading.problem(
                _("submitted_on must be a date written YYYY-MM-DD."),
                value=plain_value(submitted),
                **where,
            )
    synthetic = plain_value(meta.get("synthetic")).lower()
    if synthetic in TRUE_WORDS:
        report.synthetic = True
    elif synthetic not in FALSE_WORDS:
        reading.problem(_("synthetic must be yes or no."), value=synthetic, **where)
    document_id = number(meta.get("document_id")) if filled(meta.get("document_id")) else None
    if document_id is not None and not isinstance(document_id, int):
        reading.problem(_("document_id must be a whole number."), value=str(document_id), **where)
        document_id = None
    report.document_id = document_id
    report.bch_identifier = plain_value(meta.get("bch_identifier"))
    if filled(meta.get("version")):
        version = number(meta.get("version"))
        if isinstance(version, int) and version > 0:
            report.based_on = version
        else:
            reading.problem(
                _("version must be the report's version number as downloaded (leave it as it is)."),
                value=plain_value(meta.get("version")),
                **where,
            )


def report_field_values(report: ReportVersion) -> dict[str, Any]:
    """The report's fields as `read_report_fields` reads them back."""
    return {
        "status": report.status,
        "submitted_on": report.submitted_on.isoformat() if report.submitted_on else "",
        "synthetic": "yes" if report.is_synthetic else "no",
        "document_id": report.document_id if report.document_id is not None else "",
        "bch_identifier": report.bch_identifier,
        "version": report.number,
    }
