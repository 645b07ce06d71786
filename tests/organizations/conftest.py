"""Organizations, their editors and profiles, for the organization profile tests."""

import pytest

from cbap.accounts.models import Organization
from cbap.organizations.models import OrganizationProfile
from cbap.records import services
from tests.records.fixtures import *  # noqa: F403
from tests.records.fixtures import government, person


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
def provider(kenya):
    return Organization.objects.create(name="Demo provider (synthetic)", acronym="DPS")


@pytest.fixture
def other_provider(db):
    return Organization.objects.create(name="Other demo provider (synthetic)")


@pytest.fixture
def editor(provider):
    return person("editor@provider.example.org", "organization_editor", organization=provider)


@pytest.fixture
def other_editor(other_provider):
    return person("editor@other.example.org", "organization_editor", organization=other_provider)


@pytest.fixture
def provider_draft(provider, editor):
    """The provider's profile, saved once by its editor: revision 1, a draft."""
    return new_profile(provider, editor)


@pytest.fixture
def provider_published(provider_draft, editor, analyst):
    """Submitted by the editor (2), published by the Secretariat (3)."""
    submitted = services.record_transition(record=provider_draft, actor=editor, action="submit")
    return services.record_transition(record=submitted, actor=analyst, action="publish")
