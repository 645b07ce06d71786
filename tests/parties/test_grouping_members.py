"""The economies in transition: shipped empty, kept by Secretariat administrators on
/parties/groupings/eit/members/ with dates, every change audited, left alone by the loader."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from cbap.audit.models import AuditEntry
from cbap.parties import selectors, services
from cbap.parties.models import Government, Grouping, GroupingMembership
from tests.personas import person

pytestmark = pytest.mark.django_db

PAGE = "/parties/groupings/eit/members/"


@pytest.fixture
def admin(loaded_registry):
    return person("admin@secretariat.example.org", "secretariat_admin")


@pytest.fixture
def eit(loaded_registry):
    return Grouping.objects.get(code="eit")


def add(client, code, **dates):
    government = Government.objects.get(code=code)
    return client.post(f"{PAGE}add/", {"government": government.pk, **dates})


def test_only_the_economies_in_transition_are_kept_by_the_secretariat(loaded_registry):
    kept = list(Grouping.objects.filter(secretariat_managed=True).values_list("code", flat=True))
    assert kept == ["eit"]


def test_an_administrator_adds_a_government_with_dates_and_it_is_audited(client, admin, eit):
    client.force_login(admin)
    assert client.get(PAGE).status_code == 200
    response = add(client, "ARM", valid_from="2000-01-01", valid_to="2020-12-31", note="Test")
    assert response.status_code == 302 and response["Location"] == PAGE
    membership = GroupingMembership.objects.get(grouping=eit)
    assert (membership.government.code, membership.valid_from, membership.valid_to) == (
        "ARM",
        date(2000, 1, 1),
        date(2020, 12, 31),
    )
    entry = AuditEntry.objects.get(event="create", target_type="parties.groupingmembership")
    assert entry.actor == admin
    assert entry.details["membership"] == {
        "grouping": "eit",
        "government": "ARM",
        "valid_from": "2000-01-01",
        "valid_to": "2020-12-31",
        "note": "Test",
    }
    on = lambda day: list(selectors.grouping_members_on("eit", day).values_list("code", flat=True))  # noqa: E731
    assert on(date(2019, 10, 1)) == ["ARM"]
    assert on(date(2026, 2, 28)) == []


def test_changing_the_dates_and_removing_are_audited_with_what_was(client, admin, eit):
    client.force_login(admin)
    add(client, "ARM")
    membership = GroupingMembership.objects.get(grouping=eit)
    response = client.post(f"{PAGE}{membership.pk}/", {"valid_to": "2024-06-30", "note": ""})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_to == date(2024, 6, 30)
    change = AuditEntry.objects.get(event="change", target_type="parties.groupingmembership")
    assert change.details["changes"] == {"valid_to": {"old": None, "new": "2024-06-30"}}
    assert client.post(f"{PAGE}{membership.pk}/remove/").status_code == 302
    assert not GroupingMembership.objects.filter(grouping=eit).exists()
    removed = AuditEntry.objects.get(event="delete", target_type="parties.groupingmembership")
    assert removed.details["membership"]["valid_to"] == "2024-06-30"
    assert removed.target_label == "Armenia in Economies in transition"


def test_dates_out_of_order_are_refused_with_the_reason(client, admin, eit):
    client.force_login(admin)
    response = add(client, "ARM", valid_from="2020-01-01", valid_to="2019-01-01")
    assert response.status_code == 400
    assert "The first day must not be after the last day." in response.content.decode()
    assert not GroupingMembership.objects.filter(grouping=eit).exists()
    assert not AuditEntry.objects.exists()


def test_a_government_is_in_a_grouping_once(admin, eit):
    armenia = Government.objects.get(code="ARM")
    services.grouping_member_add(actor=admin, grouping=eit, government=armenia)
    with pytest.raises(services.GroupingError, match="already"):
        services.grouping_member_add(actor=admin, grouping=eit, government=armenia)


@pytest.mark.parametrize("role", ["secretariat_analyst", "national_focal_point", None])
def test_nobody_else_may_edit_the_members(client, eit, role):
    kenya = Government.objects.get(code="KEN")
    user = person(
        f"{role}@example.org", role, party=kenya if role == "national_focal_point" else None
    )
    client.force_login(user)
    assert client.get(PAGE).status_code == 403
    assert add(client, "ARM").status_code == 403
    with pytest.raises(PermissionDenied):
        services.grouping_member_add(actor=user, grouping=eit, government=kenya)
    assert not GroupingMembership.objects.filter(grouping=eit).exists()


def test_the_public_may_not_either(client, eit):
    assert client.get(PAGE).status_code == 403
    assert add(client, "ARM").status_code == 403


def test_groupings_loaded_from_the_files_are_not_edited_here(client, admin):
    client.force_login(admin)
    assert client.get("/parties/groupings/ldc/members/").status_code == 404
    with pytest.raises(services.GroupingError, match="reference data"):
        services.grouping_member_add(
            actor=admin,
            grouping=Grouping.objects.get(code="ldc"),
            government=Government.objects.get(code="FRA"),
        )


def test_loading_the_reference_data_again_leaves_the_members_alone(admin, eit):
    services.grouping_member_add(
        actor=admin, grouping=eit, government=Government.objects.get(code="ARM")
    )
    services.reference_data_load()
    assert GroupingMembership.objects.filter(grouping=eit).count() == 1
    assert Grouping.objects.get(code="eit").secretariat_managed


def test_the_parties_page_links_the_members_page_for_administrators_only(client, admin, eit):
    assert PAGE not in client.get("/parties/").content.decode()
    client.force_login(admin)
    html = client.get("/parties/").content.decode()
    assert f'<a href="{PAGE}">Edit the members of Economies in transition</a>' in html
