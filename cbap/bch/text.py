"""The one reader of the BCH's titles, multilingual texts and answer items.

Titles in the question sets carry a little HTML (``<i>``, ``<u>``, ``<sup>``) and entities,
and footnote markers (``movements<sup>5</sup>``) whose text is the title's ``footnote``;
texts are multilingual (``{"en": "…", "fr": "…"}``); a chosen option is written in several
ways (``{"value": "x"}``, ``{"identifier": "x"}``, a bare ``"x"``). Every page, download and
check reads them through these functions, so that they all show the same words.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# A footnote marker with the space before it: <sup>5</sup>, or superscript digits ("movements⁵").
_FOOTNOTE_MARKER = re.compile(r"\s*(?:<sup>\s*(\d+)\s*</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_FOOTNOTE_NUMBER = re.compile(r"<sup>\s*(\d+)\s*</sup>")

# The languages a BCH text may be written in (the six UN languages), each named in itself.
LANGUAGES = {
    "ar": "العربية",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
    "zh": "中文",
}


def plain(title: str | None) -> str:
    """A title without its markup, entities and footnote markers, its white space collapsed
    ("Article 25 – Illegal transboundary movements <sup>7</sup>" -> "Article 25 – Illegal
    transboundary movements": plain text has no footnotes, and a bare 7 would read as part of
    the title).

    Tags are removed, not replaced by a space: they sit inside sentences (``that
    <i>agreements were established</i>, please``), so a space would stand before the comma.
    """
    text = _TAG.sub("", without_footnote_markers(title or ""))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def without_footnote_markers(title: str, footnote: str | None = None) -> str:
    """`title` without its footnote markers, except those whose text `footnote` holds (the
    title's own footnote in the question set, which a page then shows beneath it)."""
    shown = set(_FOOTNOTE_NUMBER.findall(footnote or ""))
    return _FOOTNOTE_MARKER.sub(lambda m: m.group(0) if m.group(1) in shown else "", title)


def plain_option_title(title: str | None) -> str:
    """An option's title as a label: :func:`plain`, without the colon that ends the title of an
    option opening a text field ("Other, please specify:")."""
    return plain(title).rstrip(":").strip()


def texts(value: Any) -> dict[str, str]:
    """{language: text} of a BCH multilingual string, every language that holds something; a
    plain string (or number) counts as English."""
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items() if v not in (None, "")}
    if value in (None, ""):
        return {}
    return {"en": str(value)}


def text_in(value: Any, language: str = "en") -> str:
    """The text of a multilingual string in `language`, else in its first language with text
    (white space alone is no text); "" when there is none. The text is returned as written."""
    by_language = texts(value)
    for lang in (language, *by_language):
        text = by_language.get(lang, "")
        if text.strip():
            return text
    return ""


def answer_value(raw: Any) -> Any:
    """What a BCH answer holds inside its ``{"value": …}`` envelope (the answer itself when it
    has none: ``{"en": …}``, a bare string or number)."""
    return raw["value"] if isinstance(raw, Mapping) and "value" in raw else raw


def item_value(item: Any) -> str | None:
    """The option value of one chosen item, as the BCH analyzer reads it: value, else
    identifier, else the item itself when it is a string; None when there is no such string."""
    if isinstance(item, str):
        return item or None
    if isinstance(item, Mapping):
        value = item.get("value") or item.get("identifier")
        return value if isinstance(value, str) and value else None
    return None
