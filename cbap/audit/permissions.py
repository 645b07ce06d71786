"""Who may read the audit trail, asked through Django's `user.has_perm`: audit sits below
accounts, whose permission matrix answers it (`cbap.accounts.backends`)."""

from django.core.exceptions import PermissionDenied


def require_reader(user) -> None:
    """The audit trail is the Secretariat's (analysts and administrators) to read."""
    if not user.has_perm("cbap.read_audit"):
        signed_in = getattr(user, "is_authenticated", False)
        raise PermissionDenied(
            "Your roles do not allow you to read the audit trail of this site."
            if signed_in
            else "Please sign in to read the audit trail of this site."
        )
