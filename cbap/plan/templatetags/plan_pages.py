"""Plan pages: texts verbatim with their article citations linked; version-aware links."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from cbap.plan import catalogue

register = template.Library()

# What a version change is about, as the versions page names it (`catalogue.CHANGE_KINDS` keeps
# the English words for the command line and the JSON output).
CHANGE_KINDS = {
    "version": pgettext_lazy("plan version change", "version"),
    "column": pgettext_lazy("plan version change", "header row"),
    "section": pgettext_lazy("plan version change", "section"),
    "goal": pgettext_lazy("plan version change", "goal"),
    "key_areas": pgettext_lazy("plan version change", "key area"),
    "activities": pgettext_lazy("plan version change", "plan activity"),
    "indicators": pgettext_lazy("plan version change", "indicator"),
    "outcomes": pgettext_lazy("plan version change", "outcome"),
    "narrative": pgettext_lazy("plan version change", "paragraph"),
    "vocabulary": pgettext_lazy("plan version change", "vocabulary term"),
    "priority_period": pgettext_lazy("plan version change", "priority period"),
}


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
def change_kind(change) -> str:
    """What a `catalogue.VersionChange` is about, in the reader's language."""
    label = CHANGE_KINDS.get(change.kind)
    return str(label) if label is not None else change.kind_label


@register.filter
def periods_for(prioritized: dict, code: str) -> list:
    """The priority periods (from selectors.prioritized) that name this element code."""
    return prioritized.get(code, []) if prioritized else []


def _reader_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


@register.filter
def reader_text(element) -> str:
    """A goal's title or an element's text in the reader's language where an official
    translation is loaded, else the decision's English (see `plan_lang`)."""
    english = element.title if hasattr(element, "title") else element.text
    return (element.translations or {}).get(_reader_language()) or english


@register.simple_tag
def plan_lang(version) -> str:
    """` lang="en"` for an element holding the plan's texts when they are English on a page in
    another language (no official translation loaded): screen readers then read them as
    English, and the page says which language they are in."""
    language = _reader_language()
    if language == settings.LANGUAGE_CODE or (version and language in version.translation_sources):
        return ""
    return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')


@register.simple_tag
def plan_language_notice(version) -> str:
    """Says, on a page in another language than English, that the plan's texts are English
    (verbatim from the decision) or from which official translation they come."""
    language = _reader_language()
    if language == settings.LANGUAGE_CODE or version is None:
        return ""
    source = (version.translation_sources or {}).get(language)
    if source:
        text = _(
            "The texts of the Action Plan are quoted from its official translation (%(source)s)."
        )
        return format_html('<p class="meta plan-language">{}</p>', text % {"source": source})
    text = _(
        "The texts of the Action Plan are shown in English, verbatim from decision %(decision)s: "
        "no official translation into this language is loaded yet."
    )
    return format_html(
        '<p class="meta plan-language">{}</p>', text % {"decision": version.decision}
    )
