"""Importing activities and resources: every record of the file is read and checked (owner,
rights, duplicates, every field by the models' own rules) and written as it is checked, a
thousand at a time, in one transaction that is rolled back if any record of the file has a
problem: all or nothing, with memory for a thousand records only. A key already imported makes
a new revision of that record (if anything changed); a new key makes a new record, in bulk,
with its first revision.

    result = records_import(incoming=bch.read(data, file="cdi.json"), file="cdi.json",
                            actor=user, publish=True)
    result.problems   # each names the file, record, field, value and reason; nothing written
    result.counts()   # {"created": 12, "updated": 3, "unchanged": 140}

Records are imported published when `publish` is asked and the importer may publish them (the
Secretariat for reference records, a focal point for their Party's), else as drafts.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cbap.accounts import permissions
from cbap.accounts.models import Organization
from cbap.activities import validation
from cbap.activities.formats.incoming import Incoming, Problem, Reading
from cbap.activities.models import Activity, Resource, index_many
from cbap.audit.services import Event, audit
from cbap.core import rows
from cbap.core.dataversion import data_changed
from cbap.parties.models import Government
from cbap.records import services as record_services
from cbap.records.models import Revision, Status

MODELS = {"activity": Activity, "resource": Resource}
IDENTIFIER_MAX = Activity._meta.get_field("external_id").max_length


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    created_ids: list[tuple[str, int]] = field(default_factory=list)  # (kind, pk)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)

    @property
    def created(self) -> list:
        """The new records, in file order (read again: a big import keeps only their ids)."""
        found = {}
        for kind, model in MODELS.items():
            ids = [pk for k, pk in self.created_ids if k == kind]
            found |= {(kind, r.pk): r for r in model.objects.filter(pk__in=ids)}
        return [found[key] for key in self.created_ids if key in found]

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.created_ids),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


@dataclass
class _Checked:
    """A checked record: the checked instance (with its owner and content) and, for a known
    key, the stored record it changes."""

    kind: str
    synthetic: bool
    record: Activity | Resource
    content: dict
    stored: Activity | Resource | None


BATCH = 1000


def records_import(
    *,
    incoming: Iterable[Incoming],
    file: str,
    actor,
    publish: bool = False,
    reading: Reading | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Check and write every incoming record, keeping all of them or none. `reading` carries
    the problems the reader already found (a file with any of them is refused whole too);
    `progress` is told how many records were read after each batch."""
    reading = reading or Reading(file)
    result = ImportResult(problems=reading.problems)
    message = _("Imported from %(file)s.") % {"file": file}
    with _collector_paused(), validation.pinned(), transaction.atomic():
        state = _State(
            governments={g.code: g for g in Government.objects.all()},
            organizations={o.name: o for o in Organization.objects.all()},
        )
        processed = 0
        for batch in _batches(incoming):
            checked = _check_batch(batch, state, reading, actor, publish)
            if not reading.count:  # after a problem, the rest is only checked
                _write(checked, result, actor, publish, message)
            processed += len(batch)
            if progress:
                progress(processed)
        result.problem_count = reading.count
        if reading.count:
            transaction.set_rollback(True)
            return ImportResult(problems=reading.problems, problem_count=reading.count)
        if result.created_ids or result.updated:
            audit(
                event=Event.IMPORT,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                label=file,
                details={
                    "file": file,
                    **result.counts(),
                    "published": publish,
                    **({"by": "system"} if actor is permissions.SYSTEM else {}),
                },
            )
            data_changed()
    return result


