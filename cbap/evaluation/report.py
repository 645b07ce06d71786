"""The evaluation report: built once from a frozen snapshot, then rendered: HTML (on the site,
and as a document), PDF (WeasyPrint, from that HTML), DOCX (python-docx: real headings and
numbered tables, for officers to edit further) and an XLSX of every number.

Per goal, each indicator's baseline and midterm for all Parties and each region (value, Parties
counted over those that answered, coverage, bounds, fit, source), the change with the panel's
McNemar test, the progress toward its targets, and the goal's published findings and
recommendations; then the method (populations, bindings, rationales, wording changes). Every
number is the snapshot's, the same as the API's for that snapshot."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.core import downloads
from cbap.engine.change import compare
from cbap.evaluation.models import Finding, Snapshot
from cbap.evaluation.selectors import frozen_cycles
from cbap.indicators import charts, results
from cbap.indicators import definitions as catalogue
from cbap.indicators import selectors as indicators
from cbap.records.selectors import published_contents


@dataclass
class IndicatorPart:
    code: str
    text: str
    measure: str
    values: list  # the cycles' values (`results.CycleValue`), each with its regions in `by`
    change: dict | None
    targets: list[dict]
    sources: list[dict]  # per cycle: fit, rationale, wording change
    population_label: str
    chart: str | None  # the accessible SVG chart by region, with its numbers in its description


@dataclass
class GoalPart:
    code: str
    title: str
    indicators: list[IndicatorPart] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)


@dataclass
class Report:
    snapshot: Snapshot
    cycles: list[dict]
    goals: list[GoalPart]
    plan_findings: list[dict]
    reporters: list[dict]  # per cycle: the governments with a published report, by name

    @property
    def data_sources(self) -> str:
        return str(DATA_SOURCES)


def build(snapshot: Snapshot) -> Report:
    """The report of the snapshot: its numbers and the published findings written beside it."""
    cycles = frozen_cycles(snapshot)
    regions = [g for g in indicators.all_groups(cycles) if g.startswith(indicators.REGION_PREFIX)]
    findings = _findings(snapshot)
    goals: dict[str, GoalPart] = {}
    for item in catalogue.bound_indicators():
        goal = item.indicator.goal
        part = goals.setdefault(
            goal.code, GoalPart(goal.code, goal.title, findings=findings.get(goal.code, []))
        )
        definition = item.definition
        values = indicators.cycle_values(definition, cycles, by=regions)
        change = None
        if set(catalogue.CYCLES) <= set(cycles) and definition.measure == "percentage":
            change = compare(
                definition,
                baseline=cycles[catalogue.BASELINE].facts,
                midterm=cycles[catalogue.MIDTERM].facts,
            ).to_dict()
        part.indicators.append(
            IndicatorPart(
                code=item.code,
                text=item.indicator.text,
                measure=definition.measure,
                values=values,
                change=change,
                targets=indicators.targets_progress(item, values),
                sources=[
                    results.source_entry(definition, cycles.get(n), n) for n in catalogue.CYCLES
                ],
                population_label=definition.population_label,
                chart=charts.indicator_chart(item.code, definition.measure, values),
            )
        )
    return Report(
        snapshot=snapshot,
        cycles=[
            {"number": int(number), **summary}
            for number, summary in sorted(snapshot.summary.items())
        ],
        goals=list(goals.values()),
        plan_findings=findings.get("", []),
        reporters=[
            {
                "number": number,
                "names": sorted(cycle.names.get(code, code) for code in cycle.facts.reports),
            }
            for number, cycle in sorted(cycles.items())
        ],
    )


def _findings(snapshot: Snapshot) -> dict[str, list[dict]]:
    """Goal code ("" for the plan) → the published findings and recommendations written beside
    this snapshot, as the public sees them."""
    written = list(Finding.objects.filter(published_version__isnull=False))
    contents = published_contents(written)
    found: dict[str, list[dict]] = {}
    for finding in written:
        content = contents[finding.pk]
        if content["snapshot"] == snapshot.name:
            found.setdefault(content["goal"], []).append(
                {**content, "kind_label": str(Finding.Kind(content["kind"]).label)}
            )
    return found


DATA_SOURCES = gettext_lazy(
    "National reports: the fourth and fifth national reports published through the Biosafety "
    "Clearing-House, as cbap holds them (demo data is marked so). Parties and their dates: the "
    "registry of Parties to the Cartagena Protocol and to the Supplementary Protocol on each "
    "deadline. Capacity-building activities, library resources, self-assessments of needs and "
    "matches: the records published in cbap between the plan's adoption and the deadline. The "
    "indicators' bindings to these sources, with their fit and rationale, are in the method "
    "annex."
)


# ------------------------------------------------------------------------------------------
# XLSX: every number, one sheet per goal, and the method
# ------------------------------------------------------------------------------------------

NUMBERS = (
    "value",
    "numerator",
    "denominator",
    "reported",
    "parties",
    "coverage",
    "lower_bound",
    "upper_bound",
)


def _numbers(value) -> list:
    """The value's numbers; a sum's range (low, high: None when open) in two columns."""
    shown = value.value
    low, high = (shown["low"], shown["high"]) if isinstance(shown, dict) else (shown, shown)
    return [low, high, *(getattr(value, name) for name in NUMBERS[1:])]


def xlsx(report: Report) -> bytes:
    header = ["indicator", "cycle", "group", "fit", "source", "status", "value", "value_high"]
    header += list(NUMBERS[1:])
    header += ["panel_parties", "panel_p_value", "target_2030", "target_covered", "projected"]
    sheets = []
    for goal in report.goals:
        rows = []
        for part in goal.indicators:
            target = next((t for t in part.targets if t["year"] == 2030), None)
            panel = part.change["panel"] if part.change else None
            for value in part.values:
                for group, shown in [("", value), *((g.group, g) for g in value.by)]:
                    rows.append(
                        [
                            part.code,
                            value.cycle,
                            group,
                            shown.fit,
                            shown.source,
                            shown.status,
                            *_numbers(shown),
                            len(panel["members"]) if panel and not group else None,
                            panel["p_value"] if panel and not group else None,
                            target["value"] if target and not group else None,
                            target["covered"] if target and not group else None,
                            target["projected"] if target and not group else None,
                        ]
                    )
        sheets.append(downloads.Sheet(title=goal.code, header=header, rows=rows))
    method = [
        [part.code, source["cycle"], source["fit"], source["rationale"], source["wording_change"]]
        for goal in report.goals
        for part in goal.indicators
        for source in part.sources
    ]
    sheets.append(
        downloads.Sheet(
            title=_("Method"),
            header=["indicator", "cycle", "fit", "rationale", "wording_change"],
            rows=method,
            widths={"D": 100, "E": 60},
        )
    )
    about = [
        (_("Snapshot"), report.snapshot.name),
        (_("Frozen"), report.snapshot.frozen_at.isoformat() if report.snapshot.frozen_at else ""),
        (
            _("Groups"),
            _("An empty group is all Parties; the others are the five regional groups."),
        ),
        (
            _("Unknown"),
            _("An empty cell is unknown (no data), never zero or no."),
        ),
        (
            _("Ranges"),
            _(
                "value and value_high: the same for a percentage or a count; a sum of banded "
                "answers is a range (value_high empty: open, e.g. 10 or more)."
            ),
        ),
    ]
    return downloads.xlsx_bytes(sheets, about)


# ------------------------------------------------------------------------------------------
# HTML document and PDF, DOCX
# ------------------------------------------------------------------------------------------


def html_document(report: Report, site: str) -> str:
    """The report as one HTML document to print or file, its links to `site`."""
    return render_to_string(
        "evaluation/report_print.html", {"report": report, "site": site, "printing": True}
    )


def pdf(report: Report, site: str) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=html_document(report, site), base_url=site).write_pdf()


def docx(report: Report) -> bytes:
    """The report as a Word document: the goals as headings, each goal's indicators as a
    numbered table, its findings, and the method as an annex."""
    from docx import Document

    from cbap.indicators.templatetags.indicator_values import (
        coverage,
        fraction,
        p_value,
        points,
        shown,
    )

    document = Document()
    document.core_properties.title = _("Midterm evaluation of the Capacity-building Action Plan")
    document.add_heading(document.core_properties.title, level=0)
    snapshot = report.snapshot
    frozen = snapshot.frozen_at.strftime("%Y-%m-%d %H:%M") if snapshot.frozen_at else ""
    document.add_paragraph(
        _(
            "From snapshot %(name)s, frozen on %(when)s (UTC): reports published or revised "
            "since do not change these numbers."
        )
        % {"name": snapshot.name, "when": frozen}
    )
    document.add_heading(_("Summary"), level=1)
    for cycle in report.cycles:
        document.add_paragraph(
            _(
                "NR%(number)s (deadline %(deadline)s): %(reports)s published reports, of them "
                "%(demo)s demo data."
            )
            % {
                "number": cycle["number"],
                "deadline": cycle["deadline"],
                "reports": cycle["reports"],
                "demo": cycle["demo_reports"],
            },
            style="List Bullet",
        )
    for finding in report.plan_findings:
        document.add_heading(finding["kind_label"], level=2)
        for paragraph in finding["text"].split("\n\n"):
            document.add_paragraph(paragraph)
    for number, goal in enumerate(report.goals, start=1):
        document.add_heading(f"{goal.code}. {goal.title}", level=1)
        caption = document.add_paragraph(
            _("Table %(number)s. Indicators of goal %(code)s: all Parties")
            % {"number": number, "code": goal.code},
            style="Caption",
        )
        caption.paragraph_format.keep_with_next = True
        cycles = [value.cycle for value in goal.indicators[0].values]
        table = document.add_table(rows=1, cols=3 + len(cycles), style="Table Grid")
        heads = [_("Indicator"), *(f"NR{c}" for c in cycles), _("Change (panel)"), _("Target")]
        for cell, text in zip(table.rows[0].cells, heads, strict=True):
            cell.text = str(text)
        for part in goal.indicators:
            cells = table.add_row().cells
            cells[0].text = f"{part.code} {part.text}"
            for cell, value in zip(cells[1:], part.values, strict=False):
                cell.text = shown(value)
                if value.value is not None:
                    cell.text += f"\n{fraction(value)}; {_('reported')} {coverage(value)}"
            change = part.change
            cells[-2].text = (
                f"{points(change['cross_section']['delta'])}; "
                f"McNemar {p_value(change['panel']['p_value'])}"
                if change
                else "–"
            )
            target = next((t for t in part.targets if t["year"] == 2030), None)
            cells[-1].text = f"{target['value']:g}" if target else _("none set")
        for finding in goal.findings:
            document.add_heading(finding["kind_label"], level=2)
            for paragraph in finding["text"].split("\n\n"):
                document.add_paragraph(paragraph)
    document.add_heading(_("Annex: the governments that reported"), level=1)
    for cycle in report.reporters:
        document.add_paragraph(
            f"NR{cycle['number']} ({len(cycle['names'])}): {', '.join(cycle['names'])}"
        )
    document.add_heading(_("Annex: data sources"), level=1)
    document.add_paragraph(DATA_SOURCES)
    document.add_heading(_("Annex: method"), level=1)
    for goal in report.goals:
        for part in goal.indicators:
            document.add_heading(f"{part.code} {part.text}", level=3)
            document.add_paragraph(f"{_('Population:')} {part.population_label}")
            for source in part.sources:
                document.add_paragraph(
                    f"NR{source['cycle']} ({source['fit']}): {source['rationale']}"
                    + (f" {source['wording_change']}" if source["wording_change"] else ""),
                    style="List Bullet",
                )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FORMATS = {"xlsx", "docx", "pdf", "html"}
"""What `render` gives."""


def render(report: Report, fmt: str, site: str) -> bytes:
    """The report in one of `FORMATS`, as bytes."""
    if fmt == "xlsx":
        return xlsx(report)
    if fmt == "docx":
        return docx(report)
    if fmt == "pdf":
        return pdf(report, site)
    return html_document(report, site).encode("utf-8")
