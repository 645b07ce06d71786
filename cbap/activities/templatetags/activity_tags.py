"""Showing activities and resources: multilingual texts in the reader's language, terms by
their titles, and the "what has been done" section other apps' pages include."""

from django import template
from django.utils.translation import get_language

from cbap.activities import selectors, vocabularies
from cbap.bch.text import text_in

register = template.Library()


@register.filter
def in_reader_language(value) -> str:
    """A multilingual text ({language: text}) in the reader's language, else in English, else
    in the first language it has."""
    return text_in(value, (get_language() or "en").split("-")[0])


@register.filter
def text_language(value) -> str:
    """The language the shown text is in (for `lang=`), when it is not the reader's."""
    if not isinstance(value, dict) or not value:
        return ""
    reader = (get_language() or "en").split("-")[0]
    for key in (reader, "en", *sorted(value)):
        if value.get(key):
            return key
    return ""


@register.filter
def term(key: str, vocabulary: str) -> str:
    return vocabularies.title(vocabulary, key)


@register.filter
def terms(keys, vocabulary: str) -> list[str]:
    return [vocabularies.title(vocabulary, key) for key in keys or []]


@register.inclusion_tag("activities/_done.html")
def done_here(facet: str, value: str, heading_id: str = "done"):
    """The published activities and resources for a plan code (`facet` "plan") or in a country
    (`facet` "country"), with links to the filtered lists."""
    name = selectors.plan_facet(value) if facet == "plan" else facet
    return {"done": selectors.done(name, value), "heading_id": heading_id}


@register.simple_tag
def done_counts(goal) -> dict[str, dict[str, int]]:
    """code → {"activity": n, "resource": m} for the goal and each of its key areas and plan
    activities, in one query."""
    return selectors.counts_by_code(goal.code)


@register.inclusion_tag("activities/_done_line.html")
def done_line(counts: dict, code: str):
    """One line under a key area or plan activity: how many activities and resources address it,
    linking to them."""
    found = counts.get(code, {})
    return {
        "code": code,
        "facet": selectors.plan_facet(code),
        "activities": found.get("activity", 0),
        "resources": found.get("resource", 0),
    }
