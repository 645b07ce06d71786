"""Reading people: whom a person manages, and for which Parties and organizations."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from cbap.accounts import permissions
from cbap.accounts.models import Organization, Role, RoleAssignment, User
from cbap.accounts.permissions import Action
from cbap.parties.models import Government


def managed_party_ids(viewer) -> set[int] | None:
    """The Parties whose users `viewer` manages; None means every Party (the Secretariat)."""
    if permissions.can(viewer, Action.MANAGE_USERS):
        return None
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return {
        pk for pk in viewer.party_ids() if permissions.can(viewer, Action.MANAGE_USERS, party=pk)
    }


def may_manage_users(viewer) -> bool:
    return managed_party_ids(viewer) != set()


def managed_owners(viewer) -> tuple[QuerySet[Government], QuerySet[Organization]]:
    """The Parties and organizations for which `viewer` may grant roles."""
    party_ids = managed_party_ids(viewer)
    if party_ids is None:
        return Government.objects.all(), Organization.objects.all()
    return Government.objects.filter(pk__in=party_ids), Organization.objects.none()


def grantable_roles_anywhere(viewer) -> list[Role]:
    """The roles `viewer` may give for at least one Party or organization they manage."""
    party_ids = managed_party_ids(viewer)
    if party_ids is None:
        return list(Role)
    return sorted(
        {role for pk in party_ids for role in permissions.grantable_roles(viewer, party=pk)},
        key=list(Role).index,
    )


def users_managed_by(viewer) -> QuerySet[User]:
    """The accounts `viewer` manages, with their roles: everybody for a Secretariat
    administrator, the people holding a role of their own Party for a national focal point."""
    party_ids = managed_party_ids(viewer)
    users = User.objects.all()
    if party_ids is not None:
        users = users.filter(role_assignments__party__in=party_ids).distinct()
    assignments = RoleAssignment.objects.select_related("party", "organization").order_by(
        "role", "party__name", "organization__name"
    )
    return users.order_by("email").prefetch_related(
        Prefetch("role_assignments", queryset=assignments)
    )


def may_manage_user(viewer, user: User) -> bool:
    """Whether `user` is among the accounts `viewer` manages."""
    party_ids = managed_party_ids(viewer)
    if party_ids is None:
        return True
    return any(assignment.party_id in party_ids for assignment in user.roles())


def role_rows(viewer, user: User) -> list[tuple[RoleAssignment, bool]]:
    """The user's roles, each with whether `viewer` may take it away."""
    return [
        (
            assignment,
            permissions.may_grant(
                viewer,
                assignment.role,
                party=assignment.party_id,
                organization=assignment.organization_id,
            ),
        )
        for assignment in user.roles()
    ]
