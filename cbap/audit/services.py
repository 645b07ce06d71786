"""One function writes the audit trail, so every event has the same who/when/what/where."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy

from cbap.audit.models import AuditEntry


class Event(models.TextChoices):
    # The values are the codes the trail stores; the labels name them in the filter.
    CREATE = "create", pgettext_lazy("audit event", "Create")
    CHANGE = "change", pgettext_lazy("audit event", "Change")
    DELETE = "delete", pgettext_lazy("audit event", "Delete")
    SUBMIT = "submit", pgettext_lazy("audit event", "Submit")
    PUBLISH = "publish", pgettext_lazy("audit event", "Publish")
    RETURN = "return", pgettext_lazy("audit event", "Return")
    REOPEN = "reopen", pgettext_lazy("audit event", "Reopen")
    WITHDRAW = "withdraw", pgettext_lazy("audit event", "Withdraw")
    RESTORE = "restore", pgettext_lazy("audit event", "Restore")
    LOGIN = "login", pgettext_lazy("audit event", "Login")
    LOGIN_FAILED = "login_failed", pgettext_lazy("audit event", "Login Failed")
    LOCKOUT = "lockout", pgettext_lazy("audit event", "Lockout")
    LOGOUT = "logout", pgettext_lazy("audit event", "Logout")
    PASSWORD_CHANGE = "password_change", pgettext_lazy("audit event", "Password Change")
    PERMISSION_CHANGE = "permission_change", pgettext_lazy("audit event", "Permission Change")
    TOKEN_ISSUED = "token_issued", pgettext_lazy("audit event", "Token Issued")
    TOKEN_REVOKED = "token_revoked", pgettext_lazy("audit event", "Token Revoked")
    IMPORT = "import", pgettext_lazy("audit event", "Import")
    REFUSED = "refused", pgettext_lazy("audit event", "Refused")
    QUERY = "query", pgettext_lazy("audit event", "Query")
    QUERY_ANSWER = "query_answer", pgettext_lazy("audit event", "Query Answer")
    PASSWORD_RESET_REQUEST = (
        "password_reset_request",
        pgettext_lazy("audit event", "Password Reset Request"),
    )


def client_ip(request) -> str | None:
    """The address the request came from, for the audit trail.

    With `settings.TRUSTED_PROXIES` = n ≥ 1, the n trusted proxies in front of cbap each appended
    the address they saw to X-Forwarded-For, so the client is the n-th entry from the right;
    anything to its left was sent by the client and may be forged. A header with fewer entries,
    or an entry that is no IP address, falls back to the connection's address (REMOTE_ADDR).
    """
    if request is None:
        return None
    remote = _ip_or_none(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXIES
    if proxies < 1:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return _ip_or_none(forwarded[-proxies]) or remote


def _ip_or_none(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def audit(*, event: str, actor, target=None, request=None, details=None, label="") -> AuditEntry:
    """Record an event. `actor` is who did it: a person, or None when nobody is signed in (a
    failed sign-in); `target` is any model instance (or None); `details` any JSON-able dict."""
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
