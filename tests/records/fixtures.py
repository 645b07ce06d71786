"""People, Parties and contacts that the record and contact tests share.

Users get their roles as `RoleAssignment` rows, exactly as the accounts app stores them, so every
test goes through the real `cbap.accounts.permissions`.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from cbap.accounts.models import RoleAssignment, User
from cbap.contacts.models import NationalContact
from cbap.parties.models import Government
from cbap.records import services


def government(code: str, iso2: str, name: str) -> Government:
    return Government.objects.get_or_create(
        code=code, defaults={"iso3": code, "iso2": iso2, "name": name}
    )[0]


def person(email: str, role: str | None = None, party=None, organization=None) -> User:
    user = User.objects.create_user(email)  # no password: tests sign in with force_login
    if role:
        RoleAssignment.objects.create(user=user, role=role, party=party, organization=organization)
    return user


def contact_data(**changes) -> dict:
    return {
        "role": "focal_point",
        "name": "Demo contact (synthetic)",
        "organization": "Demo ministry (synthetic)",
        "emails": ["focal-point@example.org"],
        **changes,
    }


def new_contact(party, actor, **changes) -> NationalContact:
    return services.record_create(
        model=NationalContact, actor=actor, data=contact_data(**changes), owner_party=party
    )


def published(contact, actor) -> NationalContact:
    return services.record_transition(record=contact, actor=actor, action="publish")


@pytest.fixture
def kenya(db):
    return government("KEN", "KE", "Kenya")


@pytest.fixture
def brazil(db):
    return government("BRA", "BR", "Brazil")


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def kenya_focal_point(kenya):
    return person("nfp@kenya.example.org", "national_focal_point", party=kenya)


@pytest.fixture
def kenya_user(kenya):
    return person("user@kenya.example.org", "national_user", party=kenya)


@pytest.fixture
def brazil_focal_point(brazil):
    return person("nfp@brazil.example.org", "national_focal_point", party=brazil)


@pytest.fixture
def analyst(db):
    return person("analyst@secretariat.example.org", "secretariat_analyst")


@pytest.fixture
def secretariat_admin(db):
    return person("admin@secretariat.example.org", "secretariat_admin")


@pytest.fixture
def kenya_draft(kenya, kenya_focal_point):
    """A Kenyan contact saved once: revision 1, a draft."""
    return new_contact(kenya, kenya_focal_point)


@pytest.fixture
def kenya_published(kenya, kenya_focal_point):
    """A Kenyan contact created and published: revision 2 is public."""
    return published(new_contact(kenya, kenya_focal_point), kenya_focal_point)


@pytest.fixture
def brazil_published(brazil, brazil_focal_point):
    return published(
        new_contact(brazil, brazil_focal_point, name="Demo contact (synthetic) of Brazil"),
        brazil_focal_point,
    )
