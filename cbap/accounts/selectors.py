"""Reading people: whom a person manages, and for which Parties and organizations."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

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


def publishers_of(record) -> list[User]:
    """Who is told that the record waits for publication: the people whose role for its owner
    may publish it (a Party's focal points); where nobody holds such a role, the Secretariat
    roles that may (its analysts validate an organization's records)."""
    if record.owner_party_id:
        scope, owner = permissions.NATIONAL, Q(party_id=record.owner_party_id)
    elif record.owner_organization_id:
        scope, owner = permissions.REFERENCE, Q(organization_id=record.owner_organization_id)
    else:
        scope, owner = permissions.SITE, Q(pk__in=[])
    may_publish = [role for role in Role if Action.PUBLISH in permissions.RIGHTS[role, scope]]
    holders = RoleAssignment.objects.filter(role__in=may_publish, user__is_active=True)
    people = [a.user for a in holders.filter(owner).select_related("user")]
    if not people:
        secretariat = holders.filter(party__isnull=True, organization__isnull=True)
        people = [a.user for a in secretariat.select_related("user")]
    return list({person.pk: person for person in people}.values())


def writers_of(*, party=None, organization=None) -> list[User]:
    """The active people whose role for the owner (a Party or an organization) may edit its
    records: a Party's focal points and national users; an organization's editors."""
    scope, owner = (
        (permissions.NATIONAL, Q(party=party))
        if party is not None
        else (permissions.REFERENCE, Q(organization=organization))
    )
    may_edit = [role for role in Role if Action.EDIT in permissions.RIGHTS[role, scope]]
    holders = RoleAssignment.objects.filter(owner, role__in=may_edit, user__is_active=True)
    return list({a.user.pk: a.user for a in holders.select_related("user")}.values())


def reviewers() -> list[User]:
    """The Secretariat's people who validate organizations' records (and review their
    declarations of interest)."""
    may_publish = [
        role for role in Role if Action.PUBLISH in permissions.RIGHTS[role, permissions.REFERENCE]
    ]
    holders = RoleAssignment.objects.filter(
        role__in=may_publish, user__is_active=True, party__isnull=True, organization__isnull=True
    )
    return list({a.user.pk: a.user for a in holders.select_related("user")}.values())
