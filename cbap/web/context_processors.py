from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cbap.accounts.permissions import Action, can
from cbap.accounts.selectors import may_manage_users
from cbap.core.languages import in_language
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


def languages(request):
    """The page in each language the site offers: for the switcher, and for the links between
    translations that search engines follow."""
    current = translation.get_language()
    here = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        page = in_language(here, code)
        links.append(
            {
                "code": code,
                "name": name,
                "current": code == current,
                "page": request.build_absolute_uri(page),
                "switch": f"{reverse('choose_language', args=[code])}?{urlencode({'next': page})}",
            }
        )
    return {"language_links": links}
