"""The reader's language. A page's address carries it (/fr/plan/; English, the source language,
has no prefix), so a shared link opens in the language it was shared in.

- The home page sends a first-time visitor to the language their browser asks for
  (Accept-Language), or to the one they chose before (the cookie the language switcher sets).
- The API, outside the prefixed pages, answers in the language of Accept-Language.
- Signed-in people keep their choice in their account, and find it again at sign-in.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import lazy

NEGOTIATED_PATHS = ("/api/",)


def language_of(request) -> str:
    """The language a request's page is in."""
    from_path = translation.get_language_from_path(request.path_info)
    if from_path:
        return from_path
    if request.path_info.startswith(NEGOTIATED_PATHS):
        return translation.get_language_from_request(request)
    return settings.LANGUAGE_CODE


def without_language(path: str) -> str:
    """The path as in English: /fr/plan/ → /plan/."""
    prefix = translation.get_language_from_path(path)
    return path[len(prefix) + 1 :] if prefix else path


def in_language(path: str, language: str) -> str:
    """The same page in another language (a path, its query kept)."""
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        return translate_url(path, language)


def deferred(text, /, **values):
    """A message put together now and translated when it is read, in the reader's language
    then active: for what one person's action tells others (e-mails, notifications).
    `text` is a gettext_lazy text with %(name)s placeholders for `values`."""
    return lazy(lambda: str(text) % values if values else str(text), str)()


def remember_language(response, language: str, request) -> None:
    """The browser keeps the reader's choice: the home page opens in it next time."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=request.is_secure(),
    )


def first_visit_middleware(get_response):
    """The home page in the language asked for: chosen before, else the browser's."""

    def middleware(request):
        if request.path_info != "/":
            return get_response(request)
        wanted = translation.get_language_from_request(request)
        if wanted != settings.LANGUAGE_CODE and request.method in ("GET", "HEAD"):
            response = HttpResponseRedirect(f"/{wanted}/")
        else:
            response = get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return middleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's (the language from the address), with the API in the language asked for."""

    def process_request(self, request):
        if request.path_info.startswith(NEGOTIATED_PATHS):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        else:
            super().process_request(request)
