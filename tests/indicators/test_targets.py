"""An indicator's targets, data of its plan version with their source, on its page and in the
API with the progress toward them; without one, the page says none is set."""

import pytest

from cbap.plan.models import IndicatorTarget, PlanVersion
from tests.indicators.conftest import YES_ADEQUATE, publish

NO = {**YES_ADEQUATE, "Q012_adq": {"value": "false"}}
NR4_YES = {"Q018": {"value": "true"}, "Q019_adq": {"value": "true"}}
NR4_NO = {"Q018": {"value": "true"}, "Q019_adq": {"value": "false"}}


@pytest.fixture
def reported(world, cycles):
    """A.1.b: 1 of 3 at baseline (33.3 %), 2 of 3 at midterm (66.7 %)."""
    for code, nr4, nr5 in (("KEN", NR4_NO, YES_ADEQUATE), ("BRA", NR4_YES, YES_ADEQUATE)):
        publish(cycles[4], world[code], nr4)
        publish(cycles[5], world[code], nr5)
    publish(cycles[4], world["DEU"], NR4_NO)
    publish(cycles[5], world["DEU"], NO)
    return world


def test_without_a_target_the_page_says_none_is_set(client, reported):
    html = client.get("/indicators/A.1.b/").content.decode()
    assert "No target is set for 2030: the plan version gives none" in html
    assert client.get("/api/v1/indicators/A.1.b/").json()["targets"] == []


def test_a_target_shows_the_distance_covered_and_where_the_pace_leads(client, reported):
    IndicatorTarget.objects.create(
        version=PlanVersion.current(),
        indicator_code="A.1.b",
        year=2030,
        value=100,
        source="Hypothetical decision CP-99/1 (test)",
    )
    [target] = client.get("/api/v1/indicators/A.1.b/").json()["targets"]
    # 33.3 → 66.7 over 2,342 days; 1,767 more to the end of 2030: 91.8, short of 100
    assert target["covered"] == pytest.approx(0.5, abs=0.01)
    assert target["projected"] == pytest.approx(91.8, abs=0.1)
    assert (target["on_track"], target["source"]) == (False, "Hypothetical decision CP-99/1 (test)")
    html = client.get("/indicators/A.1.b/").content.decode()
    assert "Target for 2030: 100 (Hypothetical decision CP-99/1 (test))." in html
    assert "50 % of the distance from the baseline to the target was covered" in html
    assert "would be 91.8 by the end of 2030" in html and "not on track" in html
