from django.conf import settings


def site(request):
    """What every page needs: whether this is a demo site, so the banner says so."""
    return {"demo_mode": settings.DEMO}
