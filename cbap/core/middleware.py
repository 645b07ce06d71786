"""Headers Django's SecurityMiddleware does not set (the Content-Security-Policy and friends),
and requests no view should see."""

from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import BadRequest


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response

    return middleware


NUL = "\x00"


def refuse_nul_middleware(get_response):
    """A NUL character in the address or in a form is refused (400) before any view reads it:
    no database stores one (PostgreSQL fails on it), and no real reader sends one."""

    def middleware(request):
        if NUL in request.path or NUL in unquote_plus(request.META.get("QUERY_STRING", "")):
            raise BadRequest("The address holds a NUL character (%00).")
        if request.content_type == "application/x-www-form-urlencoded" and NUL in unquote_plus(
            request.body.decode("latin-1")
        ):
            raise BadRequest("The form holds a NUL character (%00).")
        return get_response(request)

    return middleware
