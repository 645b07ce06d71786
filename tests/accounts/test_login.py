"""Signing in with e-mail and password, throttling failures, signing out, and their audit
entries."""

import re

import pytest

from cbap.audit.models import AuditEntry
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_free_failures(settings):
    settings.LOGIN_FREE_FAILURES = 3
    settings.LOGIN_FIRST_DELAY_SECONDS = 60
    settings.LOGIN_CLIENT_FAILURES = 10
    from django.core.cache import cache

    cache.clear()


STRANGER = {"REMOTE_ADDR": "203.0.113.9"}  # the owner signs in from 127.0.0.1


def sign_in(client, email, password=PASSWORD, meta=None, **extra):
    data = {"username": email, "password": password, **extra}
    return client.post("/accounts/login/", data, **(meta or {}))


def page(response, email: str) -> str:
    """The page with the address typed and the CSRF token blanked, to compare two refusals."""
    html = response.content.decode().replace(email, "X")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_sign_in_page_asks_for_an_e_mail_address(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'type="email"' in html and "E-mail address" in html


def test_a_person_signs_in_with_e_mail_and_password_and_it_is_audited(client, kenya_user):
    response = sign_in(client, "USER@kenya.example.org ", next="/accounts/me/")
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    entry = AuditEntry.objects.get(event="login")
    assert (entry.actor, entry.actor_email, entry.ip_address) == (
        kenya_user,
        kenya_user.email,
        "127.0.0.1",
    )
    assert client.get("/accounts/me/").status_code == 200


def test_a_wrong_password_is_refused_and_audited_with_the_e_mail_tried(client, kenya_user):
    response = sign_in(client, kenya_user.email, "wrong")
    assert response.status_code == 400
    assert "The e-mail address or the password is not right" in response.content.decode()
    entry = AuditEntry.objects.get(event="login_failed")
    assert entry.actor is None and entry.actor_email == kenya_user.email
    assert entry.details == {"email": kenya_user.email, "reason": "wrong e-mail or password"}


def test_an_unknown_address_reads_exactly_like_a_wrong_password(client, kenya_user):
    known = page(sign_in(client, kenya_user.email, "wrong"), kenya_user.email)
    unknown = page(sign_in(client, "nobody@example.org", "wrong"), "nobody@example.org")
    assert known == unknown
    assert AuditEntry.objects.filter(event="login_failed").count() == 2


def test_a_strangers_failures_make_the_stranger_wait_never_the_owner(client, kenya_user):
    for _ in range(3):
        response = sign_in(client, kenya_user.email, "wrong", meta=STRANGER)
    assert "The e-mail address or the password is not right" in response.content.decode()
    response = sign_in(client, kenya_user.email, meta=STRANGER)  # even the right password waits
    assert response.status_code == 400 and "please wait 1 minute" in response.content.decode()
    assert sign_in(client, kenya_user.email).status_code == 302  # the owner, elsewhere
    events = [
        (entry.event, entry.details.get("reason"))
        for entry in AuditEntry.objects.filter(event__in=["login_failed", "lockout"]).order_by("id")
    ]
    wrong = ("login_failed", "wrong e-mail or password")
    # The third wrong password is logged as such, then the wait it starts (an alert); the right
    # password tried while waiting is refused as "locked", unchecked.
    waits = ("lockout", "repeated failed sign-ins")
    assert events == [wrong, wrong, wrong, waits, ("login_failed", "locked")]


def test_each_further_failure_doubles_the_wait(kenya_user, settings):
    from cbap.accounts import throttle

    for failures in range(1, 6):
        throttle.failed("203.0.113.9", kenya_user.email)
        expected = 0 if failures < 3 else 60 * 2 ** (failures - 3)
        assert throttle.wait("203.0.113.9", kenya_user.email) == pytest.approx(expected, abs=1)
    assert throttle.wait("127.0.0.1", kenya_user.email) == 0


def test_a_client_failing_with_many_addresses_waits_for_all_of_them(client, kenya_user):
    for n in range(10):
        sign_in(client, f"guess{n}@example.org", "wrong", meta=STRANGER)
    response = sign_in(client, kenya_user.email, meta=STRANGER)
    assert "please wait 15 minutes" in response.content.decode()
    assert sign_in(client, kenya_user.email).status_code == 302


def test_an_unknown_address_waits_exactly_like_a_known_one(client, kenya_user):
    for _ in range(4):
        unknown = page(sign_in(client, "nobody@example.org", "wrong"), "nobody@example.org")
    for _ in range(4):
        known = page(sign_in(client, kenya_user.email, "wrong"), kenya_user.email)
    assert "please wait" in unknown
    assert known == unknown
    assert AuditEntry.objects.filter(event="lockout").count() == 2


def test_a_success_resets_the_count_of_failures(client, kenya_user):
    from cbap.accounts import throttle

    sign_in(client, kenya_user.email, "wrong")
    sign_in(client, kenya_user.email, "wrong")
    assert sign_in(client, kenya_user.email).status_code == 302
    client.logout()
    for _ in range(2):
        sign_in(client, kenya_user.email, "wrong")
    assert throttle.wait("127.0.0.1", kenya_user.email) == 0  # 2 failures since, not 4


def test_no_password_is_checked_while_waiting(client, kenya_user, monkeypatch):
    from cbap.accounts.backends import EmailBackend

    for _ in range(3):
        sign_in(client, kenya_user.email, "wrong", meta=STRANGER)
    checked = []
    monkeypatch.setattr(EmailBackend, "authenticate", lambda *a, **k: checked.append(1))
    sign_in(client, kenya_user.email, meta=STRANGER)
    assert checked == []


def test_an_inactive_account_cannot_sign_in(client, kenya_user):
    kenya_user.is_active = False
    kenya_user.save()
    response = sign_in(client, kenya_user.email)
    assert response.status_code == 400 and "not right" in response.content.decode()


def test_signing_out_is_a_post_and_is_audited(client, kenya_user):
    client.force_login(kenya_user)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert AuditEntry.objects.get(event="logout").actor == kenya_user
    assert client.get("/accounts/me/").status_code == 302  # to the sign-in page


def test_the_next_address_never_leads_off_the_site(client, kenya_user):
    response = sign_in(client, kenya_user.email, next="https://evil.example.com/")
    assert response["Location"] == "/my-work/"  # where every signed-in person lands


def test_the_demo_site_lists_the_demo_accounts_on_the_sign_in_page(client, settings):
    settings.DEMO = True
    assert "demo-cbap-2026" in client.get("/accounts/login/").content.decode()
    settings.DEMO = False
    assert "demo-cbap-2026" not in client.get("/accounts/login/").content.decode()


def test_a_person_changes_their_password(client, kenya_user):
    client.force_login(kenya_user)
    new = "another long test password"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    kenya_user.refresh_from_db()
    assert kenya_user.check_password(new)
    entry = AuditEntry.objects.get(event="password_change")
    assert (entry.actor, entry.target_id, entry.ip_address) == (
        kenya_user,
        str(kenya_user.pk),
        "127.0.0.1",
    )
    assert new not in str(entry.details) and PASSWORD not in str(entry.details)
    assert client.get("/accounts/me/").status_code == 200  # still signed in


def test_a_refused_password_change_changes_and_audits_nothing(client, kenya_user):
    client.force_login(kenya_user)
    response = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "x", "new_password2": "x"},
    )
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(event="password_change").exists()


