import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cbap.core.downloads import SYNTHETIC_NOTICE

register = template.Library()


@register.simple_tag
def synthetic_notice() -> str:
    """The one sentence that marks demo data, on pages as in downloads and the API."""
    return SYNTHETIC_NOTICE


@register.filter
def highlight(text: str, query: str):
    """Escape the text and wrap every word of the query in <mark>."""
    words = [re.escape(escape(w)) for w in (query or "").split() if w]
    escaped = escape(text)
    if not words:
        return mark_safe(escaped)
    pattern = re.compile("(" + "|".join(sorted(words, key=len, reverse=True)) + ")", re.IGNORECASE)
    return mark_safe(pattern.sub(r"<mark>\1</mark>", escaped))


@register.filter
def percent(value, digits: int = 1):
    """45.123 → "45.1 %"; None → "–" (no data is never shown as zero)."""
    if value is None:
        return "–"
    return f"{value:.{digits}f} %"


@register.filter
def field_value(value) -> str:
    """A content value for people: lists joined, booleans as Yes/No, nothing as "–"."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
