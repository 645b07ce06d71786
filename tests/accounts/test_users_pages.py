"""Managing people on the web: the Secretariat administrator manages everyone, a national focal
point the national authorized users of their own Party; every change is audited."""

import re

import pytest

from cbap.accounts.models import RoleAssignment, User
from cbap.audit.models import AuditEntry
from tests.personas import person

pytestmark = pytest.mark.django_db


def roles_of(user) -> set[str]:
    return {a.label for a in RoleAssignment.objects.filter(user=user)}


@pytest.mark.parametrize("who", ["kenya_user", "analyst", "editor"])
def test_people_who_manage_nobody_get_403(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/accounts/users/").status_code == 403
    assert client.get("/accounts/users/add/").status_code == 403


def test_the_public_is_sent_to_sign_in(client, db):
    assert client.get("/accounts/users/")["Location"].startswith("/accounts/login/")


def test_the_administrator_lists_everyone(client, admin_user, kenya_user, brazil_user, editor):
    client.force_login(admin_user)
    html = client.get("/accounts/users/").content.decode()
    for user in (admin_user, kenya_user, brazil_user, editor):
        assert user.email in html
    assert "Organization editor of Demo provider (synthetic)" in html


def test_the_users_list_takes_a_fixed_number_of_queries(
    client, admin_user, kenya, django_assert_max_num_queries
):
    for n in range(20):
        person(f"user{n}@kenya.example.org", "national_user", party=kenya)
    client.force_login(admin_user)
    with django_assert_max_num_queries(8):
        assert client.get("/accounts/users/").status_code == 200


def test_a_focal_point_lists_only_the_people_of_their_party(
    client, kenya_focal_point, kenya_user, brazil_user, editor
):
    client.force_login(kenya_focal_point)
    html = client.get("/accounts/users/").content.decode()
    assert kenya_user.email in html and kenya_focal_point.email in html
    assert brazil_user.email not in html and editor.email not in html


def add(client, email, party, **fields):
    return client.post(
        "/accounts/users/add/",
        {"email": email, "role": "national_user", "party": party.pk, **fields},
        follow=True,
    )


def test_a_focal_point_adds_a_national_user_who_chooses_a_password_by_e_mail(
    client, kenya, kenya_focal_point
):
    from django.core import mail

    client.force_login(kenya_focal_point)
    form = client.get("/accounts/users/add/").content.decode()
    assert "National authorized user" in form and "National focal point" not in form
    add(client, "New.Person@kenya.example.org", kenya, full_name="New Person")
    new = User.objects.get(email="new.person@kenya.example.org")
    assert not new.has_usable_password()  # nobody but its holder ever knows it
    assert roles_of(new) == {"National authorized user of Kenya"}
    changes = AuditEntry.objects.filter(event="permission_change", target_id=str(new.pk))
    assert {e.details["change"] for e in changes} == {"account created", "role granted"}
    assert all(e.actor == kenya_focal_point for e in changes)
    (message,) = mail.outbox
    assert message.to == ["new.person@kenya.example.org"]
    assert "National authorized user of Kenya" in message.subject
    [link] = re.findall(r"http://testserver(/accounts/password/reset/\S+)", message.body)
    client.logout()
    form = client.get(link, follow=True)
    assert "Choose a password" in form.content.decode()
    chosen = "a brand new long password"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": chosen, "new_password2": chosen},
        follow=True,
    )
    assert "Password saved" in done.content.decode()
    assert client.login(username=new.email, password=chosen)


def test_adding_an_address_reads_the_same_whether_or_not_it_has_an_account(
    client, kenya, kenya_focal_point, brazil_user
):
    from django.core import mail

    client.force_login(kenya_focal_point)
    existing = add(client, brazil_user.email, kenya)
    new = add(client, "someone.new@example.org", kenya)

    def shown(response, email):
        html = response.content.decode().replace(email, "X")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert (existing.redirect_chain[-1][0], new.redirect_chain[-1][0]) == ("/accounts/users/",) * 2
    assert shown(existing, brazil_user.email).count("now holds this role") == 1
    assert "someone.new" not in shown(new, "someone.new@example.org")
    assert roles_of(brazil_user) == {
        "National authorized user of Brazil",
        "National authorized user of Kenya",
    }
    existing_mail, new_mail = mail.outbox
    assert "Choose your password" not in existing_mail.body and "Sign in with" in existing_mail.body
    assert "Choose your password" in new_mail.body


def test_a_focal_point_cannot_add_people_to_another_party(client, brazil, kenya_focal_point):
    client.force_login(kenya_focal_point)
    response = client.post(
        "/accounts/users/add/",
        {"email": "x@brazil.example.org", "role": "national_user", "party": brazil.pk},
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="x@brazil.example.org").exists()


def test_a_focal_point_cannot_appoint_a_focal_point(client, kenya, kenya_focal_point, kenya_user):
    client.force_login(kenya_focal_point)
    response = client.post(
        f"/accounts/users/{kenya_user.pk}/roles/",
        {"role": "national_focal_point", "party": kenya.pk},
    )
    assert response.status_code == 400
    assert roles_of(kenya_user) == {"National authorized user of Kenya"}


