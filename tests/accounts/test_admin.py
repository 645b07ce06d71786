"""The Django admin is for Secretariat administrators (superusers) only."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_public_is_sent_to_the_sites_sign_in_page(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"


def test_the_admin_has_no_sign_in_form_of_its_own(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response["Location"] == "/accounts/login/?next=/admin/accounts/user/"


@pytest.mark.parametrize("who", ["kenya_focal_point", "analyst", "editor"])
def test_everyone_else_gets_403(client, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_a_secretariat_administrator_opens_the_admin(client, admin_user, kenya_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    page = client.get(f"/admin/accounts/user/{kenya_user.pk}/change/").content.decode()
    assert "National authorized user" in page


def test_an_inactive_superuser_cannot(client, admin_user):
    admin_user.is_active = False
    admin_user.save()
    client.force_login(admin_user)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"


@pytest.mark.parametrize("model", ["user", "organization", "apitoken"])
def test_the_accounts_admin_pages_open(client, admin_user, kenya_user, provider, model):
    from cbap.accounts.services import token_issue

    token_issue(actor=kenya_user, user=kenya_user, name="script")
    client.force_login(admin_user)
    assert client.get(f"/admin/accounts/{model}/").status_code == 200
    assert client.get(f"/admin/accounts/{model}/1/change/").status_code in (200, 302)
