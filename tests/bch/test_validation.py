"""Validating a report's answers against its questionnaire (no Django)."""

import copy

import pytest

from cbap.bch.rules import answer_states, question_states
from cbap.bch.validation import validate
from tests.bch.questionnaires import (
    NR5,
    yes,
)


def kinds(problems):
    return {(p.question, p.value, p.kind) for p in problems}


def test_it_reports_every_problem_at_once():
    answers = {
        "Q999": {"value": "true"},  # unknown question
        "Q025": {"value": "true"},  # a sub-section heading
        "Q007": {"value": "implementation.perhaps"},  # unknown option
        "Q010": [{"value": "true"}, {"value": "false"}],  # several answers, single choice
        "Q026_adq": "four",  # a string for an int
        "Q008": [
            {"value": "instrument.none"},  # exclusive option combined with others
            {"value": "instrument.biosafetyGuidelines", "additionalInformation": {"en": "x"}},
        ],  # ... and text on an option that takes none
        "Q011": {"value": "false"},
        "Q012": {"value": "1+"},  # disabled by Q011 = No
    }
    problems = validate(NR5, answers, require_mandatory=True)
    assert kinds(problems) >= {
        ("Q999", None, "unknown_question"),
        ("Q025", None, "not_a_question"),
        ("Q007", "implementation.perhaps", "unknown_option"),
        ("Q010", None, "several_answers"),
        ("Q026_adq", None, "wrong_shape"),
        ("Q008", "instrument.none", "exclusive_option"),
        ("Q008", "instrument.biosafetyGuidelines", "text_not_allowed"),
        ("Q012", None, "not_applicable"),
        ("Q009", None, "mandatory_missing"),
    }
    assert problems[-1].question == "Q999"  # unknown keys come last
    assert all(p.reason.endswith(".") and p.reason[0] in "“Q" for p in problems)
    assert not any(p.question in ("Q012", "Q012_adq") and p.kind == "mandatory_missing"
                   for p in problems)  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "expected", "words"),
    [
        ({"Q999": yes()}, ("Q999", None, "unknown_question"),
         ["“Q999” is not a question of the 5th national report (cpbNationalReport5)"]),
        ({"legend55-68": yes()}, ("legend55-68", None, "not_a_question"), ["is a legend"]),
        ({"Q007": yes("implementation.perhaps")},
         ("Q007", "implementation.perhaps", "unknown_option"),
         ["“implementation.perhaps” is not an option of Q007", "national measures"]),
        ({"Q010": [yes("true"), yes("false")]}, ("Q010", None, "several_answers"),
         ["is a single-choice question, but 2 options were given", "“Yes” (true)", "“No” (false)"]),
        ({"Q026_adq": "4"}, ("Q026_adq", None, "wrong_shape"), ["expects a whole number"]),
        ({"Q008_a": "The Biosafety Act"}, ("Q008_a", None, "wrong_shape"),
         ["Q008_a (“", "expects multilingual text", "plain string: 'The Biosafety Act'"]),
        ({"Q175": {"value": "<p>Rich</p>"}}, ("Q175", None, "wrong_shape"),
         ["Q175 (“", "plain string: {'value': '<p>Rich</p>'}"]),
        ({"Q008": [yes("instrument.none"), yes("instrument.indirectLaws")]},
         ("Q008", "instrument.none", "exclusive_option"),
         ["“No instruments are in place”", "excludes every other option",
          "“Other laws, regulations or guidelines that indirectly apply to biosafety”"]),
        ({"Q008": [yes("instrument.indirectLaws"), yes("instrument.indirectLaws")]},
         ("Q008", "instrument.indirectLaws", "duplicate_option"), ["more than once"]),
        ({"Q010": {"value": "true", "additionalInformation": {"en": "Plenty"}}},
         ("Q010", "true", "text_not_allowed"), ["option “Yes” (true) does not take free text"]),
        ({"Q010": yes("false"), "Q010_adq": yes("true")},
         ("Q010_adq", None, "not_applicable"),
         ["Q010_adq (“Are these resources adequate:”) is hidden by the answer to Q010",
          "must be left unanswered"]),
        ({"Q011": yes("false"), "Q012_adq": yes("true")},
         ("Q012_adq", None, "not_applicable"), ["hidden because Q012", "does not apply"]),
        ({"Q022": yes("false"), "Q025_a": yes("true")},
         ("Q025_a", None, "not_applicable"), ["is disabled by the answer to Q022"]),
    ],
)  # fmt: skip
def test_it_explains_each_kind_of_problem(answers, expected, words):
    problems = validate(NR5, answers, require_mandatory=False)
    assert kinds(problems) == {expected}
    for word in words:
        assert word in problems[0].reason


