"""A new self-assessment starts from what the Party already said: its previous self-assessment,
else its newest national report's needs questions carried to key areas by the reviewed table,
each line saying where it came from."""

from cbap.needs import selectors
from cbap.needs.models import SelfAssessment
from tests.needs.conftest import (
    DETECTION,
    RISK_MANAGEMENT,
    TECHNOLOGY_TRANSFER,
    published,
    report,
    started,
    still_needed,
)


def test_the_areas_a_report_names_are_carried_to_key_areas_with_their_reasons(kenya_nr5, kenya):
    start = selectors.prefill(kenya)
    assert len(start.lines) == 41
    # a report says that an area needs capacity-building, not how much
    assert {line["level"] for line in start.lines.values()} == {"not_assessed"}
    assert set(start.sources) == {"A.5.2", "A.8.1", "A.8.2", "A.8.3", ""}
    [risk] = start.sources["A.5.2"]
    assert (risk["cycle"], risk["question"], risk["cb_area"]) == (5, "Q123", RISK_MANAGEMENT)
    assert risk["cb_area_title"] == "Risk management" and risk["fit"] == "direct"
    assert "regulating, managing and controlling" in risk["rationale"]
    assert [s["cb_area"] for s in start.sources["A.8.2"]] == [DETECTION]
    [transfer] = start.sources[""]  # no key area takes it: shown, not carried
    assert transfer["cb_area"] == TECHNOLOGY_TRANSFER and transfer["fit"] == "none"


def test_a_report_saying_no_needs_remain_rates_every_key_area_none(plan, cycles, kenya):
    report(cycles[5], kenya, {"Q122": {"value": "false"}})
    start = selectors.prefill(kenya)
    assert {line["level"] for line in start.lines.values()} == {"none"}
    assert start.sources == {
        "*": [
            {
                "source": "report",
                "cycle": 5,
                "report": start.sources["*"][0]["report"],
                "question": "Q122",
                "answer": "no",
            }
        ]
    }


def test_without_a_fifth_report_the_fourth_is_read(plan, cycles, kenya):
    report(cycles[4], kenya, still_needed("Q134", "Q135", RISK_MANAGEMENT))
    start = selectors.prefill(kenya)
    assert [(s["cycle"], s["question"]) for s in start.sources["A.5.2"]] == [(4, "Q135")]


def test_a_party_that_said_nothing_starts_with_nothing_assessed(plan, cycles, kenya):
    start = selectors.prefill(kenya)
    assert {line["level"] for line in start.lines.values()} == {"not_assessed"}
    assert start.sources == {}


def test_the_previous_self_assessment_comes_first(kenya_nr5, kenya, kenya_focal_point):
    first = started(kenya, kenya_focal_point)
    first.lines["A.5.2"] = {"level": "high", "rank": 1, "kinds": ["training"]}
    first.save()
    published(first, kenya_focal_point)
    second = started(kenya, kenya_focal_point)
    assert second.lines["A.5.2"] == {"level": "high", "rank": 1, "kinds": ["training"]}
    sources = second.sources["A.5.2"]
    assert sources[0]["source"] == "self_assessment" and sources[0]["record"] == first.pk
    assert sources[1]["question"] == "Q123"  # the report's word stays beside it
    assert SelfAssessment.objects.filter(owner_party=kenya).count() == 2
