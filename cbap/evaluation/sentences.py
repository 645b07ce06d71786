"""Factual sentences about a goal's indicators, written from a snapshot's numbers the same way
every time, which an analyst may keep, edit or drop in a finding. Each says its population and
coverage, and its caveats (a proxy fit, a wording change, a value from records that is a floor,
no data) wherever they apply; none claims more than the numbers show."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from cbap.engine.change import compare
from cbap.evaluation.models import Snapshot
from cbap.evaluation.selectors import frozen_cycles
from cbap.indicators import definitions as catalogue
from cbap.indicators import results
from cbap.indicators import selectors as indicators
from cbap.indicators.templatetags.indicator_values import p_value, shown

SIGNIFICANT = 0.05
"""The level below which a panel's change is called significant (McNemar, two-sided)."""


@dataclass(frozen=True)
class Sentence:
    code: str
    text: str
    url: str


def goal_sentences(snapshot: Snapshot, goal: str) -> list[Sentence]:
    """A sentence for each indicator of `goal` (every goal's when empty), from the snapshot."""
    cycles = frozen_cycles(snapshot)
    found = []
    for item in catalogue.bound_indicators():
        if goal and item.indicator.goal.code != goal:
            continue
        values = {v.cycle: v for v in indicators.cycle_values(item.definition, cycles)}
        parts = [_("%(code)s (%(text)s):") % {"code": item.code, "text": item.indicator.text}]
        for number in catalogue.CYCLES:
            parts.append(_cycle_part(values.get(number)))
        parts += _change_part(item.definition, cycles)
        parts += _caveats(values)
        url = reverse("evaluation:indicator", args=[snapshot.name, item.code])
        found.append(Sentence(item.code, " ".join(p for p in parts if p), url))
    return found


def _cycle_part(value) -> str:
    if value is None:
        return ""
    role = results.role_label(value.role)
    if value.value is None:
        return _("No value at %(role)s: %(reason)s.") % {
            "role": role,
            "reason": value.reason or _("no data"),
        }
    words = {"role": role, "value": shown(value)}
    if value.numerator is not None and value.denominator is not None and value.parties:
        words |= {
            "numerator": value.numerator,
            "denominator": value.denominator,
            "reported": value.reported,
            "parties": value.parties,
        }
        if value.source == "report":
            return (
                _(
                    "%(value)s at %(role)s (%(numerator)s of the %(denominator)s Parties that "
                    "answered; %(reported)s of %(parties)s Parties reported)."
                )
                % words
            )
        return (
            _(
                "%(value)s at %(role)s from the published records, a floor (%(numerator)s of "
                "%(denominator)s Parties; records count for %(reported)s of them)."
            )
            % words
        )
    return _("%(value)s at %(role)s.") % words


def _change_part(definition, cycles) -> list[str]:
    if not set(catalogue.CYCLES) <= set(cycles) or definition.measure != "percentage":
        return []
    source = definition.source_for(catalogue.MIDTERM)
    if source is None or source.from_records:
        return []
    change = compare(
        definition,
        baseline=cycles[catalogue.BASELINE].facts,
        midterm=cycles[catalogue.MIDTERM].facts,
    )
    panel = change.panel
    if not panel.members or panel.p_value is None:
        return []
    words = {"n": len(panel.members), "p": p_value(panel.p_value)}
    if panel.p_value < SIGNIFICANT:
        return [
            _(
                "Among the %(n)s Parties that answered in both cycles the change is significant "
                "(McNemar %(p)s)."
            )
            % words
        ]
    return [
        _(
            "Among the %(n)s Parties that answered in both cycles the change is not "
            "significant (McNemar %(p)s)."
        )
        % words
    ]


def _caveats(values) -> list[str]:
    said = []
    midterm = values.get(catalogue.MIDTERM)
    if midterm is not None and midterm.fit == "proxy":
        said.append(_("The midterm source approximates the indicator (a proxy fit)."))
    if midterm is not None and midterm.comparable is False:
        said.append(_("Baseline and midterm are not like for like (the wording changed)."))
    return said
