"""Who may do what with national reports, in the words of `cbap.accounts.permissions`.

`actor` is a person (signed in or not) or `cbap.accounts.permissions.SYSTEM`: the operator at the
command line (`cbap reports import` without `--as`) and the demo loader, who have the server in
hand anyway and are not checked.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cbap.accounts import permissions
from cbap.accounts.models import Role
from cbap.accounts.permissions import SYSTEM, Action
from cbap.records.workflow import TRANSITIONS

# What a person may do in the web form of a Party's report (see `entry_access`).
EDIT = "edit"
VIEW = "view"
REOPEN = "reopen"  # may edit, once the submitted report is taken back to draft


def may_import(actor, government) -> bool:
    """The Secretariat imports any Party's reports; a national focal point its own Party's.

    "The Secretariat" here is its administrators (the IMPORT row of the permissions matrix).
    Analysts do not import: an import creates, edits and publishes national reports, which the
    matrix keeps from analysts everywhere (they read every draft and analyse; the Secretariat
    enters data on a Party's behalf through an administrator, as a BCH administrator does).
    National authorized users draft their Party's report in the web form and do not import."""
    return permissions.can(actor, Action.IMPORT, party=government)


def import_refusal(actor, government) -> str:
    """Why `actor` may not import `government`'s report, in the words of their own roles."""
    name = government.name
    held = list(actor.roles()) if getattr(actor, "is_authenticated", False) else []
    focal_points = sorted(
        a.party.name for a in held if a.role == Role.NATIONAL_FOCAL_POINT and a.party
    )
    roles = {a.role for a in held}
    if focal_points:
        own = focal_points[0]
        for other in focal_points[1:]:
            own = _("%(first)s and %(second)s") % {"first": own, "second": other}
        return _(
            "You may not import the report of %(name)s: as national focal point of %(own)s you "
            "import %(own)s's reports only."
        ) % {"name": name, "own": own}
    if Role.NATIONAL_USER in roles:
        return _(
            "You may not import the report of %(name)s: national authorized users enter their "
            "Party's report in the web form and do not import files; the Party's national focal "
            "point or a Secretariat administrator imports them."
        ) % {"name": name}
    if Role.SECRETARIAT_ANALYST in roles:
        return _(
            "You may not import the report of %(name)s: Secretariat analysts read and analyse "
            "national reports but do not enter them; a Secretariat administrator or the Party's "
            "national focal point imports them."
        ) % {"name": name}
    if Role.ORGANIZATION_EDITOR in roles:
        return _(
            "You may not import the report of %(name)s: organization editors keep their "
            "organization's records; national reports are imported by a Secretariat "
            "administrator or the Party's national focal point."
        ) % {"name": name}
    if roles:
        return _(
            "You may not import the report of %(name)s: your roles do not cover %(name)s's "
            "national reports; a Secretariat administrator or the Party's national focal point "
            "imports them."
        ) % {"name": name}
    return _(
        "You may not import the report of %(name)s: national reports are imported by a "
        "Secretariat administrator or the Party's national focal point."
    ) % {"name": name}


def imports_for_every_party(actor) -> bool:
    """The Secretariat (or the operator), as opposed to national users."""
    return permissions.can(actor, Action.IMPORT)


def may_publish(actor, government) -> bool:
    return permissions.can(actor, Action.PUBLISH, party=government)


def require_step(actor, step: str, report) -> None:
    """Raise `PermissionDenied` unless `actor` may take the workflow step (`submit`,
    `publish` …) on the report; whether the step applies to its status is the workflow's."""
    if actor is SYSTEM:
        return
    if not permissions.can(actor, getattr(Action, TRANSITIONS[step].action), report):
        raise PermissionDenied(_("Only the Party's national focal point may do this."))


def entry_access(user, government, report) -> str:
    """EDIT for people who may change the government's report (`report`, None before its first
    save) in the web form, REOPEN for them while the report waits for publication (a deliberate
    step comes first), VIEW for those who may read its working copy (the Secretariat); anyone
    else is refused with `PermissionDenied`."""
    if report is None:
        if permissions.can(user, Action.CREATE, None, party=government):
            return EDIT
        if permissions.can(user, Action.VIEW_DRAFT, None, party=government):
            return VIEW
    else:
        if permissions.can(user, Action.EDIT, report):
            return REOPEN if report.status == "submitted" else EDIT
        if permissions.can(user, Action.VIEW_DRAFT, report):
            return VIEW
    raise PermissionDenied(_("Only the Party's national users may enter its national report."))


def may_view_draft(user, report) -> bool:
    return permissions.can(user, Action.VIEW_DRAFT, report)


def visible(user, reports: QuerySet) -> QuerySet:
    """The reports the person may see: those with a published revision, and the working
    copies of the Parties they act for (all of them for the Secretariat)."""
    return permissions.visible_records(user, reports)


def may_upload(user) -> bool:
    """Whether the person may import the reports of some Party: checked before a byte of the
    upload is read; each report of the file is then checked against `may_import`."""
    if not getattr(user, "is_authenticated", False):
        return False
    if imports_for_every_party(user):
        return True
    return any(may_import(user, a.party_id) for a in user.roles() if a.party_id)


def may_see_job(user, job) -> bool:
    """An import job is its creator's (and the Secretariat administrators')."""
    return job.created_by_id == user.pk or permissions.can(user, Action.IMPORT)
