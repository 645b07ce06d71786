"""API authentication by `Authorization: Token <key>` with a revocable per-user token."""

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from cbap.accounts.models import ApiToken


class ApiTokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        token = ApiToken.find_active(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token
