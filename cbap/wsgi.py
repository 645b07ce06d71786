"""WSGI entry point for production servers (`cbap.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cbap.settings")
application = get_wsgi_application()
