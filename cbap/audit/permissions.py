"""Who may read the audit trail, asked through Django's `user.has_perm`: audit sits below
accounts, whose permission matrix answers it (`cbap.accounts.backends`)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_reader(user) -> None:
    """The audit trail is the Secretariat's (analysts and administrators) to read."""
    if not user.has_perm("cbap.read_audit"):
        signed_in = getattr(user, "is_authenticated", False)
        raise PermissionDenied(
            _("Your roles do not allow you to read the audit trail of this site.")
            if signed_in
            else _("Please sign in to read the audit trail of this site.")
        )
