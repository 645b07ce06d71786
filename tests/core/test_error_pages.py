"""Error pages with DEBUG off: the site's layout, the reason when it is safe to show, no traceback."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import RequestFactory
from django.views import defaults

from cbap.core import views as handlers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False


def test_a_missing_element_says_which_and_in_which_version(plan, client):
    response = client.get("/plan/A.99/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "No element A.99 in CP-10/4." in html
    assert 'class="site-header"' in html and "The Action Plan" in html


def test_an_unknown_address_has_no_exception_name(plan, client):
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "There is no page at this address." in html
    assert "Resolver404" not in html


def test_a_missing_version_is_named(plan, client):
    html = client.get("/plan/", {"version": "CP-99/9"}).content.decode()
    assert "No plan version CP-99/9." in html


def test_the_404_message_is_escaped(plan, client):
    html = client.get("/plan/", {"version": "<b>x</b>"}).content.decode()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_403_uses_the_site_layout_and_says_why():
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    response = handlers.permission_denied(
        request, PermissionDenied("Your roles do not allow <it>.")
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Not allowed" in html and 'class="site-header"' in html and "Sign in</a> if" in html
    assert "Your roles do not allow &lt;it&gt;." in html


def test_403_of_the_api_is_json_with_the_reason():
    request = RequestFactory().post("/api/v1/somewhere/")
    response = handlers.permission_denied(request, PermissionDenied("Not yours."))
    assert response.status_code == 403 and json.loads(response.content) == {"detail": "Not yours."}


def test_500_renders_even_when_context_processors_fail(settings):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {"context_processors": ["tests.core.test_error_pages.broken_processor"]},
        }
    ]
    response = defaults.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and 'class="site-header"' in html


def test_400_uses_the_plain_layout():
    response = handlers.bad_request(RequestFactory().get("/"), Exception())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bad request" in html and 'class="site-header"' in html


def test_a_server_error_in_a_view_gives_the_500_page(plan, client, monkeypatch):
    from cbap.plan import views

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "goals_with_elements", fail)
    client.raise_request_exception = False
    response = client.get("/plan/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "boom" not in response.content.decode()


def broken_processor(request):
    raise RuntimeError("a context processor failed")


def test_a_bad_request_cbap_refused_says_why(plan, client):
    response = client.get("/indicators/A.1.b/", {"group": "bogus"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "bogus" in html and "The request could not be understood" not in html


def test_a_suspicious_request_is_not_explained():
    request = RequestFactory().get("/")
    response = handlers.bad_request(request, SuspiciousOperation("secret detail"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "secret detail" not in html and "The request could not be understood" in html


def test_health_and_readiness_answer_for_monitoring(client, settings):
    assert client.get("/health/").json() == {"status": "ok"}
    assert client.get("/ready/").json() == {"status": "ready", "problems": []}
    closed = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {"default": {"BACKEND": closed, "LOCATION": "redis://127.0.0.1:1/0"}}
    response = client.get("/ready/")
    assert (
        response.status_code == 503
        and "The cache does not answer" in response.json()["problems"][0]
    )


def test_a_nul_character_in_the_address_or_a_form_is_a_400_saying_why(client):
    response = client.get("/api/v1/plan/narrative/", {"version": "\x00j"})
    assert response.status_code == 400 and "NUL character" in response.json()["detail"]
    assert client.get("/plan/", {"version": "CP-10/4\x00"}).status_code == 400
    posted = client.post(
        "/accounts/login/",
        "username=a%00%40b.org&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert posted.status_code == 400 and "The form holds a NUL character" in posted.content.decode()
