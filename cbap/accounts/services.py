"""Changing people: accounts, roles and API tokens. Web views, the API and `cbap users` call these.

Every function takes the `actor` who asks: it checks `cbap.accounts.permissions` and writes the
audit trail. `permissions.SYSTEM` is the person at the command line, who holds the server anyway:
nothing is checked for them, and their audit entries say `"by": "command line"`.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cbap.accounts import mail, permissions, throttle
from cbap.accounts.models import ApiToken, Organization, Role, RoleAssignment, User, role_scope
from cbap.audit.services import Event, audit


class AccountError(ValueError):
    """A change refused for a reason the person can act on (shown to them as is)."""


def generated_password() -> str:
    """A random password, shown once to whoever creates the account, to hand over."""
    return secrets.token_urlsafe(12)


@transaction.atomic
def user_create(
    *,
    actor,
    email: str,
    role: str,
    party=None,
    organization=None,
    password: str | None = None,
    full_name: str = "",
    request=None,
) -> tuple[User, str | None]:
    """Create an account holding `role`. Returns it with the generated password when none was
    given (shown once, never stored in clear). Refuses an e-mail address already in use."""
    email = User.objects.normalize_email(email.strip()).lower()
    _check_may_grant(actor, role, party, organization)
    if User.objects.filter(email=email).exists():
        raise AccountError(
            _("An account with the e-mail address %(email)s exists already.") % {"email": email}
        )
    generated = None if password else generated_password()
    user = User(email=email, full_name=full_name.strip())
    try:
        validate_password(password or generated, user)
    except ValidationError as error:
        raise AccountError(
            _("The password is too weak: %(reasons)s") % {"reasons": " ".join(error.messages)}
        ) from error
    user.set_password(password or generated)
    _account_save(actor, user, request)
    role_grant(
        actor=actor, user=user, role=role, party=party, organization=organization, request=request
    )
    return user, generated


def _account_save(actor, user: User, request) -> None:
    """Save a new account, checked and audited."""
    try:
        user.full_clean()
    except ValidationError as error:
        raise AccountError(" ".join(error.messages)) from error
    user.save()
    audit(
        event=Event.PERMISSION_CHANGE,
        actor=_user(actor),
        target=user,
        request=request,
        details=_by(actor, change="account created"),
    )


@transaction.atomic
def user_add(
    *, actor, email: str, role: str, party=None, organization=None, full_name="", request=None
) -> None:
    """Give the role to the account with that e-mail address, creating the account (without a
    password) when there is none yet, and tell its holder by e-mail: a new account's message
    holds a link to choose the password. Nothing returned differs between the two, so the
    person adding learns nothing about whether the address had an account."""
    _check_may_grant(actor, role, party, organization)
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email=email).first()
    new_account = user is None
    if new_account:
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        _account_save(actor, user, request)
    assignment = role_grant(
        actor=actor, user=user, role=role, party=party, organization=organization, request=request
    )
    mail.role_given(request, user, assignment, new_account=new_account)


@transaction.atomic
def role_grant(
    *, actor, user: User, role: str, party=None, organization=None, request=None
) -> RoleAssignment:
    """Give `user` the role (for the Party or organization); holding it already is no error."""
    _check_may_grant(actor, role, party, organization)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        party=party,
        organization=organization,
        defaults={"granted_by": _user(actor)},
    )
    if created:
        if role == Role.SECRETARIAT_ADMIN:
            _set_superuser(user, True)
        audit(
            event=Event.PERMISSION_CHANGE,
            actor=_user(actor),
            target=user,
            request=request,
            details=_by(actor, change="role granted", **_role_details(assignment)),
        )
    user.forget_roles()
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment, request=None) -> None:
    """Take the role away. The last active Secretariat administrator keeps theirs."""
    _check_may_grant(actor, assignment.role, assignment.party, assignment.organization)
    user = assignment.user
    if assignment.role == Role.SECRETARIAT_ADMIN and _last_admin(user):
        raise AccountError(_("This is the last Secretariat administrator: appoint another first."))
    details = _by(actor, change="role revoked", **_role_details(assignment))
    assignment.delete()
    if assignment.role == Role.SECRETARIAT_ADMIN:
        _set_superuser(user, False)
    user.forget_roles()
    audit(
        event=Event.PERMISSION_CHANGE,
        actor=_user(actor),
        target=user,
        request=request,
        details=details,
    )


@transaction.atomic
def user_set_active(*, actor, user: User, active: bool, request=None) -> User:
    """Deactivate an account (it keeps its history and can no longer sign in) or reactivate it.
    Secretariat administrators only."""
    _require_site_admin(actor)
    if not active and user.pk == getattr(actor, "pk", None):
        raise AccountError(_("You cannot deactivate your own account."))
    if not active and user.is_secretariat_admin and _last_admin(user):
        raise AccountError(_("This is the last Secretariat administrator: appoint another first."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    change = "account activated" if active else "account deactivated"
    audit(
        event=Event.PERMISSION_CHANGE,
        actor=_user(actor),
        target=user,
        request=request,
        details=_by(actor, change=change),
    )
    return user


@transaction.atomic
def password_change(*, user: User, password: str, request=None) -> User:
    """A person sets a new password for their own account (the form checked the old one and
    the new one's strength). Audited; the password itself is never written anywhere else."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit(event=Event.PASSWORD_CHANGE, actor=user, target=user, request=request)
    return user


def user_unlock(*, actor, user: User, request=None) -> User:
    """Lift every wait on signing in with the person's address (`throttle`), from wherever it
    was earned, e.g. for someone who forgot their password. Secretariat administrators only."""
    _require_site_admin(actor)
    throttle.forget(user.email)
    audit(
        event=Event.PERMISSION_CHANGE,
        actor=_user(actor),
        target=user,
        request=request,
        details=_by(actor, change="sign-in waits lifted"),
    )
    return user


TOKEN_DAYS = (30, 90, 365)
"""How long an API token may be valid: a script's token expires, and is issued anew."""


def token_issue(
    *, actor, user: User, name: str, days: int = TOKEN_DAYS[1], request=None
) -> tuple[ApiToken, str]:
    """A new API token for `user` (one's own, or anyone's at the command line), valid for
    `days` (one of TOKEN_DAYS). Returns it with its key, which is shown once and never stored."""
    if actor is not permissions.SYSTEM and getattr(actor, "pk", None) != user.pk:
        raise PermissionDenied(_("You may only issue API tokens for yourself."))
    name = name.strip()
    if not name:
        raise AccountError(_("Give the token a name, e.g. the script that will use it."))
    if days not in TOKEN_DAYS:
        raise AccountError(
            _("A token is valid for %(TOKEN_DAYS)s days.")
            % {"TOKEN_DAYS": ", ".join(map(str, TOKEN_DAYS))}
        )
    token, key = ApiToken.issue(user, name[:100], days)
    audit(
        event=Event.TOKEN_ISSUED,
        actor=_user(actor),
        target=token,
        request=request,
        details=_by(actor, user=user.email, name=token.name, prefix=token.prefix, days=days),
    )
    return token, key


def token_revoke(*, actor, token: ApiToken, request=None) -> ApiToken:
    """Revoke one's own token (a Secretariat administrator may revoke anyone's)."""
    if getattr(actor, "pk", None) != token.user_id:
        _require_site_admin(actor)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit(
            event=Event.TOKEN_REVOKED,
            actor=_user(actor),
            target=token,
            request=request,
            details=_by(actor, user=token.user.email, name=token.name, prefix=token.prefix),
        )
    return token


# --- helpers ---------------------------------------------------------------------------------


def _check_may_grant(actor, role: str, party, organization) -> None:
    if role not in Role.values:
        raise AccountError(
            _("Unknown role %(role)s; the roles are: %(values)s.")
            % {"role": f"{role!r}", "values": ", ".join(Role.values)}
        )
    scope = role_scope(role)
    label = Role(role).label
    if scope == "party" and (party is None or organization is not None):
        raise AccountError(
            _("A %(role)s acts for a Party: say which one.") % {"role": label.lower()}
        )
    if scope == "organization" and (organization is None or party is not None):
        raise AccountError(
            _("An %(role)s edits for an organization: say which one.") % {"role": label.lower()}
        )
    if not scope and (party is not None or organization is not None):
        raise AccountError(
            _("A %(role)s acts for the whole site, not a Party or organization.")
            % {"role": label.lower()}
        )
    if actor is permissions.SYSTEM:
        return
    if not permissions.may_grant(actor, role, party=party, organization=organization):
        owner = party or organization
        if owner:
            text = _("Your roles do not allow you to give or take the role %(role)s of %(owner)s.")
        else:
            text = _("Your roles do not allow you to give or take the role %(role)s.")
        raise PermissionDenied(text % {"role": label, "owner": owner})


def _require_site_admin(actor) -> None:
    if actor is not permissions.SYSTEM:
        permissions.require(actor, permissions.Action.MANAGE_USERS)


def _set_superuser(user: User, value: bool) -> None:
    """Secretariat administrators are the superusers (the Django admin is theirs alone)."""
    user.is_superuser = user.is_staff = value
    user.save(update_fields=["is_superuser", "is_staff"])


def _last_admin(user: User) -> bool:
    """Whether no other active account is a Secretariat administrator."""
    others = User.objects.filter(
        Q(is_superuser=True) | Q(role_assignments__role=Role.SECRETARIAT_ADMIN), is_active=True
    ).exclude(pk=user.pk)
    return not others.exists()


def _role_details(assignment: RoleAssignment) -> dict:
    return {
        "role": assignment.role,
        "label": assignment.label,
        "party": assignment.party.code if assignment.party else None,
        "organization": assignment.organization.name if assignment.organization else None,
    }


def _user(actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _by(actor, **details) -> dict:
    return {**details, "by": "command line"} if actor is permissions.SYSTEM else details


def organization_named(name: str) -> Organization | None:
    """The organization with that name or acronym (ignoring case), or None."""
    name = name.strip()
    return (
        Organization.objects.filter(name__iexact=name).first()
        or Organization.objects.filter(acronym__iexact=name).first()
    )


def language_choose(*, user: User, language: str) -> None:
    """Keep the person's choice of language for their next sign-in and their e-mails."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
