"""Why a match's term earned what it did, in the reader's language: the engine's reason codes
(`engine.matching.REASONS`) with the same placeholders, the facts shown as pages show them
(kinds of support, audiences and languages by name), and the term as a match keeps it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.utils.translation import gettext_lazy

from cbap.activities.forms import LANGUAGE_NAMES
from cbap.engine.matching import Term
from cbap.needs.vocabularies import KINDS, audiences

REASONS = {
    "key_area": gettext_lazy("offers {key_area}"),
    "goal": gettext_lazy("offers goal {goal}, not key area {key_area} by name"),
    "open": gettext_lazy("open to every Party"),
    "by_name": gettext_lazy("{party} is eligible by name"),
    "through": gettext_lazy("{party} is eligible through {through}"),
    "unstated": gettext_lazy("stated by neither"),
    "unstated_by_party": gettext_lazy("not stated by the Party"),
    "unstated_by_offer": gettext_lazy("not stated by the offer"),
    "common_language": gettext_lazy("in {languages}"),
    "no_common_language": gettext_lazy("no common language (offer: {offered}; Party: {wanted})"),
    "every_kind": gettext_lazy("covers every kind wanted: {covered}"),
    "some_kinds": gettext_lazy(
        "covers {count} of {wanted_count} kinds wanted: {covered} (not {missing})"
    ),
    "no_kind": gettext_lazy("covers none of the kinds wanted: {wanted} (offers {offered})"),
    "every_audience": gettext_lazy("covers every audience wanted: {covered}"),
    "some_audiences": gettext_lazy(
        "covers {count} of {wanted_count} audiences wanted: {covered} (not {missing})"
    ),
    "no_audience": gettext_lazy("covers none of the audiences wanted: {wanted} (offers {offered})"),
    "undated": gettext_lazy("no dates stated by the offer"),
    "ended": gettext_lazy("ended on {end}"),
    "until": gettext_lazy("offered until {end}; no date stated by the Party"),
    "until_in_time": gettext_lazy("offered until {end}: in time"),
    "from": gettext_lazy("offered from {start}; no date stated by the Party"),
    "from_in_time": gettext_lazy("offered from {start}: in time"),
    "from_to": gettext_lazy("offered from {start} to {end}; no date stated by the Party"),
    "from_to_in_time": gettext_lazy("offered from {start} to {end}: in time"),
    "late": gettext_lazy("starts on {start}, after the date needed"),
    "remaining": gettext_lazy("{capacity} remaining"),
    "high": gettext_lazy("high need"),
    "medium": gettext_lazy("medium need"),
    "low": gettext_lazy("low need"),
    "unranked": gettext_lazy("not ranked by the Party"),
    "priority": gettext_lazy("the Party's priority {rank}"),
}
"""Every code of `engine.matching.REASONS`, in the reader's language (a test holds the codes and
the English equal)."""


def _labels(term: str) -> Mapping[str, str]:
    if term == "kind":
        return KINDS
    if term == "audience":
        return audiences()
    return LANGUAGE_NAMES if term == "language" else {}


def said(term: Term | Mapping) -> str:
    """Why a term earned what it did, in the reader's language: of the engine's term, or of a
    term as a match keeps it (`kept`; one kept before reasons had codes says its English)."""
    if isinstance(term, Term):
        name, why, facts = term.name, term.why, dict(term.facts)
    elif "why" in term:
        name, why, facts = term["name"], term["why"], term["facts"]
    else:
        return term["reason"]
    labels = _labels(name)
    shown = {
        key: ", ".join(str(labels.get(v, v)) for v in value)
        if isinstance(value, list | tuple)
        else value
        for key, value in facts.items()
    }
    return str(REASONS[why]).format(**shown)


def kept(term: Term) -> dict:
    """A term as a match keeps it (JSON): its numbers, its reason code with its facts, and the
    reason in English for whoever reads the data without cbap."""
    facts = {
        key: value.isoformat() if isinstance(value, date) else value for key, value in term.facts
    }
    return {
        "name": term.name,
        "weight": term.weight,
        "value": term.value,
        "why": term.why,
        "facts": facts,
        "reason": term.reason,
    }
