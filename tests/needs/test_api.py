"""The API of self-assessments, offers and requests for support: the public reads the published
ones (never a confidential line's content), writers create and change them through the shared
record API."""

from django.urls import reverse

from cbap.needs.models import Offer
from tests.needs.conftest import new_offer, validated


def test_the_public_reads_published_self_assessments_without_confidential_lines(
    client, kenya_needs
):
    rows = client.get("/api/v1/self-assessments/").json()["results"]
    [row] = rows
    assert (row["id"], row["party"], row["status"]) == (kenya_needs.pk, "KEN", "published")
    assert row["lines"]["A.8.2"]["level"] == "high"
    assert row["lines"]["A.5.4"] == {"confidential": True}
    detail = client.get(f"/api/v1/self-assessments/{kenya_needs.pk}/").json()
    assert detail["lines"]["A.5.4"] == {"confidential": True}


def test_offers_are_listed_when_published_and_created_by_their_owner(
    client, plan, provider, editor, analyst
):
    validated(new_offer(editor, organization=provider), editor, analyst)
    new_offer(editor, organization=provider, title="Demo draft (synthetic)")
    titles = [row["title"] for row in client.get("/api/v1/offers/").json()["results"]]
    assert titles == ["Demo course on LMO detection (synthetic)"]
    client.force_login(editor)
    response = client.post(
        "/api/v1/offers/",
        {
            "organization": provider.pk,
            "title": "Demo API offer (synthetic)",
            "key_areas": ["A.5.1"],
            "kinds": ["experts"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert Offer.objects.get(title="Demo API offer (synthetic)").status == "draft"
    refused = client.post(
        "/api/v1/offers/",
        {"organization": provider.pk, "title": "Bad", "key_areas": ["Z.1"], "kinds": ["experts"]},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "key_areas" in refused.json()


def test_the_schema_documents_them(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    for path in ("self-assessments", "offers", "support-requests"):
        assert f"/api/v1/{path}/" in schema["paths"]


def test_requests_are_created_for_the_partys_needs_and_listed_when_published(
    client, kenya_needs, kenya_focal_point, brazil_focal_point
):
    client.force_login(kenya_focal_point)
    asked = {"party": "KEN", "title": "Detection training (synthetic)", "key_areas": ["A.8.2"]}
    response = client.post("/api/v1/support-requests/", asked, content_type="application/json")
    assert response.status_code == 201, response.json()
    refused = client.post(
        "/api/v1/support-requests/",
        {**asked, "key_areas": ["A.1.1"]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "rate it low, medium or high there first" in str(refused.json()["key_areas"])
    client.force_login(brazil_focal_point)  # another Party writes nothing of Kenya's
    other = client.post("/api/v1/support-requests/", asked, content_type="application/json")
    assert other.status_code == 403
    client.logout()
    assert client.get("/api/v1/support-requests/").json()["results"] == []  # a draft
