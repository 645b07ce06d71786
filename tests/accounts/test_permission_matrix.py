"""The whole matrix: each role × whose draft it is × each step, against a fake record.

Written out by hand from the role descriptions (issue #3), not derived from `permissions.MATRIX`,
so that a change to the table in the module shows up here as a failing row.
"""

import pytest

from cbap.accounts.permissions import Action, can
from tests.accounts.conftest import FakeRecord, person

ACTIONS = ["VIEW", "EDIT", "SUBMIT", "PUBLISH", "RETURN", "WITHDRAW"]

# Kenya and "Demo provider" are the role's own Party and organization; Brazil and "Other demo
# provider" are someone else's. VIEW is of a draft (published records are everybody's).
TABLE = """
role                  owner         VIEW  EDIT  SUBMIT  PUBLISH  RETURN  WITHDRAW
public                own_party     -     -     -       -        -       -
public                other_party   -     -     -       -        -       -
public                own_org       -     -     -       -        -       -
public                other_org     -     -     -       -        -       -
national_user         own_party     yes   yes   yes     -        -       -
national_user         other_party   -     -     -       -        -       -
national_user         own_org       -     -     -       -        -       -
national_user         other_org     -     -     -       -        -       -
national_focal_point  own_party     yes   yes   yes     yes      yes     yes
national_focal_point  other_party   -     -     -       -        -       -
national_focal_point  own_org       -     -     -       -        -       -
national_focal_point  other_org     -     -     -       -        -       -
organization_editor   own_party     -     -     -       -        -       -
organization_editor   other_party   -     -     -       -        -       -
organization_editor   own_org       yes   yes   yes     -        -       -
organization_editor   other_org     -     -     -       -        -       -
secretariat_analyst   own_party     yes   -     -       -        -       -
secretariat_analyst   other_party   yes   -     -       -        -       -
secretariat_analyst   own_org       yes   -     -       yes      yes     -
secretariat_analyst   other_org     yes   -     -       yes      yes     -
secretariat_admin     own_party     yes   yes   yes     yes      yes     yes
secretariat_admin     other_party   yes   yes   yes     yes      yes     yes
secretariat_admin     own_org       yes   yes   yes     yes      yes     yes
secretariat_admin     other_org     yes   yes   yes     yes      yes     yes
"""


def cases():
    header, *rows = [line.split() for line in TABLE.strip().splitlines()]
    assert header[2:] == ACTIONS
    for role, owner, *cells in rows:
        for action, cell in zip(ACTIONS, cells, strict=True):
            yield pytest.param(role, owner, action, cell == "yes", id=f"{role}-{owner}-{action}")


@pytest.fixture
def owners(kenya, brazil, provider, other_provider):
    return {
        "own_party": FakeRecord(owner_party_id=kenya.pk),
        "other_party": FakeRecord(owner_party_id=brazil.pk),
        "own_org": FakeRecord(owner_organization_id=provider.pk),
        "other_org": FakeRecord(owner_organization_id=other_provider.pk),
    }


def holder(role: str, kenya, provider):
    from django.contrib.auth.models import AnonymousUser

    if role == "public":
        return AnonymousUser()
    owner = {"party": kenya} if role.startswith("national") else {}
    owner = {"organization": provider} if role == "organization_editor" else owner
    return person(f"{role}@example.org", role, **owner)


@pytest.mark.parametrize("role, owner, action, allowed", list(cases()))
def test_the_matrix(role, owner, action, allowed, owners, kenya, provider):
    user = holder(role, kenya, provider)
    assert can(user, Action[action], owners[owner]) is allowed


@pytest.mark.parametrize("role", ["public", "national_user", "organization_editor"])
def test_everybody_views_a_published_record_of_anyone(role, owners, kenya, provider):
    user = holder(role, kenya, provider)
    for record in owners.values():
        record.status = "published"
        assert can(user, Action.VIEW, record)
        assert not can(user, Action.EDIT, record) or role != "public"


def test_the_public_sees_the_published_revision_of_a_record_being_edited_again(owners, anonymous):
    record = owners["own_party"]
    record.published_version = 2  # status is "draft": a newer working copy exists
    assert can(anonymous, Action.VIEW, record)
    assert not can(anonymous, Action.VIEW_DRAFT, record)
