"""The cache shared by server processes (Redis, with REDIS_URL): the pages that keep things in
the cache work with it (they failed with a 500 while its client was missing), and the deploy
check says when it does not answer. Run against the Redis of the machine; CI requires it."""

import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.checks import run_checks
from django.test import override_settings

from cbap.accounts import throttle

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("CBAP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REDIS = "django.core.cache.backends.redis.RedisCache"


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def shared_cache():
    if not redis_answers():
        if os.environ.get("CI") or os.environ.get("CBAP_REQUIRE_REDIS"):
            pytest.fail(f"Redis does not answer at {REDIS_URL}, and CI must test with it.")
        pytest.skip(f"needs Redis at {REDIS_URL} (CBAP_TEST_REDIS_URL)")
    prefix = f"cbap-test-{uuid.uuid4().hex}"
    redis = {"BACKEND": REDIS, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    with override_settings(CACHES={**settings.CACHES, "default": redis}):
        yield cache
        cache.clear()


def test_failed_sign_ins_are_counted_in_redis(shared_cache, client, kenya_user):
    for _ in range(6):
        client.post("/accounts/login/", {"username": kenya_user.email, "password": "wrong"})
    assert throttle.wait("127.0.0.1", kenya_user.email) > 0  # read back from Redis


def test_the_analyzer_and_the_indicators_render_with_redis(shared_cache, client, plan, cycles):
    assert client.get("/analyzer/", {"cycle": 5, "question": "Q011"}).status_code == 200
    assert client.get("/indicators/").status_code == 200


def test_the_deploy_check_says_when_the_cache_does_not_answer(shared_cache):
    assert not [e for e in run_checks(include_deployment_checks=True) if e.id == "cbap.E002"]
    closed = {**settings.CACHES, "default": {"BACKEND": REDIS, "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=closed):
        [error] = [e for e in run_checks(include_deployment_checks=True) if e.id == "cbap.E002"]
    assert "redis://127.0.0.1:1/0" in error.msg and "REDIS_URL" in error.hint


def test_the_deploy_check_warns_about_mail_that_would_reach_nobody(monkeypatch):
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    with override_settings(EMAIL_BACKEND=smtp, DEFAULT_FROM_EMAIL="cbap <noreply@localhost>"):
        ids = {e.id for e in run_checks(include_deployment_checks=True)}
    assert {"cbap.W002", "cbap.W003"} <= ids
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.org")
    with override_settings(EMAIL_BACKEND=smtp, DEFAULT_FROM_EMAIL="cbap <cbap@cbd.int>"):
        ids = {e.id for e in run_checks(include_deployment_checks=True)}
    assert not {"cbap.W002", "cbap.W003"} & ids
