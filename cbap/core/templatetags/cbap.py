import base64
import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cbap.core.downloads import SYNTHETIC_NOTICE
from cbap.core.numbers import localized

register = template.Library()


@register.simple_tag
def synthetic_notice() -> str:
    """The one sentence that marks demo data, on pages (in the reader's language) as in
    downloads and the API."""
    return _(SYNTHETIC_NOTICE)


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
def picture(chart):
    """A chart as a PNG picture with its words as alternative text: printed documents, whose
    renderer draws pictures faster than SVG."""
    data = base64.b64encode(chart.png).decode("ascii")
    return format_html('<img src="data:image/png;base64,{}" alt="{}">', data, chart.alt)


@register.filter
def percent(value, digits: int = 1):
    """45.123 → "45.1 %" ("45,1 %" in French); None → "–" (no data is never shown as zero)."""
    if value is None:
        return "–"
    return f"{localized(value, digits)} %"


@register.filter
def number(value, digits=None):
    """1234.5 → "1,234.5" ("1 234,5" in French); None → "–"."""
    if value is None:
        return "–"
    return localized(value, digits)


@register.filter
def field_value(value) -> str:
    """A content value for people: lists joined, booleans as Yes/No, nothing as "–"."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
