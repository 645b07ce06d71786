"""`cbap evaluation snapshot create NAME | list`, `cbap evaluation compare NAME`,
`cbap evaluation report [--snapshot NAME] --format html|docx|xlsx|pdf --output FILE` and
`cbap evaluation profile KEN [--snapshot NAME] --format … --output FILE`: freezing the
evaluation's inputs, seeing what changed since, and writing its report or a country profile
(of the newest frozen snapshot when none is named)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from cbap.accounts.permissions import SYSTEM
from cbap.evaluation import profile, report, selectors, services


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
        profiled = sub.add_parser("profile", help="The country profile of a Party.")
        profiled.add_argument("party", help="The Party's code, e.g. KEN.")
        for document in (written, profiled):
            document.add_argument("--snapshot", help="Its name; the newest frozen by default.")
            document.add_argument(
                "--format", dest="fmt", choices=sorted(report.FORMATS), required=True
            )
            document.add_argument("--output", required=True, help="The file to write.")
        compare = sub.add_parser("compare", help="What changed since a snapshot (JSON).")
        compare.add_argument("name")
        compare.add_argument("--with", dest="other", default=selectors.LIVE)

    def handle(self, *args, action, **options):
        if action == "compare":
            return self.compare(**options)
        if action == "report":
            return self.report(**options)
        if action == "profile":
            return self.profile(**options)
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

    def report(self, *, snapshot: str | None, fmt: str, output: str, **_):
        frozen = self._frozen(snapshot)
        content = report.render(report.build(frozen), fmt, settings.SITE_URL)
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: the evaluation report of {frozen} ({len(content)} bytes).")

    def profile(self, *, party: str, snapshot: str | None, fmt: str, output: str, **_):
        frozen = self._frozen(snapshot)
        try:
            built = profile.build(frozen, party)
        except profile.UnknownParty as error:
            raise CommandError(str(error)) from error
        content = profile.render(built, fmt, settings.SITE_URL)
        Path(output).write_bytes(content)
        self.stdout.write(
            f"{output}: the country profile of {built.name} in {frozen} ({len(content)} bytes)."
        )

    def _frozen(self, name: str | None):
        """The frozen snapshot of that name, or the newest; CommandError when there is none."""
        if name is None:
            newest = selectors.snapshots().filter(status="frozen").first()
            if newest is None:
                raise CommandError("No snapshot is frozen yet: cbap evaluation snapshot create.")
            name = newest.name
        try:
            return selectors.frozen_snapshot(name)
        except Http404 as error:
            raise CommandError(str(error)) from error

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
