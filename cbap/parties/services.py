"""Writing the registry: loading governments, protocol memberships and groupings from the files,
and the members of the groupings no file lists (economies in transition), kept by the Secretariat.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path

from django.db import models, transaction
from django.utils.translation import gettext as _

from cbap.audit.services import Event, audit
from cbap.core.dataversion import data_changed
from cbap.parties import permissions, reference
from cbap.parties.models import Government, Grouping, GroupingMembership, ProtocolMembership


@transaction.atomic
def reference_data_load(*, data_dir: Path | None = None) -> list[str]:
    """Load (or update) the registry from `data_dir` (default: the app's `data/`), all or
    nothing, idempotently.

    Rows are matched by code (governments, groupings) and by government and protocol or grouping
    (memberships), so a second run changes nothing. Memberships the files no longer list are
    removed; governments never are (reports and records point at them). The members of the
    economies-in-transition grouping are the Secretariat's, and loading leaves them alone.
    Returns one line per kind of row saying what happened.
    """
    data = reference.read_reference_data(data_dir)
    # `cbap setup` runs this on every upgrade: the page cache starts afresh, so pages the old
    # code rendered are never served by the new one.
    data_changed()

    existing = {g.code: g for g in Government.objects.all()}
    government_counts = _sync(Government, {g.code: asdict(g) for g in data.governments}, existing)
    government_ids = dict(Government.objects.values_list("code", "pk"))

    membership_rows = {}
    for spec in data.memberships:
        values = asdict(spec)
        values["government_id"] = government_ids[values.pop("government")]
        membership_rows[(values["government_id"], spec.protocol)] = values
    existing = {(m.government_id, m.protocol): m for m in ProtocolMembership.objects.all()}
    membership_counts = _sync(ProtocolMembership, membership_rows, existing, remove_missing=True)

    grouping_rows = {
        spec.code: {
            "code": spec.code,
            "name": spec.name,
            "kind": spec.kind,
            "description": spec.description,
            "source": spec.source,
            "position": position,
            "secretariat_managed": spec.members is None,
        }
        for position, spec in enumerate(data.groupings)
    }
    existing = {g.code: g for g in Grouping.objects.all()}
    grouping_counts = _sync(Grouping, grouping_rows, existing)
    grouping_ids = dict(Grouping.objects.values_list("code", "pk"))

    managed = [spec for spec in data.groupings if spec.members is not None]
    member_rows = {}
    for spec in managed:
        for member in spec.members:
            values = asdict(member)
            values["government_id"] = government_ids[values.pop("government")]
            values["grouping_id"] = grouping_ids[spec.code]
            member_rows[(values["grouping_id"], values["government_id"])] = values
    existing = {
        (m.grouping_id, m.government_id): m
        for m in GroupingMembership.objects.filter(grouping__code__in=[s.code for s in managed])
    }
    member_counts = _sync(GroupingMembership, member_rows, existing, remove_missing=True)

    return [
        f"Parties: {len(data.governments)} governments ({_outcome(government_counts)})",
        f"Parties: {len(membership_rows)} protocol memberships ({_outcome(membership_counts)})",
        f"Parties: {len(grouping_rows)} groupings ({_outcome(grouping_counts)}), "
        f"{len(member_rows)} grouping memberships ({_outcome(member_counts)})",
    ]


def _sync(
    model: type[models.Model],
    rows: dict,
    existing: dict,
    *,
    remove_missing: bool = False,
) -> Counter:
    """Make the table hold `rows` (values by key): create, update only what differs, and
    optionally delete the `existing` rows whose key is gone. Counts each outcome."""
    counts: Counter = Counter()
    new = []
    for key, values in rows.items():
        row = existing.get(key)
        if row is None:
            new.append(model(**values))
            counts["created"] += 1
            continue
        changed = [field for field, value in values.items() if getattr(row, field) != value]
        if changed:
            for field in changed:
                setattr(row, field, values[field])
            row.save(update_fields=changed)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    model.objects.bulk_create(new)
    if remove_missing:
        gone = [row.pk for key, row in existing.items() if key not in rows]
        counts["removed"] = model.objects.filter(pk__in=gone).delete()[0]
    return counts


def _outcome(counts: Counter) -> str:
    parts = ["created", "updated", "unchanged"] + (["removed"] if "removed" in counts else [])
    return ", ".join(f"{counts[part]} {part}" for part in parts)


# --- the groupings the Secretariat keeps (economies in transition) ------------------------------


class GroupingError(ValueError):
    """A change refused for a reason the person can act on (shown to them as is)."""


@transaction.atomic
def grouping_member_add(
    *,
    actor,
    grouping: Grouping,
    government: Government,
    valid_from: date | None = None,
    valid_to: date | None = None,
    note: str = "",
    request=None,
) -> GroupingMembership:
    """Put a government in a grouping the Secretariat keeps, from `valid_from` to `valid_to`
    (both inclusive, empty = open). Secretariat administrators only; audited."""
    _require_editable(actor, grouping)
    if GroupingMembership.objects.filter(grouping=grouping, government=government).exists():
        raise GroupingError(
            _("%(government)s is in %(grouping)s already: change the dates of that membership.")
            % {"government": government, "grouping": grouping}
        )
    membership = GroupingMembership(
        grouping=grouping,
        government=government,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note.strip(),
    )
    _validate(membership)
    membership.save()
    _audit_member(Event.CREATE, membership, actor, request, membership=_as_json(membership))
    return membership


@transaction.atomic
def grouping_member_change(
    *,
    actor,
    membership: GroupingMembership,
    valid_from: date | None,
    valid_to: date | None,
    note: str = "",
    request=None,
) -> GroupingMembership:
    """Change a membership's dates or note (e.g. end it on the day a country left)."""
    membership = GroupingMembership.objects.select_for_update().get(pk=membership.pk)
    _require_editable(actor, membership.grouping)
    before = _as_json(membership)
    membership.valid_from, membership.valid_to = valid_from, valid_to
    membership.note = note.strip()
    _validate(membership)
    after = _as_json(membership)
    changes = {k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]}
    if changes:
        membership.save(update_fields=["valid_from", "valid_to", "note"])
        _audit_member(Event.CHANGE, membership, actor, request, changes=changes)
    return membership


