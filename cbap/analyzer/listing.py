"""The governments behind an analysis, named: the list a count links to ("25 governments"),
and one question's free texts government by government; narrowed to a column (a region or a
grouping) and by the cross-filter, for the page and its CSV, XLSX and JSON.

Only governments that answered are listed: one that did not answer is not shown as "no".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cbap.analyzer.analysis import analyze
from cbap.analyzer.query import AnalyzerError, Choices
from cbap.analyzer.results import Analysis, QuestionResult
from cbap.core import downloads
from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.reports import selectors
from cbap.reports.models import ReportingCycle


@dataclass(frozen=True)
class Listed:
    code: str
    name: str
    columns: tuple[str, ...]  # the columns (regions, groupings) the government is in
    option: str = ""  # the option whose additional information the text is, if any
    text: str = ""


@dataclass(frozen=True)
class Listing:
    analysis: Analysis
    result: QuestionResult | None  # None: the governments the cross-filter keeps
    column: str
    rows: list[Listed]

    @property
    def what(self) -> str:
        if self.result is None:
            if self.analysis.choices.filters:
                return _("Governments with a published report that gave the filtered answers")
            return _("Governments with a published report")
        return _("Free text answers to %(key)s") % {"key": self.result.key}

    @property
    def columns(self) -> list[tuple[str, str]]:
        """(label, heading) of the columns to narrow to: the label is the query's value."""
        return list(zip(self.analysis.labels, self.analysis.headings, strict=True))


def listing(choices: Choices, *, column: str = "", governments: bool = False) -> Listing:
    """`governments`: the governments counted (with a published report, kept by the
    cross-filter); else the free texts of `choices.question`, which must be one question."""
    single = not (choices.question == "all" or choices.question.startswith("section:"))
    if not governments and not single:
        raise AnalyzerError(_("Choose one question (e.g. Q013) to read what governments wrote."))
    # who is counted does not depend on the question: one question is enough to find out
    analysis = analyze(choices if single else replace(choices, question=_any_question(choices)))
    labels = analysis.labels
    if column and column not in labels:
        raise AnalyzerError(
            _("There is no column %(column)s; the columns: %(labels)s.")
            % {"column": f"{column!r}", "labels": ", ".join(labels)}
        )
    members = {c.label: c.members for c in analysis.columns}
    wanted = members.get(column)

    def listed(code: str, **text: str) -> Listed:
        columns = tuple(label for label, codes in members.items() if code in codes)
        return Listed(code, analysis.names.get(code, code), columns, **text)

    if governments:
        codes = analysis.reporters if analysis.governments is None else analysis.governments
        rows = sorted(
            (listed(code) for code in codes if wanted is None or code in wanted),
            key=lambda row: row.name,
        )
        return Listing(analysis, None, column, rows)
    result = next((r for r in analysis.results if r.kind != "heading"), None)
    if result is None or len([r for r in analysis.results if r.kind != "heading"]) > 1:
        raise AnalyzerError(_("Choose one question, not a sub-section, to read its answers."))
    rows = [
        listed(t.government, option=t.option, text=t.text)
        for t in result.texts
        if wanted is None or t.government in wanted
    ]
    return Listing(analysis, result, column, rows)


def _any_question(choices: Choices) -> str:
    cycle = ReportingCycle.objects.filter(number=choices.cycle).first()
    if cycle is None or not cycle.questionnaire:
        return choices.question  # `analyze` says what is wrong
    return selectors.questionnaire_for(cycle).answerable[0].key


HEADER = ["government", "name", "columns", "option", "text"]


def _rows(found: Listing) -> list[list[Any]]:
    return [[r.code, r.name, "; ".join(r.columns), r.option, r.text] for r in found.rows]


def _about(found: Listing) -> list[tuple[str, str, Any]]:
    """(key, topic, text): the JSON's keys stay as they are, the topics and texts are for
    people, in the reader's language."""
    analysis = found.analysis
    about = [
        ("What", _("What"), found.what),
        ("Cycle", _("Cycle"), f"NR{analysis.cycle.number} ({_(analysis.cycle.title)})"),
        ("Column", _("Column"), found.column or _("every column")),
        (
            "Cross-filters",
            _("Cross-filters"),
            ", ".join(analysis.filter_titles.values()) or _("none"),
        ),
        ("Listed", _("Listed"), len(found.rows)),
        (
            "Not listed",
            _("Not listed"),
            _("governments that did not answer (unknown, not 'no')"),
        ),
        ("Source", _("Source"), _("published national reports on cbap")),
    ]
    if analysis.synthetic:
        about.append(("Notice", _("Notice"), _(SYNTHETIC_NOTICE)))
    return about


def render_csv(found: Listing) -> bytes:
    return downloads.csv_bytes(HEADER, _rows(found))


def render_xlsx(found: Listing) -> bytes:
    # Translators: XLSX sheet names: at most 31 characters, none of : \ / ? * [ ]
    title = (
        pgettext("XLSX sheet", "Answers") if found.result else pgettext("XLSX sheet", "Governments")
    )
    sheet = downloads.Sheet(title, HEADER, _rows(found))
    return downloads.xlsx_bytes(
        [sheet], about=[(topic, text) for _key, topic, text in _about(found)]
    )


def render_json(found: Listing) -> bytes:
    data = {
        "about": {key: text for key, _topic, text in _about(found)},
        "question": found.result.key if found.result else None,
        "rows": [
            {**dict(zip(HEADER, row, strict=True)), "columns": list(listed.columns)}
            for row, listed in zip(_rows(found), found.rows, strict=True)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


RENDERERS = {"csv": render_csv, "xlsx": render_xlsx, "json": render_json}


def file_name(found: Listing, fmt: str) -> str:
    what = found.result.key if found.result else "governments"
    filters = {"column": found.column, "filter": [str(f) for f in found.analysis.choices.filters]}
    return downloads.file_name(
        f"nr{found.analysis.cycle.number}", what, "answers", filters=filters, extension=fmt
    )
