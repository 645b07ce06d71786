"""Changing records: the only way in. Web views, the API and loaders all call these functions.

Every function checks `cbap.accounts.permissions`, works on the row locked for update, bumps the
record's `version`, writes a `Revision` (whose number is that version) and an audit entry, all in
one transaction; a failure anywhere leaves nothing behind.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cbap.accounts import permissions
from cbap.accounts import selectors as account_selectors
from cbap.accounts.permissions import SYSTEM
from cbap.audit.services import Event, audit
from cbap.core.dataversion import data_changed
from cbap.core.languages import deferred
from cbap.notifications.models import Notification
from cbap.notifications.services import notify
from cbap.records import selectors
from cbap.records.diffing import FieldChange, diff_content
from cbap.records.models import Record, Revision, Status
from cbap.records.workflow import TRANSITIONS


class RecordError(Exception):
    """A change refused for a reason the person can act on (shown to them as is)."""


class ConflictError(RecordError):
    """Someone saved the record since the version this change was based on (`expected_version`)."""

    def __init__(
        self, current_version: int, changes_since: dict[str, FieldChange], expected_version: int = 0
    ):
        self.current_version = current_version
        self.changes_since = changes_since
        self.expected_version = expected_version
        super().__init__(
            _("The record was changed meanwhile: it is now at version %(version)s.")
            % {"version": current_version}
        )


class TransitionError(RecordError):
    """A workflow step that does not apply to the record as it is."""


class ReasonRequired(TransitionError):
    """Returning and withdrawing must say why."""


class SubmittedRecord(TransitionError):
    """An edit of a record that waits for its publisher: taking it back is a step of its own."""


class DeletionRefused(RecordError):
    """Only a draft that was never published may be deleted; the rest leaves by withdrawal."""


@transaction.atomic
def record_create(
    *,
    model: type[Record],
    actor,
    data: dict[str, Any],
    owner_party=None,
    owner_organization=None,
    request=None,
) -> Record:
    """Create a draft with `data` (content field → value) as revision 1."""
    _require(actor, "CREATE", party=owner_party, organization=owner_organization)
    party_field = getattr(model, "func", model).party_field  # `model` may be a partial
    record = model(**{party_field: owner_party}, owner_organization=owner_organization)
    record.status = Status.DRAFT
    record.apply_content(data)
    record.full_clean()
    content = record.content()
    filled = [name for name, value in content.items() if value not in (None, "", [], {})]
    try:
        with transaction.atomic():  # a savepoint, so that the loser of a race is told so
            _save_revision(record, actor=actor, changed=filled, message="Created.")
    except IntegrityError as error:  # the same record, created by someone else a moment ago
        raise ConflictError(0, {}) from error
    _audit(Event.CREATE, record, actor, request, changed_fields=filled)
    return record


@transaction.atomic
def record_update(
    *,
    record: Record,
    actor,
    data: dict[str, Any],
    expected_version: int,
    request=None,
    message: str = "",
    reopen: bool = False,
) -> Record:
    """Change some content fields; returns the saved record (a fresh instance).

    The working copy becomes a draft again, so a published record changes only through a new
    revision and the public keeps seeing `published_version` until the next publication. A
    submitted record waits for its publisher: changing it raises `SubmittedRecord` unless the
    caller decided to take it back (`reopen`, e.g. an uploaded file that replaces it); people
    take the step "reopen" first. Saving over another version than the current one raises
    `ConflictError`; nothing is overwritten. Data equal to the current content changes nothing
    and writes no revision.
    """
    record = _locked(record)
    _require(actor, "EDIT", record)
    _check_version(record, expected_version)
    before = record.content()
    record.apply_content(data)
    record.full_clean()
    changes = diff_content(before, record.content())
    if not changes:
        return record
    if record.status == Status.SUBMITTED and not reopen:
        raise SubmittedRecord(
            _(
                "This record is submitted for publication and waits for its publisher: take it "
                "back to draft first (“%(step)s”), then change it."
            )
            % {"step": TRANSITIONS["reopen"].label}
        )
    previous_status = record.status
    record.status = Status.DRAFT
    _save_revision(record, actor=actor, changed=list(changes), message=message.strip())
    _audit(
        Event.CHANGE,
        record,
        actor,
        request,
        changed_fields=list(changes),
        **_status_change(previous_status, record.status),
        **({"message": message.strip()} if message.strip() else {}),
    )
    return record


@transaction.atomic
def record_transition(
    *,
    record: Record,
    actor,
    action: str,
    message: str = "",
    expected_version: int | None = None,
    data: dict[str, Any] | None = None,
    request=None,
) -> Record:
    """Take one workflow step: `submit`, `publish`, `return`, `reopen` or `withdraw` (see
    `workflow`), and tell the people it concerns (`_tell`).

    Returning and withdrawing need a reason (`message`); submitting may carry one. `data`
    changes content as part of the step (a report's first publication dates it). With
    `expected_version` (the version the person looked at: the web forms and the API always give
    it), a step on a record saved since raises `ConflictError`, so nobody publishes content they
    have not seen. Loaders, which decide on what they just wrote, may leave it out.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(
            _("No workflow step %(action)s; the steps are %(TRANSITIONS)s.")
            % {"action": f"{action!r}", "TRANSITIONS": ", ".join(TRANSITIONS)}
        )
    record = _locked(record)
    _require(actor, transition.action, record)
    if expected_version is not None:
        _check_version(record, expected_version)
    if not transition.allowed_from(record):
        raise TransitionError(
            _("This record is %(status)s: “%(step)s” does not apply to it.")
            % {"status": record.get_status_display().lower(), "step": transition.label}
        )
    message = message.strip()
    if transition.reason_required and not message:
        raise ReasonRequired(_("Say why (“%(step)s” needs a reason).") % {"step": transition.label})
    changed: list[str] = []
    if data:
        before = record.content()
        record.apply_content(data)
        record.full_clean()
        changed = list(diff_content(before, record.content()))
    previous_status = record.status
    record.status = transition.target
    if transition.name == "publish":
        record.published_version = record.version + 1  # the revision written just below
    elif transition.name == "withdraw":
        record.published_version = None
    _save_revision(record, actor=actor, changed=changed, message=message, step=transition.name)
    _audit(
        Event(transition.name),
        record,
        actor,
        request,
        **_status_change(previous_status, record.status),
        **({"changed_fields": changed} if changed else {}),
        **({"message": message} if message else {}),
    )
    if transition.name in ("publish", "withdraw"):
        record.publication_changed(record.content() if record.is_public else None)
        data_changed()  # what the public sees of the record changed
    _tell(record, transition.name, actor, message)
    return record


@transaction.atomic
def record_restore(
    *, record: Record, actor, revision_number: int, expected_version: int, request=None
) -> Record:
    """Bring back the content of an earlier revision, as a new revision (a draft)."""
    record = _locked(record)
    _require(actor, "RESTORE", record)
    _check_version(record, expected_version)
    old = _revisions(record).filter(number=revision_number).first()
    if old is None:
        raise RecordError(
            _("There is no revision %(revision_number)s of this record.")
            % {"revision_number": revision_number}
        )
    before = record.content()
    record.apply_content({k: v for k, v in old.content.items() if k in record.content_fields})
    record.full_clean()
    changes = diff_content(before, record.content())
    previous_status = record.status
    record.status = Status.DRAFT
    message = f"Restored revision {revision_number}."
    _save_revision(record, actor=actor, changed=list(changes), message=message)
    _audit(
        Event.RESTORE,
        record,
        actor,
        request,
        restored_revision=revision_number,
        changed_fields=list(changes),
        **_status_change(previous_status, record.status),
    )
    return record


@transaction.atomic
def record_delete(*, record: Record, actor, expected_version: int, request=None) -> None:
    """Delete a draft that was never published (e.g. one created by mistake).

    Records are never lost: a record that is or ever was public leaves through the workflow
    (withdrawal) and is refused here with `DeletionRefused`. The deleted draft's revisions stay
    in the database and the audit entry keeps its last content. A stale `expected_version`
    raises `ConflictError`, as for an edit.
    """
    record = _locked(record)
    _require(actor, "DELETE", record)
    _check_version(record, expected_version)
    if record.status != Status.DRAFT or selectors.ever_published(record):
        raise DeletionRefused(
            _(
                "Only a draft that was never published can be deleted. This record is or was "
                "public: withdraw it from publication instead (its history is kept)."
            )
        )
    _audit(
        Event.DELETE,
        record,
        actor,
        request,
        status=record.status,
        content=record.content(),
        revisions_kept=_revisions(record).count(),
    )
    record.delete()


def changes_since(record: Record, version: int) -> dict[str, FieldChange]:
    """What differs between revision `version` and the record as it is now (status included)."""
    old = _revisions(record).filter(number=version).first()
    if old is None:
        return {}
    changes = diff_content(old.content, record.content())
    if old.status != record.status:
        changes = {"status": FieldChange(old.status, record.status), **changes}
    return changes


def _require(actor, action: str, record: Record | None = None, **owners) -> None:
    permissions.require(actor, getattr(permissions.Action, action), record, **owners)


def _locked(record: Record) -> Record:
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def _check_version(record: Record, expected_version: int) -> None:
    if expected_version != record.version:
        raise ConflictError(
            record.version, changes_since(record, expected_version), expected_version
        )


def _revisions(record: Record):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )


