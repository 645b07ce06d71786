"""`cbap check --deploy` warns when a production site has demo accounts."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from cbap.accounts.models import User
from cbap.demo.accounts import DEMO_ACCOUNTS


@register(Tags.security, deploy=True)
def demo_accounts_in_production(app_configs=None, **kwargs) -> list[Warning]:
    """With DEBUG off, no active demo account (whose password is published) may exist."""
    if settings.DEBUG:
        return []
    try:
        found = list(
            User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS], is_active=True)
            .order_by("email")
            .values_list("email", flat=True)
        )
    except DatabaseError:  # no database yet, or not migrated: nothing to warn about
        return []
    if not found:
        return []
    return [
        Warning(
            f"{len(found)} active demo account(s) with DEBUG off: {', '.join(found)}. Their "
            "password is published (docs/demo-accounts.md), so anyone can sign in with them.",
            hint="Deactivate them on /accounts/users/ (or delete them in a shell), and never run "
            "`cbap setup --demo` on a production database.",
            id="cbap.W001",
        )
    ]
