"""Demo organizations: labelled as demo data, the demo editor's profile published, another one
submitted for the Secretariat to validate; loading twice changes nothing."""

import io

import pytest

from cbap.accounts.models import Organization
from cbap.accounts.permissions import Action, can
from cbap.audit.models import AuditEntry
from cbap.demo.accounts import DEMO_ORGANIZATION, demo_accounts_load
from cbap.demo.organizations import DEMO_SECOND_ORGANIZATION, demo_profiles_load
from cbap.organizations.models import OrganizationProfile

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    demo_accounts_load(out)
    demo_profiles_load(out)
    return out.getvalue()


def test_demo_organizations_are_labelled_and_their_profiles_go_through_the_workflow(kenya, brazil):
    assert "2 demo organization profile(s) created" in load_demo()
    assert set(Organization.objects.values_list("name", "is_demo")) == {
        (DEMO_ORGANIZATION, True),
        (DEMO_SECOND_ORGANIZATION, True),
    }
    profiles = {p.owner_organization.name: p for p in OrganizationProfile.objects.all()}
    assert profiles[DEMO_ORGANIZATION].status == "published"
    assert profiles[DEMO_SECOND_ORGANIZATION].status == "submitted"
    assert all("Demo data (synthetic)" in p.profile for p in profiles.values())
    assert all(e.endswith("@example.org") for p in profiles.values() for e in p.emails)
    assert AuditEntry.objects.filter(event="create", details__by="system").count() == 2


def test_the_demo_editor_edits_the_demo_organizations_profile_only(kenya, brazil):
    from cbap.accounts.models import User

    load_demo()
    editor = User.objects.get(email="editor@demo.cbap.example")
    own = OrganizationProfile.objects.get(owner_organization__name=DEMO_ORGANIZATION)
    other = OrganizationProfile.objects.get(owner_organization__name=DEMO_SECOND_ORGANIZATION)
    assert can(editor, Action.EDIT, own) and not can(editor, Action.PUBLISH, own)
    assert not can(editor, Action.EDIT, other)


def test_loading_the_demo_twice_changes_nothing(kenya, brazil):
    load_demo()
    versions = list(OrganizationProfile.objects.order_by("pk").values_list("pk", "version"))
    assert "0 demo organization profile(s) created" in load_demo()
    assert list(OrganizationProfile.objects.order_by("pk").values_list("pk", "version")) == versions