def test_a_forgotten_password_is_reset_by_e_mail_and_strangers_learn_nothing(client, kenya_user):
    from django.core import mail

    known = client.post("/accounts/password/reset/", {"email": kenya_user.email}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"}, follow=True)
    assert page(known, kenya_user.email) == page(unknown, "nobody@example.org")
    (message,) = mail.outbox  # only the real address gets one
    [link] = re.findall(r"http://testserver(/accounts/password/reset/\S+)", message.body)
    form = client.get(link, follow=True)
    new = "another long enough password"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert sign_in(client, kenya_user.email, new).status_code == 302
    assert client.get(link, follow=True).content.decode().count("does not work any more") == 1


def test_password_reset_requests_are_audited_limited_and_sent_as_text_and_html(client, kenya_user):
    from django.core import mail

    answers = [
        client.post("/accounts/password/reset/", {"email": kenya_user.email}, follow=True)
        for _ in range(5)
    ]
    assert len({page(answer, kenya_user.email) for answer in answers}) == 1  # the same answer
    assert len(mail.outbox) == 3  # at most three an hour to one address
    [(html, kind)] = mail.outbox[0].alternatives
    assert kind == "text/html" and "Choose a new password" in html
    entries = AuditEntry.objects.filter(event="password_reset_request")
    assert entries.count() == 5
    assert [e.details.get("refused") for e in entries.order_by("id")][3:] == [
        "too many requests"
    ] * 2


def test_an_invited_person_who_never_chose_a_password_may_ask_for_a_new_link(client, db):
    from django.core import mail

    from cbap.accounts.models import User

    invited = User(email="late@ke.example")
    invited.set_unusable_password()
    invited.save()
    client.post("/accounts/password/reset/", {"email": "Late@KE.example"})
    [message] = mail.outbox
    assert message.to == ["late@ke.example"] and "/accounts/password/reset/" in message.body
