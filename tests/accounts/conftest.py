"""Parties, organizations and people with one role each, for the accounts tests."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from cbap.accounts.models import Organization, RoleAssignment, User
from cbap.parties.models import Government

PASSWORD = "a long enough test password"


@dataclass
class FakeRecord:
    """What `permissions` needs of a record, and nothing else."""

    owner_party_id: int | None = None
    owner_organization_id: int | None = None
    status: str = "draft"
    published_version: int | None = None


def government(code: str, iso2: str, name: str) -> Government:
    return Government.objects.get_or_create(
        code=code, defaults={"iso3": code, "iso2": iso2, "name": name}
    )[0]


def person(email: str, role: str | None = None, *, party=None, organization=None, **fields) -> User:
    user = User.objects.create_user(email, PASSWORD, **fields)
    if role:
        RoleAssignment.objects.create(user=user, role=role, party=party, organization=organization)
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow by design; these tests sign in hundreds of times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def kenya(db):
    return government("KEN", "KE", "Kenya")


@pytest.fixture
def brazil(db):
    return government("BRA", "BR", "Brazil")


@pytest.fixture
def provider(db):
    return Organization.objects.create(name="Demo provider (synthetic)", acronym="DPS")


@pytest.fixture
def other_provider(db):
    return Organization.objects.create(name="Other demo provider (synthetic)")


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def admin_user(db):
    """A Secretariat administrator as the services make one: role and superuser."""
    return person("admin@secretariat.example.org", "secretariat_admin", is_superuser=True)


@pytest.fixture
def analyst(db):
    return person("analyst@secretariat.example.org", "secretariat_analyst")


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
def brazil_user(brazil):
    return person("user@brazil.example.org", "national_user", party=brazil)


@pytest.fixture
def editor(provider):
    return person("editor@provider.example.org", "organization_editor", organization=provider)


def admin_form_data(response) -> dict:
    """What the admin's change form would post back unchanged, inlines and their management
    forms included (split date-times as their two parts)."""
    data = {}

    def put(form, name, prefixed):
        bound, widget = form[name], form.fields[name].widget
        value = bound.value()
        if hasattr(widget, "decompress"):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{prefixed}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[prefixed] = "on"
        elif value is not None:
            data[prefixed] = value

    admin_form = response.context["adminform"].form
    for name in admin_form.fields:
        put(admin_form, name, admin_form.add_prefix(name))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for form in formset.forms:
            for name in form.fields:
                put(form, name, form.add_prefix(name))
    return data
