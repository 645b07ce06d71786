"""Normalising the BCH answer shapes (no Django)."""

import pytest

from cbap.bch.answers import Answer, normalize
from cbap.bch.problems import AnswerShapeError
from tests.bch.questionnaires import (
    APPROVED_WITH_CONDITIONS,
    NR3,
    NR5,
    OTHER_AREA,
    PROHIBITED,
    RISK_MANAGEMENT,
)


@pytest.mark.parametrize(
    ("questionnaire", "key", "raw", "answer"),
    [
        # single choice
        (NR5, "Q010", {"value": "true"}, Answer(values=("true",))),
        (NR5, "Q010", {"identifier": "true"}, Answer(values=("true",))),
        (NR5, "Q010", "true", Answer(values=("true",))),
        (NR5, "Q010", [{"value": "true"}], Answer(values=("true",))),
        (NR5, "Q009", {"value": "true.some", "additionalInformation": {"en": "Some"}},
         Answer(values=("true.some",), with_text=frozenset({"true.some"}), text="Some")),
        (NR5, "Q009", {"value": "true.some", "additionalInformation": {"en": ""}},
         Answer(values=("true.some",))),
        (NR5, "Q009", {"value": "true.some", "additionalInformation": "Plain"},
         Answer(values=("true.some",), with_text=frozenset({"true.some"}), text="Plain")),
        # multiple choice and terms
        (NR5, "Q008", [{"value": "instrument.nationalBiosafetyLaws"},
                       {"identifier": "instrument.biosafetyGuidelines"}, "instrument.indirectLaws"],
         Answer(values=("instrument.nationalBiosafetyLaws", "instrument.biosafetyGuidelines",
                        "instrument.indirectLaws"))),
        (NR5, "Q119", [{"value": RISK_MANAGEMENT},
                       {"value": OTHER_AREA, "additionalInformation": {"fr": "Autre", "en": "Other"}}],
         Answer(values=(RISK_MANAGEMENT, OTHER_AREA), with_text=frozenset({OTHER_AREA}),
                text="Other")),
        (NR5, "Q027", [{"value": APPROVED_WITH_CONDITIONS, "additionalInformation": 60},
                       {"value": PROHIBITED, "additionalInformation": 0}],
         Answer(values=(APPROVED_WITH_CONDITIONS, PROHIBITED),
                with_text=frozenset({APPROVED_WITH_CONDITIONS}))),
        # free text
        (NR5, "Q008_a", {"value": {"en": "The Biosafety Act"}}, Answer(text="The Biosafety Act")),
        (NR5, "Q008_a", {"value": {"fr": "La loi", "en": "The Act"}}, Answer(text="The Act")),
        (NR5, "Q008_a", {"value": {"es": "La ley"}}, Answer(text="La ley")),
        (NR5, "Q008_a", {"en": "Bare multilingual"}, Answer(text="Bare multilingual")),
        (NR5, "Q175", {"value": {"en": "<p>Rich</p>"}}, Answer(text="<p>Rich</p>")),
        (NR3, "Q013", "Older free text", Answer(text="Older free text")),
        (NR3, "Q013", {"value": "Older free text"}, Answer(text="Older free text")),
        # numbers
        (NR5, "Q026_adq", {"value": 4}, Answer(number=4)),
        (NR5, "Q026_adq", 4, Answer(number=4)),
        (NR5, "Q026_adq", {"value": 0}, Answer(number=0)),
    ],
)  # fmt: skip
def test_it_normalises_every_answer_shape(questionnaire, key, raw, answer):
    assert normalize(questionnaire.questions[key], raw) == answer


@pytest.mark.parametrize(
    ("key", "raw"),
    [("Q010", None), ("Q010", ""), ("Q010", {}), ("Q010", {"value": ""}), ("Q008", []),
     ("Q008_a", {"value": None}), ("Q008_a", {"value": {"en": "  "}}), ("Q026_adq", {"value": None})],
)  # fmt: skip
def test_it_normalises_an_empty_answer_to_no_answer(key, raw):
    assert normalize(NR5.questions[key], raw) is None


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("Q010", [{"value": "true"}, {"value": "false"}], "single-choice question, but 2"),
        ("Q010", 1, "an option must be given as"),
        ("Q008", {"value": "instrument.none"}, "must be a list"),
        ("Q026_adq", {"value": "4"}, "expects a whole number"),
        ("Q026_adq", "4", "expects a whole number"),
        ("Q026_adq", {"value": 2.5}, "expects a whole number"),
        ("Q008_a", {"value": {"en": 5}}, "expects multilingual text"),
        ("Q008_a", [{"value": "x"}], "expects multilingual text"),
        ("Q008_a", "Plain text", "plain string: 'Plain text'"),
        ("Q008_a", {"value": "Plain text"}, "plain string"),
        ("Q175", {"value": "<p>Rich</p>"}, "plain string"),
        (
            "Q027",
            [{"value": APPROVED_WITH_CONDITIONS, "additionalInformation": "sixty"}],
            "takes a whole number",
        ),
    ],
)
def test_it_refuses_to_normalise_an_answer_of_the_wrong_shape(key, raw, message):
    with pytest.raises(AnswerShapeError, match=message):
        normalize(NR5.questions[key], raw)


def test_it_keeps_unknown_options_when_normalising_and_drops_text_where_none_is_taken():
    raw = [{"value": "instrument.mystery"},
           {"value": "instrument.nationalBiosafetyLaws", "additionalInformation": {"en": "x"}}]  # fmt: skip
    assert normalize(NR5.questions["Q008"], raw) == Answer(
        values=("instrument.mystery", "instrument.nationalBiosafetyLaws")
    )
