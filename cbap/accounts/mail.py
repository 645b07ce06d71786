"""What cbap tells people by e-mail: a role they were given, with a link to choose their
password when their account is new, and a link to reset a forgotten password."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.functional import lazy
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy

from cbap.core import mail
from cbap.core.languages import deferred


def password_link(request, user) -> str:
    """A link that lets `user` choose a password once (Django's reset token: it stops working
    when the password changes, or after PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path) if request is not None else path


def role_given(request, user, assignment, *, new_account: bool) -> None:
    """Told in the person's language (their account's, else the site's)."""
    role = lazy(lambda: assignment.label, str)()  # the role's name, read in that language
    context = {
        "user": user,
        "role": role,
        "link": password_link(request, user) if new_account else "",
        "sign_in": request.build_absolute_uri(reverse("accounts:login")) if request else "",
    }
    mail.send(
        to=[user],
        subject=deferred(gettext_lazy("cbap: you are now %(role)s"), role=role),
        template="accounts/email/role_given",
        context=context,
    )
