"""E-mail and password login with a lockout after repeated failures."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from cbap.accounts.models import User


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = (email or username or "").strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            User().set_password(password)  # same work as a real check, so timing reveals nothing
            return None
        if user.is_locked():
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            if user.failed_logins:
                User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
            return user
        user.failed_logins += 1
        if user.failed_logins >= settings.LOGIN_MAX_FAILURES:
            user.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
            user.failed_logins = 0
        user.save(update_fields=["failed_logins", "locked_until"])
        return None
