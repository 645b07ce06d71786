"""A malformed or out-of-range identifier in a URL is a 404, never a server error, on every
backend (a 25-digit number overflows PostgreSQL's 64-bit integers)."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
URLS = [
    "/api/v1/reports/{}/",
    "/api/v1/cycles/{}/",
    "/api/v1/cycles/{}/questions/",
    "/api/v1/contacts/{}/",
    "/api/v1/organizations/{}/",
    "/api/v1/parties/{}/",
    "/reports/{}/",
    "/reports/import/{}/",
    "/organizations/{}/",
    "/plan/articles/{}/",
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("identifier", ["abc", "1.5", HUGE, "-1"])
def test_a_malformed_identifier_is_not_found(client, url, identifier):
    assert client.get(url.format(identifier)).status_code == 404


def test_an_identifier_of_18_digits_is_still_looked_up(client):
    assert client.get("/api/v1/reports/" + "9" * 18 + "/").status_code == 404
