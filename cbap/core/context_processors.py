from django.conf import settings


def demo_mode(request):
    """The demo banner every page shows while demo data may be loaded."""
    return {"demo_mode": settings.DEMO}
