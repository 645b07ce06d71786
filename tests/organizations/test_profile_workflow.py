"""An organization's editor writes its profile and submits it; the Secretariat validates it
before publication: through the services, the web pages and the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cbap.accounts.models import ApiToken
from cbap.accounts.permissions import SYSTEM
from cbap.audit.models import AuditEntry
from cbap.organizations.models import OrganizationProfile
from cbap.records import selectors, services
from tests.organizations.conftest import new_profile, profile_data

pytestmark = pytest.mark.django_db

JSON = "application/json"


def form_data(profile=None, **changes) -> dict:
    data = {
        **profile_data(),
        "emails": "provider@example.org",
        "phones": "",
        "websites": "",
        "address": "",
        "city": "",
        **changes,
    }
    if profile is not None:
        data["version"] = profile.version
    return data


def test_the_editor_writes_and_submits_the_secretariat_publishes(provider_draft, editor, analyst):
    with pytest.raises(PermissionDenied):
        services.record_transition(record=provider_draft, actor=editor, action="publish")
    submitted = services.record_transition(
        record=provider_draft, actor=editor, action="submit", message="Please validate."
    )
    published = services.record_transition(record=submitted, actor=analyst, action="publish")
    assert (published.status, published.published_version) == ("published", 3)
    assert [e.event for e in AuditEntry.objects.order_by("id")] == ["create", "submit", "publish"]
    assert [r.author for r in selectors.record_history(published)] == [analyst, editor, editor]


def test_the_secretariat_returns_a_profile_with_a_reason(provider_draft, editor, analyst):
    services.record_transition(record=provider_draft, actor=editor, action="submit")
    returned = services.record_transition(
        record=provider_draft, actor=analyst, action="return", message="Add a website."
    )
    assert returned.status == "draft"


def test_an_organization_has_one_profile(provider, provider_draft, editor):
    with pytest.raises(ValidationError):
        new_profile(provider, editor)


def test_the_country_must_be_in_the_registry(provider, editor):
    with pytest.raises(ValidationError) as error:
        new_profile(provider, editor, country="XYZ")
    assert "country" in error.value.message_dict


def test_another_organizations_editor_may_not_create_its_profile(provider, other_editor):
    with pytest.raises(PermissionDenied):
        new_profile(provider, other_editor)


# --- web -----------------------------------------------------------------------------------------


def test_the_public_sees_published_profiles_only(client, provider_published, other_provider):
    other = new_profile(other_provider, SYSTEM, name="Hidden draft (synthetic)")
    html = client.get("/organizations/").content.decode()
    assert "Demo provider (synthetic)" in html and "Hidden draft" not in html
    assert client.get(f"/organizations/{provider_published.pk}/").status_code == 200
    assert client.get(f"/organizations/{other.pk}/").status_code == 404


def test_the_editor_creates_the_profile_from_the_organization_page(client, provider, editor):
    client.force_login(editor)
    html = client.get("/organizations/").content.decode()
    assert f"/organizations/new/?organization={provider.pk}" in html
    page = client.get(f"/organizations/new/?organization={provider.pk}")
    assert page.status_code == 200
    assert 'value="Demo provider (synthetic)"' in page.content.decode()  # from the organization
    response = client.post("/organizations/new/", {**form_data(), "organization": provider.pk})
    assert response.status_code == 302
    profile = OrganizationProfile.objects.get()
    assert (profile.owner_organization, profile.status, profile.country) == (
        provider,
        "draft",
        "KEN",
    )


def test_the_editor_edits_and_submits_but_sees_no_publish_step(client, provider_draft, editor):
    client.force_login(editor)
    edit = f"/organizations/{provider_draft.pk}/edit/"
    assert client.post(edit, form_data(provider_draft, city="Nairobi")).status_code == 302
    detail = client.get(f"/organizations/{provider_draft.pk}/").content.decode()
    assert "Submit for publication…" in detail and "Publish…" not in detail
    assert "the Secretariat validates it before publication" in detail
    step = f"/records/organizations.organizationprofile/{provider_draft.pk}"
    assert client.post(f"{step}/publish/", {"version": 2}).status_code == 403
    assert client.post(f"{step}/submit/", {"version": 2}).status_code == 302
    provider_draft.refresh_from_db()
    assert (provider_draft.status, provider_draft.city) == ("submitted", "Nairobi")


def test_the_analyst_publishes_from_the_profile_page(client, provider_draft, editor, analyst):
    services.record_transition(record=provider_draft, actor=editor, action="submit")
    client.force_login(analyst)
    detail = client.get(f"/organizations/{provider_draft.pk}/").content.decode()
    assert "Publish…" in detail and "Return to draft…" in detail
    assert f"/organizations/{provider_draft.pk}/edit/" not in detail
    step = f"/records/organizations.organizationprofile/{provider_draft.pk}/publish/"
    assert client.post(step, {"version": 2}).status_code == 302
    client.logout()
    assert "Demo provider (synthetic)" in client.get("/organizations/").content.decode()


def test_a_stale_edit_is_a_409_with_the_merge(client, provider_draft, editor, secretariat_admin):
    services.record_update(
        record=provider_draft,
        actor=secretariat_admin,
        data={"acronym": "NEW"},
        expected_version=1,
    )
    client.force_login(editor)
    response = client.post(
        f"/organizations/{provider_draft.pk}/edit/", form_data(provider_draft, city="Nairobi")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'value="NEW"' in html and 'value="Nairobi"' in html
    assert "Changed by both of you" not in html


def test_the_history_page_works_for_profiles(client, provider_published, editor):
    client.force_login(editor)
    url = f"/records/organizations.organizationprofile/{provider_published.pk}/history/"
    html = client.get(url).content.decode()
    assert 'id="revision-3"' in html and "The public sees revision 3." in html


def test_demo_organizations_are_labelled(client, provider_published, provider):
    provider.is_demo = True
    provider.save()
    assert "demo data (synthetic)" in client.get("/organizations/").content.decode()
    detail = client.get(f"/organizations/{provider_published.pk}/").content.decode()
    assert "demo data (synthetic)" in detail
    assert client.get(f"/api/v1/organizations/{provider_published.pk}/").json()["is_demo"]


def test_the_list_page_queries_do_not_grow_with_profiles(
    client, kenya, django_assert_max_num_queries
):
    from cbap.accounts.models import Organization

    for number in range(5):
        organization = Organization.objects.create(name=f"Demo {number} (synthetic)")
        profile = new_profile(organization, SYSTEM, name=f"Demo {number} (synthetic)")
        services.record_transition(record=profile, actor=SYSTEM, action="publish")
    with django_assert_max_num_queries(4):
        assert (
            client.get("/organizations/").content.decode().count('class="card" id="profile-') == 5
        )


# --- API -----------------------------------------------------------------------------------------


@pytest.fixture
def api(client, editor):
    _, key = ApiToken.issue(editor, "tests", 30)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    return client


def test_the_editor_creates_and_submits_through_the_api(api, provider):
    body = {**profile_data(country="ken"), "organization": provider.pk}
    response = api.post("/api/v1/organizations/", body, content_type=JSON)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["country"], created["status"], created["version"]) == ("KEN", "draft", 1)
    url = f"/api/v1/organizations/{created['id']}/"
    assert api.post(f"{url}publish/", HTTP_IF_MATCH='"1"').status_code == 403
    assert api.post(f"{url}submit/", HTTP_IF_MATCH='"1"').json()["status"] == "submitted"


def test_the_api_list_filters_and_refuses_unknown_values(client, provider_published, brazil):
    assert client.get("/api/v1/organizations/").json()["count"] == 1
    assert client.get("/api/v1/organizations/", {"country": "bra"}).json()["count"] == 0
    response = client.get("/api/v1/organizations/", {"status": "bogus", "country": "XXX"})
    assert response.status_code == 400
    assert set(response.json()) == {"status", "country"}


def test_the_schema_documents_the_organizations_api(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/organizations/{id}/publish/" in schema
