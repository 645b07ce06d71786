"""/accounts/me/ and the API of the signed-in person: identity, roles, API tokens."""

import re

import pytest

from cbap.accounts.models import ApiToken
from cbap.accounts.services import token_issue
from cbap.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_me_needs_signing_in(client):
    response = client.get("/accounts/me/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/me/"


def test_me_shows_who_i_am_and_my_roles(client, kenya_focal_point):
    client.force_login(kenya_focal_point)
    html = client.get("/accounts/me/").content.decode()
    assert "nfp@kenya.example.org" in html and "National focal point of Kenya" in html
    assert 'href="/accounts/users/"' in html  # a focal point manages users


def test_a_person_without_a_role_is_told_so(client, db):
    from tests.personas import person

    client.force_login(person("reader@example.org"))
    html = client.get("/accounts/me/").content.decode()
    assert "No role" in html and 'href="/accounts/users/"' not in html


def test_a_new_token_is_shown_once_and_works_with_the_api(client, kenya_user):
    client.force_login(kenya_user)
    response = client.post("/accounts/me/tokens/", {"name": "NR5 script"})
    assert response.status_code == 201
    [key] = re.findall(r'<code class="code">([^<]+)</code>', response.content.decode())
    assert key not in client.get("/accounts/me/").content.decode()
    token = ApiToken.objects.get(user=kenya_user)
    assert token.name == "NR5 script" and key.startswith(token.prefix) and key not in token.digest
    entry = AuditEntry.objects.get(event="token_issued")
    assert entry.actor == kenya_user and entry.details["prefix"] == token.prefix
    assert key not in str(entry.details)

    client.logout()
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["email"] == kenya_user.email


def test_a_token_needs_a_name(client, kenya_user):
    client.force_login(kenya_user)
    assert client.post("/accounts/me/tokens/", {"name": " "}).status_code == 400
    assert not ApiToken.objects.exists()


def test_a_revoked_token_no_longer_works(client, kenya_user):
    token, key = token_issue(actor=kenya_user, user=kenya_user, name="old script")
    client.force_login(kenya_user)
    response = client.post(f"/accounts/me/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.get(event="token_revoked").details["name"] == "old script"
    client.logout()
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401


def test_nobody_revokes_another_persons_token_from_their_page(client, kenya_user, brazil_user):
    token, _ = token_issue(actor=brazil_user, user=brazil_user, name="theirs")
    client.force_login(kenya_user)
    assert client.post(f"/accounts/me/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# --- the API ---------------------------------------------------------------------------------


@pytest.fixture
def api(client, kenya_focal_point):
    _, key = token_issue(actor=kenya_focal_point, user=kenya_focal_point, name="tests")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    return client


def test_the_api_says_who_i_am_and_my_roles(api):
    body = api.get("/api/v1/me/").json()
    assert body["email"] == "nfp@kenya.example.org"
    assert body["is_secretariat"] is False
    [role] = body["roles"]
    assert (role["role"], role["label"], role["party"], role["organization"]) == (
        "national_focal_point",
        "National focal point of Kenya",
        "KEN",
        None,
    )


def test_the_api_refuses_the_public(client, db):
    assert client.get("/api/v1/me/").status_code in (401, 403)
    assert client.get("/api/v1/me/tokens/").status_code in (401, 403)


def test_the_api_lists_my_tokens_without_their_keys(api, kenya_focal_point):
    [token] = api.get("/api/v1/me/tokens/").json()
    assert token["name"] == "tests" and "key" not in token and "digest" not in token


def test_a_session_creates_a_token_through_the_api_and_gets_its_key_once(client, kenya_user):
    client.force_login(kenya_user)
    response = client.post(
        "/api/v1/me/tokens/", {"name": "via API"}, content_type="application/json"
    )
    assert response.status_code == 201
    key = response.json()["key"]
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert "key" not in client.get(f"/api/v1/me/tokens/{response.json()['id']}/").json()


def test_a_token_cannot_make_more_tokens(api):
    response = api.post("/api/v1/me/tokens/", {"name": "more"}, content_type="application/json")
    assert response.status_code == 403
    assert ApiToken.objects.count() == 1


def test_the_api_revokes_my_token_and_it_stops_working(api):
    [token] = api.get("/api/v1/me/tokens/").json()
    assert api.delete(f"/api/v1/me/tokens/{token['id']}/").status_code == 204
    assert api.get("/api/v1/me/").status_code == 401
    assert AuditEntry.objects.filter(event="token_revoked").count() == 1


def test_the_api_keeps_other_peoples_tokens_hidden(api, kenya_user):
    theirs, _ = token_issue(actor=kenya_user, user=kenya_user, name="theirs")
    assert api.get(f"/api/v1/me/tokens/{theirs.pk}/").status_code == 404
    assert api.delete(f"/api/v1/me/tokens/{theirs.pk}/").status_code == 404


def test_the_schema_documents_the_accounts_api(client, db):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/me/" in schema and "/api/v1/me/tokens/{id}/" in schema
