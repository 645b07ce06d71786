"""What the person sees beside their answers: the Party's answer in the previous cycle to the
question mapped to this one (`Baseline`), and what changed between two versions of a report
(`AnswerChange`: when a save meets someone else's, on the page of a report's changes and
before publishing)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.text import answer_value, plain, texts
from cbap.reports.entry.answers import answer_lines, chosen, label, with_info


@dataclass(frozen=True)
class Baseline:
    """A Party's answer in the previous cycle to the question mapped to this one."""

    previous_key: str
    lines: list[str]
    equivalent: bool
    caution: str
    cycle: int

    @property
    def report_name(self) -> str:
        n = self.cycle
        names = {
            1: _("1st national report"),
            2: _("2nd national report"),
            3: _("3rd national report"),
            4: _("4th national report"),
            5: _("5th national report"),
            6: _("6th national report"),
            7: _("7th national report"),
            8: _("8th national report"),
            9: _("9th national report"),
        }
        if n in names:
            return names[n]
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} national report"


def baselines(
    qn: Questionnaire,
    previous_qn: Questionnaire | None,
    previous_answers: Mapping[str, Any],
    mappings: Iterable,
) -> dict[str, Baseline]:
    """{key: Baseline} for the questions of `qn` mapped (QuestionMapping rows, or anything
    with key, previous_key, value_mapping, equivalent, caution) to an answered question of the
    previous cycle. Option values go through `value_mapping`, then to the titles of this
    cycle's options; the previous cycle's titles are the fallback."""
    result = {}
    for mapping in mappings:
        question = qn.questions.get(mapping.key)
        raw = previous_answers.get(mapping.previous_key)
        if question is None or not question.answerable or raw is None:
            continue
        lines = answer_lines(question, raw, mapping.value_mapping or {})
        if previous_qn is not None and question.type in ("option", "term"):
            old = previous_qn.questions.get(mapping.previous_key)
            if old is not None:
                lines = [
                    _title_either(question, old, v, info, mapping.value_mapping or {})
                    for v, info in chosen(old, raw).items()
                ]
        if lines:
            result[mapping.key] = Baseline(
                previous_key=mapping.previous_key,
                lines=lines,
                equivalent=mapping.equivalent,
                caution=mapping.caution,
                cycle=previous_qn.cycle if previous_qn else qn.cycle - 1,
            )
    return result


def _title_either(question: Question, old: Question, value: str, info: str, mapping) -> str:
    option = question.option(mapping.get(value, value)) or old.option(value)
    return with_info(plain(option.title) if option else value, info)


@dataclass(frozen=True)
class AnswerChange:
    """A question whose answer differs between two versions of a report, in words: the
    question's number and title, and the answer before and after as people read it."""

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
    """The questions whose answers differ between two versions of a report, in order; a change
    of stored shape that reads the same (an option saved in another of the BCH's shapes) is no
    change."""
    sections = {section.key: plain(section.title) for section in qn.sections}
    changes = []
    for key, question in qn.questions.items():
        if not question.answerable or before.get(key) == after.get(key):
            continue
        lines_before, lines_after = (
            _lines(question, before.get(key)),
            _lines(question, after.get(key)),
        )
        if lines_before != lines_after:
            changes.append(
                AnswerChange(
                    key=key,
                    label=label(question),
                    section=sections.get(question.section, ""),
                    before=lines_before,
                    after=lines_after,
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


def changes_meanwhile(
    qn: Questionnaire,
    base: Mapping[str, Any],
    now: Mapping[str, Any],
    yours: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """What someone else changed since the version the person started from (`base` → `now`),
    each with the person's own answer beside it, for a save refused as a conflict."""
    return [
        {
            "label": change.label,
            "before": change.before,
            "now": change.after,
            "yours": answer_lines(qn.questions[change.key], yours.get(change.key)),
        }
        for change in answer_changes(qn, base, now)
    ]
