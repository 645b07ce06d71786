"""What changed in a report between two of its versions, question by question, in words: the
question's number and title, and the answer before and after as people read it (option titles,
free texts in each language written), never raw stored values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.text import answer_value, plain, texts
from cbap.reports.entry.answers import answer_lines, label


@dataclass(frozen=True)
class AnswerChange:
    key: str
    label: str  # "12. Has your country …"
    section: str
    before: list[str]  # [] = not answered
    after: list[str]

    @property
    def kind(self) -> str:
        return "added" if not self.before else "removed" if not self.after else "changed"


def answer_changes(
    qn: Questionnaire, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[AnswerChange]:
    """The answers that differ, in questionnaire order; a change of stored shape that reads the
    same (e.g. an option saved in another of the BCH's shapes) is no change."""
    sections = {section.key: plain(section.title) for section in qn.sections}
    changes = []
    for question in qn.questions.values():
        if not question.answerable:
            continue
        old, new = before.get(question.key), after.get(question.key)
        if old == new:
            continue
        lines_before, lines_after = _lines(question, old), _lines(question, new)
        if lines_before != lines_after:
            changes.append(
                AnswerChange(
                    question.key,
                    label(question),
                    sections.get(question.section, ""),
                    lines_before,
                    lines_after,
                )
            )
    return changes


def _lines(question: Question, raw: Any) -> list[str]:
    """A free text written in several languages gives a line per language, marked."""
    if question.type not in ("option", "term", "int") and raw is not None:
        written = {lang: text for lang, text in texts(answer_value(raw)).items() if text.strip()}
        if len(written) > 1:
            return [f"({lang}) {text}" for lang, text in written.items()]
    return answer_lines(question, raw)
