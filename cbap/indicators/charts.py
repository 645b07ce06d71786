"""An indicator's chart: baseline against midterm, for all Parties and by region.

The chart is drawn from the same values as the table beside it (`selectors.cycle_values`),
so the two cannot disagree. Values with no data get no bar; the description and the table say so.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.core.charts import Bars, Chart, Row, render_chart
from cbap.core.numbers import localized
from cbap.indicators.results import CycleValue, IndicatorValue, in_unit, role_label
from cbap.indicators.selectors import REGION_PREFIX

ALL_PARTIES = gettext_lazy("All Parties")
CYCLE_COLOURS = ["#8aa1b4", "#0b6e4f"]  # baseline muted, midterm the site's accent


def cycle_label(value: IndicatorValue) -> str:
    """ "NR4 (baseline)", the role in the reader's language; a key of the chart's rows."""
    if not value.role:
        return f"NR{value.cycle}"
    return _("NR%(cycle)s (%(role)s)") % {"cycle": value.cycle, "role": role_label(value.role)}


def chart_rows(values: list[CycleValue], *, groupings: bool = False) -> list[dict]:
    """(group, cycle) rows of the chart: all Parties, then the regions (or the other
    groupings: LDC, SIDS …); sums by band."""
    rows = []
    things = counts_things(values)
    for value in values:
        label = cycle_label(value)
        if value.measure == "sum":
            for item in value.distribution or []:
                rows.append(
                    {
                        "group": item["title"],
                        "short": item["title"],
                        "cycle": label,
                        "value": item["count"],
                    }
                )
            continue
        if things:  # a count of things, not of Parties: one bar per cycle, no groups
            groups = [(_("Total"), value)]
        else:
            groups = [(str(ALL_PARTIES), value)] + [
                (group.label, group)
                for group in value.by
                if group.group.startswith(REGION_PREFIX) != groupings
            ]
        for name, entry in groups:
            rows.append({"group": name, "short": short(name), "cycle": label, "value": entry.value})
    return rows


def counts_things(values: list[CycleValue]) -> bool:
    """Whether the values count things from records (materials, downloads), not Parties: no
    groups, and no Parties on the axis."""
    return any(v.source != "report" and v.measure == "number" and v.parties is None for v in values)


def short(label: str) -> str:
    """ "Western European and Others Group (WEOG)" → "WEOG": axis labels stay short, because a
    browser's font may be wider than the one the chart was measured with."""
    match = re.search(r"\(([^)]+)\)$", label)
    return match.group(1) if match else label


def table_rows(values: list[CycleValue]) -> list[dict]:
    """The chart's numbers as table rows: a group (or an answer) and its value per cycle."""
    rows = chart_rows(values)
    cycles = [cycle_label(value) for value in values]
    measure = values[0].measure if values else "percentage"
    unit = _unit(values)
    table = []
    for group in dict.fromkeys(row["group"] for row in rows):
        found = {row["cycle"]: row["value"] for row in rows if row["group"] == group}
        table.append(
            {
                "group": group,
                "cells": [in_unit(found.get(cycle), measure, unit) for cycle in cycles],
            }
        )
    return table


def _unit(values: list[CycleValue]) -> str:
    """What a number's bars count: Parties, or the things a definition counts ("downloads");
    a sum's bars always count Parties (per answer)."""
    if not values or values[0].measure != "number":
        return "Parties"
    return values[0].unit


def indicator_chart(
    code: str, measure: str, values: list[CycleValue], *, groupings: bool = False
) -> Chart | None:
    """The accessible SVG chart of one indicator by region (or by the other `groupings`), or
    None when no cycle has data (or, by grouping, when the values have no groups: a sum's
    answers, a count of things)."""
    if groupings and (measure == "sum" or counts_things(values)):
        return None
    rows = chart_rows(values, groupings=groupings)
    if not any(row["value"] is not None for row in rows):
        return None
    if measure == "sum":
        title = _("Indicator %(code)s: baseline and midterm by answer")
    elif counts_things(values):
        title = _("Indicator %(code)s: baseline and midterm")
    elif groupings:
        title = _("Indicator %(code)s: baseline and midterm for all Parties and by grouping")
    else:
        title = _("Indicator %(code)s: baseline and midterm for all Parties and by region")
    return render_chart(
        _bars(measure, values, rows),
        title=title % {"code": code},
        description=_description(rows, [cycle_label(value) for value in values]),
    )


def _bars(measure: str, values: list[CycleValue], rows: list[dict]) -> Bars:
    """A bar per cycle for each group (all Parties, then the regions) or answer."""
    cycles = [cycle_label(value) for value in values]
    found = {(row["short"], row["cycle"]): row["value"] for row in rows}
    groups = list(dict.fromkeys(row["short"] for row in rows))
    shown_as = "percentage" if measure == "percentage" else "count"  # a sum's bars count Parties
    unit = _unit(values)
    return Bars(
        rows=tuple(
            Row(
                label=(group,),
                values=tuple(found.get((group, cycle)) for cycle in cycles),
                shown=tuple(in_unit(found.get((group, cycle)), shown_as, unit) for cycle in cycles),
            )
            for group in groups
        ),
        series=tuple((cycle,) for cycle in cycles),
        colours=tuple(CYCLE_COLOURS[: len(cycles)]),
        axis_title="% " + _("of Parties")
        if measure == "percentage"
        else _("Parties")
        if unit == "Parties"
        else unit,
        maximum=100 if measure == "percentage" else None,
        plot_width=420,
        legend_on_top=True,
    )


def _description(rows: list[dict], cycles: list[str]) -> str:
    parts = []
    for group in dict.fromkeys(row["group"] for row in rows):
        found = {row["cycle"]: row["value"] for row in rows if row["group"] == group}
        shown_values = ", ".join(
            f"{cycle} {_number(found.get(cycle))}" for cycle in cycles if cycle in found
        )
        parts.append(f"{group}: {shown_values}")
    return _("Bars per group, one per reporting cycle.") + " " + "; ".join(parts) + "."


def _number(value) -> str:
    if value is None:
        return _("no data")
    return localized(value, 1) if isinstance(value, float) else localized(value)
