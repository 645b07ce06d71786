"""What `cbap activities` and `cbap resources` share: import and export of one kind of record."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cbap.accounts.permissions import SYSTEM
from cbap.activities import exports, selectors
from cbap.activities.formats.exchange import FORMATS, records_file_export, records_file_import

TABLES = ("csv", "xlsx", "json")


class ExchangeCommand(BaseCommand):
    kind: str

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="Import a file; on any problem nothing is written.")
        load.add_argument("file", type=Path)
        load.add_argument("--format", dest="fmt", choices=FORMATS[self.kind], required=True)
        load.add_argument("--publish", action="store_true", help="Publish what is imported.")
        load.add_argument(
            "--organization", default="", help="Owner: a registered organization's name."
        )
        load.add_argument("--party", default="", help="Owner: a Party's code, e.g. KEN.")
        load.add_argument(
            "--as", dest="as_email", metavar="EMAIL", help="Import with this user's rights."
        )
        export = sub.add_parser("export", help="Write the published records.")
        export.add_argument(
            "--format", dest="fmt", choices=(*FORMATS[self.kind], *TABLES), required=True
        )
        export.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_import(self, *, file: Path, fmt, publish, organization, party, as_email, **_):
        actor = SYSTEM  # the operator, who has the server in hand
        if as_email:
            actor = get_user_model().objects.filter(email=as_email.lower()).first()
            if actor is None:
                raise CommandError(f"No user with the e-mail address {as_email}.")
        try:
            with file.open("rb") as stream:
                result = records_file_import(
                    stream=stream,
                    file=file.name,
                    fmt=fmt,
                    actor=actor,
                    publish=publish,
                    owner_party=party.upper(),
                    owner_organization=organization,
                )
        except OSError as error:
            raise CommandError(f"{file}: {error}") from error
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.problem_count:
            raise CommandError(f"{result.problem_count} problem(s): nothing was written.")
        self.stdout.write(", ".join(f"{n} {what}" for what, n in result.counts().items()))

    def handle_export(self, *, fmt, output, **_):
        stream = output.open("wb") if output else sys.stdout.buffer
        try:
            if fmt in TABLES:
                listings = selectors.matching(self.kind, {})
                content = exports.render(listings, self.kind, fmt, about=[])
                stream.write(content if isinstance(content, bytes) else "".join(content).encode())
            else:
                records_file_export(kind=self.kind, fmt=fmt, stream=stream)
        finally:
            if output:
                stream.close()
