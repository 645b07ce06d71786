"""What the Django admin changes goes to the audit trail too: `AuditedAdmin` writes an entry for
every object it creates, changes or deletes, its inlines' included, with the old and new values.

The admin is for Secretariat administrators only, and most things have their own audited pages
(users and roles on /accounts/users/, records through the services); this covers the rest.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.contrib import admin
from django.db import models

from cbap.audit.services import Event, audit
from cbap.core.dataversion import data_changed

# Never copied into an audit entry, whatever the model.
SECRET_FIELDS = {"password", "digest"}


def _json(value):
    """A value as the audit trail keeps it (JSON): instances by name and key, dates as ISO."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [_json(item) for item in value]
    return str(value)


def snapshot(obj: models.Model) -> dict:
    """The object's fields (secrets left out) as JSON values."""
    return {
        field.name: _json(getattr(obj, field.name))
        for field in obj._meta.concrete_fields
        if field.name not in SECRET_FIELDS
    }


def form_changes(form) -> dict:
    """`{"field": {"old": …, "new": …}}` for each field the admin form changed."""
    return {
        name: {"old": _json(form.initial.get(name)), "new": _json(form.cleaned_data.get(name))}
        for name in form.changed_data
        if name not in SECRET_FIELDS
    }


def audit_admin(request, event: str, obj: models.Model, **details) -> None:
    """Every change made in the admin is audited here, and may be public: the page cache
    starts afresh."""
    data_changed()
    audit(
        event=event,
        actor=request.user,
        target=obj,
        request=request,
        details={"via": "admin", **details},
    )


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every create, change and delete (inlines too) is audited."""

    def save_model(self, request, obj, form, change):
        changes = form_changes(form) if change else None
        super().save_model(request, obj, form, change)
        if not change:
            audit_admin(request, Event.CREATE, obj, content=snapshot(obj))
        elif changes:
            audit_admin(request, Event.CHANGE, obj, changes=changes)

    def delete_model(self, request, obj):
        audit_admin(request, Event.DELETE, obj, content=snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:  # the bulk "delete selected" action: one entry per object
            audit_admin(request, Event.DELETE, obj, content=snapshot(obj))
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        changed = [
            (inline.instance, form_changes(inline))
            for inline in formset.initial_forms
            if inline.instance.pk and inline.has_changed() and inline not in formset.deleted_forms
        ]
        deleted = [
            (inline.instance, snapshot(inline.instance))
            for inline in formset.deleted_forms
            if inline.instance.pk
        ]
        for obj, content in deleted:  # before the rows (and their keys) are gone
            audit_admin(request, Event.DELETE, obj, content=content)
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_admin(request, Event.CREATE, obj, content=snapshot(obj))
        for obj, changes in changed:
            if changes:
                audit_admin(request, Event.CHANGE, obj, changes=changes)
