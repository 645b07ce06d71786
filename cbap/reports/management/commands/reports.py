"""`cbap reports import|export|template`: national reports in and out from the command line."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cbap.accounts.permissions import SYSTEM
from cbap.parties.models import Government
from cbap.reports import selectors
from cbap.reports.formats import exporting, importing, workbook
from cbap.reports.formats.renderers import RENDERERS
from cbap.reports.models import NationalReport, ReportingCycle


class Command(BaseCommand):
    help = "Import and export national reports (BCH feed or document, CSV, XLSX, wide tables)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "import", help="Import reports; every problem is listed and nothing is written."
        )
        load.add_argument("file", type=Path)
        load.add_argument("--cycle", type=int, help="Reporting cycle, when the file does not say.")
        load.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        load.add_argument(
            "--format", dest="fmt", choices=importing.FORMATS, help="Default: from the file."
        )
        load.add_argument(
            "--as", dest="as_email", metavar="EMAIL", help="Import with this user's rights."
        )
        export = sub.add_parser("export", help="Write the published reports of a cycle.")
        export.add_argument("--cycle", type=int, required=True)
        export.add_argument("--format", dest="fmt", choices=sorted(RENDERERS))
        export.add_argument("--government", help="ISO3 code (EU for the European Union).")
        export.add_argument("--output", type=Path, help="File to write (default: standard output).")
        export.add_argument(
            "--working-copies",
            action="store_true",
            help="Every report as it stands, drafts included (default: what the public sees).",
        )
        template = sub.add_parser(
            "template", help="The XLSX workbook of one report, pre-filled or blank."
        )
        template.add_argument("--cycle", type=int, required=True)
        template.add_argument("--government", required=True)
        template.add_argument("--blank", action="store_true", help="Do not pre-fill.")
        template.add_argument("--output", type=Path, required=True)

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_import(self, *, file: Path, cycle, dry_run, fmt, as_email, **_):
        actor = SYSTEM  # the operator, who has the server in hand
        if as_email:
            actor = get_user_model().objects.filter(email=as_email.lower()).first()
            if actor is None:
                raise CommandError(f"No user with the e-mail address {as_email}.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error}") from error
        result = importing.reports_import(
            content=content,
            file_name=file.name,
            cycle_number=cycle,
            actor=actor,
            dry_run=dry_run,
            format=fmt,
        )
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.problems:
            raise CommandError(result.summary())
        self.stdout.write(result.summary() + (" (dry run: nothing written)" if dry_run else ""))

    def handle_export(self, *, cycle, fmt, government, output, working_copies, **_):
        reporting_cycle = _cycle(cycle)
        fmt = fmt or _format_from(output)
        chosen = _government(government) if government else None
        export = exporting.export_set(
            cycle=reporting_cycle, government=chosen, working_copies=working_copies
        )
        try:
            content = RENDERERS[fmt](export)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self._write(content, output, binary=fmt.endswith("xlsx"))

    def handle_template(self, *, cycle, government, blank, output, **_):
        reporting_cycle = _cycle(cycle)
        chosen = _government(government)
        report = None
        if not blank:
            report = NationalReport.objects.filter(cycle=reporting_cycle, government=chosen).first()
        content = workbook.render_workbook(
            cycle=reporting_cycle,
            questionnaire=selectors.questionnaire_for(reporting_cycle),
            government=chosen,
            report=selectors.working_version(report) if report else None,
        )
        self._write(content, output, binary=True)

    def _write(self, content: bytes, output: Path | None, *, binary: bool) -> None:
        if output:
            output.write_bytes(content)
            self.stderr.write(f"Wrote {output}")
        elif binary and sys.stdout.isatty():
            raise CommandError("XLSX is binary: give --output FILE.")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(content)


def _cycle(number: int) -> ReportingCycle:
    cycle = ReportingCycle.objects.filter(number=number).first()
    if cycle is None:
        raise CommandError(f"No reporting cycle {number} (run `cbap setup` first).")
    return cycle


def _government(code: str) -> Government:
    government = Government.objects.filter(code=code.upper()).first()
    if government is None:
        raise CommandError(f"No government with the code {code}.")
    return government


def _format_from(output: Path | None) -> str:
    name = output.name.lower() if output else ""
    for fmt in ("wide-xlsx", "wide-csv"):
        if name.endswith(exporting.EXTENSIONS[fmt]):
            return fmt
    for suffix, fmt in ((".csv", "csv"), (".xlsx", "xlsx"), (".json", "feed")):
        if name.endswith(suffix):
            return fmt
    raise CommandError("Give --format (feed, document, csv, xlsx, wide-csv or wide-xlsx).")
