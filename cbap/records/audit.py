"""One function writes the audit trail, so every event has the same who/when/what/where."""

from __future__ import annotations

from django.db import models

from cbap.records.models import AuditEntry


class Event(models.TextChoices):
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    SUBMIT = "submit"
    PUBLISH = "publish"
    RETURN = "return"
    WITHDRAW = "withdraw"
    RESTORE = "restore"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    PERMISSION_CHANGE = "permission_change"
    TOKEN_ISSUED = "token_issued"
    TOKEN_REVOKED = "token_revoked"
    IMPORT = "import"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def audit(
    *, event: str, actor=None, target=None, request=None, details=None, label=""
) -> AuditEntry:
    """Record an event. `target` is any model instance (or None); `details` any JSON-able dict."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_email=(actor.email if is_user else details.get("email", "") if details else ""),
        event=event,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(label or str(target))[:300] if target is not None or label else "",
        ip_address=client_ip(request),
        details=details or {},
    )
