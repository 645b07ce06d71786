"""The evaluation report: built once from a frozen snapshot, then rendered: HTML (on the site,
and as a document), PDF (WeasyPrint, from that HTML), DOCX (python-docx: real headings and
numbered tables, for officers to edit further) and an XLSX of every number.

Per goal, each indicator's baseline and midterm for all Parties and each region (value, Parties
counted over those that answered, coverage, bounds, fit, source), the change with the panel's
McNemar test, the progress toward its targets, and the goal's published findings and
recommendations; then the method (populations, bindings, rationales, wording changes). Every
number is the snapshot's, the same as the API's for that snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from cbap.core import downloads
from cbap.core.charts import Chart, draw_pictures
from cbap.engine import gaps
from cbap.engine.capacity import DELIVERED, Capacity
from cbap.engine.change import compare
from cbap.evaluation import word
from cbap.evaluation.capacity import CapacityPart, goal_parts
from cbap.evaluation.models import Finding, Snapshot
from cbap.evaluation.selectors import frozen_capacity, frozen_cycles
from cbap.indicators import charts, results
from cbap.indicators import definitions as catalogue
from cbap.indicators import selectors as indicators
from cbap.needs.gap_analysis import GAP_FIELDS, GAP_HEADER, gap_rows
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
    chart: Chart | None  # the accessible SVG chart by region, with its numbers in its description
    grouping_chart: Chart | None  # the same by grouping (LDC, SIDS …)


@dataclass
class GoalPart:
    code: str
    title: str
    indicators: list[IndicatorPart] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    capacity: CapacityPart | None = None  # None: the snapshot kept no capacity-building records


@dataclass
class Report:
    snapshot: Snapshot
    cycles: list[dict]
    goals: list[GoalPart]
    plan_findings: list[dict]
    reporters: list[dict]  # per cycle: the governments with a published report, by name
    capacity: Capacity | None
    gap_table: gaps.GapTable | None

    @property
    def capacity_totals(self) -> dict | None:
        """The capacity-building records over the whole plan, for the summary."""
        if self.capacity is None:
            return None
        coverage = self.gap_table.coverage[gaps.ALL]
        return {
            "day": self.capacity.day,
            "activities": len(self.capacity.of_kind("activity")),
            "resources": len(self.capacity.of_kind("resource")),
            "assessed": coverage.assessed,
            "parties": coverage.parties,
            "delivered": sum(match.state in DELIVERED for match in self.capacity.matches),
        }

    @property
    def data_sources(self) -> str:
        return str(DATA_SOURCES)

    @property
    def charts(self) -> list[Chart]:
        return [
            chart
            for goal in self.goals
            for part in goal.indicators
            for chart in (part.chart, part.grouping_chart)
            if chart
        ]


def build(snapshot: Snapshot) -> Report:
    """The report of the snapshot: its numbers and the published findings written beside it."""
    cycles = frozen_cycles(snapshot)
    groups = indicators.all_groups(cycles)
    findings = _findings(snapshot)
    capacity = frozen_capacity(snapshot)
    parts, table = goal_parts(capacity) if capacity else ({}, None)
    goals: dict[str, GoalPart] = {}
    for item in catalogue.bound_indicators():
        goal = item.indicator.goal
        part = goals.get(goal.code)
        if part is None:
            part = goals[goal.code] = GoalPart(
                goal.code,
                goal.title,
                findings=findings.get(goal.code, []),
                capacity=parts.get(goal.code),
            )
        definition = item.definition
        values = indicators.cycle_values(definition, cycles, by=groups)
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
                grouping_chart=charts.indicator_chart(
                    item.code, definition.measure, values, groupings=True
                ),
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
        capacity=capacity,
        gap_table=table,
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
    if report.capacity is not None:
        sheets += _capacity_sheets(report)
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
            _(
                "An empty group is all Parties; the others are the five regional groups and "
                "the groupings (LDC, SIDS, LLDC, developing countries, Parties to the "
                "Supplementary Protocol)."
            ),
        ),
        (
            _("Capacity-building"),
            _(
                "Records published in cbap when the snapshot was frozen; a record may count "
                "under several values, and value_code empty counts the records that state none "
                "(unknown)."
            ),
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


def _capacity_sheets(report: Report) -> list[downloads.Sheet]:
    """The activities and materials of each goal by what they are counted by, and the gap
    table: every key area in every group."""
    rows = [
        [goal.code, breakdown.kind, breakdown.facet, value, label or value, count]
        for goal in report.goals
        for breakdown in goal.capacity.breakdowns
        for value, label, count in [*breakdown.rows, ("", _("not stated"), breakdown.unstated)]
    ]
    return [
        downloads.Sheet(
            title=_("Capacity-building"),
            header=["goal", "kind", "counted_by", "value_code", "value", "records"],
            rows=rows,
            widths={"E": 60},
        ),
        downloads.Sheet(
            title=_("Needs and gaps"),
            header=list(GAP_HEADER),
            rows=gap_rows(report.gap_table),
        ),
    ]


# ------------------------------------------------------------------------------------------
# HTML document and PDF, DOCX
# ------------------------------------------------------------------------------------------


def html_document(report: Report, site: str, *, pictures: bool = False) -> str:
    """The report as one HTML document to print or file, its links to `site`; its charts as
    SVG, or as `pictures` (PNG) for the PDF, whose renderer draws those faster."""
    return render_to_string(
        "evaluation/report_print.html",
        {"report": report, "site": site, "printing": True, "pictures": pictures},
    )


def pdf_of(html: str, site: str) -> bytes:
    """A printable HTML document as PDF, its links to `site`."""
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    return HTML(string=html, base_url=site).write_pdf()


def docx(report: Report) -> bytes:
    """The report as a Word document: the goals as headings, each goal's indicators as a
    numbered table with their charts as pictures, its capacity-building records, needs and
    findings, and the annexes."""
    from cbap.indicators.templatetags.indicator_values import (
        coverage,
        fraction,
        p_value,
        points,
        shown,
    )

    document = word.Document(_("Midterm evaluation of the Capacity-building Action Plan"))
    snapshot = report.snapshot
    frozen = snapshot.frozen_at.strftime("%Y-%m-%d %H:%M") if snapshot.frozen_at else ""
    document.paragraph(
        _(
            "From snapshot %(name)s, frozen on %(when)s (UTC): reports published or revised "
            "since do not change these numbers."
        )
        % {"name": snapshot.name, "when": frozen}
    )
    document.heading(_("Summary"), 1)
    for cycle in report.cycles:
        document.paragraph(
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
            bullet=True,
        )
    if totals := report.capacity_totals:
        document.paragraph(CAPACITY_TOTALS % {**totals, "day": totals["day"]}, bullet=True)
    for finding in report.plan_findings:
        document.heading(finding["kind_label"], 2)
        document.paragraphs(finding["text"])
    for goal in report.goals:
        document.heading(f"{goal.code}. {goal.title}", 1)
        cycles = [value.cycle for value in goal.indicators[0].values]
        rows = []
        for part in goal.indicators:
            change = part.change
            target = next((t for t in part.targets if t["year"] == 2030), None)
            rows.append(
                [
                    f"{part.code} {part.text}",
                    *(
                        shown(value)
                        + (
                            f"\n{fraction(value)}; {_('reported')} {coverage(value)}"
                            if value.value is not None
                            else ""
                        )
                        for value in part.values
                    ),
                    f"{points(change['cross_section']['delta'])}; "
                    f"McNemar {p_value(change['panel']['p_value'])}"
                    if change
                    else "–",
                    f"{target['value']:g}" if target else _("none set"),
                ]
            )
        document.table(
            _("Indicators of goal %(code)s: all Parties") % {"code": goal.code},
            [_("Indicator"), *(f"NR{c}" for c in cycles), _("Change (panel)"), _("Target")],
            rows,
        )
        for part in goal.indicators:
            for chart, by in (
                (part.chart, _("by region")),
                (part.grouping_chart, _("by grouping")),
            ):
                if chart:
                    document.chart(
                        chart,
                        _("%(code)s: baseline and midterm, all Parties and %(by)s.")
                        % {"code": part.code, "by": by},
                    )
        _docx_capacity(document, goal)
        for finding in goal.findings:
            document.heading(finding["kind_label"], 2)
            document.paragraphs(finding["text"])
    document.heading(_("Annex: the governments that reported"), 1)
    for cycle in report.reporters:
        document.paragraph(
            f"NR{cycle['number']} ({len(cycle['names'])}): {', '.join(cycle['names'])}"
        )
    document.heading(_("Annex: data sources"), 1)
    document.paragraph(str(DATA_SOURCES))
    document.heading(_("Annex: method"), 1)
    for goal in report.goals:
        for part in goal.indicators:
            document.heading(f"{part.code} {part.text}", 3)
            document.paragraph(f"{_('Population:')} {part.population_label}")
            for source in part.sources:
                document.paragraph(
                    f"NR{source['cycle']} ({source['fit']}): {source['rationale']}"
                    + (f" {source['wording_change']}" if source["wording_change"] else ""),
                    bullet=True,
                )
    return document.bytes()


CAPACITY_TOTALS = gettext_lazy(
    "Capacity-building records published in cbap on %(day)s: %(activities)s activities, "
    "%(resources)s materials; %(assessed)s of %(parties)s Parties published a self-assessment "
    "of their needs; support was delivered through %(delivered)s matches."
)


def _docx_capacity(document: word.Document, goal: GoalPart) -> None:
    document.heading(_("Capacity-building activities and materials"), 2)
    part = goal.capacity
    if part is None:
        document.paragraph(str(NOT_KEPT))
        return
    document.paragraph(
        _(
            "%(activities)s activities address this goal (of them %(activities_demo)s demo "
            "data) and %(resources)s materials (of them %(resources_demo)s demo data). Records "
            "are a floor: what nobody recorded is not counted."
        )
        % vars(part)
    )
    for breakdown in part.breakdowns:
        counted = "; ".join(
            f"{value if breakdown.facet == 'key_area' else label} {count}"
            for value, label, count in breakdown.rows
        )
        unstated = f"; {_('not stated')} {breakdown.unstated}" if breakdown.unstated else ""
        document.paragraph(f"{breakdown.title}: {counted or '–'}{unstated}.", bullet=True)
    document.heading(_("Needs and gaps"), 2)
    document.paragraph(
        _(
            "%(assessed)s of %(parties)s Parties published a self-assessment of their "
            "capacity-building needs; the others' needs are unknown, not none."
        )
        % vars(part)
    )
    document.table(
        _("Needs and support by key area of goal %(code)s: all Parties") % {"code": goal.code},
        [_(name) for name in NEED_HEADER],
        [[row.key_area, *(getattr(row.cell, name) for name in NEED_FIELDS)] for row in part.needs],
    )


NEED_FIELDS = GAP_FIELDS[1:]
"""The gap table's numbers of a key area for all Parties (its coverage is said beside)."""
NEED_HEADER = (
    gettext_noop("Key area"),
    gettext_noop("High"),
    gettext_noop("Medium"),
    gettext_noop("Low"),
    gettext_noop("No need"),
    gettext_noop("Not assessed"),
    gettext_noop("Offers"),
    gettext_noop("Activities"),
    gettext_noop("Support delivered"),
    gettext_noop("High needs unmet"),
)
NOT_KEPT = gettext_lazy(
    "This snapshot was frozen before cbap kept the capacity-building records in snapshots: "
    "they are unknown here. Freeze a new snapshot to include them."
)


FORMATS = {"xlsx", "docx", "pdf", "html"}
"""What `render` gives."""
DOCUMENTS = ("docx", "pdf", "xlsx")
"""The formats a page offers to download (the HTML is the page itself)."""


def render(report: Report, fmt: str, site: str) -> bytes:
    """The report in one of `FORMATS`, as bytes."""
    if fmt == "xlsx":
        return xlsx(report)
    if fmt in ("docx", "pdf"):
        draw_pictures(report.charts)
    if fmt == "docx":
        return docx(report)
    if fmt == "pdf":
        return pdf_of(html_document(report, site, pictures=True), site)
    return html_document(report, site).encode("utf-8")
