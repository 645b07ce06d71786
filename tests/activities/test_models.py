"""An activity or resource is checked by its own rules, whoever writes it."""

import pytest
from django.core.exceptions import ValidationError

from cbap.activities import selectors
from cbap.activities.models import Facet, Listing
from cbap.records import services
from tests.activities.conftest import new_activity, new_resource


def test_a_published_activity_is_indexed_with_its_plan_codes_and_countries(kenya_activity):
    listing = Listing.objects.get(kind="activity", record_id=kenya_activity.pk)
    facets = set(Facet.objects.filter(listing=listing).values_list("name", "value"))
    assert {("goal", "A.8"), ("plan_activity", "A.8.i"), ("country", "KEN")} <= facets
    assert {("year", "2024"), ("owner", "national"), ("status", "completed")} <= facets


def test_a_regional_activity_counts_for_each_country_of_its_region(
    provider_activity, kenya_activity
):
    listing = Listing.objects.get(kind="activity", record_id=provider_activity.pk)
    facets = set(Facet.objects.filter(listing=listing).values_list("name", "value"))
    assert ("region", "african_group") in facets
    assert {("key_area", "A.5.1"), ("funder_type", "40"), ("owner", "reference")} <= facets
    # The search spreads the region over its countries, and a country's record over its region.
    in_kenya = selectors.matching("activity", {"country": ["KEN"]})
    assert len(in_kenya) == 2
    assert selectors.matching("activity", {"country": ["BRA"]}) == []
    assert len(selectors.matching("activity", {"region": ["african_group"]})) == 2


def test_a_withdrawn_activity_leaves_the_index(kenya_activity, kenya_focal_point):
    services.record_transition(
        record=kenya_activity, actor=kenya_focal_point, action="withdraw", message="Duplicate."
    )
    assert not Listing.objects.filter(record_id=kenya_activity.pk).exists()


def test_a_draft_is_not_indexed(plan, regions, kenya, kenya_user):
    draft = new_activity(kenya_user, party=kenya)
    assert not Listing.objects.filter(kind="activity", record_id=draft.pk).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"plan_codes": ["A.99.x"]}, "plan_codes"),
        ({"countries": ["XXX"]}, "countries"),
        ({"end_date": "2024-01-01"}, "end_date"),
        ({"title": {"en": ""}}, "title"),
        ({"title": {"xx": "Text"}}, "title"),
        ({"categories": ["party"]}, "categories"),
        ({"participants": 3, "participants_by_sex": {"women": 2, "men": 2}}, "participants_by_sex"),
        ({"participants_by_sex": {"female": 2}}, "participants_by_sex"),
        ({"budget": "100.00", "currency": "dollars"}, "currency"),
        ({"organizations": [{"role": "donor", "name": "X"}]}, "organizations"),
        ({"articles": ["41"]}, "articles"),
        ({"outputs": [999999]}, "outputs"),
        ({"activity_status": "ongoing", "start_date": None, "end_date": None}, "start_date"),
    ],
)
def test_an_activity_that_breaks_a_rule_is_refused_naming_the_field(
    plan, regions, kenya, kenya_user, changes, field
):
    with pytest.raises(ValidationError) as refused:
        new_activity(kenya_user, party=kenya, **changes)
    assert field in refused.value.message_dict


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"publication_date": "May 2024"}, "publication_date"),
        ({"links": [], "files": []}, "links"),
        ({"resource_types": []}, "resource_types"),
        ({"languages": ["English"]}, "languages"),
        ({"summary": {}}, "summary"),
    ],
)
def test_a_resource_that_breaks_a_rule_is_refused_naming_the_field(
    plan, regions, kenya, kenya_user, changes, field
):
    with pytest.raises(ValidationError) as refused:
        new_resource(kenya_user, party=kenya, **changes)
    assert field in refused.value.message_dict


def test_the_index_writes_every_facet_the_indicators_may_name(
    kenya_activity, provider_activity, kenya, kenya_focal_point
):
    from cbap.engine.records import FACETS
    from tests.activities.conftest import new_resource, published

    published(
        new_resource(kenya_focal_point, party=kenya, plan_codes=["A.8.1", "A.8.ii"]),
        kenya_focal_point,
    )
    written = {
        kind: set(Facet.objects.filter(listing__kind=kind).values_list("name", flat=True))
        for kind in ("activity", "resource")
    }
    # The fixtures name no actor, area or funding type; the index writes them when named.
    assert FACETS["activities"] - written["activity"] <= {"actor", "cb_area", "funding"}
    assert FACETS["resources"] - written["resource"] <= {"cb_area", "organization"}
