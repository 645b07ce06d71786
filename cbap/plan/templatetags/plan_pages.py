"""Plan pages: texts verbatim with their article citations linked; version-aware links."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from cbap.plan import catalogue

register = template.Library()


@register.filter
def article_links(text: str, version=None) -> SafeString:
    """Escape the text and link every "Article N" of the Protocol it mentions to the page listing
    what cites that article (in `version` when it is not the current one). The words shown are
    the text's own; an article of the Convention on Biological Diversity is not linked."""
    query = version.query() if version is not None else ""
    parts, position = [], 0
    for mention in catalogue.article_mentions(text):
        if not mention.protocol:
            continue
        parts.append(escape(text[position : mention.start]))
        url = reverse("plan:article", args=[mention.number]) + query
        parts.append(
            format_html(
                '<a class="article" href="{}">{}</a>', url, text[mention.start : mention.end]
            )
        )
        position = mention.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


@register.filter
def periods_for(prioritized: dict, code: str) -> list:
    """The priority periods (from selectors.prioritized) that name this element code."""
    return prioritized.get(code, []) if prioritized else []
