"""`cbap setup [--demo]`: load every app's reference data (and, in demo mode, the demo data).

Each app contributes through its AppConfig: `load_reference_data(out)` and `load_demo_data(out)`,
run in INSTALLED_APPS order; both are idempotent, so `make run` can call this every time.
"""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the plan, the Parties, the questionnaires and (with --demo) the demo data."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also load synthetic demo data.")

    def handle(self, *args, demo: bool, **options):
        if demo and not settings.DEMO:
            raise CommandError("Demo data is refused here: CBAP_DEMO is off (production).")
        steps = ["load_reference_data"] + (["load_demo_data"] if demo else [])
        for step in steps:
            for config in apps.get_app_configs():
                if hasattr(config, step):
                    getattr(config, step)(self.stdout)
