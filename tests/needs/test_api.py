"""The API of self-assessments and offers: the public reads the published ones (never a
confidential line's content), writers create and change them through the shared record API."""

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


def test_the_schema_documents_both(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    assert "/api/v1/self-assessments/" in schema["paths"] and "/api/v1/offers/" in schema["paths"]
