"""The API of activities and resources: the public list with the page's filters, and writes
through the same services (owners, rights, versions)."""

from cbap.activities.models import Activity
from tests.activities.conftest import activity_data


def test_the_list_holds_published_activities_filtered_like_the_page(
    client, kenya_activity, provider_activity
):
    everything = client.get("/api/v1/activities/").json()
    assert everything["count"] == 2
    kenya = client.get("/api/v1/activities/?owner=national").json()
    assert [row["id"] for row in kenya["results"]] == [kenya_activity.pk]
    assert kenya["results"][0]["party"] == "KEN"
    assert kenya["results"][0]["content"]["plan_codes"] == ["A.8.i"]
    assert client.get("/api/v1/activities/?q=workshop&country=KEN").json()["count"] == 1


def test_a_focal_point_creates_and_publishes_through_the_api(
    client, plan, regions, kenya, kenya_focal_point
):
    client.force_login(kenya_focal_point)
    created = client.post(
        "/api/v1/activities/", {"party": "KEN", **activity_data()}, content_type="application/json"
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    published = client.post(
        f"/api/v1/activities/{pk}/publish/", {"version": 1}, content_type="application/json"
    )
    assert published.status_code == 200
    assert client.get("/api/v1/activities/").json()["count"] == 1


def test_bad_content_is_refused_naming_the_field(client, plan, regions, kenya, kenya_focal_point):
    client.force_login(kenya_focal_point)
    refused = client.post(
        "/api/v1/activities/",
        {"party": "KEN", **activity_data(plan_codes=["Z.1"])},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "plan_codes" in refused.json()
    assert not Activity.objects.exists()


def test_nobody_writes_for_another_party(client, plan, regions, kenya, brazil_focal_point):
    client.force_login(brazil_focal_point)
    refused = client.post(
        "/api/v1/activities/", {"party": "KEN", **activity_data()}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert not Activity.objects.exists()


def test_a_stale_edit_is_a_conflict(client, kenya_activity, kenya_focal_point):
    client.force_login(kenya_focal_point)
    url = f"/api/v1/activities/{kenya_activity.pk}/"
    first = client.patch(
        url,
        {"programme": "Demo programme (synthetic)"},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{kenya_activity.version}"',
    )
    assert first.status_code == 200
    stale = client.patch(
        url,
        {"programme": "Other (synthetic)"},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{kenya_activity.version}"',
    )
    assert stale.status_code == 409
    assert "programme" in stale.json()["changes"]
