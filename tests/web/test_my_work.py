""" "My work": what waits for each person, and for the Secretariat who has not reported."""

from datetime import date

import pytest

from cbap.notifications.models import Notification
from cbap.parties.models import Government, Protocol, ProtocolMembership
from cbap.records import services
from cbap.web.selectors import missing_reports
from tests.organizations.conftest import new_profile

pytestmark = pytest.mark.django_db


def test_an_organizations_submitted_profile_waits_for_the_secretariats_validation(
    client, kenya, provider, editor, analyst, kenya_focal_point
):
    profile = new_profile(provider, editor)
    services.record_transition(record=profile, actor=editor, action="submit")
    [note] = Notification.objects.filter(kind="submitted")
    assert note.recipient == analyst  # nobody of the organization may publish: the Secretariat
    client.force_login(analyst)
    page = client.get("/my-work/").content.decode()
    assert "To review and publish or validate (1)" in page and "Demo provider" in page
    client.force_login(kenya_focal_point)
    assert "Nothing waits for your action." in client.get("/my-work/").content.decode()


def test_the_secretariat_sees_the_missing_parties_with_the_days_past_the_deadline(
    client, kenya, brazil, analyst, cycles
):
    for government in (kenya, brazil):
        ProtocolMembership.objects.create(
            government=government,
            protocol=Protocol.CARTAGENA,
            entry_into_force_on=date(2003, 9, 11),
        )
    undated = Government.objects.create(code="UND", iso3="UND", iso2="UN", name="Undated")
    ProtocolMembership.objects.create(government=undated, protocol=Protocol.CARTAGENA)
    nr5 = next(m for m in missing_reports(today=date(2026, 3, 10)) if m.cycle.number == 5)
    assert [p.code for p in nr5.parties] == ["BRA", "KEN"] and nr5.days_past == 10
    assert [p.code for p in nr5.unknown] == ["UND"]  # shown apart, never as a missing Party
    client.force_login(analyst)
    page = client.get("/my-work/").content.decode()
    assert 'id="missing-5"' in page and "Kenya" in page and "days past" in page


def test_signing_in_lands_on_my_work_and_the_public_is_sent_to_sign_in(client, kenya_user):
    assert client.get("/my-work/").status_code == 302
    client.force_login(kenya_user)
    page = client.get("/my-work/").content.decode()
    assert "National reports of Kenya" in page and "Parties without a published report" not in page


def test_my_work_costs_the_same_queries_for_more_waiting_reports(client, cycles, analyst):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cbap.accounts.permissions import SYSTEM
    from cbap.reports import services as reports
    from tests.personas import government, person

    admin = person("admin@cbd.example", "secretariat_admin")
    client.force_login(admin)

    def submitted(codes):
        for code in codes:
            reports.report_save(
                cycle=cycles[5], government=government(code, code[:2], f"Land {code}"),
                answers={}, status="submitted", actor=SYSTEM,
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/my-work/").content.decode()
        return len(queries), page

    few, page = submitted(["AAA", "BBB"])
    assert "To review and publish or validate (2)" in page
    more, page = submitted(["CCC", "DDD", "EEE", "FFF"])
    assert "To review and publish or validate (6)" in page and more == few
