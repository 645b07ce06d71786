"""Who may do what: the one place that decides every access, for web views, the API and the CLI.

A person's rights come from their roles (see `cbap.accounts.models.Role`) and from whose record it
is. Each record has an owner: a Party (a *national* record, such as a national report or contact),
an organization (a *reference* record, such as a capacity-building offer) or nobody (a *site*
record the Secretariat keeps). A role applies to an owner when it is held for it: the national
roles for their own Party, an organization editor's role for its own organization, and the
Secretariat roles everywhere. What an applicable role allows is the `MATRIX` below.

Two rules sit outside the table:

* Everybody, signed in or not, may VIEW a published record (one with a published revision).
  Viewing anything else needs the VIEW_DRAFT right on its owner.
* Whether a workflow step applies to a record's *status* (publishing a draft, withdrawing what is
  public) is `cbap.records.workflow`'s business; this module only says who may take the step.

`can(user, action, record)` answers; `require(...)` raises `PermissionDenied` instead of returning
False; `visible_records(user, queryset)` filters a queryset to what the person may view;
`drf_permission(action)` wraps `can` for a DRF view; `may_grant(user, role, ...)` says who may give
which role to someone else.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from cbap.accounts.models import PARTY_ROLES, SECRETARIAT_ROLES, Role, role_scope
from cbap.core.languages import deferred


class Action(StrEnum):
    VIEW = "view"
    VIEW_DRAFT = "view_draft"
    CREATE = "create"
    EDIT = "edit"
    SUBMIT = "submit"
    PUBLISH = "publish"
    RETURN = "return"
    WITHDRAW = "withdraw"
    RESTORE = "restore"
    DELETE = "delete"
    VIEW_HISTORY = "view_history"
    MANAGE_USERS = "manage_users"
    READ_AUDIT = "read_audit"
    IMPORT = "import"
    EDIT_GROUPINGS = "edit_groupings"
    ASK_QUERY = "ask_query"
    ANSWER_QUERY = "answer_query"
    FREEZE_DATA = "freeze_data"


# Whose records a role acts on. N: national records (of the role's own Party; of every Party for
# the Secretariat). R: reference records (of the role's own organization; of every organization
# for the Secretariat). S: records with no owner, and site-wide actions asked without a record.
NATIONAL, REFERENCE, SITE = "N", "R", "S"

# Everybody, the anonymous public included, holds this pseudo-role.
PUBLIC = "public"

COLUMNS = (
    PUBLIC,
    Role.NATIONAL_USER,
    Role.NATIONAL_FOCAL_POINT,
    Role.ORGANIZATION_EDITOR,
    Role.SECRETARIAT_ANALYST,
    Role.SECRETARIAT_ADMIN,
)

# fmt: off
MATRIX: dict[Action, tuple[str, ...]] = {
    #                          public  national  national     organization  Secretariat  Secretariat
    #                                  auth.user focal point  editor        analyst      admin
    Action.VIEW:              ("",     "N",      "N",         "R",          "NRS",       "NRS"),
    Action.VIEW_DRAFT:        ("",     "N",      "N",         "R",          "NRS",       "NRS"),
    Action.VIEW_HISTORY:      ("",     "N",      "N",         "R",          "NRS",       "NRS"),
    Action.CREATE:            ("",     "N",      "N",         "R",          "S",         "NRS"),
    Action.EDIT:              ("",     "N",      "N",         "R",          "S",         "NRS"),
    Action.SUBMIT:            ("",     "N",      "N",         "R",          "S",         "NRS"),
    Action.PUBLISH:           ("",     "",       "N",         "",           "RS",        "NRS"),
    Action.RETURN:            ("",     "",       "N",         "",           "RS",        "NRS"),
    Action.WITHDRAW:          ("",     "",       "N",         "",           "",          "NRS"),
    Action.RESTORE:           ("",     "",       "N",         "",           "",          "NRS"),
    Action.DELETE:            ("",     "",       "N",         "",           "",          "NRS"),
    Action.IMPORT:            ("",     "",       "N",         "",           "",          "NRS"),
    Action.MANAGE_USERS:      ("",     "",       "N",         "",           "",          "NRS"),
    Action.READ_AUDIT:        ("",     "",       "",          "",           "NRS",       "NRS"),
    Action.EDIT_GROUPINGS:    ("",     "",       "",          "",           "",          "S"),
    Action.ASK_QUERY:         ("",     "",       "",          "",           "N",         "N"),
    Action.ANSWER_QUERY:      ("",     "N",      "N",         "",           "",          "N"),
    Action.FREEZE_DATA:       ("",     "",       "",          "",           "S",         "S"),
}
# VIEW in the table is viewing a record nobody has published yet (published ones are public).
# ASK_QUERY is the Secretariat asking a Party about its report; ANSWER_QUERY its reply.
# EDIT_GROUPINGS is keeping the members of the groupings no source lists (economies in
# transition): registry data, not a record to validate, so the administrators' alone.
# FREEZE_DATA is freezing a dataset of the evaluation's inputs (a snapshot): the Secretariat's.
# S for analysts: the records of no Party or organization, the evaluation's findings, are theirs
# to write and review.

# Which roles a person may give to (and take from) others, once MANAGE_USERS holds for the owner:
# a national focal point adds and removes the national authorized users of their own Party.
GRANTABLE: dict[str, frozenset[str]] = {
    Role.SECRETARIAT_ADMIN: frozenset(Role),
    Role.NATIONAL_FOCAL_POINT: frozenset({Role.NATIONAL_USER}),
}
# fmt: on

# (role, scope) → the actions it allows there; built from MATRIX so the table stays the truth.
RIGHTS: dict[tuple[str, str], frozenset[Action]] = {
    (role, scope): frozenset(
        action for action, cells in MATRIX.items() if scope in cells[COLUMNS.index(role)]
    )
    for role in COLUMNS
    for scope in (NATIONAL, REFERENCE, SITE)
}

# Actions about an owner as a whole rather than about its records.
SITE_WIDE = {
    Action.MANAGE_USERS,
    Action.READ_AUDIT,
    Action.EDIT_GROUPINGS,
    Action.FREEZE_DATA,
}

# Translators: completes “Your roles do not allow you to … this record.”
VERBS: dict[Action, str] = {
    Action.VIEW: pgettext_lazy("refused action", "view"),
    Action.VIEW_DRAFT: pgettext_lazy("refused action", "view the working draft of"),
    Action.CREATE: pgettext_lazy("refused action", "create"),
    Action.EDIT: pgettext_lazy("refused action", "edit"),
    Action.SUBMIT: pgettext_lazy("refused action", "submit for publication"),
    Action.PUBLISH: pgettext_lazy("refused action", "publish"),
    Action.RETURN: pgettext_lazy("refused action", "return to draft"),
    Action.WITHDRAW: pgettext_lazy("refused action", "withdraw"),
    Action.RESTORE: pgettext_lazy("refused action", "restore an old revision of"),
    Action.DELETE: pgettext_lazy("refused action", "delete"),
    Action.VIEW_HISTORY: pgettext_lazy("refused action", "view the history of"),
    Action.MANAGE_USERS: pgettext_lazy("refused action", "manage the users of"),
    Action.READ_AUDIT: pgettext_lazy("refused action", "read the audit trail of"),
    Action.IMPORT: pgettext_lazy("refused action", "import"),
    Action.EDIT_GROUPINGS: pgettext_lazy("refused action", "edit the country groupings of"),
    Action.ASK_QUERY: pgettext_lazy("refused action", "ask a question about"),
    Action.ANSWER_QUERY: pgettext_lazy("refused action", "answer the questions about"),
    Action.FREEZE_DATA: pgettext_lazy("refused action", "freeze the data of"),
}


class _System:
    """Who acts when the platform writes by itself or for the operator at the command line
    (loaders, `cbap` commands without `--as`, demo data): nobody signed in, and every right,
    since whoever runs the server holds it anyway. Services take it explicitly, never as a
    default; their audit entries say so."""

    is_authenticated = False
    email = "system"

    def __str__(self) -> str:
        return "the system (command line)"


SYSTEM = _System()


def can(user, action: Action, record=None, *, party=None, organization=None) -> bool:
    """Whether `user` (a User, AnonymousUser or None) may take `action`.

    `record` is anything with `owner_party_id`, `owner_organization_id` and `status` (and
    optionally `published_version`). Without a record, `party` and/or `organization` (instances
    or primary keys) name the owner of the record to be created or imported, or of the users to
    be managed; with none of them the question is about the whole site.
    """
    action = Action(action)
    if user is SYSTEM:
        return True
    if action is Action.VIEW and (record is None or is_published(record)):
        return True
    return action in rights(user, record, party=party, organization=organization)


def require(user, action: Action, record=None, **owners) -> None:
    """`can`, raising PermissionDenied with a message saying what was refused (HTTP 403)."""
    if not can(user, action, record, **owners):
        raise PermissionDenied(refusal(user, action, record, **owners))


def rights(user, record=None, *, party=None, organization=None) -> frozenset[Action]:
    """Every action the person may take on the record (or owner), VIEW of published aside."""
    if record is not None:
        party, organization = record.owner_party_id, record.owner_organization_id
    party, organization = _pk(party), _pk(organization)
    owners = [(NATIONAL, party)] if party else []
    owners += [(REFERENCE, organization)] if organization else []
    owners = owners or [(SITE, None)]
    allowed: set[Action] = set()
    for role, held_for in _roles(user):
        for scope, owner in owners:
            if held_for is None or held_for == (scope, owner):
                allowed |= RIGHTS[role, scope]
    return frozenset(allowed)


def is_published(record) -> bool:
    """Whether the public sees the record: it is published, or a revision of it is."""
    return (
        getattr(record, "published_version", None) is not None
        or getattr(record, "status", None) == "published"
    )


def refusal(user, action: Action, record=None, *, party=None, organization=None) -> str:
    """The message of a refused action, naming it and what it was about."""
    action = Action(action)
    owner = party if party is not None else organization
    if record is not None:
        what = _("this record")
    elif owner is None:
        what = _("this site")
    else:
        name = _name(owner, _("this Party") if party is not None else _("this organization"))
        what = name if action in SITE_WIDE else _("the records of %(owner)s") % {"owner": name}
    values = {"action": VERBS[action], "what": what}
    if not _is_signed_in(user):
        return (
            _("Please sign in to %(action)s %(what)s: the public sees published records only.")
            % values
        )
    return _("Your roles do not allow you to %(action)s %(what)s.") % values


def visible_records(user, queryset: QuerySet) -> QuerySet:
    """The records of `queryset` the person may VIEW: published ones, and the working drafts of
    owners on which their roles give VIEW_DRAFT (the Secretariat sees them all)."""
    model = queryset.model
    condition = Q(status="published")
    if "published_version" in {f.name for f in model._meta.get_fields()}:
        condition |= Q(published_version__isnull=False)
    return queryset.filter(condition | where_allowed(user, Action.VIEW_DRAFT, model))


def records_where(user, action: Action, queryset: QuerySet) -> QuerySet:
    """The records of `queryset` on which the person's roles allow `action` (e.g. the
    submitted records they may publish), as `can` would answer record by record."""
    return queryset.filter(where_allowed(user, Action(action), queryset.model))


def where_allowed(user, action: Action, model) -> Q:
    """The condition on `model`'s rows that `records_where` filters with."""
    party = getattr(model, "party_field", "owner_party")
    everywhere = {
        NATIONAL: Q(**{f"{party}__isnull": False}),
        REFERENCE: Q(owner_organization__isnull=False),
        SITE: Q(**{f"{party}__isnull": True}, owner_organization__isnull=True),
    }
    condition = Q(pk__in=[])
    for role, held_for in _roles(user):
        for scope in (NATIONAL, REFERENCE, SITE):
            if action not in RIGHTS[role, scope]:
                continue
            if held_for is None:
                condition |= everywhere[scope]
            elif held_for[0] == scope == NATIONAL:
                condition |= Q(**{f"{party}_id": held_for[1]})
            elif held_for[0] == scope == REFERENCE:
                condition |= Q(owner_organization_id=held_for[1])
    return condition


