"""The read-only API: /api/v1/parties/ (with filters), /api/v1/parties/<code>/, /api/v1/groupings/."""

import pytest
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def test_the_list_gives_every_government_with_codes_dates_and_groupings(loaded_registry, client):
    data = client.get("/api/v1/parties/").json()
    assert len(data) == 197
    algeria = next(g for g in data if g["code"] == "DZA")
    assert {k: algeria[k] for k in ("iso3", "iso2", "m49", "name", "kind", "url")} == {
        "iso3": "DZA",
        "iso2": "DZ",
        "m49": "012",
        "name": "Algeria",
        "kind": "state",
        "url": "/parties/DZA/",
    }
    assert algeria["cartagena_party"] is True and algeria["supplementary_party"] is False
    [membership] = algeria["memberships"]
    assert membership["protocol"] == "cartagena"
    assert (
        membership["signed_on"],
        membership["deposited_on"],
        membership["entry_into_force_on"],
    ) == (
        "2000-05-25",
        "2004-08-05",
        "2004-11-03",
    )
    assert membership["date_status"] == "known"
    assert {g["code"] for g in algeria["groupings"]} == {"african_group", "developing"}


@pytest.mark.parametrize(
    "params, count",
    [
        ({"status": "cartagena"}, 173),
        ({"status": "supplementary"}, 55),
        ({"status": "supplementary", "as_of": "2019-10-01"}, 43),
        ({"status": "supplementary_unknown", "as_of": "2019-10-01"}, 11),
        ({"status": "supplementary", "as_of": "2026-02-28"}, 44),
        ({"status": "supplementary_unknown", "as_of": "2026-02-28"}, 11),
        ({"status": "supplementary_unknown", "as_of": "2026-08-01"}, 0),
        ({"status": "cartagena", "as_of": "2019-10-01"}, 171),
        ({"status": "non_party"}, 24),
        ({"region": "weog"}, 29),
        ({"grouping": "ldc"}, 44),
        ({"grouping": "ldc", "as_of": "2024-12-12"}, 45),
        ({"grouping": "ldc_2020"}, 47),
        ({"q": "united"}, 4),
    ],
)
def test_the_list_filters(loaded_registry, client, params, count):
    assert len(client.get("/api/v1/parties/", params).json()) == count


def test_the_list_gives_an_unknown_membership_as_null_never_false(loaded_registry, client):
    governments = client.get("/api/v1/parties/", {"as_of": "2026-02-28"}).json()
    status = {g["code"]: g["supplementary_party"] for g in governments}
    assert list(status.values()).count(True) == 44
    unknown = {code for code, party in status.items() if party is None}
    assert unknown == {"BEL", "COL", "HRV", "FRA", "ITA", "MWI", "MLT", "NGA", "PER", "PRK", "UKR"}


def test_a_bad_filter_is_a_400_naming_it(loaded_registry, client):
    response = client.get("/api/v1/parties/", {"as_of": "2019-13-01", "status": "maybe"})
    assert response.status_code == 400
    assert set(response.json()) == {"as_of", "status"}


def test_one_government_on_a_date(loaded_registry, client):
    belgium = client.get("/api/v1/parties/BEL/", {"as_of": "2019-10-01"}).json()
    assert belgium["as_of"] == "2019-10-01"
    assert belgium["cartagena_party"] is True
    assert belgium["supplementary_party"] is None  # no date: unknown, neither yes nor no
    supplementary = next(m for m in belgium["memberships"] if m["protocol"] == "supplementary")
    assert (supplementary["date_status"], supplementary["entry_into_force_on"]) == ("unknown", None)
    assert supplementary["not_before"] == "2019-02-01"
    early = client.get("/api/v1/parties/BEL/", {"as_of": "2019-01-31"}).json()
    assert early["supplementary_party"] is False  # the sources rule it out
    assert client.get("/api/v1/parties/BEL/").json()["supplementary_party"] is True
    austria = client.get("/api/v1/parties/AUT/", {"as_of": "2019-10-01"}).json()
    assert austria["supplementary_party"] is False  # dated now: in force from 2021-08-18
    assert client.get("/api/v1/parties/EU/").json()["kind"] == "reio"
    assert client.get("/api/v1/parties/XYZ/").status_code == 404


def test_codes_are_accepted_in_any_case(loaded_registry, client):
    assert client.get("/api/v1/parties/ken/").json()["code"] == "KEN"
    assert client.get("/api/v1/parties/Eu/").json()["code"] == "EU"
    assert client.get("/api/v1/groupings/EIT/").json()["code"] == "eit"
    assert client.get("/api/v1/parties/xyz/").status_code == 404


def test_groupings_list_their_members_on_a_date(loaded_registry, client):
    groupings = {g["code"]: g for g in client.get("/api/v1/groupings/").json()}
    assert len(groupings["ldc"]["members"]) == 44
    assert (
        "TUR" in groupings["weog"]["members"]
        and "TUR" in groupings["asia_pacific_group"]["members"]
    )
    assert groupings["eit"]["members"] == []
    assert "approximation of the CBD's five regions" in groupings["grulac"]["description"]
    old = client.get("/api/v1/groupings/ldc/", {"as_of": "2024-12-12"}).json()
    assert "STP" in old["members"]
    regions = client.get("/api/v1/groupings/", {"kind": "region"}).json()
    assert [g["code"] for g in regions] == [
        "african_group",
        "asia_pacific_group",
        "eastern_european_group",
        "grulac",
        "weog",
    ]


def test_the_schema_documents_the_filters(db):
    # Only this app's routes, so the test does not depend on the other apps' serializers.
    generator = SchemaGenerator(patterns=[path("api/v1/", include("cbap.parties.api.urls"))])
    schema = generator.get_schema(request=None, public=True)
    parameters = {p["name"] for p in schema["paths"]["/api/v1/parties/"]["get"]["parameters"]}
    assert {"as_of", "q", "region", "grouping", "status"} <= parameters
    assert "/api/v1/groupings/{code}/" in schema["paths"]


def test_the_list_costs_a_fixed_number_of_queries(
    loaded_registry, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):  # with the data version of the page cache
        client.get("/api/v1/parties/")
