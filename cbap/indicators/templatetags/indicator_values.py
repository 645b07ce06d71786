"""Showing indicator values in templates, and the Party scorecard: `{% load indicator_values %}`.

No value is ever shown as 0 when there is none: missing values read "no data yet". Numbers
are written as the reader writes them (1 234,5 in French).
"""

from __future__ import annotations

import yaml
from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cbap.core.numbers import localized
from cbap.indicators import results, selectors
from cbap.indicators.results import DATA_NEEDED_LABELS
from cbap.plan.models import PlanVersion

register = template.Library()

FIT_LABELS = {
    "direct": gettext_lazy("direct"),
    "proxy": gettext_lazy("proxy"),
    "not_measured": gettext_lazy("not measured"),
    None: "–",
}


@register.filter
def shown(value: results.IndicatorValue) -> str:
    """ "45.1 %", "12 Parties", "12–40 cases", "12 or more cases", or "no data yet"."""
    if value.value is None:
        return _("no data yet")
    return results.in_unit(value.value, value.measure, value.unit)


@register.filter
def fraction(value: results.IndicatorValue) -> str:
    """numerator / denominator, for percentages and numbers."""
    if value.numerator is None or value.denominator is None:
        return "–"
    return f"{localized(value.numerator)} / {localized(value.denominator)}"


@register.filter
def coverage(value: results.IndicatorValue) -> str:
    """ "147 / 171 (86 %)": Parties that reported over Parties in the population; "—" when
    the population is not a set of Parties or who is in it is not known (population_note)."""
    if value.parties is None:
        return "—"
    if not value.parties:
        return "–"
    return f"{value.reported} / {value.parties} ({localized(100 * value.coverage, 0)} %)"


@register.filter
def bounds(value: results.IndicatorValue) -> str:
    low, high = value.lower_bound, value.upper_bound
    open_count = value.source != "report" and value.measure != "percentage"
    if (value.measure == "sum" or open_count) and low is not None:
        if high is None:
            return _("%(low)s or more") % {"low": localized(low)}
        return f"{localized(low)}–{localized(high)}"
    if low is None or high is None:
        return "–"
    if value.measure == "percentage":
        return f"{localized(low, 1)}–{localized(high, 1)} %"
    return f"{localized(low)}–{localized(high)}"


@register.filter
def interval(value: results.IndicatorValue) -> str:
    low, high = value.ci_low, value.ci_high
    if low is None or high is None:
        return "–"
    return f"{localized(low, 1)}–{localized(high, 1)} %"


@register.filter
def points(delta) -> str:
    """A change in percentage points: "+5.2 pp", "−3.0 pp"; "–" when there is none."""
    if delta is None:
        return "–"
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    # Translators: a change in percentage points, e.g. "5.2 pp" (the sign comes before)
    return sign + _("%(points)s pp") % {"points": localized(abs(delta), 1)}


@register.filter
def in_unit(value, measure: str) -> str:
    """A value of a percentage or number indicator: "40.0 %", "12 Parties", "no data"."""
    return results.in_unit(value, measure)


@register.filter
def change_in_unit(delta, measure: str) -> str:
    """A change: "+5.2 pp" for a percentage, "+3 Parties" for a number, "–" without one."""
    if measure == "percentage" or delta is None:
        return points(delta)
    if not delta:
        return _("±0 Parties")
    sign = "+" if delta > 0 else "−"
    return sign + ngettext("%(n)s Party", "%(n)s Parties", abs(delta)) % {"n": abs(delta)}


@register.filter
def change_shown(indicator: dict) -> str:
    """The cross-sectional change of an indicator's value: "+5.2 pp", "+3 Parties" or "–"."""
    return change_in_unit(indicator.get("delta"), indicator.get("measure"))


@register.filter
def p_value(p) -> str:
    """ "p = 0.042", "p < 0.001", or "–" when there is no test."""
    if p is None:
        return "–"
    return f"p < {localized(0.001, 3)}" if p < 0.001 else f"p = {localized(p, 3)}"


@register.filter
def role_label(role) -> str:
    """A cycle's role ("baseline", "midterm") in the reader's language."""
    return results.role_label(role) if role else ""


@register.filter
def unit_label(unit) -> str:
    """An indicator's unit in the reader's language: "Parties"; a definition's own word (data)
    as it is."""
    return _("Parties") if unit == "Parties" else unit


@register.filter
def grouped(number) -> str:
    """A count as the reader writes numbers ("7 900", "7,900")."""
    return "–" if number is None else localized(number)


@register.filter
def source_label(source) -> str:
    """A records source's kind in words ("capacity-building activities"); a report's: ""."""
    label = results.RECORD_SOURCES.get(source)
    return str(label) if label else ""


@register.filter
def fit_label(fit) -> str:
    return FIT_LABELS.get(fit, str(fit))


@register.filter
def data_needed(names) -> str:
    return "; ".join(
        _(DATA_NEEDED_LABELS[n]) if n in DATA_NEEDED_LABELS else n for n in names or []
    )


@register.filter
def as_yaml(condition, name: str = "condition") -> str:
    """A reviewed condition as it reads in definitions.yaml, under its field name."""
    if condition is None:
        return ""
    return yaml.safe_dump(
        {"".join(name): condition},  # a plain str: yaml cannot represent SafeString
        sort_keys=False,
        allow_unicode=True,
        width=90,
        default_flow_style=None,
    ).strip()


@register.filter
def answers_shown(answers: list[dict]) -> str:
    from cbap.indicators.exports import answers_text

    return answers_text(answers)


@register.inclusion_tag("indicators/_party_scorecard.html")
def party_scorecard(government):
    """For every indicator, whether the Party counts in the numerator at baseline and midterm."""
    try:
        scorecard = selectors.party_scorecard(government)
    except PlanVersion.DoesNotExist:  # nothing to score against before `cbap setup`
        scorecard = None
    return {"scorecard": scorecard}
