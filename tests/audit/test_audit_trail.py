"""The audit trail for the Secretariat: the filtered, paginated page, its CSV and its API."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from cbap.audit.models import AuditEntry
from cbap.audit.services import Event, audit
from cbap.audit.views import AUDIT_CSV_COLUMNS
from cbap.records import services
from tests.downloads import data_only_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(kenya_draft, kenya_user, kenya_focal_point):
    """create (focal point), change and submit (national user), publish (focal point)."""
    contact = services.record_update(
        record=kenya_draft, actor=kenya_user, data={"city": "Nairobi"}, expected_version=1
    )
    services.record_transition(record=contact, actor=kenya_user, action="submit")
    services.record_transition(record=contact, actor=kenya_focal_point, action="publish")
    audit(event=Event.LOGIN, actor=kenya_user)
    return contact


def test_the_secretariat_sees_every_event_newest_first(client, trail, analyst):
    client.force_login(analyst)
    html = client.get("/records/audit/").content.decode()
    assert (
        html.index("<td>login</td>")
        < html.index("<td>publish</td>")
        < html.index("<td>create</td>")
    )
    assert "5 entries" in html


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"event": "submit"}, ["submit"]),
        ({"actor": "nfp@kenya"}, ["publish", "create"]),
        ({"target_type": "contacts.nationalcontact", "event": "change"}, ["change"]),
        ({"date_from": (timezone.now() + timedelta(days=1)).date().isoformat()}, []),
    ],
)
def test_the_audit_trail_filters_by_event_actor_type_and_date(
    client, trail, analyst, filters, expected
):
    client.force_login(analyst)
    page = client.get("/records/audit/", filters).context["page"]
    assert [entry.event for entry in page] == expected


def test_an_invalid_filter_is_explained(client, trail, analyst):
    client.force_login(analyst)
    response = client.get("/records/audit/", {"date_from": "yesterday"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()


def test_the_audit_trail_is_paginated_keeping_the_filters(client, analyst, kenya):
    for _ in range(55):
        audit(event=Event.LOGIN, actor=analyst)
    client.force_login(analyst)
    html = client.get("/records/audit/", {"event": "login"}).content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?event=login&amp;page=2"' in html
    assert len(client.get("/records/audit/", {"event": "login", "page": 2}).context["page"]) == 5


def test_the_csv_export_has_every_filtered_entry(client, trail, analyst):
    client.force_login(analyst)
    response = client.get("/records/audit/export.csv", {"target_type": "contacts.nationalcontact"})
    assert response["Content-Type"].startswith("text/csv")
    assert "cbap-audit-target-type-contacts.nationalcontact.csv" in response["Content-Disposition"]
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [row["event"] for row in rows] == ["publish", "submit", "change", "create"]
    assert rows[2]["actor_email"] == "user@kenya.example.org"
    assert '"changed_fields": ["city"]' in rows[2]["details"]


def test_the_csv_export_with_an_invalid_filter_is_a_400_explaining_it(client, trail, analyst):
    client.force_login(analyst)
    response = client.get("/records/audit/export.csv", {"date_from": "yesterday"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()


def test_the_csv_export_defuses_spreadsheet_formulas(client, analyst):
    audit(event=Event.LOGIN_FAILED, actor=None, details={"email": "=HYPERLINK(1)"})
    client.force_login(analyst)
    response = client.get("/records/audit/export.csv", {"event": "login_failed"})
    [row] = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert row["actor_email"] == "'=HYPERLINK(1)"


def test_only_the_secretariat_reads_the_audit_trail(
    client, trail, kenya_focal_point, secretariat_admin
):
    assert client.get("/records/audit/").status_code == 403
    assert client.get("/records/audit/export.csv").status_code == 403
    assert client.get("/api/v1/audit/").status_code == 403
    client.force_login(kenya_focal_point)
    assert client.get("/records/audit/").status_code == 403
    assert client.get("/api/v1/audit/").status_code == 403
    client.force_login(secretariat_admin)
    assert client.get("/records/audit/").status_code == 200


def test_the_audit_api_has_the_same_filters(client, trail, analyst):
    client.force_login(analyst)
    body = client.get("/api/v1/audit/", {"actor": "user@kenya", "event": "change"}).json()
    assert body["count"] == 1
    [entry] = body["results"]
    assert entry["event"] == "change"
    assert entry["target_type"] == "contacts.nationalcontact"
    assert entry["details"] == {"version": 2, "changed_fields": ["city"]}
    assert client.get("/api/v1/audit/", {"date_to": "nope"}).status_code == 400


def test_entries_keep_the_actors_email_when_the_user_is_deleted(trail, kenya_user):
    kenya_user.delete()
    entry = AuditEntry.objects.get(event="change")
    assert (entry.actor, entry.actor_email) == (None, "user@kenya.example.org")


@pytest.mark.parametrize(
    "filters", [{"event": "change"}, {"actor": "nfp@kenya"}, {"target_type": "accounts.user"}, {}]
)
def test_the_page_the_csv_and_the_api_filter_alike(client, trail, analyst, filters):
    client.force_login(analyst)
    page = [entry.pk for entry in client.get("/records/audit/", filters).context["page"]]
    api = [entry["id"] for entry in client.get("/api/v1/audit/", filters).json()["results"]]
    csv_response = client.get("/records/audit/export.csv", filters)
    rows = csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig")))
    assert page == api
    assert [row["event"] for row in rows] == [AuditEntry.objects.get(pk=pk).event for pk in page]


def test_an_invalid_audit_filter_is_a_400_naming_it_in_the_api(client, trail, analyst):
    client.force_login(analyst)
    response = client.get("/api/v1/audit/", {"event": "nap", "date_from": "yesterday"})
    assert response.status_code == 400
    assert set(response.json()) == {"event", "date_from"}


def test_the_csv_export_starts_with_the_mark_and_its_header_and_holds_only_data(
    client, trail, analyst
):
    client.force_login(analyst)
    response = client.get("/records/audit/export.csv")
    rows = data_only_csv(b"".join(response.streaming_content), AUDIT_CSV_COLUMNS)
    assert len(rows) == AuditEntry.objects.count()
