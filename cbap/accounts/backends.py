"""E-mail and password login with a lockout after repeated failures; cbap's rights for Django.

After `settings.LOGIN_MAX_FAILURES` wrong passwords in a row an address is locked for
`settings.LOGIN_LOCKOUT_MINUTES`, during which even the right password fails. Addresses with no
account are counted too (in the cache), so a lockout tells nobody whether an account exists.
"""

from datetime import timedelta
from hashlib import sha256

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from cbap.accounts import permissions
from cbap.accounts.models import User

PERMISSION_PREFIX = "cbap."
"""`user.has_perm("cbap.<action>")` asks the permission matrix: apps below accounts in the
layers (audit, parties) check rights through Django's own API without importing accounts."""


class EmailBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if perm.startswith(PERMISSION_PREFIX):
            action = permissions.Action(perm.removeprefix(PERMISSION_PREFIX))
            return permissions.can(user_obj, action, obj)
        return super().has_perm(user_obj, perm, obj)

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = normalized(email or username)
        user = User.objects.filter(email=email).first()
        if user is None or user.is_locked():
            User().set_password(password)  # same work as a real check, so timing reveals nothing
            if user is None:
                _count_unknown_failure(email)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            if user.failed_logins:
                User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
            return user
        _count_failure(user)
        return None


def _count_failure(user: User) -> None:
    """One more failure, counted in the database itself (`F()`), so that simultaneous wrong
    passwords each count; the update that reaches the limit starts the lockout."""
    accounts = User.objects.filter(pk=user.pk)
    accounts.update(failed_logins=F("failed_logins") + 1)
    until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    accounts.filter(failed_logins__gte=settings.LOGIN_MAX_FAILURES).update(
        failed_logins=0, locked_until=until
    )


def normalized(email: str | None) -> str:
    return (email or "").strip().lower()


def is_locked_out(email: str) -> bool:
    """Whether sign-in with this address is paused, whether or not an account has it."""
    email = normalized(email)
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user.is_locked()
    return cache.get(_key("locked", email)) is not None


def _count_unknown_failure(email: str) -> None:
    if not email or cache.get(_key("locked", email)) is not None:
        return
    lockout = settings.LOGIN_LOCKOUT_MINUTES * 60
    failures_key = _key("failures", email)
    cache.add(failures_key, 0, timeout=lockout)
    try:
        failures = cache.incr(failures_key)
    except ValueError:  # expired in between
        failures = 1
        cache.set(failures_key, failures, timeout=lockout)
    if failures >= settings.LOGIN_MAX_FAILURES:
        cache.set(_key("locked", email), True, timeout=lockout)
        cache.delete(failures_key)


def _key(kind: str, email: str) -> str:
    return f"cbap:login-{kind}:{sha256(email.encode()).hexdigest()}"
