"""An indicator's chart: baseline against midterm, for all Parties and by region.

The chart is drawn from the same values as the table beside it (`selectors.cycle_values`),
so the two cannot disagree. Values with no data get no bar; the description and the table say so.
"""

from __future__ import annotations

import re

import altair as alt
from django.utils.safestring import SafeString

from cbap.core.charts import render_svg
from cbap.indicators.results import CycleValue, IndicatorValue, in_unit
from cbap.indicators.selectors import REGION_PREFIX

ALL_PARTIES = "All Parties"
CYCLE_COLOURS = ["#8aa1b4", "#0b6e4f"]  # baseline muted, midterm the site's accent


def cycle_label(value: IndicatorValue) -> str:
    return f"NR{value.cycle} ({value.role})" if value.role else f"NR{value.cycle}"


def chart_rows(values: list[CycleValue]) -> list[dict]:
    """(group, cycle) rows of the chart: all Parties, then the regions; sums by band."""
    rows = []
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
        groups = [(ALL_PARTIES, value)] + [
            (group.label, group) for group in value.by if group.group.startswith(REGION_PREFIX)
        ]
        for name, entry in groups:
            rows.append({"group": name, "short": short(name), "cycle": label, "value": entry.value})
    return rows


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
    table = []
    for group in dict.fromkeys(row["group"] for row in rows):
        found = {row["cycle"]: row["value"] for row in rows if row["group"] == group}
        table.append(
            {"group": group, "cells": [in_unit(found.get(cycle), measure) for cycle in cycles]}
        )
    return table


def indicator_chart(code: str, measure: str, values: list[dict]) -> SafeString | None:
    """The accessible SVG chart of one indicator, or None when no cycle has data."""
    rows = chart_rows(values)
    if not any(row["value"] is not None for row in rows):
        return None
    groups = list(dict.fromkeys(row["short"] for row in rows))
    cycles = [cycle_label(value) for value in values]
    if measure == "percentage":
        x = alt.X("value:Q", title="% of Parties", scale=alt.Scale(domain=[0, 100]))
    else:
        x = alt.X("value:Q", title="Parties", axis=alt.Axis(tickMinStep=1))
    spec = (
        alt.Chart(alt.Data(values=[row for row in rows if row["value"] is not None]))
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "short:N",
                sort=groups,
                title=None,
                axis=alt.Axis(labelLimit=200, labelFontSize=12, labelPadding=6),
            ),
            yOffset=alt.YOffset("cycle:N", sort=cycles),
            color=alt.Color(
                "cycle:N",
                sort=cycles,
                title=None,
                scale=alt.Scale(domain=cycles, range=CYCLE_COLOURS[: len(cycles)]),
                legend=alt.Legend(orient="top"),
            ),
        )
        .properties(width=420, height=alt.Step(16), padding={"left": 16, "right": 16})
        .to_dict()
    )
    by = "by answer" if measure == "sum" else "for all Parties and by region"
    return render_svg(
        spec,
        title=f"Indicator {code}: baseline and midterm {by}",
        description=_description(rows, cycles),
    )


def _description(rows: list[dict], cycles: list[str]) -> str:
    parts = []
    for group in dict.fromkeys(row["group"] for row in rows):
        found = {row["cycle"]: row["value"] for row in rows if row["group"] == group}
        shown_values = ", ".join(
            f"{cycle} {_number(found.get(cycle))}" for cycle in cycles if cycle in found
        )
        parts.append(f"{group}: {shown_values}")
    return "Bars per group, one per reporting cycle. " + "; ".join(parts) + "."


def _number(value) -> str:
    if value is None:
        return "no data"
    return f"{value:.1f}" if isinstance(value, float) else str(value)