@transaction.atomic
def grouping_member_remove(*, actor, membership: GroupingMembership, request=None) -> None:
    """Take a government out of the grouping altogether (a membership entered by mistake; to
    say it left on a date, change `valid_to` instead). The audit entry keeps what it was."""
    _require_editable(actor, membership.grouping)
    _audit_member(Event.DELETE, membership, actor, request, membership=_as_json(membership))
    membership.delete()


def _require_editable(actor, grouping: Grouping) -> None:
    permissions.require_editor(actor)
    if not grouping.secretariat_managed:
        raise GroupingError(
            _(
                "The members of %(grouping)s come from the reference data "
                "(cbap/parties/data/): correct the file with its source, not here."
            )
            % {"grouping": grouping}
        )


def _validate(membership: GroupingMembership) -> None:
    if (
        membership.valid_from
        and membership.valid_to
        and membership.valid_from > membership.valid_to
    ):
        raise GroupingError(_("The first day must not be after the last day."))


def _as_json(membership: GroupingMembership) -> dict:
    return {
        "grouping": membership.grouping.code,
        "government": membership.government.code,
        "valid_from": membership.valid_from.isoformat() if membership.valid_from else None,
        "valid_to": membership.valid_to.isoformat() if membership.valid_to else None,
        "note": membership.note,
    }


def _audit_member(event: str, target: GroupingMembership, actor, request, **details) -> None:
    data_changed()  # every change of a membership is audited here, and public
    audit(event=event, actor=actor, target=target, request=request, details=details)
