"""Reading the audit trail: its entries, newest first, and the target types there are."""

from __future__ import annotations

from django.db.models import QuerySet

from cbap.audit.models import AuditEntry


def audit_entries() -> QuerySet[AuditEntry]:
    """Every audit entry, newest first (`AuditEntryFilterSet` narrows them)."""
    return AuditEntry.objects.order_by("-at", "-id")


def audit_target_types() -> list[str]:
    return list(
        AuditEntry.objects.exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )
