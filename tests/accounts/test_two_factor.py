"""Secretariat administrators sign in with a code from an authenticator app as well; nobody else
is asked for one."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cbap.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.ADMIN_TWO_FACTOR = True


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_an_administrator_sets_up_the_app_then_gives_its_code(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/accounts/users/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=/accounts/users/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="totp-key"' in page and "otpauth://totp/" in page
    device = TOTPDevice.objects.get(user=admin_user)
    wrong = client.post("/accounts/two-factor/?next=/accounts/users/", {"code": "000000"})
    assert wrong.status_code == 400 and client.get("/accounts/users/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows guessing down too
    device.throttle_reset()  # as if the second had passed
    right = client.post("/accounts/two-factor/?next=/accounts/users/", {"code": code(device)})
    assert right["Location"] == "/accounts/users/"
    assert client.get("/accounts/users/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    reasons = AuditEntry.objects.filter(event="login_failed").values_list("details", flat=True)
    assert [r["reason"] for r in reasons] == ["wrong second-step code"]


def test_a_set_up_administrator_is_not_shown_the_key_again(client, admin_user):
    TOTPDevice.objects.create(user=admin_user, name="authenticator", confirmed=True)
    client.force_login(admin_user)
    page = client.get("/accounts/two-factor/").content.decode()
    assert 'id="totp-key"' not in page and "The 6-digit code" in page


def test_only_administrators_are_asked(client, kenya_focal_point):
    client.force_login(kenya_focal_point)
    assert client.get("/accounts/me/").status_code == 200
    assert client.get("/accounts/two-factor/")["Location"] == "/accounts/me/"


def test_an_administrator_may_sign_out_without_the_code(client, admin_user):
    client.force_login(admin_user)
    assert client.post("/accounts/logout/").status_code == 302


def test_api_tokens_are_not_asked_for_a_code(client, admin_user):
    from cbap.accounts.models import ApiToken

    _, key = ApiToken.issue(admin_user, "script", 30)
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