def test_it_requires_mandatory_answers_only_when_asked():
    assert validate(NR5, {}, require_mandatory=False) == []
    missing = {p.question for p in validate(NR5, {}, require_mandatory=True)}
    mandatory = {q.key for q in NR5.answerable if q.mandatory}
    assert missing == mandatory
    assert all(
        p.reason.endswith("is mandatory but was not answered.")
        for p in validate(NR5, {}, require_mandatory=True)
    )


@pytest.mark.parametrize(
    ("answers", "required", "excused"),
    [
        ({"Q011": yes("true")}, {"Q012"}, set()),
        ({"Q011": yes("false")}, set(), {"Q012", "Q012_adq"}),
        ({"Q022": yes("true")}, {"Q023", "Q024", "Q025_a", "Q025_b"}, set()),
        ({"Q022": yes("false")}, set(), {"Q023", "Q024", "Q025_a", "Q025_b"}),
        ({"Q070_a": yes("0")}, {"Q070_b_adq"}, {"Q070_a_adq"}),
        ({"Q118": yes("false")}, set(), {"Q119", "Q120"}),
    ],
)
def test_it_requires_mandatory_questions_only_where_they_apply(answers, required, excused):
    missing = {p.question for p in validate(NR5, answers, require_mandatory=True)
               if p.kind == "mandatory_missing"}  # fmt: skip
    assert required <= missing
    assert not excused & missing


def test_it_accepts_a_complete_consistent_report():
    answers = {q.key: _first_answer(q) for q in NR5.answerable if q.mandatory}
    # Choose the first option everywhere, then drop what the rules make not applicable.
    states = answer_states(NR5, answers)
    answers = {k: v for k, v in answers.items() if states[k] != "not_applicable"}
    assert validate(NR5, answers, require_mandatory=True) == []


def _first_answer(question):
    if question.type in ("option", "term"):
        first = {"value": question.options[0].value}
        return [first] if question.multiple else first
    if question.type == "int":
        return {"value": 1}
    return {"value": {"en": "Text"}}


def test_it_does_not_mutate_the_answers_it_validates():
    answers = {"Q011": yes("false"), "Q012": yes("1+"), "Q008": [yes("instrument.none")]}
    before = copy.deepcopy(answers)
    validate(NR5, answers, require_mandatory=True)
    question_states(NR5, answers)
    assert answers == before


def test_a_free_text_longer_than_the_limit_is_refused_in_every_language_and_option():
    from cbap.bch.problems import MAX_TEXT

    at_limit, over = "x" * MAX_TEXT, "x" * (MAX_TEXT + 1)
    assert validate(NR5, {"Q013": {"value": {"en": at_limit}}}, require_mandatory=False) == []
    problems = validate(
        NR5,
        {
            "Q013": {"value": {"en": "short", "fr": over}},
            "Q016": {"value": "true.some", "additionalInformation": {"en": over}},
        },
        require_mandatory=False,
    )
    assert kinds(problems) == {("Q013", None, "too_long"), ("Q016", "true.some", "too_long")}
    assert f"{MAX_TEXT + 1:,} characters long" in problems[0].reason


def test_a_free_text_holding_a_nul_character_is_refused():
    problems = validate(
        NR5,
        {
            "Q013": {"value": {"en": "Act\x00 2009"}},
            "Q016": {"value": "true.some", "additionalInformation": {"fr": "\x00"}},
        },
        require_mandatory=False,
    )
    assert kinds(problems) == {("Q013", None, "wrong_shape"), ("Q016", "true.some", "wrong_shape")}
    assert "NUL character" in problems[0].reason
