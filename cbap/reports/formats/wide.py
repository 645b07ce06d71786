"""The wide table, for analysis (written only, never imported): one row per government, one
column per question, and a second column for the additional information of questions whose
options take a text or a number."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cbap.bch import cells
from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.rules import NOT_APPLICABLE, answer_states
from cbap.bch.text import plain
from cbap.core import downloads
from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.reports.formats.exporting import ExportSet
from cbap.reports.formats.workbook import allowed_values, question_title, type_label

FIXED = ["government", "government_name", "cycle", "status", "submitted_on", "synthetic"]
# The three answer states in the wide table: an answer; empty = not answered; this marker = not
# applicable (hidden or disabled by a rule). Not "n/a" or "NA": pandas and R read those as
# missing, which would merge the two states again.
NOT_APPLICABLE_MARK = "[not applicable]"
# Translators: “[not applicable]” is what the cells hold: keep it as it is.
STATES_NOTE = gettext_noop(
    "Answer cells: the answer; empty = not answered; [not applicable] = not applicable (the "
    "questionnaire's rules hide or disable the question, given the report's other answers; an "
    "answer stored anyway does not count)."
)
assert NOT_APPLICABLE_MARK in STATES_NOTE


def _columns(qn: Questionnaire) -> list[tuple[str, Question, bool]]:
    """(column name, question, is the additional-information column) for every answerable
    question; choice questions whose options take text or numbers get a second column."""
    columns = []
    for question in qn.answerable:
        columns.append((question.key, question, False))
        if any(o.takes_text or o.takes_number for o in question.options):
            columns.append((f"{question.key} additional information", question, True))
    return columns


def rows(export: ExportSet) -> tuple[list[str], list[list[Any]]]:
    """The header and one row per report; a question the rules make not applicable holds
    NOT_APPLICABLE_MARK (its additional-information column stays empty)."""
    columns = _columns(export.questionnaire)
    header = FIXED + [name for name, _question, _is_info in columns]
    result = []
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
        for _name, question, is_info in columns:
            if states.get(question.key) == NOT_APPLICABLE:
                row.append("" if is_info else NOT_APPLICABLE_MARK)
                continue
            answer, info = cells.workbook_cells(question, report.answers.get(question.key))
            row.append(info if is_info else answer)
        result.append(row)
    return header, result


def render_csv(export: ExportSet) -> bytes:
    return downloads.csv_bytes(*rows(export))


def render_xlsx(export: ExportSet) -> bytes:
    """Sheet "Reports" (the wide table), sheet "Questions" (key, number, section, title, type,
    allowed values) to read the column names by, and sheet "About" (what empty and
    NOT_APPLICABLE_MARK mean; demo data)."""
    header, body = rows(export)
    sections = {s.key: plain(s.title) for s in export.questionnaire.sections}
    questions = [
        [
            question.key,
            question.number,
            sections.get(question.section, question.section),
            question_title(export.questionnaire, question),
            type_label(question),
            allowed_values(question),
        ]
        for question in export.questionnaire.answerable
    ]
    about = [(_("Answer cells"), _(STATES_NOTE))]
    if any(r.is_synthetic for r in export.reports):
        about.insert(
            0,
            (
                _("Demo data"),
                _(SYNTHETIC_NOTICE) + " " + _("Rows with synthetic = yes are made by cbap."),
            ),
        )
    sheets = [
        downloads.Sheet("Reports", header, body, freeze="C2"),
        downloads.Sheet(
            "Questions",
            ["key", "number", "section", "question", "type", "allowed values"],
            questions,
            widths={"D": 80, "F": 50},
        ),
    ]
    return downloads.xlsx_bytes(sheets, about)
