"""E-mail and password sign-in, with password checks bounded per process; cbap's rights for
Django. Throttling repeated failures is `cbap.accounts.throttle`'s, before this is reached."""

from django.contrib.auth.backends import ModelBackend

from cbap.accounts import permissions
from cbap.accounts.hashers import HASHING
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
        user = User.objects.filter(email=normalized(email or username)).first()
        with HASHING:
            if user is None:
                User().set_password(password)  # the same work as a check: timing tells nothing
                return None
            right = user.check_password(password)
        return user if right and self.user_can_authenticate(user) else None


def normalized(email: str | None) -> str:
    return (email or "").strip().lower()
