from cbap.accounts.models import Role
from cbap.accounts.permissions import Action, can


def navigation(request):
    """The signed-in person's own places in the navigation."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {
        "nav_parties": user.parties(),
        "nav_can_manage_users": user.is_secretariat_admin
        or user.has_role(Role.NATIONAL_FOCAL_POINT),
        "nav_can_read_audit": can(user, Action.READ_AUDIT),
    }