def may_grant(user, role: str, *, party=None, organization=None) -> bool:
    """Whether the person may give `role` (held for `party` or `organization`) to someone, or
    take it away: they must manage that owner's users, and in a role that grants it."""
    if role_scope(role) != ("party" if party else "organization" if organization else ""):
        return False  # e.g. a national role without a Party
    if not can(user, Action.MANAGE_USERS, party=party, organization=organization):
        return False
    party, organization = _pk(party), _pk(organization)
    owner = (NATIONAL, party) if party else (REFERENCE, organization) if organization else None
    return any(
        role in GRANTABLE.get(own_role, ())
        for own_role, held_for in _roles(user)
        if held_for is None or held_for == owner
    )


def grantable_roles(user, *, party=None, organization=None) -> list[Role]:
    """The roles `may_grant` allows for that owner, in `Role` order."""
    return [role for role in Role if may_grant(user, role, party=party, organization=organization)]


def drf_permission(action: Action, *, needs_record: bool = True):
    """A DRF permission class for `action`: checked on each object the view gets (its
    `get_object`), or, with `needs_record=False`, on the request itself (site-wide actions)."""
    from rest_framework.permissions import BasePermission

    class ActionPermission(BasePermission):
        message = deferred(
            gettext_lazy("Your roles do not allow you to %(action)s this."),
            action=VERBS[Action(action)],
        )

        def has_permission(self, request, view) -> bool:
            return needs_record or can(request.user, action)

        def has_object_permission(self, request, view, obj) -> bool:
            return can(request.user, action, obj)

    ActionPermission.__name__ = f"May{Action(action).name.title().replace('_', '')}"
    return ActionPermission


def _roles(user) -> list[tuple[str, tuple[str, int] | None]]:
    """The person's roles as (role, owner), owner None where the role applies everywhere."""
    roles: list[tuple[str, tuple[str, int] | None]] = [(PUBLIC, None)]
    if not _is_signed_in(user) or not user.is_active:
        return roles
    if user.is_superuser:
        roles.append((Role.SECRETARIAT_ADMIN, None))
    for assignment in user.roles():
        if assignment.role in SECRETARIAT_ROLES:
            roles.append((assignment.role, None))
        elif assignment.role in PARTY_ROLES:
            roles.append((assignment.role, (NATIONAL, assignment.party_id)))
        else:
            roles.append((assignment.role, (REFERENCE, assignment.organization_id)))
    return roles


def _is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _pk(owner) -> int | None:
    return getattr(owner, "pk", owner)


def _name(owner, fallback: str) -> str:
    return str(owner) if hasattr(owner, "pk") else fallback
