"""The Secretariat's side of a report: questions to the Party, the Parties still missing, and
what the public may not learn (who has drafts)."""

from datetime import date

import pytest
from django.test import Client

from cbap.accounts.models import Role
from cbap.notifications.models import Notification
from cbap.parties.models import Protocol, ProtocolMembership
from cbap.records.models import Status
from cbap.web.selectors import missing_reports
from tests.personas import person
from tests.reports.entry.test_views import complete, report, save, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst():
    client = Client()
    client.force_login(person("analyst@cbd.example", Role.SECRETARIAT_ANALYST))
    return client


def published(client):
    complete(client)
    step(Client(), "publish")  # refused: nobody signed in
    client.force_login(
        person("nfp2@ke.example", Role.NATIONAL_FOCAL_POINT, party=report().government)
    )
    step(client, "publish")
    assert report().status == Status.PUBLISHED


def test_the_secretariat_asks_and_the_party_answers_both_kept_with_the_report(
    drafter, analyst, national_user
):
    published(drafter)
    page = analyst.get("/reports/5/KEN/").content.decode()
    assert "Ask Kenya a question" in page
    analyst.post("/reports/5/KEN/queries/", {"question": "Q007", "text": "Which measures?"})
    [note] = Notification.objects.filter(kind="query")
    assert note.recipient.email == "nfp2@ke.example" and "(question Q007)" in note.subject
    query = report().queries.get()
    party = Client()
    party.force_login(national_user)
    assert "Which measures?" in party.get("/reports/5/KEN/").content.decode()
    party.post(f"/reports/5/KEN/queries/{query.pk}/", {"text": "The Biosafety Act."})
    query.refresh_from_db()
    assert query.answer == "The Biosafety Act." and query.answered_by == national_user
    assert Notification.objects.get(kind="query_answered").recipient.email == "analyst@cbd.example"
    public = Client().get("/reports/5/KEN/").content.decode()
    assert "Which measures?" not in public and "The Biosafety Act." not in public


def test_a_party_may_not_ask_and_the_public_may_not_answer(drafter, national_user):
    published(drafter)
    drafter.post("/reports/5/KEN/queries/", {"text": "Me?"})
    assert not report().queries.exists()


def test_a_party_leaves_the_missing_list_when_its_report_is_published(drafter, kenya):
    ProtocolMembership.objects.create(
        government=kenya, protocol=Protocol.CARTAGENA, entry_into_force_on=date(2003, 1, 1)
    )
    before = {m.cycle.number: [p.code for p in m.parties] for m in missing_reports()}
    assert "KEN" in before[5]
    complete(drafter)
    step(drafter, "submit")
    still = {m.cycle.number: [p.code for p in m.parties] for m in missing_reports()}
    assert still[5] == before[5]  # submitted inside the Party is not yet reported
    published(drafter)
    after = {m.cycle.number: [p.code for p in m.parties] for m in missing_reports()}
    assert "KEN" not in after[5] and len(after[5]) == len(before[5]) - 1


def test_the_public_status_filter_never_reveals_a_newer_draft(drafter):
    published(drafter)
    client = Client()  # the public (the `client` fixture is the drafter's)
    save(drafter, version=report().version, Q013="A newer draft.")
    assert report().status == Status.DRAFT and report().published_version
    for status in ("draft", "submitted", "published"):
        page = client.get("/reports/5/", {"status": status}).content.decode()
        assert ("/reports/5/KEN/" in page) == (status == "published"), status
    api = client.get("/api/v1/reports/", {"cycle": 5, "status": "draft"}).json()
    assert "KEN" not in str(api)
    own = drafter.get("/reports/5/", {"status": "draft"}).content.decode()
    assert "/reports/5/KEN/" in own  # the Party sees its own working copy's status
