"""Public pages served once per change of data: an anonymous GET of a public page (a plan,
goal, indicator or Party page, the analyzer, a download, an API read) is rendered once per data
version (`dataversion`) and day, then served from the cache (shared by every process with
Redis), so the recomputation happens on the first request after a change, not on every one.

Never cached: signed-in people (their pages show their drafts and work), requests with a
session or an API token, pages of accounts, entry, records and administration, responses that
set a cookie or carry a CSRF token, and anything but a complete 200.
"""

from __future__ import annotations

from datetime import date
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from cbap.core.dataversion import data_version

# Pages of people and of the operator, and the API schema (code, not data: it needs no database).
UNCACHED_PATHS = (
    "/accounts/", "/admin/", "/entry/", "/records/", "/notifications/", "/my-work/",
    "/health/", "/ready/", "/reports/import/", "/api/v1/schema/", "/api/v1/docs/",
)  # fmt: skip
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Vary", "Allow")
MAX_BYTES = 5 * 1024 * 1024
SECONDS = 24 * 3600  # a version is dropped a day after its last use; a change drops it at once


def public_page_cache_middleware(get_response):
    def middleware(request):
        if not _cacheable_request(request):
            return get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            response = _response(stored)
            response["X-Cache"] = "hit"
            return response
        response = get_response(request)
        if _cacheable_response(request, response):
            cache.set(key, _stored(response), SECONDS)
            response["X-Cache"] = "miss"
        return response

    return middleware


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PATHS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
    )


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and len(response.content) <= MAX_BYTES
    )


def _key(request) -> str:
    asked = "\x1f".join(
        [
            request.get_host(),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", ""),
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        ]
    )
    digest = sha256(asked.encode()).hexdigest()
    return f"cbap:page:{data_version()}:{date.today().isoformat()}:{digest}"


def _stored(response) -> tuple[int, bytes, list[tuple[str, str]]]:
    headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
    return response.status_code, response.content, headers


def _response(stored) -> HttpResponse:
    status, content, headers = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
