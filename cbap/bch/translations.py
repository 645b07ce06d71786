"""The questionnaires in the reader's language, from the BCH's own translations of the titles
(``data/bch-i18n/nrX-titles.json``, see the README there).

Plain Python with no Django import. A text without a translation stays English, and its
`language` says so, so that a page can mark it (``lang="en"``) instead of passing it off.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cbap.bch.questionnaire import Option, Questionnaire

TITLES = Path(__file__).parent / "data" / "bch-i18n"
SOURCE_LANGUAGE = "en"


@cache
def titles_of_cycle(cycle: int) -> Mapping[str, Any] | None:
    """The translated titles of a cycle's questionnaire, or None when there are none (NR3)."""
    path = TITLES / f"nr{cycle}-titles.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def bch_language(language: str) -> str:
    """The BCH's code of a Django language code (zh-hans → zh)."""
    return language.split("-")[0].lower()


def translated(questionnaire: Questionnaire, titles: Mapping[str, Any], language: str):
    """`questionnaire` with its section, question and option titles, descriptions, footnotes and
    option captions in `language` wherever the BCH translated them."""
    code = bch_language(language)
    if code == SOURCE_LANGUAGE:
        return questionnaire

    def text(texts: Mapping[str, str | None] | None, english: str | None) -> tuple[str | None, str]:
        found = (texts or {}).get(code)
        return (found, code) if found else (english, SOURCE_LANGUAGE)

    sections = []
    for section in questionnaire.sections:
        given = titles["sections"].get(section.key, {})
        title, language_of_title = text(given.get("title"), section.title)
        description, _ = text(given.get("description"), section.description)
        sections.append(
            replace(section, title=title, description=description, language=language_of_title)
        )
    questions = {}
    for key, question in questionnaire.questions.items():
        given = titles["questions"].get(key, {})
        title, language_of_title = text(given.get("title"), question.title)
        footnote, _ = text(given.get("footnote"), question.footnote)
        options = tuple(_option(option, given, text) for option in question.options)
        questions[key] = replace(
            question, title=title, footnote=footnote, options=options, language=language_of_title
        )
    return replace(questionnaire, sections=tuple(sections), questions=MappingProxyType(questions))


def _option(option: Option, given: Mapping[str, Any], text) -> Option:
    title, language = text((given.get("options") or {}).get(option.value), option.title)
    caption, _ = text((given.get("optionCaptions") or {}).get(option.value), option.caption)
    return replace(option, title=title, caption=caption, language=language)
