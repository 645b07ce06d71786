"""`cbap serve [ADDR:PORT] [--production]`: the web server, with the static files.

`--production` runs granian with cbap's settings (`cbap/core/webserver.py`): processes of
threads, one process per core. Without it, Django's development server (one process, no
reloader).
"""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve cbap on http://127.0.0.1:8000; --production: with granian."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--production", action="store_true", help="Serve with granian (processes of threads)."
        )

    def handle(self, *args, addrport, production, **options):
        if not production:
            call_command("runserver", addrport, use_reloader=False, use_threading=True)
            return
        self.stdout.write(f"granian on http://{addrport}/ (cbap/core/webserver.py)", ending="\n")
        self.stdout.flush()
        # a fresh process, whose settings read the server's defaults (webserver.py); it takes
        # this one's place, so that signals reach it directly. Two malloc arenas per process
        # instead of one per thread: memory freed by one thread is reused by the others.
        os.environ.setdefault("MALLOC_ARENA_MAX", "2")
        argv = [sys.executable, "-m", "cbap.core.webserver", addrport]
        os.execv(argv[0], argv)
