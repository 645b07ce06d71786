"""How far each section of a report is filled in, for the report's overview page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from cbap.bch.questionnaire import Questionnaire
from cbap.bch.rules import ANSWERED, NOT_APPLICABLE, answer_states
from cbap.reports.entry.answers import section_keys
from cbap.reports.entry.markup import title_html


@dataclass(frozen=True)
class SectionProgress:
    key: str
    title: SafeString
    answered: int
    applicable: int
    mandatory_missing: int

    @property
    def complete(self) -> bool:
        return self.answered == self.applicable


def progress(qn: Questionnaire, answers: Mapping[str, Any]) -> list[SectionProgress]:
    """For every section: how many applicable questions are answered, and how many mandatory
    ones are still missing."""
    states = answer_states(qn, answers)
    result = []
    for section in qn.sections:
        keys = section_keys(qn, section.key)
        applicable = [k for k in keys if states[k] != NOT_APPLICABLE]
        answered = [k for k in applicable if states[k] == ANSWERED]
        missing = [k for k in applicable if qn.questions[k].mandatory and states[k] != ANSWERED]
        result.append(
            SectionProgress(
                key=section.key,
                title=title_html(section.title),
                answered=len(answered),
                applicable=len(applicable),
                mandatory_missing=len(missing),
            )
        )
    return result
