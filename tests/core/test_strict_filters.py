"""An API list refuses a filter it does not know, or an empty one, naming it (a 400), instead of
returning the whole list as if it had filtered."""

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/reports/", "/api/v1/parties/", "/api/v1/groupings/"]


@pytest.mark.parametrize("url", LISTS)
def test_an_unknown_filter_is_a_400_naming_it(client, url, cycles):
    response = client.get(url, {"goverment": "KEN"})  # misspelt
    assert response.status_code == 400
    assert response.json()["goverment"][0].startswith("unknown parameter; use ")


@pytest.mark.parametrize("url", LISTS)
def test_pagination_and_format_are_always_understood(client, url, cycles):
    assert client.get(url, {"limit": "5", "offset": "0", "format": "json"}).status_code == 200


def test_an_empty_filter_is_a_400_naming_it(client, cycles):
    response = client.get("/api/v1/reports/", {"status": ""})
    assert response.status_code == 400
    assert response.json() == {"status": ["empty: give a value, or leave the parameter out"]}
