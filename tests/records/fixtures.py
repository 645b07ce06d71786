"""Contacts that the record and contact tests share (the people and Parties are the whole
suite's: tests/personas.py and tests/conftest.py)."""

import pytest

from cbap.contacts.models import NationalContact
from cbap.records import services


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
