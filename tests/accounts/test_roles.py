"""Role assignments: the database keeps each role held for the right kind of owner."""

import pytest
from django.db import IntegrityError, transaction

from cbap.accounts.models import RoleAssignment
from tests.accounts.conftest import person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role, owner",
    [
        ("national_focal_point", {}),
        ("national_user", {"organization": "provider"}),
        ("organization_editor", {}),
        ("organization_editor", {"party": "kenya"}),
        ("secretariat_analyst", {"party": "kenya"}),
        ("secretariat_admin", {"organization": "provider"}),
    ],
)
def test_a_role_held_for_the_wrong_kind_of_owner_is_refused(role, owner, kenya, provider):
    objects = {"kenya": kenya, "provider": provider}
    user = person("someone@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=user, role=role, **{key: objects[name] for key, name in owner.items()}
        )


def test_a_role_is_held_once_per_owner(kenya, brazil, kenya_user):
    RoleAssignment.objects.create(user=kenya_user, role="national_user", party=brazil)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=kenya_user, role="national_user", party=kenya)


def test_a_secretariat_role_is_held_once(analyst):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=analyst, role="secretariat_analyst")


def test_a_user_knows_their_roles_parties_and_organizations(kenya, brazil, provider):
    user = person("busy@example.org", "national_focal_point", party=kenya)
    RoleAssignment.objects.create(user=user, role="national_user", party=brazil)
    RoleAssignment.objects.create(user=user, role="organization_editor", organization=provider)
    user.forget_roles()
    assert [a.label for a in user.roles()] == [
        "National focal point of Kenya",
        "National authorized user of Brazil",
        "Organization editor of Demo provider (synthetic)",
    ]
    assert user.parties() == [brazil, kenya]
    assert user.parties("national_focal_point") == [kenya]
    assert user.party_ids() == {kenya.pk, brazil.pk}
    assert user.organizations() == [provider]
    assert not user.is_secretariat


def test_the_secretariat_is_the_analysts_and_administrators(analyst, admin_user, kenya_user):
    assert analyst.is_secretariat and not analyst.is_secretariat_admin
    assert admin_user.is_secretariat and admin_user.is_secretariat_admin
    assert not kenya_user.is_secretariat
