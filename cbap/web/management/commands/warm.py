"""`cbap warm [--now]`: the heavy public pages into the cache (`cbap/web/warmup.py`).

`cbap serve --production` queues it at every start (and reads, with --this-process, what its
web workers keep in memory before they fork); the worker warms the pages after every change of
data. Run it by hand after restoring a backup or emptying the cache.
"""

from django.core.management.base import BaseCommand

from cbap.web import warmup


class Command(BaseCommand):
    help = "Queue the warming of the heavy public pages for the worker; --now: warm them here."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Warm here instead of queueing.")
        parser.add_argument(
            "--this-process",
            action="store_true",
            help="Also read what each web process keeps in memory (before the server forks them).",
        )

    def handle(self, *args, now, this_process, **options):
        if this_process:
            warmup.prime_process()
        if now:
            warmup.warm_public_pages.call()
        else:
            warmup.pages_warm_soon()
