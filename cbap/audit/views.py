"""The audit trail page for the Secretariat (`READ_AUDIT`), and the same entries as CSV."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.shortcuts import render

from cbap.audit import selectors
from cbap.audit.filtersets import AuditEntryFilterSet
from cbap.audit.permissions import require_reader
from cbap.core import downloads

AUDIT_PAGE_SIZE = 50
AUDIT_CSV_COLUMNS = [
    "at",
    "actor_email",
    "event",
    "target_type",
    "target_id",
    "target_label",
    "ip_address",
    "details",
]


def _filtered(request) -> AuditEntryFilterSet:
    return AuditEntryFilterSet(request.GET, queryset=selectors.audit_entries())


def audit_log(request):
    require_reader(request.user)
    return _audit_page(request, _filtered(request))


def _audit_page(request, filterset: AuditEntryFilterSet):
    """The audit trail page; with invalid filters, their errors and HTTP 400."""
    valid = filterset.is_valid()
    page = None
    if valid:
        page = Paginator(filterset.qs, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/trail.html",
        {"form": filterset.form, "page": page, "target_types": selectors.audit_target_types()},
        status=200 if valid else 400,
    )


def audit_export(request):
    """The filtered audit entries as CSV (all of them, not one page); invalid filters get the
    audit page with their errors (400)."""
    require_reader(request.user)
    filterset = _filtered(request)
    if not filterset.is_valid():
        return _audit_page(request, filterset)
    rows = (_csv_row(entry) for entry in filterset.qs.iterator(chunk_size=2000))
    name = downloads.file_name("audit", filters=filterset.form.cleaned_data, extension="csv")
    return downloads.download(downloads.csv_stream(AUDIT_CSV_COLUMNS, rows), name)


def _csv_row(entry) -> list[str]:
    """A formula typed into a label is written as text by `downloads.csv_stream`."""
    return [
        entry.at.isoformat(),
        entry.actor_email,
        entry.event,
        entry.target_type,
        entry.target_id,
        entry.target_label,
        entry.ip_address or "",
        json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
    ]
