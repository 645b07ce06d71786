"""Refused attempts to change something go to the audit trail: a signed-in person who tries to
write what their roles do not cover (another Party's records, another organization's) is
worth knowing about. Read-only refusals are not recorded: following a link is no attempt."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from cbap.audit.services import Event, audit

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def refusal_audit_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if (
            response.status_code == 403
            and request.method not in SAFE_METHODS
            and getattr(user, "is_authenticated", False)
        ):
            details = {"method": request.method, "path": request.path[:300]}
            reason = getattr(request, "refusal", "") or _api_reason(response)
            audit(
                event=Event.REFUSED,
                actor=user,
                request=request,
                details={**details, **({"reason": reason} if reason else {})},
            )
        return response

    def process_exception(request, exception):
        if isinstance(exception, PermissionDenied):
            request.refusal = str(exception)[:500]

    middleware.process_exception = process_exception
    return middleware


def _api_reason(response) -> str:
    data = getattr(response, "data", None)
    return str(data.get("detail", ""))[:500] if isinstance(data, dict) else ""
