from django.conf import settings

from cbap.accounts.models import Role
from cbap.accounts.permissions import Action, can


def site(request):
    """What every page needs: the demo banner, and the signed-in person's own places in the nav."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"demo_mode": settings.DEMO}
    return {
        "demo_mode": settings.DEMO,
        "nav_parties": user.parties(),
        "nav_can_manage_users": user.is_secretariat_admin
        or user.has_role(Role.NATIONAL_FOCAL_POINT),
        "nav_can_read_audit": can(user, Action.READ_AUDIT),
    }
