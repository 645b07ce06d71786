"""Importing activities and resources: every record of the file is read and checked first
(owner, rights, duplicates, every field by the models' own rules); only a file without problems
is written, in one transaction. A key already imported makes a new revision of that record (if
anything changed); a new key makes a new record, in bulk, with its first revision.

    result = records_import(incoming=bch.read(data, file="cdi.json"), file="cdi.json",
                            actor=user, publish=True)
    result.problems   # each names the file, record, field, value and reason; nothing written
    result.counts()   # {"created": 12, "updated": 3, "unchanged": 140}

Records are imported published when `publish` is asked and the importer may publish them (the
Secretariat for reference records, a focal point for their Party's), else as drafts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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
    """What is kept of a checked record until the whole file is checked: its content, owner
    and, for a known key, the stored record (no instance for a new one, to keep memory low)."""

    kind: str
    key: str
    synthetic: bool
    owners: dict
    encoded: bytes  # the content as JSON: a fifth of the memory of the dict
    stored: Activity | Resource | None

    @property
    def content(self) -> dict:
        return json.loads(self.encoded)

    @property
    def existing(self) -> bool:
        return self.stored is not None


BATCH = 1000


def records_import(
    *,
    incoming: Iterable[Incoming],
    file: str,
    actor,
    publish: bool = False,
    reading: Reading | None = None,
) -> ImportResult:
    """Check every incoming record, then write all of them or nothing. `reading` carries the
    problems the reader already found (a file with any of them is refused whole too)."""
    reading = reading or Reading(file)
    with validation.pinned():
        checked = _check(incoming, reading, actor, publish)
    result = ImportResult(problems=reading.problems, problem_count=reading.count)
    if reading.count:
        return result
    with transaction.atomic():
        _write(checked, result, actor, publish, file)
    return result


def _check(incoming: Iterable[Incoming], reading: Reading, actor, publish: bool) -> list[_Checked]:
    """Check the records as the reader yields them, a batch at a time (a streamed file is never
    held whole)."""
    state = _State(
        governments={g.code: g for g in Government.objects.all()},
        organizations={o.name: o for o in Organization.objects.all()},
    )
    checked: list[_Checked] = []
    batch: list[Incoming] = []
    for item in incoming:
        batch.append(item)
        if len(batch) == BATCH:
            checked += _check_batch(batch, state, reading, actor, publish)
            batch = []
    checked += _check_batch(batch, state, reading, actor, publish)
    return checked


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
                _Checked(
                    item.kind,
                    item.key,
                    item.synthetic,
                    {"owner_party": party, "owner_organization": organization},
                    json.dumps(candidate.content(), separators=(",", ":")).encode(),
                    stored,
                )
            )
    return checked


def _shown(value) -> str:
    if value in (None, "", [], {}):
        return ""
    return value if isinstance(value, str) else repr(value)


def _write(checked: list[_Checked], result: ImportResult, actor, publish: bool, file: str) -> None:
    message = _("Imported from %(file)s.") % {"file": file}
    author = actor if getattr(actor, "is_authenticated", False) else None
    new = [c for c in checked if not c.existing]
    for start in range(0, len(new), BATCH):
        for kind, model in MODELS.items():
            batch = [c for c in new[start : start + BATCH] if c.kind == kind]
            if batch:
                records = _created(model, batch, publish, message, author)
                result.created_ids += [(kind, record.pk) for record in records]
    for c in (c for c in checked if c.existing):
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


def _created(model, batch: list[_Checked], publish: bool, message: str, author) -> list:
    """Write a batch of new records, their first revisions and (published) their index rows."""
    records, contents = [], [c.content for c in batch]
    for c, content in zip(batch, contents, strict=True):
        record = model(**c.owners, external_id=c.key, is_synthetic=c.synthetic, version=1)
        record.apply_content(content)
        record.status = Status.PUBLISHED if publish else Status.DRAFT
        record.published_version = 1 if publish else None
        records.append(record)
    model.objects.bulk_create(records)
    content_type = ContentType.objects.get_for_model(model)
    Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            object_id=record.pk,
            number=1,
            author=author,
            status=record.status,
            content=content,
            changed_fields=[k for k, v in content.items() if v not in (None, "", [], {})],
            message=message,
            step="publish" if publish else "",
        )
        for record, content in zip(records, contents, strict=True)
    )
    if publish:
        index_many(list(zip(records, contents, strict=True)))
    return records
