"""The whole authorization matrix for national records, through the web AND the API.

Each role × (own Party's record / another Party's record) × (view draft, edit, submit, publish,
return, withdraw). The expected table is written out here by hand from the issue's roles, not
derived from `cbap.accounts.permissions.MATRIX`, so that a change there has to be deliberate.
Organizations' records (reference records) are covered the same way, on organization profiles, in
tests/organizations/test_authorization_matrix.py.
"""

import pytest

from cbap.accounts.models import Organization
from cbap.accounts.permissions import SYSTEM
from cbap.contacts.models import NationalContact
from cbap.records import services
from tests.personas import government, person
from tests.records import matrix
from tests.records.fixtures import contact_data
from tests.records.matrix import EVERYTHING, STATE_BEFORE, brought_to, cases, check_outcome

pytestmark = pytest.mark.django_db

# role → (allowed on Kenya's records, allowed on Brazil's records); every role acts for Kenya.
EXPECTED = {
    "public": (set(), set()),
    "national_user": ({"view_draft", "edit", "submit"}, set()),
    "national_focal_point": (EVERYTHING, set()),
    "organization_editor": (set(), set()),
    "secretariat_analyst": ({"view_draft"}, {"view_draft"}),
    "secretariat_admin": (EVERYTHING, EVERYTHING),
}
CASES = cases(EXPECTED, ("KEN", "BRA"))


def record_in_state(owner_code: str, state: str) -> NationalContact:
    party = government(owner_code, owner_code[:2], owner_code)
    record = services.record_create(
        model=NationalContact, actor=SYSTEM, data=contact_data(), owner_party=party
    )
    return brought_to(record, state)


def acting_user(role: str):
    kenya = government("KEN", "KE", "Kenya")
    if role == "public":
        return None
    if role == "organization_editor":
        organization = Organization.objects.create(name="Demo provider (synthetic)")
        return person(f"{role}@example.org", role, organization=organization)
    party = kenya if role.startswith("national") else None
    return person(f"{role}@example.org", role, party=party)


def through_the_web(client, record, action) -> int:
    base = f"/records/contacts.nationalcontact/{record.pk}"
    if action == "view_draft":
        return client.get(f"{base}/history/").status_code
    if action == "edit":
        form = {**contact_data(), "emails": "focal-point@example.org", "city": "Changed"}
        form.update(phones="", websites="", responsible_for_all="unknown", version=record.version)
        return client.post(f"/contacts/{record.pk}/edit/", form).status_code
    return client.post(
        f"{base}/{action}/", {"message": "A reason.", "version": record.version}
    ).status_code


def through_the_api(client, record, action) -> int:
    return matrix.through_the_api(client, f"/api/v1/contacts/{record.pk}/", record, action)


@pytest.mark.parametrize("channel", [through_the_web, through_the_api], ids=["web", "api"])
@pytest.mark.parametrize("role,owner,action,allowed", CASES)
def test_who_may_do_what(client, channel, role, owner, action, allowed):
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
