"""What the needs and the matches measure: the self-assessments beside B.1.a (a Party assessed
its needs), A.1.a (its population) and A.3.a (needs on national reporting); the support
delivered through matches beside B.1.b (received) and B.1.c, B.2.d (given). Read through the
indicators' records sources, in the fifth cycle's window, as the public sees them."""

from datetime import date

import pytest

from cbap.indicators import definitions
from cbap.indicators.records import records_facts
from cbap.needs import services
from tests.activities.conftest import new_activity
from tests.activities.conftest import published as published_record
from tests.needs.conftest import new_offer, published, started

NR5 = date(2026, 2, 28)


def beside(code: str):
    """The selection beside the fifth report's value of an indicator."""
    return definitions.definitions()[code].source_for(5).beside.record_selectors()[0]


def counted(code: str) -> frozenset[str]:
    selector = beside(code)
    return records_facts(NR5, [selector]).selections[selector.key].parties


def assessed(party, actor, day: str, lines: dict):
    assessment = started(party, actor)
    assessment.assessed_on = date.fromisoformat(day)
    assessment.lines = lines
    assessment.save()
    return published(assessment, actor)


@pytest.fixture
def parties(kenya, brazil):
    """Kenya and Brazil as Parties to the Cartagena Protocol: the indicators' population."""
    from cbap.core.dataversion import data_changed
    from cbap.parties.models import ProtocolMembership

    for government, day in ((kenya, date(2003, 9, 11)), (brazil, date(2004, 2, 22))):
        ProtocolMembership.objects.create(
            government=government, protocol="cartagena", entry_into_force_on=day
        )
    data_changed()


@pytest.fixture
def kenya_assessed(plan, kenya, kenya_focal_point):
    """Kenya's self-assessment of mid-2025: a training need on legal measures (A.1.1), no need
    on preparing its national report (A.3.2), a confidential high need on A.5.4."""
    return assessed(
        kenya,
        kenya_focal_point,
        "2025-06-01",
        {
            "A.1.1": {"level": "high", "rank": 1, "kinds": ["training"]},
            "A.3.2": {"level": "none"},
            "A.5.4": {"level": "high", "confidential": True},
        },
    )


def test_a_published_self_assessment_in_the_window_counts_its_party(kenya_assessed):
    assert counted("B.1.a") == {"KEN"}  # it assessed its needs
    assert counted("A.1.a") == {"KEN"}  # a training need on legal measures
    assert counted("A.3.a") == {"KEN"}  # "none" on its national report is a need identified


def test_what_a_self_assessment_does_not_say_does_not_count(plan, kenya, kenya_focal_point):
    assessed(
        kenya,
        kenya_focal_point,
        "2025-06-01",
        {
            "A.1.1": {"level": "high", "kinds": ["funding"]},  # not training
            "A.3.2": {"level": "not_assessed"},
            "A.5.4": {"level": "high", "confidential": True},
        },
    )
    assert counted("B.1.a") == {"KEN"}
    assert counted("A.1.a") == set()
    assert counted("A.3.a") == set()


def test_a_confidential_line_is_never_counted(plan, kenya, kenya_focal_point):
    assessed(
        kenya,
        kenya_focal_point,
        "2025-06-01",
        {"A.1.1": {"level": "high", "kinds": ["training"], "confidential": True}},
    )
    assert counted("A.1.a") == set() and counted("B.1.a") == set()


def test_only_the_newest_self_assessment_in_the_window_counts(
    kenya_assessed, kenya, kenya_focal_point
):
    # A later one, in the window, without the training need: it replaces the first.
    assessed(kenya, kenya_focal_point, "2026-01-15", {"A.1.1": {"level": "none"}})
    assert counted("A.1.a") == set() and counted("B.1.a") == {"KEN"}
    # One after the deadline belongs to the next cycle: the one of January still counts.
    assessed(kenya, kenya_focal_point, "2026-06-01", {"A.1.1": {"level": "high"}})
    assert counted("A.1.a") == set() and counted("B.1.a") == {"KEN"}


