"""The analysis as CSV and XLSX: exactly the lines of the page's tables, with what was chosen
(the XLSX "About" sheet), picked by format from :data:`RENDERERS`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cbap.analyzer.query import MEASURES
from cbap.analyzer.results import Analysis
from cbap.core import downloads
from cbap.core.downloads import SYNTHETIC_NOTICE


def download_header(analysis: Analysis) -> list[str]:
    fixed = ["question", "question_title", "table", "answer_value", "answer", "figure"]
    return [*fixed, *analysis.headings, "warning"]


def download_rows(analysis: Analysis) -> list[list[Any]]:
    """Every line of every table shown, in page order (the page's footnotes go to "About")."""
    return [
        [
            result.key,
            result.title,
            line.table,
            line.value,
            line.label,
            line.figure,
            *("" if cell is None else cell for cell in line.cells),
            result.warning,
        ]
        for result in analysis.tables
        for line in result.lines
    ]


def render_csv(analysis: Analysis) -> bytes:
    return downloads.csv_bytes(download_header(analysis), download_rows(analysis))


def render_xlsx(analysis: Analysis) -> bytes:
    """The same rows on a sheet "Analysis", and what was chosen on a sheet "About"."""
    sheet = downloads.Sheet(
        # Translators: XLSX sheet names: at most 31 characters, none of : \ / ? * [ ]
        pgettext("XLSX sheet", "Analysis"),
        download_header(analysis),
        download_rows(analysis),
        freeze="G2",
    )
    return downloads.xlsx_bytes([sheet], about_rows(analysis))


def about_rows(analysis: Analysis) -> list[tuple[str, str]]:
    """What was chosen, for people: (topic, text) in the reader's language."""
    choices = analysis.choices
    if analysis.previous:
        compared = _("%(title)s (NR%(number)s), in %(comparison)s") % {
            "title": _(analysis.previous.title),  # cbap's titles are in the catalogues
            "number": analysis.previous.number,
            "comparison": analysis.comparison_label,
        }
    else:
        compared = "–"
    data = _(SYNTHETIC_NOTICE) if analysis.synthetic else _("Published national reports.")
    rows = [
        (_("Data"), data),
        (_("Reporting cycle"), f"{_(analysis.cycle.title)} (NR{analysis.cycle.number})"),
        (_("Questions"), choices.question),
        (_("Columns"), choices.by),
        (_("Measure"), str(MEASURES[choices.measure])),
        (_("Compared with"), compared),
        (_("Filters"), "; ".join(analysis.filter_titles.values()) or "–"),
        (_("Query"), choices.query_string()),
    ]
    if analysis.overlap_note:
        rows.append((_("Note"), analysis.overlap_note))
    for column in analysis.columns:
        members = sorted(analysis.names.get(code, code) for code in column.members)
        rows.append((_("Column: %(label)s") % {"label": column.label}, ", ".join(members)))
    return rows


RENDERERS = {"csv": render_csv, "xlsx": render_xlsx}


def file_name(analysis: Analysis, fmt: str) -> str:
    """``cbap-nr5-Q007-region-count-compare-4-filter-Q011-true.csv``: every choice made."""
    choices = analysis.choices
    filters = {"compare": choices.compare, "filter": [str(f) for f in choices.filters]}
    parts = (f"nr{analysis.cycle.number}", choices.question, choices.by, choices.measure)
    return downloads.file_name(*parts, filters=filters, extension=fmt)