def _save_revision(
    record: Record, *, actor, changed: list[str], message: str, step: str = ""
) -> Revision:
    record.version += 1
    record.save()
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        number=record.version,
        author=_user(actor),
        status=record.status,
        content=record.content(),
        changed_fields=changed,
        message=message,
        step=step,
    )


# Who is told of a step: those who must act next, or whose work it was; in their language.
TOLD = {
    "submit": (
        Notification.Kind.SUBMITTED,
        gettext_lazy("%(record)s waits for your publication"),
        gettext_lazy("Submitted by %(by)s."),
    ),
    "return": (
        Notification.Kind.RETURNED,
        gettext_lazy("%(record)s was returned to draft"),
        gettext_lazy("Returned by %(by)s."),
    ),
    "publish": (
        Notification.Kind.PUBLISHED,
        gettext_lazy("%(record)s is published"),
        gettext_lazy("Published by %(by)s."),
    ),
}
REASON = {"return": gettext_lazy("Reason: %(message)s")}
MESSAGE = gettext_lazy("Message: %(message)s")


def _tell(record: Record, step: str, actor, message: str) -> None:
    """A submitted record tells those who may publish it (`publishers_of`); a returned or
    published one, those who wrote the version (`contributors`)."""
    if step not in TOLD:
        return
    kind, what, said = TOLD[step]
    people = (
        account_selectors.publishers_of(record)
        if step == "submit"
        else selectors.contributors(record)
    )
    by = (
        gettext_lazy("the system")
        if actor is SYSTEM
        else getattr(actor, "email", "") or gettext_lazy("someone")
    )
    told = deferred(said, by=by)
    if message:
        reason = deferred(REASON.get(step, MESSAGE), message=message)
        told = deferred("%(said)s\n%(reason)s", said=told, reason=reason)
    notify(
        recipients=people,
        kind=kind,
        subject=deferred(what, record=str(record)),
        text=told,
        link=selectors.record_url(record),
        actor=actor,
    )


def _audit(event: str, record: Record, actor, request, **details) -> None:
    details = {"version": record.version, **details}
    if actor is SYSTEM:
        details["by"] = "system"
    audit(event=event, actor=_user(actor), target=record, request=request, details=details)


def _status_change(before: str, after: str) -> dict[str, str]:
    return {"from_status": before, "to_status": after} if before != after else {}


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