def test_a_draft_counts_for_nobody(plan, kenya, kenya_focal_point):
    draft = started(kenya, kenya_focal_point)
    draft.assessed_on = date(2025, 6, 1)
    draft.lines = {"A.1.1": {"level": "high", "kinds": ["training"]}}
    draft.save()
    assert counted("B.1.a") == set()


@pytest.fixture
def brazils_offer(plan, brazil, brazil_focal_point):
    """Brazil's national offer of training on legal measures."""
    offer = new_offer(brazil_focal_point, party=brazil, key_areas=["A.1.1"], kinds=["training"])
    return published(offer, brazil_focal_point)


def delivered(assessment, offer, party_actor, provider_actor, activity, *, outcome=None):
    match = services.match_propose(
        assessment=assessment, key_area="A.1.1", offer=offer, actor=party_actor
    )
    match = services.match_accept(match=match, actor=provider_actor)
    match = services.match_start(match=match, actor=provider_actor)
    match = services.match_deliver(match=match, actor=provider_actor, activity=activity)
    if outcome:
        match = services.match_close(match=match, actor=party_actor, outcome=outcome)
    return match


def brazils_activity(brazil, brazil_focal_point, **changes):
    activity = new_activity(brazil_focal_point, party=brazil, countries=["KEN"], **changes)
    return published_record(activity, brazil_focal_point)


def test_support_delivered_counts_for_who_received_it_and_who_gave_it(
    regions, kenya_assessed, brazils_offer, brazil, kenya_focal_point, brazil_focal_point
):
    activity = brazils_activity(brazil, brazil_focal_point)  # March 2024: in the window
    assert counted("B.1.b") == set()
    delivered(kenya_assessed, brazils_offer, kenya_focal_point, brazil_focal_point, activity)
    assert counted("B.1.b") == {"KEN"}  # received
    assert counted("B.1.c") == {"BRA"} and counted("B.2.d") == {"BRA"}  # gave
    facts = records_facts(NR5, definitions.definitions()["B.1.b"].source_for(5).record_selectors())
    main, met = definitions.definitions()["B.1.b"].source_for(5).record_selectors()
    assert facts.selections[met.key].parties == set()  # not closed yet
    assert facts.recorded["matches"] == {"KEN"}


def test_a_need_met_is_counted_beside_and_the_records_behind_link_the_activity(
    client,
    cycles,
    parties,
    regions,
    kenya_assessed,
    brazils_offer,
    brazil,
    kenya_focal_point,
    brazil_focal_point,
):
    activity = brazils_activity(brazil, brazil_focal_point)
    delivered(
        kenya_assessed,
        brazils_offer,
        kenya_focal_point,
        brazil_focal_point,
        activity,
        outcome="met",
    )
    main, met = definitions.definitions()["B.1.b"].source_for(5).record_selectors()
    facts = records_facts(NR5, [main, met])
    assert facts.selections[met.key].parties == {"KEN"}
    html = client.get("/indicators/B.1.b/").content.decode()
    assert "support delivered through matches" in html
    assert "A Party counts when it received support through a match" in html
    assert f'href="/activities/{activity.pk}/"' in html  # the activity that delivered it
    assert "need met" in html


def test_support_counts_only_when_its_activity_took_place_in_the_window(
    regions, kenya_assessed, brazils_offer, brazil, kenya_focal_point, brazil_focal_point
):
    later = brazils_activity(
        brazil, brazil_focal_point, start_date="2026-05-04", end_date="2026-05-08"
    )
    delivered(kenya_assessed, brazils_offer, kenya_focal_point, brazil_focal_point, later)
    selector = beside("B.1.b")
    selection = records_facts(NR5, [selector]).selections[selector.key]
    assert (selection.records, selection.parties) == (0, frozenset())


def test_the_indicator_page_shows_the_self_assessments_beside_the_report(
    client, cycles, parties, kenya_assessed
):
    html = client.get("/indicators/B.1.a/").content.decode()
    assert "needs of self-assessments" in html
    assert "A Party counts when its newest published self-assessment dated between" in html
    assert "Level of need includes something other than “Not assessed”" in html
    assert f'href="/needs/assessments/{kenya_assessed.pk}/"' in html
