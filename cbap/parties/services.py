"""Writing the registry: loading governments, protocol memberships and groupings from the files."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path

from django.db import models, transaction

from cbap.parties import reference
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
