"""Browsing a version other than the current one: links and redirects keep `?version=`."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/hypothetical-plan-adjustment.json"
OLD = "version=CP-10%2F4"


@pytest.fixture
def adjusted(plan):
    """The hypothetical example adjustment, made current: CP-10/4 becomes the older version."""
    call_command("plan", "load", str(EXAMPLE), stdout=io.StringIO())
    return plan


def links(html: str, prefix: str = "/plan/") -> list[str]:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return [h for h in re.findall(r'href="([^"]+)"', main) if h.startswith(prefix)]


def test_element_redirects_keep_the_version(adjusted, client):
    assert client.get(f"/plan/A.1.ii/?{OLD}")["Location"] == f"/plan/A.1/?{OLD}#A.1.ii"
    assert client.get(f"/plan/A.5.c/?{OLD}")["Location"] == f"/plan/indicators/A.5.c/?{OLD}"


def test_an_element_removed_later_is_still_found_in_the_older_version(adjusted, client):
    assert client.get("/plan/A.1.ii/").status_code == 404
    assert 'id="A.1.ii"' in client.get(f"/plan/A.1/?{OLD}").content.decode()


def test_every_plan_link_on_an_older_versions_pages_keeps_the_version(adjusted, client):
    for url in ["/plan/", "/plan/A.6/", "/plan/indicators/A.5.c/", "/plan/about/"]:
        html = client.get(f"{url}?{OLD}").content.decode()
        assert "This is not the current version." in html
        for link in links(html):
            if link.startswith(("/plan/versions/", "/plan/export")) or link.startswith("#"):
                continue
            assert OLD in link or link == url, f"{url}: {link} drops the version"


def test_downloads_and_the_api_link_keep_the_version(adjusted, client):
    html = client.get(f"/plan/?{OLD}").content.decode()
    assert f'href="/plan/export.json?{OLD}"' in html
    assert f'href="/api/v1/plan/?{OLD}"' in html


def test_search_stays_in_the_version_searched(adjusted, client):
    html = client.get("/plan/search/", {"q": "Train personnel", "version": "CP-10/4"})
    html = html.content.decode()
    assert f'href="/plan/A.1.ii/?{OLD}"' in html
    assert '<input type="hidden" name="version" value="CP-10/4">' in html
    current = client.get("/plan/search/", {"q": "Train personnel of competent"}).content.decode()
    assert "A.1.ii" not in current  # removed in the (hypothetical) current version


def test_pages_of_the_current_version_carry_no_version_parameter(adjusted, client):
    html = client.get("/plan/A.5/").content.decode()
    assert "version=" not in "".join(links(html))


def test_an_older_versions_indicator_keeps_its_text_page_and_leads_to_the_canonical_one(
    adjusted, client
):
    html = client.get(f"/plan/indicators/A.5.c/?{OLD}").content.decode()
    assert "Indicator A.5.c in plan version CP-10/4" in html
    assert 'href="/indicators/A.5.c/"' in html
    assert client.get("/plan/indicators/A.5.c/")["Location"] == "/indicators/A.5.c/"
