"""`cbap plan load|export|diff`: the Action Plan catalogue from the command line."""

import dataclasses
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cbap.plan import catalogue, exports, selectors, services, validation
from cbap.plan.models import PlanVersion


class Command(BaseCommand):
    help = "Load, export and compare versions of the Capacity-building Action Plan."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load",
            help="Load a plan version (adopted or adjusted) from its JSON data file.",
        )
        load.add_argument("file", nargs="?", type=Path, default=catalogue.ADOPTED_PLAN_FILE)
        load.add_argument(
            "--not-current", action="store_true", help="Load it, but keep the current version."
        )
        export = sub.add_parser("export", help="Write the plan as JSON, CSV or XLSX.")
        export.add_argument("--format", choices=sorted(exports.RENDERERS), default="json")
        export.add_argument("--output", type=Path, help="File to write (default: standard output).")
        export.add_argument(
            "--version", dest="plan_version", help="Version code (default: current)."
        )
        diff = sub.add_parser("diff", help="What changed between two versions.")
        diff.add_argument("old", help="Version code, e.g. CP-10/4")
        diff.add_argument("new", help="Version code")
        diff.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_load(self, *, file: Path, not_current: bool, **_):
        try:
            data = catalogue.load_file(file)
        except OSError as error:
            raise CommandError(f"{file}: cannot read: {error.strerror or error}") from error
        except ValueError as error:
            raise CommandError(f"{file}: not valid JSON: {error}") from error
        try:
            version, outcome = services.plan_version_load(
                data=data, make_current=not not_current, source=str(file)
            )
        except validation.PlanDataError as error:
            raise CommandError(str(error)) from error
        current = "current" if version.is_current else "not current"
        self.stdout.write(f"{version.code}: {outcome} ({current})")

    def handle_export(self, *, format: str, output: Path | None, plan_version: str | None, **_):
        content = exports.RENDERERS[format](selectors.plan_as_dict(_version(plan_version)))
        if output:
            try:
                output.write_bytes(content)
            except OSError as error:
                raise CommandError(f"{output}: cannot write: {error.strerror or error}") from error
            self.stderr.write(f"Wrote {output}")
        elif format == "xlsx" and sys.stdout.isatty():
            raise CommandError("XLSX is binary: give --output FILE.")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(content)

    def handle_diff(self, *, old: str, new: str, format: str, **_):
        changes = selectors.version_changes(_version(old), _version(new))
        if format == "json":
            rows = [{**dataclasses.asdict(c), "kind_label": c.kind_label} for c in changes]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for c in changes:
            what = f"{c.change} {c.field}" if c.field else c.change
            code = "" if c.code == c.kind else c.code
            self.stdout.write(f"{what:22} {c.kind_label:16} {code}".rstrip())
            if c.before:
                self.stdout.write(f"    - {c.before}")
            if c.after:
                self.stdout.write(f"    + {c.after}")
        self.stdout.write(f"{len(changes)} change(s) from {old} to {new}")


def _version(code: str | None) -> PlanVersion:
    try:
        return selectors.plan_version(code)
    except PlanVersion.DoesNotExist:
        known = ", ".join(PlanVersion.objects.values_list("code", flat=True))
        if code:
            raise CommandError(
                f"No plan version {code!r}; loaded: {known or 'none (run `cbap setup`)'}."
            ) from None
        raise CommandError("No plan version is current (run `cbap setup`).") from None
