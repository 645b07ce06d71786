"""`cbap setup [--demo]`: load every app's reference data (and, in demo mode, the demo data).

Each app contributes its reference data through `AppConfig.load_reference_data(out)`, run in
INSTALLED_APPS order; the demo app alone loads the demo data (`load_demo_data(out)`). Both are
idempotent, so `make run` can call this every time.
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
        for config in apps.get_app_configs():
            if hasattr(config, "load_reference_data"):
                config.load_reference_data(self.stdout)
        if demo:
            apps.get_app_config("demo").load_demo_data(self.stdout)