def test_a_focal_point_removes_a_national_user_of_their_party(
    client, kenya_focal_point, kenya_user
):
    client.force_login(kenya_focal_point)
    page = client.get(f"/accounts/users/{kenya_user.pk}/").content.decode()
    assert "Remove the role National authorized user of Kenya" in page
    [assignment] = RoleAssignment.objects.filter(user=kenya_user)
    response = client.post(f"/accounts/users/{kenya_user.pk}/roles/{assignment.pk}/revoke/")
    assert response.status_code == 302 and response["Location"] == "/accounts/users/"
    assert roles_of(kenya_user) == set()
    entry = AuditEntry.objects.get(event="permission_change")
    assert entry.details["change"] == "role revoked" and entry.details["party"] == "KEN"
    assert entry.target_id == str(kenya_user.pk)


def test_a_focal_point_cannot_remove_another_focal_point(client, kenya, kenya_focal_point):
    other = person("nfp2@kenya.example.org", "national_focal_point", party=kenya)
    client.force_login(kenya_focal_point)
    assert "Remove the role" not in client.get(f"/accounts/users/{other.pk}/").content.decode()
    [assignment] = RoleAssignment.objects.filter(user=other)
    response = client.post(f"/accounts/users/{other.pk}/roles/{assignment.pk}/revoke/")
    assert response.status_code == 403
    assert roles_of(other) == {"National focal point of Kenya"}


def test_a_focal_point_cannot_see_or_touch_the_people_of_another_party(
    client, kenya_focal_point, brazil_user
):
    client.force_login(kenya_focal_point)
    [assignment] = RoleAssignment.objects.filter(user=brazil_user)
    assert client.get(f"/accounts/users/{brazil_user.pk}/").status_code == 404
    assert (
        client.post(f"/accounts/users/{brazil_user.pk}/roles/{assignment.pk}/revoke/").status_code
        == 404
    )
    assert (
        client.post(f"/accounts/users/{brazil_user.pk}/active/", {"active": "0"}).status_code == 404
    )
    assert roles_of(brazil_user) == {"National authorized user of Brazil"}


def test_a_focal_point_neither_deactivates_nor_unlocks_accounts(
    client, kenya_focal_point, kenya_user
):
    client.force_login(kenya_focal_point)
    assert (
        client.post(f"/accounts/users/{kenya_user.pk}/active/", {"active": "0"}).status_code == 403
    )
    assert client.post(f"/accounts/users/{kenya_user.pk}/unlock/").status_code == 403
    kenya_user.refresh_from_db()
    assert kenya_user.is_active


def test_the_administrator_appoints_a_focal_point_and_an_analyst(
    client, admin_user, brazil, kenya_user
):
    client.force_login(admin_user)
    url = f"/accounts/users/{kenya_user.pk}/roles/"
    assert client.post(url, {"role": "national_focal_point", "party": brazil.pk}).status_code == 302
    assert client.post(url, {"role": "secretariat_analyst"}).status_code == 302
    assert roles_of(kenya_user) == {
        "National authorized user of Kenya",
        "National focal point of Brazil",
        "Secretariat analyst",
    }
    assert AuditEntry.objects.filter(event="permission_change", actor=admin_user).count() == 2


def test_a_national_role_needs_a_party(client, admin_user, kenya_user):
    client.force_login(admin_user)
    response = client.post(
        f"/accounts/users/{kenya_user.pk}/roles/", {"role": "national_focal_point"}
    )
    assert response.status_code == 400
    assert "Choose the Party" in response.content.decode()


def test_making_someone_secretariat_administrator_makes_them_a_superuser(
    client, admin_user, analyst
):
    client.force_login(admin_user)
    client.post(f"/accounts/users/{analyst.pk}/roles/", {"role": "secretariat_admin"})
    analyst.refresh_from_db()
    assert analyst.is_superuser and analyst.is_staff
    assignment = RoleAssignment.objects.get(user=analyst, role="secretariat_admin")
    client.post(f"/accounts/users/{analyst.pk}/roles/{assignment.pk}/revoke/")
    analyst.refresh_from_db()
    assert not analyst.is_superuser and not analyst.is_staff


def test_the_last_administrator_keeps_the_role(client, admin_user):
    client.force_login(admin_user)
    assignment = RoleAssignment.objects.get(user=admin_user)
    response = client.post(
        f"/accounts/users/{admin_user.pk}/roles/{assignment.pk}/revoke/", follow=True
    )
    assert "last Secretariat administrator" in response.content.decode()
    assert RoleAssignment.objects.filter(user=admin_user).exists()


def test_the_administrator_deactivates_accounts_and_lifts_sign_in_waits(
    client, admin_user, kenya_user, settings
):
    from cbap.accounts import throttle

    settings.LOGIN_FREE_FAILURES = 1
    throttle.failed("203.0.113.9", kenya_user.email)
    client.force_login(admin_user)
    assert "Lift sign-in waits" in client.get(f"/accounts/users/{kenya_user.pk}/").content.decode()
    assert client.post(f"/accounts/users/{kenya_user.pk}/unlock/").status_code == 302
    assert throttle.wait("203.0.113.9", kenya_user.email) == 0
    assert (
        client.post(f"/accounts/users/{kenya_user.pk}/active/", {"active": "0"}).status_code == 302
    )
    kenya_user.refresh_from_db()
    assert not kenya_user.is_active
    changes = AuditEntry.objects.filter(event="permission_change").values_list(
        "details__change", flat=True
    )
    assert set(changes) == {"sign-in waits lifted", "account deactivated"}
