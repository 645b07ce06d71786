"""Conditions in plain words, with the questionnaire's option titles."""

import json
from datetime import date
from pathlib import Path

import pytest

from cbap.bch.questionnaire import questionnaire_from_json
from cbap.indicators import wording

BCH = Path(__file__).resolve().parents[2] / "cbap" / "bch" / "data" / "bch"
NR5 = questionnaire_from_json(json.loads((BCH / "nr5-questions.json").read_text()), cycle=5)
DEADLINE = date(2026, 2, 28)


@pytest.mark.parametrize(
    "condition, words",
    [
        ({"q": "Q011", "in": ["true"]}, "Q011 is “Yes”"),
        ({"q": "Q118", "in": ["true", "true.some"]}, "Q118 is “Yes” or “Yes, to some extent”"),
        (
            {"q": "Q119", "in": ["AF59E45F-3AC2-4F71-889C-B42E83F75A8A"]},
            "Q119 includes “Information exchange and data management, including participation "
            "in the Biosafety Clearing-House”",
        ),
        ({"q": "Q011", "not_in": ["true"]}, "Q011 is not “Yes”"),
        ({"q": "Q011", "answered": True}, "Q011 is answered"),
        ({"q": "Q026_adq", "min": 2}, "Q026_adq is at least 2"),
        (
            {"q": "Q118", "text_on": ["true.some"]},
            "Q118 is “Yes, to some extent” with an explanation given",
        ),
        (
            {"all": [{"q": "Q011", "in": ["true"]}, {"q": "Q012_adq", "in": ["true"]}]},
            "Q011 is “Yes” and Q012_adq is “Yes”",
        ),
        (
            {
                "any": [
                    {"all": [{"q": "Q011", "in": ["true"]}, {"q": "Q012_adq", "in": ["true"]}]},
                    {"q": "Q010", "in": ["true"]},
                ]
            },
            "(Q011 is “Yes” and Q012_adq is “Yes”) or Q010 is “Yes”",
        ),
        ({"not": {"q": "Q011", "in": ["true"]}}, "not (Q011 is “Yes”)"),
        (
            {"submitted_by_deadline": True},
            "the report was submitted on or before the deadline (2026-02-28)",
        ),
        (
            {"member_of": "supplementary_protocol_parties"},
            "the government is a Party to the Supplementary Protocol on the deadline",
        ),
    ],
)
def test_a_condition_reads_as_a_sentence(condition, words):
    assert wording.describe(condition, NR5, deadline=DEADLINE) == words


def test_a_sub_question_is_titled_with_its_parent():
    title = wording.full_title(NR5, "Q070_a")
    assert title.endswith("— Risk assessment") and len(title) > 30
    assert wording.full_title(NR5, "Q999") == "Q999"
    assert wording.option_title(NR5, "Q011", "maybe") == "maybe"
