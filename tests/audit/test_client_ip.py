"""The address in audit entries: REMOTE_ADDR, or X-Forwarded-For behind trusted proxies only."""

import os
import subprocess
import sys

import pytest

from cbap.audit.services import client_ip


@pytest.mark.parametrize(
    "proxies,forwarded,expected",
    [
        (0, "", "10.0.0.1"),
        (0, "203.0.113.9", "10.0.0.1"),  # no trusted proxy: the header is anyone's to forge
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is ignored
        (2, "198.51.100.66, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies: not through them all
        (1, "not-an-address", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, " 203.0.113.9 ,, ", "203.0.113.9"),
    ],
)
def test_client_ip_reads_x_forwarded_for_only_behind_trusted_proxies(
    rf, settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", **headers)
    assert client_ip(request) == expected


def test_without_a_request_there_is_no_address():
    assert client_ip(None) is None


@pytest.mark.django_db
def test_a_sign_in_behind_a_proxy_is_audited_with_the_clients_address(client, settings):
    from cbap.audit.models import AuditEntry

    settings.TRUSTED_PROXIES = 1
    client.post(
        "/accounts/login/",
        {"username": "nobody@example.org", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.9",
    )
    assert AuditEntry.objects.get(event="login_failed").ip_address == "203.0.113.9"


def test_a_negative_number_of_proxies_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", "import cbap.settings"],
        env={**os.environ, "CBAP_TRUSTED_PROXIES": "-1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "CBAP_TRUSTED_PROXIES" in result.stderr
