"""Conditions in plain words, with the questionnaire's option titles."""

import json
from pathlib import Path

import pytest

from cbap.bch.questionnaire import questionnaire_from_json
from cbap.engine.definitions import Source
from cbap.indicators import wording

BCH = Path(__file__).resolve().parents[2] / "cbap" / "bch" / "data" / "bch"
NR5 = questionnaire_from_json(json.loads((BCH / "nr5-questions.json").read_text()), cycle=5)


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
            {"member_of": "supplementary_protocol_parties"},
            "the government is a Party to the Supplementary Protocol on the deadline",
        ),
    ],
)
def test_a_condition_reads_as_a_sentence(condition, words):
    assert wording.describe(condition, NR5) == words


def test_a_sum_reads_band_by_band():
    source = Source(
        fit="proxy",
        rationale="r",
        sum_of=("Q076", "Q146"),
        bands={
            "Q076": {"0": (0, 0), "1+": (1, 4), "10+": (10, None)},
            "Q146": {"5+": (5, 9)},
        },
    )
    assert wording.describe_sum(source, NR5, "cases") == (
        "the cases of Q076 (“None” 0, “1 to 4” 1–4, “10 or more” 10 or more) plus "
        "Q146 (“5 to 9” 5–9), for the Parties that answered all of them"
    )


def test_a_sub_question_is_titled_with_its_parent():
    title = wording.full_title(NR5, "Q070_a")
    assert title.endswith("— Risk assessment") and len(title) > 30
    assert wording.full_title(NR5, "Q999") == "Q999"
    assert wording.option_title(NR5, "Q011", "maybe") == "maybe"
