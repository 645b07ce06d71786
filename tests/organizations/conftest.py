"""Organizations, their editors and profiles, for the organization profile tests."""

import pytest

from cbap.organizations.models import OrganizationProfile
from cbap.records import services
from tests.personas import government
from tests.records.fixtures import *  # noqa: F403


def profile_data(**changes) -> dict:
    return {
        "name": "Demo provider (synthetic)",
        "acronym": "DPS",
        "organization_type": "NGO",
        "country": "KEN",
        "emails": ["provider@example.org"],
        "profile": "Demo data (synthetic): training on risk assessment.",
        **changes,
    }


def new_profile(organization, actor, **changes) -> OrganizationProfile:
    government("KEN", "KE", "Kenya")
    return services.record_create(
        model=OrganizationProfile,
        actor=actor,
        data=profile_data(**changes),
        owner_organization=organization,
    )


@pytest.fixture
def provider(kenya, provider):
    """The suite's provider, with Kenya in the registry (profiles name it as their country)."""
    return provider


@pytest.fixture
def provider_draft(provider, editor):
    """The provider's profile, saved once by its editor: revision 1, a draft."""
    return new_profile(provider, editor)


@pytest.fixture
def provider_published(provider_draft, editor, analyst):
    """Submitted by the editor (2), published by the Secretariat (3)."""
    submitted = services.record_transition(record=provider_draft, actor=editor, action="submit")
    return services.record_transition(record=submitted, actor=analyst, action="publish")
