"""The whole authorization matrix for organizations' records (reference records), through the
web AND the API, on a real record type: the organization profile.

Each role × (own organization's record / another organization's record) × (view draft, edit,
submit, publish, return, withdraw). The expected table is written out here by hand from the
issue's roles, not derived from `cbap.accounts.permissions.MATRIX`: an organization editor edits
its own organization's records and submits them, and the Secretariat validates them before
publication (the analyst publishes and returns; withdrawing is the administrators'). National
records are covered the same way in tests/contacts/test_authorization_matrix.py.
"""

import pytest

from cbap.accounts.models import Organization
from cbap.accounts.permissions import SYSTEM
from cbap.organizations.models import OrganizationProfile
from cbap.records import services
from tests.organizations.conftest import profile_data
from tests.personas import government, person
from tests.records import matrix
from tests.records.matrix import EVERYTHING, STATE_BEFORE, brought_to, cases, check_outcome

pytestmark = pytest.mark.django_db

# role → (allowed on its own organization's record, allowed on another organization's record).
# The national roles act for Kenya; the organization editor for "own".
EXPECTED = {
    "public": (set(), set()),
    "national_user": (set(), set()),
    "national_focal_point": (set(), set()),
    "organization_editor": ({"view_draft", "edit", "submit"}, set()),
    "secretariat_analyst": (
        {"view_draft", "publish", "return"},
        {"view_draft", "publish", "return"},
    ),
    "secretariat_admin": (EVERYTHING, EVERYTHING),
}
CASES = cases(EXPECTED, ("own", "other"))


def organization(which: str) -> Organization:
    name = {"own": "Own demo provider (synthetic)", "other": "Other demo provider (synthetic)"}
    return Organization.objects.get_or_create(name=name[which])[0]


def record_in_state(owner: str, state: str) -> OrganizationProfile:
    government("KEN", "KE", "Kenya")
    record = services.record_create(
        model=OrganizationProfile,
        actor=SYSTEM,
        data=profile_data(name=f"{owner} profile (synthetic)"),
        owner_organization=organization(owner),
    )
    return brought_to(record, state)


def acting_user(role: str):
    if role == "public":
        return None
    if role == "organization_editor":
        return person(f"{role}@example.org", role, organization=organization("own"))
    party = government("KEN", "KE", "Kenya") if role.startswith("national") else None
    return person(f"{role}@example.org", role, party=party)


def through_the_web(client, record, action) -> int:
    if action == "view_draft":
        return client.get(f"/organizations/{record.pk}/").status_code
    if action == "edit":
        form = {**profile_data(), "emails": "provider@example.org", "city": "Changed"}
        form.update(phones="", websites="", address="", version=record.version)
        return client.post(f"/organizations/{record.pk}/edit/", form).status_code
    return client.post(
        f"/records/organizations.organizationprofile/{record.pk}/{action}/",
        {"message": "A reason.", "version": record.version},
    ).status_code


def through_the_api(client, record, action) -> int:
    return matrix.through_the_api(client, f"/api/v1/organizations/{record.pk}/", record, action)


@pytest.mark.parametrize("channel", [through_the_web, through_the_api], ids=["web", "api"])
@pytest.mark.parametrize("role,owner,action,allowed", CASES)
def test_who_may_do_what_with_an_organizations_record(
    client, channel, role, owner, action, allowed
):
    record = record_in_state(owner, STATE_BEFORE[action])
    before = (record.status, record.version)
    user = acting_user(role)
    if user is not None:
        client.force_login(user)

    status = channel(client, record, action)

    check_outcome(
        record, before, status=status, user=user, role=role, owner=owner, action=action,
        allowed=allowed,
    )  # fmt: skip
