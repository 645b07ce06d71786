from cbap.accounts.permissions import Action, can
from cbap.accounts.selectors import may_manage_users
from cbap.notifications.selectors import unread_count


def navigation(request):
    """The signed-in person's own places in the navigation."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {
        "nav_parties": user.parties(),
        "nav_can_manage_users": may_manage_users(user),
        "nav_can_read_audit": can(user, Action.READ_AUDIT),
        "nav_unread": unread_count(user),
    }
