"""The Django admin is for Secretariat administrators (superusers) only; what it changes is
audited."""

import pytest

from tests.accounts.conftest import admin_form_data as form_data

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


# --- every change made in the admin is audited ---------------------------------------------------


def test_a_change_in_the_admin_is_audited_with_old_and_new_values(client, admin_user, kenya_user):
    from cbap.audit.models import AuditEntry

    client.force_login(admin_user)
    url = f"/admin/accounts/user/{kenya_user.pk}/change/"
    data = form_data(client.get(url))
    data.update(email="new.kenya@example.org", full_name="Kenya's user")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    kenya_user.refresh_from_db()
    assert kenya_user.email == "new.kenya@example.org"
    entry = AuditEntry.objects.get(event="change", target_type="accounts.user")
    assert (entry.actor, entry.target_id) == (admin_user, str(kenya_user.pk))
    assert entry.details == {
        "via": "admin",
        "changes": {
            "email": {"old": "user@kenya.example.org", "new": "new.kenya@example.org"},
            "full_name": {"old": "", "new": "Kenya's user"},
        },
    }
    assert "password" not in str(entry.details)


def test_being_active_is_read_only_in_the_admin(client, admin_user, kenya_user):
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{kenya_user.pk}/change/"
    page = client.get(url)
    assert "is_active" not in page.context["adminform"].form.fields
    assert "/accounts/users/" in page.content.decode()
    data = form_data(page)
    data["is_active"] = ""  # a crafted post: ignored
    client.post(url, data)
    kenya_user.refresh_from_db()
    assert kenya_user.is_active


def test_accounts_are_never_deleted_or_added_in_the_admin(client, admin_user, kenya_user):
    client.force_login(admin_user)
    assert client.get(f"/admin/accounts/user/{kenya_user.pk}/delete/").status_code == 403
    assert client.get("/admin/accounts/user/add/").status_code == 403


def test_django_groups_are_not_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/auth/group/").status_code == 404
    assert "/admin/auth/group/" not in client.get("/admin/").content.decode()


def test_organizations_created_changed_and_deleted_in_the_admin_are_audited(client, admin_user):
    from cbap.accounts.models import Organization
    from cbap.audit.models import AuditEntry

    client.force_login(admin_user)
    data = form_data(client.get("/admin/accounts/organization/add/"))
    data.update(name="Demo partner (synthetic)", acronym="DPS")
    assert client.post("/admin/accounts/organization/add/", data).status_code == 302
    organization = Organization.objects.get(name="Demo partner (synthetic)")
    url = f"/admin/accounts/organization/{organization.pk}/"
    data = form_data(client.get(f"{url}change/"))
    data["acronym"] = "DP"
    client.post(f"{url}change/", data)
    client.post(f"{url}delete/", {"post": "yes"})
    entries = AuditEntry.objects.filter(target_type="accounts.organization").order_by("id")
    assert [e.event for e in entries] == ["create", "change", "delete"]
    assert entries[0].details["content"]["acronym"] == "DPS"
    assert entries[1].details["changes"] == {"acronym": {"old": "DPS", "new": "DP"}}
    assert entries[2].details["content"]["name"] == "Demo partner (synthetic)"


def test_the_bulk_delete_action_audits_each_object(client, admin_user, provider, other_provider):
    from cbap.audit.models import AuditEntry

    client.force_login(admin_user)
    client.post(
        "/admin/accounts/organization/",
        {
            "action": "delete_selected",
            "_selected_action": [provider.pk, other_provider.pk],
            "post": "yes",
        },
    )
    deleted = AuditEntry.objects.filter(event="delete", target_type="accounts.organization")
    assert sorted(deleted.values_list("target_label", flat=True)) == [
        "Demo provider (synthetic)",
        "Other demo provider (synthetic)",
    ]
