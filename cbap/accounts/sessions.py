"""Sessions that end when idle, without a database write on every request.

A session lives `SESSION_COOKIE_AGE` from its last save. Saving it on every request
(`SESSION_SAVE_EVERY_REQUEST`) would cost three queries each; this saves it (and so starts its
time again) at most every REFRESH_SECONDS, so a session ends between SESSION_COOKIE_AGE minus
that and SESSION_COOKIE_AGE after the last request.
"""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

REFRESH_SECONDS = 300
KEY = "cbap_refreshed"


def idle_session_middleware(get_response):
    """Placed after SessionMiddleware: it marks the session for saving before that saves it."""

    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(KEY, 0) >= REFRESH_SECONDS:
                session[KEY] = now
        return response

    return middleware


@receiver(user_logged_in)
def _refreshed_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[KEY] = int(time.time())
