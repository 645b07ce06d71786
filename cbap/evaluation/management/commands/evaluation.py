"""`cbap evaluation snapshot create NAME | list`, `cbap evaluation compare NAME` and
`cbap evaluation report --snapshot NAME --format html|docx|xlsx|pdf --output FILE`: freezing
the evaluation's inputs, seeing what changed since, and writing its report."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from cbap.accounts.permissions import SYSTEM
from cbap.evaluation import report, selectors, services


class Command(BaseCommand):
    help = "Frozen datasets (snapshots) of the midterm evaluation."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        snapshot = sub.add_parser("snapshot", help="Freeze a snapshot, or list them.")
        what = snapshot.add_subparsers(dest="what", required=True)
        create = what.add_parser("create", help="Freeze the live data now, as NAME.")
        create.add_argument("name")
        create.add_argument("--reason", default="")
        what.add_parser("list", help="The snapshots, newest first.")
        written = sub.add_parser("report", help="The evaluation report of a snapshot.")
        written.add_argument("--snapshot", required=True)
        written.add_argument("--format", dest="fmt", choices=sorted(report.FORMATS), required=True)
        written.add_argument("--output", required=True, help="The file to write.")
        compare = sub.add_parser("compare", help="What changed since a snapshot (JSON).")
        compare.add_argument("name")
        compare.add_argument("--with", dest="other", default=selectors.LIVE)

    def handle(self, *args, action, **options):
        if action == "compare":
            return self.compare(**options)
        if action == "report":
            return self.report(**options)
        if options["what"] == "list":
            for s in selectors.snapshots():
                frozen = s.frozen_at.isoformat(timespec="seconds") if s.frozen_at else "-"
                self.stdout.write(f"{s.name}\t{s.status}\t{frozen}\t{s.reason}")
            return
        try:
            snapshot = services.snapshot_create(
                name=options["name"], reason=options["reason"], actor=SYSTEM, background=False
            )
        except services.SnapshotError as error:
            raise CommandError(str(error)) from error
        if not snapshot.frozen:
            raise CommandError(f"Snapshot {snapshot.name} failed: {snapshot.error}")
        for number, cycle in sorted(snapshot.summary.items()):
            self.stdout.write(
                f"NR{number}: {cycle['reports']} published reports "
                f"({cycle['demo_reports']} demo); published records count for "
                f"{cycle['parties_with_records']} Parties"
            )
        self.stdout.write(f"Snapshot {snapshot.name} frozen.")

    def report(self, *, snapshot: str, fmt: str, output: str, **_):
        try:
            built = report.build(selectors.frozen_snapshot(snapshot))
        except Http404 as error:
            raise CommandError(str(error)) from error
        content = report.render(built, fmt, settings.SITE_URL)
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: the evaluation report of {snapshot} ({len(content)} bytes).")

    def compare(self, *, name: str, other: str, **_):
        try:
            comparison = selectors.compare(name, other)
        except Http404 as error:
            raise CommandError(str(error)) from error
        document = {
            "before": comparison.before,
            "after": comparison.after,
            "reports": [vars(cycle) for cycle in comparison.cycles],
            "values": comparison.values,
        }
        self.stdout.write(json.dumps(document, indent=1))
