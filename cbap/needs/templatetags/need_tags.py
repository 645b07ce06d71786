"""Labels of the needs vocabularies in templates: `{{ line.level|level }}`, `{{ kinds|kinds }}`,
and why a term of a match earned what it did: `{{ term|reason }}`."""

from django import template

from cbap.needs.models import Declaration
from cbap.needs.reasons import said
from cbap.needs.vocabularies import KINDS, LEVELS, TERMS, audiences

register = template.Library()


@register.filter
def level(key: str) -> str:
    return str(LEVELS.get(key or "not_assessed", key))


@register.filter
def kinds(keys) -> str:
    return ", ".join(str(KINDS.get(k, k)) for k in keys or [])


@register.filter(name="audiences")
def audience_labels(keys) -> str:
    known = audiences()
    return ", ".join(str(known.get(k, k)) for k in keys or [])


@register.filter
def term_name(name: str) -> str:
    return str(TERMS.get(name, name))


@register.filter
def reason(term) -> str:
    """Why a term earned what it did, in the reader's language (`reasons.said`)."""
    return said(term)


@register.filter
def score(value: float) -> str:
    """A score as pages show it: one decimal, none when whole."""
    return f"{value:.1f}".removesuffix(".0")


@register.filter
def declaration_status(status: str) -> str:
    return str(Declaration.Status(status).label) if status in Declaration.Status.values else status


@register.filter
def interest_kind(kind: str) -> str:
    return str(Declaration.Kind(kind).label) if kind in Declaration.Kind.values else kind
