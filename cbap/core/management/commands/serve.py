"""`cbap serve [ADDR:PORT]`: the development web server with static files, no reloader."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve cbap on http://127.0.0.1:8000 (for production, use a WSGI server on cbap.wsgi)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        call_command("runserver", addrport, use_reloader=False, use_threading=True)
