"""Validating a report's answers against its questionnaire: every problem at once, in question
order, each with a reason a person can act on::

    validate(nr5, {"Q010": {"value": "maybe"}}, require_mandatory=False)
    # [Problem(question='Q010', value='maybe',
    #          reason='“maybe” is not an option of Q010 (“Does your country have resources …”).')]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cbap.bch.answers import Answer, is_blank, read_answer
from cbap.bch.problems import (
    MANDATORY_MISSING,
    NOT_A_QUESTION,
    NOT_APPLICABLE,
    UNKNOWN_QUESTION,
    Problem,
)
from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.rules import RuleWalk, walk_rules

__all__ = ["validate"]


def validate(
    questionnaire: Questionnaire, answers: Mapping[str, Any], *, require_mandatory: bool
) -> list[Problem]:
    """Every problem of a report's answers (raw BCH shapes keyed by question key), never only
    the first: unknown questions, answers to sub-section headings or legends, wrong shapes,
    several answers to a single-choice question, unknown or repeated options, an exclusive
    option combined with others, free text on an option that takes none, answers to questions
    that the rules make not applicable, and (with `require_mandatory`) mandatory questions left
    unanswered although they apply. Problems come in question order, unknown keys last."""
    per_key: dict[str, list[Problem]] = {}
    unknown: list[Problem] = []
    parsed: dict[str, Answer] = {}
    for key, raw in answers.items():
        question = questionnaire.questions.get(key)
        if question is None:
            unknown.append(
                Problem(
                    key,
                    None,
                    f"“{key}” is not a question of the {_ordinal(questionnaire.cycle)} national "
                    f"report ({questionnaire.schema}).",
                    UNKNOWN_QUESTION,
                )
            )
            continue
        if not question.answerable:
            if not is_blank(raw):
                what = "a sub-section heading" if question.type == "sub-section" else "a legend"
                per_key.setdefault(key, []).append(
                    Problem(
                        key,
                        None,
                        f"{question.describe()} is {what}, not a question; it cannot be answered.",
                        NOT_A_QUESTION,
                    )
                )
            continue
        answer, problems = read_answer(question, raw)
        if problems:
            per_key.setdefault(key, []).extend(problems)
        if answer is not None:
            parsed[key] = answer

    walk = walk_rules(questionnaire, parsed)
    for question in questionnaire.answerable:
        key = question.key
        if not walk.applicable(key):
            if key in parsed:
                per_key.setdefault(key, []).append(
                    Problem(key, None, _not_applicable_reason(walk, question), NOT_APPLICABLE)
                )
        elif require_mandatory and question.mandatory and key not in parsed:
            per_key.setdefault(key, []).append(
                Problem(
                    key,
                    None,
                    f"{question.describe()} is mandatory but was not answered.",
                    MANDATORY_MISSING,
                )
            )
    ordered = [p for key in questionnaire.questions for p in per_key.get(key, ())]
    return ordered + unknown


def _not_applicable_reason(walk: RuleWalk, question: Question) -> str:
    state = walk.state(question.key)
    how = "hidden" if not state.visible else "disabled"
    rule = walk.why(question.key)
    if rule is None:
        because = ""
    else:
        source = walk.qn.questions[rule.source_key]
        if walk.applicable(source.key):
            because = f" by the answer to {source.describe()}"
        else:
            because = f" because {source.describe()} does not apply"
    return f"{question.describe()} is {how}{because}, so it must be left unanswered."


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
