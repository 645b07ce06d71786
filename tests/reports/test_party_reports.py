"""A Party's profile page lists its national reports per cycle and links its contacts."""

import pytest

from cbap.accounts.permissions import SYSTEM
from cbap.reports import services

pytestmark = pytest.mark.django_db


def save(cycle, government, status):
    return services.report_save(
        cycle=cycle, government=government, answers={"Q007": {"value": "implementation.fullInPlace"}},
        status=status, submitted_on=None, actor=SYSTEM,
    )[0]  # fmt: skip


def test_the_public_sees_published_reports_and_not_drafts(client, nr4, nr5, governments):
    kenya = governments["KEN"]
    save(nr5, kenya, "published")
    save(nr4, kenya, "draft")
    html = client.get("/parties/KEN/").content.decode()
    assert 'href="/reports/5/KEN/"' in html
    assert 'href="/reports/4/KEN/"' not in html
    assert "No report in cbap" in html
    assert 'href="/contacts/party/KEN/"' in html
    assert "in the form" not in html


def test_the_focal_point_sees_the_draft_and_a_link_to_the_form(
    client, nr4, nr5, governments, focal_point
):
    save(nr4, governments["KEN"], "draft")
    client.force_login(focal_point)
    html = client.get("/parties/KEN/").content.decode()
    assert 'href="/reports/4/KEN/"' in html
    assert 'href="/entry/4/KEN/">Edit in the form' in html
    assert 'href="/entry/5/KEN/">Start in the form' in html
