"""Indicator charts on the plan's goal pages.

Usage: ``{% load indicator_charts %}{% goal_indicator_charts goal %}``.
"""

from django import template
from django.urls import reverse

from cbap.indicators import charts, selectors
from cbap.indicators import definitions as catalogue

register = template.Library()


@register.inclusion_tag("indicators/_goal_charts.html")
def goal_indicator_charts(goal):
    """Baseline against midterm, for all Parties and by region, for each indicator of the goal
    that has a definition (the goal's indicators are prefetched by the plan's goal page)."""
    bound = [
        (indicator, definition)
        for indicator in goal.indicators.all()
        if (definition := catalogue.definition_for(indicator.code)) is not None
    ]
    snapshots = selectors.cycle_snapshots() if bound else {}
    regions = [
        name for name in selectors.all_groups(snapshots) if name.startswith(selectors.REGION_PREFIX)
    ]
    items = []
    for indicator, definition in bound:
        values = selectors.cycle_values(definition, snapshots, by=regions)
        items.append(
            {
                "code": indicator.code,
                "text": indicator.text,
                "url": reverse("indicators:detail", args=[indicator.code]),
                "measure": definition.measure,
                "values": values,
                "chart": charts.indicator_chart(indicator.code, definition.measure, values),
                "table": charts.table_rows(values),
            }
        )
    synthetic = any(v.synthetic_reports for entry in items for v in entry["values"])
    return {"goal": goal, "items": items, "synthetic": synthetic}
