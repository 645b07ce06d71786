"""Two-factor sign-in for Secretariat administrators: after the password, a code from an
authenticator app (TOTP, django-otp). An administrator signed in with the password alone can open
only the page that asks for the code (and first sets the app up), and sign out.

On by default in production (`CBAP_ADMIN_TWO_FACTOR`); the API's token requests are not
concerned (a token is issued from a session that passed this step).
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cbap.accounts.models import Role


def needs_second_factor(user) -> bool:
    """A Secretariat administrator whose session has not passed the second step yet."""
    if not settings.ADMIN_TWO_FACTOR or not getattr(user, "is_authenticated", False):
        return False
    administrator = user.is_superuser or any(
        assignment.role == Role.SECRETARIAT_ADMIN for assignment in user.roles()
    )
    return administrator and not user.is_verified()


def two_factor_middleware(get_response):
    """After django-otp's OTPMiddleware: sends an administrator without the second step to it."""
    open_anyway: set[str] = set()  # the step's page and sign-out, found at the first request

    def middleware(request):
        if not open_anyway:
            open_anyway.update(reverse(name) for name in ("accounts:two_factor", "accounts:logout"))
        if request.path not in open_anyway and needs_second_factor(request.user):
            return redirect(f"{reverse('accounts:two_factor')}?next={quote(request.path)}")
        return get_response(request)

    return middleware


def device_of(user) -> TOTPDevice:
    """The person's authenticator, made (unconfirmed) the first time they are asked for a code."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "id").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def verify(request, device: TOTPDevice, code: str) -> bool:
    """Whether the code is right; if so, the session has passed the second step (and a new
    device is confirmed)."""
    if not device.verify_token(code.strip().replace(" ", "")):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True
