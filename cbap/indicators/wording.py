"""Indicator definitions in plain words: conditions as sentences, questions with their titles.

Plain Python over the engine's definitions and the questionnaire (no Django), so a page, an
export and a test all get the same sentence.
"""

from __future__ import annotations

from collections.abc import Mapping

from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.text import plain_option_title
from cbap.engine.definitions import Source

POPULATION_WORDS = {
    "cartagena_parties": "a Party to the Cartagena Protocol on the deadline",
    "supplementary_protocol_parties": "a Party to the Supplementary Protocol on the deadline",
}


def question_title(question: Question | None, key: str) -> str:
    """A sub-question's title with its parent's ("Number of people trained … — Risk
    assessment"), without HTML; the key alone when the questionnaire does not know it."""
    if question is None:
        return key
    return question.plain_title.rstrip(":").strip() or key


def full_title(questionnaire: Questionnaire, key: str) -> str:
    question = questionnaire.questions.get(key)
    title = question_title(question, key)
    if question is not None and question.parent_key:
        parent = questionnaire.questions.get(question.parent_key)
        if parent is not None and parent.plain_title:
            return f"{question_title(parent, parent.key)} — {title}"
    return title


def option_title(questionnaire: Questionnaire, key: str, value: str) -> str:
    question = questionnaire.questions.get(key)
    option = question.option(value) if question else None
    return plain_option_title(option.title) if option and option.title else value


def describe(condition: Mapping, questionnaire: Questionnaire) -> str:
    """The condition as one English sentence naming question keys and option titles."""
    return _describe(condition, questionnaire, top=True)


def describe_sum(source: Source, questionnaire: Questionnaire, unit: str) -> str:
    """What a sum adds up, band by band: "the {unit} of Q076 (“None” 0, “1 to 4” 1–4, …) plus
    …"; a Party must answer every question to count."""
    parts = []
    for key in source.sum_of:
        bands = source.bands.get(key)
        if not bands:
            parts.append(f"the number given in {key}")
            continue
        spans = ", ".join(
            f"“{option_title(questionnaire, key, value)}” "
            + (f"{low} or more" if high is None else str(low) if low == high else f"{low}–{high}")
            for value, (low, high) in bands.items()
        )
        parts.append(f"{key} ({spans})")
    return f"the {unit} of {' plus '.join(parts)}, for the Parties that answered all of them"


def _describe(condition: Mapping, qn: Questionnaire, *, top: bool = False) -> str:
    if "q" in condition:
        return _leaf(condition, qn)
    ((operator, argument),) = condition.items()
    if operator in ("all", "any"):
        joiner = " and " if operator == "all" else " or "
        parts = [_describe(child, qn) for child in argument]
        sentence = joiner.join(parts)
        return sentence if top or len(parts) == 1 else f"({sentence})"
    if operator == "not":
        return f"not ({_describe(argument, qn, top=True)})"
    if operator == "member_of":
        return f"the government is {POPULATION_WORDS.get(argument, argument)}"
    raise ValueError(f"unknown operator {operator!r}")


def _leaf(condition: Mapping, qn: Questionnaire) -> str:
    key = condition["q"]
    question = qn.questions.get(key)
    multiple = bool(question and question.multiple)
    if "answered" in condition:
        return f"{key} is answered"
    if "min" in condition:
        return f"{key} is at least {condition['min']}"
    values = condition.get("in") or condition.get("not_in") or condition.get("text_on")
    titles = " or ".join(f"“{option_title(qn, key, value)}”" for value in values)
    if "in" in condition:
        return f"{key} {'includes' if multiple else 'is'} {titles}"
    if "not_in" in condition:
        return f"{key} {'includes none of' if multiple else 'is not'} {titles}"
    return f"{key} is {titles} with an explanation given"
