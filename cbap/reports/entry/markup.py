"""BCH titles and descriptions come with a little HTML (<i>, <sup>, <u>, <br>): kept safe for a
page by the `nh3` sanitizer, or dropped for plain text. Titles also carry footnote markers
(<sup>5</sup>), kept only where the page shows the footnote."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe

from cbap.bch.text import without_footnote_markers

SAFE_TAGS = frozenset({"i", "em", "b", "strong", "u", "sup", "sub", "br"})
DROPPED_TAGS = frozenset({"script", "style"})  # their content goes too


def safe_html(text: str | None) -> SafeString:
    """A BCH title or description reduced to the tags of SAFE_TAGS, without any attribute;
    other tags are dropped (keeping their text, except that of DROPPED_TAGS)."""
    cleaned = nh3.clean(
        text or "", tags=set(SAFE_TAGS), clean_content_tags=set(DROPPED_TAGS), attributes={}
    )
    return mark_safe(cleaned.strip())  # noqa: S308 - sanitized by nh3 just above


def title_html(title: str | None, footnote: str | None = None) -> SafeString:
    """A BCH title for a page, without the footnote markers whose text is not in `footnote` (the
    footnote the page shows beneath it; none when it shows none)."""
    return safe_html(without_footnote_markers(title or "", footnote))
