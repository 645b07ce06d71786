"""Sessions end when idle, API tokens expire, and the API counts requests per client."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle

from cbap.accounts.models import ApiToken
from cbap.accounts.services import token_issue

pytestmark = pytest.mark.django_db


def test_a_session_ends_after_two_idle_hours_and_a_request_starts_them_again(
    client, kenya_user, monkeypatch
):
    from django.contrib.sessions.models import Session

    from cbap.accounts import sessions

    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    client.force_login(kenya_user)
    key = client.session.session_key
    saved = Session.objects.get(session_key=key).session_data
    client.get("/accounts/me/")  # at once: nothing written
    assert Session.objects.get(session_key=key).session_data == saved
    later = time.time() + sessions.REFRESH_SECONDS + 60
    monkeypatch.setattr(sessions.time, "time", lambda: later)
    client.get("/accounts/me/")  # more than five minutes later: saved, its two hours start again
    assert Session.objects.get(session_key=key).session_data != saved
    assert client.session[sessions.KEY] == int(later)


def test_a_token_works_until_it_expires(client, kenya_user):
    token, key = token_issue(actor=kenya_user, user=kenya_user, name="script", days=30)
    assert token.expires_at.date() == (timezone.now() + timedelta(days=30)).date()
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert client.get("/api/v1/reports/", **headers).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/reports/", **headers).status_code == 401


def test_a_token_is_valid_for_30_90_or_365_days_only(kenya_user):
    from cbap.accounts.services import AccountError

    with pytest.raises(AccountError, match="30, 90, 365 days"):
        token_issue(actor=kenya_user, user=kenya_user, name="forever", days=10_000)


def test_the_me_page_offers_and_shows_the_validity(client, kenya_user):
    client.force_login(kenya_user)
    response = client.post("/accounts/me/tokens/", {"name": "nightly", "days": "365"})
    assert response.status_code == 201
    expires = ApiToken.objects.get(name="nightly").expires_at.date().isoformat()
    assert expires in client.get("/accounts/me/").content.decode()


def test_the_api_answers_429_beyond_the_rate_of_an_anonymous_client(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/min", raising=False)
    # reads that compute count (an identical anonymous read again comes from the page cache)
    dates = ["2019-10-01", "2019-10-02", "2019-10-03", "2019-10-04", "2019-10-05"]
    codes = [client.get("/api/v1/parties/", {"as_of": day}).status_code for day in dates[:4]]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/parties/", {"as_of": dates[4]})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
