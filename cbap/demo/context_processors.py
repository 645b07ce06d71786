from django.conf import settings

from cbap.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD


def demo(request):
    """The demo banner on every page, and the demo accounts the sign-in page lists, on a demo
    site only (`CBAP_DEMO`)."""
    if not settings.DEMO:
        return {"demo_mode": False}
    return {"demo_mode": True, "demo_accounts": DEMO_ACCOUNTS, "demo_password": DEMO_PASSWORD}
