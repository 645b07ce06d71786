"""The faceted lists: alternatives within a facet, all facets together, counts that say what
choosing a value would give, words, and what has been done for a plan code or a country."""

from cbap.activities import selectors
from tests.activities.conftest import new_activity, new_resource, published


def test_values_of_one_facet_are_alternatives_and_facets_all_hold(
    kenya_activity, provider_activity, brazil_focal_point, brazil
):
    brazil_activity = published(
        new_activity(brazil_focal_point, party=brazil, countries=["BRA"], plan_codes=["A.5.ii"]),
        brazil_focal_point,
    )
    either = selectors.matching("activity", {"country": ["KEN", "BRA"]})
    assert {listing.record_id for listing in selectors.listings_of(either)} == {
        kenya_activity.pk,
        provider_activity.pk,
        brazil_activity.pk,
    }
    both = selectors.matching("activity", {"country": ["KEN", "BRA"], "goal": ["A.5"]})
    assert {listing.record_id for listing in selectors.listings_of(both)} == {
        provider_activity.pk,
        brazil_activity.pk,
    }


def test_a_facet_counts_what_choosing_each_of_its_values_would_give(
    kenya_activity, provider_activity
):
    found = selectors.listing_search(kind="activity", chosen={"goal": ["A.8"]})
    assert found.total == 1
    goals = {
        v.value: (v.count, v.chosen)
        for v in next(g for g in found.facets if g.name == "goal").values
    }
    # The goal facet ignores its own choice: A.5 would give the provider's activity.
    assert goals == {"A.8": (1, True), "A.5": (1, False)}
    owners = {v.value: v.count for v in next(g for g in found.facets if g.name == "owner").values}
    assert owners == {"national": 1}


def test_every_word_of_the_query_must_occur(kenya_activity, provider_activity):
    assert selectors.listing_search(kind="activity", chosen={}, query="REGIONAL risk").total == 1
    assert (
        selectors.listing_search(kind="activity", chosen={}, query="regional detection").total == 0
    )
    # The owner's name is searchable too.
    assert selectors.listing_search(kind="activity", chosen={}, query="kenya").total == 1


def test_what_has_been_done_counts_published_activities_and_resources(
    kenya_activity, kenya, kenya_focal_point
):
    published(new_resource(kenya_focal_point, party=kenya, plan_codes=["A.8.1"]), kenya_focal_point)
    new_resource(kenya_focal_point, party=kenya, plan_codes=["A.8.1"])  # a draft: not counted
    done = selectors.done("goal", "A.8")
    assert (done.activities, done.resources) == (1, 1)
    assert done.latest_activities[0].record_id == kenya_activity.pk
    counts = selectors.counts_by_code("A.8")
    assert counts["A.8.i"] == {"activity": 1}
    assert counts["A.8.1"] == {"resource": 1}
    assert counts["A.8"] == {"activity": 1, "resource": 1}
    assert selectors.done("country", "KEN").activities == 1
    assert selectors.done("country", "BRA").activities == 0


def test_the_map_counts_every_country_of_the_regional_groups(kenya_activity, provider_activity):
    rows = {(region, country): n for region, country, n in selectors.country_counts()}
    assert rows == {("african_group", "KEN"): 2, ("grulac", "BRA"): 0}
