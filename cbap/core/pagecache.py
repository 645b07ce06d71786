"""Public pages served once per change of data: an anonymous GET of a public page (a plan,
goal, indicator or Party page, the analyzer, a download, an API read) is rendered once per data
version (`dataversion`) and day, then served from the cache (shared by every process with
Redis), so the recomputation happens on the first request after a change, not on every one.

The middleware sits before sessions, authentication and the rest, so that a page from the cache
costs little more than a static file: it is kept with its ETag and compressed (gzip), once,
when it is stored; the rare client that does not accept gzip gets it unpacked.

Never cached: requests with a session, a message or an API token (signed-in people see their
drafts and work), pages of accounts, entry, records and administration, responses that set a
cookie or carry a CSRF token, and anything but a complete 200.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import date
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.text import compress_string

from cbap.core.dataversion import data_version
from cbap.core.languages import language_of, without_language
from cbap.core.once import one_at_a_time

# Pages of people and of the operator, and the API schema (code, not data: it needs no database).
UNCACHED_PATHS = (
    "/accounts/", "/admin/", "/entry/", "/records/", "/notifications/", "/my-work/",
    "/health/", "/ready/", "/reports/import/", "/api/v1/schema/", "/api/v1/docs/",
)  # fmt: skip
KEPT_HEADERS = (
    "Content-Type", "Content-Disposition", "Content-Language", "Vary", "Allow", "ETag",
    "X-Frame-Options",
)  # fmt: skip
MAX_BYTES = 5 * 1024 * 1024
SECONDS = 24 * 3600  # kept a day at most; a change of data leaves them unused at once
COMPRESSED_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml")


@dataclass(frozen=True)
class StoredPage:
    headers: tuple[tuple[str, str], ...]
    body: bytes
    gzipped: bool  # kept compressed (a fifth of the memory), unless that gains nothing


def public_page_cache_middleware(get_response):
    def middleware(request):
        if not _cacheable_request(request):
            return get_response(request)
        key = _key(request)
        stored = _get(key)
        if stored is None:
            with one_at_a_time(key):  # the others asking for it wait, then read the cache
                stored = _get(key)
                if stored is None:
                    response = get_response(request)
                    if _cacheable_response(request, response):
                        _set(key, _stored(response))
                        response["X-Cache"] = "miss"
                    return response
        response = _response(stored, request)
        response["X-Cache"] = "hit"
        return response

    return middleware


def _get(key: str) -> StoredPage | None:
    """From this process's copy, else from the shared cache (then kept in this process)."""
    local = caches["pages"]
    stored = local.get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            local.set(key, stored, SECONDS)
    return stored


def _set(key: str, stored: StoredPage) -> None:
    cache.set(key, stored, SECONDS)
    caches["pages"].set(key, stored, SECONDS)


def _cacheable_request(request) -> bool:
    """Anonymous readers only: without a session cookie or a token nobody is signed in."""
    return (
        request.method in ("GET", "HEAD")
        and not without_language(request.path).startswith(UNCACHED_PATHS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and not response.has_header("Content-Encoding")
        and len(response.content) <= MAX_BYTES
    )


def _key(request) -> str:
    """The page as asked for: address, and what the response depends on besides it (the API
    answers a browser asking for HTML with its browsable page), never raw headers that vary
    between browsers for the same page."""
    asked = "\x1f".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            "html" if _api_browser(request) else "",
            language_of(request),
        ]
    )
    digest = sha256(asked.encode()).hexdigest()
    return f"cbap:page:{data_version()}:{date.today().isoformat()}:{digest}"


def _api_browser(request) -> bool:
    return request.path.startswith("/api/") and "text/html" in request.META.get("HTTP_ACCEPT", "")


def _stored(response) -> StoredPage:
    set_response_etag(response)
    headers = tuple((name, response[name]) for name in KEPT_HEADERS if response.has_header(name))
    body = response.content
    if len(body) >= 200 and response.get("Content-Type", "").startswith(COMPRESSED_TYPES):
        packed = compress_string(body)  # as GZipMiddleware, once
        if len(packed) < len(body):
            return StoredPage(headers, packed, gzipped=True)
    return StoredPage(headers, body, gzipped=False)


def _response(stored: StoredPage, request) -> HttpResponse:
    """The page as kept, compressed for those who accept it (every browser), else unpacked."""
    wants_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    unpack = stored.gzipped and not wants_gzip
    response = HttpResponse(gzip.decompress(stored.body) if unpack else stored.body)
    for name, value in stored.headers:
        response[name] = value
    response["Content-Length"] = len(response.content)
    if stored.gzipped:
        patch_vary_headers(response, ("Accept-Encoding",))
        if wants_gzip:
            response["Content-Encoding"] = "gzip"
            if not response["ETag"].startswith("W/"):  # as Django's GZipMiddleware marks it
                response["ETag"] = "W/" + response["ETag"]
    return response
