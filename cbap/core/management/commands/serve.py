"""`cbap serve [ADDR:PORT] [--production]`: the web server, with the static files.

`--production` runs gunicorn with cbap's settings (`cbap/core/gunicorn_conf.py`): threaded
workers, one per core. Without it, Django's development server (one process, no reloader).
"""

import os
import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn_conf.py"


class Command(BaseCommand):
    help = "Serve cbap on http://127.0.0.1:8000; --production: with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--production", action="store_true", help="Serve with gunicorn (threaded workers)."
        )

    def handle(self, *args, addrport, production, **options):
        if not production:
            call_command("runserver", addrport, use_reloader=False, use_threading=True)
            return
        gunicorn = Path(sys.executable).with_name("gunicorn")
        argv = [str(gunicorn), "cbap.wsgi:application", "-c", str(CONFIG), "--bind", addrport]
        self.stdout.write(f"gunicorn on http://{addrport}/ ({CONFIG.name})")
        os.execv(argv[0], argv)  # gunicorn takes this process over: signals reach it directly
