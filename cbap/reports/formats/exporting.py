"""What a download of national reports holds (`ExportSet`: a cycle, its questionnaire and the
reports, as the public or as their editors see them) and how it is named and typed.

Every writer (see `renderers`) takes the same `ExportSet`, so the formats hold the same data;
`importing` reads back what `feed`, `document`, `csv` and `xlsx` write (the round trip changes
nothing). The wide table (`wide-csv`, `wide-xlsx`) is for analysis and is not imported. Demo
reports carry `synthetic` everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from cbap.bch.questionnaire import Questionnaire
from cbap.core import downloads
from cbap.reports import selectors
from cbap.reports.models import NationalReport, ReportingCycle

EXTENSIONS = {
    "feed": "feed.json",
    "document": "documents.json",
    "csv": "csv",
    "xlsx": "xlsx",
    "wide-csv": "wide.csv",
    "wide-xlsx": "wide.xlsx",
}


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
    """``cbap-nr5.feed.json``, ``cbap-nr5-KEN.csv`` …: the cycle, the government if one, and the
    format (its extension says the content type, `core.downloads`)."""
    who = [government.code] if government is not None else []
    return downloads.file_name(f"nr{cycle.number}", *who, extension=EXTENSIONS[fmt])
