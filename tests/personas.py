"""The people, Parties and organizations tests are written about, made one way for the whole suite.

Users get their roles as `RoleAssignment` rows, exactly as the accounts app stores them, so every
test goes through the real `cbap.accounts.permissions`. Everyone has the same password; the suite
hashes it with MD5 (see tests/conftest.py), so signing in stays cheap.

The models are imported inside the functions: the root conftest imports this module, and
tests/indicators/test_definitions.py must still run without Django (`-p no:django`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cbap.accounts.models import Organization, User
    from cbap.parties.models import Government

PASSWORD = "a long enough test password"


def government(code: str, iso2: str, name: str) -> Government:
    """The government with `code`, created if the test database does not have it yet."""
    from cbap.parties.models import Government

    return Government.objects.get_or_create(
        code=code, defaults={"iso3": code, "iso2": iso2, "name": name}
    )[0]


def organization(name: str, **fields) -> Organization:
    from cbap.accounts.models import Organization

    return Organization.objects.create(name=name, **fields)


def person(
    email: str,
    role: str | None = None,
    *,
    party: Government | None = None,
    organization: Organization | None = None,
    password: str = PASSWORD,
    **fields,
) -> User:
    """A user with `password` and, when `role` is given, that one role (for `party` or
    `organization` when the role needs one); `fields` go to the user (`is_superuser=True` …)."""
    from cbap.accounts.models import RoleAssignment, User

    user = User.objects.create_user(email, password, **fields)
    if role:
        RoleAssignment.objects.create(user=user, role=role, party=party, organization=organization)
    return user
