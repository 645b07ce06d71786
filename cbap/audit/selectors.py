"""Reading the audit trail: the entries a filter selects, and the target types there are."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from cbap.audit.models import AuditEntry


def audit_entries(
    *,
    event: str = "",
    actor: str = "",
    target_type: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries, newest first, filtered by event, actor e-mail (part of), target type and
    day range (inclusive)."""
    entries = AuditEntry.objects.all()
    if event:
        entries = entries.filter(event=event)
    if actor:
        entries = entries.filter(actor_email__icontains=actor.strip())
    if target_type:
        entries = entries.filter(target_type=target_type)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries.order_by("-at", "-id")


def audit_target_types() -> list[str]:
    return list(
        AuditEntry.objects.exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )
