"""Who may do what with national reports, in the words of `cbap.accounts.permissions`.

`actor` None means the operator at the command line (`cbap reports import` without `--as`),
who has the server in hand anyway and is not checked.
"""

from __future__ import annotations

from django.db.models import QuerySet

from cbap.accounts import permissions
from cbap.accounts.permissions import Action


def may_import(actor, government) -> bool:
    """The Secretariat imports any Party's reports; a national focal point its own Party's."""
    return actor is None or permissions.can(actor, Action.IMPORT, party=government)


def imports_for_every_party(actor) -> bool:
    """The Secretariat (or the operator), as opposed to national users."""
    return actor is None or permissions.can(actor, Action.IMPORT)


def may_publish(actor, government) -> bool:
    return actor is None or permissions.can(actor, Action.PUBLISH, party=government)


def may_view_draft(user, report) -> bool:
    return permissions.can(user, Action.VIEW_DRAFT, report)


def visible(user, reports: QuerySet) -> QuerySet:
    """The reports the person may see: those with a published revision, and the working
    copies of the Parties they act for (all of them for the Secretariat)."""
    return permissions.visible_records(user, reports)


def may_import_web(user, government) -> bool:
    """`may_import` for a web request: signed-in people only (None there is anonymous)."""
    return bool(getattr(user, "is_authenticated", False)) and may_import(user, government)


def may_see_job(user, job) -> bool:
    """An import job is its creator's (and the Secretariat administrators')."""
    return job.created_by_id == user.pk or permissions.can(user, Action.IMPORT)
