"""Stored answers as the form and people read them: the options chosen, the text typed, and
lines of text for the print view, baselines and what changed.

Tolerant: imported reports come in several of the BCH's shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.rules import answer_states
from cbap.bch.text import answer_value, item_value, plain, text_in, texts
from cbap.reports.entry.markup import title_html


def section_questions(qn: Questionnaire, section_key: str) -> list[Question]:
    """Every entry of a section (questions, sub-sections, legends), in order."""
    return [q for q in qn.questions.values() if q.section == section_key]


def section_keys(qn: Questionnaire, section_key: str) -> list[str]:
    """The keys of the answerable questions of a section."""
    return [q.key for q in section_questions(qn, section_key) if q.answerable]


def chosen(question: Question, raw: Any) -> dict[str, str]:
    """{option value: its free text or number as a string ('' if none)} of a choice answer,
    in the order given."""
    if raw is None:
        return {}
    items = raw if isinstance(raw, list) else [raw]
    result: dict[str, str] = {}
    for item in items:
        value = item_value(item)
        if value is None or value in result:
            continue
        info = item.get("additionalInformation") if isinstance(item, Mapping) else None
        if isinstance(info, bool) or info is None:
            result[value] = ""
        elif isinstance(info, int | float):
            result[value] = str(int(info)) if float(info).is_integer() else str(info)
        elif isinstance(info, Mapping) and set(info) == {"value"}:
            result[value] = str(info["value"])
        else:
            result[value] = text_in(info)
    return result


def typed_text(question: Question, raw: Any, language: str = "en") -> str:
    """What the text or number box of a question shows for a stored answer (a free text in
    `language`, else in its first language with text)."""
    if raw is None:
        return ""
    value = answer_value(raw)
    if question.type == "int":
        return "" if value is None or isinstance(value, bool) else str(value)
    return text_in(value, language)


def text_language(raw: Any, preferred: str) -> str:
    """The language in which the form shows a stored free text: `preferred` (the interface
    language) when the text is written in it, else the first language it is written in."""
    written = [lang for lang, text in texts(answer_value(raw)).items() if text.strip()]
    return preferred if preferred in written or not written else written[0]


def other_languages(raw: Any, shown: str) -> list[str]:
    """The languages other than `shown` in which a stored free text is written; saving the
    field keeps them as they are."""
    if raw is None:
        return []
    return [lang for lang, text in texts(answer_value(raw)).items() if lang != shown and text]


def answer_lines(question: Question, raw: Any, value_mapping: Mapping[str, str] | None = None):
    """The answer as lines of text (option titles, with their free text or number after a
    colon; free text; a number). Option values unknown to the question are shown as they are.
    `value_mapping` first translates stored values (an earlier cycle's answers)."""
    if raw is None:
        return []
    if question.type in ("option", "term"):
        lines = []
        for value, info in chosen(question, raw).items():
            value = (value_mapping or {}).get(value, value)
            option = question.option(value)
            lines.append(with_info(plain(option.title) if option else value, info))
        return lines
    text = typed_text(question, raw)
    return [text] if text else []


def with_info(title: str, info: str) -> str:
    """ "Yes, to some extent: in agriculture" (titles often end with their own colon)."""
    if not info:
        return title
    return f"{title} {info}" if title.endswith(":") else f"{title}: {info}"


def label(question: Question) -> str:
    """The question's number and plain title, as messages name it."""
    number = f"{question.number}. " if question.number else ""
    return f"{number}{question.plain_title}"


def printed_sections(qn: Questionnaire, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every section with every entry and its answer as lines, for the print view."""
    states = answer_states(qn, answers)
    return [
        {
            "title": title_html(section.title),
            "rows": [
                {
                    "question": question,
                    "title": title_html(question.title),
                    "depth": 1 if question.parent_key else 0,
                    "lines": answer_lines(question, answers.get(question.key)),
                    "state": states.get(question.key),
                }
                for question in section_questions(qn, section.key)
            ],
        }
        for section in qn.sections
    ]
