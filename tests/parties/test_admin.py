"""The registry in the admin: governments and protocol memberships are read-only (loaded from
the repository); only the members of the economies in transition change there, audited."""

import pytest

from cbap.audit.models import AuditEntry
from cbap.parties.models import Government, Grouping, GroupingMembership
from tests.accounts.conftest import admin_form_data as form_data
from tests.personas import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, loaded_registry):
    admin = person("admin@secretariat.example.org", "secretariat_admin", is_superuser=True)
    client.force_login(admin)
    return client


def test_governments_and_their_memberships_are_read_only(admin_client):
    kenya = Government.objects.get(code="KEN")
    url = f"/admin/parties/government/{kenya.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Save" not in page.content.decode()
    assert admin_client.post(url, {"name": "Renamed"}).status_code == 403
    assert admin_client.get("/admin/parties/government/add/").status_code == 403
    assert admin_client.get(f"/admin/parties/government/{kenya.pk}/delete/").status_code == 403
    kenya.refresh_from_db()
    assert kenya.name == "Kenya"


def test_a_grouping_loaded_from_the_files_cannot_be_changed(admin_client):
    ldc = Grouping.objects.get(code="ldc")
    page = admin_client.get(f"/admin/parties/grouping/{ldc.pk}/change/")
    assert page.context["adminform"].form.fields == {}
    [inline] = page.context["inline_admin_formsets"]
    assert not inline.has_add_permission and not inline.has_change_permission


def test_members_of_the_economies_in_transition_added_in_the_admin_are_audited(admin_client):
    eit = Grouping.objects.get(code="eit")
    url = f"/admin/parties/grouping/{eit.pk}/change/"
    data = form_data(admin_client.get(url))
    data["memberships-0-government"] = Government.objects.get(code="ARM").pk
    data["memberships-0-valid_from"] = "2001-01-01"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    membership = GroupingMembership.objects.get(grouping=eit)
    entry = AuditEntry.objects.get(target_type="parties.groupingmembership")
    assert (entry.event, entry.target_id, entry.details["via"]) == (
        "create",
        str(membership.pk),
        "admin",
    )
    assert entry.details["content"]["valid_from"] == "2001-01-01"
