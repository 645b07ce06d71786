"""`cbap plan load|export|diff`: the Action Plan catalogue from the command line."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cbap.plan import catalogue, exports, selectors, services
from cbap.plan.models import PlanVersion


class Command(BaseCommand):
    help = "Load, export and compare versions of the Capacity-building Action Plan."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Load a plan version from its JSON data file.")
        load.add_argument("file", nargs="?", type=Path, default=catalogue.ADOPTED_PLAN_FILE)
        load.add_argument("--not-current", action="store_true", help="Keep the current version.")
        export = sub.add_parser("export", help="Write the plan as JSON, CSV or XLSX.")
        export.add_argument("--format", choices=sorted(exports.RENDERERS), default="json")
        export.add_argument("--output", type=Path, help="File to write (default: standard output).")
        export.add_argument(
            "--version", dest="plan_version", help="Version code (default: current)."
        )
        diff = sub.add_parser("diff", help="What changed between two versions.")
        diff.add_argument("old")
        diff.add_argument("new")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"handle_{action}")(**options)
        except PlanVersion.DoesNotExist as error:
            raise CommandError("No such plan version (run `cbap plan load` first).") from error

    def handle_load(self, *, file: Path, not_current: bool, **_):
        try:
            data = catalogue.load_file(file)
        except (OSError, ValueError) as error:
            raise CommandError(f"{file}: cannot read plan data: {error}") from error
        version, outcome = services.plan_version_load(data=data, make_current=not not_current)
        self.stdout.write(f"{version.code}: {outcome}")

    def handle_export(self, *, format: str, output: Path | None, plan_version: str | None, **_):
        content = exports.RENDERERS[format](
            selectors.plan_as_dict(selectors.plan_version(plan_version))
        )
        if output:
            output.write_bytes(content)
            self.stderr.write(f"Wrote {output}")
        elif format == "xlsx" and sys.stdout.isatty():
            raise CommandError("XLSX is binary: give --output FILE.")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(content)

    def handle_diff(self, *, old: str, new: str, **_):
        changes = catalogue.diff(
            selectors.version_elements(selectors.plan_version(old)),
            selectors.version_elements(selectors.plan_version(new)),
        )
        for change in changes:
            self.stdout.write(f"{change.change:8} {change.code}")
        self.stdout.write(f"{len(changes)} change(s) from {old} to {new}")
