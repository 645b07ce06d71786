"""Who may change the registry, asked through Django's `user.has_perm`: parties sits below
accounts, whose permission matrix answers it (`cbap.accounts.backends`)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_editor(user) -> None:
    """Only Secretariat administrators keep the members of the groupings no source lists."""
    if not user.has_perm("cbap.edit_groupings"):
        raise PermissionDenied(
            _(
                "Your roles do not allow you to edit the country groupings: Secretariat "
                "administrators keep the members of the groupings that no source lists."
            )
        )