@contextmanager
def _collector_paused():
    """Python's cycle collector paused during an import: it would walk the heap again and
    again for the hundred thousand records' garbage (a tenth of the time of 100,000
    activities, measured) and finds nothing, since reading and checking make no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _batches(incoming: Iterable[Incoming]) -> Iterator[list[Incoming]]:
    """The records as the reader yields them, a batch at a time (a streamed file is never held
    whole)."""
    batch: list[Incoming] = []
    for item in incoming:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _State:
    governments: dict
    organizations: dict
    seen: dict = field(default_factory=dict)  # (kind, key) → where it was first
    rights: dict = field(default_factory=dict)  # (action, party, organization) → allowed


def _check_batch(
    incoming: list[Incoming], state: _State, reading: Reading, actor, publish: bool
) -> list[_Checked]:
    governments, organizations, seen, rights = (
        state.governments,
        state.organizations,
        state.seen,
        state.rights,
    )
    existing = {
        kind: {
            r.external_id: r
            for r in model.objects.filter(
                external_id__in=[i.key for i in incoming if i.kind == kind and i.key]
            ).select_related("owner_party", "owner_organization")
        }
        for kind, model in MODELS.items()
    }
    checked = []
    for item in incoming:
        where = item.where
        if not item.key:
            reading.problem(_("The record has no identifier."), record=where, field="identifier")
            continue
        if len(item.key) > IDENTIFIER_MAX:
            reading.problem(
                _("An identifier has at most %(max)s characters.") % {"max": IDENTIFIER_MAX},
                record=where,
                field="identifier",
                value=item.key,
            )
            continue
        if (item.kind, item.key) in seen:
            reading.problem(
                _("The identifier is already used by %(other)s in this file.")
                % {"other": seen[item.kind, item.key]},
                record=where,
                field="identifier",
                value=item.key,
            )
            continue
        seen[item.kind, item.key] = where
        party = governments.get(item.owner_party) if item.owner_party else None
        organization = (
            organizations.get(item.owner_organization) if item.owner_organization else None
        )
        if item.owner_party and party is None:
            reading.problem(
                _("No government with this code in the registry."),
                record=where,
                field="owner",
                value=item.owner_party,
            )
            continue
        if item.owner_organization and organization is None:
            reading.problem(
                _("No registered organization has this name."),
                record=where,
                field="owner",
                value=item.owner_organization,
            )
            continue
        if (party is None) == (organization is None):
            reading.problem(
                _("A record belongs to one Party or to one organization."),
                record=where,
                field="owner",
            )
            continue
        stored = existing[item.kind].get(item.key)
        if stored is not None and (stored.owner_party_id, stored.owner_organization_id) != (
            getattr(party, "pk", None),
            getattr(organization, "pk", None),
        ):
            reading.problem(
                _("This identifier belongs to a record of another owner (%(owner)s).")
                % {"owner": stored.owner_party or stored.owner_organization},
                record=where,
                field="identifier",
                value=item.key,
            )
            continue
        actions = [permissions.Action.EDIT if stored else permissions.Action.CREATE]
        if publish:
            actions.append(permissions.Action.PUBLISH)
        for action in actions:
            owner_key = (action, getattr(party, "pk", None), getattr(organization, "pk", None))
            if owner_key not in rights:
                rights[owner_key] = permissions.can(
                    actor, action, party=party, organization=organization
                )
            if not rights[owner_key]:
                reading.problem(
                    permissions.refusal(actor, action, party=party, organization=organization),
                    record=where,
                    field="owner",
                    value=str(party or organization),
                )
                break
        else:
            # A new record is the checked instance itself; a stored one changes through the
            # record services, from the checked content.
            candidate = MODELS[item.kind](
                owner_party=party,
                owner_organization=organization,
                external_id=item.key,
                pk=getattr(stored, "pk", None),
            )
            try:
                candidate.apply_content(item.content)
                # The owner was found in the registry above: no query per record for it.
                candidate.full_clean(
                    exclude=["external_id", "owner_party", "owner_organization"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValueError as error:
                reading.problem(str(error), record=where)
                continue
            except ValidationError as error:
                found = (
                    error.message_dict.items()
                    if hasattr(error, "error_dict")
                    else [("", error.messages)]
                )
                for name, messages in found:
                    for message in messages:
                        reading.problem(
                            message, record=where, field=name, value=_shown(item.content.get(name))
                        )
                continue
            checked.append(
                _Checked(item.kind, item.synthetic, candidate, candidate.content(), stored)
            )
    return checked


def _shown(value) -> str:
    if value in (None, "", [], {}):
        return ""
    return value if isinstance(value, str) else repr(value)


def _write(checked: list[_Checked], result: ImportResult, actor, publish: bool, message) -> None:
    author = actor if getattr(actor, "is_authenticated", False) else None
    for kind, model in MODELS.items():
        new = [c for c in checked if c.stored is None and c.kind == kind]
        if new:
            records = _created(model, new, publish, message, author)
            result.created_ids += [(kind, record.pk) for record in records]
    for c in (c for c in checked if c.stored is not None):
        saved = record_services.record_update(
            record=c.stored,
            actor=actor,
            data=c.content,
            expected_version=c.stored.version,
            message=message,
            reopen=True,
        )
        if saved.version == c.stored.version:
            result.unchanged.append(saved)
            continue
        if publish:
            saved = record_services.record_transition(
                record=saved, actor=actor, action="publish", message=message
            )
        result.updated.append(saved)


def _created(model, batch: list[_Checked], publish: bool, message: str, author) -> list:
    """Write a batch of new records, their first revisions and (published) their index rows."""
    records = [c.record for c in batch]
    for c in batch:
        c.record.is_synthetic = c.synthetic
        c.record.version = 1
        c.record.status = Status.PUBLISHED if publish else Status.DRAFT
        c.record.published_version = 1 if publish else None
    rows.insert(model, records)
    content_type = ContentType.objects.get_for_model(model)
    rows.insert(
        Revision,
        [
            Revision(
                content_type=content_type,
                object_id=c.record.pk,
                number=1,
                author=author,
                status=c.record.status,
                content=c.content,
                changed_fields=[k for k, v in c.content.items() if v not in (None, "", [], {})],
                message=message,
                step="publish" if publish else "",
            )
            for c in batch
        ],
    )
    if publish:
        index_many([(c.record, c.content) for c in batch])
    return records
